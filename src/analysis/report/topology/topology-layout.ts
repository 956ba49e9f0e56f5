import type { ControlPlaneReport } from '../comparison-report';
import { formatPercent } from '../report-format';
import type { TopologyModel, TopologyNode } from './topology-model';
import { COLORS, TIER_LABELS, headingChars, labelChars, labelWidth, shortAddress, shorten, trim, wrap } from './topology-labels';
import { UNSCHEDULABLE_REASONS, type TopologyView } from './topology-views';

/*
 * Where each box, mark and label of one topology view goes, in pixels. The Vega-Lite spec draws
 * these rows with identity scales, so the layout is computed (zones as equal columns, boxes stacked
 * in them, never overlapping) and the marks, text and SVG come from Vega.
 */

export type RectKind = 'zones' | 'bands' | 'nodes' | 'members' | 'nats';
export type SymbolKind = 'replicas' | 'volumes' | 'unschedulable' | 'legend';
export type TextKind = 'headings' | 'labels';

export interface LayoutRect {
  readonly x: number;
  readonly x2: number;
  readonly y: number;
  readonly y2: number;
  readonly fill: string;
  readonly stroke: string;
  readonly description: string;
}

export interface LayoutSymbol {
  readonly x: number;
  readonly y: number;
  readonly shape: 'circle' | 'cross' | 'triangle-up' | 'square';
  readonly angle: number;
  readonly fill: string;
  readonly description: string;
}

export interface LayoutText {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly fill: string;
  readonly align: 'left' | 'center';
  readonly size: number;
}

export interface TopologyLayout {
  readonly width: number;
  readonly height: number;
  readonly rects: Readonly<Record<RectKind, readonly LayoutRect[]>>;
  readonly symbols: Readonly<Record<SymbolKind, readonly LayoutSymbol[]>>;
  readonly texts: Readonly<Record<TextKind, readonly LayoutText[]>>;
}

/** Column width of one zone; wide enough for a node's two label lines at 11 px. */
export const ZONE_WIDTH_PX = 210;
const MIN_WIDTH_PX = 460;
const GAP_PX = 10;
const MARGIN_PX = 8;
const PAD_PX = 8;
const REPLICA_STEP_PX = 16;

