import {
  bestSlaTargets,
  cheapestTargets,
  formatAvailability,
  formatHeadroom,
  formatServingFraction,
  formatUnitPrice,
  formatUsd,
  shortSourceLabel,
  splitSource,
} from '../../../src/analysis/report/report-format';
import { FIXTURE_REPORT, withTarget } from './fixture-report';

describe('number formats', () => {
  test.each([
    [0, '$0.00'],
    [386.766, '$386.77'],
    [1234.5, '$1,234.50'],
    [1234567.891, '$1,234,567.89'],
  ])('formatUsd(%p) = %p', (amount, expected) => {
    expect(formatUsd(amount)).toBe(expected);
  });

  test.each([
    [0.0116, '$0.0116'],
    [0.1, '$0.10'],
    [15, '$15.00'],
    [0.067006, '$0.067006'],
  ])('formatUnitPrice(%p) keeps sub-cent digits: %p', (amount, expected) => {
    expect(formatUnitPrice(amount)).toBe(expected);
  });

  test.each([
    [1, '100%'],
    [0, '0%'],
    [2 / 3, '67%'],
    [0.999, '99%'],
    [0.001, '1%'],
  ])('formatServingFraction(%p) = %p (never rounds to 0%% or 100%% unless exact)', (fraction, expected) => {
    expect(formatServingFraction(fraction)).toBe(expected);
  });

  test.each([
    [34.5, '+34.5%'],
    [0, '0%'],
    [-12.54, '-12.5%'],
  ])('formatHeadroom(%p) = %p', (percent, expected) => {
    expect(formatHeadroom(percent)).toBe(expected);
  });
});

describe('formatAvailability', () => {
  const base = FIXTURE_REPORT.targets.eks.controlPlane;
  test.each([
    [{ sla: 99.95, modelledAvailability: null }, '99.95%'],
    [{ sla: 99.5, modelledAvailability: 99.9 }, '99.5%'],
    [{ sla: null, modelledAvailability: 99.99 }, '99.99% (modelled)'],
    [{ sla: null, modelledAvailability: null }, 'none'],
  ])('%p → %p', (patch, expected) => {
    expect(formatAvailability({ ...base, ...patch })).toBe(expected);
  });
});

describe('highlights', () => {
  test('the cheapest target is the one with the lowest total; ties highlight all', () => {
    expect(cheapestTargets(FIXTURE_REPORT)).toEqual(['gke']);
    const tie = withTarget('aks', { monthlyTotalUsd: FIXTURE_REPORT.targets.gke.monthlyTotalUsd });
    expect(cheapestTargets(tie)).toEqual(['gke', 'aks']);
  });

  test('the best SLA counts financially backed SLAs only, never a modelled figure', () => {
    expect(bestSlaTargets(FIXTURE_REPORT)).toEqual(['eks', 'gke', 'aks']);
    const noSla = (['eks', 'gke', 'aks'] as const).reduce(
      (report, id) => withTarget(id, { controlPlane: { ...report.targets[id].controlPlane, sla: null } }, report),
      FIXTURE_REPORT,
    );
    expect(bestSlaTargets(noSla)).toEqual([]);
  });
});

describe('splitSource', () => {
  test.each([
    [
      'https://aws.amazon.com/eks/pricing/ (as of 2026-11-22)',
      'https://aws.amazon.com/eks/pricing/',
      'aws.amazon.com/eks/pricing',
      '(as of 2026-11-22)',
    ],
    [
      'as of 2026-11-22: https://cloud.google.com/nat/pricing',
      'https://cloud.google.com/nat/pricing',
      'cloud.google.com/nat/pricing',
      'as of 2026-11-22',
    ],
    ['https://example.com/a.', 'https://example.com/a', 'example.com/a', ''],
    ['none: a self-managed control plane has no provider SLA', null, 'none: a self-managed control plane has no provider SLA', ''],
    ['javascript:alert(1)', null, 'javascript:alert(1)', ''],
  ])('%p', (source, url, label, rest) => {
    expect(splitSource(source)).toEqual({ url, label, rest });
  });

  test('shortSourceLabel keeps the host and the last path segment', () => {
    expect(shortSourceLabel('https://azure.microsoft.com/en-us/pricing/details/load-balancer/')).toBe(
      'azure.microsoft.com › load-balancer',
    );
    expect(shortSourceLabel('https://www.datadoghq.com/')).toBe('www.datadoghq.com');
  });
});
