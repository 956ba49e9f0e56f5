import * as fs from 'fs';
import * as path from 'path';
import { HOURS_PER_MONTH } from '../analysis/cost/cost-assumptions';
import type { BackendConfig, CloudId, TargetId } from '../targets/cluster-target';
import { TAG_EXPIRES_AT, TAG_LAB } from '../targets/common/common-tags';
import { formatDuration } from './lifecycle-context';

/** One lab environment this checkout created (`lab up`) and has not destroyed yet. */
export interface LabRecord {
  readonly target: TargetId;
  readonly cloud: CloudId;
  readonly cluster: string;
  readonly owner: string;
  /** ISO-8601; also the synthesis time, so a later synth reproduces the lab's tags. */
  readonly createdAt: string;
  /** ISO-8601: createdAt + ttlHours. */
  readonly expiresAt: string;
  readonly ttlHours: number;
  readonly region: string;
  /** Where the Terraform state is: a path relative to the project root, or a bucket URL. */
  readonly stateDir: string;
  /** @default - local state */
  readonly backend?: BackendConfig;
  /** The spec file the lab was deployed from (absolute). @default - the built-in example */
  readonly app?: string;
  /** Monthly cost from the cost model for what was synthesized; absent when the catalog could not price it. */
  readonly monthlyUsd?: number;
}

export const LAB_REGISTRY_FILE = path.join('.orquesta', 'labs.json');
const REGISTRY_VERSION = 1;

interface RegistryFile {
  readonly version: number;
  readonly labs: LabRecord[];
}

/** The labs recorded under `root`; none when the file does not exist. A corrupt file is an error, never silently reset. */
export function readLabRegistry(root: string): LabRecord[] {
  const file = path.join(root, LAB_REGISTRY_FILE);
  if (!fs.existsSync(file)) return [];
  let parsed: Partial<RegistryFile>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<RegistryFile>;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); fix or move it away, nothing was changed`);
  }
  if (parsed.version !== REGISTRY_VERSION || !Array.isArray(parsed.labs)) {
    throw new Error(`${file}: expected { "version": ${REGISTRY_VERSION}, "labs": [...] }`);
  }
  return parsed.labs;
}

/**
 * Replaces the registry atomically: the new content goes to a temporary file in the same
 * directory, is flushed to disk, and is renamed over the old file, so a crash leaves either the
 * old or the new registry, never half of one.
 */
export function writeLabRegistry(root: string, labs: readonly LabRecord[]): void {
  const file = path.join(root, LAB_REGISTRY_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sorted = [...labs].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || labKey(a).localeCompare(labKey(b)));
  const content = `${JSON.stringify({ version: REGISTRY_VERSION, labs: sorted } satisfies RegistryFile, null, 2)}\n`;
  const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** A target's cluster of a given name has one state, so it is one lab. */
export function labKey(lab: Pick<LabRecord, 'target' | 'cluster'>): string {
  return `${lab.target}/${lab.cluster}`;
}

export function upsertLab(root: string, record: LabRecord): void {
  writeLabRegistry(root, [...readLabRegistry(root).filter((l) => labKey(l) !== labKey(record)), record]);
}

/** Removes a lab; true when there was one. */
export function removeLab(root: string, lab: Pick<LabRecord, 'target' | 'cluster'>): boolean {
  const labs = readLabRegistry(root);
  const kept = labs.filter((l) => labKey(l) !== labKey(lab));
  if (kept.length === labs.length) return false;
  writeLabRegistry(root, kept);
  return true;
}

export function findLab(root: string, lab: Pick<LabRecord, 'target' | 'cluster'>): LabRecord | undefined {
  return readLabRegistry(root).find((l) => labKey(l) === labKey(lab));
}

/** A lab as `lab list` shows it. */
export interface LabStatus {
  readonly lab: LabRecord;
  readonly ageHours: number;
  /** Negative once expired. */
  readonly hoursLeft: number;
  /** Expired at the instant `expiresAt` is reached. */
  readonly expired: boolean;
  /** What it has cost since creation (it keeps costing after expiry until reaped). */
  readonly costSoFarUsd?: number;
  /** What it will cost until it expires; 0 once expired. */
  readonly costUntilExpiryUsd?: number;
}

/** Cost of `hours` of something that costs `monthlyUsd` a month (a month being 730 hours, as the cost model uses). */
export function costForHours(monthlyUsd: number, hours: number): number {
  return Math.round((monthlyUsd / HOURS_PER_MONTH) * Math.max(0, hours) * 100) / 100;
}

export function isExpired(lab: Pick<LabRecord, 'expiresAt'>, now: Date): boolean {
  return now.getTime() >= Date.parse(lab.expiresAt);
}

/** Age, expiry and cost of every lab at `now`, oldest first. Pure. */
export function labList(labs: readonly LabRecord[], now: Date): LabStatus[] {
  return [...labs]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((lab) => {
      const ageHours = (now.getTime() - Date.parse(lab.createdAt)) / 3_600_000;
      const hoursLeft = (Date.parse(lab.expiresAt) - now.getTime()) / 3_600_000;
      const priced = lab.monthlyUsd !== undefined;
      return {
        lab,
        ageHours,
        hoursLeft,
        expired: isExpired(lab, now),
        costSoFarUsd: priced ? costForHours(lab.monthlyUsd!, ageHours) : undefined,
        costUntilExpiryUsd: priced ? costForHours(lab.monthlyUsd!, hoursLeft) : undefined,
      };
    });
}

const usd = (n: number | undefined): string => (n === undefined ? 'n/a' : `$${n.toFixed(2)}`);

/** The `lab list` table. */
export function formatLabTable(statuses: readonly LabStatus[]): string {
  if (statuses.length === 0) return 'No labs recorded in .orquesta/labs.json.';
  const header = ['TARGET', 'CLUSTER', 'OWNER', 'REGION', 'AGE', 'EXPIRES', 'COST SO FAR', 'UNTIL EXPIRY', 'STATE'];
  const rows = statuses.map((s) => [
    s.lab.target,
    s.lab.cluster,
    s.lab.owner,
    s.lab.region,
    formatDuration(s.ageHours * 3_600_000),
    s.expired ? `${formatDuration(-s.hoursLeft * 3_600_000)} ago` : `in ${formatDuration(s.hoursLeft * 3_600_000)}`,
    usd(s.costSoFarUsd),
    usd(s.costUntilExpiryUsd),
    s.expired ? 'EXPIRED' : 'active',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * How to find labs in each cloud by tag, including ones this checkout does not know about.
 * Sources: https://docs.aws.amazon.com/cli/latest/reference/resourcegroupstaggingapi/get-resources.html ,
 * https://cloud.google.com/sdk/gcloud/reference/asset/search-all-resources ,
 * https://learn.microsoft.com/cli/azure/resource#az-resource-list
 */
export const LAB_FINDERS: Readonly<Record<CloudId, (region: string) => string>> = {
  aws: (region) =>
    `aws resourcegroupstaggingapi get-resources --region ${region} --tag-filters Key=${TAG_LAB},Values=true ` +
    `--query 'ResourceTagMappingList[].[ResourceARN, Tags[?Key==\`${TAG_EXPIRES_AT}\`]|[0].Value]' --output text`,
  gcp: () =>
    `gcloud asset search-all-resources --scope=projects/$(gcloud config get-value project) --query='labels.${TAG_LAB}=true' ` +
    `--format='table(name, labels.${TAG_EXPIRES_AT})'`,
  azure: () => `az resource list --tag ${TAG_LAB}=true --query "[].{id:id, expires:tags.\\"${TAG_EXPIRES_AT}\\"}" --output table`,
};
