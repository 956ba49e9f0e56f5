import { ValidationError, problemToJson } from '../../spec/validation-error';
import { parseTargetList } from '../../targets/registry';
import { prepareAppSpec } from '../../targets/validate-for-targets';
import { EXIT_INVALID, EXIT_OK, type CliIo, type Command } from '../command';
import { APP_OPTION_HELP, TARGET_OPTION_HELP, parseOptions } from '../common-options';
import { loadAppSpec } from '../load-app-spec';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check the spec and report every problem (exit 2 when invalid); writes nothing',
  help: `Usage: orquesta validate [--app <file>] [--target <t>] [--json]

Checks the whole spec, including each target's own limits (e.g. requests must fit on one node)
and the regions the price catalog covers, and lists every problem with its path, the value
received (secret-looking values as <redacted>) and what is allowed. Writes nothing.

Options:
${APP_OPTION_HELP}
${TARGET_OPTION_HELP}
  --json              print { valid, spec, targets, problems: [{ path, value, requirement,
                      allowed?, message }] } on stdout (exit 0 valid, 2 invalid)
  -h, --help          show this help`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const opts = parseOptions(argv, { app: { type: 'string' }, target: { type: 'string' }, json: { type: 'boolean' } });
    const targets = parseTargetList(opts.target ?? 'all');
    const loaded = loadAppSpec(opts.app, io.cwd);
    const ids = targets.map((t) => t.id);
    try {
      prepareAppSpec(loaded.spec, targets);
    } catch (error) {
      if (!(error instanceof ValidationError) || !opts.json) throw error;
      io.err(`orquesta validate: ${error.problems.length} problem(s) in ${loaded.origin}`);
      io.out(JSON.stringify({ valid: false, spec: loaded.origin, targets: ids, problems: error.problems.map(problemToJson) }, null, 2));
      return EXIT_INVALID;
    }
    if (opts.json) io.out(JSON.stringify({ valid: true, spec: loaded.origin, targets: ids, problems: [] }, null, 2));
    else io.out(`${loaded.origin}: valid for ${ids.join(', ')}`);
    return EXIT_OK;
  },
};
