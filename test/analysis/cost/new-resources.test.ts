import { buildComparison } from '../../../src/analysis/build-comparison';
import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import { lookupPrice } from '../../../src/analysis/cost/catalog/price-fact';
import { priceInventory } from '../../../src/analysis/cost/cost-model';
import { eksSupportStatus, eksSupportWarnings } from '../../../src/analysis/cost/eks-support-calendar';
import { extractInventory, type SynthesizedTarget } from '../../../src/analysis/inventory/extract-inventory';
import type { Inventory } from '../../../src/analysis/inventory/inventory';
import type { TargetId } from '../../../src/targets/cluster-target';
import { synthesizedExample } from '../../synthesized-example';
import { TEST_NOW } from '../../util';
import { eksInventory, pool, workload } from '../inventory-fixture';

const r2 = (n: number) => Math.round(n * 100) / 100;
const price = (cloud: 'aws' | 'gcp' | 'azure', region: string, sku: string) => lookupPrice(PRICE_CATALOG, cloud, region, sku).usd;
const aws = (sku: string) => price('aws', 'us-east-1', sku);
const items = (inv: Inventory, address: string) =>
  priceInventory(inv, PRICE_CATALOG, { at: TEST_NOW }).lineItems.filter((l) => l.address === address);

/** The example synthesized once per run; each test adds hand-written resources to a copy of one stack's JSON. */
const synthesized: Record<TargetId, SynthesizedTarget> = synthesizedExample();

/** One stack with resources added (or a resource's fields patched), extracted to an inventory. */
function withResources(target: TargetId, add: Record<string, Record<string, object>>, patch?: (stack: any) => void): Inventory {
  const stack = JSON.parse(JSON.stringify(synthesized[target].stack));
  for (const [type, byName] of Object.entries(add)) stack.resource[type] = { ...(stack.resource[type] ?? {}), ...byName };
  patch?.(stack);
  return extractInventory({ ...synthesized[target], stack });
}

function only<T>(record: Record<string, T>): T {
  const values = Object.values(record);
  if (values.length !== 1) throw new Error(`expected one, found ${values.length}`);
  return values[0];
}

describe('EKS version calendar', () => {
  test.each([
    ['1.31', 'EXTENDED', '2025-11-25', 'standard', 'standard'],
    ['1.31', 'EXTENDED', '2025-11-26', 'extended', 'extended'],
    ['1.31', 'STANDARD', '2025-11-26', 'extended', 'standard'],
    ['1.31', 'EXTENDED', '2026-11-26', 'unsupported', 'standard'],
    ['1.35', 'EXTENDED', '2026-11-22', 'standard', 'standard'],
    ['1.99', 'EXTENDED', '2026-11-22', 'unknown', 'standard'],
  ] as const)('%s with %s support on %s: %s period, billed %s', (version, policy, day, period, billedAs) => {
    expect(eksSupportStatus(version, policy, new Date(`${day}T12:00:00Z`))).toMatchObject({ period, billedAs });
  });

  const eks = (version: string, tier: 'eks-standard' | 'eks-extended') =>
    eksInventory({ kubernetesVersion: version, controlPlane: { kind: 'managed', address: 'c', tier, usesAvailabilityZones: true } });

  test('warns within 90 days of the end of standard support, naming the date and the new fee', () => {
    // 1.34 leaves standard support on 2026-12-02.
    expect(eksSupportWarnings(eks('1.34', 'eks-extended'), new Date('2026-09-02T00:00:00Z'))).toEqual([]);
    const [warning] = eksSupportWarnings(eks('1.34', 'eks-extended'), new Date('2026-11-22T00:00:00Z'));
    expect(warning).toMatch(/1\.34 leaves EKS standard support on 2026-12-02 \(in 10 days\).*\$0\.10 to \$0\.60 per hour/);
    expect(eksSupportWarnings(eks('1.34', 'eks-standard'), new Date('2026-11-22T00:00:00Z'))[0]).toMatch(
      /upgrades the cluster automatically/,
    );
    expect(eksSupportWarnings(eks('1.31', 'eks-extended'), new Date('2026-01-01T00:00:00Z'))[0]).toMatch(/billed \$0\.60 per hour/);
    expect(eksSupportWarnings(eks('1.99', 'eks-standard'), TEST_NOW)[0]).toMatch(/not in the EKS release calendar/);
  });

  test('the report carries the warning, and prices the date it is built for', () => {
    const stack = JSON.parse(JSON.stringify(synthesized.eks.stack));
    only<any>(stack.resource.aws_eks_cluster).version = '1.34';
    const { report } = buildComparison({ synthesized: [{ ...synthesized.eks, stack }], catalog: PRICE_CATALOG, now: TEST_NOW });
    expect(report.warnings).toEqual([expect.stringMatching(/^eks: Kubernetes 1\.34 leaves EKS standard support on 2026-12-02/)]);
    expect(report.assumptions.priceDateRange!.oldest <= report.assumptions.priceDateRange!.newest).toBe(true);
    expect(report.assumptions.priceDateRange!.newest).toBe(report.assumptions.priceCatalogDate);
  });

  test('other targets get no EKS warning', () => {
    const gke = eksInventory({
      target: 'gke',
      controlPlane: { kind: 'managed', address: 'c', tier: 'gke-regional', usesAvailabilityZones: true },
    });
    expect(eksSupportWarnings(gke, TEST_NOW)).toEqual([]);
  });
});

