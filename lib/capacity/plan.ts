// Capacity plan: manifests + nodes → will every pod be scheduled? Runs the kube-scheduler
// simulation in lib/scheduler over the pods lib/manifests derives from workloads, then the
// three checks: totals fit, every pod placed, and optional N+k headroom.
// Everything here is plain JSON (numbers, strings, arrays): `JSON.stringify(plan)` is the
// stable `--format json` output (no classes, no bigint, no Infinity/NaN).
import { ManifestError } from '../manifests/manifest-error';
import { describeSource, ManifestSource } from '../manifests/manifest-source';
import type { NodePool } from '../manifests/node-pool';
import { flattenNodes, nodesFromPools, PoolNode, poolOfNode, ZONE_LABEL } from '../manifests/nodes';
import { ProblemSeverity } from '../manifests/problem';
import { DEFAULT_NAMESPACE, NotCountedObject, Workload, WorkloadSet, workloadsOf } from '../manifests/workloads';
import { addElidedNodes, elidePools } from './large-pools';
import { affinityTerm } from '../scheduler/inter-pod-affinity';
import { InvalidSelectorError, labelSelectorMatcher } from '../kubernetes/label-selector';
import { nonZeroRequests } from '../scheduler/least-allocated';
import { hardSpreadConstraints } from '../scheduler/pod-topology-spread';
import { addResourceVector, emptyResourceVector, nodeAllocatableVector, podResourceVector, ResourceVector } from '../scheduler/node-fit';
import { podRequests } from '../scheduler/pod-requests';
import { InvalidQuantityError, Quantity, QuantityFormat } from '../kubernetes/quantity';
import { isHugePageResourceName } from '../kubernetes/resource-requirements';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint } from '../scheduler/taint-toleration';
import type { Container, ManifestObject, Node, Taint } from '../scheduler/types';
import { daemonSetBudget, RolloutSimulation, schedulingOrder, simulate, Simulation, simulateRollout, simulateRolloutsTogether, WorkloadBudget } from './simulate';
import { quotaConstraints, QuotaUsage, quotaUsage } from '../manifests/resource-quota';
import { collapsedFailureLines, collapseUnplaced, unplacedGroupLine } from './collapse';
import { Headroom, HeadroomKind } from './headroom';
import { NodeSuggestion, suggestNodeCounts } from './suggest';
import { appendAll, maxOf } from './private/arrays';
import { distinctTexts, isByteResource } from './units';

/**
 * Headroom as `CapacityPlanInput.headroom` takes it: a Headroom, a number (N+k), a `{ pool: k }`
 * record or `'zone'` (plain values keep JSON input and the CLI free of classes).
 */
export type HeadroomInput = Headroom | number | Readonly<Record<string, number>> | 'zone';

export type { NotCountedObject, QuotaUsage };

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
   * Rollouts happen one at a time: each workload's surge pods are placed, separately, on the
   * steady state (every replica placed, no surge). A surge pod that cannot be placed stalls the
   * rollout (a failure) when the old pods stay until the new ones are ready (maxUnavailable
   * resolves to 0, blueGreen, DaemonSet surge); otherwise the controller removes old pods first
   * and the rollout completes (reported in `rollouts`, not a failure).
   */
  EACH_ROLLOUT = 'each-rollout',
  /**
   * The surge pods of the single largest rollout (the workload whose surge pods take the largest
   * share of the cluster's allocatable in their dominant resource; ties: first in input order),
   * placed after all other pods, as a rollout on a full cluster.
   */
  LARGEST_ROLLOUT = 'largest-rollout',
  /** The surge pods of every workload at once (all rollouts simultaneously). */
  ALL_ROLLOUTS = 'all-rollouts',
}

export { ProblemSeverity };

/** Input of `planCapacity`. Nodes come from `pools`, `nodes`, or both (pools first). */
export interface CapacityPlanInput {
  /**
   * All objects to deploy, in apply order (e.g. synth output or YAML documents). Workloads
   * (Deployment, StatefulSet, ReplicaSet, ReplicationController, DaemonSet, Job, CronJob, Pod) are
   * scheduled; HorizontalPodAutoscalers, RuntimeClasses, PriorityClasses and Namespaces are
   * read; every other kind is ignored. `kind: List` objects are flattened.
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
   * What everything must still fit without: N+k as a number or `Headroom.nodes(k)` (the k largest
   * nodes of each pool in turn; largest = most allocatable cpu, then memory, then the last in node
   * order), per pool (`Headroom.perPool({ general: 1, gpu: 0 })` or the plain `{ general: 1 }`),
   * or zone loss (`Headroom.zone()` or `'zone'`: the largest `topology.kubernetes.io/zone` of each
   * pool in turn).
   * @default 0 - no headroom check
   */
  readonly headroom?: HeadroomInput;
  /**
   * Also compute, per pool, the smallest node count at which everything fits with the headroom
   * (`CapacityPlan.suggestions`). Costs a few dozen simulations.
   * @default false
   */
  readonly suggest?: boolean;
  /**
   * Rolling-update surge to budget for.
   * @default SurgePolicy.EACH_ROLLOUT
   */
  readonly surge?: SurgePolicy;
  /**
   * Namespace of objects that do not set one (like `kubectl -n`).
   * @default 'default'
   */
  readonly namespace?: string;
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
  /**
   * `requested`, readable: `1500m`, `6.9Gi`, `12` (bytes to one decimal of the largest unit; exact
   * quantities when rounding would make it read like `allocatableText` while it differs).
   */
  readonly requestedText: string;
  /** `allocatable`, readable like `requestedText`. */
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
  /** Its NoSchedule/NoExecute taints as `key=value:Effect` (PreferNoSchedule does not filter). */
  readonly taints: string[];
  /** False when `status.conditions` has Ready not True (NotReady); true without conditions (pool nodes). */
  readonly ready: boolean;
}

/** Nodes the budgeted pods cannot use, for one reason, shown apart from the usable capacity. */
export interface UnusableNodes {
  /** `cordoned`, `NotReady`, or `tainted away` (a taint no budgeted pod tolerates); a node counts once, in that order. */
  readonly reason: string;
  readonly nodeCount: number;
  /** The first 10 node names, in node order. */
  readonly nodes: string[];
  /** Their allocatable per resource (same order as `resources`; `requested` is 0). */
  readonly allocatable: ResourceUsage[];
}

/** One pool (or group of real nodes) after the simulation. */
export interface PoolPlan {
  readonly name: string;
  readonly nodeCount: number;
  /** Per resource: requests of the pods placed in this pool vs the pool's allocatable. */
  readonly usage: ResourceUsage[];
  /** Its nodes, in input order (a pool of identical nodes far larger than its pods can use lists those simulated: see `elidedNodes`). */
  readonly nodes: NodePlan[];
  /**
   * Nodes pods cannot use (cordoned, NotReady, tainted away; see `CapacityPlan.usable`).
   * @default 0
   */
  readonly unusableNodeCount?: number;
  /**
   * When some nodes are not usable: requests placed here vs the allocatable of the usable nodes.
   * @default - every node is usable: `usage` says it
   */
  readonly usable?: ResourceUsage[];
  /**
   * Nodes of the pool not listed in `nodes`: identical to a listed node that holds only
   * DaemonSet pods, counted in `nodeCount` and `usage` (bounded cost).
   * @default 0
   */
  readonly elidedNodes?: number;
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
  /** 1-based position among the workload's pods (replicas, then surge). */
  readonly replica: number;
  /** Pods budgeted for the workload (replicas + surge): the `of` in `replica 5 of 6`. */
  readonly of: number;
  /** The message without the pod in front: `0/3 nodes are available: 3 Insufficient cpu.` */
  readonly detail: string;
}

/** Headroom: the simulation rerun without the k largest nodes, or the largest zone, of one pool. */
export interface HeadroomPlan {
  readonly pool: string;
  /** Number of nodes removed (k capped at the pool size, or the nodes of the zone). */
  readonly nodesLost: number;
  /** Zone loss: the zone removed (`''` for nodes without the zone label). @default - N+k, not a zone */
  readonly zone?: string;
  /** Names of the nodes removed. */
  readonly lostNodes: string[];
  /** Totals and placement both pass without them. */
  readonly fits: boolean;
  /** Cluster totals without those nodes. */
  readonly usage: ResourceUsage[];
  readonly unplaced: UnplacedPod[];
}

