import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { TagAspect } from '../../../src/targets/common/tag-aspect';
import { resourcesOfType, synthTerraform } from '../../util';

const TAGS = { project: 'orquesta', 'orquesta-cluster': 'c1' };

function stackWithAspect(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'tagged');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  Aspects.of(stack).add(new TagAspect(TAGS));
  return stack;
}

test('tags a resource that sets none, keeps its own tags, and wins on a shared key', () => {
  const stack = stackWithAspect();
  new ResourceGroup(stack, 'Plain', { name: 'rg-a', location: 'eastus' });
  new ResourceGroup(stack, 'Own', { name: 'rg-b', location: 'eastus', tags: { team: 'payments', project: 'other' } });
  const groups = resourcesOfType(synthTerraform(stack).json, 'azurerm_resource_group');
  expect(groups.map((g) => [g.name, g.tags])).toEqual([
    ['rg-b', { team: 'payments', project: 'orquesta', 'orquesta-cluster': 'c1' }],
    ['rg-a', TAGS],
  ]);
});

test('leaves resources without a tags argument alone, at any depth of the tree', () => {
  const stack = stackWithAspect();
  const rg = new ResourceGroup(stack, 'Rg', { name: 'rg-a', location: 'eastus' });
  new Subnet(stack, 'Subnet', { name: 's', resourceGroupName: rg.name, virtualNetworkName: 'v', addressPrefixes: ['10.0.0.0/24'] });
  const { json } = synthTerraform(stack);
  expect(resourcesOfType(json, 'azurerm_subnet')[0].tags).toBeUndefined();
});

test('tags given as a token are merged at plan time', () => {
  const stack = stackWithAspect();
  const rg = new ResourceGroup(stack, 'Rg', { name: 'rg-a', location: 'eastus' });
  new UserAssignedIdentity(stack, 'Id', { name: 'id', resourceGroupName: rg.name, location: rg.location, tags: rg.tags });
  const [identity] = resourcesOfType(synthTerraform(stack).json, 'azurerm_user_assigned_identity');
  expect(identity.tags).toMatch(/^\$\{merge\(azurerm_resource_group\.Rg\.tags, \{.*"orquesta-cluster" = "c1".*\}\)\}$/);
});

test('addOverride applies after the aspect: the documented escape hatch for one tag of one resource', () => {
  const stack = stackWithAspect();
  const rg = new ResourceGroup(stack, 'Rg', { name: 'rg-a', location: 'eastus' });
  rg.addOverride('tags.project', 'shared-services');
  expect(resourcesOfType(synthTerraform(stack).json, 'azurerm_resource_group')[0].tags).toEqual({
    project: 'shared-services',
    'orquesta-cluster': 'c1',
  });
});
