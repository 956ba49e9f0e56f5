import type { TargetId } from '../../targets/cluster-target';
import type { DisruptionReport } from './disruption';
import type { PlanSummary } from './plan-summary';
import { totalChanges } from './plan-summary';
import type { TargetDelta } from './report-delta';

/** GitHub rejects comment bodies over 65,536 characters (https://github.com/orgs/community/discussions/27190). */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Marks the sticky comment so the workflow updates it instead of adding a new one. */
export const COMMENT_MARKER = '<!-- orquesta-plan -->';

export interface TargetPlan {
  readonly target: TargetId;
  readonly displayName: string;
  /**
   * The real terraform plan, or why there is none (no credentials, provider unavailable).
   * `basis` 'base-state': nothing is deployed yet, so the head is planned against the state the base
   * revision would leave (the provider decides updates vs replacements); 'base-plan': that failed,
   * so the base plan's values are compared with the head's (replacements not visible).
   * @default basis 'state'
   */
  readonly plan:
    | { readonly summary: PlanSummary; readonly basis?: 'state' | 'base-state' | 'base-plan' }
    | { readonly unavailable: string };
  readonly delta: TargetDelta;
  /** What the plan does to a running cluster. @default - not analysed (no plan) */
  readonly disruption?: DisruptionReport;
}

export interface CommentOptions {
  /** @default GITHUB_COMMENT_LIMIT */
  readonly limit?: number;
  /** Where the untruncated summary is (a workflow artifact name or a path). @default 'the orquesta-plan artifact' */
  readonly fullSummaryPointer?: string;
  /** e.g. "base 1a2b3c → head 4d5e6f" */
  readonly revisions?: string;
}

const usd = (n: number | null) =>
  n === null ? '–' : `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${usd(Math.abs(n))}`;

/**
 * The PR comment: one summary table, then per target the resource changes (replacements called
 * out), the cost delta per line item and the fault-tolerance changes. Detail sits in <details>;
 * when the body would exceed the limit, detail is dropped target by target and a pointer to the
 * full artifact is added, so the comment always posts.
 */
export function renderPlanComment(plans: readonly TargetPlan[], options: CommentOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const pointer = options.fullSummaryPointer ?? 'the orquesta-plan artifact';
  const full = render(plans, options, 'full');
  if (full.length <= limit) return full;
  const compact =
    render(plans, options, 'compact') + `\n\n_Detail trimmed to fit GitHub's comment limit; the full summary is in ${pointer}._\n`;
  if (compact.length <= limit) return compact;
  const note = `\n\n… truncated to fit GitHub's ${limit.toLocaleString('en-US')}-character comment limit; the full summary is in ${pointer}.\n`;
  return compact.slice(0, limit - note.length) + note;
}

function render(plans: readonly TargetPlan[], options: CommentOptions, level: 'full' | 'compact'): string {
  const out: string[] = [COMMENT_MARKER, '### orquesta plan', ''];
  if (options.revisions) out.push(`_${options.revisions}_`, '');
  out.push('| target | resources | monthly cost | fault tolerance |', '|---|---|---|---|');
  for (const p of plans) {
    const resources = 'summary' in p.plan ? `${counts(p.plan.summary)}${BASIS_NOTE[p.plan.basis ?? 'state']}` : `_${p.plan.unavailable}_`;
    const cost = `${usd(p.delta.beforeUsd)} → ${usd(p.delta.afterUsd)} (${signed(p.delta.deltaUsd)})`;
    const ft =
      p.delta.faultChanges.length === 0
        ? 'unchanged'
        : `${p.delta.faultChanges.length} change${p.delta.faultChanges.length > 1 ? 's' : ''}`;
    out.push(`| ${p.displayName} | ${resources} | ${cost} | ${ft} |`);
  }
  for (const p of plans) out.push('', ...targetSection(p, level));
  return out.join('\n') + '\n';
}

const BASIS_NOTE: Readonly<Record<'state' | 'base-state' | 'base-plan', string>> = {
  state: '',
  'base-state': ' _(vs the base revision as if deployed)_',
  'base-plan': ' _(vs base plan; nothing deployed; replacements not visible)_',
};

function counts(s: PlanSummary): string {
  if (totalChanges(s) === 0) return 'no changes';
  const parts = [
    s.create.length ? `+${s.create.length} add` : '',
    s.update.length ? `~${s.update.length} change` : '',
    s.replace.length ? `**±${s.replace.length} replace**` : '',
    s.delete.length ? `−${s.delete.length} destroy` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function targetSection(p: TargetPlan, level: 'full' | 'compact'): string[] {
  const lines = [`#### ${p.displayName}`];
  for (const d of p.disruption?.disruptive ?? []) {
    // The summary says why the workload keeps serving; an outage is called out on top.
    const serving = d.keepsServing === false ? ' — **outage**' : '';
    lines.push(`- ⚠️ ${escape(d.summary)}${serving}`);
  }
  for (const change of p.delta.faultChanges) lines.push(`- ⚠️ ${escape(change)}`);
  for (const safe of p.disruption?.safe ?? []) lines.push(`- ✅ safe: ${escape(safe.summary)}`);
  if ('summary' in p.plan) {
    const s = p.plan.summary;
    if (s.replace.length) lines.push(`- **replaced** (destroyed and re-created): ${s.replace.map((a) => `\`${a}\``).join(', ')}`);
    if (level === 'full' && totalChanges(s) > 0) {
      lines.push(
        '',
        '<details><summary>Resource changes by type</summary>',
        '',
        '| type | add | change | replace | destroy |',
        '|---|---|---|---|---|',
      );
      for (const [type, c] of Object.entries(s.byType).sort()) {
        lines.push(`| \`${type}\` | ${c.create ?? ''} | ${c.update ?? ''} | ${c.replace ?? ''} | ${c.delete ?? ''} |`);
      }
      lines.push('', '</details>');
    }
  }
  if (level === 'full' && p.delta.lines.length > 0) {
    lines.push(
      '',
      '<details><summary>Monthly cost by resource</summary>',
      '',
      '| resource | before | after | delta |',
      '|---|---:|---:|---:|',
    );
    for (const l of p.delta.lines)
      lines.push(`| \`${escape(l.address)}\` | ${usd(l.beforeUsd)} | ${usd(l.afterUsd)} | ${signed(l.deltaUsd)} |`);
    lines.push('', '</details>');
  }
  return lines;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}