/** One workload's rollout, checked on the steady state (SurgePolicy.EACH_ROLLOUT). */
export interface RolloutPlan {
  /** `Deployment shop/web`. */
  readonly workload: string;
  /** Surge pods of the rollout (DaemonSet: one per eligible node). */
  readonly surge: number;
  /** Resolved maxUnavailable (0 when the old pods stay until the new ones are ready). */
  readonly maxUnavailable: number;
  /** Surge pods that could not be placed. */
  readonly unplaced: UnplacedPod[];
  /** The rollout can finish: every surge pod placed, or maxUnavailable ≥ 1. */
  readonly completes: boolean;
  /** One sentence; '' when every surge pod is placed. */
  readonly message: string;
}

/** A ResourceQuota against the namespace's pods at their budget (and its object counts). */
export interface QuotaPlan {
  /** `ResourceQuota shop/compute`. */
  readonly quota: string;
  readonly namespace: string;
  /** @default - unknown */
  readonly source?: ManifestSource;
  /** One line per spec.hard resource, sorted; empty when `checked` is false. */
  readonly usage: QuotaUsage[];
  /** False for quotas with scopes or a scopeSelector (not modelled, not checked). */
  readonly checked: boolean;
  readonly fits: boolean;
}

/** A container without a cpu or memory request: the plan cannot vouch for its pods. */
export interface UnverifiedContainer {
  /** `Deployment shop/web`. */
  readonly object: string;
  /** @default - unknown */
  readonly source?: ManifestSource;
  /** `spec.template.spec.containers[0]`. */
  readonly field: string;
  readonly container: string;
  /** `cpu`, `memory`. */
  readonly missing: string[];
}

/** The headline of a plan. */
export enum CapacityVerdict {
  /** Every check passed. */
  FITS = 'fits',
  /** Something does not fit (or other errors). */
  DOES_NOT_FIT = 'does-not-fit',
  /** Everything placed, but containers without requests (MissingRequestsLevel.ERROR) leave it unproven. */
  CANNOT_VERIFY = 'cannot-verify',
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
  /**
   * All budgeted pods vs the allocatable of the nodes they can use: not cordoned, not NotReady,
   * and without a NoSchedule/NoExecute taint that no budgeted pod tolerates.
   */
  readonly usable: ResourceUsage[];
  /** The nodes left out of `usable`, by reason (only reasons with nodes). */
  readonly unusable: UnusableNodes[];
  /** Per pool, with its nodes. */
  readonly pools: PoolPlan[];
  /** Per workload, in input order. */
  readonly workloads: WorkloadPlan[];
  /** Check 2: pods not placed, in scheduling order. */
  readonly unplaced: UnplacedPod[];
  /** Check 3: one entry per pool with headroom to check (pools with k = 0 have none). */
  readonly headroom: HeadroomPlan[];
  /**
   * With `suggest`: per pool, the smallest node count at which everything fits with the
   * headroom (`nodes` null when no count up to the search's cap does, with `message` saying why).
   * @default - not computed
   */
  readonly suggestions?: NodeSuggestion[];
  readonly problems: PlanProblem[];
  /** The headline: fits, does not fit, or cannot verify (only missing requests fail). */
  readonly verdict: CapacityVerdict;
  /** Rollouts checked one at a time (SurgePolicy.EACH_ROLLOUT), in workload order. */
  readonly rollouts: RolloutPlan[];
  /** Containers without cpu or memory requests (listed whatever `missingRequests` is). */
  readonly unverified: UnverifiedContainer[];
  /** Objects with a pod template of a kind the check does not model: their pods are not counted. */
  readonly notCounted: NotCountedObject[];
  /** ResourceQuotas among the inputs, checked against their namespace's pods at budget. */
  readonly quotas: QuotaPlan[];
  /** Settings used (defaults resolved). */
  readonly settings: {
    /** The number (N+k), the `{ pool: k }` record, or `'zone'`. */
    readonly headroom: number | Readonly<Record<string, number>> | string;
    readonly surge: SurgePolicy;
    readonly missingRequests: MissingRequestsLevel;
    readonly namespace: string;
  };
}

/**
 * Simulate kube-scheduler placing every budgeted pod of `input.manifests` onto the nodes and
 * check the result: (1) per resource, total requests ≤ total allocatable; (2) every pod placed;
 * (3) with `headroom` k, (1) and (2) again without the k largest nodes of each pool in turn.
 * Pods are scheduled by priority, then in the kind order Helm and Argo CD apply (DaemonSets
 * first), then input order, rollout surge last (see simulate.ts and schedule.ts for the exact
 * rules and the deliberate differences from a live scheduler). Throws `ManifestError` on
 * invalid input (bad quantity, bad pool, invalid selector), naming the source, object and field.
 */
export function planCapacity(input: CapacityPlanInput): CapacityPlan {
  if (input.suggest) {
    // The plan of the nodes as given (huge pools elided), then the search, pools by their counts.
    const plan = planCapacity({ ...input, suggest: false });
    return { ...plan, suggestions: suggestNodeCounts(input, plan) };
  }
  const set = workloadsOf(input.manifests, input.sources, { namespace: input.namespace ?? DEFAULT_NAMESPACE });
  const byCounts = headroomByPoolCounts(input, set);
  if (byCounts) return byCounts;
  // Bounded cost: a pool far larger than its pods can use is simulated with the nodes they can
  // reach; the rest are added arithmetically when that is exact (see large-pools.ts).
  // (not with headroom or suggestions: both remove or add nodes of a pool)
  const elision = noHeadroom(resolveHeadroom(input.headroom)) ? elidePools(input.pools ?? [], set.workloads) : undefined;
  if (elision) {
    const elidedNode = (pool: string) => nodesFromPools(elision.pools.filter((p) => p.name === pool).map((p) => ({ ...p, count: 1 })))[0].node;
    const elidedAllocatable = emptyResourceVector();
    for (const [pool, n] of elision.elided) {
      const one = nodeAllocatableVector(elidedNode(pool));
      addResourceVector(elidedAllocatable, { ...scaleResourceVector(one, n), allowedPodNumber: one.allowedPodNumber * n });
    }
    const plan = addElidedNodes(planOnNodes({ ...input, pools: elision.pools }, set, elidedAllocatable), elision.elided, set.workloads, resourceUsage, (u) => overcommitLine('cluster', u), elidedNode);
    if (plan) return plan;
  }
  return planOnNodes(input, set);
}

/**
 * Bounded cost with headroom N+k on huge NodePools: a NodePool's nodes are identical, so losing
 * its k largest nodes (ties: the last ones, see largestNodes) leaves the same pool with k fewer
 * nodes, which the elided plan answers in milliseconds. Each headroom scenario is that plan;
 * the result equals the plan on every node. Undefined (plan on every node) for zone loss,
 * suggestions, Node objects, ResourceQuotas (their failure lines sit between), surge policies
 * that budget surge in the steady state, or pools too small to elide.
 */