describe('EKS control-plane logs', () => {
  test('a usage line from enabled_cluster_log_types with the assumed GB, plus storage for the log group retention', () => {
    const inv = extractInventory(synthesized.eks);
    const logs = inv.billables.find((b) => b.kind === 'control-plane-logs');
    expect(logs?.logTypes).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(logs?.retentionDays).toBeGreaterThan(0);
    const lines = items(inv, logs!.address).filter((l) => /control-plane logs/.test(l.description));
    // api 1 + audit 3 + authenticator 0.5 + controllerManager 0.5 + scheduler 0.2 = 5.2 GB a month.
    expect(lines[0]).toMatchObject({ quantity: 5.2, monthlyUsd: r2(5.2 * aws('cloudwatch:logs-ingest')) });
    expect(lines[1].description).toMatch(new RegExp(`${logs!.retentionDays} days retention`));
    expect(lines[1].quantity).toBeCloseTo((5.2 * logs!.retentionDays!) / (365 / 12), 3);
  });

  test('fewer log types, fewer GB; none, no line', () => {
    const setTypes = (types: string[]) => (stack: any) => {
      only<any>(stack.resource.aws_eks_cluster).enabled_cluster_log_types = types;
    };
    const audit = withResources('eks', {}, setTypes(['audit']));
    expect(items(audit, 'aws_eks_cluster.Cluster_EB0386A7').find((l) => /logs \(audit\)/.test(l.description))?.quantity).toBe(3);
    expect(withResources('eks', {}, setTypes([])).billables.some((b) => b.kind === 'control-plane-logs')).toBe(false);
  });
});

describe('VPC flow logs', () => {
  test('to CloudWatch Logs: vended-logs ingestion of the assumed 5 GB/month, plus storage for the group retention', () => {
    const inv = withResources('eks', {
      aws_cloudwatch_log_group: { flow: { name: '/orquesta/flow-logs', retention_in_days: 30 } },
      aws_flow_log: { vpc: { log_destination: '${aws_cloudwatch_log_group.flow.arn}', traffic_type: 'ALL', vpc_id: '${aws_vpc.x.id}' } },
    });
    const lines = items(inv, 'aws_flow_log.vpc');
    expect(lines.map((l) => l.unitPriceUsd)).toEqual([aws('cloudwatch:logs-vended-ingest'), aws('cloudwatch:logs-storage')]);
    expect(lines[0].quantity).toBe(5);
    // 30 days of 5 GB a month kept: 5 x 30 / 30.4 GB stored.
    expect(lines[1].quantity).toBeCloseTo((5 * 30) / (365 / 12), 3);
  });

  test('to S3: vended-logs delivery plus S3 storage', () => {
    const inv = withResources('kops', {
      aws_flow_log: { vpc: { log_destination_type: 's3', log_destination: 'arn:aws:s3:::b', vpc_id: 'v' } },
    });
    expect(items(inv, 'aws_flow_log.vpc').map((l) => l.unitPriceUsd)).toEqual([aws('s3:vended-logs-delivery'), aws('s3:standard-storage')]);
  });
});

describe('GKE subnetwork flow logs', () => {
  test('a subnetwork with log_config: Cloud Logging ingestion of the assumed 5 GiB times its sampling', () => {
    const inv = withResources('gke', {}, (stack) => {
      for (const subnet of Object.values<any>(stack.resource.google_compute_subnetwork))
        subnet.log_config = { flow_sampling: 0.5, aggregation_interval: 'INTERVAL_5_SEC' };
    });
    const flows = inv.billables.filter((b) => b.kind === 'flow-logs');
    expect(flows.length).toBeGreaterThan(0);
    const [line] = items(inv, flows[0].address);
    expect(line).toMatchObject({ quantity: 2.5, unitPriceUsd: price('gcp', 'us-central1', 'logging:ingest') });
    // The GKE stack itself turns flow logs on (gke-network.ts), so the example is priced for them too.
    expect(extractInventory(synthesized.gke).billables.some((b) => b.kind === 'flow-logs')).toBe(true);
  });
});

