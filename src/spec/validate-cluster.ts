import { checkCidrList, checkInt, checkKnownKeys, checkLabel, checkOneOf, closest, isObject } from './checks';
import { CLOUD_REGIONS, PRICED_REGIONS, type RegionCloud } from './cloud-regions';
import { EKS_LOG_TYPES } from './cluster-spec';
import { DEFAULT_ZONES, MAX_LAB_TTL_HOURS } from './defaults';
import { SIZE_CLASS_NAMES } from './size-classes';
import type { ProblemList } from './validation-error';

const CLUSTER_KEYS = [
  'name',
  'kubernetesVersion',
  'zones',
  'controlPlane',
  'nodePools',
  'regions',
  'natGateways',
  'maintenanceWindow',
  'lab',
  'eks',
  'gke',
  'aks',
  'kops',
] as const;

/** Oldest minor any of the four targets still runs (AKS LTS / EKS extended support reach back this far, 2026-11). */
const MIN_KUBERNETES_MINOR = 29;
const MAX_KUBERNETES_MINOR = 36;

/**
 * kops' etcd: 1 member (a lab or `controlPlane: single`), 3 (tolerates losing one) or 5 (two).
 * KopsControlPlane places members round-robin over the zones, so 3 or 5 members in fewer than 3
 * zones leave one zone with a majority (3 in 2 zones: 2+1; 5 in 2: 3+2): losing that zone stops
 * the API, so an HA member count must span 3 zones. The default count follows `controlPlane` and
 * is not checked here (the comparison shows its zone-loss verdict instead).
 * https://etcd.io/docs/v3.5/faq/#what-is-failure-tolerance (2026-11)
 */
function validateKopsControlPlaneCount(list: ProblemList, path: string, count: unknown, zones: unknown): void {
  if (count === undefined) return;
  if (count !== 1 && count !== 3 && count !== 5) {
    list.add(
      `${path}.kops.controlPlaneCount`,
      count,
      'must be 1 (a lab or single control plane), 3 (tolerates losing one member) or 5 (tolerates two): etcd needs an odd member count',
    );
    return;
  }
  const zoneCount = typeof zones === 'number' ? zones : DEFAULT_ZONES;
  if (count > 1 && zoneCount < 3) {
    list.add(
      `${path}.kops.controlPlaneCount`,
      count,
      `must be 1 with ${path}.zones ${zoneCount}: ${count} etcd members in ${zoneCount} zone(s) put a majority in one zone, so losing that zone stops the API; ${count} members must span 3 zones (set zones: 3) or use 1 for a lab`,
    );
  }
}

export function validateCluster(list: ProblemList, value: unknown, path = 'cluster'): void {
  if (!isObject(value)) {
    list.add(path, value, 'must be an object with at least a name');
    return;
  }
  const c = value;
  checkKnownKeys(list, path, c, CLUSTER_KEYS);
  checkLabel(list, `${path}.name`, c.name, 30);
  if (c.kubernetesVersion !== undefined) {
    const m = typeof c.kubernetesVersion === 'string' ? /^1\.(\d+)$/.exec(c.kubernetesVersion) : null;
    if (!m || Number(m[1]) < MIN_KUBERNETES_MINOR || Number(m[1]) > MAX_KUBERNETES_MINOR) {
      list.add(
        `${path}.kubernetesVersion`,
        c.kubernetesVersion,
        `must be a minor version '1.${MIN_KUBERNETES_MINOR}'..'1.${MAX_KUBERNETES_MINOR}' as a string`,
      );
    }
  }
  if (c.zones !== undefined) checkInt(list, `${path}.zones`, c.zones, 1, 3);
  if (c.controlPlane !== undefined) checkOneOf(list, `${path}.controlPlane`, c.controlPlane, ['ha', 'single']);
  if (c.natGateways !== undefined) checkOneOf(list, `${path}.natGateways`, c.natGateways, ['per-zone', 'single']);
  validateNodePools(list, `${path}.nodePools`, c.nodePools);
  validateRegions(list, `${path}.regions`, c.regions);
  validateLab(list, `${path}.lab`, c.lab);
  validateMaintenanceWindow(list, `${path}.maintenanceWindow`, c.maintenanceWindow);
  validateTargetOptions(list, path, c);
}

