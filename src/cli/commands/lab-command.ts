import { BACKEND_OPTION_HELP } from '../../lifecycle/backend-option';
import { labReap, labUp } from '../../lifecycle/lab';
import { LAB_FINDERS, formatLabTable, labList, readLabRegistry } from '../../lifecycle/lab-registry';
import { parseTtl } from '../../lifecycle/lab-ttl';
import { DEFAULT_LAB_TTL_HOURS, DEFAULT_REGIONS, MAX_LAB_TTL_HOURS } from '../../spec/defaults';
import { UsageError } from '../../spec/usage-error';
import type { CloudId } from '../../targets/cluster-target';
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, type CliIo, type Command } from '../command';
import { APP_OPTION_HELP, parseOptions } from '../common-options';
import { loadAppSpec } from '../load-app-spec';
import {
  PROCESS_DEPS,
  QUIET_OPTION_HELP,
  SINGLE_TARGET_HELP,
  lifecycleContext,
  loadRawSpec,
  parseBackend,
  parseSingleTarget,
  rerunLine,
  type LifecycleDeps,
} from './lifecycle-cli';

const DEFAULT_TTL = `${DEFAULT_LAB_TTL_HOURS}h`;

/** `$USER` made into a valid owner label (lowercase letters, digits, '-'); undefined when nothing is left. */
export function ownerFromUser(user: string | undefined): string | undefined {
  const owner = (user ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return owner === '' ? undefined : owner;
}

export function createLabCommand(deps: LifecycleDeps): Command {
  return {
    name: 'lab',
    summary: 'lab environments that expire: lab up | lab list | lab reap',
    help: `Usage: orquesta lab up --target <t> [--ttl <duration>] [--owner <name>] [--app <file>] [--backend <url>] [--quiet]
       orquesta lab list [--json]
       orquesta lab reap [--dry-run] [--yes] [--quiet]

lab up    Deploys like 'orquesta deploy' with lab settings: cluster.lab = { owner, ttlHours }
          puts orquesta-lab=true, orquesta-owner and orquesta-expires-at on every taggable cloud
          resource, every Kubernetes object and the workload's namespace; deletion protection is
          off, the kops state bucket may be destroyed with its content, and one NAT gateway is
          shared by all zones. The lab is recorded in .orquesta/labs.json before anything is
          created. Re-running it restarts the TTL.
lab list  The labs recorded here with age, expiry, cost so far and cost until expiry (monthly
          cost from the comparison's cost model / 730 h), and the commands that find labs by tag
          in each cloud (including ones created elsewhere).
lab reap  Destroys every expired lab with the safe order of 'orquesta destroy' (which still
          refuses a cluster whose state has no lab tag); --dry-run only lists them.

Options (lab up):
${SINGLE_TARGET_HELP}
  --ttl <duration>    lifetime: a whole number with m, h or d, e.g. 90m, 8h, 2d (default: ${DEFAULT_TTL},
                      at most ${MAX_LAB_TTL_HOURS}h); minutes round up to whole hours
  --owner <name>      who to ask before deleting it: lowercase letters, digits, '-'
                      (default: $USER, lower-cased)
${APP_OPTION_HELP}
${BACKEND_OPTION_HELP}
${QUIET_OPTION_HELP}
Options (lab list):
  --json              print { labs: [{ target, cluster, owner, region, createdAt, expiresAt, expired,
                      ageHours, hoursLeft, costSoFarUsd, costUntilExpiryUsd, ... }], finders } on stdout
Options (lab reap):
  --dry-run           list the expired labs; destroy nothing
  --yes               destroy them (required unless --dry-run: reaping runs unattended)
${QUIET_OPTION_HELP}
  -h, --help          show this help

Exit codes: 0 ok, 1 a deploy or a reap failed, 2 invalid usage or spec, or reap refused.`,
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const [sub, ...rest] = argv;
      switch (sub) {
        case 'up':
          return labUpCommand(rest, io, deps);
        case 'list': {
          const opts = parseOptions(rest, { json: { type: 'boolean' } });
          return labListCommand(io, deps, opts.json ?? false);
        }
        case 'reap': {
          const opts = parseOptions(rest, { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, quiet: { type: 'boolean' } });
          const result = await labReap(
            { ...lifecycleContext(io, deps, opts.quiet), loadSpec: (app) => loadAppSpec(app, io.cwd).spec },
            {
              dryRun: opts['dry-run'] ?? false,
              yes: opts.yes ?? false,
            },
          );
          if (!opts['dry-run'] && !opts.yes && result.expired.length > 0) return EXIT_INVALID;
          return result.failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
        }
        default:
          throw new UsageError(
            sub === undefined ? "'lab' needs a subcommand: up, list or reap" : `'lab ${sub}': expected a subcommand: up, list or reap`,
          );
      }
    },
  };
}

async function labUpCommand(argv: readonly string[], io: CliIo, deps: LifecycleDeps): Promise<number> {
  const opts = parseOptions(argv, {
    app: { type: 'string' },
    target: { type: 'string' },
    ttl: { type: 'string' },
    owner: { type: 'string' },
    backend: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  const target = parseSingleTarget(opts.target);
  const ttl = parseTtl(opts.ttl ?? DEFAULT_TTL);
  const owner = opts.owner ?? ownerFromUser(process.env.USER);
  if (!owner) throw new UsageError('--owner is required ($USER is not set)');
  const { raw, app } = loadRawSpec(opts.app, io.cwd);
  const awsRegion = (raw as { cluster?: { regions?: { aws?: string } } })?.cluster?.regions?.aws ?? DEFAULT_REGIONS.aws;
  const result = await labUp(target, {
    ...lifecycleContext(io, deps, opts.quiet),
    rawSpec: raw,
    app,
    owner,
    ttl,
    backend: parseBackend(opts.backend, io.cwd, target, awsRegion),
    rerun: rerunLine(['lab', 'up'], argv),
  });
  return result.ok ? EXIT_OK : EXIT_FAILURE;
}

function labListCommand(io: CliIo, deps: LifecycleDeps, json: boolean): number {
  const labs = readLabRegistry(io.cwd);
  const statuses = labList(labs, deps.now());
  const awsRegions = [...new Set(labs.filter((l) => l.cloud === 'aws').map((l) => l.region))];
  const finders: Array<[CloudId, string[]]> = [
    ['aws', awsRegions.length > 0 ? awsRegions : [DEFAULT_REGIONS.aws]],
    ['gcp', ['']],
    ['azure', ['']],
  ];
  if (json) {
    const round = (n: number | undefined) => (n === undefined ? null : Math.round(n * 100) / 100);
    const rows = statuses.map((s) => ({
      ...s.lab,
      expired: s.expired,
      ageHours: round(s.ageHours),
      hoursLeft: round(s.hoursLeft),
      costSoFarUsd: round(s.costSoFarUsd),
      costUntilExpiryUsd: round(s.costUntilExpiryUsd),
    }));
    const commands = finders.flatMap(([cloud, regions]) => regions.map((region) => ({ cloud, command: LAB_FINDERS[cloud](region) })));
    io.out(JSON.stringify({ labs: rows, finders: commands }, null, 2));
    return EXIT_OK;
  }
  io.out(formatLabTable(statuses));
  io.out('\nFind labs by tag in each cloud (also ones created elsewhere):');
  for (const [cloud, regions] of finders) for (const region of regions) io.out(`  ${cloud.padEnd(5)}  ${LAB_FINDERS[cloud](region)}`);
  return EXIT_OK;
}

export const labCommand: Command = createLabCommand(PROCESS_DEPS);
