import { closest } from '../spec/checks';
import { ValidationError, problemToJson } from '../spec/validation-error';
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, type CliIo, type Command } from './command';
import { isUserError } from './common-options';
/**
 * Every command, in help order. Each is loaded only when run, so `synth` does not pay for Vega or the
 * lifecycle code at start-up. The summary here must equal the command's own (a test checks).
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Command;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'compare',
    summary: 'synthesize every target, then compare monthly cost and fault tolerance (report/)',
    load: () => (require('./commands/compare-command') as typeof import('./commands/compare-command')).compareCommand,
  },
  {
    name: 'synth',
    summary: 'validate the spec and write cdktf.out/stacks/<target>/ and dist/k8s/<target>/',
    load: () => (require('./commands/synth-command') as typeof import('./commands/synth-command')).synthCommand,
  },
  {
    name: 'validate',
    summary: 'check the spec and report every problem (exit 2 when invalid); writes nothing',
    load: () => (require('./commands/validate-command') as typeof import('./commands/validate-command')).validateCommand,
  },
  {
    name: 'plan',
    summary: 'terraform plan per target + cost and fault-tolerance delta, as a PR comment (plan-report/)',
    load: () => (require('./commands/plan-command') as typeof import('./commands/plan-command')).planCommand,
  },
  {
    name: 'deploy',
    summary: 'synth, terraform apply, fetch cluster credentials and kubectl apply one target',
    load: () => (require('./commands/deploy-command') as typeof import('./commands/deploy-command')).deployCommand,
  },
  {
    name: 'destroy',
    summary: "delete the workload's load balancers and volumes, wait for the cloud, then terraform destroy",
    load: () => (require('./commands/destroy-command') as typeof import('./commands/destroy-command')).destroyCommand,
  },
  {
    name: 'lab',
    summary: 'lab environments that expire: lab up | lab list | lab reap',
    load: () => (require('./commands/lab-command') as typeof import('./commands/lab-command')).labCommand,
  },
  {
    name: 'init',
    summary: 'write a commented starter spec (default my-app.ts) that validates as written',
    load: () => (require('./commands/init-command') as typeof import('./commands/init-command')).initCommand,
  },
  {
    name: 'upgrade',
    summary: 'upgrade a running kops cluster one minor: control plane member by member, then the workers',
    load: () => (require('./commands/upgrade-command') as typeof import('./commands/upgrade-command')).upgradeCommand,
  },
  {
    name: 'etcd-restore',
    summary: "restore a kops cluster's etcd from a snapshot in its state bucket",
    load: () => (require('./commands/etcd-restore-command') as typeof import('./commands/etcd-restore-command')).etcdRestoreCommand,
  },
];

/** The package version, inlined into the bundle at build time. */
export function version(): string {
  return (require('../../package.json') as { version: string }).version;
}

/** Exit codes, as `--help` and the README list them. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  ok (validate: the spec is valid)',
  '  1  failure: a step failed (terraform, kubectl, I/O) or an internal error',
  '  2  invalid spec or usage: unknown command or option, unreadable spec file, spec problems,',
  '     a refused destroy; nothing was written',
].join('\n');

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: orquesta <command> [options]',
    '',
    'Define one Kubernetes workload once; synthesize it for Amazon EKS, Google GKE, Azure AKS and a',
    'kops-style cluster on EC2; compare monthly cost and fault tolerance.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'orquesta <command> --help' for a command's options, 'orquesta --version' for the version.",
    'Machine-readable output: --json on validate, compare and lab list (errors too, as { error } on stdout).',
    '',
    EXIT_CODES_HELP,
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '-h' || name === '--help' || name === 'help') {
    io.out(usage());
    return EXIT_OK;
  }
  if (name === '-v' || name === '--version' || name === 'version') {
    io.out(`orquesta ${version()}`);
    return EXIT_OK;
  }
  if (!name) {
    io.err(usage());
    return EXIT_INVALID;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const near = closest(
      name,
      COMMANDS.map((c) => c.name),
    );
    const hint = near ? `; did you mean '${near}'?` : '';
    io.err(`orquesta: unknown command '${name}'${hint}\n\n${usage()}`);
    return EXIT_INVALID;
  }
  const command = entry.load();
  if (rest.includes('-h') || rest.includes('--help')) {
    io.out(command.help);
    return EXIT_OK;
  }
  const json = rest.includes('--json');
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isUserError(error)) {
      io.err(`orquesta ${name}: ${error.message}`);
      if (json) io.out(JSON.stringify(userErrorJson(error), null, 2));
      return EXIT_INVALID;
    }
    io.err(`orquesta ${name} failed (an internal error; please report it with this output): ${(error as Error).stack ?? String(error)}`);
    if (json) io.out(JSON.stringify({ error: { kind: 'failure', message: (error as Error).message ?? String(error) } }, null, 2));
    return EXIT_FAILURE;
  }
}

/** `{ error: { kind, message, problems? } }`: what `--json` prints instead of a result when the input is wrong. */
export function userErrorJson(error: Error): unknown {
  if (error instanceof ValidationError) {
    return { error: { kind: 'invalid-spec', message: error.message, problems: error.problems.map(problemToJson) } };
  }
  return { error: { kind: 'usage', message: error.message } };
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
}
