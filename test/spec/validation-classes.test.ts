import { closest, editDistance } from '../../src/spec/checks';
import { CLOUD_REGIONS, PRICED_REGIONS } from '../../src/spec/cloud-regions';
import { REDACTED, formatSafeValue, isSecretPath, looksLikeCredential, redactText, safeValue } from '../../src/spec/safe-value';
import { validateAppSpec } from '../../src/spec/validate-app-spec';
import { ValidationError, formatProblem, problemToJson } from '../../src/spec/validation-error';
import { PRICE_CATALOG } from '../../src/analysis/cost/catalog/price-catalog';
import { ALL_TARGETS } from '../../src/targets/registry';
import { prepareAppSpec } from '../../src/targets/validate-for-targets';
import { rawExample } from '../util';

const messages = (spec: unknown) => validateAppSpec(spec).map(formatProblem);
const w = (workload: Record<string, unknown>) => rawExample({ workload: workload as never });
const c = (cluster: Record<string, unknown>) => rawExample({ cluster: cluster as never });

describe('unknown keys are rejected at every level, with the nearest known name', () => {
  test.each<[string, unknown, string]>([
    [
      'a probe field',
      w({ probes: { readiness: { type: 'http', path: '/healthz', periodSecond: 5 } } }),
      "workload.probes.readiness.periodSecond (5) is not a known field; did you mean 'periodSeconds'? allowed: type, path, port, initialDelaySeconds, periodSeconds, failureThreshold",
    ],
    [
      'a tcp probe with a path',
      w({ probes: { liveness: { type: 'tcp', path: '/x' } } }),
      'workload.probes.liveness.path ("/x") is not a known field; allowed: type, port, initialDelaySeconds, periodSeconds, failureThreshold',
    ],
    [
      'resources.requests',
      w({ resources: { requests: { cpuMillicores: 100, memoryMiB: 128, memoryMb: 1 }, limits: { cpuMillicores: 200, memoryMiB: 256 } } }),
      "workload.resources.requests.memoryMb (1) is not a known field; did you mean 'memoryMiB'? allowed: cpuMillicores, memoryMiB",
    ],
    [
      'resources.limits',
      w({ resources: { requests: { cpuMillicores: 100, memoryMiB: 128 }, limits: { cpuMillicores: 200, memoryMiB: 256, cpu: 2 } } }),
      'workload.resources.limits.cpu (2) is not a known field; allowed: cpuMillicores, memoryMiB',
    ],
    [
      'resources itself',
      w({ resources: { requests: { cpuMillicores: 100, memoryMiB: 128 }, limits: { cpuMillicores: 200, memoryMiB: 256 }, limit: {} } }),
      "workload.resources.limit ({}) is not a known field; did you mean 'limits'? allowed: requests, limits",
    ],
    [
      'an egress rule',
      w({ egress: [{ cidr: '10.0.0.0/16', port: 5432, protocl: 'TCP' }] }),
      'workload.egress[0].protocl ("TCP") is not a known field; did you mean \'protocol\'? allowed: cidr, port, protocol',
    ],
    [
      'exposure',
      w({ exposure: { type: 'public', hots: 'a.example.com' } }),
      'workload.exposure.hots ("a.example.com") is not a known field; allowed: type',
    ],
    [
      'volume',
      w({ volume: { sizeGiB: 10, mountpath: '/data' } }),
      'workload.volume.mountpath ("/data") is not a known field; did you mean \'mountPath\'? allowed: sizeGiB, accessMode, mountPath',
    ],
    [
      'monitoring',
      w({ monitoring: { type: 'prometheus', prot: 9090 } }),
      "workload.monitoring.prot (9090) is not a known field; did you mean 'port'? allowed: type, path, port",
    ],
    [
      'autoscaling',
      w({ autoscaling: { minReplicas: 3, maxReplicas: 6, targetCPUPercent: 60 } }),
      "workload.autoscaling.targetCPUPercent (60) is not a known field; did you mean 'targetCpuPercent'? allowed: minReplicas, maxReplicas, targetCpuPercent",
    ],
    ['lab', c({ lab: { owner: 'ana', ttl: 8 } }), 'cluster.lab.ttl (8) is not a known field; allowed: owner, ttlHours'],
    [
      'regions',
      c({ regions: { aws: 'us-east-1', gpc: 'us-central1' } }),
      'cluster.regions.gpc ("us-central1") is not a known field; did you mean \'gcp\'? allowed: aws, gcp, azure',
    ],
    [
      'a per-target block',
      c({ eks: { publicAccesCidrs: ['198.51.100.0/24'] } }),
      'cluster.eks.publicAccesCidrs (["198.51.100.0/24"]) is not a known field; did you mean \'publicAccessCidrs\'? allowed: accountId, publicAccessCidrs, supportType, mode, adminPrincipalArns, controlPlaneLogTypes',
    ],
    [
      'a node pool',
      c({ nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 1, desiredNodes: 2, maxNode: 3, maxNodes: 3 }] }),
      "cluster.nodePools[0].maxNode (3) is not a known field; did you mean 'maxNodes'? allowed: name, sizeClass, minNodes, desiredNodes, maxNodes, capacity",
    ],
    [
      'the top level',
      { ...rawExample(), clustr: {} },
      "(spec).clustr ({}) is not a known field; did you mean 'cluster'? allowed: workload, cluster",
    ],
    [
      'a misspelt enum value',
      w({ exposure: { type: 'publik' } }),
      "workload.exposure.type (\"publik\") must be one of 'public', 'internal', 'ingress', 'cluster'; did you mean 'public'?",
    ],
  ])('%s', (_name, spec, expected) => {
    expect(messages(spec)).toEqual([expected]);
  });

  test('the problem carries the allowed names for machine readers', () => {
    const [problem] = validateAppSpec(w({ replicaz: 3 }));
    expect(problemToJson(problem)).toEqual({
      path: 'workload.replicaz',
      value: 3,
      requirement: expect.stringContaining("did you mean 'replicas'?"),
      allowed: expect.arrayContaining(['replicas', 'autoscaling']),
      message: expect.stringMatching(/^workload\.replicaz \(3\) is not a known field/),
    });
  });

  test.each([
    ['replicaz', ['replicas', 'resources'], 'replicas'],
    ['minReplica', ['minReplicas', 'maxReplicas'], 'minReplicas'],
    ['prot', ['port', 'path'], 'port'],
    ['zzzzzz', ['port', 'path'], undefined],
  ])('closest(%s) = %s', (name, candidates, expected) => {
    expect(closest(name, candidates)).toBe(expected);
  });

  test('edit distance counts an adjacent swap once', () => {
    expect(editDistance('pirt', 'port')).toBe(1);
    expect(editDistance('porpt', 'port')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });
});

