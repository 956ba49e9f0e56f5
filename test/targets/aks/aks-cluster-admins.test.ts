import { Testing } from 'cdktf';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import { AksStack } from '../../../src/targets/aks/aks-stack';
import { TEST_NOW, exampleSpec, resourcesOfType, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

function adminAssignments(spec: ResolvedAppSpec) {
  const { json } = synthTerraform(new AksStack(Testing.app(), { spec, options: { now: TEST_NOW } }));
  const [clusterId] = Object.keys(json.resource.azurerm_kubernetes_cluster);
  const [configId] = Object.keys(json.data.azurerm_client_config);
  const admins = resourcesOfType(json, 'azurerm_role_assignment').filter(
    (a) => a.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin',
  );
  return {
    admins,
    clusterRef: `\${azurerm_kubernetes_cluster.${clusterId}.id}`,
    deployerRef: `\${data.azurerm_client_config.${configId}.object_id}`,
  };
}

test('the identity that runs terraform is cluster admin, so deploy can use kubectl with local accounts disabled', () => {
  const { admins, clusterRef, deployerRef } = adminAssignments(exampleSpec());
  expect(admins).toEqual([
    { scope: clusterRef, role_definition_name: 'Azure Kubernetes Service RBAC Cluster Admin', principal_id: deployerRef },
  ]);
});

test('plus one assignment per spec.cluster.aks.adminGroupObjectIds entry, as a Group principal', () => {
  const groups = ['0b1f7a52-7c4e-4a5e-9a59-2a8d6c1e4f10', 'c3d2e1f0-1234-4abc-8def-0123456789ab'];
  const { admins, clusterRef, deployerRef } = adminAssignments(withCluster({ aks: { adminGroupObjectIds: groups } }));
  expect(admins).toHaveLength(3);
  expect(admins).toContainEqual({
    scope: clusterRef,
    role_definition_name: 'Azure Kubernetes Service RBAC Cluster Admin',
    principal_id: deployerRef,
  });
  for (const group of groups) {
    expect(admins).toContainEqual({
      scope: clusterRef,
      role_definition_name: 'Azure Kubernetes Service RBAC Cluster Admin',
      principal_id: group,
      principal_type: 'Group',
    });
  }
});

test('a group listed twice gets one assignment', () => {
  const group = '0b1f7a52-7c4e-4a5e-9a59-2a8d6c1e4f10';
  const { admins } = adminAssignments(withCluster({ aks: { adminGroupObjectIds: [group, group] } }));
  expect(admins.filter((a) => a.principal_id === group)).toHaveLength(1);
});