describe('KMS keys', () => {
  test('every aws_kms_key is priced, each with its own description', () => {
    const inv = withResources('kops', {
      aws_kms_key: { state: { description: 'kops state bucket' }, etcd: { description: 'etcd volumes' } },
    });
    const keys = inv.billables.filter((b) => b.kind === 'kms-key');
    expect(keys.length).toBe(Object.keys({ ...(synthesized.kops.stack.resource?.aws_kms_key ?? {}), state: 1, etcd: 1 }).length);
    for (const k of keys) expect(items(inv, k.address)[0].monthlyUsd).toBe(aws('kms:key'));
    expect(keys.map((k) => k.description)).toEqual(expect.arrayContaining(['KMS key (kops state bucket)', 'KMS key (etcd volumes)']));
  });
});

describe('AKS Log Analytics', () => {
  test('ingestion of the diagnostic categories sent to the workspace, plus container insights per node', () => {
    const inv = withResources(
      'aks',
      {
        azurerm_log_analytics_workspace: { logs: { name: 'logs', sku: 'PerGB2018', retention_in_days: 30 } },
        azurerm_monitor_diagnostic_setting: {
          audit: {
            log_analytics_workspace_id: '${azurerm_log_analytics_workspace.logs.id}',
            enabled_log: [{ category: 'kube-audit-admin' }, { category: 'guard' }],
          },
        },
      },
      (stack) => {
        only<any>(stack.resource.azurerm_kubernetes_cluster).oms_agent = {
          log_analytics_workspace_id: '${azurerm_log_analytics_workspace.logs.id}',
        };
      },
    );
    const [diagnostics, insights] = items(inv, 'azurerm_log_analytics_workspace.logs');
    const gb = price('azure', 'eastus', 'loganalytics:ingest');
    // kube-audit-admin 2 GB + guard 0.5 GB.
    expect(diagnostics).toMatchObject({ quantity: 2.5, monthlyUsd: r2(2.5 * gb), perNode: false });
    // 3 system + 3 workload nodes x 2 GB.
    expect(insights).toMatchObject({ quantity: 12, monthlyUsd: r2(12 * gb), perNode: true });
  });
});

describe('Amazon Managed Service for Prometheus', () => {
  const amp: Inventory = eksInventory({
    billables: [
      { address: 'aws_prometheus_workspace.w', kind: 'managed-prometheus-workspace', description: 'AMP', quantity: 1 },
      { address: 'aws_prometheus_scraper.s', kind: 'managed-prometheus-scraper', description: 'AMP scraper', quantity: 1 },
    ],
    workload: workload({ monitoring: 'prometheus' }),
  });

  test('samples ingested at the GMP/Azure sample-rate assumption, plus collector-hours and samples collected; no self-hosted server', () => {
    // 3 replicas x 87.6 million samples = 262.8 million = 26.28 x 10M.
    expect(items(amp, 'aws_prometheus_workspace.w')[0]).toMatchObject({ quantity: 26.28, monthlyUsd: r2(26.28 * aws('amp:samples')) });
    const [hours, collected] = items(amp, 'aws_prometheus_scraper.s');
    expect(hours).toMatchObject({ quantity: 730, monthlyUsd: r2(730 * aws('amp:collector-hour')) });
    expect(collected.monthlyUsd).toBe(r2(26.28 * aws('amp:collector-samples')));
    expect(items(amp, 'Prometheus/self-hosted')).toEqual([]);
  });

  test('extracted from aws_prometheus_workspace and aws_prometheus_scraper', () => {
    const inv = withResources('eks', { aws_prometheus_workspace: { w: { alias: 'x' } }, aws_prometheus_scraper: { s: { alias: 'x' } } });
    // Besides the EKS stack's own workspace and collector (the example uses Prometheus).
    expect(inv.billables.filter((b) => b.kind.startsWith('managed-prometheus')).map((b) => b.address)).toEqual(
      expect.arrayContaining(['aws_prometheus_workspace.w', 'aws_prometheus_scraper.s']),
    );
    expect(inv.billables.filter((b) => b.kind === 'managed-prometheus-workspace')).toHaveLength(2);
  });
});

describe('EKS Auto Mode', () => {
  test('the management fee of each worker node by instance type, scaling with the nodes', () => {
    const inv = eksInventory({
      billables: [{ address: 'aws_eks_cluster.cluster', kind: 'eks-auto-mode-fee', description: 'EKS Auto Mode', quantity: 1 }],
      nodeGroups: [pool({ instanceType: 'm6i.xlarge', desiredNodes: 4, minNodes: 2, maxNodes: 8 })],
    });
    const fee = items(inv, 'aws_eks_cluster.cluster').find((l) => /Auto Mode/.test(l.description))!;
    expect(fee).toMatchObject({ quantity: 4 * 730, perNode: true, monthlyUsd: r2(4 * 730 * aws('eks:auto-mode:m6i.xlarge')) });
    const range = priceInventory(inv, PRICE_CATALOG, { at: TEST_NOW }).monthlyRangeUsd;
    const perNode = 730 * (aws('ec2:m6i.xlarge') + aws('eks:auto-mode:m6i.xlarge')) + 20 * aws('ebs:gp3-storage');
    expect(range.max - range.min).toBeCloseTo(6 * perNode, 1);
  });
});