describe('regions: real ones that the price catalog covers', () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      'a region AWS does not have',
      { aws: 'us-east-9' },
      'cluster.regions.aws ("us-east-9") is not an AWS region; did you mean \'us-east-1\'? supported (regions with prices in the catalog): us-east-1, eu-west-1',
    ],
    [
      'a GCP region typo',
      { gcp: 'europe-west13' },
      'cluster.regions.gcp ("europe-west13") is not a GCP region; did you mean \'europe-west1\'? supported (regions with prices in the catalog): us-central1, europe-west1',
    ],
    [
      'not a string',
      { azure: 7 },
      'cluster.regions.azure (7) is not an Azure region; supported (regions with prices in the catalog): eastus, westeurope',
    ],
  ])('%s', (_name, regions, expected) => {
    expect(messages(c({ regions }))).toEqual([expected]);
  });

  test('every problem is listed at once, one per cloud, with the priced ones at the gate', () => {
    const spec = c({ regions: { aws: 'us-east-9', gcp: 'mars1', azure: 'germanywestcentral' } });
    expect(validateAppSpec(spec).map((p) => p.path)).toEqual(['cluster.regions.aws', 'cluster.regions.gcp']);
    let problems: readonly { path: string }[] = [];
    try {
      prepareAppSpec(spec, ALL_TARGETS);
    } catch (error) {
      problems = (error as ValidationError).problems;
    }
    expect(problems.map((p) => p.path)).toEqual(['cluster.regions.aws', 'cluster.regions.gcp', 'cluster.regions.azure']);
    expect(formatProblem(problems[2] as never)).toBe(
      'cluster.regions.azure ("germanywestcentral") is a real Azure region but has no prices in orquesta\'s catalog, so nothing could be compared; supported (regions with prices in the catalog): eastus, westeurope',
    );
  });

  test.each(['aws', 'gcp', 'azure'] as const)("%s: the priced regions are exactly the catalog's, and all are real", (cloud) => {
    expect([...PRICED_REGIONS[cloud]].sort()).toEqual(Object.keys(PRICE_CATALOG[cloud]).sort());
    for (const region of PRICED_REGIONS[cloud]) expect(CLOUD_REGIONS[cloud]).toContain(region);
  });
});

