import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, type CliIo, type Command } from './command';
import { isUserError } from './common-options';
import { compareCommand } from './commands/compare-command';
import { planCommand } from './commands/plan-command';
import { synthCommand } from './commands/synth-command';
import { validateCommand } from './commands/validate-command';

/** Every command, in help order. */
export const COMMANDS: readonly Command[] = [compareCommand, synthCommand, validateCommand, planCommand];

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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`orquesta: unknown command '${name}'\n\n${usage()}`);
    return EXIT_INVALID;
  }
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
