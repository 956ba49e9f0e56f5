import { defineApp } from '../spec/app-spec';

/**
 * The built-in example `npm run compare` uses: a small stateless web API with its config,
 * one secret reference, Prometheus metrics, an HPA and a public load balancer, on a 3-zone HA
 * cluster of 3 medium nodes. Every number is one a team running such an API would pick.
 */
export const WEB_API_EXAMPLE = defineApp({
  workload: {
    name: 'web-api',
    image: 'ghcr.io/orquesta-dev/web-api:1.4.2',
    port: 8080,
    resources: {
      requests: { cpuMillicores: 250, memoryMiB: 256 },
      limits: { cpuMillicores: 500, memoryMiB: 512 },
    },
    probes: {
      readiness: { type: 'http', path: '/healthz/ready', periodSeconds: 5 },
      liveness: { type: 'http', path: '/healthz/live', periodSeconds: 10, failureThreshold: 3 },
      startup: { type: 'http', path: '/healthz/live', periodSeconds: 2, failureThreshold: 30 },
    },
    env: { LOG_LEVEL: 'info' },
    config: { FEATURE_FLAGS: 'search,checkout', CACHE_TTL_SECONDS: '60' },
    secrets: [{ envName: 'DATABASE_URL', secretName: 'web-api-db', key: 'url' }],
    autoscaling: { minReplicas: 3, maxReplicas: 9, targetCpuPercent: 70 },
    disruptionBudget: { maxUnavailable: 1 },
    exposure: { type: 'public' },
    monitoring: { type: 'prometheus', path: '/metrics' },
    egress: [{ cidr: '10.0.0.0/8', port: 5432 }],
  },
  cluster: {
    name: 'orquesta-demo',
    zones: 3,
    controlPlane: 'ha',
    nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6 }],
  },
});