function headroomByPoolCounts(input: CapacityPlanInput, set: WorkloadSet): CapacityPlan | undefined {
  const headroom = resolveHeadroom(input.headroom);
  if (headroom.isNone || noHeadroom(headroom)) return undefined;
  if (headroom.kind === HeadroomKind.ZONE && set.workloads.some(namesNodes)) return undefined;
  if ((input.nodes ?? []).length > 0 || set.resourceQuotas.length > 0) return undefined;
  // The headroom scenarios place the steady state only when no surge is budgeted in it (surgeSet).
  const surge = input.surge ?? SurgePolicy.EACH_ROLLOUT;
  if (surge !== SurgePolicy.EACH_ROLLOUT && surge !== SurgePolicy.NONE) return undefined;
  const pools = input.pools ?? [];
  if (!elidePools(pools, set.workloads)) return undefined;
  checkHeadroomPools(headroom, pools.map((p) => p.name));
  const none = { ...input, headroom: 0 };
  const base = planCapacity(none);
  const scenarios: HeadroomPlan[] = [];
  const zoneProblems: PlanProblem[] = [];
  for (const pool of pools) {
    if (pools.filter((p) => p.name === pool.name).length !== 1 || !Number.isInteger(pool.count)) return undefined;
    if (headroom.kind === HeadroomKind.ZONE) {
      // Zone loss: the nodes of the other zones are the same pool over the other zones (round
      // robin keeps their order and zones); they differ only by name, which no workload names.
      if (pool.count === 0) continue;
      const lost = largestPoolZone(pool);
      const rest = planCapacity({ ...none, pools: pools.map((p) => (p === pool ? { ...p, count: p.count - lost.nodes.length, zones: (p.zones ?? []).filter((z) => z !== lost.zone) } : p)) });
      if (lost.zone === '') {
        const names = lost.nodes.slice(0, 3).join(', ') + (lost.nodes.length > 3 ? ', …' : '');
        zoneProblems.push(zoneLabelProblem(pool.name, lost.nodes.length, names));
      }
      scenarios.push({ pool: pool.name, nodesLost: lost.nodes.length, zone: lost.zone, lostNodes: lost.nodes, fits: rest.unplaced.length === 0 && rest.usage.every((u) => u.fits), usage: rest.usage, unplaced: rest.unplaced });
      continue;
    }
    const k = headroom.nodesLost(pool.name);
    if (k === 0) continue;
    if (k >= pool.count) return undefined;
    const rest = planCapacity({ ...none, pools: pools.map((p) => (p === pool ? { ...p, count: p.count - k } : p)) });
    scenarios.push({
      pool: pool.name,
      nodesLost: k,
      lostNodes: Array.from({ length: k }, (_, i) => `${pool.name}-${pool.count - i}`),
      fits: rest.unplaced.length === 0 && rest.usage.every((u) => u.fits),
      usage: rest.usage,
      unplaced: rest.unplaced,
    });
  }
  // Headroom lines go after the fit failures and before the error problems, as planOnNodes orders them.
  const problemLines = base.problems.filter((p) => p.severity === ProblemSeverity.ERROR).map(problemLine);
  const fitLines = base.failures.slice(0, base.failures.length - problemLines.length);
  const headroomLines = scenarios.flatMap(headroomFailureLines);
  const failures = [...fitLines, ...headroomLines, ...problemLines];
  const fitFailures = fitLines.length + headroomLines.length;
  const verdict = failures.length === 0 ? CapacityVerdict.FITS
    : fitFailures === 0 && base.verdict === CapacityVerdict.CANNOT_VERIFY ? CapacityVerdict.CANNOT_VERIFY : CapacityVerdict.DOES_NOT_FIT;
  // Zone label warnings sit before the NodePool ephemeral-storage ones, as planOnNodes orders them.
  const firstPoolProblem = base.problems.findIndex((p) => p.object.startsWith('NodePool ') && p.field === 'allocatable[ephemeral-storage]');
  const at = firstPoolProblem < 0 ? base.problems.length : firstPoolProblem;
  const problems = [...base.problems.slice(0, at), ...zoneProblems, ...base.problems.slice(at)];
  return { ...base, fits: failures.length === 0, failures, headroom: scenarios, problems, verdict, settings: { ...base.settings, headroom: headroom.toJSON() } };
}

/** A workload whose pods name nodes (spec.nodeName, metadata.name fields, hostname labels): node names matter to it. */
function namesNodes(w: Workload): boolean {
  if (typeof w.spec.nodeName === 'string' && w.spec.nodeName !== '') return true;
  const text = JSON.stringify([w.spec.nodeSelector ?? null, w.spec.affinity?.nodeAffinity ?? null]);
  return text.includes('matchFields') || text.includes('kubernetes.io/hostname');
}

/** largestZone of a NodePool's nodes, by arithmetic: its nodes are identical, so the zone with most nodes (ties: the first in node order). */
function largestPoolZone(pool: NodePool): { zone: string; nodes: string[] } {
  const zones = pool.zones ?? [];
  const names = (keep: (i: number) => boolean) => {
    const out: string[] = [];
    for (let i = 1; i <= pool.count; i++) if (keep(i)) out.push(`${pool.name}-${i}`);
    return out;
  };
  if (zones.length === 0) return { zone: pool.labels?.[ZONE_LABEL] ?? '', nodes: names(() => true) };
  const counts = new Map<string, number>();
  zones.forEach((z, j) => counts.set(z, (counts.get(z) ?? 0) + Math.floor(pool.count / zones.length) + (j < pool.count % zones.length ? 1 : 0)));
  let best = zones[0];
  for (const z of zones) if ((counts.get(z) as number) > (counts.get(best) as number)) best = z;
  return { zone: best, nodes: names((i) => zones[(i - 1) % zones.length] === best) };
}

/** @internal planCapacity on every node (no elided pools), to test that elision is exact. */
export function _planOnEveryNode(input: CapacityPlanInput): CapacityPlan {
  return planOnNodes(input, workloadsOf(input.manifests, input.sources, { namespace: input.namespace ?? DEFAULT_NAMESPACE }));
}

