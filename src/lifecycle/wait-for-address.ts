import type { K8sAdaptation, LoadBalancerProvider } from '../k8s/k8s-adaptation';
import { SERVICE_PORT } from '../k8s/workload-exposure';
import type { ResolvedWorkload } from '../spec/resolved-spec';
import { CommandFailedError, tailLines } from './command-runner';
import type { Kubectl } from './kubectl';
import { formatDuration, pollUntil, type PollOptions } from './lifecycle-context';

/**
 * How long deploy waits for the load balancer's address. A cloud load balancer takes a few
 * minutes from the Service or Ingress to an address (NLB/ALB provisioning, a GCLB forwarding rule,
 * an Azure frontend IP); a controller that is missing or failing never gives one, so 10 minutes
 * separates slow from broken.
 */
export const ADDRESS_TIMEOUT_MS = 10 * 60_000;
/** One `kubectl get` every 15 s: a progress line each time, and nothing an API server notices. */
export const ADDRESS_POLL_INTERVAL_MS = 15_000;

/** How often the wait prints a progress line. */
const PROGRESS_EVERY_MS = 60_000;

/** Where the workload answers once its load balancer exists. */
export interface WorkloadAddress {
  /** `svc/web-api` or `ingress/web-api`. */
  readonly resource: string;
  /** The load balancer's DNS name or IP, from the object's `status.loadBalancer`. */
  readonly address: string;
  readonly url: string;
  /** What the user must still know or do (internal only, DNS for the Ingress host). @default - none */
  readonly notes: readonly string[];
}

/** No address within the bound: the message names the controller that should have given one. */
export class NoAddressError extends Error {
  constructor(
    public readonly resource: string,
    public readonly namespace: string,
    public readonly provider: LoadBalancerProvider,
    waitedMs: number,
    lastError?: string,
  ) {
    super(
      `${resource} in namespace ${namespace} got no address within ${formatDuration(waitedMs)}: its load balancer comes from ` +
        `${provider.controller}; check that it is installed and running${lastError ? ` (last kubectl error: ${lastError})` : ''}`,
    );
    this.name = 'NoAddressError';
  }
}

export interface WaitForAddressProps {
  readonly kubectl: Kubectl;
  readonly workload: ResolvedWorkload;
  readonly provider: K8sAdaptation['loadBalancerProvider'];
  readonly poll: PollOptions;
  readonly note: (text: string) => void;
}

type LoadBalancerStatus = { status?: { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } } };
type IngressSpec = { spec?: { tls?: { hosts?: string[] }[] } };

/**
 * Polls the workload's `LoadBalancer` Service or Ingress until its status has an address, printing
 * progress, and returns the URL; throws `NoAddressError` after `poll.timeoutMs`. Cluster-only
 * exposure has no address: returns undefined at once.
 */
export async function waitForAddress(props: WaitForAddressProps): Promise<WorkloadAddress | undefined> {
  const { workload, kubectl, note } = props;
  const exposure = workload.exposure;
  if (exposure.type === 'cluster') return undefined;
  const resource = `${exposure.type === 'ingress' ? 'ingress' : 'svc'}/${workload.name}`;
  const provider = exposure.type === 'ingress' ? props.provider.ingress : props.provider.service;
  const started = props.poll.clock();
  const check = async (): Promise<{ object?: LoadBalancerStatus & IngressSpec; address?: string; error?: string }> => {
    try {
      const object = (await kubectl.getJson(resource, workload.namespace)) as LoadBalancerStatus & IngressSpec;
      const first = (object.status?.loadBalancer?.ingress ?? []).find((i) => i.hostname || i.ip);
      return { object, address: first?.hostname ?? first?.ip };
    } catch (error) {
      // An API hiccup is not a verdict: keep polling, and say so.
      if (!(error instanceof CommandFailedError)) throw error;
      return { error: tailLines(error.result.stderr || error.message, 1)[0] ?? error.message };
    }
  };
  note(`waiting up to ${Math.ceil(props.poll.timeoutMs / 60_000)} min for ${resource} to get an address from ${provider.controller}`);
  const { value, done } = await pollUntil(
    check,
    (v) => v.address !== undefined,
    props.poll,
    (v) => {
      const waited = props.poll.clock() - started;
      // A line a minute (and every API error) is progress; one per poll would be noise.
      if (waited % PROGRESS_EVERY_MS >= props.poll.intervalMs && !v.error) return;
      note(
        `no address yet on ${resource} after ${formatDuration(waited)}${v.error ? ` (kubectl: ${v.error})` : ''}; ` +
          `checking every ${formatDuration(props.poll.intervalMs)}`,
      );
    },
  );
  if (!done || value.address === undefined) {
    throw new NoAddressError(resource, workload.namespace, provider, props.poll.clock() - started, value.error);
  }
  const address = value.address;
  if (exposure.type === 'ingress') {
    const tls = (value.object?.spec?.tls ?? []).some((t) => (t.hosts ?? []).includes(exposure.host));
    return {
      resource,
      address,
      url: `${tls ? 'https' : 'http'}://${exposure.host}${exposure.path}`,
      // The Ingress routes by Host header: the name must resolve to the load balancer first.
      notes: [
        `point DNS for ${exposure.host} at ${address}; until then: curl -H 'Host: ${exposure.host}' http://${address}${exposure.path}`,
      ],
    };
  }
  return {
    resource,
    address,
    url: `http://${address}:${SERVICE_PORT}`,
    notes: exposure.type === 'internal' ? ['internal load balancer: reachable only from inside the network'] : [],
  };
}
