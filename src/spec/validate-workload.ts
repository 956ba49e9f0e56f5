import {
  C_IDENTIFIER,
  CONFIG_KEY,
  DNS_1123_SUBDOMAIN,
  checkHostname,
  checkHttpPath,
  checkInt,
  checkKnownKeys,
  checkLabel,
  checkOneOf,
  isIpv4Cidr,
  isObject,
} from './checks';
import { DEFAULT_MAX_UNAVAILABLE, DEFAULT_REPLICAS } from './defaults';
import { looksLikeCredential } from './safe-value';
import type { ProblemList } from './validation-error';

const WORKLOAD_KEYS = [
  'name',
  'namespace',
  'image',
  'port',
  'replicas',
  'resources',
  'probes',
  'env',
  'config',
  'secrets',
  'autoscaling',
  'disruptionBudget',
  'exposure',
  'volume',
  'monitoring',
  'needsKubernetesApi',
  'egress',
] as const;

/** Plain env and ConfigMap values end up readable in the manifests and in git: credentials never belong there. */
const CREDENTIAL_IN_PLAIN_TEXT =
  'looks like a credential (a URL with a password, a key or a token): plain values land readable in the manifests; put it in a Kubernetes Secret and reference it from workload.secrets';

const QUANTITY_KEYS = ['cpuMillicores', 'memoryMiB'];
const PROBE_TIMING_KEYS = ['port', 'initialDelaySeconds', 'periodSeconds', 'failureThreshold'];
const PROBE_KEYS: Readonly<Record<'http' | 'tcp' | 'exec', readonly string[]>> = {
  http: ['type', 'path', ...PROBE_TIMING_KEYS],
  tcp: ['type', ...PROBE_TIMING_KEYS],
  exec: ['type', 'command', ...PROBE_TIMING_KEYS],
};