function validateNodePools(list: ProblemList, path: string, pools: unknown): void {
  if (pools === undefined) return;
  if (!Array.isArray(pools) || pools.length === 0) {
    list.add(path, pools, 'must be a non-empty list of node pools');
    return;
  }
  const names = new Set<string>();
  pools.forEach((pool, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(pool)) {
      list.add(p, pool, 'must be { name, sizeClass, minNodes, desiredNodes, maxNodes }');
      return;
    }
    checkKnownKeys(list, p, pool, ['name', 'sizeClass', 'minNodes', 'desiredNodes', 'maxNodes', 'capacity']);
    if (pool.capacity !== undefined) checkOneOf(list, `${p}.capacity`, pool.capacity, ['on-demand', 'spot']);
    if (checkLabel(list, `${p}.name`, pool.name, 12)) {
      if (names.has(pool.name)) list.add(`${p}.name`, pool.name, 'must be unique among node pools');
      names.add(pool.name);
    }
    checkOneOf(list, `${p}.sizeClass`, pool.sizeClass, SIZE_CLASS_NAMES);
    const ok = [
      checkInt(list, `${p}.minNodes`, pool.minNodes, 0, 100),
      checkInt(list, `${p}.desiredNodes`, pool.desiredNodes, 1, 100),
      checkInt(list, `${p}.maxNodes`, pool.maxNodes, 1, 100),
    ];
    if (!ok.every(Boolean)) return;
    const [min, desired, max] = [pool.minNodes, pool.desiredNodes, pool.maxNodes] as number[];
    if (min > desired) list.add(`${p}.minNodes`, min, `must be <= ${p}.desiredNodes (${desired})`);
    if (desired > max) list.add(`${p}.desiredNodes`, desired, `must be <= ${p}.maxNodes (${max})`);
  });
}

const CLOUD_NAMES = { aws: 'an AWS', gcp: 'a GCP', azure: 'an Azure' } as const;

function validateRegions(list: ProblemList, path: string, regions: unknown): void {
  if (regions === undefined) return;
  if (!isObject(regions)) {
    list.add(path, regions, 'must be { aws?, gcp?, azure? }');
    return;
  }
  checkKnownKeys(list, path, regions, ['aws', 'gcp', 'azure']);
  for (const cloud of ['aws', 'gcp', 'azure'] as const) {
    const region = regions[cloud];
    if (region === undefined) continue;
    if (typeof region !== 'string' || !CLOUD_REGIONS[cloud].includes(region)) {
      const near = typeof region === 'string' ? closest(region, CLOUD_REGIONS[cloud]) : undefined;
      const hint = near ? ` did you mean '${near}'?` : '';
      list.add(`${path}.${cloud}`, region, `is not ${CLOUD_NAMES[cloud]} region;${hint} ${supportedRegions(cloud)}`, PRICED_REGIONS[cloud]);
    }
  }
}

function supportedRegions(cloud: RegionCloud): string {
  return `supported (regions with prices in the catalog): ${PRICED_REGIONS[cloud].join(', ')}`;
}

/**
 * The product gate's region check (run by `prepareAppSpec` for the clouds of the chosen targets):
 * a real region the price catalog lacks cannot be compared or costed, so it is rejected before
 * anything is written. Regions that are not real were already reported by `validateCluster`.
 */
export function validatePricedRegions(list: ProblemList, cluster: unknown, clouds: readonly RegionCloud[], path = 'cluster.regions'): void {
  const regions = isObject(cluster) && isObject(cluster.regions) ? cluster.regions : {};
  for (const cloud of clouds) {
    const region = regions[cloud];
    if (typeof region !== 'string' || !CLOUD_REGIONS[cloud].includes(region) || PRICED_REGIONS[cloud].includes(region)) continue;
    list.add(
      `${path}.${cloud}`,
      region,
      `is a real ${CLOUD_NAMES[cloud].replace(/^an? /, '')} region but has no prices in orquesta's catalog, so nothing could be compared; ${supportedRegions(cloud)}`,
      PRICED_REGIONS[cloud],
    );
  }
}

const DAYS_OF_WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

