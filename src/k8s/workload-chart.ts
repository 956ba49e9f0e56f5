import { Chart, type ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { ResolvedWorkload } from '../spec/resolved-spec';
import type { K8sAdaptation } from './k8s-adaptation';
import { standardLabels } from './labels';
import { createExposure } from './workload-exposure';
import { clusterScoped, createNamespace } from './workload-namespace';
import { createNetworkPolicy } from './workload-network-policy';
import { createAutoscaler, createDisruptionBudget, createMonitor } from './workload-policies';
import { createWorkloadPods } from './workload-pods';

export interface WorkloadChartProps extends ChartProps {
  readonly workload: ResolvedWorkload;
  /** What the target changes: annotations, classes, identity, selectors. */
  readonly adaptation: K8sAdaptation;
}

/**
 * Everything the workload needs in the cluster, from one spec, for any target. Targets change
 * it only through their `K8sAdaptation`. Escape hatch: `chart.pods` and `ApiObject.of(...)`
 * reach the underlying objects for `addJsonPatch`.
 */
export class WorkloadChart extends Chart {
  public readonly pods: kplus.Deployment | kplus.StatefulSet;

  constructor(scope: Construct, id: string, props: WorkloadChartProps) {
    super(scope, id, {
      ...props,
      // Every namespaced object lands in the workload's own namespace (cluster-scoped ones opt out).
      namespace: props.workload.namespace,
      labels: { ...props.adaptation.commonLabels, ...props.labels },
      disableResourceNameHashes: true,
    });
    const { workload, adaptation } = props;
    // First, so `kubectl apply` of the file creates it before anything that lives in it.
    createNamespace(this, workload, adaptation);
    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: {
        name: workload.name,
        labels: standardLabels(workload),
        annotations: { ...adaptation.serviceAccountAnnotations },
      },
      automountToken: workload.needsKubernetesApi,
    });
    const configMap =
      Object.keys(workload.config).length > 0
        ? new kplus.ConfigMap(this, 'Config', {
            metadata: { name: `${workload.name}-config`, labels: standardLabels(workload) },
            data: { ...workload.config },
          })
        : undefined;
    this.pods = createWorkloadPods(this, { workload, adaptation, serviceAccount, configMap });
    createExposure(this, workload, adaptation);
    createAutoscaler(this, workload, this.pods);
    createDisruptionBudget(this, workload);
    createNetworkPolicy(this, workload, adaptation);
    if (workload.volume && adaptation.storageClass) {
      const storageClass = new kplus.k8s.KubeStorageClass(this, 'StorageClass', {
        metadata: { name: adaptation.storageClassName },
        provisioner: adaptation.storageClass.provisioner,
        parameters: { ...adaptation.storageClass.parameters },
        // Bind in the zone the pod lands in; Immediate binding strands pods in the wrong zone.
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
        reclaimPolicy: 'Delete',
      });
      clusterScoped(storageClass);
    }
    createMonitor(this, workload, adaptation);
  }
}
