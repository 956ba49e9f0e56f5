import { createHash } from 'crypto';
import type { PlanJson, ResourceChange } from './plan-summary';

/**
 * A Terraform state (format version 4) built from a plan instead of from a cloud: what the state
 * would hold had the base revision been applied. Planning the head revision against it with
 * `-refresh=false` lets the provider itself decide which changes are updates in place and which
 * force a replacement, with no cloud account (../shared/TOOLCHAIN.md, "plan -refresh=false against
 * a hand-built state").
 *
 * Values the plan knows are taken as they are; values only known after apply (`after_unknown`:
 * ids, ARNs, computed blocks) are filled with realistic fakes of the right type and shape: ids with
 * the prefixes the provider validates (`vpc-`, `subnet-`, `lt-` ...), ARNs, one element for computed
 * lists of objects (so references such as `certificate_authority[0].data` resolve). References
 * between resources become consistent by iterating: plan the base against the state, take the
 * provider's planned values for whatever still changes, repeat (`refineState`).
 */
export interface TerraformState {
  readonly version: 4;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Record<string, never>;
  readonly resources: StateResource[];
}

export interface StateResource {
  readonly mode: 'managed';
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly module?: string;
  readonly instances: StateInstance[];
}

export interface StateInstance {
  readonly index_key?: string | number;
  readonly schema_version: number;
  readonly attributes: Record<string, unknown>;
  readonly sensitive_attributes: never[];
}

/** The slice of `terraform providers schema -json` this module reads. */
export interface ProviderSchemas {
  readonly provider_schemas?: Readonly<Record<string, { readonly resource_schemas?: Readonly<Record<string, ResourceSchema>> }>>;
}

export interface ResourceSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, { readonly type?: CtyType; readonly nested_type?: unknown }>>;
  readonly block_types?: Readonly<Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>>;
}

/** A cty type as the schema JSON spells it: 'string', ['list', 'string'], ['object', {...}] ... */
type CtyType = string | readonly [string, unknown];

/** Id prefixes the AWS provider and API validate (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/ , resource id formats, 2026-11). */
const AWS_ID_PREFIX: Readonly<Record<string, string>> = {
  aws_vpc: 'vpc-',
  aws_subnet: 'subnet-',
  aws_security_group: 'sg-',
  aws_default_security_group: 'sg-',
  aws_internet_gateway: 'igw-',
  aws_nat_gateway: 'nat-',
  aws_eip: 'eipalloc-',
  aws_route_table: 'rtb-',
  aws_route_table_association: 'rtbassoc-',
  aws_launch_template: 'lt-',
  aws_network_acl: 'acl-',
  aws_flow_log: 'fl-',
  aws_vpc_security_group_ingress_rule: 'sgr-',
  aws_vpc_security_group_egress_rule: 'sgr-',
  aws_ebs_volume: 'vol-',
  aws_instance: 'i-',
};

/** Attribute names whose values are ids of other AWS objects, by prefix. */
const AWS_REFERENCE_PREFIX: ReadonlyArray<readonly [RegExp, string]> = [
  [/^vpc_id$/, 'vpc-'],
  [/^subnet_id$/, 'subnet-'],
  [/(^|_)security_group_id$/, 'sg-'],
  [/^allocation_id$/, 'eipalloc-'],
  [/^network_interface_id$/, 'eni-'],
  [/^route_table_id$/, 'rtb-'],
  [/^(owner_id|account_id)$/, ''],
  [/^key_id$/, ''],
];

const FAKE_ACCOUNT = '123456789012';

function hex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function fakeString(name: string, type: string, seed: string, known: Record<string, unknown>): string {
  if (name === 'id') {
    const prefix = AWS_ID_PREFIX[type];
    if (prefix) return `${prefix}${hex(seed, 17)}`;
    if (typeof known.name === 'string') return known.name;
    return `${type.replace(/_/g, '-')}-${hex(seed, 12)}`;
  }
  if (name === 'arn' || name.endsWith('_arn')) {
    const service = type.split('_')[1] ?? 'iam';
    const region = service === 'iam' ? '' : 'us-east-1';
    return `arn:aws:${service}:${region}:${FAKE_ACCOUNT}:${type.replace(/^aws_/, '')}/${hex(seed, 12)}`;
  }
  for (const [re, prefix] of AWS_REFERENCE_PREFIX) {
    if (re.test(name)) return prefix === '' && /owner_id|account_id/.test(name) ? FAKE_ACCOUNT : `${prefix}${hex(seed, 17)}`;
  }
  if (/(^|_)(url|endpoint|issuer)$/.test(name)) return `https://${hex(seed, 16)}.example.com`;
  if (name === 'dns_name') return `${hex(seed, 16)}.elb.us-east-1.amazonaws.com`;
  if (name === 'zone_id') return `Z${hex(seed, 13).toUpperCase()}`;
  if (/(^|_)ip$/.test(name)) return name.includes('public') ? '198.51.100.10' : '10.0.0.10';
  if (/(^|_)(policy|json)$/.test(name)) return '{}';
  if (name.endsWith('cidr_block')) return '10.255.0.0/24';
  return `fake-${hex(seed, 12)}`;
}

