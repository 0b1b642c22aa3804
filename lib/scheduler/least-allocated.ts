// NodeResourcesFit score, LeastAllocated strategy (the default: cpu and memory, weight 1 each).
// Ports (Kubernetes v1.27):
//   pkg/scheduler/framework/plugins/noderesources/least_allocated.go (leastResourceScorer, leastRequestedScore)
//   pkg/scheduler/framework/plugins/noderesources/resource_allocation.go (score: resources with 0 allocatable skipped)
//   pkg/scheduler/framework/plugins/noderesources/resource_allocation.go calculatePodResourceRequest (non-zero defaults)
// Scores are int64 in Go; here they stay integers below 2^53 (checked), and `/` is Go's truncating division.
import { NON_ZERO_DEFAULT_REQUESTS, podRequests } from './pod-requests';
import type { PodSpec } from './types';

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;
/**
 * Go int64 division for non-negative integers. Exact for a < 2^53: fl(a/b) can only round up to
 * an integer k when k·b > 2^53.
 */
function div(a: number, b: number): number {
  if (a <= Number.MAX_SAFE_INTEGER) return Math.trunc(a / b);
  return Number(BigInt(a) / BigInt(b));
}

/** leastRequestedScore: (capacity − requested) × 100 / capacity; 0 when over capacity or capacity 0. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) return 0;
  const numerator = (capacity - requested) * MAX_NODE_SCORE;
  if (numerator > Number.MAX_SAFE_INTEGER) {
    return Number((BigInt(capacity - requested) * BigInt(MAX_NODE_SCORE)) / BigInt(capacity));
  }
  return div(numerator, capacity);
}

/**
 * leastResourceScorer: weighted mean of leastRequestedScore over resources whose allocatable is
 * non-zero (resource_allocation.go leaves those entries 0 and the scorer skips them).
 */
export function leastAllocatedScore(requested: readonly number[], allocatable: readonly number[], weights: readonly number[]): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    nodeScore += leastRequestedScore(requested[i], allocatable[i]) * weights[i];
    weightSum += weights[i];
  }
  if (weightSum === 0) return 0;
  return div(nodeScore, weightSum);
}

/**
 * The default LeastAllocated score of one node for cpu and memory (weight 1 each), from the
 * node's non-zero requested totals plus the pod's non-zero request.
 */
export function leastAllocatedCpuMemoryScore(
  nodeNonZeroMilliCpu: number,
  nodeNonZeroMemory: number,
  allocatableMilliCpu: number,
  allocatableMemory: number,
  podNonZeroMilliCpu: number,
  podNonZeroMemory: number,
): number {
  let nodeScore = 0;
  let weightSum = 0;
  if (allocatableMilliCpu !== 0) {
    nodeScore += leastRequestedScore(nodeNonZeroMilliCpu + podNonZeroMilliCpu, allocatableMilliCpu);
    weightSum += 1;
  }
  if (allocatableMemory !== 0) {
    nodeScore += leastRequestedScore(nodeNonZeroMemory + podNonZeroMemory, allocatableMemory);
    weightSum += 1;
  }
  return weightSum === 0 ? 0 : div(nodeScore, weightSum);
}

/** A pod's cpu (millicores) and memory (bytes) as scoring counts them (NodeInfo.NonZeroRequested). */
export interface NonZeroRequests {
  readonly milliCPU: number;
  readonly memory: number;
}

/**
 * `calculatePodResourceRequest` for cpu and memory: PodRequests with NonMissingContainerRequests
 * (100m cpu / 200Mi memory for a container that does not request them; an explicit 0 stays 0),
 * overhead included.
 */
export function nonZeroRequests(spec: PodSpec): NonZeroRequests {
  const requests = podRequests(spec, { nonMissingContainerRequests: NON_ZERO_DEFAULT_REQUESTS });
  return {
    milliCPU: requests.cpu ? Number(requests.cpu.milliValue()) : 0,
    memory: requests.memory ? Number(requests.memory.value()) : 0,
  };
}
