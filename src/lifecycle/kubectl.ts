import * as YAML from 'yaml';
import { CommandFailedError, formatCommandLine, runChecked, type CommandRunner, type RunResult } from './command-runner';

/**
 * `kubectl` bound to one kubeconfig file (`--kubeconfig` on every call, so neither the user's
 * default kubeconfig nor their current context is ever read or changed).
 */
export class Kubectl {
  constructor(
    private readonly runner: CommandRunner,
    public readonly kubeconfig: string,
    private readonly options: { readonly cwd?: string; readonly stream?: boolean } = {},
  ) {}

  /**
   * Server-side apply: the API server merges and records field ownership, so re-running deploy is
   * idempotent and fields other controllers own (e.g. the HPA's replicas) are not fought over.
   * https://kubernetes.io/docs/reference/using-api/server-side-apply/
   * The objects are passed on stdin: deploy applies a chosen subset of the synthesized manifests.
   */
  public applyObjects(objects: readonly object[]): Promise<RunResult> {
    return runChecked(
      this.runner,
      {
        command: 'kubectl',
        args: ['--kubeconfig', this.kubeconfig, 'apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-f', '-'],
      },
      { cwd: this.options.cwd, input: objects.map((o) => YAML.stringify(o)).join('---\n') },
    );
  }

  /** Whether the cluster has this CustomResourceDefinition (e.g. `servicemonitors.monitoring.coreos.com`). */
  public async hasCrd(name: string): Promise<boolean> {
    const r = await this.runner.run('kubectl', ['--kubeconfig', this.kubeconfig, 'get', 'crd', name, '--ignore-not-found', '-o', 'name'], {
      cwd: this.options.cwd,
    });
    return r.code === 0 && r.stdout.trim() !== '';
  }

  public rolloutStatus(resource: string, namespace: string, timeoutSeconds: number): Promise<RunResult> {
    return this.exec(['rollout', 'status', resource, '--namespace', namespace, `--timeout=${timeoutSeconds}s`], true);
  }

  /** One object as JSON (`service/web-api`); a failed call throws `CommandFailedError`. */
  public async getJson(resource: string, namespace: string): Promise<Record<string, unknown>> {
    const result = await this.exec(['get', resource, '--namespace', namespace, '-o', 'json'], false);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  /** `/readyz` is readable by any client (system:public-info-viewer), so it tests reachability, not permissions. */
  public probe(requestTimeoutSeconds: number): Promise<RunResult> {
    return this.runner.run(
      'kubectl',
      ['--kubeconfig', this.kubeconfig, 'get', '--raw', '/readyz', `--request-timeout=${requestTimeoutSeconds}s`],
      {
        cwd: this.options.cwd,
      },
    );
  }

  public async getItems(kinds: readonly string[], selector: string): Promise<KubeItem[]> {
    const result = await this.exec(['get', kinds.join(','), '--all-namespaces', '-l', selector, '-o', 'json'], false);
    const parsed = JSON.parse(result.stdout.trim() === '' ? '{}' : result.stdout) as { items?: KubeItem[] };
    return parsed.items ?? [];
  }

  /** Starts deletion and returns; `waitDeleted` waits, so one slow finalizer does not hide the others. */
  public delete(kinds: readonly string[], selector: string): Promise<RunResult> {
    return this.exec(['delete', kinds.join(','), '--all-namespaces', '-l', selector, '--ignore-not-found', '--wait=false'], false);
  }

  /**
   * Waits until nothing matching is left, finalizers included (the load balancer controllers remove
   * theirs only once the cloud load balancer is gone). Since kubectl 1.27 "no matching resources"
   * counts as deleted (kubernetes/kubernetes#96676); older clients say so on stderr, treated the same.
   */
  public async waitDeleted(kinds: readonly string[], selector: string, timeoutSeconds: number): Promise<RunResult> {
    const args = [
      '--kubeconfig',
      this.kubeconfig,
      'wait',
      '--for=delete',
      kinds.join(','),
      '--all-namespaces',
      '-l',
      selector,
      `--timeout=${timeoutSeconds}s`,
    ];
    const result = await this.runner.run('kubectl', args, { cwd: this.options.cwd });
    if (result.code === 0 || /no matching resources found/i.test(result.stderr)) return { ...result, code: 0 };
    throw new CommandFailedError(formatCommandLine('kubectl', args), result);
  }

  private exec(args: readonly string[], streamable: boolean): Promise<RunResult> {
    return runChecked(
      this.runner,
      { command: 'kubectl', args: ['--kubeconfig', this.kubeconfig, ...args] },
      { cwd: this.options.cwd, stream: streamable && this.options.stream },
    );
  }
}

/**
 * How long `kubectl rollout status` waits. kubectl's own default is to wait forever; the first
 * rollout on fresh nodes pulls the image and may wait for the node autoscaler to add a node
 * (a few minutes on every cloud), so 10 minutes separates "slow" from "stuck" (CrashLoopBackOff,
 * unschedulable pods).
 */
export const ROLLOUT_TIMEOUT_SECONDS = 600;

/** Kinds `kubectl rollout status` understands. */
const ROLLOUT_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** The objects `kubectl rollout status` can wait for, as `kind/name` with their namespace. */
export function rolloutTargets(
  objects: readonly { readonly kind: string; readonly metadata: { readonly name: string; readonly namespace?: string } }[],
  defaultNamespace: string,
): { resource: string; namespace: string }[] {
  return objects
    .filter((o) => ROLLOUT_KINDS.has(o.kind))
    .map((o) => ({ resource: `${o.kind.toLowerCase()}/${o.metadata.name}`, namespace: o.metadata.namespace ?? defaultNamespace }));
}

/** The field manager server-side apply records, so `kubectl get --show-managed-fields` says who set what. */
export const FIELD_MANAGER = 'orquesta';

export interface KubeItem {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly spec?: { readonly type?: string; readonly volumeName?: string };
}

/** A rollout that did not finish: the same failed command, with the resource it was waiting for. */
export class RolloutError extends CommandFailedError {
  constructor(
    public readonly resource: string,
    public readonly namespace: string,
    failure: CommandFailedError,
  ) {
    super(failure.commandLine, failure.result);
    this.message = `${resource} was not ready within ${ROLLOUT_TIMEOUT_SECONDS}s: ${failure.message}`;
    this.name = 'RolloutError';
  }
}

/** `kubectl rollout status` for each, in order, with a progress note before each wait. */
export async function waitForRollouts(
  kubectl: Kubectl,
  targets: readonly { resource: string; namespace: string }[],
  note: (text: string) => void,
): Promise<void> {
  for (const t of targets) {
    note(`waiting for ${t.resource} in ${t.namespace} (up to ${ROLLOUT_TIMEOUT_SECONDS / 60} min)`);
    try {
      await kubectl.rolloutStatus(t.resource, t.namespace, ROLLOUT_TIMEOUT_SECONDS);
    } catch (error) {
      throw error instanceof CommandFailedError ? new RolloutError(t.resource, t.namespace, error) : error;
    }
  }
}
