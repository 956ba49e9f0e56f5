/*
 * Where to put each point's text label in a scatter so labels neither overlap each other nor cover
 * a point. Vega-Lite has no label-avoidance of its own, so the chart computes positions up front
 * from its fixed domains and size, and draws each label at its position in data space.
 */

export interface LabelledPoint {
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

export interface PlotFrame {
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  /** Plot size in pixels. */
  readonly width: number;
  readonly height: number;
}

export interface LabelPosition {
  /** The label's centre, in data units. */
  readonly x: number;
  readonly y: number;
}

/** Average advance of a 12 px sans-serif character; an estimate is enough to keep labels apart. */
const CHAR_WIDTH_PX = 7;
const LABEL_HEIGHT_PX = 15;
/** Half the side of the box a point mark occupies (size 160 ≈ a 13 px square) plus a margin. */
const POINT_RADIUS_PX = 9;

interface Box {
  readonly cx: number;
  readonly cy: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Greedy placement, cheapest point first: above, below, right or left of the point, whichever
 * overlaps least with the labels placed so far and with every point (the first on a tie), kept
 * inside the plot.
 */
export function placeLabels(points: readonly LabelledPoint[], frame: PlotFrame): LabelPosition[] {
  const [x0, x1] = frame.xDomain;
  const [y0, y1] = frame.yDomain;
  const toPx = (p: LabelledPoint): { px: number; py: number } => ({
    px: ((p.x - x0) / (x1 - x0 || 1)) * frame.width,
    py: frame.height - ((p.y - y0) / (y1 - y0 || 1)) * frame.height,
  });
  const pointBoxes: Box[] = points.map((p) => {
    const { px, py } = toPx(p);
    return { cx: px, cy: py, w: 2 * POINT_RADIUS_PX, h: 2 * POINT_RADIUS_PX };
  });
  const placed: Box[] = [];
  const positions: LabelPosition[] = new Array<LabelPosition>(points.length);
  const order = points.map((_, i) => i).sort((a, b) => points[a].x - points[b].x || points[a].y - points[b].y);
  for (const i of order) {
    const { px, py } = toPx(points[i]);
    const w = points[i].label.length * CHAR_WIDTH_PX;
    const h = LABEL_HEIGHT_PX;
    const candidates: Box[] = [
      [0, -(POINT_RADIUS_PX + h / 2)],
      [0, POINT_RADIUS_PX + h / 2],
      [POINT_RADIUS_PX + 4 + w / 2, 0],
      [-(POINT_RADIUS_PX + 4 + w / 2), 0],
    ].map(([dx, dy]) => ({ cx: clamp(px + dx, w / 2, frame.width - w / 2), cy: clamp(py + dy, h / 2, frame.height - h / 2), w, h }));
    let best = candidates[0];
    let bestOverlap = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const overlap = [...placed, ...pointBoxes].reduce((sum, box) => sum + overlapArea(candidate, box), 0);
      if (overlap < bestOverlap) {
        best = candidate;
        bestOverlap = overlap;
      }
    }
    placed.push(best);
    positions[i] = { x: x0 + (best.cx / frame.width) * (x1 - x0), y: y0 + ((frame.height - best.cy) / frame.height) * (y1 - y0) };
  }
  return positions;
}

function overlapArea(a: Box, b: Box): number {
  const dx = Math.min(a.cx + a.w / 2, b.cx + b.w / 2) - Math.max(a.cx - a.w / 2, b.cx - b.w / 2);
  const dy = Math.min(a.cy + a.h / 2, b.cy + b.h / 2) - Math.max(a.cy - a.h / 2, b.cy - b.h / 2);
  return dx > 0 && dy > 0 ? dx * dy : 0;
}

function clamp(value: number, lo: number, hi: number): number {
  return hi < lo ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, value));
}
