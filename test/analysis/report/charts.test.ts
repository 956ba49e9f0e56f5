import {
  availabilityCaption,
  availabilityPoints,
  axisLabel,
  costAvailabilitySpec,
  costBreakdownSpec,
  paretoOptimal,
  renderChartSvg,
} from '../../../src/analysis/report/charts';
import type { ParetoPoint } from '../../../src/analysis/report/charts';
import { FIXTURE_REPORT, withTarget } from './fixture-report';
import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import { sweepChartSpec } from '../../../src/analysis/report/sweep-section';
import { runSweep } from '../../../src/analysis/sweep/run-sweep';
import { parseRequirement, parseSweepAxes } from '../../../src/analysis/sweep/sweep-spec';
import { kopsInventory } from '../inventory-fixture';

const p = (id: string, cost: number, availability: number | null): ParetoPoint => ({ id, cost, availability });

describe('paretoOptimal', () => {
  test.each<[string, ParetoPoint[], string[]]>([
    ['no points', [], []],
    ['one point', [p('a', 100, 99.9)], ['a']],
    ['cheaper and more available dominates', [p('a', 100, 99.9), p('b', 200, 99.5)], ['a']],
    ['a real trade-off keeps both', [p('a', 100, 99.5), p('b', 200, 99.9)], ['a', 'b']],
    ['identical points do not dominate each other', [p('a', 100, 99.9), p('b', 100, 99.9)], ['a', 'b']],
    ['same cost: the more available wins', [p('a', 100, 99.5), p('b', 100, 99.9)], ['b']],
    ['same availability: the cheaper wins', [p('a', 120, 99.9), p('b', 100, 99.9)], ['b']],
    ['no availability but strictly cheapest stays optimal', [p('a', 50, null), p('b', 100, 99.9)], ['a', 'b']],
    ['no availability and not cheapest is dominated', [p('a', 150, null), p('b', 100, 99.9)], ['b']],
    ['no availability at the same cost loses to any figure', [p('a', 100, null), p('b', 100, 99)], ['b']],
    ['two without availability at the same cost tie', [p('a', 100, null), p('b', 100, null)], ['a', 'b']],
    [
      'the fixture: GKE dominates EKS and AKS, kops buys availability',
      [p('eks', 386.77, 99.95), p('gke', 317.06, 99.95), p('aks', 411.46, 99.95), p('kops', 545.59, 99.99)],
      ['gke', 'kops'],
    ],
    ['input order is kept', [p('z', 300, 99.99), p('y', 200, 99.9), p('x', 100, 99.5)], ['z', 'y', 'x']],
  ])('%s', (_name, points, expected) => {
    expect(paretoOptimal(points)).toEqual(expected);
  });

  test('a non-finite cost or availability is an error, not a silent optimum', () => {
    expect(() => paretoOptimal([p('a', Number.NaN, 99.9)])).toThrow(/cost must be a finite number.*"id":"a"/);
    expect(() => paretoOptimal([p('a', 1, Number.POSITIVE_INFINITY)])).toThrow(/availability a finite number or null/);
  });
});

describe('chart data', () => {
  test('the cost breakdown adds up to each target’s total', () => {
    const spec = costBreakdownSpec(FIXTURE_REPORT) as { layer: { data: { values: { id: string; monthlyUsd: number }[] } }[] };
    const bars = spec.layer[0].data.values;
    for (const [id, target] of Object.entries(FIXTURE_REPORT.targets)) {
      const sum = bars.filter((b) => b.id === id).reduce((s, b) => s + b.monthlyUsd, 0);
      expect(sum).toBeCloseTo(target.monthlyTotalUsd, 1);
    }
  });

  test('availability is the SLA, else the modelled figure, else drawn at a floor below every known value', () => {
    const report = withTarget('aks', {
      controlPlane: { ...FIXTURE_REPORT.targets.aks.controlPlane, sla: null, modelledAvailability: null },
    });
    const { points, floor, domain } = availabilityPoints(report);
    const byId = new Map(points.map((pt) => [pt.id, pt]));
    expect(byId.get('eks')).toMatchObject({ availability: 99.95, basis: 'sla', plottedAvailability: 99.95 });
    // Drawn at its modelled figure, but ranked as having no figure: a model never beats a published SLA.
    expect(byId.get('kops')).toMatchObject({ availability: 99.98, basis: 'modelled', plottedAvailability: 99.98, pareto: false });
    expect(byId.get('aks')).toMatchObject({ availability: null, basis: 'none', plottedAvailability: floor });
    expect(floor).toBeLessThan(99.95);
    expect(domain[0]).toBeLessThan(floor);
    expect(domain[1]).toBeGreaterThanOrEqual(99.98);
    expect(domain[1]).toBeLessThanOrEqual(100);
  });

  test('a modelled figure never dominates a published SLA, even when it is higher and cheaper', () => {
    const report = withTarget('kops', {
      monthlyTotalUsd: 100,
      controlPlane: { ...FIXTURE_REPORT.targets.kops.controlPlane, modelledAvailability: 99.999 },
    });
    const byId = new Map(availabilityPoints(report).points.map((pt) => [pt.id, pt]));
    expect(byId.get('gke')?.pareto).toBe(true);
    // kops stays on the frontier only as the cheapest, like a target with no figure at all.
    expect(byId.get('kops')?.pareto).toBe(true);
    const pricier = withTarget('kops', {
      monthlyTotalUsd: 400,
      controlPlane: { ...FIXTURE_REPORT.targets.kops.controlPlane, modelledAvailability: 99.999 },
    });
    expect(new Map(availabilityPoints(pricier).points.map((pt) => [pt.id, pt])).get('kops')?.pareto).toBe(false);
  });

  test('the caption explains modelled and missing figures and names the Pareto-optimal targets', () => {
    expect(availabilityCaption(FIXTURE_REPORT)).toContain('Pareto-optimal targets (Google GKE)');
    expect(availabilityCaption(FIXTURE_REPORT)).toContain('ranked as having no figure');
    expect(availabilityCaption(FIXTURE_REPORT)).toContain('kops-style on EC2: no SLA; the diamond is the modelled availability');
    const report = withTarget('aks', {
      controlPlane: { ...FIXTURE_REPORT.targets.aks.controlPlane, sla: null, modelledAvailability: null },
    });
    expect(availabilityCaption(report)).toMatch(
      /Azure AKS: neither an SLA nor a model; the cross is drawn at 99\.\d+%, below every known figure/,
    );
  });

  test.each([
    ['Amazon EKS', 'Amazon EKS'],
    ['kops-style on EC2', 'kops-style\non EC2'],
    ['Google Kubernetes Engine', 'Google Kubernetes\nEngine'],
    ['averyveryverylongname', 'averyveryverylongname'],
  ])('axisLabel(%p) = %p', (name, expected) => {
    expect(axisLabel(name)).toBe(expected);
  });
});

