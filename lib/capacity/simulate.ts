// The pods of a set of workloads, in the order they are scheduled, placed by ClusterScheduler.
//
// Scheduling order (deterministic; the scheduler's queue sorts by priority, then arrival):
// 1. higher pod priority first (PriorityClass; preemption is not simulated, so this is where
//    it would end up anyway);
// 2. then by kind in the order Helm and Argo CD apply them: DaemonSet, Pod, ReplicationController,
//    ReplicaSet, Deployment, StatefulSet, Job, CronJob (DaemonSet pods land on nodes first);
// 3. then input order; replicas of one workload in index order;
// 4. rollout surge pods last, as a rollout happening on the running cluster.
// Pods with `spec.nodeName` skip the scheduler: kubelet admission (lib/scheduler/kubelet-admission.ts)
// decides on the named node. Rollouts one at a time (`simulateRollout`): the steady state is
// replayed on a fresh cluster (each pod bound where it landed), then one workload's surge pods
// are scheduled.
import { daemonPodNodeFilter, daemonPodSpec, pinToNode } from '../manifests/daemon-set';
import { scaledValueFromIntOrPercent } from '../manifests/int-or-percent';
import type { PoolNode } from '../manifests/nodes';
import { ManifestError } from '../manifests/manifest-error';
import { WORKLOAD_KINDS, Workload } from '../manifests/workloads';
import { kubeletAdmit } from '../scheduler/kubelet-admission';
import { addResourceVector, emptyResourceVector, nodeAllocatableVector, podResourceVector, ResourceVector } from '../scheduler/node-fit';
import { ClusterScheduler, PodTemplate, ScheduleOutcome, sharePodRequests } from '../scheduler/schedule';
import type { PodSpec } from '../scheduler/types';

/** One pod of the simulation. */
export interface SimulatedPod {
  readonly workload: Workload;
  /** `shop/storefront-5`. */
  readonly name: string;
  /** 1-based position among the workload's pods (replicas, then surge). */
  readonly replica: number;
  readonly surge: boolean;
  readonly template: PodTemplate;
}

/** How many pods one workload runs in one simulation. */
export interface WorkloadBudget {
  readonly replicas: number;
  readonly replicasSource: string;
  readonly surge: number;
  readonly surgeSource: string;
  /**
   * Replicas and surge pods simulated one by one: at most one more than the nodes could ever
   * hold of this pod (see `podsTheNodesCanHold`); the rest are counted as not placed.
   */
  readonly enumerated: number;
  readonly surgeEnumerated: number;
  /**
   * Fewer pods enumerated than the totals bound because of the simulation cost bound (the
   * cluster totals already do not fit, so the verdict does not depend on them).
   * @default false
   */
  readonly costBound?: boolean;
}

/**
 * Bounded cost of one simulation: at most this many pod × node filter evaluations. Past it, and
 * only when the cluster totals already exceed allocatable (the verdict is "does not fit" whatever
 * the placement), pods are enumerated in scheduling order up to ⌊limit / nodes⌋ and the rest
 * reported as not simulated one by one. (50,000,000 replicas on 1,000,000 nodes would otherwise
 * enumerate millions of pods over a million nodes each.)
 */
export const SIMULATION_WORK_LIMIT = 20_000_000;
/** Past this many pod × node evaluations with totals that fit, the check refuses (bad input) rather than run out of memory. */
export const SIMULATION_HARD_LIMIT = 10_000_000_000;

/**
 * Bounded cost: an upper bound on how many pods with request `r` the nodes can hold, from
 * totals alone (Σ allocatable pods, and ⌊Σ allocatable / request⌋ per requested resource).
 * Simulating one pod more than this shows the rest cannot be placed either.
 */
export function podsTheNodesCanHold(r: ResourceVector, total: ResourceVector): number {
  let n = total.allowedPodNumber;
  const bound = (req: number, alloc: number) => {
    if (req > 0) n = Math.min(n, Math.floor(alloc / req));
  };
  bound(r.milliCPU, total.milliCPU);
  bound(r.memory, total.memory);
  bound(r.ephemeralStorage, total.ephemeralStorage);
  for (const name of r.scalarNames) bound(r.scalarResources[name], total.scalarResources[name] ?? 0);
  return Math.max(0, n);
}

