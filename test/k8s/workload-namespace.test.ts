import { findObject, exampleSpec } from '../util';
import { ADAPTERS, namespaceOf, renderFor } from './k8s-adapters';

/** Kinds that have no namespace (https://kubernetes.io/docs/reference/kubernetes-api/). */
const CLUSTER_SCOPED = new Set(['Namespace', 'StorageClass']);

describe.each(ADAPTERS)('workload namespace on %s', (_id, adapt) => {
  // Every optional object once: volume (StatefulSet, headless Service, StorageClass where the target makes one) and ingress.
  const spec = exampleSpec({
    workload: { namespace: 'shop', volume: { sizeGiB: 10 }, exposure: { type: 'ingress', host: 'api.example.com', path: '/' } },
  });
  const objects = renderFor(adapt, spec);

  test('the Namespace comes first, carries the common labels and enforces, audits and warns restricted pinned to the cluster version', () => {
    expect(objects[0].kind).toBe('Namespace');
    const namespace = findObject(objects, 'Namespace', 'shop');
    expect(namespaceOf(namespace)).toBeUndefined();
    expect(namespace.metadata.labels).toMatchObject({
      project: 'orquesta',
      'orquesta-cluster': 'orquesta-demo',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': `v${spec.cluster.kubernetesVersion}`,
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': `v${spec.cluster.kubernetesVersion}`,
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': `v${spec.cluster.kubernetesVersion}`,
    });
  });

  test('every namespaced object is in the workload namespace, cluster-scoped ones in none', () => {
    expect(objects.length).toBeGreaterThanOrEqual(11);
    for (const o of objects) {
      expect([`${o.kind}/${o.metadata.name}`, namespaceOf(o)]).toEqual([
        `${o.kind}/${o.metadata.name}`,
        CLUSTER_SCOPED.has(o.kind) ? undefined : 'shop',
      ]);
    }
  });

  test('the NetworkPolicy selects the pods in that namespace and still admits the ingress source by namespace label or CIDR', () => {
    const policy = findObject(objects, 'NetworkPolicy');
    expect(namespaceOf(policy)).toBe('shop');
    expect(policy.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web-api' } });
    for (const from of policy.spec.ingress[0].from) {
      // A namespace rule names the controller's namespace by its immutable name label, never the workload's own.
      if (from.namespaceSelector) expect(from.namespaceSelector.matchLabels['kubernetes.io/metadata.name']).not.toBe('shop');
      else expect(from.ipBlock.cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    }
    // Egress DNS goes to kube-system, not to the workload namespace.
    expect(policy.spec.egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }]);
  });
});

test('the namespace defaults to the workload name', () => {
  const objects = renderFor(ADAPTERS[0][1]);
  expect(findObject(objects, 'Namespace').metadata.name).toBe('web-api');
  expect(namespaceOf(findObject(objects, 'Deployment'))).toBe('web-api');
});
