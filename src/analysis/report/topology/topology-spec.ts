import type { TopLevelSpec } from 'vega-lite';
import type { LayerSpec, UnitSpec } from 'vega-lite/build/src/spec';
import type { Field } from 'vega-lite/build/src/channeldef';
import type { ComparisonReport, TargetReport } from '../comparison-report';
import { orderedTargets } from '../report-format';
import { renderChartSvg } from '../charts';
import { layoutTopology, type RectKind, type SymbolKind, type TopologyLayout } from './topology-layout';
import type { TopologyModel } from './topology-model';
import { topologyViews, type TopologyView } from './topology-views';

/*
 * The topology figure as Vega-Lite layers over one computed layout: one rect layer per kind of box
 * (zones, bands, nodes, control-plane members, NAT gateways), symbol layers for replicas, volumes and
 * replicas that cannot start, and text layers. Scales are the identity on the layout's pixels.
 * Each layer is named `<view>__<kind>`, so its marks carry the class `<view>__<kind>_marks` in the SVG,
 * and every mark carries its `description` as its aria-label.
 */

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const RECT_KINDS: readonly RectKind[] = ['zones', 'bands', 'members', 'nats', 'nodes'];
const SYMBOL_KINDS: readonly SymbolKind[] = ['volumes', 'replicas', 'unschedulable', 'legend'];

/** The layer-name prefix of a view: `zone-loss` → `zone_loss`. */
export function viewKey(view: Pick<TopologyView, 'id'>): string {
  return view.id.replace(/-/g, '_');
}

type TopologyLayer = LayerSpec<Field> | UnitSpec<Field>;

/** One view as a layered spec, `width` × `height` pixels of the layout. */
export function topologyViewSpec(layout: TopologyLayout, key: string): { width: number; height: number; layer: TopologyLayer[] } {
  const x = { field: 'x', type: 'quantitative' as const, scale: { domain: [0, layout.width], nice: false, zero: false }, axis: null };
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    scale: { domain: [0, layout.height], nice: false, zero: false, reverse: true },
    axis: null,
  };
  const rects = RECT_KINDS.map(
    (kind): TopologyLayer => ({
      name: `${key}__${kind}`,
      data: { values: layout.rects[kind] as unknown as Record<string, unknown>[] },
      mark: { type: 'rect', cornerRadius: kind === 'zones' ? 6 : 4, strokeWidth: kind === 'zones' ? 1.5 : 1 },
      encoding: {
        x,
        x2: { field: 'x2' },
        y,
        y2: { field: 'y2' },
        color: { field: 'fill', type: 'nominal', scale: null },
        stroke: { field: 'stroke', type: 'nominal', scale: null },
        description: { field: 'description', type: 'nominal' },
      },
    }),
  );
  const symbols = SYMBOL_KINDS.map(
    (kind): TopologyLayer => ({
      name: `${key}__${kind}`,
      data: { values: layout.symbols[kind] as unknown as Record<string, unknown>[] },
      mark: { type: 'point', filled: true, opacity: 1, size: kind === 'volumes' ? 50 : 90, stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x,
        y,
        shape: { field: 'shape', type: 'nominal', scale: null },
        angle: { field: 'angle', type: 'quantitative', scale: null },
        color: { field: 'fill', type: 'nominal', scale: null },
        description: { field: 'description', type: 'nominal' },
      },
    }),
  );
  const texts = (['headings', 'labels'] as const).flatMap((kind) =>
    (['left', 'center'] as const).map(
      (align): TopologyLayer => ({
        name: `${key}__${kind}_${align}`,
        data: { values: layout.texts[kind].filter((t) => t.align === align) as unknown as Record<string, unknown>[] },
        mark: { type: 'text', align, baseline: 'alphabetic', fontWeight: kind === 'headings' ? 600 : 400 },
        encoding: {
          x,
          y,
          text: { field: 'text', type: 'nominal' },
          color: { field: 'fill', type: 'nominal', scale: null },
          size: { field: 'size', type: 'quantitative', scale: null },
        },
      }),
    ),
  );
  return { width: layout.width, height: layout.height, layer: [...rects, ...symbols, ...texts] };
}

const CONFIG = { font: FONT, view: { stroke: null }, padding: 2 } as const;

/** A single view as a top-level spec (inline SVG in the HTML report). */
export function topologySpec(layout: TopologyLayout, key: string, description: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description,
    config: CONFIG,
    ...topologyViewSpec(layout, key),
  } as TopLevelSpec;
}

export interface RenderedTopology {
  readonly views: readonly { readonly view: TopologyView; readonly svg: string; readonly width: number; readonly height: number }[];
  readonly undrawn: ReturnType<typeof topologyViews>['undrawn'];
}

/** Every view of one target's figure, each rendered to SVG by Vega's headless renderer. */
export async function renderTopologyViews(model: TopologyModel, target: TargetReport): Promise<RenderedTopology> {
  const { views, undrawn } = topologyViews(model, target);
  const rendered = await Promise.all(
    views.map(async (view) => {
      const layout = layoutTopology(`${target.displayName} (${target.region}) · ${view.label}`, model, target.controlPlane, view);
      const svg = await renderChartSvg(
        topologySpec(layout, viewKey(view), `${target.displayName} topology: ${view.label}. ${view.summary}`),
      );
      return { view, svg, width: layout.width, height: layout.height };
    }),
  );
  return { views: rendered, undrawn };
}

/** The standalone file `report/topology-<target>.svg`: every view stacked, so slides and pull requests get all of them. */
export async function renderTopologySvgFile(model: TopologyModel, target: TargetReport): Promise<string> {
  const { views } = topologyViews(model, target);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: `${target.displayName} topology: ${views.map((v) => v.label).join(', ')}`,
    config: CONFIG,
    spacing: 16,
    resolve: { scale: { x: 'independent', y: 'independent' } },
    vconcat: views.map((view) =>
      topologyViewSpec(
        layoutTopology(`${target.displayName} (${target.region}) · ${view.label}`, model, target.controlPlane, view),
        viewKey(view),
      ),
    ),
  } as TopLevelSpec;
  return renderChartSvg(spec);
}

/** `topology-<target>.svg` for every target that carries a topology, keyed by file name under `report/`. */
export async function topologySvgFiles(report: ComparisonReport): Promise<Record<string, string>> {
  const entries = await Promise.all(
    orderedTargets(report).flatMap(({ id, target }) =>
      target.topology === undefined
        ? []
        : [renderTopologySvgFile(target.topology, target).then((svg) => [`topology-${id}.svg`, `${svg}\n`] as const)],
    ),
  );
  return Object.fromEntries(entries);
}