function planOnNodes(input: CapacityPlanInput, set: WorkloadSet, elidedAllocatable?: ResourceVector): CapacityPlan {
  const headroomSetting = resolveHeadroom(input.headroom);
  const settings = {
    headroom: headroomSetting.toJSON(),
    surge: input.surge ?? SurgePolicy.EACH_ROLLOUT,
    missingRequests: input.missingRequests ?? MissingRequestsLevel.ERROR,
    namespace: input.namespace ?? DEFAULT_NAMESPACE,
  };
  const nodes = clusterNodes(input);
  checkHeadroomPools(headroomSetting, [...poolNames(nodes), ...(input.pools ?? []).map((p) => p.name)]);
  const { workloads, problems: workloadProblems, namespaceLabels, notCounted, resourceQuotas, namespaced } = set;
  const requests = new Map<Workload, ResourceVector>();
  for (const w of workloads) requests.set(w, workloadRequest(w));

  const unverified = unverifiedContainers(workloads);
  const problems: Array<PlanProblem & { missingRequest?: boolean }> = [...workloadProblems, ...missingRequestProblems(unverified, settings.missingRequests)];
  const surgeFor = surgeSet(workloads, nodes, requests, settings.surge);
  const main = runScenario(workloads, nodes, surgeFor, namespaceLabels, requests, elidedAllocatable);
  const rollouts = settings.surge === SurgePolicy.EACH_ROLLOUT ? rolloutPlans(workloads, nodes, main, namespaceLabels, elidedAllocatable) : [];
  const rolloutSurge = new Map(rollouts.map((r) => [r.w, r]));

  appendAll(problems, zoneLabelProblems(headroomSetting, nodes));
  appendAll(problems, unstatedPoolResources(input.pools ?? [], workloads, requests));
  const headroom = headroomPlans(headroomSetting, nodes, (rest) => runScenario(workloads, rest, surgeFor, namespaceLabels, requests));

  const failures: string[] = [];
  for (const u of main.usage) {
    if (!u.fits) failures.push(overcommitLine('cluster', u));
  }
  appendAll(failures, collapsedFailureLines(main.unplaced.filter((_, i) => main.blocking[i])));
  // A rollout of a workload whose own replicas already fail is not a second failure.
  for (const r of rollouts) if (!r.plan.completes && (main.placedByWorkload.get(r.w)?.unplaced ?? 0) === 0) failures.push(r.plan.message);
  for (const h of headroom) appendAll(failures, headroomFailureLines(h));
  const quotas: QuotaPlan[] = [];
  for (const q of resourceQuotas) {
    const label = `ResourceQuota ${q.namespace}/${q.object.metadata?.name}`;
    const spec = (q.object.spec ?? {}) as { scopes?: unknown[]; scopeSelector?: unknown; hard?: Record<string, unknown> };
    if ((spec.scopes ?? []).length > 0 || spec.scopeSelector !== undefined) {
      problems.push({ severity: ProblemSeverity.WARNING, object: label, ...(q.source ? { source: q.source } : {}), field: 'spec.scopes', message: 'quota scopes are not modelled: this quota is not checked' });
      quotas.push({ quota: label, namespace: q.namespace, ...(q.source ? { source: q.source } : {}), usage: [], checked: false, fits: true });
      continue;
    }
    const inNamespace = workloads.filter((w) => w.namespace === q.namespace);
    const hard = Object.keys(spec.hard ?? {});
    for (const w of inNamespace) {
      const missing = quotaConstraints(w.spec, hard);
      if (missing) failures.push(`${w.id} (${w.kind}): pods are forbidden: failed quota: ${q.object.metadata?.name}: ${missing}`);
    }
    let usage: QuotaUsage[];
    try {
      usage = quotaUsage(q.object, inNamespace.map((w) => ({ spec: w.spec, count: (main.budgets.get(w) as WorkloadBudget).replicas })), namespaced.filter((o) => o.namespace === q.namespace).map((o) => o.object));
    } catch (e) {
      if (e instanceof InvalidQuantityError) throw new ManifestError(new InvalidQuantityError(e.input, e.reason).message, q.source, label, e.field);
      throw e;
    }
    const fits = usage.every((u) => u.fits);
    for (const u of usage) {
      if (!u.fits) failures.push(`${label}: ${u.resource}: the namespace's pods at their budget use ${u.used}, over spec.hard ${u.hard}: the API server forbids what goes beyond (exceeded quota: ${q.object.metadata?.name})`);
    }
    quotas.push({ quota: label, namespace: q.namespace, ...(q.source ? { source: q.source } : {}), usage, checked: true, fits });
    // A rollout's surge pods count against the quota too: when they exceed it and no old pod goes
    // first (maxUnavailable 0), the ReplicaSet controller cannot create them and the rollout stalls.
    if (!fits) continue;
    for (const r of rollouts) {
      if (r.w.namespace !== q.namespace || r.plan.maxUnavailable > 0 || r.plan.surge === 0) continue;
      const during = quotaUsage(q.object, inNamespace.map((w) => ({ spec: w.spec, count: (main.budgets.get(w) as WorkloadBudget).replicas + (w === r.w ? r.plan.surge : 0) })), []);
      const over = during.filter((u) => !u.fits && !u.resource.startsWith('count/'));
      if (over.length > 0) {
        failures.push(`${r.w.id} (${r.w.kind}) rollout stalls: its ${r.plan.surge} surge pod${r.plan.surge === 1 ? '' : 's'} would take ${over.map((u) => `${u.resource} to ${u.used}`).join(', ')}, over ${label} spec.hard (${over.map((u) => `${u.resource}=${u.hard}`).join(', ')}), and no old pod is removed first (maxUnavailable 0)`);
      }
    }
  }

  const fitFailures = failures.length;
  for (const p of problems) if (p.severity === ProblemSeverity.ERROR) failures.push(problemLine(p));
  const missingOnly = fitFailures === 0 && failures.length > 0 && problems.every((p) => p.severity !== ProblemSeverity.ERROR || p.missingRequest === true);
  const verdict = failures.length === 0 ? CapacityVerdict.FITS : missingOnly ? CapacityVerdict.CANNOT_VERIFY : CapacityVerdict.DOES_NOT_FIT;

  const plan: CapacityPlan = {
    version: 1,
    fits: failures.length === 0,
    failures,
    resources: main.resources,
    usage: main.usage,
    ...usableCapacity(nodes, workloads, main.resources, main.usage, main.pools),
    workloads: workloads.map((w) => {
      const budget = main.budgets.get(w) as WorkloadBudget;
      const counts = main.placedByWorkload.get(w) ?? { placed: 0, unplaced: 0 };
      return {
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
        id: w.id,
        ...(w.source ? { source: w.source } : {}),
        replicas: budget.replicas,
        replicasSource: budget.replicasSource,
        surge: rolloutSurge.get(w)?.plan.surge ?? budget.surge,
        surgeSource: rolloutSurge.get(w)?.surgeSource ?? budget.surgeSource,
        podRequests: podRequestTexts(w),
        placed: counts.placed,
        unplaced: counts.unplaced,
      };
    }),
    unplaced: main.unplaced,
    headroom,
    problems: problems.map(({ missingRequest: _, ...p }) => p),
    verdict,
    rollouts: rollouts.map((r) => r.plan),
    unverified,
    notCounted,
    quotas,
    settings,
  };
  return plan;
}

/** Each workload's rollout on the steady state `main` (one scenario per workload with surge pods). */
function rolloutPlans(
  workloads: readonly Workload[],
  nodes: readonly PoolNode[],
  main: Scenario,
  namespaceLabels: Readonly<Record<string, Readonly<Record<string, string>>>>,
  elidedAllocatable?: ResourceVector,
): Array<{ w: Workload; plan: RolloutPlan; surgeSource: string }> {
  const out: Array<{ w: Workload; plan: RolloutPlan; surgeSource: string }> = [];
  const surges = rolloutSurges(workloads, nodes);
  const candidates = [...surges.keys()];
  // First pass: every rollout at once; a rollout that fits there (and whose filters only get
  // harder with more pods) fits alone. The others are checked alone on the steady state.
  const together: Map<Workload, RolloutSimulation> = candidates.length > 1 ? simulateRolloutsTogether(candidates, nodes, main.simulation, { surgeFor: new Set(candidates), namespaceLabels, elidedAllocatable }) : new Map();
  for (const [w, surge] of surges) {
    const first = together.get(w);
    const monotone = onlyHarderWithMorePods(w, candidates);
    const run = first && monotone && first.pods.length === surge && first.outcomes.every((o) => o.nodeIndex >= 0)
      ? first
      : simulateRollout(w, nodes, main.simulation, { surgeFor: new Set([w]), namespaceLabels, elidedAllocatable });
    const budget = main.budgets.get(w) as WorkloadBudget;
    const of = budget.replicas + surge;
    const unplaced: UnplacedPod[] = [];
    run.pods.forEach((pod, i) => {
      const outcome = run.outcomes[i];
      if (outcome.nodeIndex >= 0) return;
      unplaced.push({
        pod: pod.name,
        workload: `${w.kind} ${w.id}`,
        surge: true,
        message: `${w.id} (${w.kind}, replica ${pod.replica} of ${of}, rollout surge): ${outcome.message}`,
        reasons: (outcome.reasons ?? []).map((r) => ({ reason: r.reason, count: r.count })),
        replica: pod.replica,
        of,
        detail: outcome.message ?? '',
      });
    });
    const rest = surge - run.pods.length;
    if (rest > 0) {
      // Bounded cost: surge pods beyond what the nodes can hold are not simulated one by one.
      const first = budget.replicas + run.pods.length + 1;
      unplaced.push({
        pod: podRange(w, first, of),
        workload: `${w.kind} ${w.id}`,
        surge: true,
        message: `${w.id} (${w.kind}, ${replicaRange(first, of)}, rollout surge): not placed: the nodes cannot hold these pods (cluster totals), so ${rest} were not simulated one by one.`,
        reasons: [],
        replica: first,
        of,
        detail: `not placed: the nodes cannot hold these pods (cluster totals), so ${rest} were not simulated one by one.`,
      });
    }
    const maxUnavailable = w.daemonSet ? 0 : w.maxUnavailable;
    // A rollout ends when every new replica is available: replicas that cannot be placed even
    // before it (listed among the failures already) keep it from ending, whatever maxUnavailable.
    const steadyUnplaced = main.placedByWorkload.get(w)?.unplaced ?? 0;
    const completes = steadyUnplaced === 0 && (unplaced.length === 0 || maxUnavailable >= 1);
    // surge pods not placed: those simulated, and the `rest` line counts its pods
    const unplacedCount = unplaced.length - (rest > 0 ? 1 : 0) + Math.max(0, rest);
    let message = '';
    if (steadyUnplaced > 0) {
      const what = unplaced.length === 0 ? '' : `${unplacedCount} of ${surge} surge pod${surge === 1 ? '' : 's'} cannot be placed, and `;
      message = `${w.id} (${w.kind}) rollout cannot complete: ${what}${steadyUnplaced} of its ${budget.replicas} replica${budget.replicas === 1 ? '' : 's'} cannot be placed even before it (see the failures above)`;
    } else if (unplaced.length > 0) {
      const what = `${unplacedCount} of ${surge} surge pod${surge === 1 ? '' : 's'} cannot be placed`;
      message = completes
        ? `${w.id} (${w.kind}) rollout: ${what}; maxUnavailable ${maxUnavailable} lets the controller remove old pods first, so the rollout completes`
        : `${w.id} (${w.kind}) rollout stalls: ${what} and no old pod is removed before its replacement is ready (maxUnavailable 0); first: ${unplaced[0].message}`;
    }
    const surgeSource = w.daemonSet
      ? `+1 surge pod on each of the ${surge} nodes in turn (maxSurge ${w.daemonSet.maxSurge})`
      : w.surgeSource;
    out.push({ w, surgeSource, plan: { workload: `${w.kind} ${w.id}`, surge, maxUnavailable, unplaced, completes, message } });
  }
  return out;
}