/** A value of `type` for an attribute only known after apply. */
function fakeOfType(type: CtyType | undefined, name: string, resourceType: string, seed: string, known: Record<string, unknown>): unknown {
  if (type === undefined || type === 'dynamic') return null;
  if (type === 'string') return fakeString(name, resourceType, seed, known);
  if (type === 'number') return 1; // e.g. latest_version: the provider rejects 0 as a version
  if (type === 'bool') return false;
  const [kind, inner] = type as readonly [string, unknown];
  if (kind === 'map') return {};
  if (kind === 'list' || kind === 'set') {
    // One element for lists of objects, so `x[0].attr` references resolve; none for scalars.
    return Array.isArray(inner) && inner[0] === 'object'
      ? [fakeOfType(inner as unknown as CtyType, name, resourceType, `${seed}[0]`, {})]
      : [];
  }
  if (kind === 'object') {
    const fields = inner as Record<string, CtyType>;
    return Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, fakeOfType(t, k, resourceType, `${seed}.${k}`, {})]));
  }
  return null;
}

/**
 * `after` with every unknown leaf (`after_unknown` true) replaced by a fake of the schema's type.
 * Walks attributes and nested blocks together with their unknown markers.
 */
export function fillUnknowns(
  after: unknown,
  unknown: unknown,
  block: SchemaBlock | undefined,
  resourceType: string,
  seed: string,
): Record<string, unknown> {
  const value = (after ?? {}) as Record<string, unknown>;
  const marks = (unknown ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...value };
  const names = new Set([...Object.keys(value), ...Object.keys(marks)]);
  for (const name of names) {
    const mark = marks[name];
    const attribute = block?.attributes?.[name];
    const nested = block?.block_types?.[name];
    const path = `${seed}.${name}`;
    if (mark === true) {
      if (attribute) out[name] = fakeOfType(attribute.type, name, resourceType, path, value);
      else if (nested) out[name] = nested.nesting_mode === 'single' ? fillUnknowns({}, {}, nested.block, resourceType, path) : [];
      else out[name] = null;
    } else if (mark && typeof mark === 'object' && nested) {
      const items = Array.isArray(value[name]) ? (value[name] as unknown[]) : [];
      const itemMarks = Array.isArray(mark) ? (mark as unknown[]) : [];
      out[name] =
        nested.nesting_mode === 'single'
          ? fillUnknowns(value[name], mark, nested.block, resourceType, path)
          : items.map((item, i) => fillUnknowns(item, itemMarks[i], nested.block, resourceType, `${path}[${i}]`));
    } else if (mark && typeof mark === 'object' && attribute) {
      out[name] = fillValue(value[name], mark, attribute.type, name, resourceType, path);
    }
  }
  return out;
}

/** Fills unknowns inside an attribute of a collection or object type. */
function fillValue(value: unknown, mark: unknown, type: CtyType | undefined, name: string, resourceType: string, seed: string): unknown {
  if (mark === true) return fakeOfType(type, name, resourceType, seed, {});
  if (!mark || typeof mark !== 'object' || type === undefined || typeof type === 'string') return value;
  const [kind, inner] = type as readonly [string, unknown];
  if ((kind === 'list' || kind === 'set') && Array.isArray(value) && Array.isArray(mark)) {
    return value.map((v, i) => fillValue(v, mark[i], inner as CtyType, name, resourceType, `${seed}[${i}]`));
  }
  if (kind === 'map' && value && typeof value === 'object') {
    const m = mark as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        fillValue(v, m[k], inner as CtyType, k, resourceType, `${seed}.${k}`),
      ]),
    );
  }
  if (kind === 'object' && value && typeof value === 'object') {
    const fields = inner as Record<string, CtyType>;
    const m = mark as Record<string, unknown>;
    const v = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(fields).map((k) => [k, fillValue(v[k], m[k], fields[k], k, resourceType, `${seed}.${k}`)]));
  }
  return value;
}