/** Result of `simulate`. */
export interface Simulation {
  readonly scheduler: ClusterScheduler;
  readonly pods: readonly SimulatedPod[];
  /** Same index as `pods`. */
  readonly outcomes: readonly ScheduleOutcome[];
  readonly budgets: ReadonlyMap<Workload, WorkloadBudget>;
}

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Workloads whose rollout surge is budgeted. */
  readonly surgeFor: ReadonlySet<Workload>;
  /**
   * Allocatable of nodes not simulated (elided nodes of huge pools), added to the totals that
   * bound how many pods are enumerated.
   * @default - none
   */
  readonly elidedAllocatable?: ResourceVector;
  readonly namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const kindRank = (kind: string) => {
  const i = WORKLOAD_KINDS.indexOf(kind);
  return i < 0 ? WORKLOAD_KINDS.length : i;
};

/** Pods of a workload always simulated one by one (bounded cost only starts above this). */
const ENUMERATE_AT_LEAST = 1000;

/** Workloads in scheduling order (see the file comment). */
export function schedulingOrder(workloads: readonly Workload[]): Workload[] {
  return [...workloads].sort((a, b) => b.priority - a.priority || kindRank(a.kind) - kindRank(b.kind) || a.index - b.index);
}

/**
 * The nodes a DaemonSet runs on, and its surge pods: with maxSurge resolving above 0, the
 * controller (pkg/controller/daemon/update.go rollingUpdate, surge branch) creates the new pod
 * beside the old one on every node in turn and deletes the old one only once the new one is
 * available, so every eligible node needs room for one more pod: one surge pod per node, pinned
 * to it (independent of node order).
 */
export function daemonSetBudget(w: Workload, nodes: readonly PoolNode[]): { readonly eligible: readonly PoolNode[]; readonly surge: number } {
  // A pure function of the workload and the node list, asked by every scenario over those nodes.
  let byWorkload = DAEMON_SET_BUDGETS.get(nodes);
  if (!byWorkload) DAEMON_SET_BUDGETS.set(nodes, (byWorkload = new Map()));
  let budget = byWorkload.get(w);
  if (!budget) {
    const spec = w.spec; // already carries the DaemonSet tolerations
    const shouldRun = daemonPodNodeFilter(spec);
    const eligible = nodes.filter((n) => shouldRun(n.node));
    const maxSurge = w.daemonSet?.maxSurge ?? 0;
    const surge = eligible.length > 0 && scaledValueFromIntOrPercent(maxSurge, eligible.length, true) > 0 ? eligible.length : 0;
    byWorkload.set(w, (budget = { eligible, surge }));
  }
  return budget;
}

const DAEMON_SET_BUDGETS = new WeakMap<readonly PoolNode[], Map<Workload, { readonly eligible: readonly PoolNode[]; readonly surge: number }>>();

/**
 * The pods of a DaemonSet over a node list (one pinned to each eligible node, then one surge pod
 * each), prepared once and shared, immutable, by every scenario over that list (the steady state
 * and each rollout): their pinned specs are built and parsed once per node, not per scenario.
 * A replica and the surge pod of the same node share one spec.
 */
interface DaemonSetPods {
  readonly base: readonly SimulatedPod[];
  readonly surge: readonly SimulatedPod[];
}

const DAEMON_SET_PODS = new WeakMap<readonly PoolNode[], Map<Workload, { base?: SimulatedPod[]; surge?: SimulatedPod[]; pinned?: PodSpec[] }>>();

function daemonSetPods(w: Workload, nodes: readonly PoolNode[], eligible: readonly PoolNode[], wantSurge: boolean): DaemonSetPods {
  let byWorkload = DAEMON_SET_PODS.get(nodes);
  if (!byWorkload) DAEMON_SET_PODS.set(nodes, (byWorkload = new Map()));
  let entry = byWorkload.get(w);
  if (!entry) byWorkload.set(w, (entry = {}));
  const pinned = (entry.pinned ??= pinnedSpecs(w, eligible));
  entry.base ??= eligible.map((n, i) => {
    const nodeName = n.node.metadata.name ?? '';
    return { workload: w, name: `${w.id}-${nodeName}`, replica: i + 1, surge: false, template: { namespace: w.namespace, labels: w.labels, spec: pinned[i] } };
  });
  if (wantSurge) {
    entry.surge ??= eligible.map((n, i) => {
      const nodeName = n.node.metadata.name ?? '';
      return { workload: w, name: `${w.id}-${nodeName}-surge`, replica: eligible.length + i + 1, surge: true, template: { namespace: w.namespace, labels: w.surgeLabels, spec: pinned[i] } };
    });
  }
  return { base: entry.base, surge: entry.surge ?? [] };
}

