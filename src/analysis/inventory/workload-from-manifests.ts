import { MONITORING_ANNOTATION } from '../../k8s/labels';
import type { WorkloadInventory } from './inventory';

/** A Kubernetes object as read from the synthesized YAML. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: any;
}

const BINARY: Readonly<Record<string, number>> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024 };
const DECIMAL: Readonly<Record<string, number>> = { k: 1e3 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576 };

/** `256Mi`, `1Gi`, `500M` → MiB. */
export function parseMemoryMiB(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity / 1048576;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G)?$/.exec(quantity);
  if (!m) throw new Error(`cannot read memory quantity '${quantity}'`);
  const unit = m[2];
  if (!unit) return Number(m[1]) / 1048576;
  return Number(m[1]) * (BINARY[unit] ?? DECIMAL[unit]);
}

/** `250m`, `1`, `0.5` → millicores. */
export function parseCpuMillicores(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity * 1000;
  const m = /^(\d+(?:\.\d+)?)(m)?$/.exec(quantity);
  if (!m) throw new Error(`cannot read CPU quantity '${quantity}'`);
  return m[2] ? Number(m[1]) : Number(m[1]) * 1000;
}

/** Reads the workload's shape from its manifests: replicas, requests, PDB, spreading, exposure, claims. */
export function workloadFromManifests(objects: readonly ManifestObject[]): WorkloadInventory {
  const pods = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
  if (pods.length !== 1) {
    throw new Error(`expected exactly one Deployment or StatefulSet in the manifests, found ${pods.length}`);
  }
  const workload = pods[0];
  const podSpec = workload.spec.template.spec;
  const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec?.scaleTargetRef?.name === workload.metadata.name);
  const replicas = hpa ? (hpa.spec.minReplicas ?? 1) : (workload.spec.replicas ?? 1);
  const requests = podSpec.containers.reduce(
    (sum: { cpuMillicores: number; memoryMiB: number }, c: any) => ({
      cpuMillicores: sum.cpuMillicores + parseCpuMillicores(c.resources?.requests?.cpu ?? 0),
      memoryMiB: sum.memoryMiB + parseMemoryMiB(c.resources?.requests?.memory ?? 0),
    }),
    { cpuMillicores: 0, memoryMiB: 0 },
  );
  const zoneConstraint = (podSpec.topologySpreadConstraints ?? []).find((c: any) => c.topologyKey === 'topology.kubernetes.io/zone');
  return {
    name: workload.metadata.name,
    kind: workload.kind as WorkloadInventory['kind'],
    replicas,
    maxReplicas: hpa ? hpa.spec.maxReplicas : replicas,
    requests,
    disruptionBudget: readBudget(objects, replicas),
    zoneSpread: !zoneConstraint ? 'none' : zoneConstraint.whenUnsatisfiable === 'DoNotSchedule' ? 'hard' : 'soft',
    nodeSelector: podSpec.nodeSelector ?? {},
    loadBalancers: [
      ...objects
        .filter((o) => o.kind === 'Service' && o.spec?.type === 'LoadBalancer')
        .map((o) => ({ address: `Service/${o.metadata.name}`, kind: 'service' as const, internal: isInternal(o) })),
      ...objects
        .filter((o) => o.kind === 'Ingress')
        .map((o) => ({ address: `Ingress/${o.metadata.name}`, kind: 'ingress' as const, internal: false })),
    ],
    volumeClaims: (workload.kind === 'StatefulSet' ? (workload.spec.volumeClaimTemplates ?? []) : []).map((t: any) => ({
      address: `${workload.kind}/${workload.metadata.name}/${t.metadata.name}`,
      sizeGiB: parseMemoryMiB(t.spec.resources.requests.storage) / 1024,
      storageClass: t.spec.storageClassName ?? 'default',
      count: replicas,
      zonal: isZonalClass(objects, t.spec.storageClassName),
    })),
    monitoring: readMonitoring(workload, objects),
  };
}

const MONITORING_TYPES: ReadonlySet<string> = new Set<WorkloadInventory['monitoring']>(['prometheus', 'datadog', 'none']);

