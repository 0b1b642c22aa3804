// Node pools: a short way to describe N identical nodes instead of writing Node objects.
import type { ResourceList, Taint } from '../scheduler/types';

/**
 * N identical nodes. Expanded into Node objects named `<name>-1` … `<name>-<count>`, each
 * labelled `kubernetes.io/hostname: <node name>` like a real kubelet registers it.
 */
export interface NodePool {
  /** Pool name (also the node name prefix). */
  readonly name: string;
  /** Number of nodes in the pool (≥ 0). */
  readonly count: number;
  /**
   * What each node offers to pods (`status.allocatable`).
   * @default - `capacity` minus `reserved`; one of `allocatable` / `capacity` is required
   */
  readonly allocatable?: ResourceList;
  /**
   * Machine size of each node (`status.capacity`).
   * @default - same as `allocatable`
   */
  readonly capacity?: ResourceList;
  /**
   * kube-reserved + system-reserved + hard eviction threshold, subtracted from `capacity`
   * to give `allocatable` (ignored when `allocatable` is given).
   * @default - nothing reserved
   */
  readonly reserved?: ResourceList;
  /**
   * Node labels (`kubernetes.io/hostname` is always set to the node name).
   * @default - only `kubernetes.io/hostname`
   */
  readonly labels?: Record<string, string>;
  /**
   * Zones the nodes are spread over, round robin: node i gets
   * `topology.kubernetes.io/zone: zones[(i - 1) % zones.length]` (what a cloud node group
   * spanning zones does), so zone headroom and zone topology spread see real zones.
   * @default - no zone label (unless `labels` sets one)
   */
  readonly zones?: string[];
  /**
   * Node taints (`spec.taints`).
   * @default - no taints
   */
  readonly taints?: Taint[];
  /**
   * Pods per node (`pods` in allocatable); wins over a `pods` entry in allocatable/capacity.
   * @default - `pods` from allocatable/capacity, else 110 (kubelet's default `--max-pods`)
   */
  readonly maxPods?: number;
}
