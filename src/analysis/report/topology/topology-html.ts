import type { ComparisonReport } from '../comparison-report';
import { SCENARIO_LABELS, orderedTargets } from '../report-format';
import { renderTopologyViews } from './topology-spec';
import { TOPOLOGY_CSS } from './topology-style';

/*
 * The report's "Topology and fault domains" section: per target one figure with a radio-button
 * toggle (CSS only: the page allows no script) between the placement as computed and each failure
 * scenario. Every view is an inline SVG rendered by Vega; printed, all views are shown one below the other.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The section's HTML, or '' when no target carries a topology. */
export async function topologySectionHtml(report: ComparisonReport): Promise<string> {
  const figures = await Promise.all(
    orderedTargets(report).map(async ({ id, target }) => {
      if (target.topology === undefined) return '';
      const { views, undrawn } = await renderTopologyViews(target.topology, target);
      const name = `topology-${id}-view`;
      const toggle = views
        .map(({ view }, i) => {
          const inputId = `topology-${id}-${view.id}`;
          return (
            `<input type="radio" name="${escapeHtml(name)}" id="${escapeHtml(inputId)}" value="${escapeHtml(view.id)}"${i === 0 ? ' checked' : ''}>` +
            `<label for="${escapeHtml(inputId)}">${escapeHtml(view.label)}</label>`
          );
        })
        .join('');
      const panes = views
        .map(
          ({ view, svg }) =>
            `<div class="topology-view" data-view="${escapeHtml(view.id)}"><div class="topology-scroll" tabindex="0" aria-label="${escapeHtml(
              `${target.displayName}: ${view.label}`,
            )}">${svg}</div></div>`,
        )
        .join('\n');
      const missing =
        undrawn.length === 0
          ? ''
          : ` Not drawn, because this report carries no scenario detail for them: ${undrawn.map((s) => SCENARIO_LABELS[s].toLowerCase()).join(', ')}.`;
      return `<figure id="topology-${escapeHtml(id)}" class="topology-figure" data-target="${escapeHtml(id)}">
${toggle}
<div class="topology-views">
${panes}
</div>
<figcaption>${escapeHtml(target.displayName)}: zones as columns, each worker node with the replicas the analysis places on it and the
allocatable it has left after reservations and DaemonSets; the control plane, egress and load balancers above. Choose a failure to see
what it takes away (grey), which replicas stop (×) and which cannot start again (▲), and why.${escapeHtml(missing)}
The same figure is in <code>report/topology-${escapeHtml(id)}.svg</code>.</figcaption>
</figure>`;
    }),
  );
  const body = figures.filter((f) => f !== '');
  if (body.length === 0) return '';
  return `<section class="topology" aria-labelledby="topology-title">
<style>${TOPOLOGY_CSS}</style>
<h2 id="topology-title">Topology and fault domains</h2>
${body.join('\n')}
</section>`;
}
