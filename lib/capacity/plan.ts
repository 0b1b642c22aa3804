// Capacity plan: manifests + nodes → will every pod be scheduled? Runs the kube-scheduler
// simulation in lib/scheduler over the pods lib/manifests derives from workloads, then the
// three checks of issue #3: totals, every pod placed, and optional N+k headroom.
// Everything here is plain JSON (numbers, strings, arrays): `JSON.stringify(plan)` is the
// stable `--format json` output (no classes, no bigint, no Infinity/NaN).
import type { ManifestSource } from '../manifests/manifest-source';
import type { NodePool } from '../manifests/node-pool';
import type { ManifestObject, Node } from '../scheduler/types';

/** What to do about containers without cpu or memory requests. */
export enum MissingRequestsLevel {
  /** Report as an error problem: the plan does not fit. */
  ERROR = 'error',
  /** Report as a warning problem: the plan can still fit. */
  WARNING = 'warning',
  /** Do not report. */
  IGNORE = 'ignore',
}

/** Which rolling-update surge pods to budget for, on top of the replicas. */
export enum SurgePolicy {
  /** No surge: only the replicas. */
  NONE = 'none',
  /**
   * The surge pods of the single largest rollout (the workload whose surge pods take the largest
   * share of the cluster's allocatable in their dominant resource; ties: first in input order),
   * placed after all other pods, as a rollout on a full cluster.
   */
  LARGEST_ROLLOUT = 'largest-rollout',
  /** The surge pods of every workload at once (all rollouts simultaneously). */
  ALL_ROLLOUTS = 'all-rollouts',
}

export enum ProblemSeverity {
  ERROR = 'error',
  WARNING = 'warning',
}

/** Input of `planCapacity`. Nodes come from `pools`, `nodes`, or both (pools first). */
export interface CapacityPlanInput {
  /**
   * All objects to deploy, in apply order (e.g. synth output or YAML documents). Workloads
   * (Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob, Pod) are scheduled;
   * HorizontalPodAutoscalers and RuntimeClasses are read; every other kind is ignored.
   * `kind: List` objects are flattened.
   */
  readonly manifests: readonly ManifestObject[];
  /**
   * Origin of each manifest, same index as `manifests` (for messages).
   * @default - no source in messages
   */
  readonly sources?: readonly (ManifestSource | undefined)[];
  /**
   * Node pools, expanded into `<pool>-1..N` nodes.
   * @default - no pools
   */
  readonly pools?: readonly NodePool[];
  /**
   * Real Node objects (`kubectl get nodes -o yaml`; `kind: List` objects are flattened).
   * @default - no Node objects
   */
  readonly nodes?: readonly Node[];
  /**
   * Node label whose value names the pool of a real Node object (pools group the report and
   * the headroom check).
   * @default - the first present of `cdk8s-appkit.io/pool`, `eks.amazonaws.com/nodegroup`,
   * `cloud.google.com/gke-nodepool`, `kubernetes.azure.com/agentpool`, `karpenter.sh/nodepool`,
   * `node.kubernetes.io/instance-type`; else the pool is named `nodes`
   */
  readonly poolLabel?: string;
  /**
   * N+k: also check that everything fits when the k largest nodes of a pool are lost (one
   * scenario per pool; largest = most allocatable cpu, then memory, then last by name).
   * @default 0 - no headroom check
   */
  readonly headroom?: number;
  /**
   * Rolling-update surge to budget for.
   * @default SurgePolicy.LARGEST_ROLLOUT
   */
  readonly surge?: SurgePolicy;
  /**
   * Containers without cpu or memory requests (after API defaulting: limits-only counts).
   * @default MissingRequestsLevel.ERROR
   */
  readonly missingRequests?: MissingRequestsLevel;
}

/** One resource's requested vs allocatable (cluster, pool or node). */
export interface ResourceUsage {
  /** `cpu`, `memory`, `ephemeral-storage`, `hugepages-2Mi`, `nvidia.com/gpu`, `pods`. */
  readonly resource: string;
  /**
   * Sum of the requests of the pods counted here, in scheduler units: millicores for `cpu`,
   * else the integer value (bytes for memory/storage, count for pods and extended resources).
   * Cluster/pool totals count every budgeted pod (placed or not); node figures count pods placed.
   */
  readonly requested: number;
  /** Allocatable in the same units. */
  readonly allocatable: number;
  /** `requested` as a Kubernetes quantity string: `1500m`, `3Gi`, `12`. */
  readonly requestedText: string;
  /** `allocatable` as a Kubernetes quantity string. */
  readonly allocatableText: string;
  /** requested / allocatable × 100, one decimal; null when allocatable is 0. */
  readonly percent: number | null;
  /** requested ≤ allocatable. */
  readonly fits: boolean;
}

/** One node after the simulation. */
export interface NodePlan {
  /** Node name (`general-1`, or `metadata.name` of a Node object). */
  readonly name: string;
  /** Pool name. */
  readonly pool: string;
  /** Pods placed here, in placement order, e.g. `shop/storefront-5`. */
  readonly pods: string[];
  /** Per resource: requests of the pods placed here vs the node's allocatable. */
  readonly usage: ResourceUsage[];
  /** `spec.unschedulable` (cordoned). */
  readonly unschedulable: boolean;
}

