import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import { lookupPrice, MissingPriceError } from '../../../src/analysis/cost/catalog/price-fact';
import { priceInventory } from '../../../src/analysis/cost/cost-model';
import type { Inventory } from '../../../src/analysis/inventory/inventory';
import { eksInventory, gkeZonalInventory, kopsInventory, pool, workload } from '../inventory-fixture';

const price = (cloud: 'aws' | 'gcp' | 'azure', region: string, sku: string) => lookupPrice(PRICE_CATALOG, cloud, region, sku).usd;
const aws = (sku: string) => price('aws', 'us-east-1', sku);
const line = (inv: Inventory, address: string, description?: RegExp) =>
  priceInventory(inv, PRICE_CATALOG).lineItems.filter((l) => l.address === address && (!description || description.test(l.description)));
const monthly = (inv: Inventory, address: string, description?: RegExp) =>
  Math.round(line(inv, address, description).reduce((s, l) => s + l.monthlyUsd, 0) * 100) / 100;
const r2 = (n: number) => Math.round(n * 100) / 100;

describe('cost model', () => {
  test('EKS: control plane, nodes, root volumes, NAT per zone, EIPs, the Service NLB', () => {
    const inv = eksInventory();
    const cost = priceInventory(inv, PRICE_CATALOG);
    expect(monthly(inv, 'aws_eks_cluster.cluster')).toBe(r2(aws('eks:cluster-standard') * 730));
    expect(monthly(inv, 'aws_eks_node_group.apps', /x m6i.large/)).toBe(r2(3 * 730 * aws('ec2:m6i.large')));
    expect(monthly(inv, 'aws_eks_node_group.apps', /root volumes/)).toBe(r2(3 * 20 * aws('ebs:gp3-storage')));
    expect(monthly(inv, 'aws_nat_gateway.nat_a')).toBe(r2(730 * aws('vpc:nat-gateway')));
    expect(monthly(inv, 'aws_eip.nat_b')).toBe(r2(730 * aws('vpc:public-ipv4')));
    // The LoadBalancer Service: an NLB plus one public IPv4 per zone (3 zones).
    expect(monthly(inv, 'Service/web-api')).toBe(r2(730 * aws('elb:nlb') + 3 * 730 * aws('vpc:public-ipv4')));
    expect(cost.monthlyTotalUsd).toBe(r2(cost.lineItems.reduce((s, l) => s + l.monthlyUsd, 0)));
    expect(r2(cost.fixedMonthlyUsd + cost.perNodeMonthlyUsd)).toBe(cost.monthlyTotalUsd);
    // Fixed = everything but the worker nodes and their disks.
    expect(cost.perNodeMonthlyUsd).toBe(r2(3 * 730 * aws('ec2:m6i.large') + 3 * 20 * aws('ebs:gp3-storage')));
  });

  test('every line names its resource address, unit and a dated source', () => {
    for (const l of priceInventory(eksInventory(), PRICE_CATALOG).lineItems) {
      expect(l.address).toMatch(/^(aws_[a-z_]+\.[\w-]+|Service\/web-api)$/);
      expect(l.source).toMatch(/^https:\/\/\S+ \(\d{4}-\d{2}-\d{2}\)$/);
      expect(l.unit).not.toBe('');
      expect(l.monthlyUsd).toBe(r2(l.quantity * l.unitPriceUsd));
    }
  });

  test('min/max range follows the node pools', () => {
    const cost = priceInventory(eksInventory(), PRICE_CATALOG);
    const perNode = 730 * aws('ec2:m6i.large') + 20 * aws('ebs:gp3-storage');
    expect(cost.monthlyRangeUsd.min).toBe(cost.monthlyTotalUsd);
    expect(cost.monthlyRangeUsd.max).toBe(r2(cost.monthlyTotalUsd + 3 * perNode));
  });

  test('EKS extended support costs six times the standard fee, once the version has left standard support', () => {
    const inv = eksInventory({
      kubernetesVersion: '1.31',
      controlPlane: { kind: 'managed', address: 'aws_eks_cluster.cluster', tier: 'eks-extended', usesAvailabilityZones: true },
    });
    const fee = (at: string) =>
      priceInventory(inv, PRICE_CATALOG, { at: new Date(at) }).lineItems.find((l) => l.address === 'aws_eks_cluster.cluster')!;
    // 1.31 left standard support on 2025-11-26.
    expect(fee('2025-11-25T23:00:00Z').monthlyUsd).toBe(r2(aws('eks:cluster-standard') * 730));
    expect(fee('2025-11-26T00:00:00Z').monthlyUsd).toBe(r2(aws('eks:cluster-extended') * 730));
    expect(fee('2025-11-26T00:00:00Z').description).toMatch(/1\.31 in extended support/);
  });

  test('kops: control-plane instances and their root volumes, etcd volumes, API NLB, state bucket', () => {
    const inv: Inventory = {
      ...kopsInventory(3),
      billables: [
        { address: 'aws_lb.api', kind: 'network-load-balancer', description: 'NLB (Kubernetes API)', quantity: 1 },
        {
          address: 'aws_ebs_volume.etcd_main_0',
          kind: 'block-volume',
          description: 'EBS gp3 volume (etcd main)',
          quantity: 1,
          zone: 'us-east-1a',
          volume: { type: 'gp3', sizeGiB: 20 },
        },
        { address: 'aws_s3_bucket.state', kind: 'object-storage', description: 'S3 bucket', quantity: 1 },
      ],
    };
    expect(monthly(inv, 'aws_autoscaling_group.control_plane_0', /instance/)).toBe(r2(730 * aws('ec2:m6i.large')));
    expect(monthly(inv, 'aws_autoscaling_group.control_plane_2', /root volume/)).toBe(r2(64 * aws('ebs:gp3-storage')));
    expect(monthly(inv, 'aws_ebs_volume.etcd_main_0')).toBe(r2(20 * aws('ebs:gp3-storage')));
    expect(monthly(inv, 'aws_lb.api')).toBe(r2(730 * aws('elb:nlb')));
    expect(monthly(inv, 'aws_s3_bucket.state')).toBe(r2(3 * aws('s3:standard-storage')));
    const cp = priceInventory(inv, PRICE_CATALOG).lineItems.filter((l) => l.category === 'control-plane');
    expect(cp.every((l) => !l.perNode)).toBe(true);
  });

  test('GKE: management fee, Cloud NAT per VM, Service forwarding rule (its IP is free); free-tier credit only when asked and zonal', () => {
    const gcp = (sku: string) => price('gcp', 'us-central1', sku);
    const zonal = gkeZonalInventory();
    expect(monthly(zonal, 'google_container_cluster.c')).toBe(r2(730 * gcp('gke:cluster-management-fee')));
    expect(monthly(zonal, 'google_compute_router_nat.nat')).toBe(r2(3 * 730 * gcp('nat:gateway-vm-hour')));
    expect(line(zonal, 'google_compute_router_nat.nat')[0].perNode).toBe(true);
    expect(monthly(zonal, 'google_container_node_pool.apps', /root/)).toBe(r2(300 * gcp('pd:balanced-storage')));
    // Google does not bill an external IP attached to a forwarding rule.
    expect(monthly(zonal, 'Service/web-api')).toBe(r2(730 * gcp('lb:forwarding-rule')));
    const withCredit = priceInventory(zonal, PRICE_CATALOG, { gkeFreeTierCredit: true });
    expect(
      withCredit.lineItems.filter((l) => l.address === 'google_container_cluster.c').reduce((s, l) => s + l.monthlyUsd, 0),
    ).toBeCloseTo(0, 1);
    const regional = { ...zonal, controlPlane: { ...zonal.controlPlane, tier: 'gke-regional' as const, zone: undefined } };
    expect(priceInventory(regional, PRICE_CATALOG, { gkeFreeTierCredit: true }).lineItems.some((l) => /credit/.test(l.description))).toBe(
      false,
    );
  });

  test.each([
    ['aks-free', 0],
    ['aks-standard', 'aks:standard-tier'],
    ['aks-premium', 'aks:premium-tier'],
  ] as const)('AKS %s control plane', (tier, sku) => {
    const inv: Inventory = eksInventory({
      target: 'aks',
      cloud: 'azure',
      region: 'eastus',
      controlPlane: { kind: 'managed', address: 'azurerm_kubernetes_cluster.c', tier, usesAvailabilityZones: true },
      nodeGroups: [pool({ instanceType: 'Standard_D2s_v5', rootVolume: { type: 'azure-premium-ssd', sizeGiB: 128 } })],
      billables: [],
    });
    const expected = sku === 0 ? 0 : r2(730 * price('azure', 'eastus', sku));
    expect(monthly(inv, 'azurerm_kubernetes_cluster.c')).toBe(expected);
    // A 128 GiB managed OS disk on a premium-capable VM is a P10 per node.
    expect(monthly(inv, 'aws_eks_node_group.apps', /root/)).toBe(r2(3 * price('azure', 'eastus', 'disk:premium-ssd-p10')));
  });

  test('persistent volumes: one per replica, on the storage class the target uses', () => {
    const inv = eksInventory({
      workload: workload({
        kind: 'StatefulSet',
        volumeClaims: [{ address: 'StatefulSet/web-api/data', sizeGiB: 20, storageClass: 'gp3', count: 3 }],
      }),
    });
    expect(monthly(inv, 'StatefulSet/web-api/data')).toBe(r2(60 * aws('ebs:gp3-storage')));
  });

  test('Datadog is per host (all nodes, control plane included), on-demand unless annual is chosen', () => {
    const dd = kopsInventory(3);
    const ddInv = { ...dd, workload: workload({ monitoring: 'datadog' }) };
    const host = (sku: string) => lookupPrice(PRICE_CATALOG, 'global', '-', sku).usd;
    expect(monthly(ddInv, 'Deployment/web-api')).toBe(r2(6 * host('datadog:infrastructure-pro-host-on-demand')));
    const annual = priceInventory(ddInv, PRICE_CATALOG, { datadogBilling: 'annual' }).lineItems.filter(
      (l) => l.address === 'Deployment/web-api',
    );
    expect(r2(annual.reduce((s, l) => s + l.monthlyUsd, 0))).toBe(r2(6 * host('datadog:infrastructure-pro-host')));
    expect(annual[0].description).toMatch(/annual commitment/);
  });

  test('a self-hosted Prometheus is its volume only: its requests are capacity on nodes already billed', () => {
    const prom = eksInventory({ workload: workload({ monitoring: 'prometheus' }) });
    expect(line(prom, 'Prometheus/self-hosted', /share/)).toEqual([]);
    expect(monthly(prom, 'Prometheus/self-hosted')).toBe(r2(50 * aws('ebs:gp3-storage')));
    const none = priceInventory(eksInventory(), PRICE_CATALOG).monthlyTotalUsd;
    expect(r2(priceInventory(prom, PRICE_CATALOG).monthlyTotalUsd - none)).toBe(r2(50 * aws('ebs:gp3-storage')));
  });

  test('an unknown instance type or region is an error naming what is missing, never a silent zero', () => {
    expect(() => priceInventory(eksInventory({ nodeGroups: [pool({ instanceType: 'x9.huge' })] }), PRICE_CATALOG)).toThrow(
      /no price for 'ec2:x9.huge' in aws region 'us-east-1'/,
    );
    expect(() => priceInventory(eksInventory({ region: 'ap-south-2' }), PRICE_CATALOG)).toThrow(MissingPriceError);
    expect(() => priceInventory(eksInventory({ region: 'ap-south-2' }), PRICE_CATALOG)).toThrow(/no prices for region 'ap-south-2'/);
  });
});

