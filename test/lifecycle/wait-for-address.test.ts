import { RecordingRunner, type ScriptedResponse } from '../../src/lifecycle/command-runner';
import { Kubectl } from '../../src/lifecycle/kubectl';
import { pollOptions } from '../../src/lifecycle/lifecycle-context';
import { ADDRESS_POLL_INTERVAL_MS, ADDRESS_TIMEOUT_MS, NoAddressError, waitForAddress } from '../../src/lifecycle/wait-for-address';
import { aksKubernetes } from '../../src/targets/aks/aks-kubernetes';
import { gkeKubernetes } from '../../src/targets/gke/gke-kubernetes';
import { kopsKubernetes } from '../../src/targets/kops/kops-kubernetes';
import type { ResolvedAppSpec } from '../../src/spec/resolved-spec';
import { TEST_NOW, exampleSpec } from '../util';
import { context } from './lifecycle-fixture';

const lb = (entry: { hostname?: string; ip?: string }, extra: object = {}) =>
  JSON.stringify({ ...extra, status: { loadBalancer: { ingress: [entry] } } });

async function wait(spec: ResolvedAppSpec, script: ScriptedResponse[], adapt = gkeKubernetes) {
  const runner = new RecordingRunner(script);
  const ctx = context('/project', runner);
  const notes: string[] = [];
  const run = waitForAddress({
    kubectl: new Kubectl(runner, '/project/.orquesta/kube/t.yaml'),
    workload: spec.workload,
    provider: adapt(spec, { now: TEST_NOW }).loadBalancerProvider,
    poll: pollOptions(ctx, ADDRESS_TIMEOUT_MS, ADDRESS_POLL_INTERVAL_MS),
    note: (t) => notes.push(t),
  });
  return { run, runner, notes };
}

describe('waitForAddress', () => {
  test('a public Service: the IP from its status, http on the Service port', async () => {
    const { run, runner } = await wait(exampleSpec(), [{ match: /get svc\/web-api/, results: [{ stdout: lb({ ip: '34.120.1.2' }) }] }]);
    expect(await run).toEqual({ resource: 'svc/web-api', address: '34.120.1.2', url: 'http://34.120.1.2:80', notes: [] });
    expect(runner.lines()).toEqual(['kubectl --kubeconfig /project/.orquesta/kube/t.yaml get svc/web-api --namespace web-api -o json']);
  });

  test('an internal Service says it is reachable only from inside the network', async () => {
    const spec = exampleSpec({ workload: { exposure: { type: 'internal' } } });
    const { run } = await wait(spec, [{ match: /get svc/, results: [{ stdout: lb({ ip: '10.224.0.9' }) }] }], aksKubernetes);
    expect((await run)?.notes).toEqual(['internal load balancer: reachable only from inside the network']);
  });

  test('an Ingress: the URL is its host and path, with the DNS step; https only when its TLS covers the host', async () => {
    const spec = exampleSpec({ workload: { exposure: { type: 'ingress', host: 'api.example.com', path: '/v1' } } });
    const plain = await wait(spec, [{ match: /get ingress\/web-api/, results: [{ stdout: lb({ ip: '34.120.1.2' }) }] }]);
    expect(await plain.run).toEqual({
      resource: 'ingress/web-api',
      address: '34.120.1.2',
      url: 'http://api.example.com/v1',
      notes: ["point DNS for api.example.com at 34.120.1.2; until then: curl -H 'Host: api.example.com' http://34.120.1.2/v1"],
    });
    const tls = await wait(spec, [
      { match: /get ingress/, results: [{ stdout: lb({ ip: '34.120.1.2' }, { spec: { tls: [{ hosts: ['api.example.com'] }] } }) }] },
    ]);
    expect((await tls.run)?.url).toBe('https://api.example.com/v1');
  });

  test('cluster-only exposure has no address and asks kubectl nothing', async () => {
    const { run, runner } = await wait(exampleSpec({ workload: { exposure: { type: 'cluster' } } }), []);
    expect(await run).toBeUndefined();
    expect(runner.calls).toEqual([]);
  });

  test('an API error while polling is reported and polled through', async () => {
    const { run, notes } = await wait(exampleSpec(), [
      {
        match: /get svc/,
        results: [
          { code: 1, stderr: 'Unable to connect to the server: net/http: TLS handshake timeout' },
          { stdout: lb({ ip: '34.1.1.1' }) },
        ],
      },
    ]);
    expect((await run)?.address).toBe('34.1.1.1');
    expect(notes[1]).toBe(
      'no address yet on svc/web-api after 0s (kubectl: Unable to connect to the server: net/http: TLS handshake timeout); checking every 15s',
    );
  });

  test.each([
    ['gke', gkeKubernetes, "GKE's service controller (runs in the GKE control plane)"],
    ['aks', aksKubernetes, 'the Azure cloud provider (cloud-controller-manager, run by AKS)'],
    ['kops', kopsKubernetes, "the AWS cloud controller manager's service controller (kube-system/aws-cloud-controller-manager)"],
  ])('%s: no address within the bound names the controller', async (_id, adapt, controller) => {
    const { run, runner } = await wait(
      exampleSpec(),
      [{ match: /get svc/, results: [{ stdout: '{"status":{"loadBalancer":{}}}' }] }],
      adapt,
    );
    const error = (await run.catch((e: unknown) => e)) as NoAddressError;
    expect(error).toBeInstanceOf(NoAddressError);
    expect(error.message).toContain(`its load balancer comes from ${controller}`);
    expect(runner.calls).toHaveLength(ADDRESS_TIMEOUT_MS / ADDRESS_POLL_INTERVAL_MS + 1);
  });

  test('the Ingress failure names the ingress controller, not the Service one', async () => {
    const spec = exampleSpec({ workload: { exposure: { type: 'ingress', host: 'api.example.com', path: '/' } } });
    const { run } = await wait(spec, [{ match: /get ingress/, results: [{ stdout: '{}' }] }], kopsKubernetes);
    await expect(run).rejects.toThrow(
      'ingress/web-api in namespace web-api got no address within 10m 0s: its load balancer comes from ingress-nginx',
    );
  });
});