function pinnedSpecs(w: Workload, eligible: readonly PoolNode[]): PodSpec[] {
  const unpinned = daemonPodSpec(w.spec);
  return eligible.map((n) => {
    const spec = pinToNode(unpinned, n.node.metadata.name ?? '');
    sharePodRequests(spec, unpinned);
    return spec;
  });
}

/**
 * Set while `_withoutSharing` runs: every scenario prepares its own pods and replays the steady
 * state on a scheduler compiled from scratch (the straightforward path the shared one must equal).
 */
let straightforward = false;

/** @internal Runs `fn` on the straightforward path (no prepared pods or compiled templates shared between scenarios), to test that sharing is exact. */
export function _withoutSharing<T>(fn: () => T): T {
  const before = straightforward;
  straightforward = true;
  try {
    return fn();
  } finally {
    straightforward = before;
  }
}

/** The budget of every workload against `nodes`, and its pods in scheduling order. */
export function expandPods(
  workloads: readonly Workload[],
  nodes: readonly PoolNode[],
  surgeFor: ReadonlySet<Workload>,
  total: ResourceVector = clusterTotal(nodes.map((n) => nodeAllocatableVector(n.node))),
): { pods: SimulatedPod[]; budgets: Map<Workload, WorkloadBudget> } {
  const base: SimulatedPod[] = [];
  const surgePods: SimulatedPod[] = [];
  const budgets = new Map<Workload, WorkloadBudget>();
  const order = schedulingOrder(workloads);
  const eligibleOf = new Map<Workload, readonly PoolNode[]>();
  for (const w of order) {
    if (w.daemonSet) {
      const { eligible, surge: dsSurge } = daemonSetBudget(w, nodes);
      const surge = surgeFor.has(w) ? dsSurge : 0;
      eligibleOf.set(w, eligible);
      budgets.set(w, {
        replicas: eligible.length,
        replicasSource: `one per eligible node (${eligible.length} of ${nodes.length})`,
        surge,
        surgeSource: surge > 0 ? `+1 surge pod on each of the ${surge} nodes in turn (maxSurge ${w.daemonSet.maxSurge})` : '',
        enumerated: eligible.length,
        surgeEnumerated: surge,
      });
      continue;
    }
    const surge = surgeFor.has(w) ? w.surge : 0;
    // Never enumerate more pods than the nodes can hold (+1 to get the scheduler's message), nor
    // fewer than ENUMERATE_AT_LEAST: small workloads get the scheduler's message for every pod.
    const cap = Math.max(podsTheNodesCanHold(podResourceVector(w.spec), total) + 1, ENUMERATE_AT_LEAST);
    const enumerated = Math.min(w.replicas, cap);
    const surgeEnumerated = Math.min(surge, Math.max(0, cap - enumerated));
    budgets.set(w, { replicas: w.replicas, replicasSource: w.replicasSource, surge, surgeSource: surge > 0 ? w.surgeSource : '', enumerated, surgeEnumerated });
  }
  costBound(order, nodes.length, total, budgets);
  // Pods in scheduling order (budgets computed first so the cost bound can cut them).
  for (const w of order) {
    const { enumerated, surgeEnumerated } = budgets.get(w) as WorkloadBudget;
    if (w.daemonSet) {
      const eligible = eligibleOf.get(w) as readonly PoolNode[];
      if (!straightforward) {
        const prepared = daemonSetPods(w, nodes, eligible, surgeEnumerated > 0);
        for (let i = 0; i < enumerated; i++) base.push(prepared.base[i]);
        for (let i = 0; i < surgeEnumerated; i++) surgePods.push(prepared.surge[i]);
        continue;
      }
      const unpinned = daemonPodSpec(w.spec);
      for (let i = 0; i < enumerated; i++) {
        const nodeName = eligible[i].node.metadata.name ?? '';
        const template: PodTemplate = { namespace: w.namespace, labels: w.labels, spec: pinToNode(unpinned, nodeName) };
        base.push({ workload: w, name: `${w.id}-${nodeName}`, replica: i + 1, surge: false, template });
      }
      for (let i = 0; i < surgeEnumerated; i++) {
        const nodeName = eligible[i].node.metadata.name ?? '';
        const template: PodTemplate = { namespace: w.namespace, labels: w.surgeLabels, spec: pinToNode(unpinned, nodeName) };
        surgePods.push({ workload: w, name: `${w.id}-${nodeName}-surge`, replica: eligible.length + i + 1, surge: true, template });
      }
      continue;
    }
    const template: PodTemplate = { namespace: w.namespace, labels: w.labels, spec: w.spec };
    const podName = (i: number) => (w.kind === 'Pod' ? w.id : `${w.id}-${w.firstOrdinal + i}`);
    for (let i = 0; i < enumerated; i++) base.push({ workload: w, name: podName(i), replica: i + 1, surge: false, template });
    if (surgeEnumerated > 0) {
      const surgeTemplate: PodTemplate = { namespace: w.namespace, labels: w.surgeLabels, spec: w.spec };
      for (let i = 0; i < surgeEnumerated; i++) {
        surgePods.push({ workload: w, name: podName(w.replicas + i), replica: w.replicas + i + 1, surge: true, template: surgeTemplate });
      }
    }
  }
  return { pods: [...base, ...surgePods], budgets };
}