/**
 * The workload's monitoring: as the chart records it on the workload (`orquesta.dev/monitoring`),
 * else (manifests the chart did not write, such as hand-written ones) from what they contain: a scrape
 * object, Datadog autodiscovery annotations.
 */
function readMonitoring(workload: ManifestObject, objects: readonly ManifestObject[]): WorkloadInventory['monitoring'] {
  const recorded = workload.metadata.annotations?.[MONITORING_ANNOTATION];
  if (recorded !== undefined && MONITORING_TYPES.has(recorded)) return recorded as WorkloadInventory['monitoring'];
  if (objects.some((o) => o.kind === 'ServiceMonitor' || o.kind === 'PodMonitoring')) return 'prometheus';
  const podAnnotations = Object.keys(workload.spec.template.metadata?.annotations ?? {});
  return podAnnotations.some((k) => k.startsWith('ad.datadoghq.com/')) ? 'datadog' : 'none';
}

/**
 * Block volumes are zonal on every target (EBS, zonal PD, LRS Azure Disk) unless the claim's
 * StorageClass replicates across zones: GCE PD CSI `replication-type: regional-pd`, Azure Disk
 * `skuName: *_ZRS`. Classes not in the manifests are the clusters' defaults (gp2/gp3, standard-rwo,
 * managed-csi), all zonal.
 * https://cloud.google.com/kubernetes-engine/docs/how-to/persistent-volumes/regional-pd ,
 * https://learn.microsoft.com/azure/aks/azure-csi-disk-storage-provision#create-a-custom-storage-class (2026-11)
 */
function isZonalClass(objects: readonly ManifestObject[], name: string | undefined): boolean {
  const sc = objects.find((o) => o.kind === 'StorageClass' && o.metadata.name === name) as
    | { parameters?: Record<string, string> }
    | undefined;
  const p = sc?.parameters ?? {};
  return !(p['replication-type'] === 'regional-pd' || /_ZRS$/i.test(p.skuName ?? p.skuname ?? ''));
}

/** The workload's first container image and its pull policy (Kubernetes' default: Always for `:latest` or no tag). */
export function workloadImage(objects: readonly ManifestObject[]): {
  image: string;
  host: string;
  pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
} {
  const workload = objects.find((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
  const container = workload?.spec?.template?.spec?.containers?.[0] ?? {};
  const image = String(container.image ?? '');
  const withoutDigest = image.split('@')[0];
  const tag = /:([^/:]+)$/.exec(withoutDigest)?.[1];
  const policy = container.imagePullPolicy ?? (image.includes('@') || (tag !== undefined && tag !== 'latest') ? 'IfNotPresent' : 'Always');
  const first = image.split('/')[0];
  // A first path component with a dot or port, or `localhost`, is a registry host; otherwise Docker Hub.
  const host = image.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first : 'docker.io';
  return { image, host, pullPolicy: policy };
}

function readBudget(objects: readonly ManifestObject[], replicas: number): WorkloadInventory['disruptionBudget'] {
  const pdb = objects.find((o) => o.kind === 'PodDisruptionBudget');
  if (!pdb) return undefined;
  const toCount = (v: number | string, roundUp: boolean): number => {
    if (typeof v === 'number') return v;
    const pct = Number(v.replace('%', '')) / 100;
    return roundUp ? Math.ceil(pct * replicas) : Math.floor(pct * replicas);
  };
  // Kubernetes rounds a percentage minAvailable up and maxUnavailable up as well (https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages).
  if (pdb.spec.minAvailable !== undefined) return { minAvailable: toCount(pdb.spec.minAvailable, true) };
  if (pdb.spec.maxUnavailable !== undefined) return { maxUnavailable: toCount(pdb.spec.maxUnavailable, true) };
  return undefined;
}

const INTERNAL_ANNOTATIONS: ReadonlyArray<[string, string]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', 'internal'],
  ['service.beta.kubernetes.io/aws-load-balancer-internal', 'true'],
  ['networking.gke.io/load-balancer-type', 'Internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', 'true'],
];

function isInternal(service: ManifestObject): boolean {
  const annotations = service.metadata.annotations ?? {};
  return INTERNAL_ANNOTATIONS.some(([k, v]) => annotations[k] === v);
}
