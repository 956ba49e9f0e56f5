import { EKS_LOG_TYPES } from './cluster-spec';
import type { AppSpec } from './app-spec';
import type { ProbeSpec } from './workload-spec';
import * as D from './defaults';
import type { ResolvedAppSpec, ResolvedExposure, ResolvedProbe } from './resolved-spec';

/**
 * Fills every default once. Call only on a spec that `validateAppSpec` accepted:
 * resolution trusts the shapes validation checked.
 */
export function resolveAppSpec(spec: AppSpec): ResolvedAppSpec {
  const w = spec.workload;
  const c = spec.cluster;
  const controlPlane = c.controlPlane ?? D.DEFAULT_CONTROL_PLANE;
  const ha = controlPlane === 'ha';
  const autoscaling = w.autoscaling && {
    minReplicas: w.autoscaling.minReplicas,
    maxReplicas: w.autoscaling.maxReplicas,
    targetCpuPercent: w.autoscaling.targetCpuPercent ?? D.DEFAULT_TARGET_CPU_PERCENT,
  };
  const monitoring = w.monitoring ?? { type: 'none' as const };
  return {
    workload: {
      name: w.name,
      namespace: w.namespace ?? w.name,
      image: w.image,
      port: w.port,
      replicas: autoscaling ? autoscaling.minReplicas : (w.replicas ?? D.DEFAULT_REPLICAS),
      requests: w.resources.requests,
      limits: w.resources.limits,
      probes: {
        readiness: resolveProbe(w.probes?.readiness, w.port),
        liveness: resolveProbe(w.probes?.liveness, w.port),
        startup: resolveProbe(w.probes?.startup, w.port),
      },
      env: w.env ?? {},
      config: w.config ?? {},
      secrets: w.secrets ?? [],
      autoscaling,
      disruptionBudget:
        w.disruptionBudget?.minAvailable !== undefined
          ? { minAvailable: w.disruptionBudget.minAvailable }
          : { maxUnavailable: w.disruptionBudget?.maxUnavailable ?? D.DEFAULT_MAX_UNAVAILABLE },
      exposure: resolveExposure(w.exposure),
      volume: w.volume && {
        sizeGiB: w.volume.sizeGiB,
        accessMode: w.volume.accessMode ?? 'ReadWriteOnce',
        mountPath: w.volume.mountPath ?? D.DEFAULT_VOLUME_MOUNT_PATH,
      },
      monitoring:
        monitoring.type === 'prometheus'
          ? {
              type: 'prometheus',
              path: monitoring.path ?? D.DEFAULT_PROMETHEUS_PATH,
              port: monitoring.port ?? w.port,
            }
          : monitoring,
      needsKubernetesApi: w.needsKubernetesApi ?? false,
      egress: (w.egress ?? []).map((e) => ({ cidr: e.cidr, port: e.port, protocol: e.protocol ?? 'TCP' })),
    },
    cluster: {
      name: c.name,
      kubernetesVersion: c.kubernetesVersion ?? D.DEFAULT_KUBERNETES_VERSION,
      zones: c.zones ?? D.DEFAULT_ZONES,
      controlPlane,
      nodePools: (c.nodePools ?? [D.DEFAULT_NODE_POOL]).map((p) => ({ ...p, capacity: p.capacity ?? D.DEFAULT_CAPACITY })),
      regions: { ...D.DEFAULT_REGIONS, ...c.regions },
      natGateways: c.natGateways ?? (ha ? 'per-zone' : 'single'),
      maintenanceWindow: { ...D.DEFAULT_MAINTENANCE_WINDOW, ...c.maintenanceWindow },
      lab: c.lab && { owner: c.lab.owner, ttlHours: c.lab.ttlHours ?? D.DEFAULT_LAB_TTL_HOURS },
      eks: {
        accountId: c.eks?.accountId,
        publicAccessCidrs: c.eks?.publicAccessCidrs ?? D.DEFAULT_API_ACCESS_CIDRS,
        supportType: c.eks?.supportType ?? 'STANDARD',
        mode: c.eks?.mode ?? D.DEFAULT_EKS_MODE,
        adminPrincipalArns: c.eks?.adminPrincipalArns ?? [],
        controlPlaneLogTypes: c.eks?.controlPlaneLogTypes ?? EKS_LOG_TYPES,
      },
      gke: {
        project: c.gke?.project ?? `orquesta-${c.name}`,
        locationType: c.gke?.locationType ?? (ha ? 'regional' : 'zonal'),
        releaseChannel: c.gke?.releaseChannel ?? D.DEFAULT_RELEASE_CHANNEL,
        masterAuthorizedCidrs: c.gke?.masterAuthorizedCidrs ?? D.DEFAULT_API_ACCESS_CIDRS,
        binaryAuthorization: c.gke?.binaryAuthorization ?? false,
        rbacSecurityGroup: c.gke?.rbacSecurityGroup,
        secretsEncryptionKey: c.gke?.secretsEncryptionKey,
      },
      aks: {
        tier: c.aks?.tier ?? (ha ? 'Standard' : 'Free'),
        upgradeChannel: c.aks?.upgradeChannel ?? D.DEFAULT_AKS_UPGRADE_CHANNEL,
        apiServerAuthorizedCidrs: c.aks?.apiServerAuthorizedCidrs ?? D.DEFAULT_API_ACCESS_CIDRS,
        adminGroupObjectIds: c.aks?.adminGroupObjectIds ?? [],
        azurePolicy: c.aks?.azurePolicy ?? false,
      },
      kops: {
        controlPlaneCount: c.kops?.controlPlaneCount ?? (ha ? 3 : 1),
        controlPlaneSizeClass: c.kops?.controlPlaneSizeClass ?? D.DEFAULT_KOPS_CONTROL_PLANE_SIZE_CLASS,
        amiSsmParameter: c.kops?.amiSsmParameter ?? D.DEFAULT_KOPS_AMI_SSM_PARAMETER,
        apiAccessCidrs: c.kops?.apiAccessCidrs ?? D.DEFAULT_API_ACCESS_CIDRS,
      },
    },
  };
}

function resolveProbe(probe: ProbeSpec | undefined, containerPort: number): ResolvedProbe | undefined {
  if (!probe) return undefined;
  return {
    kind: probe.type,
    path: probe.type === 'http' ? probe.path : undefined,
    command: probe.type === 'exec' ? probe.command : undefined,
    port: probe.port ?? containerPort,
    initialDelaySeconds: probe.initialDelaySeconds ?? D.PROBE_DEFAULTS.initialDelaySeconds,
    periodSeconds: probe.periodSeconds ?? D.PROBE_DEFAULTS.periodSeconds,
    failureThreshold: probe.failureThreshold ?? D.PROBE_DEFAULTS.failureThreshold,
  };
}

function resolveExposure(exposure: AppSpec['workload']['exposure']): ResolvedExposure {
  if (exposure.type === 'ingress') {
    return { type: 'ingress', host: exposure.host, path: exposure.path ?? D.DEFAULT_INGRESS_PATH };
  }
  return exposure;
}