/**
 * Applies SIMULATION_WORK_LIMIT (see there) to the budgets, in scheduling order (replicas of every
 * workload, then surge pods); a DaemonSet's pods (one per node) are kept all or none.
 */
function costBound(workloads: readonly Workload[], nodeCount: number, total: ResourceVector, budgets: Map<Workload, WorkloadBudget>): void {
  // A DaemonSet pod is pinned to its node (matchFields metadata.name): the NodeAffinity
  // PreFilterResult has the scheduler evaluate that one node only, so it costs 1, not 1 × nodes.
  let enumerated = 0;
  let work = 0;
  for (const w of workloads) {
    const b = budgets.get(w) as WorkloadBudget;
    enumerated += b.enumerated + b.surgeEnumerated;
    work += (b.enumerated + b.surgeEnumerated) * (w.daemonSet ? 1 : Math.max(1, nodeCount));
  }
  const maxPods = Math.max(1, Math.floor(SIMULATION_WORK_LIMIT / Math.max(1, nodeCount)));
  if (work <= SIMULATION_WORK_LIMIT || enumerated <= maxPods) return;
  if (!totalsExceeded(workloads, budgets, total)) {
    if (work > SIMULATION_HARD_LIMIT) {
      throw new ManifestError(`${enumerated} pods on ${nodeCount} nodes are too many to simulate pod by pod (more than ${SIMULATION_HARD_LIMIT} pod × node evaluations) and the cluster totals do fit, so the check cannot decide: check fewer replicas or a smaller node pool at once`);
    }
    return;
  }
  const order = workloads; // already in scheduling order
  let left = maxPods;
  const base = new Map<Workload, number>();
  for (const w of order) {
    const b = budgets.get(w) as WorkloadBudget;
    const n = w.daemonSet ? (b.enumerated <= left ? b.enumerated : 0) : Math.min(b.enumerated, left);
    base.set(w, n);
    left -= n;
  }
  for (const w of order) {
    const b = budgets.get(w) as WorkloadBudget;
    const keepSurge = w.daemonSet ? (base.get(w) === b.enumerated && b.surgeEnumerated <= left ? b.surgeEnumerated : 0) : Math.min(b.surgeEnumerated, left);
    left -= keepSurge;
    const keepBase = base.get(w) as number;
    if (keepBase < b.enumerated || keepSurge < b.surgeEnumerated) {
      budgets.set(w, w.daemonSet ? { ...b, enumerated: 0, surgeEnumerated: 0, costBound: true } : { ...b, enumerated: keepBase, surgeEnumerated: keepSurge, costBound: true });
    }
  }
}

/** Σ budgeted requests > Σ allocatable for some resource (pods included): no placement fits. */
function totalsExceeded(workloads: readonly Workload[], budgets: ReadonlyMap<Workload, WorkloadBudget>, total: ResourceVector): boolean {
  const requested = emptyResourceVector();
  let pods = 0;
  for (const w of workloads) {
    const b = budgets.get(w);
    if (!b) continue;
    const n = b.replicas + b.surge;
    pods += n;
    const r = podResourceVector(w.spec);
    requested.milliCPU += r.milliCPU * n;
    requested.memory += r.memory * n;
    requested.ephemeralStorage += r.ephemeralStorage * n;
  }
  return pods > total.allowedPodNumber || requested.milliCPU > total.milliCPU || requested.memory > total.memory || requested.ephemeralStorage > total.ephemeralStorage;
}

/** Places every budgeted pod onto `nodes`. */
export function simulate(workloads: readonly Workload[], nodes: readonly PoolNode[], options: SimulateOptions): Simulation {
  const scheduler = new ClusterScheduler(
    nodes.map((n) => n.node),
    { namespaceLabels: options.namespaceLabels },
  );
  const { pods, budgets } = expandPods(workloads, nodes, options.surgeFor, capacityTotal(scheduler, options));
  const outcomes: ScheduleOutcome[] = new Array(pods.length);
  for (let i = 0; i < pods.length; i++) outcomes[i] = place(scheduler, nodes, pods[i]);
  return { scheduler, pods, outcomes, budgets };
}

