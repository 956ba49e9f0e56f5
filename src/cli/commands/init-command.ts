import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { UsageError } from '../../spec/usage-error';
import { EXIT_OK, type CliIo, type Command } from '../command';
import { display } from '../spec-module';
import { STARTER_SPEC, STARTER_TS } from '../starter/starter-spec';

export const DEFAULT_INIT_FILE = 'my-app.ts';

export const initCommand: Command = {
  name: 'init',
  summary: 'write a commented starter spec (default my-app.ts) that validates as written',
  help: `Usage: orquesta init [file] [--force]

Writes a starter spec: a small web workload and a 3-zone cluster, valid on every target, with a
comment on each field. The extension picks the format: .ts (default, commented, typed through
'import { defineApp } from "orquesta"'), .yaml/.yml (commented) or .json.

Options:
  --force             overwrite the file if it exists (otherwise init refuses, exit 2)
  -h, --help          show this help`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let parsed: ReturnType<typeof parseArgs<{ options: { force: { type: 'boolean' } }; allowPositionals: true; strict: true }>>;
    try {
      parsed = parseArgs({ args: [...argv], options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (parsed.positionals.length > 1) throw new UsageError(`init takes one file name, got ${parsed.positionals.length}`);
    const name = parsed.positionals[0] ?? DEFAULT_INIT_FILE;
    const file = path.resolve(io.cwd, name);
    const shown = display(file, io.cwd);
    const text = starterText(path.extname(file), shown);
    if (fs.existsSync(file) && !parsed.values.force) {
      throw new UsageError(`${shown} exists; pass --force to overwrite it (nothing was written)`);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    io.out(`wrote ${shown}: a starter spec for ${STARTER_SPEC.workload.name} on cluster ${STARTER_SPEC.cluster.name}`);
    io.out(`next: npx orquesta validate --app ${shown} && npx orquesta compare --app ${shown}`);
    return EXIT_OK;
  },
};

function starterText(ext: string, shown: string): string {
  switch (ext) {
    case '.ts':
      return STARTER_TS.replace(/__FILE__/g, shown);
    case '.yaml':
    case '.yml': {
      const YAML = require('yaml') as typeof import('yaml');
      return (
        `# A starter spec for orquesta (written by 'orquesta init').\n` +
        `#   npx orquesta validate --app ${shown}\n#   npx orquesta compare --app ${shown}\n` +
        `# Every field and its allowed values: README "The spec", or 'orquesta init my-app.ts' for a commented version.\n` +
        YAML.stringify(STARTER_SPEC)
      );
    }
    case '.json':
      return `${JSON.stringify(STARTER_SPEC, null, 2)}\n`;
    default:
      throw new UsageError(`init: unsupported extension '${ext}'; allowed: .ts, .yaml, .yml, .json`);
  }
}
