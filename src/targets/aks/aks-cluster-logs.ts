import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import type { AksCluster } from './aks-cluster';
import {
  AKS_CONTAINER_INSIGHTS_INTERVAL,
  AKS_CONTAINER_INSIGHTS_STREAMS,
  AKS_CONTROL_PLANE_LOG_CATEGORIES,
  AKS_DIAGNOSTIC_DESTINATION_TYPE,
} from './aks-defaults';
import type { AksLogAnalytics } from './aks-log-analytics';

const WORKSPACE_DESTINATION = 'LogAnalytics1';

export interface AksClusterLogsProps {
  /** A cluster built with `logAnalytics` (its monitoring add-on sends there). */
  readonly cluster: AksCluster;
  readonly logAnalytics: AksLogAnalytics;
  readonly resourceGroup: ResourceGroup;
  /** Prefix of the resource names (the cluster name). */
  readonly name: string;
}

/**
 * What turns the workspace into the cluster's audit trail and log store:
 * - a diagnostic setting on the cluster shipping `kube-audit-admin` and `guard` (who changed what,
 *   and every Entra ID / Azure RBAC authorization decision) to resource-specific tables, the
 *   counterpart of EKS control-plane audit logging;
 * - the data collection rule the monitoring add-on (ama-logs, MSI auth) reads, with the
 *   ContainerInsights extension and the "Logs and Events" streams, and its association with the
 *   cluster. With MSI auth the add-on collects nothing until such a rule is associated; the Azure
 *   CLI creates the same pair (`MSCI-<region>-<cluster>`) when it enables the add-on.
 * Sources: https://learn.microsoft.com/azure/aks/monitor-aks#aks-control-planeresource-logs,
 * https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable (2026-11).
 */
export class AksClusterLogs extends Construct {
  public readonly diagnosticSetting: MonitorDiagnosticSetting;
  public readonly containerInsightsRule: MonitorDataCollectionRule;
  public readonly containerInsightsAssociation: MonitorDataCollectionRuleAssociation;

  constructor(scope: Construct, id: string, props: AksClusterLogsProps) {
    super(scope, id);
    const rg = props.resourceGroup;
    const workspaceId = props.logAnalytics.workspace.id;
    this.diagnosticSetting = new MonitorDiagnosticSetting(this, 'Resource', {
      name: `diag-${props.name}-control-plane`,
      targetResourceId: props.cluster.resource.id,
      logAnalyticsWorkspaceId: workspaceId,
      logAnalyticsDestinationType: AKS_DIAGNOSTIC_DESTINATION_TYPE,
      enabledLog: AKS_CONTROL_PLANE_LOG_CATEGORIES.map((category) => ({ category })),
    });
    this.containerInsightsRule = new MonitorDataCollectionRule(this, 'ContainerInsightsRule', {
      name: `dcr-${props.name}-logs`,
      resourceGroupName: rg.name,
      location: rg.location,
      kind: 'Linux',
      description: `Container logs, Kubernetes events and pod inventory of AKS cluster ${props.name} (Container insights)`,
      destinations: { logAnalytics: [{ name: WORKSPACE_DESTINATION, workspaceResourceId: workspaceId }] },
      dataFlow: [{ streams: [...AKS_CONTAINER_INSIGHTS_STREAMS], destinations: [WORKSPACE_DESTINATION] }],
      dataSources: {
        extension: [
          {
            name: 'ContainerInsightsExtension',
            extensionName: 'ContainerInsights',
            streams: [...AKS_CONTAINER_INSIGHTS_STREAMS],
            extensionJson: JSON.stringify({
              dataCollectionSettings: {
                interval: AKS_CONTAINER_INSIGHTS_INTERVAL,
                namespaceFilteringMode: 'Off',
                enableContainerLogV2: true,
              },
            }),
          },
        ],
      },
    });
    this.containerInsightsAssociation = new MonitorDataCollectionRuleAssociation(this, 'ContainerInsightsAssociation', {
      name: `dcra-${props.name}-logs`,
      targetResourceId: props.cluster.resource.id,
      dataCollectionRuleId: this.containerInsightsRule.id,
      description: 'Deleting this association stops Container insights log collection for the cluster.',
    });
  }
}
