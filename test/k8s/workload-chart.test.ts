import { aksKubernetes } from '../../src/targets/aks/aks-kubernetes';
import { eksKubernetes } from '../../src/targets/eks/eks-kubernetes';
import { gkeKubernetes } from '../../src/targets/gke/gke-kubernetes';
import { kopsKubernetes } from '../../src/targets/kops/kops-kubernetes';
import { exampleSpec, findObject } from '../util';
import { ADAPTERS, renderFor as render, type AdaptFn } from './k8s-adapters';

/** Where each target's Prometheus collector scrapes from. */
/** Where each target's Prometheus collector scrapes from: EKS' managed collector from the VPC's subnets, the others from a namespace. */
const SCRAPER_PEER: Record<string, object> = {
  eks: { ipBlock: { cidr: '10.0.0.0/16' } },
  gke: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gmp-system' } } },
  aks: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
  kops: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
};

describe.each(ADAPTERS)('workload chart on %s', (id, adapt) => {
  const objects = render(adapt);
  const deployment = findObject(objects, 'Deployment', 'web-api');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('renders exactly the expected objects with stable names and API versions', () => {
    const names = objects.map((o) => `${o.apiVersion} ${o.kind}/${o.metadata.name}`);
    expect(names.filter((n) => !/ (ServiceMonitor|PodMonitoring)\//.test(n)).sort()).toEqual([
      'apps/v1 Deployment/web-api',
      'autoscaling/v2 HorizontalPodAutoscaler/web-api',
      'networking.k8s.io/v1 NetworkPolicy/web-api',
      'policy/v1 PodDisruptionBudget/web-api',
      'v1 ConfigMap/web-api-config',
      'v1 Namespace/web-api',
      'v1 Service/web-api',
      'v1 ServiceAccount/web-api',
    ]);
    // EKS' managed Prometheus collector discovers the pods itself: no scrape object there.
    expect(names.filter((n) => /(ServiceMonitor|PodMonitoring)\/web-api$/.test(n))).toHaveLength(id === 'eks' ? 0 : 1);
    expect(deployment.metadata.annotations).toEqual({ 'orquesta.dev/monitoring': 'prometheus' });
  });

  test('selector matches the pod template labels and nothing generated', () => {
    expect(deployment.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web-api' } });
    expect(deployment.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('web-api');
    const service = findObject(objects, 'Service');
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'web-api' });
  });

  test('leaves replicas to the HPA and rolls out one surge pod at a time', () => {
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    const hpa = findObject(objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 9,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web-api' },
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
  });

  test('spreads hard over zones and softly over hosts (no required anti-affinity)', () => {
    const labelSelector = { matchLabels: { 'app.kubernetes.io/name': 'web-api' } };
    expect(pod.topologySpreadConstraints).toEqual([
      {
        topologyKey: 'topology.kubernetes.io/zone',
        maxSkew: 1,
        whenUnsatisfiable: 'DoNotSchedule',
        nodeTaintsPolicy: 'Honor',
        labelSelector,
        matchLabelKeys: ['pod-template-hash'],
      },
      {
        topologyKey: 'kubernetes.io/hostname',
        maxSkew: 1,
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector,
        matchLabelKeys: ['pod-template-hash'],
      },
    ]);
    expect(pod.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
  });

  test('meets the restricted Pod Security Standard', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container.volumeMounts).toEqual([expect.objectContaining({ mountPath: '/tmp' })]);
  });

  test('sets requests, limits and the three probes from the spec', () => {
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/healthz/ready', port: 8080 });
    expect(container.livenessProbe.httpGet.path).toBe('/healthz/live');
    expect(container.startupProbe.failureThreshold).toBe(30);
  });

  test('injects config with envFrom and secrets by reference only', () => {
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'web-api-config' } }]);
    expect(container.env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'web-api-db', key: 'url' } } });
    expect(JSON.stringify(objects)).not.toContain('kind":"Secret');
  });

  test('the PDB always allows one voluntary eviction', () => {
    const pdb = findObject(objects, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web-api' } },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
  });

  test('network policy denies by default and allows the app port, metrics and DNS', () => {
    const policy = findObject(objects, 'NetworkPolicy').spec;
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.ingress[0]).toEqual({ ports: [{ port: 8080, protocol: 'TCP' }] });
    // Metrics only from where the target's collector scrapes.
    expect(policy.ingress[1]).toEqual({
      from: [SCRAPER_PEER[id]],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
    expect(policy.egress[0].ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
    expect(policy.egress[1]).toEqual({ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 5432, protocol: 'TCP' }] });
  });

  test('selects the workload node pool and carries the common labels on every object', () => {
    expect(pod.nodeSelector).toEqual({ 'orquesta.dev/pool': 'apps' });
    for (const o of objects) {
      expect(o.metadata.labels).toMatchObject({ project: 'orquesta', 'orquesta-cluster': 'orquesta-demo' });
    }
  });
});

