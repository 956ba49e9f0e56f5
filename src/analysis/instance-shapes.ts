import type { InstanceShape } from '../targets/common/instance-catalog';
import { AZURE_INSTANCE_CATALOG } from '../targets/aks/instance-types';
import { AWS_INSTANCE_CATALOG } from '../targets/eks/instance-types';
import { GCP_INSTANCE_CATALOG } from '../targets/gke/instance-types';
import type { CloudName } from './cost/catalog/price-fact';

const CATALOGS = { aws: AWS_INSTANCE_CATALOG, gcp: GCP_INSTANCE_CATALOG, azure: AZURE_INSTANCE_CATALOG } as const;

/** vCPU and memory of an instance type found in synthesized output; unknown types are an error naming the known ones. */
export function instanceShapeOf(cloud: CloudName, instanceType: string): InstanceShape {
  const shape = CATALOGS[cloud].shapes[instanceType];
  if (!shape) {
    throw new Error(`unknown ${cloud} instance type '${instanceType}'; known: ${Object.keys(CATALOGS[cloud].shapes).join(', ')}`);
  }
  return shape;
}
