import { placeLabels } from '../../../src/analysis/report/label-placement';
import type { LabelPosition, LabelledPoint, PlotFrame } from '../../../src/analysis/report/label-placement';

const FRAME: PlotFrame = { xDomain: [0, 400], yDomain: [0, 280], width: 400, height: 280 };

/** The label's box in pixels, with the same character-width estimate the placement uses. */
function box(point: LabelledPoint, position: LabelPosition): { x0: number; x1: number; y0: number; y1: number } {
  const w = point.label.length * 7;
  return { x0: position.x - w / 2, x1: position.x + w / 2, y0: position.y - 7.5, y1: position.y + 7.5 };
}

function overlaps(a: ReturnType<typeof box>, b: ReturnType<typeof box>): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

describe('placeLabels', () => {
  test('a lone point gets its label centred above it', () => {
    const [position] = placeLabels([{ x: 200, y: 140, label: 'Amazon EKS' }], FRAME);
    expect(position.x).toBeCloseTo(200);
    expect(position.y).toBeGreaterThan(140);
  });

  test('points close together at the same height get labels that do not overlap', () => {
    const points: LabelledPoint[] = [
      { x: 150, y: 100, label: 'Google GKE' },
      { x: 175, y: 100, label: 'Amazon EKS' },
      { x: 190, y: 100, label: 'Azure AKS' },
    ];
    const boxes = placeLabels(points, FRAME).map((pos, i) => box(points[i], pos));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
  });

  test('labels stay inside the plot, even for a point in a corner', () => {
    const points: LabelledPoint[] = [{ x: 400, y: 280, label: 'kops-style on EC2' }];
    const b = box(points[0], placeLabels(points, FRAME)[0]);
    expect(b.x0).toBeGreaterThanOrEqual(0);
    expect(b.x1).toBeLessThanOrEqual(400);
    expect(b.y0).toBeGreaterThanOrEqual(0);
    expect(b.y1).toBeLessThanOrEqual(280);
  });

  test('positions come back in input order, in data units', () => {
    const frame: PlotFrame = { xDomain: [300, 600], yDomain: [99.9, 100], width: 400, height: 280 };
    const positions = placeLabels(
      [
        { x: 550, y: 99.99, label: 'b' },
        { x: 320, y: 99.95, label: 'a' },
      ],
      frame,
    );
    expect(positions[0].x).toBeGreaterThan(500);
    expect(positions[1].x).toBeLessThan(400);
    expect(positions[0].y).toBeGreaterThan(99.95);
  });
});
