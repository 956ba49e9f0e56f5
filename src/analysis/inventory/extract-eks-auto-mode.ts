import type { Billable, NodeGroup } from './inventory';
import { type TfIndex, block, list, num, str } from './terraform-json';

/**
 * EKS Auto Mode nodes are launched by Auto Mode, not by Terraform: the stack describes the
 * NodePools it applies in the output `auto_mode_node_pools` (see `eksAutoModePools`), and this
 * reads them back as node groups, plus one `eks-auto-mode-fee` billable per pool: Auto Mode charges
 * a management fee per instance, by instance type, on top of the EC2 price
 * (https://aws.amazon.com/eks/pricing/, 2026-11), so the fee scales with the pool's node count.
 *
 * Returns nothing for a cluster without `compute_config.enabled`.
 */
export function extractEksAutoMode(tf: TfIndex): { nodeGroups: NodeGroup[]; billables: Billable[] } {
  const cluster = tf.ofType('aws_eks_cluster')[0];
  if (!cluster || block(cluster.body.compute_config)?.enabled !== true) return { nodeGroups: [], billables: [] };
  const pools = list(tf.json.output?.auto_mode_node_pools?.value);
  if (pools.length === 0) throw new Error(`${cluster.address}: EKS Auto Mode is on but the stack has no auto_mode_node_pools output`);
  const nodeGroups = pools.map((raw, i): NodeGroup => {
    const p = raw as Record<string, unknown>;
    const what = `output.auto_mode_node_pools[${i}]`;
    const pool = str(p.pool, `${what}.pool`);
    return {
      address: `${cluster.address}/NodePool/${pool}`,
      pool,
      role: 'worker',
      instanceType: str(list(p.instanceTypes)[0], `${what}.instanceTypes[0]`),
      zones: list(p.zones).map((z, j) => str(z, `${what}.zones[${j}]`)),
      minNodes: num(p.minNodes, `${what}.minNodes`),
      desiredNodes: num(p.desiredNodes, `${what}.desiredNodes`),
      maxNodes: num(p.maxNodes, `${what}.maxNodes`),
      rootVolume: { type: 'gp3', sizeGiB: num(p.rootVolumeGiB, `${what}.rootVolumeGiB`) },
    };
  });
  const billables = nodeGroups.map(
    (g): Billable => ({
      address: g.address,
      kind: 'eks-auto-mode-fee',
      description: `EKS Auto Mode management fee, ${g.instanceType} nodes of pool ${g.pool}`,
      quantity: 1,
      perNode: true,
      pool: g.pool,
      instanceType: g.instanceType,
    }),
  );
  return { nodeGroups, billables };
}