/** The aria-labels Vega writes on each mark item of a role (`bar`, `point`), which carry our `description` field. */
function itemLabels(svg: string, role: string): string[] {
  return [...svg.matchAll(new RegExp(`<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="${role}"`, 'g'))].map(
    (m) => m[1],
  );
}

describe('renderChartSvg', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn');
  });
  afterEach(() => {
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  test('cost breakdown: one stacked bar group per target, in target order, with its total above', async () => {
    const svg = await renderChartSvg(costBreakdownSpec(FIXTURE_REPORT));
    expect(svg.startsWith('<svg')).toBe(true);
    const bars = itemLabels(svg, 'bar');
    const targets = [...new Set(bars.map((label) => label.split(':')[0]))];
    expect(targets).toEqual(['Amazon EKS', 'Google GKE', 'Azure AKS', 'kops-style on EC2']);
    expect(bars).toContain('Amazon EKS: control-plane $73.00 per month');
    expect(bars).toContain('kops-style on EC2: control-plane $219.84 per month');
    for (const total of ['$386.77', '$317.06', '$411.46', '$545.59']) expect(svg).toContain(`>${total}</text>`);
    expect(svg).toContain('<tspan>kops-style</tspan><tspan x="0" dy="');
    expect(svg).toContain('>Cost category</text>');
  });

  test('cost vs availability: one point per target, labelled, Pareto-optimal ones marked and in the legend', async () => {
    const svg = await renderChartSvg(costAvailabilitySpec(FIXTURE_REPORT));
    const points = itemLabels(svg, 'point');
    expect(points).toHaveLength(4);
    expect(points.filter((label) => label.endsWith(', Pareto-optimal')).map((label) => label.split(':')[0])).toEqual(['Google GKE']);
    expect(points.filter((label) => label.endsWith(', dominated')).map((label) => label.split(':')[0])).toEqual([
      'Amazon EKS',
      'Azure AKS',
      'kops-style on EC2',
    ]);
    for (const name of ['Amazon EKS', 'Google GKE', 'Azure AKS', 'kops-style on EC2']) expect(svg).toContain(`>${name}</text>`);
    for (const legend of ['Pareto-optimal', 'dominated', 'published SLA', 'model, not an SLA']) expect(svg).toContain(`>${legend}</text>`);
    // Axis tick labels must be distinct (equal SLAs once produced 99.95%, 99.95%, 99.94%...).
    const ticks = [...svg.matchAll(/>(\d+(?:\.\d+)?)%<\/text>/g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(svg).toContain('fill="#d95f02"');
  });

  test('text in the data is escaped in the SVG', async () => {
    const svg = await renderChartSvg(costBreakdownSpec(withTarget('eks', { displayName: '<script>x</script>' })));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});

describe('what-if sweep chart', () => {
  const sweep = runSweep(
    [kopsInventory(3)],
    parseSweepAxes(['nodes=1..4', 'zones=1..3']),
    parseRequirement('survive=zone'),
    PRICE_CATALOG,
    {
      at: new Date('2026-11-22T00:00:00Z'),
    },
  );
  const spec = sweepChartSpec(sweep.targets[0]) as any;

  test('one point per configuration: cost on x, what it survives on y, the goal in colour', () => {
    expect(spec.data.values).toHaveLength(12);
    expect(spec.encoding.x.field).toBe('cost');
    expect(spec.encoding.y.field).toBe('survives');
    // kops with 3 members: 1 or 2 zones do not survive a zone loss; 3 zones with 2+ nodes do.
    const meets = spec.data.values.filter((v: any) => v.goal === 'meets the goal');
    expect(meets.every((v: any) => /zone/.test(v.survives))).toBe(true);
    expect(meets.length).toBe(sweep.targets[0].feasible);
    // y is ordered from surviving least to surviving most.
    const sizes = spec.encoding.y.sort.map((label: string) => (label === 'nothing' ? 0 : label.split(' + ').length));
    expect(sizes).toEqual([...sizes].sort((a: number, b: number) => a - b));
    expect(sizes.at(-1)).toBe(4);
  });

  test('renders to an SVG with one mark per configuration', async () => {
    const svg = await renderChartSvg(spec);
    expect(svg).toMatch(/^<svg/);
    expect((svg.match(/<path [^>]*aria-roledescription="point"/g) ?? []).length).toBe(12);
  });
});
