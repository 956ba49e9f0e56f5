import type { AppSpec } from '../../spec/app-spec';

/**
 * The spec `orquesta init` writes: small, valid on every target, with production defaults spelled
 * out. The commented `.ts` text below must evaluate to exactly this object (a test checks).
 */
export const STARTER_SPEC: AppSpec = {
  workload: {
    name: 'my-app',
    image: 'ghcr.io/acme/my-app:1.0.0',
    port: 8080,
    resources: { requests: { cpuMillicores: 250, memoryMiB: 256 }, limits: { cpuMillicores: 500, memoryMiB: 512 } },
    probes: { readiness: { type: 'http', path: '/healthz/ready' }, liveness: { type: 'http', path: '/healthz/live' } },
    autoscaling: { minReplicas: 3, maxReplicas: 6, targetCpuPercent: 70 },
    disruptionBudget: { maxUnavailable: 1 },
    exposure: { type: 'public' },
    monitoring: { type: 'none' },
  },
  cluster: {
    name: 'my-cluster',
    zones: 3,
    controlPlane: 'ha',
    nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6 }],
    regions: { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' },
  },
};

/** The starter as a commented TypeScript module (`orquesta init my-app.ts`). */
export const STARTER_TS = `// A starter spec for orquesta (written by \`orquesta init\`). Every field is typed: your editor
// completes and checks them. Try it:
//   npx orquesta validate --app __FILE__     # every problem at once, or "valid for eks, gke, aks, kops"
//   npx orquesta compare --app __FILE__      # monthly cost and fault tolerance on all four targets
// Field reference: src/spec/workload-spec.ts and src/spec/cluster-spec.ts in orquesta (README: The spec).
import { defineApp } from 'orquesta';

export default defineApp({
  workload: {
    name: 'my-app', // DNS-1035 label, at most 40 characters; also the namespace unless you set namespace
    image: 'ghcr.io/acme/my-app:1.0.0', // a tag or a digest; 'latest' and untagged images are rejected
    port: 8080, // the port the container listens on
    // What the scheduler reserves (requests) and the kernel enforces (limits), per replica.
    resources: { requests: { cpuMillicores: 250, memoryMiB: 256 }, limits: { cpuMillicores: 500, memoryMiB: 512 } },
    // http (path) | tcp | exec (command); port defaults to the container port.
    probes: { readiness: { type: 'http', path: '/healthz/ready' }, liveness: { type: 'http', path: '/healthz/live' } },
    // An HPA; without it, set replicas (default 3).
    autoscaling: { minReplicas: 3, maxReplicas: 6, targetCpuPercent: 70 },
    disruptionBudget: { maxUnavailable: 1 }, // or { minAvailable }; must always allow one eviction
    exposure: { type: 'public' }, // public | internal | ingress (host, path) | cluster
    monitoring: { type: 'none' }, // prometheus (path, port) | datadog | none
    // config: { FEATURE_FLAGS: 'search' },                      // a ConfigMap, injected with envFrom
    // secrets: [{ envName: 'DATABASE_URL', secretName: 'my-app-db', key: 'url' }], // references, never values
    // volume: { sizeGiB: 20 },                                  // a volume per replica (a StatefulSet)
    // egress: [{ cidr: '10.20.0.0/16', port: 5432 }],           // extra egress besides DNS
  },
  cluster: {
    name: 'my-cluster', // DNS-1035 label, at most 30 characters; prefixes cloud resource names
    zones: 3, // 1-3 availability zones
    controlPlane: 'ha', // ha | single
    // sizeClass: small (2 vCPU / 4 GiB) | medium (2 / 8) | large (4 / 16), mapped to each cloud's machines.
    nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6 }],
    // Regions with prices in orquesta's catalog: aws us-east-1 | eu-west-1, gcp us-central1 | europe-west1,
    // azure eastus | westeurope.
    regions: { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' },
    // lab: { owner: 'your-name', ttlHours: 8 },            // tags everything so 'orquesta lab reap' can clean up
    // eks: { publicAccessCidrs: ['198.51.100.0/24'] },     // who may reach each API (default: nobody)
    // gke: { project: 'my-gcp-project' },
    // aks: { tier: 'Standard' },
    // kops: { controlPlaneCount: 3 },
  },
});
`;