function validateMaintenanceWindow(list: ProblemList, path: string, window: unknown): void {
  if (window === undefined) return;
  if (!isObject(window)) {
    list.add(path, window, 'must be { dayOfWeek?, startHourUtc?, durationHours? }');
    return;
  }
  checkKnownKeys(list, path, window, ['dayOfWeek', 'startHourUtc', 'durationHours']);
  if (window.dayOfWeek !== undefined) checkOneOf(list, `${path}.dayOfWeek`, window.dayOfWeek, DAYS_OF_WEEK);
  if (window.startHourUtc !== undefined) checkInt(list, `${path}.startHourUtc`, window.startHourUtc, 0, 23);
  const hours = window.durationHours;
  if (hours !== undefined && (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 11 || hours > 24)) {
    list.add(
      `${path}.durationHours`,
      hours,
      'must be an integer in 11..24: GKE needs >= 48 h of maintenance availability per 32 days (11 h weekly gives 50 h)',
    );
  }
}

function validateLab(list: ProblemList, path: string, lab: unknown): void {
  if (lab === undefined) return;
  if (!isObject(lab)) {
    list.add(path, lab, 'must be { owner, ttlHours? }');
    return;
  }
  checkKnownKeys(list, path, lab, ['owner', 'ttlHours']);
  checkLabel(list, `${path}.owner`, lab.owner, 63);
  if (lab.ttlHours !== undefined) checkInt(list, `${path}.ttlHours`, lab.ttlHours, 1, MAX_LAB_TTL_HOURS);
}

