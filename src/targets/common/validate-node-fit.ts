import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { ValidationProblem } from '../../spec/validation-error';
import type { ClusterTarget } from '../cluster-target';

/**
 * A pod whose requests exceed one node's allocatable capacity stays Pending forever. Every
 * target runs this check with its own instance types and reservations.
 */
export function validateRequestsFitNodes(
  spec: ResolvedAppSpec,
  target: Pick<ClusterTarget, 'id' | 'instanceType' | 'nodeAllocatable'>,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const { requests } = spec.workload;
  const largest = spec.cluster.nodePools
    .map((pool, index) => ({ pool, index, alloc: target.nodeAllocatable(target.instanceType(pool.sizeClass)) }))
    .sort((a, b) => b.alloc.memoryMiB - a.alloc.memoryMiB || b.alloc.cpuMillicores - a.alloc.cpuMillicores)[0];
  if (!largest) return problems;
  const where = `one node of cluster.nodePools[${largest.index}].sizeClass (${largest.pool.sizeClass}, ${target.instanceType(largest.pool.sizeClass)}) on ${target.id}`;
  if (requests.cpuMillicores > largest.alloc.cpuMillicores) {
    problems.push({
      path: 'workload.resources.requests.cpuMillicores',
      value: requests.cpuMillicores,
      requirement: `must fit on ${where}: at most ${largest.alloc.cpuMillicores} allocatable`,
    });
  }
  if (requests.memoryMiB > largest.alloc.memoryMiB) {
    problems.push({
      path: 'workload.resources.requests.memoryMiB',
      value: requests.memoryMiB,
      requirement: `must fit on ${where}: at most ${largest.alloc.memoryMiB} allocatable`,
    });
  }
  return problems;
}
