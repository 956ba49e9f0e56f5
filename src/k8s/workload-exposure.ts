import type { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { ResolvedWorkload } from '../spec/resolved-spec';
import type { K8sAdaptation } from './k8s-adaptation';
import { selectorLabels, standardLabels } from './labels';

/** The port clients use on the Service; the container keeps its own port behind it. */
export const SERVICE_PORT = 80;

export interface WorkloadExposure {
  readonly service: kplus.Service;
  readonly ingress?: kplus.Ingress;
}

/**
 * The Service (LoadBalancer for `public`/`internal`, ClusterIP otherwise) and the Ingress for
 * `ingress` exposure, with the target's load-balancer annotations and ingress class.
 */
export function createExposure(chart: Chart, workload: ResolvedWorkload, adaptation: K8sAdaptation): WorkloadExposure {
  const exposure = workload.exposure;
  const isLoadBalancer = exposure.type === 'public' || exposure.type === 'internal';
  const ports: kplus.ServicePort[] = [{ name: 'http', port: SERVICE_PORT, targetPort: workload.port }];
  const monitoring = workload.monitoring;
  if (monitoring.type === 'prometheus' && monitoring.port !== workload.port) {
    ports.push({ name: 'metrics', port: monitoring.port, targetPort: monitoring.port });
  }
  const service = new kplus.Service(chart, 'Service', {
    metadata: {
      name: workload.name,
      labels: standardLabels(workload),
      annotations: isLoadBalancer ? { ...adaptation.loadBalancerAnnotations[exposure.type] } : undefined,
    },
    type: isLoadBalancer ? kplus.ServiceType.LOAD_BALANCER : kplus.ServiceType.CLUSTER_IP,
    ports,
  });
  service.selectLabel('app.kubernetes.io/name', selectorLabels(workload)['app.kubernetes.io/name']);
  if (exposure.type !== 'ingress') return { service };

  const ingress = new kplus.Ingress(chart, 'Ingress', {
    metadata: { name: workload.name, labels: standardLabels(workload), annotations: { ...adaptation.ingress.annotations } },
    className: adaptation.ingress.className,
  });
  ingress.addHostRule(
    exposure.host,
    exposure.path,
    kplus.IngressBackend.fromService(service, { port: SERVICE_PORT }),
    kplus.HttpIngressPathType.PREFIX,
  );
  return { service, ingress };
}
