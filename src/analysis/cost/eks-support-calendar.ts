import type { Inventory } from '../inventory/inventory';

/** One Kubernetes minor version on EKS: when standard and extended support end (UTC dates). */
export interface EksVersionSupport {
  readonly released: string;
  readonly endOfStandardSupport: string;
  readonly endOfExtendedSupport: string;
}

/**
 * The Amazon EKS Kubernetes release calendar: standard support for 14 months after a version's EKS
 * release, then extended support for 12 more months (the rule as the stored vendor page
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html states it, read
 * 2026-12-01). The dates are those https://endoflife.date/amazon-eks lists from the vendor's
 * calendar (stored copy of 2026-02); 1.28 and older follow the same rule.
 */
export const EKS_VERSION_CALENDAR: Readonly<Record<string, EksVersionSupport>> = {
  '1.28': { released: '2023-09-26', endOfStandardSupport: '2024-11-26', endOfExtendedSupport: '2025-11-26' },
  '1.29': { released: '2024-01-23', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23' },
  '1.30': { released: '2024-05-23', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  '1.31': { released: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  '1.32': { released: '2025-01-25', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  '1.33': { released: '2025-05-28', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  '1.34': { released: '2025-10-06', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  '1.35': { released: '2026-01-28', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
};

export const EKS_CALENDAR_SOURCE = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (2026-12-01)';

/** How far ahead the report warns that a version leaves standard support (one quarter: time to plan an upgrade). */
export const EKS_SUPPORT_WARNING_DAYS = 90;

export type EksSupportPeriod = 'standard' | 'extended' | 'unsupported' | 'unknown';

export interface EksSupportStatus {
  readonly version: string;
  readonly period: EksSupportPeriod;
  /** The rate AWS bills at the date: extended only in the extended period with the EXTENDED policy. */
  readonly billedAs: 'standard' | 'extended';
  readonly calendar?: EksVersionSupport;
  /** Whole days from the date to the end of standard support (negative once past). */
  readonly daysToEndOfStandard?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The support period of an EKS version at a date, and the rate billed with the cluster's support policy. */
export function eksSupportStatus(version: string, supportType: 'STANDARD' | 'EXTENDED', at: Date): EksSupportStatus {
  const minor = /^(\d+\.\d+)/.exec(version)?.[1] ?? version;
  const calendar = EKS_VERSION_CALENDAR[minor];
  if (!calendar) return { version: minor, period: 'unknown', billedAs: 'standard' };
  const day = at.toISOString().slice(0, 10);
  const period: EksSupportPeriod =
    day < calendar.endOfStandardSupport ? 'standard' : day < calendar.endOfExtendedSupport ? 'extended' : 'unsupported';
  const daysToEndOfStandard = Math.floor(
    (Date.parse(`${calendar.endOfStandardSupport}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / DAY_MS,
  );
  return {
    version: minor,
    period,
    // With the STANDARD policy AWS upgrades the cluster at the end of standard support instead of charging extended rates.
    billedAs: period === 'extended' && supportType === 'EXTENDED' ? 'extended' : 'standard',
    calendar,
    daysToEndOfStandard,
  };
}

/**
 * Warnings about an EKS cluster's Kubernetes version at a date: it leaves standard support within
 * EKS_SUPPORT_WARNING_DAYS (the fee goes from $0.10 to $0.60 per hour, or AWS upgrades it), it is
 * already past standard support, or the calendar does not know it. Empty for other targets. Pure, so
 * the plan comment can call it with the inventory it already has.
 */
export function eksSupportWarnings(inv: Inventory, at: Date): string[] {
  const cp = inv.controlPlane;
  if (cp.kind !== 'managed' || (cp.tier !== 'eks-standard' && cp.tier !== 'eks-extended')) return [];
  const supportType = cp.tier === 'eks-extended' ? 'EXTENDED' : 'STANDARD';
  const s = eksSupportStatus(inv.kubernetesVersion, supportType, at);
  const who = `${inv.target}: Kubernetes ${s.version}`;
  if (s.period === 'unknown') {
    return [`${who} is not in the EKS release calendar (${EKS_CALENDAR_SOURCE}); priced at the standard-support rate.`];
  }
  const end = s.calendar!.endOfStandardSupport;
  const extendedEnd = s.calendar!.endOfExtendedSupport;
  switch (s.period) {
    case 'standard':
      if (s.daysToEndOfStandard! > EKS_SUPPORT_WARNING_DAYS) return [];
      return [
        supportType === 'EXTENDED'
          ? `${who} leaves EKS standard support on ${end} (in ${s.daysToEndOfStandard} days): the control-plane fee then rises from $0.10 to $0.60 per hour ($73 to $438 a month) until you upgrade.`
          : `${who} leaves EKS standard support on ${end} (in ${s.daysToEndOfStandard} days): with the STANDARD support policy AWS then upgrades the cluster automatically; upgrade first or choose EXTENDED ($0.60 per hour).`,
      ];
    case 'extended':
      return [
        supportType === 'EXTENDED'
          ? `${who} is in EKS extended support since ${end}: the control plane is billed $0.60 per hour until you upgrade (extended support ends ${extendedEnd}).`
          : `${who} left EKS standard support on ${end}: with the STANDARD support policy AWS upgrades the cluster automatically; the synthesized version will not stay.`,
      ];
    case 'unsupported':
      return [`${who} left EKS extended support on ${extendedEnd}: AWS no longer runs it and upgrades such clusters automatically.`];
  }
}