// ---- nodes ----


/**
 * Bounded memory: past this many nodes in one simulation (about 3 KiB each, with their pods and
 * scores) the check says the question is too large instead of running out of memory. Huge
 * NodePools whose pods reach few of their nodes are shortened first (large-pools.ts), so this
 * only meets Node object lists and pools that many pods could reach.
 */
export const MAX_SIMULATED_NODES = 250_000;

/** Two nodes named alike, with the fix for the kinds of input they came from. */
function duplicateNodeName(name: string, first: PoolNode, firstFromPool: boolean, secondFromPool: boolean): ManifestError {
  if (firstFromPool && secondFromPool) {
    return new ManifestError(`two NodePools named ${JSON.stringify(first.pool)} both make node ${JSON.stringify(name)} (pool nodes are named <pool>-1…<pool>-N): give each pool its own name`,
      undefined, `NodePool ${first.pool}`, 'name');
  }
  if (firstFromPool) {
    return new ManifestError(`Node ${JSON.stringify(name)} has the name of a node of NodePool ${first.pool} (its nodes are named ${first.pool}-1…${first.pool}-N): rename the Node or the pool`,
      undefined, `Node ${name}`, 'metadata.name');
  }
  return new ManifestError(`Node ${JSON.stringify(name)} is given twice: a cluster's node names are unique, so remove one of the two Node objects (e.g. the same \`kubectl get nodes\` output given twice) or rename it`,
    undefined, `Node ${name}`, 'metadata.name');
}

function clusterNodes(input: CapacityPlanInput): PoolNode[] {
  let count = flattenNodes(input.nodes ?? []).length;
  for (const p of input.pools ?? []) count += Number.isFinite(p.count) && p.count > 0 ? p.count : 0;
  if (count > MAX_SIMULATED_NODES) {
    throw new ManifestError(`${count} nodes are too many to simulate one by one (more than ${MAX_SIMULATED_NODES}; a NodePool is shortened only when its pods reach few of its nodes), so the check cannot answer: check fewer nodes or fewer replicas at once`);
  }
  const nodes: PoolNode[] = [...nodesFromPools(input.pools ?? [])];
  const poolNodeCount = nodes.length;
  for (const node of flattenNodes(input.nodes ?? [])) nodes.push({ node, pool: poolOfNode(node, input.poolLabel) });
  // name → index in `nodes` (below poolNodeCount: a NodePool's node). readNodeInputs names the files.
  const seen = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const name = n.node.metadata?.name;
    if (typeof name !== 'string' || name === '') throw new ManifestError('every Node needs metadata.name', undefined, 'Node', 'metadata.name');
    const first = seen.get(name);
    if (first !== undefined) throw duplicateNodeName(name, nodes[first], first < poolNodeCount, i < poolNodeCount);
    seen.set(name, i);
    try {
      nodeAllocatableVector(n.node);
    } catch (e) {
      // An InvalidQuantityError names `Node <name> status.allocatable[cpu]`: say the object and field once.
      if (e instanceof InvalidQuantityError) {
        const field = e.field?.replace(`Node ${name} `, '') ?? 'status.allocatable';
        throw new ManifestError(new InvalidQuantityError(e.input, e.reason).message, undefined, `Node ${name}`, field);
      }
      throw new ManifestError((e as Error).message, undefined, `Node ${name}`, 'status.allocatable');
    }
  }
  return nodes;
}

function poolNames(nodes: readonly PoolNode[]): string[] {
  const names = new Set<string>();
  for (const n of nodes) names.add(n.pool);
  return [...names];
}

/**
 * The k largest nodes: nodes pods can use first (losing a cordoned or NotReady node costs
 * nothing, it holds no new pods already), then most allocatable cpu, then memory; among
 * equals, the last in node order.
 */
function largestNodes(pool: readonly PoolNode[], k: number): PoolNode[] {
  const down = (n: PoolNode) => (n.node.spec?.unschedulable === true || !isNodeReady(n.node) ? 1 : 0);
  const sized = pool.map((n, i) => ({ n, i, a: nodeAllocatableVector(n.node), down: down(n) }));
  sized.sort((x, y) => x.down - y.down || y.a.milliCPU - x.a.milliCPU || y.a.memory - x.a.memory || y.i - x.i);
  return sized.slice(0, Math.min(k, pool.length)).map((s) => s.n);
}

// ---- headroom (N+k, per pool, zone loss) ----

/** `input.headroom` as a Headroom; bad values are bad input naming the field. */
function resolveHeadroom(value: unknown): Headroom {
  try {
    return Headroom.of(value);
  } catch (e) {
    throw new ManifestError((e as Error).message, undefined, 'CapacityPlanInput', 'headroom');
  }
}

/** Headroom that loses no node of any pool (`0`, `Headroom.nodes(0)`, `{ general: 0 }`). */
function noHeadroom(h: Headroom): boolean {
  return h.kind === HeadroomKind.NODES ? h.count === 0 : h.kind === HeadroomKind.PER_POOL && h.pools.every((p) => h.nodesLost(p) === 0);
}

/** A per-pool headroom naming a pool without nodes is a typo, not "0 nodes to lose". */
function checkHeadroomPools(headroom: Headroom, poolList: readonly string[]): void {
  if (headroom.kind !== HeadroomKind.PER_POOL) return;
  const pools = [...new Set(poolList)];
  for (const pool of headroom.pools) {
    if (!pools.includes(pool)) {
      throw new ManifestError(
        `headroom names pool ${JSON.stringify(pool)}, which has no nodes: the pools are ${pools.join(', ') || 'none'}: use one of them`,
        undefined, 'CapacityPlanInput', 'headroom');
    }
  }
}

/** One scenario per pool with something to lose, in pool order. */
function headroomPlans(headroom: Headroom, nodes: readonly PoolNode[], run: (rest: PoolNode[]) => Scenario): HeadroomPlan[] {
  const out: HeadroomPlan[] = [];
  if (headroom.isNone) return out;
  for (const pool of poolNames(nodes)) {
    const members = nodes.filter((n) => n.pool === pool);
    let lost: PoolNode[];
    let zone: string | undefined;
    if (headroom.kind === HeadroomKind.ZONE) {
      const largest = largestZone(members);
      zone = largest.zone;
      lost = largest.nodes;
    } else {
      const k = headroom.nodesLost(pool);
      if (k === 0) continue;
      lost = largestNodes(members, k);
    }
    const lostSet = new Set(lost);
    const result = run(nodes.filter((n) => !lostSet.has(n)));
    out.push({
      pool,
      nodesLost: lost.length,
      ...(zone !== undefined ? { zone } : {}),
      lostNodes: lost.map((n) => n.node.metadata.name ?? ''),
      fits: result.unplaced.length === 0 && result.usage.every((u) => u.fits),
      usage: result.usage,
      unplaced: result.unplaced,
    });
  }
  return out;
}

