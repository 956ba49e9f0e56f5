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
    "Run 'orquesta <command> --help' for a command's options.",
    'Exit codes: 0 ok, 1 failure, 2 invalid spec or usage (nothing written).',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.out(usage());
    return name ? EXIT_OK : EXIT_INVALID;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`orquesta: unknown command '${name}'\n\n${usage()}`);
    return EXIT_INVALID;
  }
  const command = entry.load();
  if (rest.includes('-h') || rest.includes('--help')) {
    io.out(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isUserError(error)) {
      io.err(`orquesta ${name}: ${error.message}`);
      return EXIT_INVALID;
    }
    io.err(`orquesta ${name} failed: ${(error as Error).stack ?? String(error)}`);
    return EXIT_FAILURE;
  }
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
}