describe('values quoted back are safe: secrets redacted, anything formatted, long values cut', () => {
  const DB_URL = 'postgres://admin:S3cr3tPassw0rd@db.internal:5432/app';

  test.each<[string, unknown, string]>([
    [
      'a secret value pasted into a secret reference',
      w({ secrets: [{ envName: 'DATABASE_URL', secretName: 'db', key: 'url', value: DB_URL }] }),
      'workload.secrets[0].value (<redacted>) must not be in the spec: workload.secrets holds references only; put the value in a Kubernetes Secret (kubectl create secret generic <secretName> --from-literal=<key>=...) and name it with secretName and key',
    ],
    [
      'a secret reference key that is the secret itself',
      w({ secrets: [{ envName: 'TOKEN', secretName: 'Bad Name', key: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB' }] }),
      'workload.secrets[0].secretName ("Bad Name") must be the name of a Kubernetes Secret (DNS-1123 subdomain)',
    ],
    [
      'an object holding a password, quoted whole',
      w({ secrets: 'password=hunter2' }),
      'workload.secrets (<redacted>) must be a list of { envName, secretName, key }',
    ],
    [
      'a credential URL where a name belongs',
      w({ name: DB_URL }),
      "workload.name (<redacted>) must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter, at most 40 characters",
    ],
    ['a function', w({ port: function listen() {} }), 'workload.port ("[function listen]") must be an integer in 1..65535'],
    ['a BigInt', w({ port: BigInt(8080) }), 'workload.port ("8080n (a BigInt)") must be an integer in 1..65535'],
    ['a symbol', w({ port: Symbol('p') }), 'workload.port ("Symbol(p) (a symbol)") must be an integer in 1..65535'],
    ['NaN', w({ port: NaN }), 'workload.port ("NaN") must be an integer in 1..65535'],
  ])('%s', (_name, spec, expected) => {
    expect(messages(spec)).toEqual([expected]);
  });

  test.each([
    ['env', { env: { CACHE_URL: DB_URL } }, 'workload.env.CACHE_URL'],
    ['config', { config: { GITHUB: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB' } }, 'workload.config.GITHUB'],
  ])('a credential as a plain %s value is rejected, and not printed', (_kind, workload, path) => {
    expect(messages(w(workload))).toEqual([
      `${path} (<redacted>) looks like a credential (a URL with a password, a key or a token): plain values land readable in the manifests; put it in a Kubernetes Secret and reference it from workload.secrets`,
    ]);
  });

  test('credentials inside free text (an error message) are replaced', () => {
    expect(redactText(`connect ${DB_URL} failed: password=hunter2, token: abc`)).toBe('connect <redacted> failed: <redacted>, <redacted>');
  });

  test('a circular value is described, not a crash', () => {
    const exposure: Record<string, unknown> = { type: 'nope' };
    exposure.self = exposure;
    const out = messages(w({ exposure }));
    expect(out[0]).toBe(`workload.exposure.type ("nope") must be one of 'public', 'internal', 'ingress', 'cluster'`);
    expect(out[1]).toBe('workload.exposure.self ({"type":"nope","self":"[circular]"}) is not a known field; allowed: type, host, path');
  });

  test('a 10,000-character name prints about 100 characters', () => {
    const [line] = messages(w({ name: 'a'.repeat(10_000) }));
    expect(line).toContain(`"${'a'.repeat(80)}… (10000 characters)"`);
    expect(line.length).toBeLessThan(250);
  });

  test('a ValidationError built from raw target problems redacts too', () => {
    const error = new ValidationError([{ path: 'cluster.eks.token', value: 'abc', requirement: 'must not be set' }]);
    expect(error.message).toBe('1 problem in the spec:\n  - cluster.eks.token (<redacted>) must not be set');
    expect(error.problems[0].value).toBe(REDACTED);
  });

  test.each([
    ['workload.secrets[0].key', true],
    ['workload.secrets[0].envName', false],
    ['workload.secrets[0].secretName', false],
    ['workload.env.DB_PASSWORD', true],
    ['workload.env.API_TOKEN', true],
    ['workload.config.apiKey', true],
    ['workload.port', false],
    ['cluster.eks.publicAccessCidrs[0]', false],
  ])('isSecretPath(%s) = %s', (path, expected) => {
    expect(isSecretPath(path)).toBe(expected);
  });

  test.each([
    ['postgres://admin:pw@db:5432/x', true],
    ['https://example.com/path', false],
    ['AKIAIOSFODNN7EXAMPLE', true],
    ['ghcr.io/acme/web-api@sha256:' + 'a'.repeat(64), false],
    ['aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3', true],
    ['-----BEGIN RSA PRIVATE KEY-----\nMII', true],
    ['web-api', false],
  ])('looksLikeCredential(%s) = %s', (text, expected) => {
    expect(looksLikeCredential(text)).toBe(expected);
  });

  test('nested secret keys inside a quoted object are redacted', () => {
    expect(safeValue({ user: 'ana', password: 'x', nested: { token: 't', ok: 1 } })).toEqual({
      user: 'ana',
      password: REDACTED,
      nested: { token: REDACTED, ok: 1 },
    });
    expect(formatSafeValue(undefined)).toBe('missing');
  });
});
