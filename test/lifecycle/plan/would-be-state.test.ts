import {
  fillUnknowns,
  refineState,
  stateFromPlan,
  subtractResidual,
  type ProviderSchemas,
} from '../../../src/lifecycle/plan/would-be-state';
import type { PlanJson, ResourceChange } from '../../../src/lifecycle/plan/plan-summary';

const AWS = 'registry.terraform.io/hashicorp/aws';
const schemas: ProviderSchemas = {
  provider_schemas: {
    [AWS]: {
      resource_schemas: {
        aws_vpc: { version: 1, block: { attributes: { id: { type: 'string' }, arn: { type: 'string' }, cidr_block: { type: 'string' } } } },
        aws_subnet: {
          version: 1,
          block: { attributes: { id: { type: 'string' }, vpc_id: { type: 'string' }, tags: { type: ['map', 'string'] } } },
        },
        aws_eks_cluster: {
          version: 0,
          block: {
            attributes: {
              id: { type: 'string' },
              endpoint: { type: 'string' },
              certificate_authority: { type: ['list', ['object', { data: 'string' }]] },
              version: { type: 'string' },
            },
            block_types: {
              vpc_config: {
                nesting_mode: 'list',
                block: { attributes: { subnet_ids: { type: ['set', 'string'] }, cluster_security_group_id: { type: 'string' } } },
              },
            },
          },
        },
        aws_launch_template: { version: 0, block: { attributes: { id: { type: 'string' }, latest_version: { type: 'number' } } } },
      },
    },
  },
};

const create = (address: string, after: object, afterUnknown: object, extra: Partial<ResourceChange> = {}): ResourceChange => ({
  address,
  type: address.split('.')[0],
  name: address.split('.')[1].replace(/\[.*$/, ''),
  mode: 'managed',
  provider_name: AWS,
  change: { actions: ['create'], before: null, after, after_unknown: afterUnknown },
  ...extra,
});

describe('fillUnknowns: values only known after apply become realistic fakes of the schema type', () => {
  const block = schemas.provider_schemas![AWS].resource_schemas!.aws_eks_cluster.block;
  const filled = fillUnknowns(
    { version: '1.35', vpc_config: [{ subnet_ids: null }] },
    { id: true, endpoint: true, certificate_authority: true, vpc_config: [{ subnet_ids: true, cluster_security_group_id: true }] },
    block,
    'aws_eks_cluster',
    'aws_eks_cluster.Cluster',
  );
  test('known values are kept as they are', () => expect(filled.version).toBe('1.35'));
  test('an endpoint becomes an https URL', () => expect(filled.endpoint).toMatch(/^https:\/\/[0-9a-f]+\.example\.com$/));
  test('a computed list of objects gets one element, so [0] references resolve', () => {
    expect(filled.certificate_authority).toEqual([{ data: expect.stringMatching(/^fake-/) }]);
  });
  test('unknowns inside nested blocks are filled by their attribute types', () => {
    expect(filled.vpc_config).toEqual([{ subnet_ids: [], cluster_security_group_id: expect.stringMatching(/^sg-[0-9a-f]{17}$/) }]);
  });
  test('fakes are deterministic per address', () => {
    const again = fillUnknowns({}, { id: true }, block, 'aws_eks_cluster', 'aws_eks_cluster.Cluster');
    expect(again.id).toBe(fillUnknowns({}, { id: true }, block, 'aws_eks_cluster', 'aws_eks_cluster.Cluster').id);
  });
});

describe('stateFromPlan', () => {
  const plan: PlanJson = {
    resource_changes: [
      create('aws_vpc.Vpc', { cidr_block: '10.0.0.0/16' }, { id: true, arn: true }),
      create('aws_subnet.Private[0]', { tags: { a: 'b' } }, { id: true, vpc_id: true }, { index: 0 }),
      create('aws_subnet.Private[1]', { tags: { a: 'c' } }, { id: true, vpc_id: true }, { index: 1 }),
      { address: 'data.aws_partition.p', type: 'aws_partition', mode: 'data', change: { actions: ['read'] } },
    ],
  };
  const state = stateFromPlan(plan, schemas);
  test('a version-4 state with one resource per address group and the schema version of each type', () => {
    expect(state.version).toBe(4);
    expect(state.resources.map((r) => `${r.type}.${r.name}:${r.instances.length}`)).toEqual(['aws_vpc.Vpc:1', 'aws_subnet.Private:2']);
    expect(state.resources[0].instances[0].schema_version).toBe(1);
    expect(state.resources[0].provider).toBe(`provider["${AWS}"]`);
  });
  test('ids carry the prefixes the provider validates; counted instances keep their index keys', () => {
    expect(state.resources[0].instances[0].attributes.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(state.resources[1].instances.map((i) => i.index_key)).toEqual([0, 1]);
    expect(state.resources[1].instances[0].attributes.vpc_id).toMatch(/^vpc-/);
  });
  test('data sources are not state', () => expect(state.resources.some((r) => r.type === 'aws_partition')).toBe(false));

  test('refineState takes the provider planned values for what still changes, and only that', () => {
    const vpcId = state.resources[0].instances[0].attributes.id;
    const again: PlanJson = {
      resource_changes: [
        {
          address: 'aws_vpc.Vpc',
          type: 'aws_vpc',
          mode: 'managed',
          provider_name: AWS,
          change: { actions: ['no-op'], before: {}, after: {} },
        },
        {
          address: 'aws_subnet.Private[1]',
          type: 'aws_subnet',
          name: 'Private',
          index: 1,
          mode: 'managed',
          provider_name: AWS,
          change: { actions: ['delete', 'create'], before: {}, after: { vpc_id: vpcId, tags: { a: 'c' } }, after_unknown: { id: true } },
        },
      ],
    };
    const { state: refined, changed } = refineState(state, again, schemas);
    expect(changed).toBe(1);
    expect(refined.serial).toBe(state.serial + 1);
    expect(refined.resources[1].instances[1].attributes.vpc_id).toBe(vpcId);
    expect(refined.resources[1].instances[0]).toBe(state.resources[1].instances[0]);
    expect(refineState(refined, { resource_changes: [again.resource_changes![0]] }, schemas).changed).toBe(0);
  });
});

test('subtractResidual drops a head change only when the base plans exactly the same change', () => {
  const change = (address: string, actions: string[], after: object): ResourceChange => ({
    address,
    type: address.split('.')[0],
    mode: 'managed',
    change: { actions, after },
  });
  const residual: PlanJson = {
    resource_changes: [change('aws_eks_cluster.C', ['update'], { x: 1 }), change('aws_lb.L', ['update'], { y: 1 })],
  };
  const head: PlanJson = {
    resource_changes: [
      change('aws_eks_cluster.C', ['update'], { x: 1 }),
      change('aws_lb.L', ['delete', 'create'], { y: 2 }),
      change('aws_eks_node_group.N', ['create', 'delete'], {}),
    ],
  };
  expect(subtractResidual(head, residual).resource_changes!.map((rc) => rc.address)).toEqual(['aws_lb.L', 'aws_eks_node_group.N']);
});
