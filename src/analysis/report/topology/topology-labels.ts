/*
 * Colours, tier names and the text helpers of the topology figure. Text widths are estimated (there
 * is no canvas in the headless renderer), on the wide side so labels stay inside their boxes.
 */

/** Average advance of an 11–12 px system sans-serif character, to wrap and shorten labels. */
const CHAR_PX = 6.9;
/** The same for 12 px semi-bold headings. */
const HEADING_CHAR_PX = 8;

/** Characters of 11 px label text that fit in `px` pixels. */
export function labelChars(px: number): number {
  return Math.max(8, Math.floor(px / CHAR_PX));
}

/** Characters of 12 px semi-bold heading text that fit in `px` pixels. */
export function headingChars(px: number): number {
  return Math.max(8, Math.floor(px / HEADING_CHAR_PX));
}

/** Estimated width in pixels of 11 px label text. */
export function labelWidth(text: string): number {
  return text.length * CHAR_PX;
}

/** Fill and text colours (GitHub's palette); states also differ by shape, so print in grey stays readable. */
export const COLORS = {
  text: '#1f2328',
  muted: '#57606a',
  lostText: '#8c959f',
  zone: '#f6f8fa',
  zoneLost: '#eaeef2',
  line: '#8c959f',
  box: '#ffffff',
  boxLost: '#d8dee4',
  band: '#ddf4ff',
  bandDown: '#ffebe9',
  replica: '#0969da',
  stopped: '#cf222e',
  unschedulable: '#bc4c00',
  volume: '#1a7f37',
} as const;

export const TIER_LABELS: Readonly<Record<string, string>> = {
  'eks-standard': 'EKS standard support',
  'eks-extended': 'EKS extended support',
  'gke-regional': 'GKE regional',
  'gke-zonal': 'GKE zonal',
  'aks-free': 'AKS Free tier',
  'aks-standard': 'AKS Standard tier',
  'aks-premium': 'AKS Premium tier',
};

/**
 * A resource address as a label: its last part without the hash cdktf appends to construct ids
 * (`aws_eks_node_group.Nodes-apps_AD64B0A5` → `Nodes-apps`). The full address stays in the mark's description.
 */
export function shortAddress(address: string): string {
  const last = address.includes('/') ? address : (address.split('.').pop() ?? address);
  return last.replace(/_[0-9A-F]{8}$/, '');
}

export function trim(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** Text shortened to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Greedy word wrap to lines of at most `max` characters (a longer word gets its own line). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
