import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';

/** `compare` in a temp project: the sweep lands in comparison.json, and an unmet --require exits 1 (a CI gate). */
describe('compare --sweep / --require', () => {
  let dir: string;
  beforeAll(() => {
    // Not orquesta-test-*: a concurrent jest run's global teardown removes those.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-compare-sweep-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = async (args: string[]) => {
    const out: string[] = [];
    const io: CliIo = { cwd: dir, out: (s: string) => out.push(s), err: (s: string) => out.push(s) } as never;
    const status = await main(['compare', '--no-color', ...args], io);
    return { status, out: out.join('\n') };
  };

  test('a goal some configuration meets exits 0; the JSON holds every configuration', async () => {
    const r = await run(['--target', 'eks', '--sweep', 'nodes=2..3', '--sweep', 'zones=1..2', '--require', 'survive=zone']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/eks +\$ +[\d.]+\/month with 2 nodes, 2 zone\(s\)/);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'report', 'comparison.json'), 'utf8'));
    expect(json.sweep.targets[0].configurations).toHaveLength(4);
    expect(json.sweep.targets[0].configurations[0]).toMatchObject({ inputs: { nodes: 2, zones: 1 }, meets: false });
    expect(json.assumptions.priceDateRange.oldest <= json.assumptions.priceDateRange.newest).toBe(true);
  }, 60_000);

  test('no configuration meets --require: exit 1, and it says so', async () => {
    const r = await run(['--target', 'eks', '--sweep', 'zones=1', '--require', 'survive=zone']);
    expect(r.status).toBe(1);
    expect(r.out).toContain('no configuration of any target meets the goal: exit status 1');
  }, 60_000);

  test('a bad --datadog-billing is a usage error (exit 2)', async () => {
    expect((await run(['--datadog-billing', 'monthly'])).status).toBe(2);
  });
});