/** One pool (or group of real nodes) after the simulation. */
export interface PoolPlan {
  readonly name: string;
  readonly nodeCount: number;
  /** Per resource: requests of the pods placed in this pool vs the pool's allocatable. */
  readonly usage: ResourceUsage[];
  /** Its nodes, in input order. */
  readonly nodes: NodePlan[];
}

/** One workload and the pods budgeted for it. */
export interface WorkloadPlan {
  /** `Deployment`, `StatefulSet`, `ReplicaSet`, `DaemonSet`, `Job`, `CronJob`, `Pod`. */
  readonly kind: string;
  /** Namespace (`default` when not set). */
  readonly namespace: string;
  readonly name: string;
  /** `shop/storefront`. */
  readonly id: string;
  /** Where it came from. @default - unknown */
  readonly source?: ManifestSource;
  /** Pods budgeted besides surge (DaemonSet: number of eligible nodes). */
  readonly replicas: number;
  /**
   * Why that many: `spec.replicas`, `spec.replicas (default 1)`,
   * `HorizontalPodAutoscaler shop/storefront maxReplicas`, `one per eligible node (3 of 4)`,
   * `spec.parallelism`, `spec.jobTemplate.spec.parallelism`, `bare Pod`.
   */
  readonly replicasSource: string;
  /** Surge pods budgeted (0 when none). */
  readonly surge: number;
  /**
   * Why: `+1 surge (maxSurge 25%)`; '' when no surge is budgeted (`Recreate`, StatefulSet,
   * DaemonSet with maxSurge 0, or not the largest rollout under LARGEST_ROLLOUT).
   */
  readonly surgeSource: string;
  /** Requests of one pod (podRequests, incl. RuntimeClass overhead), as quantity strings. */
  readonly podRequests: Record<string, string>;
  /** Pods placed / not placed (replicas + surge). */
  readonly placed: number;
  readonly unplaced: number;
}

/** How many nodes failed with one reason. */
export interface ReasonCount {
  /** Upstream wording: `Insufficient cpu`, `node(s) had untolerated taint {dedicated: gpu}`. */
  readonly reason: string;
  readonly count: number;
}

/** A pod no node could take. */
export interface UnplacedPod {
  /** `shop/storefront-5` (StatefulSet: real ordinal `shop/db-0`). */
  readonly pod: string;
  /** `Deployment shop/storefront`. */
  readonly workload: string;
  /** A surge pod (rollout), not a replica. */
  readonly surge: boolean;
  /**
   * The scheduler's message:
   * `shop/storefront (Deployment, replica 5 of 6): 0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.`
   */
  readonly message: string;
  /** The histogram in the message, in the message's order. */
  readonly reasons: ReasonCount[];
}

/** N+k: the simulation rerun without the k largest nodes of one pool. */
export interface HeadroomPlan {
  readonly pool: string;
  /** k as asked (capped at the pool size). */
  readonly nodesLost: number;
  /** Names of the nodes removed. */
  readonly lostNodes: string[];
  /** Totals and placement both pass without them. */
  readonly fits: boolean;
  /** Cluster totals without those nodes. */
  readonly usage: ResourceUsage[];
  readonly unplaced: UnplacedPod[];
}

/** Input that is legal but worth reporting (missing requests, HPA without target, …). */
export interface PlanProblem {
  readonly severity: ProblemSeverity;
  /** `Deployment shop/storefront`. */
  readonly object: string;
  /** @default - unknown */
  readonly source?: ManifestSource;
  /** `spec.template.spec.containers[0].resources.requests` (manifest path). @default - whole object */
  readonly field?: string;
  readonly message: string;
}

/** Result of `planCapacity`; plain JSON. */
export interface CapacityPlan {
  /** Shape version of this JSON. */
  readonly version: 1;
  /** All checks passed: totals fit, every pod placed, headroom fits, no error problems. */
  readonly fits: boolean;
  /**
   * One line per failure, ready for `addValidation` / CLI output: over-committed totals,
   * each unplaced pod's message, headroom failures, error problems.
   */
  readonly failures: string[];
  /** Resources reported, in order: cpu, memory, ephemeral-storage, hugepages-*, extended (sorted), pods. */
  readonly resources: string[];
  /** Check 1: cluster totals per resource (all budgeted pods vs all nodes). */
  readonly usage: ResourceUsage[];
  /** Per pool, with its nodes. */
  readonly pools: PoolPlan[];
  /** Per workload, in input order. */
  readonly workloads: WorkloadPlan[];
  /** Check 2: pods not placed, in scheduling order. */
  readonly unplaced: UnplacedPod[];
  /** Check 3: one entry per pool when `headroom` > 0. */
  readonly headroom: HeadroomPlan[];
  readonly problems: PlanProblem[];
  /** Settings used (defaults resolved). */
  readonly settings: {
    readonly headroom: number;
    readonly surge: SurgePolicy;
    readonly missingRequests: MissingRequestsLevel;
  };
}

/**
 * Simulate kube-scheduler placing every budgeted pod of `input.manifests` onto the nodes and
 * check the result. Throws `ManifestError` on invalid input (bad quantity, bad pool), naming
 * the source, object and field.
 */
export function planCapacity(input: CapacityPlanInput): CapacityPlan {
  void input;
  throw new Error('planCapacity: not implemented yet');
}
