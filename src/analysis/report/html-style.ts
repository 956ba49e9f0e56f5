/**
 * The stylesheet of `report/index.html`, inlined so the page is one self-contained file. System
 * fonts only (no font download); laid out for a laptop screen and down to a 390 px phone: wide
 * tables scroll inside their own box, so the page itself never scrolls sideways.
 */
export const REPORT_CSS = `
:root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --card: #ffffff; --bg: #f6f8fa; --good: #1a7f37; --good-bg: #dafbe1; --bad: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 12px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.meta, figcaption, .legend, .notes { color: var(--muted); }
.meta { margin: 0; max-width: 90ch; }
.legend { font-size: 13px; max-width: 110ch; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; background: var(--card); }
th, td { padding: 6px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th, thead td { border-bottom: 2px solid var(--line); }
.summary { width: 100%; table-layout: fixed; border: 1px solid var(--line); border-radius: 6px; }
.summary thead td { width: 240px; }
.summary td { font-size: 14px; }
.seg { white-space: nowrap; }
.summary thead th { font-size: 16px; }
.summary th[scope="row"] { font-weight: 600; }
.summary tr.sub th[scope="row"] { font-weight: 400; color: var(--muted); padding-left: 28px; }
.summary tr.sub td, .summary tr.sub th { border-bottom-color: #eef1f4; }
.summary td { font-variant-numeric: tabular-nums; }
.region { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
.best { color: var(--good); background: var(--good-bg); border-radius: 4px; padding: 0 4px; font-weight: 700; }
.bad { color: var(--bad); font-weight: 600; }
.sep { color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(480px, 100%), 1fr)); gap: 20px; margin-top: 28px; }
figure { margin: 0; padding: 16px; background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
.chart svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 13px; margin-top: 8px; }
details.target { background: var(--card); border: 1px solid var(--line); border-radius: 6px; margin: 10px 0; padding: 0 16px; }
details.target[open] { padding-bottom: 16px; }
details.target > summary { cursor: pointer; padding: 12px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; list-style: none; }
details.target > summary::-webkit-details-marker { display: none; }
details.target > summary::before { content: "▸"; color: #0969da; font-size: 14px; width: 1em; }
details.target[open] > summary::before { content: "▾"; }
details.target > summary .more { color: #0969da; font-size: 13px; margin-left: auto; }
details.target > summary .more::after { content: " — show"; }
details.target[open] > summary .more::after { content: " — hide"; }
details.target > summary:hover .name, details.target > summary:focus-visible .name { text-decoration: underline; }
details.target > summary .name { font-weight: 700; font-size: 16px; }
details.target > summary .region { display: inline; }
details.target > summary .total { font-variant-numeric: tabular-nums; font-weight: 600; }
details.target > summary .sla { color: var(--muted); }
.items, .scenarios, .assumptions { font-size: 13px; width: 100%; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eff2f5; padding: 1px 4px; border-radius: 4px; }
.tag { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 8px; padding: 0 6px; white-space: nowrap; }
.as-of { color: var(--muted); }
a { color: #0969da; }
dl.control-plane { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 14px; margin: 0; }
dl.control-plane dt { font-weight: 600; }
dl.control-plane dd { margin: 0; }
tfoot th, tfoot td { border-bottom: none; font-weight: 700; }
dl.spec-source { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; font-size: 14px; margin: 12px 0 0; max-width: 110ch; }
dl.spec-source dt { font-weight: 600; }
dl.spec-source dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 720px) {
  body { font-size: 14px; }
  main { padding: 12px 12px 32px; }
  h1 { font-size: 21px; }
  .summary { table-layout: auto; min-width: 640px; }
  .summary thead td { width: auto; }
  figure { padding: 8px; }
  details.target { padding: 0 10px; }
  details.target > summary .more { margin-left: 0; }
  dl.control-plane, dl.spec-source { grid-template-columns: minmax(0, 1fr); }
  dl.control-plane dd, dl.spec-source dd { margin-bottom: 6px; overflow-wrap: anywhere; }
}
`;