describe('managed Prometheus', () => {
  test.each([
    ['gke', 'gcp', 'us-central1', 'gmp:samples', 87.6],
    ['aks', 'azure', 'eastus', 'azmon:prometheus-samples', 8.76],
  ] as const)('%s prices samples ingested, not a self-hosted server', (target, cloud, region, sku, unitsPerReplica) => {
    const inv: Inventory = eksInventory({
      target,
      cloud,
      region,
      controlPlane: {
        kind: 'managed',
        address: 'cluster',
        tier: target === 'gke' ? 'gke-regional' : 'aks-standard',
        usesAvailabilityZones: true,
      },
      nodeGroups: [
        pool({
          instanceType: target === 'gke' ? 'e2-standard-2' : 'Standard_D2s_v5',
          rootVolume: target === 'gke' ? { type: 'pd-balanced', sizeGiB: 10 } : { type: 'ephemeral', sizeGiB: 10 },
        }),
      ],
      billables: [],
      workload: workload({ monitoring: 'prometheus', loadBalancers: [] }),
    });
    const items = priceInventory(inv, PRICE_CATALOG).lineItems.filter((l) => l.category === 'monitoring');
    expect(items).toHaveLength(1);
    expect(items[0].quantity).toBeCloseTo(3 * unitsPerReplica, 3);
    expect(items[0].monthlyUsd).toBe(r2(3 * unitsPerReplica * price(cloud, region, sku)));
    expect(line(inv, 'Prometheus/self-hosted')).toEqual([]);
  });
});