/** The zone of a node: its `topology.kubernetes.io/zone` label, '' when it has none. */
export function zoneOf(node: Node): string {
  return node.metadata?.labels?.[ZONE_LABEL] ?? '';
}

/**
 * The largest zone of a pool: most allocatable cpu, then memory, then nodes; among equals the
 * zone met first in node order. Nodes without the zone label form one zone, ''.
 */
function largestZone(pool: readonly PoolNode[]): { zone: string; nodes: PoolNode[] } {
  const zones = new Map<string, { nodes: PoolNode[]; cpu: number; memory: number }>();
  for (const n of pool) {
    const z = zoneOf(n.node);
    let entry = zones.get(z);
    if (!entry) zones.set(z, (entry = { nodes: [], cpu: 0, memory: 0 }));
    const a = nodeAllocatableVector(n.node);
    entry.nodes.push(n);
    entry.cpu += a.milliCPU;
    entry.memory += a.memory;
  }
  let best: { zone: string; nodes: PoolNode[]; cpu: number; memory: number } | undefined;
  for (const [zone, e] of zones) {
    if (!best || e.cpu > best.cpu || (e.cpu === best.cpu && (e.memory > best.memory || (e.memory === best.memory && e.nodes.length > best.nodes.length)))) {
      best = { zone, ...e };
    }
  }
  return best ? { zone: best.zone, nodes: best.nodes } : { zone: '', nodes: [] };
}

/** Zone loss cannot see zones on nodes without the label: say so once per pool. */
function zoneLabelProblems(headroom: Headroom, nodes: readonly PoolNode[]): PlanProblem[] {
  if (headroom.kind !== HeadroomKind.ZONE) return [];
  const out: PlanProblem[] = [];
  for (const pool of poolNames(nodes)) {
    const unlabelled = nodes.filter((n) => n.pool === pool && zoneOf(n.node) === '');
    if (unlabelled.length === 0) continue;
    const names = unlabelled.slice(0, 3).map((n) => n.node.metadata.name).join(', ') + (unlabelled.length > 3 ? ', …' : '');
    out.push(zoneLabelProblem(pool, unlabelled.length, names));
  }
  return out;
}

function zoneLabelProblem(pool: string, count: number, names: string): PlanProblem {
  return {
    severity: ProblemSeverity.WARNING,
    object: `pool ${pool}`,
    field: `metadata.labels['${ZONE_LABEL}']`,
    message: `${count} node(s) (${names}) have no ${ZONE_LABEL} label: zone headroom counts them as one zone; label the nodes (or the NodePool's labels) with their zone`,
  };
}

/** The failure lines of one headroom scenario (none when it fits). */
function headroomFailureLines(h: HeadroomPlan): string[] {
  if (h.fits) return [];
  const what = h.zone !== undefined
    ? `headroom zone loss: without zone ${h.zone === '' ? '(no zone label)' : h.zone} of pool ${h.pool} (${summarizeNames(h.lostNodes)})`
    : `headroom N+${h.nodesLost}: without ${summarizeNames(h.lostNodes)} (pool ${h.pool})`;
  const out: string[] = [];
  for (const u of h.usage) if (!u.fits) out.push(`${what}, ${overcommitLine('cluster', u)}`);
  if (h.unplaced.length > 0) {
    const first = collapseUnplaced(h.unplaced)[0];
    out.push(`${what}, ${h.unplaced.length} pod(s) not placed; first: ${unplacedGroupLine(first)}`);
  }
  return out;
}

/** `a, b, c` up to 10 names, then `… and 990 more`. */
function summarizeNames(names: readonly string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}

// ---- usable capacity ----

/** `status.conditions` Ready is not True: NotReady. No conditions (pool nodes): Ready. */
export function isNodeReady(node: Node): boolean {
  const conditions = (node.status as { conditions?: unknown } | undefined)?.conditions;
  if (!Array.isArray(conditions)) return true;
  const ready = conditions.find((c) => (c as { type?: unknown })?.type === 'Ready') as { status?: unknown } | undefined;
  return ready === undefined || ready.status === 'True';
}

function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** Capacity the budgeted pods can use, and the nodes they cannot, by reason. */
function usableCapacity(
  nodes: readonly PoolNode[],
  workloads: readonly Workload[],
  resources: readonly string[],
  usage: readonly ResourceUsage[],
  pools: readonly PoolPlan[],
): { usable: ResourceUsage[]; unusable: UnusableNodes[]; pools: PoolPlan[] } {
  const tolerated = new Map<string, boolean>(); // taint set → some workload tolerates all of it
  const taintedAway = (node: Node): boolean => {
    const taints = (node.spec?.taints ?? []).filter(isDoNotScheduleTaint);
    if (taints.length === 0) return false;
    const key = JSON.stringify(taints.map((t) => [t.key, t.value ?? '', t.effect]));
    let ok = tolerated.get(key);
    if (ok === undefined) {
      ok = workloads.some((w) => findMatchingUntoleratedTaint(taints, w.spec.tolerations) === undefined);
      tolerated.set(key, ok);
    }
    return !ok;
  };
  const usableTotal = emptyResourceVector();
  const byPool = new Map<string, { unusable: number; usable: ResourceVector }>();
  const groups = new Map<string, { count: number; names: string[]; total: ResourceVector }>();
  for (const n of nodes) {
    const reason = n.node.spec?.unschedulable === true ? 'cordoned' : !isNodeReady(n.node) ? 'NotReady' : taintedAway(n.node) ? 'tainted away' : '';
    let pool = byPool.get(n.pool);
    if (!pool) byPool.set(n.pool, (pool = { unusable: 0, usable: emptyResourceVector() }));
    if (reason === '') {
      addResourceVector(usableTotal, nodeAllocatableVector(n.node));
      addResourceVector(pool.usable, nodeAllocatableVector(n.node));
      continue;
    }
    pool.unusable++;
    let g = groups.get(reason);
    if (!g) groups.set(reason, (g = { count: 0, names: [], total: emptyResourceVector() }));
    g.count++;
    if (g.names.length < 10) g.names.push(n.node.metadata.name ?? '');
    addResourceVector(g.total, nodeAllocatableVector(n.node));
  }
  const requested = new Map(usage.map((u) => [u.resource, u.requested]));
  return {
    usable: resources.map((r) => resourceUsage(r, requested.get(r) ?? 0, valueOf(usableTotal, r))),
    unusable: ['cordoned', 'NotReady', 'tainted away'].filter((r) => groups.has(r)).map((reason) => {
      const g = groups.get(reason)!;
      return { reason, nodeCount: g.count, nodes: g.names, allocatable: resources.map((r) => resourceUsage(r, 0, valueOf(g.total, r))) };
    }),
    pools: pools.map((p) => {
      const u = byPool.get(p.name);
      if (!u || u.unusable === 0) return p;
      const placed = new Map(p.usage.map((x) => [x.resource, x.requested]));
      return { ...p, unusableNodeCount: u.unusable, usable: resources.map((r) => resourceUsage(r, placed.get(r) ?? 0, valueOf(u.usable, r))) };
    }),
  };
}

// ---- workloads ----

/**
 * podResourceVector of a workload's spec, after checking what the scheduler will parse (quantities,
 * label selectors), so bad input fails here naming the workload and field.
 */
function workloadRequest(w: Workload): ResourceVector {
  const spec = w.spec;
  try {
    nonZeroRequests(spec);
    const podAffinity = spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    const podAntiAffinity = spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    podAffinity.forEach((t, i) => check(() => affinityTerm(w.namespace, t), `affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
    podAntiAffinity.forEach((t, i) => check(() => affinityTerm(w.namespace, t), `affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
    check(() => hardSpreadConstraints(spec.topologySpreadConstraints, w.labels), 'topologySpreadConstraints');
    return podResourceVector(spec);
  } catch (e) {
    throw asManifestError(e, w);
  }
}

function check(fn: () => unknown, field: string): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidSelectorError) throw Object.assign(new Error(`invalid label selector: ${e.message}`), { field: `spec.${field}` });
    throw e;
  }
}