describe('per-target adaptations', () => {
  test.each([
    [
      'eks',
      eksKubernetes,
      {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      },
    ],
    ['gke', gkeKubernetes, { 'cloud.google.com/l4-rbs': 'enabled' }],
    ['aks', aksKubernetes, {}],
    ['kops', kopsKubernetes, { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' }],
  ] as Array<[string, AdaptFn, Record<string, string>]>)('%s public load balancer annotations', (_id, adapt, annotations) => {
    const service = findObject(render(adapt), 'Service');
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
    expect(service.metadata.annotations ?? {}).toEqual(annotations);
  });

  test.each([
    ['eks', eksKubernetes, 'service.beta.kubernetes.io/aws-load-balancer-scheme', 'internal'],
    ['gke', gkeKubernetes, 'networking.gke.io/load-balancer-type', 'Internal'],
    ['aks', aksKubernetes, 'service.beta.kubernetes.io/azure-load-balancer-internal', 'true'],
    ['kops', kopsKubernetes, 'service.beta.kubernetes.io/aws-load-balancer-internal', 'true'],
  ] as Array<[string, AdaptFn, string, string]>)('%s internal load balancer annotation', (_id, adapt, key, value) => {
    const spec = exampleSpec({ workload: { exposure: { type: 'internal' } } });
    expect(findObject(render(adapt, spec), 'Service').metadata.annotations?.[key]).toBe(value);
  });

  test.each([
    ['eks', eksKubernetes, 'gp3', true],
    ['gke', gkeKubernetes, 'standard-rwo', false],
    ['aks', aksKubernetes, 'managed-csi', false],
    ['kops', kopsKubernetes, 'gp3', true],
  ] as Array<[string, AdaptFn, string, boolean]>)(
    '%s volume: StatefulSet with one claim per replica',
    (_id, adapt, storageClass, createsClass) => {
      const spec = exampleSpec({ workload: { volume: { sizeGiB: 20 } } });
      const objects = render(adapt, spec);
      expect(objects.find((o) => o.kind === 'Deployment')).toBeUndefined();
      const sts = findObject(objects, 'StatefulSet', 'web-api');
      expect(sts.spec.serviceName).toBe('web-api-headless');
      expect(sts.spec.volumeClaimTemplates).toEqual([
        expect.objectContaining({
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: storageClass, resources: { requests: { storage: '20Gi' } } },
        }),
      ]);
      expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
      expect(sts.spec.template.spec.securityContext.fsGroup).toBe(10001);
      const storageClasses = objects.filter((o) => o.kind === 'StorageClass');
      expect(storageClasses.map((o) => [o.metadata.name, o.volumeBindingMode])).toEqual(
        createsClass ? [[storageClass, 'WaitForFirstConsumer']] : [],
      );
    },
  );

  test.each([
    ['eks', eksKubernetes, 'alb', [{ ipBlock: { cidr: '10.0.0.0/16' } }]],
    ['gke', gkeKubernetes, 'gce', [{ ipBlock: { cidr: '130.211.0.0/22' } }, { ipBlock: { cidr: '35.191.0.0/16' } }]],
    [
      'aks',
      aksKubernetes,
      'webapprouting.kubernetes.azure.com',
      [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' } } }],
    ],
    ['kops', kopsKubernetes, 'nginx', [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]],
  ] as Array<[string, AdaptFn, string, unknown[]]>)(
    '%s ingress uses its class and admits only its traffic source',
    (_id, adapt, className, from) => {
      const spec = exampleSpec({ workload: { exposure: { type: 'ingress', host: 'api.example.com', path: '/v1' } } });
      const objects = render(adapt, spec);
      const ingress = findObject(objects, 'Ingress', 'web-api');
      expect(ingress.spec.ingressClassName).toBe(className);
      expect(ingress.spec.rules).toEqual([
        {
          host: 'api.example.com',
          http: { paths: [{ path: '/v1', pathType: 'Prefix', backend: { service: { name: 'web-api', port: { number: 80 } } } }] },
        },
      ]);
      expect(findObject(objects, 'Service').spec.type).toBe('ClusterIP');
      expect(findObject(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual(from);
    },
  );

  test('workload identity: IRSA from the stack output, GKE service account, Azure client id', () => {
    const spec = exampleSpec();
    const sa = (adapt: AdaptFn, outputs?: Record<string, string>) =>
      findObject(render(adapt, spec, outputs), 'ServiceAccount').metadata.annotations ?? {};
    expect(sa(eksKubernetes)).toEqual({});
    expect(sa(eksKubernetes, { workload_role_arn: 'arn:aws:iam::123456789012:role/x' })).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/x',
    });
    expect(sa(gkeKubernetes)).toEqual({ 'iam.gke.io/gcp-service-account': 'web-api@orquesta-orquesta-demo.iam.gserviceaccount.com' });
    expect(sa(aksKubernetes, { workload_identity_client_id: '00000000-1111-2222-3333-444444444444' })).toEqual({
      'azure.workload.identity/client-id': '00000000-1111-2222-3333-444444444444',
    });
    const aksPod = findObject(render(aksKubernetes, spec), 'Deployment').spec.template.metadata.labels;
    expect(aksPod['azure.workload.identity/use']).toBe('true');
  });

  test('EKS IRSA ARN from the account id when given at synth time', () => {
    const spec = exampleSpec({ cluster: { eks: { accountId: '123456789012' } } });
    const sa = findObject(render(eksKubernetes, spec), 'ServiceAccount');
    expect(sa.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/orquesta-demo-web-api' });
  });

  test.each([
    ['gke', gkeKubernetes, 'monitoring.googleapis.com/v1', 'PodMonitoring', 8080],
    ['aks', aksKubernetes, 'azmonitoring.coreos.com/v1', 'ServiceMonitor', 'http'],
    ['kops', kopsKubernetes, 'monitoring.coreos.com/v1', 'ServiceMonitor', 'http'],
  ] as Array<[string, AdaptFn, string, string, string | number]>)('%s prometheus scrape object', (_id, adapt, apiVersion, kind, port) => {
    const monitor = findObject(render(adapt), kind);
    expect(monitor.apiVersion).toBe(apiVersion);
    expect(monitor.spec.endpoints).toEqual([{ port, path: '/metrics', interval: '30s' }]);
  });

  test('datadog monitoring uses autodiscovery annotations and no scrape object', () => {
    const spec = exampleSpec({ workload: { monitoring: { type: 'datadog' } } });
    const objects = render(eksKubernetes, spec);
    expect(objects.some((o) => o.kind === 'ServiceMonitor')).toBe(false);
    const annotations = findObject(objects, 'Deployment').spec.template.metadata.annotations;
    expect(JSON.parse(annotations['ad.datadoghq.com/web-api.logs'])).toEqual([{ source: 'web-api', service: 'web-api' }]);
  });

  test('fixed replicas without autoscaling, and no HPA', () => {
    const spec = exampleSpec({ workload: { autoscaling: undefined, replicas: 4 } });
    const objects = render(gkeKubernetes, spec);
    expect(findObject(objects, 'Deployment').spec.replicas).toBe(4);
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
  });

  test('lab clusters label every object with owner and expiry', () => {
    const spec = exampleSpec({ cluster: { lab: { owner: 'ana', ttlHours: 8 } } });
    for (const o of render(kopsKubernetes, spec)) {
      expect(o.metadata.labels).toMatchObject({
        'orquesta-lab': 'true',
        'orquesta-owner': 'ana',
        'orquesta-expires-at': '2026-11-22t18-00z',
      });
    }
  });

  test('a service-account token is mounted only when the app calls the Kubernetes API', () => {
    const spec = exampleSpec({ workload: { needsKubernetesApi: true } });
    const objects = render(eksKubernetes, spec);
    expect(findObject(objects, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(
      findObject(objects, 'NetworkPolicy')
        .spec.egress.at(-1)
        .ports.map((p: { port: number }) => p.port),
    ).toEqual([443, 6443]);
  });
});

describe('EKS Auto Mode', () => {
  const spec = exampleSpec({ cluster: { eks: { mode: 'auto' } }, workload: { volume: { sizeGiB: 10 } } });
  const adaptation = eksKubernetes(spec, { now: new Date('2026-11-22T10:00:00Z') });

  test("volumes use Auto Mode's own EBS provisioner, with the same zone-aware gp3 class", () => {
    const sc = findObject(render(eksKubernetes, spec), 'StorageClass', 'gp3');
    expect(sc.provisioner).toBe('ebs.csi.eks.amazonaws.com');
    expect(sc.parameters).toEqual({ type: 'gp3', encrypted: 'true' });
    expect(sc.volumeBindingMode).toBe('WaitForFirstConsumer');
  });

  test('the load balancer comes from Auto Mode, not from an in-cluster controller', () => {
    expect(adaptation.loadBalancerProvider.service.controller).toMatch(/^EKS Auto Mode's load balancing/);
    expect(adaptation.loadBalancerProvider.service.inspect).toBeUndefined();
    expect(eksKubernetes(exampleSpec(), { now: new Date() }).loadBalancerProvider.service.controller).toContain(
      'AWS Load Balancer Controller',
    );
  });
});