function resourceSchema(schemas: ProviderSchemas, provider: string, type: string): ResourceSchema | undefined {
  return schemas.provider_schemas?.[provider]?.resource_schemas?.[type];
}

function isManagedChange(rc: ResourceChange): boolean {
  return (rc.mode ?? 'managed') === 'managed' && rc.change.actions.some((a) => a === 'create' || a === 'update');
}

function instanceFrom(rc: ResourceChange, schemas: ProviderSchemas): StateInstance {
  const schema = resourceSchema(schemas, rc.provider_name ?? '', rc.type);
  return {
    ...(rc.index !== undefined ? { index_key: rc.index } : {}),
    schema_version: schema?.version ?? 0,
    attributes: fillUnknowns(rc.change.after, rc.change.after_unknown, schema?.block, rc.type, rc.address),
    sensitive_attributes: [],
  };
}

/** The state the base plan would leave behind: every created resource with its planned (and faked) values. */
export function stateFromPlan(plan: PlanJson, schemas: ProviderSchemas, terraformVersion = '1.11.4'): TerraformState {
  const byResource = new Map<string, StateResource>();
  for (const rc of plan.resource_changes ?? []) {
    if (!isManagedChange(rc)) continue;
    const key = `${rc.module_address ?? ''}|${rc.type}.${rc.name}`;
    let resource = byResource.get(key);
    if (!resource) {
      resource = {
        mode: 'managed',
        type: rc.type,
        name: rc.name ?? rc.address.split('.').pop()!.replace(/\[.*$/, ''),
        provider: `provider["${rc.provider_name ?? `registry.terraform.io/hashicorp/${rc.type.split('_')[0]}`}"]`,
        ...(rc.module_address ? { module: rc.module_address } : {}),
        instances: [],
      };
      byResource.set(key, resource);
    }
    resource.instances.push(instanceFrom(rc, schemas));
  }
  return {
    version: 4,
    terraform_version: terraformVersion,
    serial: 1,
    lineage: `orquesta-would-be-${hex(JSON.stringify([...byResource.keys()]), 8)}`,
    outputs: {},
    resources: [...byResource.values()],
  };
}

/**
 * The base planned against `state`: whatever the provider still wants to change is taken from
 * that plan (references now resolve to the state's values), so the next round plans cleaner.
 * Returns the refined state and how many resources changed; 0 means the state is a fixed point.
 */
export function refineState(
  state: TerraformState,
  planAgainstState: PlanJson,
  schemas: ProviderSchemas,
): { state: TerraformState; changed: number } {
  const changes = new Map<string, ResourceChange>();
  for (const rc of planAgainstState.resource_changes ?? []) {
    if ((rc.mode ?? 'managed') !== 'managed' || rc.change.actions.every((a) => a === 'no-op' || a === 'read')) continue;
    changes.set(rc.address, rc);
  }
  const resources = state.resources.map((r) => ({
    ...r,
    instances: r.instances.map((inst) => {
      const address = `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${inst.index_key === undefined ? '' : typeof inst.index_key === 'number' ? `[${inst.index_key}]` : `["${inst.index_key}"]`}`;
      const rc = changes.get(address);
      return rc && rc.change.after ? instanceFrom(rc, schemas) : inst;
    }),
  }));
  return { state: { ...state, serial: state.serial + 1, resources }, changed: changes.size };
}

/** Managed resources that plan to change (anything but no-op/read), by address. */
export function pendingChanges(plan: PlanJson): Map<string, ResourceChange> {
  const out = new Map<string, ResourceChange>();
  for (const rc of plan.resource_changes ?? []) {
    if ((rc.mode ?? 'managed') !== 'managed') continue;
    if (rc.change.actions.every((a) => a === 'no-op' || a === 'read')) continue;
    out.set(rc.address, rc);
  }
  return out;
}

/**
 * The head's changes minus what the base itself still changes against the same state (the residual
 * a faked computed value leaves, e.g. a cluster's certificate authority): a change is dropped only
 * when the base plans exactly the same actions with the same planned values for that address.
 */
export function subtractResidual(head: PlanJson, baseAgainstState: PlanJson): PlanJson {
  const residual = pendingChanges(baseAgainstState);
  const kept = (head.resource_changes ?? []).filter((rc) => {
    const r = residual.get(rc.address);
    if (!r) return true;
    return !(r.change.actions.join() === rc.change.actions.join() && JSON.stringify(r.change.after) === JSON.stringify(rc.change.after));
  });
  return { ...head, resource_changes: kept };
}