function asManifestError(e: unknown, w: Workload): ManifestError {
  if (ManifestError.isManifestError(e)) return e;
  const err = e as Error & { field?: string };
  const field = typeof err.field === 'string' ? err.field.replace(/^spec\b/, w.specPath) : w.specPath;
  // The field is named once, in manifest terms: an InvalidQuantityError's message also carries
  // its pod-spec-relative field (`… at spec.containers[0]…`), so its problem is rebuilt without it.
  const problem = e instanceof InvalidQuantityError ? new InvalidQuantityError(e.input, e.reason).message : err.message;
  return new ManifestError(problem, w.source, `${w.kind} ${w.id}`, field);
}

function podRequestTexts(w: Workload): Record<string, string> {
  const list = podRequests(w.spec);
  const out: Record<string, string> = {};
  for (const name of Object.keys(list).sort()) out[name] = list[name].toString();
  return out;
}

/**
 * A NodePool that states no `ephemeral-storage` while pods request it: its nodes have none, as
 * kube-scheduler would read such a node (NodeResourcesFit: `Insufficient ephemeral-storage`),
 * but a real kubelet always reports it, so say which field to state.
 */
function unstatedPoolResources(pools: readonly NodePool[], workloads: readonly Workload[], requests: ReadonlyMap<Workload, ResourceVector>): PlanProblem[] {
  const requesting = workloads.find((w) => (requests.get(w)?.ephemeralStorage ?? 0) > 0);
  if (!requesting) return [];
  return pools
    .filter((p) => p.allocatable?.['ephemeral-storage'] === undefined && p.capacity?.['ephemeral-storage'] === undefined)
    .map((p) => ({
      severity: ProblemSeverity.WARNING,
      object: `NodePool ${p.name}`,
      field: 'allocatable[ephemeral-storage]',
      message: `states no ephemeral-storage, so its nodes are taken to have none and pods requesting it (first: ${requesting.kind} ${requesting.id}) do not fit there; state the nodes' allocatable ephemeral-storage`,
    }));
}

/** Containers whose cpu or memory request is missing (after limits default the requests). */
function unverifiedContainers(workloads: readonly Workload[]): UnverifiedContainer[] {
  const out: UnverifiedContainer[] = [];
  for (const w of workloads) {
    // A workload budgeted at no pods (replicas 0, a disabled HPA, a finished Job or pod) runs
    // nothing whose requests could matter.
    if (!w.daemonSet && w.replicas === 0 && w.surge === 0) continue;
    const check = (containers: readonly Container[] | undefined, list: string) =>
      (containers ?? []).forEach((c, i) => {
        const has = (r: string) => c.resources?.requests?.[r] !== undefined || c.resources?.limits?.[r] !== undefined;
        const missing = ['cpu', 'memory'].filter((r) => !has(r));
        if (missing.length === 0) return;
        out.push({ object: `${w.kind} ${w.id}`, ...(w.source ? { source: w.source } : {}), field: `${w.specPath}.${list}[${i}]`, container: String(c.name), missing });
      });
    check(w.spec.initContainers, 'initContainers');
    check(w.spec.containers, 'containers');
  }
  return out;
}

function missingRequestProblems(unverified: readonly UnverifiedContainer[], level: MissingRequestsLevel): Array<PlanProblem & { missingRequest?: boolean }> {
  if (level === MissingRequestsLevel.IGNORE) return [];
  const severity = level === MissingRequestsLevel.ERROR ? ProblemSeverity.ERROR : ProblemSeverity.WARNING;
  return unverified.map((u) => ({
    severity,
    object: u.object,
    ...(u.source ? { source: u.source } : {}),
    field: `${u.field}.resources.requests`,
    message: `container ${u.container} has no ${u.missing.join(' or ')} request: the scheduler counts it as 0, so the plan cannot vouch for it; set resources.requests`,
    missingRequest: true,
  }));
}

/** Each workload whose rollout adds pods, with how many (a DaemonSet's surge is per node). */
function rolloutSurges(workloads: readonly Workload[], nodes: readonly PoolNode[]): Map<Workload, number> {
  const surges = new Map<Workload, number>();
  for (const w of workloads) {
    const surge = w.daemonSet ? daemonSetBudget(w, nodes).surge : w.surge;
    if (surge > 0) surges.set(w, surge);
  }
  return surges;
}

/** Which workloads get their rollout surge budgeted. */
function surgeSet(workloads: readonly Workload[], nodes: readonly PoolNode[], requests: ReadonlyMap<Workload, ResourceVector>, policy: SurgePolicy): Set<Workload> {
  if (policy === SurgePolicy.NONE || policy === SurgePolicy.EACH_ROLLOUT) return new Set();
  const surges = rolloutSurges(workloads, nodes);
  const candidates = [...surges.keys()];
  if (policy === SurgePolicy.ALL_ROLLOUTS) return new Set(candidates);
  // LARGEST_ROLLOUT: the largest dominant share of cluster allocatable; ties: input order.
  const total = emptyResourceVector();
  for (const n of nodes) addResourceVector(total, nodeAllocatableVector(n.node));
  let best: Workload | undefined;
  let bestShare = -1;
  for (const w of candidates) {
    const r = requests.get(w) as ResourceVector;
    const k = surges.get(w) as number;
    const shares = [
      share(k * r.milliCPU, total.milliCPU),
      share(k * r.memory, total.memory),
      share(k * r.ephemeralStorage, total.ephemeralStorage),
      share(k, total.allowedPodNumber),
      ...Object.keys(r.scalarResources).map((name) => share(k * r.scalarResources[name], total.scalarResources[name] ?? 0)),
    ];
    const dominant = maxOf(shares);
    if (dominant > bestShare) {
      best = w;
      bestShare = dominant;
    }
  }
  return new Set(best ? [best] : []);
}

/**
 * Whether more pods of other rollouts can only make `w`'s surge pods harder to place: true unless
 * `w` has required pod affinity, or a topology spread constraint whose selector matches another
 * rollout's surge pods (in `w`'s namespace).
 */
function onlyHarderWithMorePods(w: Workload, rollouts: readonly Workload[]): boolean {
  if (w.spec.affinity?.podAffinity) return false;
  for (const c of w.spec.topologySpreadConstraints ?? []) {
    const matches = labelSelectorMatcher(c.labelSelector);
    if (rollouts.some((o) => o !== w && o.namespace === w.namespace && matches(o.surgeLabels))) return false;
  }
  return true;
}

/** `replica 8 of 8`, `replicas 5–8 of 8`. */
function replicaRange(first: number, of: number): string {
  return first === of ? `replica ${of} of ${of}` : `replicas ${first}–${of} of ${of}`;
}

/** `shop/web-8`, `shop/web-5…8` (pod names of replicas `first`…`last`, 1-based). */
function podRange(w: Workload, first: number, last: number): string {
  const name = (k: number) => `${w.id}-${w.firstOrdinal + k - 1}`;
  return first === last ? name(first) : `${name(first)}…${w.firstOrdinal + last - 1}`;
}

/** `v` × n (scalars too). */
function scaleResourceVector(v: ResourceVector, n: number): ResourceVector {
  const scalarResources: Record<string, number> = {};
  for (const name of v.scalarNames) scalarResources[name] = v.scalarResources[name] * n;
  return { milliCPU: v.milliCPU * n, memory: v.memory * n, ephemeralStorage: v.ephemeralStorage * n, allowedPodNumber: 0, scalarResources, scalarNames: [...v.scalarNames] };
}

function share(requested: number, allocatable: number): number {
  if (requested === 0) return 0;
  return allocatable === 0 ? Number.MAX_VALUE : requested / allocatable;
}

// ---- one simulation and its figures ----

interface Scenario {
  readonly simulation: Simulation;
  /** Same index as `unplaced`: the pod's failure counts (a surge pod with maxUnavailable ≥ 1 does not). */
  readonly blocking: boolean[];
  readonly resources: string[];
  readonly usage: ResourceUsage[];
  readonly pools: PoolPlan[];
  readonly unplaced: UnplacedPod[];
  readonly budgets: ReadonlyMap<Workload, WorkloadBudget>;
  readonly placedByWorkload: Map<Workload, { placed: number; unplaced: number }>;
}