/** Lays out one view of a target's topology. Pure. */
export function layoutTopology(title: string, model: TopologyModel, controlPlane: ControlPlaneReport, view: TopologyView): TopologyLayout {
  const zones = model.zones.length > 0 ? model.zones : ['(no zone)'];
  const zoneWidth = Math.max(ZONE_WIDTH_PX, Math.ceil((MIN_WIDTH_PX - 2 * MARGIN_PX - (zones.length - 1) * GAP_PX) / zones.length));
  const width = 2 * MARGIN_PX + zones.length * zoneWidth + (zones.length - 1) * GAP_PX;
  const colX = (zone: string) => MARGIN_PX + Math.max(0, zones.indexOf(zone)) * (zoneWidth + GAP_PX);
  const rects: Record<RectKind, LayoutRect[]> = { zones: [], bands: [], nodes: [], members: [], nats: [] };
  const symbols: Record<SymbolKind, LayoutSymbol[]> = { replicas: [], volumes: [], unschedulable: [], legend: [] };
  const texts: Record<TextKind, LayoutText[]> = { headings: [], labels: [] };
  const heading = (x: number, y: number, text: string, fill: string = COLORS.text, align: LayoutText['align'] = 'left') =>
    texts.headings.push({ x, y, text, fill, align, size: 12 });
  const label = (x: number, y: number, text: string, fill: string = COLORS.muted, align: LayoutText['align'] = 'left') =>
    texts.labels.push({ x, y, text, fill, align, size: 11 });

  let y = MARGIN_PX + 10;
  heading(MARGIN_PX, y, shorten(title, headingChars(width - 2 * MARGIN_PX)));
  for (const line of wrap(view.summary, labelChars(width - 2 * MARGIN_PX))) {
    y += 16;
    label(MARGIN_PX, y, line, COLORS.text);
  }
  y += 14;
  const columnTop = y;
  y += 24;
  for (const zone of zones) {
    const lost = view.lostZones.has(zone);
    heading(colX(zone) + zoneWidth / 2, columnTop + 15, lost ? `${zone} — lost` : zone, lost ? COLORS.stopped : COLORS.text, 'center');
  }

  // Control plane.
  const cp = model.controlPlane;
  if (cp.kind === 'managed') {
    const x = cp.zone !== undefined ? colX(cp.zone) : MARGIN_PX;
    const x2 = cp.zone !== undefined ? colX(cp.zone) + zoneWidth : width - MARGIN_PX;
    const sla = controlPlane.sla === null ? 'no SLA' : `SLA ${formatPercent(controlPlane.sla)}`;
    const where = cp.zone !== undefined ? `in ${cp.zone} only` : 'across the zones';
    rects.bands.push({
      x,
      x2,
      y,
      y2: y + 38,
      fill: view.apiAvailable ? COLORS.band : COLORS.bandDown,
      stroke: COLORS.line,
      description: `managed control plane ${cp.address}, ${TIER_LABELS[cp.tier] ?? cp.tier}, ${sla}, ${view.apiAvailable ? 'API up' : 'API down'}`,
    });
    heading(x + PAD_PX, y + 15, shorten(`Managed control plane · ${TIER_LABELS[cp.tier] ?? cp.tier}`, headingChars(x2 - x - 2 * PAD_PX)));
    label(
      x + PAD_PX,
      y + 30,
      shorten(`${sla} · ${where} · ${view.apiAvailable ? 'API up' : 'API down'}`, labelChars(x2 - x - 2 * PAD_PX)),
      view.apiAvailable ? COLORS.muted : COLORS.stopped,
    );
    y += 46;
  } else {
    const up = cp.members.filter((m) => !view.lostControlPlane.has(m.address) && !view.lostZones.has(m.zone)).length;
    for (const zone of zones) {
      const members = cp.members.filter((m) => m.zone === zone);
      const w = members.length > 0 ? (zoneWidth - 2 * PAD_PX - (members.length - 1) * 6) / members.length : 0;
      members.forEach((m, i) => {
        const lost = view.lostControlPlane.has(m.address) || view.lostZones.has(m.zone);
        const x = colX(zone) + PAD_PX + i * (w + 6);
        rects.members.push({
          x,
          x2: x + w,
          y,
          y2: y + 38,
          fill: lost ? COLORS.boxLost : COLORS.band,
          stroke: COLORS.line,
          description: `control-plane member ${m.address} in zone ${zone}: ${m.instanceType}, etcd + API${lost ? ', lost' : ''}`,
        });
        heading(x + w / 2, y + 15, lost ? 'lost' : 'etcd + API', lost ? COLORS.stopped : COLORS.text, 'center');
        label(x + w / 2, y + 30, shorten(m.instanceType, labelChars(w - 4)), lost ? COLORS.lostText : COLORS.muted, 'center');
      });
    }
    const quorumOk = up >= cp.quorum;
    rects.bands.push({
      x: MARGIN_PX,
      x2: width - MARGIN_PX,
      y: y + 44,
      y2: y + 66,
      fill: quorumOk && view.apiAvailable ? COLORS.band : COLORS.bandDown,
      stroke: COLORS.line,
      description: `etcd quorum: ${cp.quorum} of ${cp.members.length} members needed, ${up} up${quorumOk ? '' : ', quorum lost'}`,
    });
    label(
      MARGIN_PX + PAD_PX,
      y + 59,
      shorten(
        `Self-managed control plane: etcd quorum needs ${cp.quorum} of ${cp.members.length} members; ${up} up — ${quorumOk ? 'API up' : 'quorum lost, API down'} · ${
          controlPlane.sla === null ? 'no SLA' : `SLA ${formatPercent(controlPlane.sla)}`
        }`,
        labelChars(width - 2 * MARGIN_PX - 2 * PAD_PX),
      ),
      quorumOk && view.apiAvailable ? COLORS.text : COLORS.stopped,
    );
    y += 74;
  }

  // Egress.
  const egress = model.egress;
  if (egress.kind === 'zonal-nat') {
    for (const zone of zones) {
      const gateways = egress.gateways.filter((g) => g.zone === zone);
      if (gateways.length === 0) {
        const left = egress.gateways.filter((g) => !view.lostZones.has(g.zone)).map((g) => g.zone);
        label(
          colX(zone) + zoneWidth / 2,
          y + 17,
          shorten(
            left.length > 0 ? `no NAT · egress via ${left.join(', ')}` : 'no egress: its NAT is lost',
            labelChars(zoneWidth - 2 * PAD_PX),
          ),
          left.length > 0 ? COLORS.muted : COLORS.stopped,
          'center',
        );
        continue;
      }
      const lost = view.lostZones.has(zone);
      rects.nats.push({
        x: colX(zone) + PAD_PX,
        x2: colX(zone) + zoneWidth - PAD_PX,
        y,
        y2: y + 26,
        fill: lost ? COLORS.boxLost : COLORS.box,
        stroke: COLORS.line,
        description: `NAT gateway ${gateways.map((g) => g.address).join(', ')} in zone ${zone}${lost ? ', lost' : ''}`,
      });
      label(colX(zone) + zoneWidth / 2, y + 17, lost ? 'NAT gateway — lost' : 'NAT gateway', lost ? COLORS.stopped : COLORS.text, 'center');
    }
  } else if (egress.kind === 'regional') {
    rects.bands.push({
      x: MARGIN_PX,
      x2: width - MARGIN_PX,
      y,
      y2: y + 26,
      fill: COLORS.box,
      stroke: COLORS.line,
      description: `egress ${egress.address}: ${egress.description}, no zone`,
    });
    label(MARGIN_PX + PAD_PX, y + 17, `Egress: ${egress.description} (no zone to lose)`, COLORS.text);
  } else {
    label(MARGIN_PX, y + 17, 'Egress: no NAT gateway in the synthesized output', COLORS.muted);
  }
  y += 34;

  // Load balancers: a band over the zones of their targets.
  for (const lb of model.loadBalancers) {
    const targetZones = lb.targetZones.filter((z) => zones.includes(z));
    const first = targetZones.length > 0 ? colX(targetZones[0]) : MARGIN_PX;
    const last = targetZones.length > 0 ? colX(targetZones[targetZones.length - 1]) + zoneWidth : width - MARGIN_PX;
    const serving = targetZones.filter((z) => !view.lostZones.has(z));
    const what = lb.kind === 'kubernetes-api' ? 'API load balancer' : `${lb.internal ? 'Internal' : 'Public'} load balancer`;
    rects.bands.push({
      x: first,
      x2: last,
      y,
      y2: y + 26,
      fill: COLORS.box,
      stroke: COLORS.line,
      description: `load balancer ${lb.address} (${lb.kind}), targets in ${lb.targetZones.join(', ') || 'no zone'}`,
    });
    label(
      first + PAD_PX,
      y + 17,
      shorten(
        `${what} ${shortAddress(lb.address)} → targets in ${serving.join(', ') || 'no zone left'}`,
        labelChars(last - first - 2 * PAD_PX),
      ),
      serving.length > 0 ? COLORS.text : COLORS.stopped,
    );
    y += 32;
  }

  // Worker nodes, stacked per zone.
  const volumesOn = (id: string) => model.volumes.filter((v) => v.nodeId === id).reduce((s, v) => s + v.count, 0);
  const perRow = Math.max(1, Math.floor((zoneWidth - 4 * PAD_PX) / REPLICA_STEP_PX));
  let bottom = y;
  for (const zone of zones) {
    let ny = y + 2;
    for (const node of model.nodes.filter((n) => n.zone === zone)) {
      ny = layoutNode(node, colX(zone) + PAD_PX, ny, zoneWidth - 2 * PAD_PX) + 8;
    }
    bottom = Math.max(bottom, ny);
  }
  function layoutNode(node: TopologyNode, x: number, top: number, w: number): number {
    const lost = view.lostNodes.has(node.id) || view.lostZones.has(node.zone);
    const counts = view.replicas.get(node.id) ?? { before: node.replicas, stopped: 0 };
    const volumes = volumesOn(node.id);
    const marks = Math.max(counts.before, volumes);
    const rows = Math.ceil(marks / perRow);
    // A volume sits under its replica, so rows with volumes are taller.
    const step = volumes > 0 ? 2 * REPLICA_STEP_PX - 4 : REPLICA_STEP_PX;
    const height = 58 + rows * step + (marks > 0 ? 4 : 0);
    rects.nodes.push({
      x,
      x2: x + w,
      y: top,
      y2: top + height,
      fill: lost ? COLORS.boxLost : COLORS.box,
      stroke: COLORS.line,
      description: `node ${node.id} in zone ${node.zone}: ${node.instanceType}, ${counts.before} replicas${lost ? ', lost' : ''}`,
    });
    // The group's resource name, shortened before its index so "#2" always shows.
    const suffix = ` #${node.id.split('#').pop()}${lost ? ' — lost' : ''}`;
    const group = shortAddress(node.nodeGroup);
    heading(
      x + PAD_PX,
      top + 15,
      `${shorten(group, headingChars(w - 2 * PAD_PX) - suffix.length)}${suffix}`,
      lost ? COLORS.stopped : COLORS.text,
    );
    const free = `${trim(node.allocatableLeft.cpuMillicores / 1000)} vCPU · ${trim(node.allocatableLeft.memoryMiB / 1024)} GiB free`;
    const role = node.runsWorkload ? '' : node.role === 'system' ? ' · system' : ' · not selected';
    label(x + PAD_PX, top + 30, shorten(`${node.instanceType}${role}`, labelChars(w - 2 * PAD_PX)), lost ? COLORS.lostText : COLORS.muted);
    label(x + PAD_PX, top + 44, shorten(free, labelChars(w - 2 * PAD_PX)), lost ? COLORS.lostText : COLORS.muted);
    for (let i = 0; i < counts.before; i++) {
      const stopped = i < counts.stopped;
      const cx = x + PAD_PX + 6 + (i % perRow) * REPLICA_STEP_PX;
      const cy = top + 64 + Math.floor(i / perRow) * step;
      symbols.replicas.push({
        x: cx,
        y: cy,
        shape: stopped ? 'cross' : 'circle',
        angle: stopped ? 45 : 0,
        fill: stopped ? COLORS.stopped : COLORS.replica,
        description: `replica on ${node.id} in zone ${node.zone}: ${stopped ? 'stopped' : 'running'}`,
      });
    }
    model.volumes
      .filter((v) => v.nodeId === node.id)
      .flatMap((v) => Array.from({ length: v.count }, () => v))
      .forEach((v, i) => {
        symbols.volumes.push({
          x: x + PAD_PX + 6 + (i % perRow) * REPLICA_STEP_PX,
          y: top + 64 + Math.floor(i / perRow) * step + 11,
          shape: 'square',
          angle: 0,
          fill: view.lostZones.has(v.zone) ? COLORS.lostText : COLORS.volume,
          description: `volume ${v.claim} (${v.sizeGiB} GiB) on ${node.id} in zone ${v.zone}${view.lostZones.has(v.zone) ? ', lost with its zone' : ''}`,
        });
      });
    return top + height;
  }
  for (const zone of zones) {
    const lost = view.lostZones.has(zone);
    rects.zones.push({
      x: colX(zone),
      x2: colX(zone) + zoneWidth,
      y: columnTop,
      y2: bottom + 4,
      fill: lost ? COLORS.zoneLost : COLORS.zone,
      stroke: lost ? COLORS.stopped : COLORS.line,
      description: `zone ${zone}${lost ? ', lost' : ''}`,
    });
  }
  y = bottom + 12;

  // Replicas that cannot start again, by reason.
  for (const u of view.unschedulable) {
    for (let i = 0; i < u.count; i++) {
      symbols.unschedulable.push({
        x: MARGIN_PX + 6 + i * REPLICA_STEP_PX,
        y: y + 6,
        shape: 'triangle-up',
        angle: 0,
        fill: COLORS.unschedulable,
        description: `replica that cannot start again: ${UNSCHEDULABLE_REASONS[u.reason]}`,
      });
    }
    label(
      MARGIN_PX + 8 + u.count * REPLICA_STEP_PX,
      y + 10,
      `${u.count} cannot start again: ${UNSCHEDULABLE_REASONS[u.reason]}`,
      COLORS.unschedulable,
    );
    y += 18;
  }

  // Legend.
  y += 6;
  const legend: [LayoutSymbol['shape'], number, string, string][] = [
    ['circle', 0, COLORS.replica, 'replica running'],
    ['cross', 45, COLORS.stopped, 'replica stopped'],
    ['triangle-up', 0, COLORS.unschedulable, 'cannot start again'],
    ['square', 0, COLORS.volume, 'zonal volume'],
  ];
  let lx = MARGIN_PX + 6;
  for (const [shape, angle, fill, text] of legend) {
    if (lx + 20 + labelWidth(text) > width - MARGIN_PX) {
      lx = MARGIN_PX + 6;
      y += 18;
    }
    symbols.legend.push({ x: lx, y: y + 6, shape, angle, fill, description: `legend: ${text}` });
    label(lx + 10, y + 10, text, COLORS.muted);
    lx += 26 + labelWidth(text);
  }
  label(lx, y + 10, 'grey: lost', COLORS.muted);
  y += 22;
  return { width, height: y, rects, symbols, texts };
}
