import { COMMANDS, main, usage } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';

function io(): CliIo & { out: jest.Mock; err: jest.Mock } {
  return { cwd: process.cwd(), out: jest.fn(), err: jest.fn() } as never;
}

describe('CLI', () => {
  test.each(COMMANDS.map((c) => [c.name, c] as const))(
    "%s: the summary in --help is the command's own, and its help names it",
    (name, entry) => {
      const command = entry.load();
      expect(command.name).toBe(name);
      expect(command.summary).toBe(entry.summary);
      expect(command.help).toMatch(new RegExp(`^Usage: orquesta ${name}`));
      expect(usage()).toContain(`${name}`);
    },
  );

  test('no command prints usage and exits 2; --help exits 0', async () => {
    const a = io();
    expect(await main([], a)).toBe(2);
    expect(a.out.mock.calls[0][0]).toContain('Usage: orquesta <command>');
    expect(await main(['--help'], io())).toBe(0);
  });

  test('an unknown command or flag is a usage error (exit 2) naming it', async () => {
    const a = io();
    expect(await main(['deploi'], a)).toBe(2);
    expect(a.err.mock.calls[0][0]).toContain("unknown command 'deploi'");
    const b = io();
    expect(await main(['validate', '--tagret', 'eks'], b)).toBe(2);
    expect(b.err.mock.calls[0][0]).toMatch(/Unknown option '--tagret'/);
  });

  test('validate accepts the built-in example and rejects an unknown target', async () => {
    const a = io();
    expect(await main(['validate'], a)).toBe(0);
    expect(a.out.mock.calls[0][0]).toBe('built-in example (web-api): valid for eks, gke, aks, kops');
    const b = io();
    expect(await main(['validate', '--target', 'openshift'], b)).toBe(2);
    expect(b.err.mock.calls[0][0]).toContain("--target 'openshift' is not valid; allowed: all, or a comma list of eks, gke, aks, kops");
  });
});
