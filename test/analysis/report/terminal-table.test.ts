import { renderTerminalTable, wrapSegments } from '../../../src/analysis/report/terminal-table';
import type { ScenarioOutcome } from '../../../src/analysis/report/comparison-report';
import { FIXTURE_REPORT, withTarget } from './fixture-report';

const ANSI_PATTERN = /\x1b\[[0-9;]*m/g;
const visible = (line: string): string => line.replace(ANSI_PATTERN, '');
const lineStartingWith = (text: string, label: string): string => {
  const line = text.split('\n').find((l) => visible(l).startsWith(label));
  if (line === undefined) throw new Error(`no line starting with ${JSON.stringify(label)} in:\n${text}`);
  return line;
};

describe('renderTerminalTable', () => {
  const plain = renderTerminalTable(FIXTURE_REPORT);
  const colored = renderTerminalTable(FIXTURE_REPORT, { color: true });

  test('shows every target with its total and control-plane availability', () => {
    for (const target of Object.values(FIXTURE_REPORT.targets)) expect(plain).toContain(target.displayName);
    expect(lineStartingWith(plain, 'Monthly cost')).toMatch(/\$386\.77 +\$317\.06 \* +\$411\.46 +\$545\.59$/);
    // Only financially backed SLAs: kops has none, and its modelled figure sits in a row of its own.
    expect(lineStartingWith(plain, 'Control-plane SLA')).toMatch(/99\.95% \* +99\.95% \* +99\.95% \* +none$/);
    expect(lineStartingWith(plain, '  modelled availability')).toMatch(/not modelled +not modelled +not modelled +99\.98% \(model\)$/);
    expect(lineStartingWith(plain, '  fixed')).toMatch(/\$126\.73 +\$92\.25 +\$128\.35 +\$285\.55$/);
    expect(lineStartingWith(plain, '  min-max nodes')).toContain('$300.09-$646.81');
    expect(lineStartingWith(plain, 'Zone-loss headroom')).toMatch(/\+34\.5% +\+22% +-12\.5% +\+34\.5%$/);
  });

  test('one row per scenario, in order, with API, serving share and restorability', () => {
    const labels = ['Node loss', 'Zone loss', 'Control-plane upgrade', 'Control-plane instance loss'];
    const positions = labels.map((label) => plain.indexOf(`\n${label} `));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(lineStartingWith(plain, 'Node loss')).toContain('API ok');
    expect(plain).toContain('67% serving');
    expect(plain).toContain('not restorable');
    expect(plain).toContain('drain blocked');
  });

  test('columns line up: each value starts under its target header', () => {
    const header = lineStartingWith(plain, ' ');
    const costs = lineStartingWith(plain, 'Monthly cost');
    expect(costs.indexOf('$386.77')).toBe(header.indexOf('Amazon EKS'));
    expect(costs.indexOf('$545.59')).toBe(header.indexOf('kops-style on EC2'));
  });

  test.each([
    ['plain', plain],
    ['colored', colored],
  ])('%s output fits in 110 columns', (_name, text) => {
    const widest = Math.max(...text.split('\n').map((l) => [...visible(l)].length));
    expect(widest).toBeLessThanOrEqual(110);
  });

  test('fits a narrower terminal when asked', () => {
    const narrow = renderTerminalTable(FIXTURE_REPORT, { width: 90 });
    expect(Math.max(...narrow.split('\n').map((l) => l.length))).toBeLessThanOrEqual(90);
    expect(narrow).toContain('$545.59');
  });

  test('without colour: no escape codes, ASCII only, the highlight is a * explained in the footer', () => {
    expect(plain).not.toMatch(ANSI_PATTERN);
    expect(plain).toMatch(/^[\x0a\x20-\x7e]*$/);
    expect(plain).toContain('*: cheapest monthly total; best financially backed control-plane SLA.');
  });

  test('with colour: the cheapest total and best SLAs are bold green, failures red, Unicode marks', () => {
    expect(colored).toContain('\x1b[1;32m$317.06\x1b[0m');
    expect(colored).toContain('\x1b[1;32m99.95%\x1b[0m');
    expect(colored).not.toContain('$317.06 *');
    expect(colored).toContain('\x1b[31mnot restorable\x1b[0m');
    expect(colored).toContain('API ✓');
    expect(colored).toContain('─');
  });

  test('an unavailable API reads API DOWN in ASCII and API ✗ in colour', () => {
    const down: ScenarioOutcome = {
      id: 'control-plane-upgrade',
      apiAvailable: false,
      servingFraction: 1,
      restorable: true,
      drainAllowed: true,
      explanation: 'zonal',
    };
    const report = withTarget('gke', { scenarios: [...FIXTURE_REPORT.targets.gke.scenarios.filter((s) => s.id !== down.id), down] });
    expect(lineStartingWith(renderTerminalTable(report), 'Control-plane upgrade')).toMatch(/API ok +API DOWN +API ok +API ok$/);
    expect(renderTerminalTable(report, { color: true })).toContain('\x1b[31mAPI ✗\x1b[0m');
  });

  test('a target without SLA or model shows none; a missing scenario says so', () => {
    const report = withTarget('aks', {
      controlPlane: { ...FIXTURE_REPORT.targets.aks.controlPlane, sla: null, modelledAvailability: null },
      scenarios: FIXTURE_REPORT.targets.aks.scenarios.filter((s) => s.id !== 'node-loss'),
    });
    const text = renderTerminalTable(report);
    expect(lineStartingWith(text, 'Control-plane SLA')).toMatch(/ none +none$/);
    expect(lineStartingWith(renderTerminalTable(report, { width: 200 }), '  modelled availability')).toMatch(
      /not modelled +99\.98% \(model\)$/,
    );
    expect(lineStartingWith(text, 'Node loss')).toContain('not evaluated');
  });

  test('footer states hours per month, regions, price date and notes', () => {
    expect(plain).toContain('730 h/month');
    expect(plain).toContain('as of 2026-11-22');
    expect(plain).toMatch(/AWS us-east-1, Google Cloud\s+us-central1, Azure eastus/);
    expect(plain).toContain('- NAT and load balancer data processing is not included');
  });

  test('control characters in report text never reach the terminal', () => {
    const text = renderTerminalTable(withTarget('eks', { displayName: 'Evil\x1b[2J\x07' }), { color: true });
    expect(text).not.toContain('\x1b[2J');
    expect(text).not.toContain('\x07');
    expect(text).toContain('Evil');
  });
});

describe('wrapSegments', () => {
  test('breaks between segments, never inside one that fits', () => {
    const lines = wrapSegments([{ text: 'API ✓' }, { text: '67% serving' }, { text: 'restorable' }], 19, false);
    expect(lines.map((l) => l.map((s) => s.text))).toEqual([['API ✓', '67% serving'], ['restorable']]);
  });

  test('word-wraps a segment wider than the column onto lines of its own', () => {
    const lines = wrapSegments([{ text: 'API ok' }, { text: 'a very long segment text' }], 12, true);
    expect(lines.map((l) => l.map((s) => s.text))).toEqual([['API ok'], ['a very long'], ['segment text']]);
  });

  test('API down: the cell says no rescheduling, no drains (never "drain blocked"), and the legend explains it', () => {
    const kops = FIXTURE_REPORT.targets.kops;
    const down = kops.scenarios.map((o) =>
      o.id === 'zone-loss' ? { ...o, apiAvailable: false, restorable: false, drainAllowed: false } : o,
    );
    const text = renderTerminalTable(withTarget('kops', { scenarios: down }), { width: 300 });
    const zone = lineStartingWith(text, 'Zone loss');
    expect(zone).toMatch(/API DOWN, 67% serving, no rescheduling, no drains$/);
    expect(zone.slice(zone.indexOf('API DOWN'))).not.toContain('drain blocked');
    expect(text.replace(/\s+/g, ' ')).toContain('API down: no rescheduling, no drains until the API returns');
  });

  test('a spot-reclaim scenario gets its own row where a target evaluated it; the others say not evaluated', () => {
    const kops = FIXTURE_REPORT.targets.kops;
    const spot = { ...kops.scenarios[0], id: 'spot-reclaim' as const, explanation: 'spot pool reclaimed' };
    const text = renderTerminalTable(withTarget('kops', { scenarios: [...kops.scenarios, spot] }), { width: 200 });
    expect(lineStartingWith(text, 'Spot reclaim')).toMatch(/not evaluated +not evaluated +not evaluated +API ok, 67% serving, restorable$/);
    expect(renderTerminalTable(FIXTURE_REPORT)).not.toContain('Spot reclaim');
  });
});
