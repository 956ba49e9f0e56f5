import type { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { ResolvedWorkload } from '../spec/resolved-spec';
import type { K8sAdaptation, TrafficSource } from './k8s-adaptation';
import { selectorLabels, standardLabels } from './labels';

type Rule = kplus.k8s.NetworkPolicyIngressRule;
type Port = kplus.k8s.NetworkPolicyPort;

/** Namespaces of the components that call into the app; the labels are set by Kubernetes itself. */
const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/**
 * Default deny for the app's pods (both directions) plus only the allows it needs: its port from
 * where its exposure says, metrics from the target's collector, DNS, the declared egress, and,
 * when the target gives the workload a cloud identity, the endpoints that identity needs.
 */
export function createNetworkPolicy(chart: Chart, workload: ResolvedWorkload, adaptation: K8sAdaptation): void {
  const appPort: Port = { port: kplus.k8s.IntOrString.fromNumber(workload.port), protocol: 'TCP' };
  const ingress: Rule[] = [appIngress(workload, adaptation, appPort)];
  if (workload.monitoring.type === 'prometheus') {
    ingress.push({
      from: peersOf(adaptation.prometheusMonitor.scrapedFrom),
      ports: [{ port: kplus.k8s.IntOrString.fromNumber(workload.monitoring.port), protocol: 'TCP' }],
    });
  }
  const dns = { port: kplus.k8s.IntOrString.fromNumber(53) };
  const egress: kplus.k8s.NetworkPolicyEgressRule[] = [
    {
      to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: 'kube-system' } } }],
      ports: [
        { ...dns, protocol: 'UDP' },
        { ...dns, protocol: 'TCP' },
      ],
    },
    ...workload.egress.map((rule) => ({
      to: [{ ipBlock: { cidr: rule.cidr } }],
      ports: [{ port: kplus.k8s.IntOrString.fromNumber(rule.port), protocol: rule.protocol }],
    })),
    ...(adaptation.workloadIdentity?.egress ?? []).map((rule) => ({
      to: [{ ipBlock: { cidr: rule.cidr, ...(rule.except ? { except: [...rule.except] } : {}) } }],
      ports: [{ port: kplus.k8s.IntOrString.fromNumber(rule.port), protocol: rule.protocol }],
    })),
  ];
  if (workload.needsKubernetesApi) {
    // The API server's address differs per cluster and cloud; 443/6443 to anywhere is the portable allow.
    egress.push({
      ports: [443, 6443].map((port) => ({ port: kplus.k8s.IntOrString.fromNumber(port), protocol: 'TCP' })),
    });
  }
  new kplus.k8s.KubeNetworkPolicy(chart, 'NetworkPolicy', {
    metadata: { name: workload.name, labels: standardLabels(workload) },
    spec: {
      podSelector: { matchLabels: selectorLabels(workload) },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress,
    },
  });
}

function appIngress(workload: ResolvedWorkload, adaptation: K8sAdaptation, appPort: Port): Rule {
  switch (workload.exposure.type) {
    case 'public':
    case 'internal':
      // Load balancers deliver client (or node) addresses: the port must be open to all sources.
      return { ports: [appPort] };
    case 'ingress':
      return { from: peersOf(adaptation.ingress.trafficFrom), ports: [appPort] };
    case 'cluster':
      return { from: [{ podSelector: {} }], ports: [appPort] };
  }
}

function peersOf(source: TrafficSource): kplus.k8s.NetworkPolicyPeer[] {
  return 'namespace' in source
    ? [{ namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: source.namespace } } }]
    : source.cidrs.map((cidr) => ({ ipBlock: { cidr } }));
}
