import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { MonitorWorkspace } from '@cdktf/provider-azurerm/lib/monitor-workspace';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import type { AksCluster } from './aks-cluster';

/** The stream the managed Prometheus agent (ama-metrics) forwards scraped samples on. */
const PROMETHEUS_STREAM = 'Microsoft-PrometheusMetrics';
const WORKSPACE_DESTINATION = 'MonitoringAccount1';

export interface AksManagedPrometheusProps {
  /** A cluster built with `monitorMetricsEnabled: true` (which deploys the ama-metrics agent). */
  readonly cluster: AksCluster;
  readonly resourceGroup: ResourceGroup;
  /** Prefix of the resource names (the cluster name, at most 30 characters: names stay under 44). */
  readonly name: string;
}

/**
 * Azure Monitor managed service for Prometheus: an Azure Monitor workspace that stores the
 * metrics, and the data collection endpoint, rule and rule association that route what the
 * cluster's ama-metrics agent scrapes (including `azmonitoring.coreos.com` ServiceMonitors, whose
 * CRD the agent installs) into that workspace. This is the wiring the Azure CLI and portal create
 * when managed Prometheus is enabled on a cluster.
 * Source: https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable (2026-11).
 */
export class AksManagedPrometheus extends Construct {
  public readonly workspace: MonitorWorkspace;
  public readonly endpoint: MonitorDataCollectionEndpoint;
  public readonly rule: MonitorDataCollectionRule;
  public readonly association: MonitorDataCollectionRuleAssociation;

  constructor(scope: Construct, id: string, props: AksManagedPrometheusProps) {
    super(scope, id);
    const rg = props.resourceGroup;
    this.workspace = new MonitorWorkspace(this, 'Resource', {
      name: `amw-${props.name}`,
      resourceGroupName: rg.name,
      location: rg.location,
    });
    this.endpoint = new MonitorDataCollectionEndpoint(this, 'Endpoint', {
      name: `dce-${props.name}-prom`,
      resourceGroupName: rg.name,
      location: rg.location,
      kind: 'Linux',
    });
    this.rule = new MonitorDataCollectionRule(this, 'Rule', {
      name: `dcr-${props.name}-prom`,
      resourceGroupName: rg.name,
      location: rg.location,
      kind: 'Linux',
      dataCollectionEndpointId: this.endpoint.id,
      description: `Routes the managed Prometheus metrics of AKS cluster ${props.name} to its Azure Monitor workspace`,
      destinations: { monitorAccount: [{ monitorAccountId: this.workspace.id, name: WORKSPACE_DESTINATION }] },
      dataFlow: [{ streams: [PROMETHEUS_STREAM], destinations: [WORKSPACE_DESTINATION] }],
      dataSources: { prometheusForwarder: [{ name: 'PrometheusDataSource', streams: [PROMETHEUS_STREAM] }] },
    });
    this.association = new MonitorDataCollectionRuleAssociation(this, 'Association', {
      name: `dcra-${props.name}-prom`,
      targetResourceId: props.cluster.resource.id,
      dataCollectionRuleId: this.rule.id,
      description: 'Deleting this association stops managed Prometheus collection for the cluster.',
    });
  }
}