function runScenario(
  workloads: readonly Workload[],
  nodes: readonly PoolNode[],
  surgeFor: ReadonlySet<Workload>,
  namespaceLabels: Readonly<Record<string, Readonly<Record<string, string>>>>,
  requests: ReadonlyMap<Workload, ResourceVector>,
  elidedAllocatable?: ResourceVector,
): Scenario {
  const simulation = simulate(workloads, nodes, { surgeFor, namespaceLabels, elidedAllocatable });
  const { scheduler, pods, outcomes, budgets } = simulation;
  const blocking: boolean[] = [];

  // Requested totals count every budgeted pod, placed or not.
  const requested = emptyResourceVector();
  let podCount = 0;
  const placedByWorkload = new Map<Workload, { placed: number; unplaced: number }>();
  const unplaced: UnplacedPod[] = [];
  // Totals are arithmetic (budget × request), so pods not enumerated count too.
  for (const w of workloads) {
    const budget = budgets.get(w) as WorkloadBudget;
    const n = budget.replicas + budget.surge;
    if (n > 0) addResourceVector(requested, scaleResourceVector(requests.get(w) as ResourceVector, n));
    podCount += n;
  }
  pods.forEach((pod, i) => {
    const w = pod.workload;
    const counts = placedByWorkload.get(w) ?? { placed: 0, unplaced: 0 };
    placedByWorkload.set(w, counts);
    const outcome = outcomes[i];
    if (outcome.nodeIndex >= 0) {
      counts.placed++;
      return;
    }
    counts.unplaced++;
    const budget = budgets.get(w) as WorkloadBudget;
    const of = budget.replicas + budget.surge;
    const who = w.kind === 'Pod' ? `${w.id} (Pod)` : `${w.id} (${w.kind}, replica ${pod.replica} of ${of}${pod.surge ? ', rollout surge' : ''})`;
    blocking.push(!pod.surge || w.daemonSet !== undefined || w.maxUnavailable === 0);
    unplaced.push({
      pod: pod.name,
      workload: `${w.kind} ${w.id}`,
      surge: pod.surge,
      message: `${who}: ${outcome.message}`,
      reasons: (outcome.reasons ?? []).map((r) => ({ reason: r.reason, count: r.count })),
      replica: pod.replica,
      of,
      detail: outcome.message ?? '',
    });
  });
  // Pods beyond what the nodes can hold (bounded cost): not simulated, one line per workload.
  for (const w of schedulingOrder(workloads)) {
    const budget = budgets.get(w) as WorkloadBudget;
    const rest = budget.replicas - budget.enumerated + (budget.surge - budget.surgeEnumerated);
    if (rest <= 0) continue;
    const counts = placedByWorkload.get(w) ?? { placed: 0, unplaced: 0 };
    placedByWorkload.set(w, counts);
    counts.unplaced += rest;
    const of = budget.replicas + budget.surge;
    const first = budget.enumerated + 1;
    const range = replicaRange(first, of);
    blocking.push(budget.replicas > budget.enumerated || w.maxUnavailable === 0);
    const why = budget.costBound
      ? `not simulated one by one (bounded cost: the cluster totals already exceed allocatable on ${nodes.length} nodes), so ${rest} are counted as not placed.`
      : `not placed: the nodes cannot hold more than ${budget.enumerated + budget.surgeEnumerated - 1} of these pods (cluster totals), so ${rest} were not simulated one by one.`;
    unplaced.push({
      pod: podRange(w, first, of),
      workload: `${w.kind} ${w.id}`,
      surge: budget.replicas === budget.enumerated,
      message: `${w.id} (${w.kind}, ${range}): ${why}`,
      reasons: [],
      replica: first,
      of,
      detail: why,
    });
  }
  requested.allowedPodNumber = podCount;

  const resources = resourceNames(requested);
  const allocatableTotal = emptyResourceVector();
  for (const a of scheduler.allocatable) addResourceVector(allocatableTotal, a);
  const usage = resources.map((r) => resourceUsage(r, valueOf(requested, r), valueOf(allocatableTotal, r)));

  const pools: PoolPlan[] = poolNames(nodes).map((pool) => {
    const poolRequested = emptyResourceVector();
    const poolAllocatable = emptyResourceVector();
    const nodePlans: NodePlan[] = [];
    nodes.forEach((n, i) => {
      if (n.pool !== pool) return;
      const nodeRequested = { ...scheduler.requested[i], allowedPodNumber: scheduler.podCountOn(i) };
      addResourceVector(poolRequested, nodeRequested);
      addResourceVector(poolAllocatable, scheduler.allocatable[i]);
      nodePlans.push({
        name: scheduler.nodeNames[i],
        pool,
        pods: [...scheduler.podsOnNode[i]],
        usage: resources.map((r) => resourceUsage(r, valueOf(nodeRequested, r), valueOf(scheduler.allocatable[i], r))),
        unschedulable: n.node.spec?.unschedulable === true,
        taints: (n.node.spec?.taints ?? []).filter(isDoNotScheduleTaint).map(taintText),
        ready: isNodeReady(n.node),
      });
    });
    return {
      name: pool,
      nodeCount: nodePlans.length,
      usage: resources.map((r) => resourceUsage(r, valueOf(poolRequested, r), valueOf(poolAllocatable, r))),
      nodes: nodePlans,
    };
  });
  return { simulation, blocking, resources, usage, pools, unplaced, budgets, placedByWorkload };
}

/** cpu, memory, ephemeral-storage (if requested), other requested resources sorted, pods. */
function resourceNames(requested: ResourceVector): string[] {
  const names = ['cpu', 'memory'];
  if (requested.ephemeralStorage > 0) names.push('ephemeral-storage');
  const scalars = Object.keys(requested.scalarResources).filter((k) => requested.scalarResources[k] > 0);
  scalars.sort((a, b) => {
    const ha = isHugePageResourceName(a) ? 0 : 1;
    const hb = isHugePageResourceName(b) ? 0 : 1;
    return ha - hb || (a < b ? -1 : a > b ? 1 : 0);
  });
  names.push(...scalars, 'pods');
  return names;
}

function valueOf(v: ResourceVector, resource: string): number {
  switch (resource) {
    case 'cpu':
      return v.milliCPU;
    case 'memory':
      return v.memory;
    case 'ephemeral-storage':
      return v.ephemeralStorage;
    case 'pods':
      return v.allowedPodNumber;
    default:
      return v.scalarResources[resource] ?? 0;
  }
}

function resourceUsage(resource: string, requested: number, allocatable: number): ResourceUsage {
  const [requestedText, allocatableText] = distinctTexts(resource, requested, allocatable);
  return {
    resource,
    requested,
    allocatable,
    requestedText,
    allocatableText,
    percent: allocatable === 0 ? null : Math.round((requested / allocatable) * 1000) / 10,
    fits: requested <= allocatable,
  };
}

/**
 * A value in scheduler units as a Kubernetes quantity: millicores for cpu (`1500m`, `2`), bytes for
 * memory, storage and hugepages (`3Gi` when a multiple of 1024, else `1500M`), counts as integers.
 */
export function formatResourceValue(resource: string, value: number): string {
  const v = BigInt(Math.round(value));
  if (resource === 'cpu') return Quantity.fromMilli(v).toString();
  if (isByteResource(resource)) {
    return Quantity.fromValue(v, v % 1024n === 0n ? QuantityFormat.BINARY_SI : QuantityFormat.DECIMAL_SI).toString();
  }
  return v.toString();
}

function overcommitLine(scope: string, u: ResourceUsage): string {
  return `${scope} ${u.resource}: requests ${u.requestedText} exceed allocatable ${u.allocatableText}${u.percent === null ? '' : ` (${u.percent}%)`}`;
}

function problemLine(p: PlanProblem): string {
  const where = describeSource(p.source);
  return [where, p.object, p.field, p.message].filter((x) => x).join(': ');
}
