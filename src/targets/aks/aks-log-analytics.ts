import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { AKS_LOG_ANALYTICS_SKU, AKS_LOG_RETENTION_DAYS } from './aks-defaults';

export interface AksLogAnalyticsProps {
  /** The cluster name; the workspace is `log-<name>`. */
  readonly name: string;
  readonly resourceGroup: ResourceGroup;
  /** @default AKS_LOG_RETENTION_DAYS (30) */
  readonly retentionInDays?: number;
}

/**
 * The Log Analytics workspace the cluster's logs land in: control-plane audit logs from the
 * diagnostic setting and container logs from the monitoring add-on (`AksClusterLogs`). Pay-as-you-go
 * per GB ingested, 30 days retention. Local (shared-key) authentication is off: the agents and the
 * diagnostic pipeline authenticate with Microsoft Entra ID (the add-on runs with MSI auth).
 * Source: https://learn.microsoft.com/azure/azure-monitor/logs/azure-ad-authentication-logs (2026-11).
 */
export class AksLogAnalytics extends Construct {
  public readonly workspace: LogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: AksLogAnalyticsProps) {
    super(scope, id);
    this.workspace = new LogAnalyticsWorkspace(this, 'Resource', {
      name: `log-${props.name}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
      sku: AKS_LOG_ANALYTICS_SKU,
      retentionInDays: props.retentionInDays ?? AKS_LOG_RETENTION_DAYS,
      localAuthenticationEnabled: false,
    });
  }
}
