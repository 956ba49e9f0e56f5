import { NON_PUBLIC_IPV4_CIDRS } from '../../src/k8s/identity-egress';
import { gkeIdentityEgress } from '../../src/targets/gke/gke-kubernetes';
import { exampleSpec, findObject, renderChart, TEST_NOW } from '../util';
import { ADAPTERS, renderFor, type AdaptFn } from './k8s-adapters';

type EgressRule = { to?: Array<{ ipBlock?: { cidr: string; except?: string[] } }>; ports?: Array<{ port: number; protocol: string }> };

const egressOf = (adapt: AdaptFn, outputs?: Record<string, string>): EgressRule[] =>
  findObject(renderFor(adapt, exampleSpec(), outputs), 'NetworkPolicy').spec.egress;

/** The rules after DNS and the example's one declared rule (10.0.0.0/8:5432). */
const identityRules = (egress: EgressRule[]): EgressRule[] => egress.slice(2);

const PUBLIC_HTTPS: EgressRule = {
  to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [...NON_PUBLIC_IPV4_CIDRS] } }],
  ports: [{ port: 443, protocol: 'TCP' }],
};

describe('identity egress', () => {
  const expected: Record<string, EgressRule[]> = {
    // IRSA: HTTPS to STS, which has no fixed address; not to private ranges or the node's metadata.
    eks: [PUBLIC_HTTPS],
    // GKE metadata server on 169.254.169.254:80, and 169.254.169.252:988 because the stack runs Dataplane V2.
    gke: [
      { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ port: 80, protocol: 'TCP' }] },
      { to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ port: 988, protocol: 'TCP' }] },
    ],
    // Entra ID token endpoint over HTTPS.
    aks: [PUBLIC_HTTPS],
    // No pod identity on kops: nothing beyond DNS and the declared egress.
    kops: [],
  };

  test.each(ADAPTERS)('%s: the egress policy allows exactly its identity endpoints', (id, adapt) => {
    expect(identityRules(egressOf(adapt))).toEqual(expected[id]);
  });

  test.each(ADAPTERS)('%s: the identity allow is the same before and after the stack outputs are known', (_id, adapt) => {
    const outputs = {
      workload_role_arn: 'arn:aws:iam::123456789012:role/x',
      workload_identity_client_id: '00000000-1111-2222-3333-444444444444',
    };
    expect(egressOf(adapt, outputs)).toEqual(egressOf(adapt));
  });

  test('present only when the adaptation gives the workload an identity', () => {
    for (const [, adapt] of ADAPTERS) {
      const spec = exampleSpec();
      const adaptation = adapt(spec, { now: TEST_NOW });
      const without = { ...adaptation, workloadIdentity: undefined };
      const egress = findObject(renderChart(spec, without), 'NetworkPolicy').spec.egress;
      expect(egress).toHaveLength(2);
    }
  });

  test('the public-HTTPS allow excludes private, shared and link-local ranges (no HTTPS to pods, nodes or metadata)', () => {
    expect(NON_PUBLIC_IPV4_CIDRS).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16']);
  });

  test('GKE without Dataplane V2 needs only the metadata server on port 80', () => {
    expect(gkeIdentityEgress('LEGACY_DATAPATH').map((r) => `${r.cidr}:${r.port}`)).toEqual(['169.254.169.254/32:80']);
  });

  test('identity rules come before the Kubernetes API allow, which stays last', () => {
    const spec = exampleSpec({ workload: { needsKubernetesApi: true } });
    const egress: EgressRule[] = findObject(renderFor(ADAPTERS[1][1], spec), 'NetworkPolicy').spec.egress;
    expect(egress.map((r) => r.ports?.map((p) => p.port).join(','))).toEqual(['53,53', '5432', '80', '988', '443,6443']);
  });
});