function validateTargetOptions(list: ProblemList, path: string, c: Record<string, unknown>): void {
  const block = (name: string, keys: readonly string[]): Record<string, unknown> | undefined => {
    const v = c[name];
    if (v === undefined) return undefined;
    if (!isObject(v)) {
      list.add(`${path}.${name}`, v, `must be an object with optional ${keys.join(', ')}`);
      return undefined;
    }
    checkKnownKeys(list, `${path}.${name}`, v, keys);
    return v;
  };
  const eks = block('eks', ['accountId', 'publicAccessCidrs', 'supportType', 'mode', 'adminPrincipalArns', 'controlPlaneLogTypes']);
  if (eks?.mode !== undefined) checkOneOf(list, `${path}.eks.mode`, eks.mode, ['managed-node-groups', 'auto']);
  if (eks?.adminPrincipalArns !== undefined) {
    if (!Array.isArray(eks.adminPrincipalArns))
      list.add(`${path}.eks.adminPrincipalArns`, eks.adminPrincipalArns, 'must be a list of IAM role or user ARNs');
    else
      eks.adminPrincipalArns.forEach((arn, i) => {
        if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@\/-]+$/.test(arn)) {
          list.add(
            `${path}.eks.adminPrincipalArns[${i}]`,
            arn,
            "must be an IAM role or user ARN, e.g. 'arn:aws:iam::123456789012:role/platform-admin'",
          );
        }
      });
  }
  if (eks?.controlPlaneLogTypes !== undefined) {
    if (!Array.isArray(eks.controlPlaneLogTypes))
      list.add(`${path}.eks.controlPlaneLogTypes`, eks.controlPlaneLogTypes, `must be a list of ${EKS_LOG_TYPES.join(', ')}`);
    else eks.controlPlaneLogTypes.forEach((t, i) => checkOneOf(list, `${path}.eks.controlPlaneLogTypes[${i}]`, t, EKS_LOG_TYPES));
  }
  if (eks?.accountId !== undefined && (typeof eks.accountId !== 'string' || !/^\d{12}$/.test(eks.accountId))) {
    list.add(`${path}.eks.accountId`, eks.accountId, 'must be a 12-digit AWS account id as a string');
  }
  if (eks?.publicAccessCidrs !== undefined) checkCidrList(list, `${path}.eks.publicAccessCidrs`, eks.publicAccessCidrs);
  if (eks?.supportType !== undefined) checkOneOf(list, `${path}.eks.supportType`, eks.supportType, ['STANDARD', 'EXTENDED']);

  const gke = block('gke', [
    'project',
    'locationType',
    'releaseChannel',
    'masterAuthorizedCidrs',
    'binaryAuthorization',
    'rbacSecurityGroup',
    'secretsEncryptionKey',
  ]);
  if (gke?.binaryAuthorization !== undefined && typeof gke.binaryAuthorization !== 'boolean') {
    list.add(`${path}.gke.binaryAuthorization`, gke.binaryAuthorization, 'must be true or false');
  }
  if (
    gke?.rbacSecurityGroup !== undefined &&
    (typeof gke.rbacSecurityGroup !== 'string' || !/^gke-security-groups@[a-z0-9.-]+\.[a-z]{2,}$/.test(gke.rbacSecurityGroup))
  ) {
    list.add(
      `${path}.gke.rbacSecurityGroup`,
      gke.rbacSecurityGroup,
      "must be your organisation's 'gke-security-groups@<domain>' Google Group",
    );
  }
  if (
    gke?.secretsEncryptionKey !== undefined &&
    (typeof gke.secretsEncryptionKey !== 'string' ||
      !/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/.test(gke.secretsEncryptionKey))
  ) {
    list.add(
      `${path}.gke.secretsEncryptionKey`,
      gke.secretsEncryptionKey,
      "must be a Cloud KMS key name 'projects/<p>/locations/<region>/keyRings/<r>/cryptoKeys/<k>'",
    );
  }
  if (gke?.project !== undefined && (typeof gke.project !== 'string' || !/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(gke.project))) {
    list.add(
      `${path}.gke.project`,
      gke.project,
      'must be a GCP project id: 6-30 lowercase letters, digits or hyphens, starting with a letter',
    );
  }
  if (gke?.locationType !== undefined && checkOneOf(list, `${path}.gke.locationType`, gke.locationType, ['regional', 'zonal'])) {
    if (gke.locationType === 'zonal' && c.controlPlane !== 'single') {
      list.add(
        `${path}.gke.locationType`,
        gke.locationType,
        `conflicts with ${path}.controlPlane (${c.controlPlane ?? 'ha (default)'}): a zonal GKE control plane is a single replica; set controlPlane 'single' or locationType 'regional'`,
      );
    }
  }
  if (gke?.releaseChannel !== undefined) checkOneOf(list, `${path}.gke.releaseChannel`, gke.releaseChannel, ['RAPID', 'REGULAR', 'STABLE']);
  if (gke?.masterAuthorizedCidrs !== undefined) checkCidrList(list, `${path}.gke.masterAuthorizedCidrs`, gke.masterAuthorizedCidrs);

  const aks = block('aks', ['tier', 'upgradeChannel', 'apiServerAuthorizedCidrs', 'adminGroupObjectIds', 'azurePolicy']);
  if (aks?.azurePolicy !== undefined && typeof aks.azurePolicy !== 'boolean')
    list.add(`${path}.aks.azurePolicy`, aks.azurePolicy, 'must be true or false');
  if (aks?.adminGroupObjectIds !== undefined) {
    if (!Array.isArray(aks.adminGroupObjectIds))
      list.add(`${path}.aks.adminGroupObjectIds`, aks.adminGroupObjectIds, 'must be a list of Entra ID group object ids');
    else
      aks.adminGroupObjectIds.forEach((id, i) => {
        if (typeof id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
          list.add(`${path}.aks.adminGroupObjectIds[${i}]`, id, 'must be an Entra ID object id (a lowercase GUID)');
        }
      });
  }
  if (aks?.tier !== undefined) checkOneOf(list, `${path}.aks.tier`, aks.tier, ['Free', 'Standard', 'Premium']);
  if (aks?.upgradeChannel !== undefined) {
    checkOneOf(list, `${path}.aks.upgradeChannel`, aks.upgradeChannel, ['patch', 'stable', 'rapid', 'node-image']);
  }
  if (aks?.apiServerAuthorizedCidrs !== undefined)
    checkCidrList(list, `${path}.aks.apiServerAuthorizedCidrs`, aks.apiServerAuthorizedCidrs);

  const kops = block('kops', ['controlPlaneCount', 'controlPlaneSizeClass', 'amiSsmParameter', 'apiAccessCidrs']);
  validateKopsControlPlaneCount(list, path, kops?.controlPlaneCount, c.zones);
  if (kops?.controlPlaneSizeClass !== undefined) {
    checkOneOf(list, `${path}.kops.controlPlaneSizeClass`, kops.controlPlaneSizeClass, SIZE_CLASS_NAMES);
  }
  if (kops?.amiSsmParameter !== undefined && (typeof kops.amiSsmParameter !== 'string' || !kops.amiSsmParameter.startsWith('/'))) {
    list.add(`${path}.kops.amiSsmParameter`, kops.amiSsmParameter, "must be an SSM parameter path starting with '/'");
  }
  if (kops?.apiAccessCidrs !== undefined) checkCidrList(list, `${path}.kops.apiAccessCidrs`, kops.apiAccessCidrs);
}
