import { renderMarkdownReport } from '../../../src/analysis/report/markdown-report';
import { summarizeSource } from '../../../src/analysis/report/report-source';
import { exampleSpec } from '../../util';
import { FIXTURE_REPORT } from './fixture-report';

describe('reports name the spec they describe', () => {
  test('the summary: file, workload, cluster and every pool', () => {
    const spec = exampleSpec({
      cluster: {
        nodePools: [
          { name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6 },
          { name: 'batch', sizeClass: 'large', minNodes: 0, desiredNodes: 1, maxNodes: 4, capacity: 'spot' },
        ],
      },
    });
    expect(summarizeSource({ origin: 'apps/shop.ts', spec })).toEqual({
      file: 'apps/shop.ts',
      workload:
        'web-api (namespace web-api): ghcr.io/orquesta-dev/web-api:1.4.2, 3–9 replicas (HPA at 70% CPU), requests 250m CPU / 256 MiB, exposure public',
      cluster: 'orquesta-demo: 3 zone(s), control plane ha, Kubernetes 1.35',
      pools: ['apps: 3 × medium (3–6 nodes)', 'batch: 1 × large (0–4 nodes), spot'],
    });
  });

  test('the Markdown report lists them under its title', () => {
    const md = renderMarkdownReport(FIXTURE_REPORT, { origin: 'apps/shop.ts', spec: exampleSpec() });
    const head = md.split('## Summary')[0];
    expect(head).toContain('- **Spec:** `apps/shop.ts`');
    expect(head).toContain('- **Workload:** web-api (namespace web-api)');
    expect(head).toContain('- **Node pools:** apps: 3 × medium (3–6 nodes)');
    expect(renderMarkdownReport(FIXTURE_REPORT)).not.toContain('**Spec:**');
  });
});
