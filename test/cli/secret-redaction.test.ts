import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { WEB_API_EXAMPLE } from '../../src/examples/web-api';

/*
 * A corpus of bad specs, each with a secret planted where users paste them (a secret value next to
 * its reference, a credential URL in env or config, a token under an unknown key, a password in a
 * file that does not parse, an error message of a module that fails). Every command that reads a
 * spec is run on each, and ALL of its output is searched for the planted text: stdout, stderr,
 * the --json output and every file left in the project directory.
 */

const MARK = 'PLANTED';
const base = WEB_API_EXAMPLE;
const w = (workload: Record<string, unknown>) => ({ ...base, workload: { ...base.workload, ...workload } });
const c = (cluster: Record<string, unknown>) => ({ ...base, cluster: { ...base.cluster, ...cluster } });
const json = (value: unknown) => JSON.stringify(value, null, 2);

const CORPUS: ReadonlyArray<readonly [string, string, string]> = [
  [
    'value next to a secret reference',
    'a.json',
    json(w({ secrets: [{ envName: 'DB', secretName: 'db', key: 'url', value: `postgres://admin:${MARK}pw1@db:5432/app` }] })),
  ],
  ['secret key that is not a key', 'b.json', json(w({ secrets: [{ envName: 'DB', secretName: 'db', key: `${MARK} pw2` }] }))],
  ['secrets as a plain string', 'c.json', json(w({ secrets: `${MARK}-pw3` }))],
  ['a password-named env value that is not a string', 'd.json', json(w({ env: { API_TOKEN: [`${MARK}4`] } }))],
  ['a credential URL in env', 'e.json', json(w({ env: { CACHE_URL: `redis://default:${MARK}5@cache:6379` } }))],
  ['a password-named config value that is not a string', 'f.json', json(w({ config: { password: { v: `${MARK}6` } } }))],
  ['an unknown password key', 'g.json', json(w({ password: `${MARK}7` }))],
  ['an unknown token key in a target block', 'h.json', json(c({ eks: { token: `${MARK}8` } }))],
  ['a credential URL as the name', 'i.json', json(w({ name: `https://user:${MARK}9@example.com` }))],
  ['a key-like image', 'j.json', json(w({ image: `${MARK}10AbCdEf1234567890abcdefGHIJKL` }))],
  ['a JSON syntax error after a password', 'k.json', `{ "workload": { "password": "${MARK}11" x } }`],
  ['a YAML error after a password', 'l.yaml', `workload:\n  password: "${MARK}12\n  name: [\n`],
  ['a YAML duplicate key with a token', 'm.yaml', `workload:\n  token: ${MARK}13a\n  token: ${MARK}13b\n`],
  ['a module whose error carries a URL', 'n.ts', `throw new Error('cannot reach postgres://app:${MARK}14@db:5432/app');\n`],
  ['a module syntax error on a line with a password', 'o.ts', `export default { password: '${MARK}15' ,, };\n`],
  ['the workload as a token string', 'p.json', json({ ...base, workload: `token=${MARK}16` })],
  ['an unknown api key in exposure', 'q.json', json(w({ exposure: { type: 'public', apiKey: `${MARK}17` } }))],
  ['a password in an egress rule', 'r.json', json(w({ egress: [{ cidr: '10.0.0.0/8', port: 5432, password: `${MARK}18` }] }))],
  ['a GitHub token as a config value', 's.json', json(w({ config: { GH: `ghp_${MARK}19aaaaaaaaaaaaaaaaaaaaaaaaaaaa` } }))],
  ['an AWS access key id in env', 't.json', json(w({ env: { AWS_KEY: `AKIA${MARK}20ABCDEFG` } }))],
  ['a credential URL as the GKE project', 'u.json', json(c({ gke: { project: `https://x:${MARK}21@y.example` } }))],
  ['a secrets entry that is a connection string', 'v.json', json(w({ secrets: [`Server=db;Password=${MARK}22`] }))],
  ['a whole secrets object under an unknown key', 'w.json', json(c({ credentials: { user: 'ana', secret: `${MARK}23` } }))],
  ['a JS module exporting the spec as module.exports', 'x.js', `module.exports = ${json(w({ password: `${MARK}24` }))};\n`],
  [
    'a private key in config',
    'y.json',
    json(w({ config: { TLS: `-----BEGIN PRIVATE KEY-----\\n${MARK}25\\n-----END PRIVATE KEY-----` } })),
  ],
];

const COMMANDS: readonly (readonly string[])[] = [['validate', '--json'], ['synth'], ['compare', '--json'], ['deploy', '--target', 'eks']];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

describe('a planted secret never appears in any output of any command', () => {
  test.each(CORPUS)('%s', async (_name, file, text) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-redaction-'));
    try {
      fs.writeFileSync(path.join(dir, file), text);
      for (const command of COMMANDS) {
        const output: string[] = [];
        const io: CliIo = { cwd: dir, out: (t) => output.push(t), err: (t) => output.push(t) };
        const code = await main([...command, '--app', file], io);
        const all = output.join('\n');
        expect({ command: command.join(' '), code }).toEqual({ command: command.join(' '), code: 2 });
        expect({ command: command.join(' '), leaked: all.includes(MARK) }).toEqual({ command: command.join(' '), leaked: false });
        expect(all.length).toBeGreaterThan(0);
      }
      const written = filesUnder(dir).filter((f) => f !== file);
      expect(written).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
