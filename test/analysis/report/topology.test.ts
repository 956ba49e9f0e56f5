import { place, workloadNodes } from '../../../src/analysis/fault/placement';
import { renderHtmlReport } from '../../../src/analysis/report/html-report';
import { renderMarkdownReport } from '../../../src/analysis/report/markdown-report';
import { topologySectionMarkdown } from '../../../src/analysis/report/topology/topology-markdown';
import { renderTopologyViews, topologySvgFiles } from '../../../src/analysis/report/topology/topology-spec';
import { topologyViews } from '../../../src/analysis/report/topology/topology-views';
import { layoutTopology } from '../../../src/analysis/report/topology/topology-layout';
import { shortAddress, wrap } from '../../../src/analysis/report/topology/topology-labels';
import type { TargetId } from '../../../src/targets/cluster-target';
import { getTarget } from '../../../src/targets/registry';
import { FIXTURE_REPORT } from './fixture-report';
import { gkeZonalInventory } from '../inventory-fixture';
import { INVENTORIES, TOPOLOGY_MODELS, TOPOLOGY_REPORT, detailOf, modelOf } from './topology-fixture';
import { countBy, marksOf } from './topology-svg';

const IDS = ['eks', 'gke', 'aks', 'kops'] as const;

/*
 * Vega renders the same input to the same SVG: each target's views of the fixture report, and the
 * report's HTML page, are rendered once for this file and read by every test that checks them.
 */
const renderedViews = new Map<TargetId, ReturnType<typeof renderTopologyViews>>();
const viewsOf = (id: TargetId) => {
  const target = TOPOLOGY_REPORT.targets[id];
  if (!renderedViews.has(id)) renderedViews.set(id, renderTopologyViews(target.topology!, target));
  return renderedViews.get(id)!;
};
let renderedHtml: Promise<string> | undefined;
const topologyReportHtml = () => (renderedHtml ??= renderHtmlReport(TOPOLOGY_REPORT));

/** Nodes and replicas per zone, straight from the inventory's node groups and the fault analysis' placement. */
function expectedPerZone(id: (typeof IDS)[number]): { nodes: Record<string, number>; replicas: Record<string, number> } {
  const inv = INVENTORIES[id];
  const alloc = (type: string) => getTarget(inv.target).nodeAllocatable(type);
  const nodes: Record<string, number> = {};
  for (const g of inv.nodeGroups)
    for (let i = 0; i < g.desiredNodes; i++) nodes[g.zones[i % g.zones.length]] = (nodes[g.zones[i % g.zones.length]] ?? 0) + 1;
  const sim = workloadNodes(inv, alloc);
  const placement = place(sim, inv.workload.replicas, inv.workload.zoneSpread);
  const replicas: Record<string, number> = {};
  for (const n of sim) {
    const count = placement.perNode.get(n.id) ?? 0;
    if (count > 0) replicas[n.zone] = (replicas[n.zone] ?? 0) + count;
  }
  return { nodes, replicas };
}

