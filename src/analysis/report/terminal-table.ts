import type { ComparisonReport } from './comparison-report';
import { assumptionsLine } from './report-format';
import { joinSegments, summaryTable } from './summary-rows';
import type { Segment, SummaryRow, Tone } from './summary-rows';

export interface TerminalTableOptions {
  /**
   * ANSI colour and Unicode (✓, ·, box rules). The caller decides, typically from `process.stdout.isTTY`.
   * @default false
   */
  readonly color?: boolean;
  /** Plain ASCII only (`API ok`, `API DOWN`, `-` rules). @default - `!color` */
  readonly ascii?: boolean;
  /** The widest line the table may print, in columns. @default 110 */
  readonly width?: number;
}

/** Fits a standard 110-column terminal, the widest that CI logs and split panes show without wrapping. */
export const DEFAULT_TERMINAL_WIDTH = 110;
const COLUMN_GAP = 2;
/** Below this a cell would wrap almost every word; the table then overflows rather than become unreadable. */
const MIN_COLUMN_WIDTH = 12;

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', boldGreen: '\x1b[1;32m' } as const;

interface Style {
  readonly color: boolean;
  readonly ascii: boolean;
}

/**
 * The comparison as a table for the terminal: targets as columns, cost, control plane and scenario
 * outcomes as rows, the assumptions below. The cheapest total and the best SLA are highlighted
 * (bold green with colour, a `*` without).
 */
export function renderTerminalTable(report: ComparisonReport, options: TerminalTableOptions = {}): string {
  const color = options.color ?? false;
  const style: Style = { color, ascii: options.ascii ?? !color };
  const width = options.width ?? DEFAULT_TERMINAL_WIDTH;
  const table = summaryTable(report);
  const rows = table.rows.map((r) => ({ ...r, cells: mapCells(r, (segments) => markBest(segments, style)) }));

  const labelWidth = Math.max(...rows.map((r) => labelText(r, style).length));
  const headers = table.targets.map(({ target }) => [clean(target.displayName), clean(target.region)]);
  const natural = Math.max(
    ...headers.flat().map((h) => h.length),
    ...rows.flatMap((r) => table.targets.map(({ id }) => joinSegments(r.cells[id], style.ascii).length)),
  );
  const count = Math.max(table.targets.length, 1);
  const cap = Math.floor((width - labelWidth - COLUMN_GAP * count) / count);
  const columnWidth = Math.max(MIN_COLUMN_WIDTH, Math.min(natural, cap));
  const tableWidth = labelWidth + count * (COLUMN_GAP + columnWidth);

  const rule = paint((style.ascii ? '-' : '─').repeat(tableWidth), 'dim', style);
  const lines: string[] = [];
  lines.push(paint('orquesta compare: monthly cost and fault tolerance', 'bold', style));
  lines.push('');
  const headerLines = headers.map(([name, region]) => [
    ...wrapText(name, columnWidth).map((text) => ({ text, code: 'bold' as const })),
    ...wrapText(region, columnWidth).map((text) => ({ text, code: 'dim' as const })),
  ]);
  for (let h = 0; h < Math.max(...headerLines.map((l) => l.length)); h++) {
    const cells = headerLines.map(
      (l) => ' '.repeat(COLUMN_GAP) + (l[h] === undefined ? pad('', columnWidth) : paint(pad(l[h].text, columnWidth), l[h].code, style)),
    );
    lines.push(trimEnd(pad('', labelWidth) + cells.join('')));
  }
  lines.push(rule);
  for (const row of rows) {
    if (!row.sub && row !== rows[0]) lines.push('');
    const wrapped = table.targets.map(({ id }) => wrapSegments(row.cells[id], columnWidth, style.ascii));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    for (let i = 0; i < height; i++) {
      const label = i === 0 ? pad(labelText(row, style), labelWidth) : pad('', labelWidth);
      const cells = wrapped.map((w) => ' '.repeat(COLUMN_GAP) + renderLine(w[i] ?? [], columnWidth, style));
      lines.push(trimEnd(label + cells.join('')));
    }
  }
  lines.push(rule);
  lines.push(...footer(report, style, tableWidth));
  return lines.join('\n') + '\n';
}

function labelText(row: SummaryRow, style: Style): string {
  const label = row.sub ? `  ${row.label}` : row.label;
  return style.ascii ? toAscii(label) : label;
}

function mapCells(row: SummaryRow, f: (segments: readonly Segment[]) => Segment[]): SummaryRow['cells'] {
  return Object.fromEntries(Object.entries(row.cells).map(([id, segments]) => [id, f(segments)])) as unknown as SummaryRow['cells'];
}

/** Without colour a `*` carries the highlight (explained in the legend); data text is cleaned of control characters. */
function markBest(segments: readonly Segment[], style: Style): Segment[] {
  return segments.map((s) => {
    const text = clean(s.text);
    const ascii = s.ascii === undefined ? undefined : clean(s.ascii);
    if (s.tone !== 'best' || style.color) return { ...s, text, ascii };
    return { ...s, text: `${text} *`, ascii: ascii === undefined ? undefined : `${ascii} *` };
  });
}

/**
 * Greedy wrap at segment boundaries. A segment wider than the column is word-wrapped onto lines of
 * its own, so its pieces are never glued to a neighbour with a separator.
 */
export function wrapSegments(segments: readonly Segment[], width: number, ascii: boolean): Segment[][] {
  const lines: Segment[][] = [];
  let current: Segment[] = [];
  const flush = (): void => {
    if (current.length > 0) lines.push(current);
    current = [];
  };
  for (const segment of segments) {
    const text = ascii ? (segment.ascii ?? segment.text) : segment.text;
    if (text.length > width) {
      flush();
      for (const piece of wrapText(text, width)) lines.push([{ text: piece, tone: segment.tone }]);
      continue;
    }
    if (current.length > 0 && joinSegments([...current, segment], ascii).length > width) flush();
    current.push(segment);
  }
  flush();
  return lines;
}

function renderLine(segments: readonly Segment[], width: number, style: Style): string {
  const plain = joinSegments(segments, style.ascii);
  const separator = style.ascii ? ', ' : ' · ';
  const painted = segments.map((s) => paint(style.ascii ? (s.ascii ?? s.text) : s.text, toneStyle(s.tone), style)).join(separator);
  return painted + ' '.repeat(Math.max(0, width - plain.length));
}

function toneStyle(tone: Tone | undefined): keyof typeof ANSI | undefined {
  switch (tone) {
    case 'best':
      return 'boldGreen';
    case 'bad':
      return 'red';
    case 'plain':
    case undefined:
      return undefined;
  }
}

function paint(text: string, code: keyof typeof ANSI | undefined, style: Style): string {
  if (!style.color || code === undefined || text === '') return text;
  return `${ANSI[code]}${text}${ANSI.reset}`;
}

function footer(report: ComparisonReport, style: Style, width: number): string[] {
  const highlight = style.color ? 'bold green' : '*';
  const tick = style.ascii ? 'API ok/DOWN' : 'API ✓/✗';
  const legend = [
    `${highlight}: cheapest monthly total; best financially backed control-plane SLA.`,
    `${tick}: Kubernetes API available; serving: replicas still serving right after the failure; ` +
      'restorable: every stopped replica can start again on the surviving nodes; drain blocked: the PodDisruptionBudget stops a node drain; ' +
      'API down: no rescheduling, no drains until the API returns. Control-plane SLA: financially backed only; modelled availability is not a commitment.',
    `Assumptions: ${clean(assumptionsLine(report))}.`,
    ...report.assumptions.notes.map((note) => `- ${clean(note)}`),
  ];
  const text = style.ascii ? legend.map(toAscii) : legend;
  return text.flatMap((line) => wrapText(line, width)).map((line) => paint(line, 'dim', style));
}

/** Word wrap at spaces, and after a dash when a word alone is wider than the line (`$300.09–` / `$646.81`). */
function wrapText(text: string, width: number): string[] {
  const indent = text.startsWith('- ') ? '  ' : '';
  const tokens = text
    .split(' ')
    .flatMap((word, i) =>
      (word.length > width ? word.split(/(?<=[–-])(?=.)/) : [word]).map((part, j) => ({ part, spaceBefore: i > 0 && j === 0 })),
    );
  const lines: string[] = [];
  let line = '';
  for (const { part, spaceBefore } of tokens) {
    const joined = line === '' ? part : `${line}${spaceBefore ? ' ' : ''}${part}`;
    if (line !== '' && line.trim() !== '' && joined.length > width) {
      lines.push(line);
      line = indent + part;
    } else {
      line = joined;
    }
  }
  lines.push(line);
  return lines;
}

function toAscii(text: string): string {
  return text.replace(/·/g, '|').replace(/[–—]/g, '-').replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
}

/** Strips control characters (an escape sequence in a description must not reach the terminal). */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function trimEnd(line: string): string {
  return line.replace(/ +$/, '');
}