describe('spot capacity', () => {
  test.each([
    [
      'eks',
      (stack: any): void => void (only<any>(stack.resource.aws_eks_node_group).capacity_type = 'SPOT'),
      'ec2-spot:m6i.large',
      /2-minute notice/,
    ],
    [
      'gke',
      (stack: any): void => void (only<any>(stack.resource.google_container_node_pool).node_config.spot = true),
      'gce-spot:e2-standard-2',
      /30-second notice/,
    ],
    [
      'aks',
      (stack: any): void => void (only<any>(stack.resource.azurerm_kubernetes_cluster_node_pool).priority = 'Spot'),
      'vm-spot:Standard_D2s_v5',
      /30-second notice/,
    ],
  ] as const)('%s: read from the stack, priced at the dated spot rate with the interruption caveat', (target, patch, sku, caveat) => {
    const inv = withResources(target, {}, patch);
    const g = inv.nodeGroups.find((n) => n.role === 'worker')!;
    expect(g.capacity).toBe('spot');
    const line = items(inv, g.address).find((l) => /x /.test(l.description) && l.category === 'compute')!;
    expect(line.description).toMatch(caveat);
    expect(line.unitPriceUsd).toBe(price(inv.cloud, inv.region, sku));
    expect(line.unitPriceUsd).toBeLessThan(price(inv.cloud, inv.region, sku.replace('-spot', '')));
  });

  test('kops: an auto-scaling group with no on-demand share is spot', () => {
    const inv = withResources('kops', {}, (stack) => {
      const workers = Object.values<any>(stack.resource.aws_autoscaling_group).filter((g) =>
        (g.tag ?? []).some((t: any) => t.key === 'orquesta.dev/role' && t.value === 'worker'),
      );
      for (const g of workers) {
        g.mixed_instances_policy = {
          instances_distribution: {
            on_demand_base_capacity: 0,
            on_demand_percentage_above_base_capacity: 0,
            spot_allocation_strategy: 'price-capacity-optimized',
          },
          launch_template: {
            launch_template_specification: { launch_template_id: g.launch_template.id, version: '$Latest' },
            override: [{ instance_type: 'm6i.large' }, { instance_type: 'm5.large' }],
          },
        };
        delete g.launch_template;
      }
    });
    const g = inv.nodeGroups.find((n) => n.role === 'worker')!;
    expect(g).toMatchObject({ capacity: 'spot', instanceType: 'm6i.large' });
    // The launch template is still found through launch_template_specification (its root volume).
    const before = extractInventory(synthesized.kops).nodeGroups.find((n) => n.role === 'worker')!;
    expect(g.rootVolume).toEqual(before.rootVolume);
    expect(items(inv, g.address)[0].unitPriceUsd).toBe(aws('ec2-spot:m6i.large'));
  });

  test('on-demand by default on every target', () => {
    for (const s of Object.values(synthesized)) {
      expect(extractInventory(s).nodeGroups.every((g) => g.capacity === 'on-demand')).toBe(true);
    }
  });
});

describe('an Ingress', () => {
  const ingress = workload({ loadBalancers: [{ address: 'Ingress/web-api', kind: 'ingress', internal: false }] });

  test.each([
    ['eks', ['elb:alb', 'vpc:public-ipv4'], [730, 3 * 730]],
    ['kops', ['elb:nlb', 'vpc:public-ipv4'], [730, 3 * 730]],
  ] as const)('%s: the load balancer the controller creates, plus a public IPv4 in each of the 3 zones', (target, skus, hours) => {
    const inv = eksInventory({ target, workload: ingress });
    const lines = items(inv, 'Ingress/web-api');
    expect(lines.map((l) => [l.quantity, l.unitPriceUsd])).toEqual(skus.map((sku, i) => [hours[i], aws(sku)]));
  });

  test('gke: a global forwarding rule, its IP not charged', () => {
    const inv = eksInventory({
      target: 'gke',
      cloud: 'gcp',
      region: 'us-central1',
      controlPlane: { kind: 'managed', address: 'c', tier: 'gke-regional', usesAvailabilityZones: true },
      nodeGroups: [pool({ instanceType: 'e2-standard-2', rootVolume: { type: 'pd-balanced', sizeGiB: 100 } })],
      billables: [],
      workload: ingress,
    });
    expect(items(inv, 'Ingress/web-api').map((l) => l.unitPriceUsd)).toEqual([price('gcp', 'us-central1', 'lb:forwarding-rule')]);
  });
});
