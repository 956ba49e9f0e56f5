import type { Billable, Inventory } from '../inventory/inventory';
import {
  AKS_DIAGNOSTIC_GB_PER_MONTH,
  AKS_DIAGNOSTIC_GB_PER_MONTH_OTHER,
  CONTAINER_INSIGHTS_GB_PER_NODE_MONTH,
  EKS_LOG_GB_PER_MONTH,
  EKS_LOG_GB_PER_MONTH_OTHER,
  FLOW_LOG_GB_PER_MONTH,
  HOURS_PER_MONTH,
  NEVER_EXPIRING_LOG_MONTHS,
  PROMETHEUS_SAMPLES_PER_REPLICA_MONTH,
} from './cost-assumptions';
import type { LineItems } from './cost-model';

/** Days in an average month (365 / 12), to turn a retention in days into months of stored logs. */
const DAYS_PER_MONTH = 365 / 12;

/** Months of logs a group holds at steady state: its retention, or a year when it never expires. */
export function retainedMonths(retentionDays: number | undefined): number {
  return retentionDays === undefined ? NEVER_EXPIRING_LOG_MONTHS : retentionDays / DAYS_PER_MONTH;
}

/** GB per month of EKS control-plane logs for the enabled log types (EKS_LOG_GB_PER_MONTH). */
export function eksLogGbPerMonth(logTypes: readonly string[]): number {
  return logTypes.reduce((gb, t) => gb + (EKS_LOG_GB_PER_MONTH[t] ?? EKS_LOG_GB_PER_MONTH_OTHER), 0);
}

/** GB per month a Log Analytics workspace ingests: the diagnostic categories, plus container insights per node. */
export function logAnalyticsGbPerMonth(b: Billable, nodes: number): { diagnostics: number; containerInsights: number } {
  const diagnostics = (b.logTypes ?? []).reduce((gb, c) => gb + (AKS_DIAGNOSTIC_GB_PER_MONTH[c] ?? AKS_DIAGNOSTIC_GB_PER_MONTH_OTHER), 0);
  return { diagnostics, containerInsights: b.perNode ? nodes * CONTAINER_INSIGHTS_GB_PER_NODE_MONTH : 0 };
}

/**
 * Usage-priced resources the stacks create: each line states the usage it assumes (the numbers live
 * in cost-assumptions.ts and the report's notes), never a silent zero.
 */
export function priceUsageBillable(li: LineItems, inv: Inventory, b: Billable, workerNodes: number): void {
  switch (b.kind) {
    case 'control-plane-logs': {
      const types = b.logTypes ?? [];
      const gb = eksLogGbPerMonth(types);
      li.add(
        b.address,
        `EKS control-plane logs (${types.join(', ')}): ${gb} GB/month ingested (assumed)`,
        'monitoring',
        false,
        gb,
        li.price('cloudwatch:logs-ingest'),
      );
      return storage(li, b, gb);
    }
    case 'flow-logs': {
      if (b.logDestination === 'cloud-logging') {
        // Cloud Logging keeps _Default bucket logs 30 days at no charge: ingestion only.
        const sampled = Math.round(FLOW_LOG_GB_PER_MONTH * (b.sampling ?? 1) * 1000) / 1000;
        return li.add(
          b.address,
          `VPC flow logs to Cloud Logging: ${sampled} GiB/month ingested (${FLOW_LOG_GB_PER_MONTH} GiB assumed x sampling ${b.sampling ?? 1})`,
          'network',
          false,
          sampled,
          li.price('logging:ingest'),
        );
      }
      const gb = FLOW_LOG_GB_PER_MONTH;
      if (b.logDestination === 's3') {
        li.add(
          b.address,
          `VPC flow logs delivered to S3: ${gb} GB/month (assumed)`,
          'network',
          false,
          gb,
          li.price('s3:vended-logs-delivery'),
        );
        return li.add(
          b.address,
          `VPC flow logs stored in S3 (${gb} GB/month, one month kept)`,
          'storage',
          false,
          gb,
          li.price('s3:standard-storage'),
        );
      }
      li.add(
        b.address,
        `VPC flow logs to CloudWatch Logs: ${gb} GB/month ingested (assumed)`,
        'network',
        false,
        gb,
        li.price('cloudwatch:logs-vended-ingest'),
      );
      return storage(li, b, gb);
    }
    case 'log-analytics-workspace': {
      const { diagnostics, containerInsights } = logAnalyticsGbPerMonth(b, workerNodes + systemNodes(inv));
      const categories = (b.logTypes ?? []).join(', ') || 'none';
      li.add(
        b.address,
        `Log Analytics ingestion, diagnostic categories (${categories}): ${diagnostics} GB/month (assumed)` +
          (b.retentionDays !== undefined && b.retentionDays > 31 ? `; retention beyond 31 days (${b.retentionDays}) not priced` : ''),
        'monitoring',
        false,
        diagnostics,
        li.price('loganalytics:ingest'),
      );
      return li.add(
        b.address,
        `Log Analytics ingestion, container insights: ${containerInsights} GB/month for all nodes (assumed)`,
        'monitoring',
        true,
        containerInsights,
        li.price('loganalytics:ingest'),
      );
    }
    case 'managed-prometheus-workspace': {
      if (inv.workload.monitoring !== 'prometheus') return;
      const samples = inv.workload.replicas * PROMETHEUS_SAMPLES_PER_REPLICA_MONTH;
      return li.add(
        b.address,
        `Amazon Managed Service for Prometheus: ${(samples / 1e6).toFixed(1)} million samples ingested from ${inv.workload.replicas} replicas`,
        'monitoring',
        false,
        samples / 1e7,
        li.price('amp:samples'),
      );
    }
    case 'managed-prometheus-scraper': {
      li.add(
        b.address,
        'Amazon Managed Service for Prometheus collector: hours running',
        'monitoring',
        false,
        HOURS_PER_MONTH * b.quantity,
        li.price('amp:collector-hour'),
      );
      if (inv.workload.monitoring !== 'prometheus') return;
      const samples = inv.workload.replicas * PROMETHEUS_SAMPLES_PER_REPLICA_MONTH;
      return li.add(
        b.address,
        `Amazon Managed Service for Prometheus collector: ${(samples / 1e6).toFixed(1)} million samples collected`,
        'monitoring',
        false,
        samples / 1e7,
        li.price('amp:collector-samples'),
      );
    }
    default:
      throw new Error(`${b.address}: '${b.kind}' is not a usage-priced resource`);
  }
}

function storage(li: LineItems, b: Billable, gbPerMonth: number): void {
  const months = retainedMonths(b.retentionDays);
  const kept =
    b.retentionDays === undefined ? `never expires, ${NEVER_EXPIRING_LOG_MONTHS} months priced` : `${b.retentionDays} days retention`;
  li.add(b.address, `${b.description}: storage (${kept})`, 'storage', false, gbPerMonth * months, li.price('cloudwatch:logs-storage'));
}

function systemNodes(inv: Inventory): number {
  return inv.nodeGroups.filter((g) => g.role === 'system').reduce((n, g) => n + g.desiredNodes, 0);
}
