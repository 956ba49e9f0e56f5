/*
 * Reads the marks back out of a rendered topology SVG: Vega writes each named layer as
 * `<g class="mark-… role-mark <view>__<kind>_marks">` and each mark's description as its aria-label.
 */

/** The aria-labels of the marks in layer `<view>__<kind>`, in drawing order. */
export function marksOf(svg: string, view: string, kind: string): string[] {
  // An empty layer is written as a self-closing group.
  const group = new RegExp(`<g class="mark-[a-z]+ role-mark ${view}__${kind}_marks"[^>]*?(?:/>|>(.*?)</g>)`, 's').exec(svg);
  if (group === null) throw new Error(`no layer ${view}__${kind} in the SVG`);
  return [...(group[1] ?? '').matchAll(/aria-label="([^"]*)"/g)].map((m) => unescapeXml(m[1]));
}

/** Counts of labels matching `pattern` per its first capture group. */
export function countBy(labels: readonly string[], pattern: RegExp): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of labels) {
    const m = pattern.exec(label);
    if (m) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
  }
  return counts;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