describe('topology model (from the inventory and the placement)', () => {
  test.each(IDS)('%s: one node per desired node, in the zones the group balances them over, with the placement’s replicas', (id) => {
    const model = TOPOLOGY_MODELS[id];
    const expected = expectedPerZone(id);
    expect(
      countBy(
        model.nodes.map((n) => n.zone),
        /(.*)/,
      ),
    ).toEqual(expected.nodes);
    const replicas: Record<string, number> = {};
    for (const n of model.nodes) if (n.replicas > 0) replicas[n.zone] = (replicas[n.zone] ?? 0) + n.replicas;
    expect(replicas).toEqual(expected.replicas);
    expect(model.pendingReplicas).toBe(0);
  });

  test('egress: zonal NAT gateways on AWS, regional Cloud NAT on GKE, the managed outbound load balancer on AKS', () => {
    expect(TOPOLOGY_MODELS.eks.egress).toEqual({
      kind: 'zonal-nat',
      gateways: ['a', 'b', 'c'].map((z) => ({ address: `aws_nat_gateway.nat_${z}`, zone: `us-east-1${z}` })),
    });
    expect(TOPOLOGY_MODELS.kops.egress).toEqual({ kind: 'zonal-nat', gateways: [{ address: 'aws_nat_gateway.nat', zone: 'us-east-1a' }] });
    expect(TOPOLOGY_MODELS.gke.egress).toEqual({
      kind: 'regional',
      address: 'google_compute_router_nat.nat',
      description: 'regional Cloud NAT',
    });
    expect(TOPOLOGY_MODELS.aks.egress.kind).toBe('regional');
    expect(modelOf({ ...INVENTORIES.eks, billables: [] }).egress).toEqual({ kind: 'none' });
  });

  test('AKS: the system pool is drawn but takes no replicas', () => {
    const system = TOPOLOGY_MODELS.aks.nodes.filter((n) => n.role === 'system');
    expect(system).toHaveLength(2);
    expect(system.every((n) => !n.runsWorkload && n.replicas === 0 && n.podCapacity === 0)).toBe(true);
  });

  test('kops: members per zone with quorum 2 of 3, the API load balancer targets their zones, one volume per StatefulSet replica', () => {
    const model = TOPOLOGY_MODELS.kops;
    expect(model.controlPlane).toMatchObject({ kind: 'self-managed', quorum: 2 });
    expect(model.controlPlane.kind === 'self-managed' && model.controlPlane.members.map((m) => m.zone)).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
    expect(model.loadBalancers.find((lb) => lb.kind === 'kubernetes-api')).toEqual({
      address: 'aws_lb.api',
      kind: 'kubernetes-api',
      internal: false,
      targetZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
    expect(model.volumes.map((v) => [v.zone, v.count])).toEqual([
      ['us-east-1a', 1],
      ['us-east-1b', 1],
      ['us-east-1c', 1],
    ]);
  });

  test('replicas that fit nowhere are pending, and the "as placed" view says so', () => {
    const inv = { ...INVENTORIES.eks, workload: { ...INVENTORIES.eks.workload, replicas: 400, zoneSpread: 'none' as const } };
    const model = modelOf(inv);
    expect(model.pendingReplicas).toBeGreaterThan(0);
    const placed = model.nodes.reduce((s, n) => s + n.replicas, 0);
    expect(placed + model.pendingReplicas).toBe(400);
    const before = topologyViews(model, FIXTURE_REPORT.targets.eks).views[0];
    expect(before.unschedulable).toEqual([{ count: model.pendingReplicas, reason: 'no-capacity' }]);
  });
});

describe('topology figure (SVG rendered by Vega)', () => {
  test.each(IDS)('%s: as many node boxes and replica marks per zone as the inventory and placement say', async (id) => {
    const target = TOPOLOGY_REPORT.targets[id];
    const { views } = await viewsOf(id);
    const before = views[0];
    expect(before.view.id).toBe('before');
    const expected = expectedPerZone(id);
    expect(countBy(marksOf(before.svg, 'before', 'nodes'), / in zone (\S+):/)).toEqual(expected.nodes);
    expect(countBy(marksOf(before.svg, 'before', 'replicas'), / in zone (\S+): running$/)).toEqual(expected.replicas);
    expect(marksOf(before.svg, 'before', 'zones')).toEqual(target.topology!.zones.map((z) => `zone ${z}`));
  });

  test.each(['eks', 'gke', 'kops'] as const)(
    '%s: the zone-loss view marks exactly the replicas the scenario reports as stopped',
    async (id) => {
      const target = TOPOLOGY_REPORT.targets[id];
      const detail = target.scenarios.find((s) => s.id === 'zone-loss')!.detail!;
      const { views } = await viewsOf(id);
      const zoneLoss = views.find((v) => v.view.id === 'zone-loss')!;
      const replicas = marksOf(zoneLoss.svg, 'zone_loss', 'replicas');
      const stopped = countBy(replicas, /^replica on (\S+) in zone \S+: stopped$/);
      expect(stopped).toEqual(detail.stoppedReplicas);
      const running = countBy(replicas, /^replica on (\S+) in zone \S+: running$/);
      const expectedRunning = Object.fromEntries(
        Object.entries(detail.replicasBefore)
          .filter(([node, n]) => n - (detail.stoppedReplicas[node] ?? 0) > 0)
          .map(([node, n]) => [node, n - (detail.stoppedReplicas[node] ?? 0)]),
      );
      expect(running).toEqual(expectedRunning);
      expect(marksOf(zoneLoss.svg, 'zone_loss', 'zones').filter((z) => z.endsWith(', lost'))).toEqual(
        detail.lostZones.map((z) => `zone ${z}, lost`),
      );
      expect(marksOf(zoneLoss.svg, 'zone_loss', 'nodes').filter((n) => n.endsWith(', lost'))).toHaveLength(detail.lostNodes.length);
      expect(marksOf(zoneLoss.svg, 'zone_loss', 'unschedulable')).toHaveLength(detail.unschedulable.reduce((s, u) => s + u.count, 0));
    },
  );

  test('kops zone loss: the member, the only NAT gateway and the volume in the lost zone are greyed; the pinned replica is marked with its reason', async () => {
    const target = TOPOLOGY_REPORT.targets.kops;
    const { views } = await viewsOf('kops');
    const svg = views.find((v) => v.view.id === 'zone-loss')!.svg;
    expect(marksOf(svg, 'zone_loss', 'members').filter((m) => m.endsWith(', lost'))).toEqual([
      'control-plane member aws_autoscaling_group.control_plane_0 in zone us-east-1a: m6i.large, etcd + API, lost',
    ]);
    expect(marksOf(svg, 'zone_loss', 'nats')).toEqual(['NAT gateway aws_nat_gateway.nat in zone us-east-1a, lost']);
    const view = topologyViews(target.topology!, target).views.find((v) => v.id === 'zone-loss')!;
    const texts = layoutTopology('kops', target.topology!, target.controlPlane, view).texts.labels.map((t) => t.text);
    expect(texts.filter((t) => t === 'no egress: its NAT is lost')).toHaveLength(2);
    expect(marksOf(svg, 'zone_loss', 'volumes').filter((v) => v.endsWith('lost with its zone'))).toHaveLength(1);
    expect(marksOf(svg, 'zone_loss', 'unschedulable')).toEqual(['replica that cannot start again: its volume is pinned to the lost zone']);
    expect(marksOf(svg, 'zone_loss', 'bands')).toContain('etcd quorum: 2 of 3 members needed, 2 up');
  });

  test('a control-plane instance loss that breaks quorum shows the API down', async () => {
    const target = TOPOLOGY_REPORT.targets.kops;
    const members = target.topology!.controlPlane.kind === 'self-managed' ? target.topology!.controlPlane.members : [];
    const broken = {
      ...target,
      scenarios: target.scenarios.map((s) =>
        s.id === 'control-plane-instance-loss'
          ? { ...s, apiAvailable: false, detail: { ...s.detail!, lostControlPlaneInstances: members.slice(0, 2).map((m) => m.address) } }
          : s,
      ),
    };
    const { views } = await renderTopologyViews(broken.topology!, broken);
    const svg = views.find((v) => v.view.id === 'control-plane-instance-loss')!.svg;
    expect(marksOf(svg, 'control_plane_instance_loss', 'bands')).toContain('etcd quorum: 2 of 3 members needed, 1 up, quorum lost');
    expect(views.find((v) => v.view.id === 'control-plane-instance-loss')!.view.summary).toContain('API down');
  });

  test('scenarios without detail are not drawn, and the report says which', async () => {
    const { views, undrawn } = await viewsOf('aks');
    expect(views.map((v) => v.view.id)).toEqual(['before', 'node-loss']);
    expect(undrawn).toEqual(['zone-loss', 'control-plane-instance-loss']);
    const html = await topologyReportHtml();
    const figure = /<figure id="topology-aks"[\s\S]*?<\/figure>/.exec(html)![0];
    expect(figure).toContain('Not drawn, because this report carries no scenario detail for them: zone loss, control-plane instance loss.');
  });

  test('the standalone SVG per target stacks every view', async () => {
    const files = await topologySvgFiles(TOPOLOGY_REPORT);
    expect(Object.keys(files).sort()).toEqual(['topology-aks.svg', 'topology-eks.svg', 'topology-gke.svg', 'topology-kops.svg']);
    const kops = files['topology-kops.svg'];
    expect(kops.startsWith('<svg')).toBe(true);
    for (const view of ['before', 'node_loss', 'zone_loss', 'control_plane_instance_loss']) {
      expect(marksOf(kops, view, 'nodes')).toHaveLength(3);
    }
    expect(kops).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  test('no topology, no section and no files (reports from before the field existed)', async () => {
    expect(await topologySvgFiles(FIXTURE_REPORT)).toEqual({});
    expect(topologySectionMarkdown(FIXTURE_REPORT)).toBe('');
    expect(await renderHtmlReport(FIXTURE_REPORT)).not.toContain('topology-title');
  });
});

describe('HTML toggle', () => {
  test('one figure per target, one radio per view, the first checked', async () => {
    const html = await topologyReportHtml();
    for (const id of IDS) {
      const figure = new RegExp(`<figure id="topology-${id}"[\\s\\S]*?</figure>`).exec(html)![0];
      const views = topologyViews(TOPOLOGY_REPORT.targets[id].topology!, TOPOLOGY_REPORT.targets[id]).views;
      expect([...figure.matchAll(/<input type="radio"/g)]).toHaveLength(views.length);
      expect([...figure.matchAll(/ checked>/g)]).toHaveLength(1);
      expect([...figure.matchAll(/<div class="topology-view"/g)]).toHaveLength(views.length);
    }
  });
});

describe('Markdown zone × node grid', () => {
  const md = renderMarkdownReport(TOPOLOGY_REPORT);

  function grid(name: string): string[][] {
    const block = md.split(`### ${name}: zones × nodes`)[1];
    return block
      .split('\n\n')[1]
      .split('\n')
      .map((line) => line.replace(/^\| | \|$/g, '').split(' | '));
  }

  test.each(IDS)('%s: node rows and replicas per zone match the inventory and placement', (id: TargetId) => {
    const name = TOPOLOGY_REPORT.targets[id].displayName.replace(/_/g, '\\_');
    const rows = grid(name);
    const zones = rows[0].slice(1);
    expect(zones).toEqual(TOPOLOGY_REPORT.targets[id].topology!.zones);
    const expected = expectedPerZone(id as (typeof IDS)[number]);
    const nodeRows = rows.filter((r) => /^Node \d+$/.test(r[0]));
    zones.forEach((zone, i) => {
      expect(nodeRows.filter((r) => r[i + 1] !== '').length).toBe(expected.nodes[zone] ?? 0);
      const dots = nodeRows.reduce((s, r) => s + (r[i + 1].match(/●/g) ?? []).length, 0);
      expect(dots).toBe(expected.replicas[zone] ?? 0);
    });
    expect(rows.find((r) => r[0] === 'Replicas')!.slice(1)).toEqual(zones.map((z) => String(expected.replicas[z] ?? 0)));
  });

  test('the zone-loss row marks the lost zone with the replicas the scenario stops', () => {
    const rows = grid('kops-style on EC2');
    expect(rows.find((r) => r[0] === 'Zone loss')!.slice(1)).toEqual(['**lost**: 1 replica stops', 'keeps serving', 'keeps serving']);
    expect(md).toContain(
      '- Zone loss: 67% keep serving · 1 replica stops · API up · 1 cannot start again (1: its volume is pinned to the lost zone).',
    );
  });
});

test('wrap keeps words whole and lines within the limit', () => {
  expect(wrap('one two three four five', 9)).toEqual(['one two', 'three', 'four five']);
});

test.each([
  ['aws_eks_node_group.Nodes-apps_AD64B0A5', 'Nodes-apps'],
  ['azurerm_kubernetes_cluster.cluster.default_node_pool', 'default_node_pool'],
  ['Service/web-api', 'Service/web-api'],
  ['aws_lb.api', 'api'],
])('shortAddress(%s) = %s', (address, label) => {
  expect(shortAddress(address)).toBe(label);
});

test('a scenario that is not restorable never reads "all can start again", even without unschedulable counts', () => {
  const eks = TOPOLOGY_REPORT.targets.eks;
  const patched = { ...eks, scenarios: eks.scenarios.map((s) => (s.id === 'zone-loss' ? { ...s, restorable: false } : s)) };
  const zoneLoss = topologyViews(patched.topology!, patched).views.find((v) => v.id === 'zone-loss')!;
  expect(zoneLoss.summary).toBe('67% keep serving · 1 replica stops · API up · not all can start again on what is left.');
});

test('GKE zonal: the control plane sits in its one zone, and losing that zone draws the API down', async () => {
  const model = modelOf(gkeZonalInventory());
  expect(model.controlPlane).toEqual({ kind: 'managed', address: 'google_container_cluster.c', tier: 'gke-zonal', zone: 'us-central1-a' });
  const target = {
    ...TOPOLOGY_REPORT.targets.gke,
    topology: model,
    scenarios: TOPOLOGY_REPORT.targets.gke.scenarios.map((s) =>
      s.id === 'zone-loss'
        ? { ...s, apiAvailable: false, detail: detailOf(model, { zones: ['us-central1-a'] }, [{ count: 1, reason: 'api-down' as const }]) }
        : s,
    ),
  };
  const { views } = await renderTopologyViews(model, target);
  const zoneLoss = views.find((v) => v.view.id === 'zone-loss')!;
  const [band] = marksOf(zoneLoss.svg, 'zone_loss', 'bands');
  expect(band).toMatch(/^managed control plane google_container_cluster\.c, GKE zonal, SLA [\d.]+%, API down$/);
  expect(marksOf(zoneLoss.svg, 'zone_loss', 'unschedulable')).toEqual(['replica that cannot start again: the Kubernetes API is down']);
  const layout = layoutTopology('gke', model, target.controlPlane, zoneLoss.view);
  const column = layout.rects.zones.find((z) => z.description.startsWith('zone us-central1-a'))!;
  const cpBand = layout.rects.bands[0];
  expect([cpBand.x, cpBand.x2]).toEqual([column.x, column.x2]);
});
