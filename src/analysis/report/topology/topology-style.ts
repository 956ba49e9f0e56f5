/** The most views one figure has: as placed, node loss, zone loss, control-plane instance loss. */
const MAX_VIEWS = 4;

/**
 * The topology section's stylesheet. The toggle is CSS only: the n-th checked radio input shows the
 * n-th view. Each view scrolls sideways inside its figure at its natural size (labels stay readable on
 * a phone instead of shrinking); printed, every view is shown and the toggle is hidden.
 */
export const TOPOLOGY_CSS = `
.topology-figure { margin: 12px 0; min-width: 0; }
.topology-figure > input { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
.topology-figure > label { display: inline-block; margin: 0 6px 8px 0; padding: 2px 10px; border: 1px solid var(--line, #d0d7de);
  border-radius: 12px; font-size: 13px; cursor: pointer; color: var(--muted, #57606a); }
.topology-figure > input:checked + label { background: #0969da; border-color: #0969da; color: #ffffff; }
.topology-figure > input:focus-visible + label { outline: 2px solid #0969da; outline-offset: 2px; }
.topology-view { display: none; }
${Array.from(
  { length: MAX_VIEWS },
  (_, i) =>
    `.topology-figure > input:nth-of-type(${i + 1}):checked ~ .topology-views > .topology-view:nth-child(${i + 1}) { display: block; }`,
).join('\n')}
.topology-scroll { overflow-x: auto; max-width: 100%; }
.topology-scroll svg { display: block; max-width: none; height: auto; }
@media print {
  .topology-figure > input, .topology-figure > label { display: none; }
  .topology-view { display: block; break-inside: avoid; margin-bottom: 8px; }
  .topology-scroll { overflow: visible; }
  .topology-scroll svg { max-width: 100%; }
}
`;
