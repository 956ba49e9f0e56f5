import { mdCode, mdText, renderMarkdownReport } from '../../../src/analysis/report/markdown-report';
import type { LineItem } from '../../../src/analysis/report/comparison-report';
import { FIXTURE_REPORT, withTarget } from './fixture-report';

/** Cells of a GFM table row: split on `|` not preceded by a backslash. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** Every table in the document, as arrays of rows of cells. */
function tables(markdown: string): string[][][] {
  const found: string[][][] = [];
  let current: string[][] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) current.push(cells(line));
    else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  if (current.length > 0) found.push(current);
  return found;
}

describe('renderMarkdownReport', () => {
  const markdown = renderMarkdownReport(FIXTURE_REPORT);

  test('summary table first: one column per target with totals and SLAs', () => {
    const [summary] = tables(markdown);
    expect(summary[0]).toEqual([
      '',
      'Amazon EKS<br>us-east-1',
      'Google GKE<br>us-central1',
      'Azure AKS<br>eastus',
      'kops-style on EC2<br>us-east-1',
    ]);
    const byLabel = new Map(summary.map((row) => [row[0], row.slice(1)]));
    expect(byLabel.get('**Monthly cost**')).toEqual(['$386.77', '**$317.06**', '$411.46', '$545.59']);
    expect(byLabel.get('**Control-plane SLA**')).toEqual(['**99.95%**', '**99.95%**', '**99.95%**', 'none']);
    expect(byLabel.get('↳ modelled availability')?.[3]).toBe('99.98% (model)');
    expect(byLabel.get('**Zone loss**')?.[2]).toBe('API ✓ · 67% serving · not restorable · drain blocked');
  });

  test('API down: restorable and drain say why, and the modelled availability lists its factors', () => {
    const kops = FIXTURE_REPORT.targets.kops;
    const scenarios = kops.scenarios.map((o) =>
      o.id === 'zone-loss' ? { ...o, apiAvailable: false, restorable: false, drainAllowed: false } : o,
    );
    const text = renderMarkdownReport(withTarget('kops', { scenarios }));
    expect(text).toMatch(/\| Zone loss \| ✗ \*\*down\*\* \| 67% \| \*\*no\*\* \(API down\) \| \*\*no\*\* \(API down\) \|/);
    expect(text).toContain('- **Modelled availability (not a commitment):** 99.98% (model)');
    expect(text).toContain('  - API load balancer (3 zones): 99.99%');
    expect(text).toContain('Control-plane SLA: none; modelled availability: 99.98% (model).');
  });

  test('every table row has as many cells as its header', () => {
    const all = tables(markdown);
    expect(all.length).toBe(1 + 4 * 2 + 1);
    for (const table of all) for (const row of table) expect(row.length).toBe(table[0].length);
  });

  test('a details block per target, with line items, scenarios and the control-plane model', () => {
    expect(markdown.match(/^<details>$/gm)).toHaveLength(4);
    expect(markdown.match(/^<\/details>$/gm)).toHaveLength(4);
    const kops = markdown.slice(markdown.indexOf('## kops-style on EC2'));
    expect(kops).toContain('| `aws_lb.api` | Network Load Balancer in front of the Kubernetes API |');
    expect(kops).toContain('etcd needs 2 of 3');
    expect(kops).toContain('| Control-plane instance loss | ✓ available | 100% | yes | yes | Losing 1 of 3 control-plane instances');
    expect(kops).toContain('- **SLA:** none; source: none: a self-managed control plane has no provider SLA');
  });

  test('line items carry address in backticks, unit price with unit, monthly amount and a linked source', () => {
    expect(markdown).toContain(
      '| `aws_eks_cluster.cluster` | EKS control plane, standard support (Kubernetes 1.33) | control-plane | 730 | $0.10 / hour | $73.00 | ' +
        '[aws.amazon.com/eks/pricing](https://aws.amazon.com/eks/pricing/) (as of 2026-11-22) |',
    );
    expect(markdown).toContain('| `Service/web-api` |');
    expect(markdown).toContain('| 2,190 | $0.067006 / instance-hour | $146.74 |');
    expect(markdown).toContain('| **Total** |  |  |  | **$386.77** |  |');
  });

  test('assumptions: every number with its unit and source', () => {
    const assumptions = tables(markdown).at(-1) ?? [];
    const byName = new Map(assumptions.map((row) => [row[0], row.slice(1)]));
    expect(byName.get('Hours per month')).toEqual(['730', 'h/month', expect.stringContaining('8,760 h a year / 12')]);
    expect(byName.get('Control-plane SLA, Amazon EKS')).toEqual([
      '99.95',
      '% monthly uptime',
      '[aws.amazon.com/eks/sla](https://aws.amazon.com/eks/sla/) (last updated 2022-05-04)',
    ]);
    expect(byName.get('Modelled availability, kops-style on EC2')?.slice(0, 2)).toEqual(['99.98', '% of the month']);
    expect(byName.get('Price catalog date')?.[0]).toBe('2026-11-22');
    expect(markdown).toContain('- NAT and load balancer data processing is not included (it depends on traffic).');
  });

  test('report text cannot break a table or inject HTML', () => {
    const hostile: LineItem = {
      ...FIXTURE_REPORT.targets.eks.lineItems[0],
      address: 'aws_instance.a|b`c',
      description: 'a | b <script>alert(1)</script> *bold* [x](javascript:alert(1))\nnext line',
      source: 'javascript:alert(1)',
    };
    const text = renderMarkdownReport(withTarget('eks', { lineItems: [hostile], displayName: 'EKS <img src=x onerror=alert(1)>' }));
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<img');
    expect(text).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(text).toContain('a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\[x\\](javascript:alert(1)) next line');
    expect(text).toContain('``aws_instance.a\\|b`c``');
    for (const table of tables(text)) for (const row of table) expect(row.length).toBe(table[0].length);
  });
});

describe('markdown escaping helpers', () => {
  test.each([
    ['plain text', 'plain text'],
    ['a|b', 'a\\|b'],
    ['<b>&', '&lt;b&gt;&amp;'],
    ['snake_case *x* ~y~ #1 [l]', 'snake\\_case \\*x\\* \\~y\\~ \\#1 \\[l\\]'],
    ['two\nlines', 'two lines'],
  ])('mdText(%p) = %p', (input, expected) => {
    expect(mdText(input)).toBe(expected);
  });

  test.each([
    ['aws_eks_cluster.cluster', '`aws_eks_cluster.cluster`'],
    ['a`b', '``a`b``'],
    ['`edge', '`` `edge ``'],
    ['x|y', '`x\\|y`'],
  ])('mdCode(%p) = %p', (input, expected) => {
    expect(mdCode(input)).toBe(expected);
  });
});
