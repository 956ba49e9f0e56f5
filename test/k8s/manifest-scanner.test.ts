import type { K8sObject } from '../util';
import { exampleSpec, findObject } from '../util';
import { ADAPTERS, namespaceOf, renderFor } from './k8s-adapters';

/**
 * What a manifest scanner (checkov's Kubernetes policies, kube-score) raises on a workload, checked
 * on every target's output: a finding here would be one on the user's cluster.
 */
describe.each(ADAPTERS)('manifest scanner checks on %s', (_id, adapt) => {
  const variants: Array<[string, K8sObject[]]> = [
    ['Deployment', renderFor(adapt)],
    ['StatefulSet', renderFor(adapt, exampleSpec({ workload: { volume: { sizeGiB: 10 } } }))],
  ];

  describe.each(variants)('%s', (kind, objects) => {
    const pods = findObject(objects, kind, 'web-api');
    const pod = pods.spec.template.spec;
    const containers: any[] = [...(pod.initContainers ?? []), ...pod.containers];

    test('image pinned by tag or digest, never latest, pulled each start (CKV_K8S_14/15, kube-score container-image-tag)', () => {
      for (const c of containers) {
        expect(c.image).toMatch(/(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/);
        expect(c.image).not.toMatch(/:latest$/);
        expect(c.imagePullPolicy).toBe('Always');
      }
    });

    test('no service-account token unless the app calls the API (CKV_K8S_38)', () => {
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(findObject(objects, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    });

    test('restricted Pod Security: the namespace enforces it and the pod meets it (CKV_K8S_20/22/23/28/37/40)', () => {
      const namespace = findObject(objects, 'Namespace');
      expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
      expect(namespaceOf(pods)).toBe(namespace.metadata.name);
      expect(pod.hostNetwork ?? false).toBe(false);
      expect(pod.hostPID ?? false).toBe(false);
      expect(pod.hostIPC ?? false).toBe(false);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
      for (const c of containers) {
        expect(c.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.securityContext.capabilities.add).toBeUndefined();
        // kube-score container-security-context-user-group-id: above 10000, so never a host user.
        expect(c.securityContext.runAsUser).toBeGreaterThan(10000);
        expect(c.securityContext.runAsGroup).toBeGreaterThan(10000);
      }
    });

    test('CPU and memory requests and limits on every container (CKV_K8S_10/11/12/13)', () => {
      for (const c of containers) {
        expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
      }
    });

    test('readiness and liveness probes (CKV_K8S_8/9, kube-score pod-probes), not the same check', () => {
      for (const c of pod.containers) {
        expect(c.readinessProbe).toBeDefined();
        expect(c.livenessProbe).toBeDefined();
        expect(c.readinessProbe).not.toEqual(c.livenessProbe);
      }
    });

    test('a NetworkPolicy in the same namespace selects the pods, both directions (kube-score pod-networkpolicy)', () => {
      const policy = findObject(objects, 'NetworkPolicy');
      expect(namespaceOf(policy)).toBe(namespaceOf(pods));
      const podLabels = pods.spec.template.metadata.labels;
      for (const [k, v] of Object.entries(policy.spec.podSelector.matchLabels as Record<string, string>)) expect(podLabels[k]).toBe(v);
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    });

    test('not in the default namespace (CKV_K8S_21)', () => {
      for (const o of objects) expect(namespaceOf(o)).not.toBe('default');
    });
  });
});