/** `registry/repo:tag` or `registry/repo@sha256:<64 hex>`; the tag may not be `latest`. */
const IMAGE_REF = /^[a-z0-9]+([._\-/:][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/;

/** Validates the workload half of an app spec; `value` may come from JSON, so nothing is assumed. */
export function validateWorkload(list: ProblemList, value: unknown, path = 'workload'): void {
  if (!isObject(value)) {
    list.add(path, value, 'must be an object with name, image, port, resources and exposure');
    return;
  }
  const w = value;
  checkKnownKeys(list, path, w, WORKLOAD_KEYS);
  checkLabel(list, `${path}.name`, w.name, 40);
  if (w.namespace !== undefined && checkLabel(list, `${path}.namespace`, w.namespace, 63)) {
    if (w.namespace === 'default' || w.namespace.startsWith('kube-')) {
      list.add(`${path}.namespace`, w.namespace, "must be the workload's own namespace, not 'default' or a 'kube-' system namespace");
    }
  }
  validateImage(list, `${path}.image`, w.image);
  checkInt(list, `${path}.port`, w.port, 1, 65535);
  if (w.replicas !== undefined) checkInt(list, `${path}.replicas`, w.replicas, 1, 1000);
  validateResources(list, `${path}.resources`, w.resources);
  validateProbes(list, `${path}.probes`, w.probes);
  validateEnv(list, path, w.env, w.secrets);
  if (w.config !== undefined) {
    if (!isObject(w.config)) list.add(`${path}.config`, w.config, 'must be an object of string keys to string values');
    else
      for (const [k, v] of Object.entries(w.config)) {
        if (!CONFIG_KEY.test(k)) list.add(`${path}.config.${k}`, k, "must be a ConfigMap key: letters, digits, '-', '_' or '.'");
        if (typeof v !== 'string') list.add(`${path}.config.${k}`, v, 'must be a string');
        else if (looksLikeCredential(v)) list.add(`${path}.config.${k}`, v, CREDENTIAL_IN_PLAIN_TEXT);
      }
  }
  const minReplicas = validateAutoscaling(list, `${path}.autoscaling`, w.autoscaling);
  const replicas = minReplicas ?? (typeof w.replicas === 'number' ? w.replicas : DEFAULT_REPLICAS);
  validateDisruptionBudget(list, `${path}.disruptionBudget`, w.disruptionBudget, replicas, minReplicas !== undefined);
  validateExposure(list, `${path}.exposure`, w.exposure);
  validateVolume(list, `${path}.volume`, w.volume);
  validateMonitoring(list, `${path}.monitoring`, w.monitoring);
  if (w.needsKubernetesApi !== undefined && typeof w.needsKubernetesApi !== 'boolean') {
    list.add(`${path}.needsKubernetesApi`, w.needsKubernetesApi, 'must be true or false');
  }
  validateEgress(list, `${path}.egress`, w.egress);
}

function validateImage(list: ProblemList, path: string, image: unknown): void {
  if (typeof image !== 'string' || !IMAGE_REF.test(image)) {
    list.add(path, image, 'must be an image reference with an explicit tag or digest, e.g. ghcr.io/acme/api:1.4.2');
    return;
  }
  if (/:latest$/.test(image)) {
    list.add(path, image, "must pin a version: the tag 'latest' makes rollouts unrepeatable");
  }
}

function validateResources(list: ProblemList, path: string, resources: unknown): void {
  if (!isObject(resources) || !isObject(resources.requests) || !isObject(resources.limits)) {
    list.add(path, resources, 'must have requests and limits, each { cpuMillicores, memoryMiB }');
    return;
  }
  const { requests, limits } = resources;
  checkKnownKeys(list, path, resources, ['requests', 'limits']);
  checkKnownKeys(list, `${path}.requests`, requests, QUANTITY_KEYS);
  checkKnownKeys(list, `${path}.limits`, limits, QUANTITY_KEYS);
  const ok = [
    checkInt(list, `${path}.requests.cpuMillicores`, requests.cpuMillicores, 1, 256_000),
    checkInt(list, `${path}.requests.memoryMiB`, requests.memoryMiB, 1, 1_048_576),
    checkInt(list, `${path}.limits.cpuMillicores`, limits.cpuMillicores, 1, 256_000),
    checkInt(list, `${path}.limits.memoryMiB`, limits.memoryMiB, 1, 1_048_576),
  ];
  if (!ok.every(Boolean)) return;
  for (const field of ['cpuMillicores', 'memoryMiB'] as const) {
    const req = requests[field] as number;
    const lim = limits[field] as number;
    if (req > lim) list.add(`${path}.requests.${field}`, req, `must be <= ${path}.limits.${field} (${lim})`);
  }
}

function validateProbes(list: ProblemList, path: string, probes: unknown): void {
  if (probes === undefined) return;
  if (!isObject(probes)) {
    list.add(path, probes, 'must be an object with optional readiness, liveness and startup probes');
    return;
  }
  checkKnownKeys(list, path, probes, ['readiness', 'liveness', 'startup']);
  for (const kind of ['readiness', 'liveness', 'startup'] as const) {
    const probe = probes[kind];
    if (probe === undefined) continue;
    const p = `${path}.${kind}`;
    if (!isObject(probe)) {
      list.add(p, probe, "must be { type: 'http', path } | { type: 'tcp' } | { type: 'exec', command }");
      continue;
    }
    if (!checkOneOf(list, `${p}.type`, probe.type, ['http', 'tcp', 'exec'])) {
      checkKnownKeys(list, p, probe, [...new Set(Object.values(PROBE_KEYS).flat())]);
      continue;
    }
    checkKnownKeys(list, p, probe, PROBE_KEYS[probe.type]);
    if (probe.type === 'http') checkHttpPath(list, `${p}.path`, probe.path);
    if (probe.type === 'exec') {
      if (!Array.isArray(probe.command) || probe.command.length === 0) {
        list.add(`${p}.command`, probe.command, 'must be a non-empty list of strings');
      } else
        probe.command.forEach((arg, j) => {
          if (typeof arg !== 'string') list.add(`${p}.command[${j}]`, arg, 'must be a string');
        });
    }
    if (probe.port !== undefined) checkInt(list, `${p}.port`, probe.port, 1, 65535);
    if (probe.initialDelaySeconds !== undefined) checkInt(list, `${p}.initialDelaySeconds`, probe.initialDelaySeconds, 0, 3600);
    if (probe.periodSeconds !== undefined) checkInt(list, `${p}.periodSeconds`, probe.periodSeconds, 1, 3600);
    if (probe.failureThreshold !== undefined) checkInt(list, `${p}.failureThreshold`, probe.failureThreshold, 1, 100);
  }
}

function validateEnv(list: ProblemList, path: string, env: unknown, secrets: unknown): void {
  const names = new Set<string>();
  if (env !== undefined) {
    if (!isObject(env)) list.add(`${path}.env`, env, 'must be an object of variable names to string values');
    else
      for (const [k, v] of Object.entries(env)) {
        if (!C_IDENTIFIER.test(k)) list.add(`${path}.env.${k}`, k, 'must be a C identifier: letters, digits and _');
        if (typeof v !== 'string') list.add(`${path}.env.${k}`, v, 'must be a string (secrets go in workload.secrets)');
        else if (looksLikeCredential(v)) list.add(`${path}.env.${k}`, v, CREDENTIAL_IN_PLAIN_TEXT);
        names.add(k);
      }
  }
  if (secrets === undefined) return;
  if (!Array.isArray(secrets)) {
    list.add(`${path}.secrets`, secrets, 'must be a list of { envName, secretName, key }');
    return;
  }
  secrets.forEach((s, i) => {
    const p = `${path}.secrets[${i}]`;
    if (!isObject(s)) {
      list.add(p, s, 'must be { envName, secretName, key } (a reference, never the secret value)');
      return;
    }
    const { value: inlineValue, ...reference } = s;
    if (inlineValue !== undefined) {
      list.add(
        `${p}.value`,
        inlineValue,
        'must not be in the spec: workload.secrets holds references only; put the value in a Kubernetes Secret (kubectl create secret generic <secretName> --from-literal=<key>=...) and name it with secretName and key',
      );
    }
    checkKnownKeys(list, p, reference, ['envName', 'secretName', 'key']);
    if (typeof s.envName !== 'string' || !C_IDENTIFIER.test(s.envName)) {
      list.add(`${p}.envName`, s.envName, 'must be a C identifier: letters, digits and _');
    } else if (names.has(s.envName)) {
      list.add(`${p}.envName`, s.envName, 'must not repeat a name already set in workload.env or another secret');
    } else names.add(s.envName);
    if (typeof s.secretName !== 'string' || !DNS_1123_SUBDOMAIN.test(s.secretName) || s.secretName.length > 253) {
      list.add(`${p}.secretName`, s.secretName, 'must be the name of a Kubernetes Secret (DNS-1123 subdomain)');
    }
    if (typeof s.key !== 'string' || !CONFIG_KEY.test(s.key)) {
      list.add(`${p}.key`, s.key, "must be a Secret key: letters, digits, '-', '_' or '.'");
    }
  });
}

/** Returns the HPA minimum when autoscaling is valid, so the PDB can be checked against it. */
function validateAutoscaling(list: ProblemList, path: string, autoscaling: unknown): number | undefined {
  if (autoscaling === undefined) return undefined;
  if (!isObject(autoscaling)) {
    list.add(path, autoscaling, 'must be { minReplicas, maxReplicas, targetCpuPercent? }');
    return undefined;
  }
  checkKnownKeys(list, path, autoscaling, ['minReplicas', 'maxReplicas', 'targetCpuPercent']);
  const minOk = checkInt(list, `${path}.minReplicas`, autoscaling.minReplicas, 1, 1000);
  const maxOk = checkInt(list, `${path}.maxReplicas`, autoscaling.maxReplicas, 1, 1000);
  if (autoscaling.targetCpuPercent !== undefined) checkInt(list, `${path}.targetCpuPercent`, autoscaling.targetCpuPercent, 1, 100);
  if (minOk && maxOk && (autoscaling.minReplicas as number) > (autoscaling.maxReplicas as number)) {
    list.add(`${path}.minReplicas`, autoscaling.minReplicas, `must be <= ${path}.maxReplicas (${autoscaling.maxReplicas})`);
  }
  return minOk ? (autoscaling.minReplicas as number) : undefined;
}

function validateDisruptionBudget(list: ProblemList, path: string, pdb: unknown, replicas: number, autoscaled: boolean): void {
  if (pdb === undefined) return;
  if (!isObject(pdb)) {
    list.add(path, pdb, `must be { maxUnavailable } or { minAvailable } (default { maxUnavailable: ${DEFAULT_MAX_UNAVAILABLE} })`);
    return;
  }
  checkKnownKeys(list, path, pdb, ['maxUnavailable', 'minAvailable']);
  const replicasPath = autoscaled ? 'workload.autoscaling.minReplicas' : 'workload.replicas';
  if (pdb.maxUnavailable !== undefined && pdb.minAvailable !== undefined) {
    list.add(path, pdb, 'must set only one of maxUnavailable and minAvailable');
    return;
  }
  if (pdb.minAvailable !== undefined) {
    if (!checkInt(list, `${path}.minAvailable`, pdb.minAvailable, 0, 1000)) return;
    if ((pdb.minAvailable as number) >= replicas) {
      list.add(
        `${path}.minAvailable`,
        pdb.minAvailable,
        `must be < ${replicasPath} (${replicas}): otherwise no pod can ever be evicted and every node drain blocks`,
      );
    }
  } else if (pdb.maxUnavailable !== undefined) {
    if (pdb.maxUnavailable === 0) {
      list.add(`${path}.maxUnavailable`, 0, 'must be >= 1: 0 blocks every voluntary eviction and every node drain');
    } else checkInt(list, `${path}.maxUnavailable`, pdb.maxUnavailable, 1, 1000);
  } else {
    list.add(path, pdb, 'must set maxUnavailable or minAvailable');
  }
}

function validateExposure(list: ProblemList, path: string, exposure: unknown): void {
  if (!isObject(exposure)) {
    list.add(path, exposure, "must be { type: 'public' | 'internal' | 'ingress' | 'cluster' }");
    return;
  }
  if (!checkOneOf(list, `${path}.type`, exposure.type, ['public', 'internal', 'ingress', 'cluster'])) {
    checkKnownKeys(list, path, exposure, ['type', 'host', 'path']);
    return;
  }
  if (exposure.type === 'ingress') {
    checkKnownKeys(list, path, exposure, ['type', 'host', 'path']);
    checkHostname(list, `${path}.host`, exposure.host);
    if (exposure.path !== undefined) checkHttpPath(list, `${path}.path`, exposure.path);
  } else {
    checkKnownKeys(list, path, exposure, ['type']);
  }
}

function validateVolume(list: ProblemList, path: string, volume: unknown): void {
  if (volume === undefined) return;
  if (!isObject(volume)) {
    list.add(path, volume, 'must be { sizeGiB, accessMode?, mountPath? }');
    return;
  }
  checkKnownKeys(list, path, volume, ['sizeGiB', 'accessMode', 'mountPath']);
  checkInt(list, `${path}.sizeGiB`, volume.sizeGiB, 1, 16_384);
  if (volume.accessMode !== undefined) checkOneOf(list, `${path}.accessMode`, volume.accessMode, ['ReadWriteOnce', 'ReadWriteMany']);
  if (volume.mountPath !== undefined) checkHttpPath(list, `${path}.mountPath`, volume.mountPath);
}

function validateMonitoring(list: ProblemList, path: string, monitoring: unknown): void {
  if (monitoring === undefined) return;
  if (!isObject(monitoring)) {
    list.add(path, monitoring, "must be { type: 'prometheus' | 'datadog' | 'none' }");
    return;
  }
  if (!checkOneOf(list, `${path}.type`, monitoring.type, ['prometheus', 'datadog', 'none'])) {
    checkKnownKeys(list, path, monitoring, ['type', 'path', 'port']);
    return;
  }
  if (monitoring.type === 'prometheus') {
    checkKnownKeys(list, path, monitoring, ['type', 'path', 'port']);
    if (monitoring.path !== undefined) checkHttpPath(list, `${path}.path`, monitoring.path);
    if (monitoring.port !== undefined) checkInt(list, `${path}.port`, monitoring.port, 1, 65535);
  } else checkKnownKeys(list, path, monitoring, ['type']);
}

function validateEgress(list: ProblemList, path: string, egress: unknown): void {
  if (egress === undefined) return;
  if (!Array.isArray(egress)) {
    list.add(path, egress, 'must be a list of { cidr, port, protocol? }');
    return;
  }
  egress.forEach((rule, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(rule)) {
      list.add(p, rule, 'must be { cidr, port, protocol? }');
      return;
    }
    checkKnownKeys(list, p, rule, ['cidr', 'port', 'protocol']);
    if (!isIpv4Cidr(rule.cidr)) list.add(`${p}.cidr`, rule.cidr, 'must be an IPv4 CIDR such as 10.20.0.0/16');
    checkInt(list, `${p}.port`, rule.port, 1, 65535);
    if (rule.protocol !== undefined) checkOneOf(list, `${p}.protocol`, rule.protocol, ['TCP', 'UDP']);
  });
}
