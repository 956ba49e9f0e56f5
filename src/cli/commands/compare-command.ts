import { synthCommand } from './synth-command';
import type { CliIo, Command } from '../command';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'synthesize every target and print the side-by-side summary',
  help: synthCommand.help.replace('orquesta synth', 'orquesta compare'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    return synthCommand.run(argv, io);
  },
};