function capacityTotal(scheduler: ClusterScheduler, options: SimulateOptions): ResourceVector {
  const total = clusterTotal(scheduler.allocatable);
  if (options.elidedAllocatable) addResourceVector(total, options.elidedAllocatable);
  return total;
}

/** Σ allocatable. */
export function clusterTotal(allocatable: readonly ResourceVector[]): ResourceVector {
  const total = emptyResourceVector();
  for (const a of allocatable) addResourceVector(total, a);
  return total;
}

/** The scheduler places the pod, or kubelet admits it when `spec.nodeName` binds it already. */
function place(scheduler: ClusterScheduler, nodes: readonly PoolNode[], pod: SimulatedPod): ScheduleOutcome {
  const nodeName = pod.template.spec.nodeName;
  if (typeof nodeName !== 'string' || nodeName === '') return scheduler.schedule(pod.template, pod.name);
  const i = scheduler.nodeNames.indexOf(nodeName);
  if (i < 0) {
    return { nodeIndex: -1, message: `spec.nodeName ${nodeName} is not among the nodes: the pod is bound to a node that does not exist and never runs`, reasons: [] };
  }
  const rejection = kubeletAdmit(pod.template.spec, podResourceVector(pod.template.spec), {
    node: nodes[i].node,
    allocatable: scheduler.allocatable[i],
    requested: scheduler.requested[i],
    podCount: scheduler.podCountOn(i),
    usedPorts: scheduler.usedPortsOn(i),
  });
  if (rejection) return { nodeIndex: -1, message: rejection.message, reasons: [{ reason: rejection.reason, count: 1 }] };
  scheduler.bind(pod.template, i, pod.name);
  return { nodeIndex: i, nodeName };
}

/** One workload's rollout on top of the steady state. */
export interface RolloutSimulation {
  readonly pods: readonly SimulatedPod[];
  readonly outcomes: readonly ScheduleOutcome[];
}

/**
 * The surge pods of every workload of `workloads` scheduled together on the cluster as `steady`
 * left it (a cheap first pass: a rollout whose pods all fit here, next to every other rollout,
 * fits alone too as long as it has no required pod affinity or topology spread, whose outcome
 * can improve with more pods).
 */
export function simulateRolloutsTogether(workloads: readonly Workload[], nodes: readonly PoolNode[], steady: Simulation, options: SimulateOptions): Map<Workload, RolloutSimulation> {
  const { pods } = expandPods(workloads, nodes, new Set(workloads), capacityTotal(steady.scheduler, options));
  const scheduler = replay(nodes, steady, options);
  const out = new Map<Workload, { pods: SimulatedPod[]; outcomes: ScheduleOutcome[] }>();
  for (const p of pods) {
    if (!p.surge) continue;
    const r = out.get(p.workload) ?? { pods: [], outcomes: [] };
    out.set(p.workload, r);
    r.pods.push(p);
    r.outcomes.push(place(scheduler, nodes, p));
  }
  return out;
}

function replay(nodes: readonly PoolNode[], steady: Simulation, options: SimulateOptions): ClusterScheduler {
  // The same nodes and options as the steady state's scheduler: share what its templates compiled to.
  const scheduler = straightforward
    ? new ClusterScheduler(nodes.map((n) => n.node), { namespaceLabels: options.namespaceLabels })
    : steady.scheduler.freshCopy();
  steady.pods.forEach((p, i) => {
    const at = steady.outcomes[i].nodeIndex;
    if (at >= 0) scheduler.bind(p.template, at, p.name);
  });
  return scheduler;
}

/**
 * The surge pods of `workload` scheduled on the cluster as `steady` left it (its placements
 * replayed on a fresh cluster, so `steady` is not changed).
 */
export function simulateRollout(workload: Workload, nodes: readonly PoolNode[], steady: Simulation, options: SimulateOptions): RolloutSimulation {
  const { pods } = expandPods([workload], nodes, new Set([workload]), capacityTotal(steady.scheduler, options));
  const surgePods = pods.filter((p) => p.surge);
  if (surgePods.length === 0) return { pods: [], outcomes: [] };
  const scheduler = replay(nodes, steady, options);
  return { pods: surgePods, outcomes: surgePods.map((p) => place(scheduler, nodes, p)) };
}
