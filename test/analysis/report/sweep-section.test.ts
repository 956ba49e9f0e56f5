import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import type { ComparisonReport } from '../../../src/analysis/report/comparison-report';
import { renderHtmlReport } from '../../../src/analysis/report/html-report';
import { renderMarkdownReport } from '../../../src/analysis/report/markdown-report';
import { priceDateRangeText } from '../../../src/analysis/report/report-format';
import { cheapestBySurvival } from '../../../src/analysis/report/sweep-section';
import { runSweep } from '../../../src/analysis/sweep/run-sweep';
import { parseRequirement, parseSweepAxes } from '../../../src/analysis/sweep/sweep-spec';
import { eksInventory, kopsInventory, workload } from '../inventory-fixture';
import { FIXTURE_REPORT } from './fixture-report';

const AT = { at: new Date('2026-11-22T00:00:00Z') };
const sweep = runSweep(
  [eksInventory({ workload: workload({ monitoring: 'prometheus' }) }), kopsInventory(3)],
  parseSweepAxes(['nodes=2..4', 'zones=1..3', 'monitoring=prometheus,datadog']),
  parseRequirement('survive=zone'),
  PRICE_CATALOG,
  AT,
);
const report: ComparisonReport = {
  ...FIXTURE_REPORT,
  assumptions: { ...FIXTURE_REPORT.assumptions, priceDateRange: { oldest: '2020-05-13', newest: '2026-11-22' } },
  warnings: ['eks: Kubernetes 1.34 leaves EKS standard support on 2026-12-02 (in 10 days): ...'],
  sweep,
};

describe('price dates and warnings', () => {
  test('the header gives the date range, not only the newest date', () => {
    expect(priceDateRangeText(report)).toBe('2020-05-13 – 2026-11-22');
    expect(renderMarkdownReport(report)).toContain('list prices dated 2020-05-13 – 2026-11-22');
    expect(priceDateRangeText(FIXTURE_REPORT)).toBe(FIXTURE_REPORT.assumptions.priceCatalogDate);
  });

  test('warnings get their own section in Markdown and HTML', async () => {
    expect(renderMarkdownReport(report)).toMatch(/## Warnings\n\n- ⚠ eks: Kubernetes 1\.34 leaves EKS standard support on 2026-12-02/);
    expect(await renderHtmlReport(report)).toMatch(/<section id="warnings"[\s\S]*1\.34 leaves EKS standard support/);
    expect(renderMarkdownReport(FIXTURE_REPORT)).not.toContain('## Warnings');
  });
});

describe('line-item sources', () => {
  test('the vendor page is the source; a secondary page it was read from is named next to it', async () => {
    const withReadFrom = {
      ...report,
      targets: {
        ...report.targets,
        eks: {
          ...report.targets.eks,
          lineItems: [
            {
              ...report.targets.eks.lineItems[0],
              source: 'https://aws.amazon.com/ec2/pricing/on-demand/ (2026-04-17)',
              readFrom: 'https://hacecuentas.com/x',
            },
          ],
        },
      },
    };
    expect(renderMarkdownReport(withReadFrom)).toContain(
      '[aws.amazon.com/ec2/pricing/on-demand](https://aws.amazon.com/ec2/pricing/on-demand/) (2026-04-17); read from [hacecuentas.com/x](https://hacecuentas.com/x)',
    );
    expect(await renderHtmlReport(withReadFrom)).toMatch(/read from<\/span> <a href="https:\/\/hacecuentas\.com\/x"/);
  });
});

describe('what-if sweep section', () => {
  test('the cheapest configuration per set of failures survived, sorted by cost', () => {
    const rows = cheapestBySurvival(sweep.targets[0]);
    expect(rows.map((c) => c.monthlyTotalUsd)).toEqual([...rows.map((c) => c.monthlyTotalUsd)].sort((a, b) => a - b));
    expect(new Set(rows.map((c) => JSON.stringify(c.survives))).size).toBe(rows.length);
  });

  test('Markdown: goal, per-target verdicts, a table per target, Prometheus vs Datadog with coverage', () => {
    const md = renderMarkdownReport(report);
    expect(md).toContain('## What-if sweep');
    expect(md).toMatch(/36 configurations .* goal: survive zone loss; \d+ meet it/);
    expect(md).toMatch(/- eks: cheapest meeting the goal \$[\d,.]+\/month with nodes 2, zones 2, monitoring prometheus/);
    expect(md).toContain('### kops: the cheapest way to survive each set of failures');
    expect(md).toMatch(/### Prometheus or Datadog\n\n- eks: prometheus \$[\d,.]+, datadog \$[\d,.]+ per month/);
    expect(md).toMatch(/datadog covers every host/);
  });

  test('HTML: a chart per target of cost against what it survives', async () => {
    const html = await renderHtmlReport(report);
    expect(html).toMatch(/<figure id="sweep-chart-eks" class="sweep">\s*<div class="chart"><svg/);
    expect(html).toMatch(/<figure id="sweep-chart-kops" class="sweep">/);
    expect(html).toContain('<h3>Prometheus or Datadog</h3>');
  });

  test('no sweep, no section', async () => {
    expect(renderMarkdownReport(FIXTURE_REPORT)).not.toContain('What-if sweep');
    expect(await renderHtmlReport(FIXTURE_REPORT)).not.toContain('id="sweep"');
  });
});
