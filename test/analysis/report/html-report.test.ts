import { esc, renderHtmlReport } from '../../../src/analysis/report/html-report';
import { renderMarkdownReport } from '../../../src/analysis/report/markdown-report';
import { renderTerminalTable } from '../../../src/analysis/report/terminal-table';
import type { ComparisonReport } from '../../../src/analysis/report/comparison-report';
import { FIXTURE_REPORT, withTarget } from './fixture-report';

const INJECTION = '<script>alert("x")</script>';

/** The fixture with a script tag in every kind of free text the page shows. */
function hostileReport(): ComparisonReport {
  const eks = FIXTURE_REPORT.targets.eks;
  const report = withTarget('eks', {
    displayName: `EKS ${INJECTION}`,
    region: `us-east-1${INJECTION}`,
    lineItems: [
      {
        ...eks.lineItems[0],
        address: `aws_eks_cluster.${INJECTION}`,
        description: `control plane ${INJECTION}`,
        unit: INJECTION,
        source: `javascript:alert(1) ${INJECTION}`,
      },
    ],
    scenarios: eks.scenarios.map((s) => ({ ...s, explanation: `${s.explanation} ${INJECTION}` })),
    controlPlane: {
      ...eks.controlPlane,
      model: INJECTION,
      slaSource: `https://aws.amazon.com/eks/sla/"onmouseover="alert(1) ${INJECTION}`,
    },
  });
  return {
    ...report,
    assumptions: { ...report.assumptions, notes: [INJECTION], regions: { ...report.assumptions.regions, gcp: INJECTION } },
  };
}

describe('renderHtmlReport', () => {
  let html: string;
  beforeAll(async () => {
    html = await renderHtmlReport(FIXTURE_REPORT);
  });

  test('is one self-contained page: inline CSS and SVG, no script, no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html.match(/<link [^>]*>/g)).toEqual(['<link rel="icon" href="data:,">']);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    for (const href of hrefs) expect(href).toMatch(/^(https:\/\/|data:,$)/);
  });

  test('carries the title, summary table with a column per target, both charts with captions, and assumptions', () => {
    expect(html).toContain('<h1>Monthly cost and fault tolerance</h1>');
    expect(html.match(/<th scope="col" data-target="(eks|gke|aks|kops)">/g)).toHaveLength(4);
    expect(html).toMatch(
      /<figure id="cost-breakdown-chart">\n<div class="chart"><svg [^]*?<\/svg><\/div>\n<figcaption>Monthly cost of each target/,
    );
    expect(html).toMatch(
      /<figure id="cost-availability-chart">\n<div class="chart"><svg [^]*?<\/svg><\/div>\n<figcaption>Monthly cost \(x\) against/,
    );
    expect(html).toContain('<strong class="seg best">$317.06</strong>');
    expect(html).toContain('<th scope="row">Hours per month</th><td class="num">730</td><td>h/month</td>');
    expect(html).toContain('<li>NAT and load balancer data processing is not included (it depends on traffic).</li>');
  });

  test('a collapsible block per target with line items, scenarios and control-plane model', () => {
    for (const id of ['eks', 'gke', 'aks', 'kops']) expect(html).toContain(`<details id="target-${id}" class="target">`);
    expect(html).toContain('<td><code>aws_eks_cluster.<wbr>cluster</code></td>');
    expect(html).toContain(
      '<a href="https://aws.amazon.com/eks/pricing/" title="https://aws.amazon.com/eks/pricing/" rel="noreferrer">aws.amazon.com › pricing</a>',
    );
    expect(html).toContain('<td class="num">$0.067006 / instance-hour</td>');
    expect(html).toContain('etcd needs 2 of 3');
    expect(html).toContain('<td><span class="bad">no</span></td>');
  });

  test('escapes every piece of report text; links only http(s) URLs', async () => {
    const page = await renderHtmlReport(hostileReport());
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toContain('onmouseover="');
    expect(page).not.toContain('href="javascript:');
    const escapedCount = page.split('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;').length - 1;
    // description, address, unit, source text, 4 explanations, model (twice: details and assumptions),
    // note, gcp region (twice), display name and region in many places: at least these 13.
    expect(escapedCount).toBeGreaterThanOrEqual(13);
  });

  test('API down: no (API down) in the scenario table; SLA and modelled availability apart', async () => {
    const kops = FIXTURE_REPORT.targets.kops;
    const scenarios = kops.scenarios.map((o) =>
      o.id === 'zone-loss' ? { ...o, apiAvailable: false, restorable: false, drainAllowed: false } : o,
    );
    const page = await renderHtmlReport(withTarget('kops', { scenarios }));
    expect(page).toContain('<td><span class="bad">no (API down)</span></td>\n<td><span class="bad">no (API down)</span></td>');
    expect(page).toContain('<span class="sla">control-plane SLA none</span>');
    expect(page).toContain('<dt>Modelled availability (not a commitment)</dt><dd>99.98% (model)<ul class="factors">');
    expect(page).toContain('API down: no rescheduling, no drains until the API returns');
  });

  test('esc escapes the five HTML-significant characters', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  test('a report for a subset of targets (compare --target eks) renders in all three forms', async () => {
    const report = { ...FIXTURE_REPORT, targets: { eks: FIXTURE_REPORT.targets.eks } } as unknown as ComparisonReport;
    const page = await renderHtmlReport(report);
    expect(page.match(/<th scope="col" data-target=/g)).toHaveLength(1);
    expect(page.match(/<details id="target-/g)).toHaveLength(1);
    expect(renderMarkdownReport(report).match(/^<details>$/gm)).toHaveLength(1);
    expect(renderTerminalTable(report)).toMatch(/Monthly cost +\$386\.77 \*\n/);
  });
});
