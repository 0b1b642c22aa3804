// The pods of a set of workloads, in the order they are scheduled, placed by ClusterScheduler.
//
// Scheduling order (deterministic; the scheduler's queue sorts by priority, then arrival):
// 1. higher pod priority first (PriorityClass; preemption is not simulated, so this is where
//    it would end up anyway);
// 2. then by kind in the order Helm and Argo CD apply them: DaemonSet, Pod, ReplicationController,
//    ReplicaSet, Deployment, StatefulSet, Job, CronJob (DaemonSet pods land on nodes first);
// 3. then input order; replicas of one workload in index order;
// 4. rollout surge pods last, as a rollout happening on the running cluster.
import { daemonPodSpec, nodeShouldRunDaemonPod, pinToNode } from '../manifests/daemon-set';
import { scaledValueFromIntOrPercent } from '../manifests/int-or-percent';
import type { PoolNode } from '../manifests/nodes';
import { WORKLOAD_KINDS, Workload } from '../manifests/workloads';
import { ClusterScheduler, PodTemplate, ScheduleOutcome } from '../scheduler/schedule';

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
  readonly namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const kindRank = (kind: string) => {
  const i = WORKLOAD_KINDS.indexOf(kind);
  return i < 0 ? WORKLOAD_KINDS.length : i;
};

/** Workloads in scheduling order (see the file comment). */
export function schedulingOrder(workloads: readonly Workload[]): Workload[] {
  return [...workloads].sort((a, b) => b.priority - a.priority || kindRank(a.kind) - kindRank(b.kind) || a.index - b.index);
}

/** The nodes a DaemonSet runs on, and its surge (maxSurge of them, rounded up). */
export function daemonSetBudget(w: Workload, nodes: readonly PoolNode[]): { eligible: PoolNode[]; surge: number } {
  const spec = w.spec; // already carries the DaemonSet tolerations
  const eligible = nodes.filter((n) => nodeShouldRunDaemonPod(spec, n.node));
  const maxSurge = w.daemonSet?.maxSurge ?? 0;
  const surge = Math.min(eligible.length, Math.max(0, scaledValueFromIntOrPercent(maxSurge, eligible.length, true)));
  return { eligible, surge };
}

/** The budget of every workload against `nodes`, and its pods in scheduling order. */
export function expandPods(workloads: readonly Workload[], nodes: readonly PoolNode[], surgeFor: ReadonlySet<Workload>): { pods: SimulatedPod[]; budgets: Map<Workload, WorkloadBudget> } {
  const base: SimulatedPod[] = [];
  const surgePods: SimulatedPod[] = [];
  const budgets = new Map<Workload, WorkloadBudget>();
  for (const w of schedulingOrder(workloads)) {
    if (w.daemonSet) {
      const { eligible, surge: dsSurge } = daemonSetBudget(w, nodes);
      const surge = surgeFor.has(w) ? dsSurge : 0;
      const unpinned = daemonPodSpec(w.spec);
      eligible.forEach((n, i) => {
        const nodeName = n.node.metadata.name ?? '';
        const template: PodTemplate = { namespace: w.namespace, labels: w.labels, spec: pinToNode(unpinned, nodeName) };
        base.push({ workload: w, name: `${w.id}-${nodeName}`, replica: i + 1, surge: false, template });
      });
      for (let i = 0; i < surge; i++) {
        const nodeName = eligible[i].node.metadata.name ?? '';
        const template: PodTemplate = { namespace: w.namespace, labels: w.surgeLabels, spec: pinToNode(unpinned, nodeName) };
        surgePods.push({ workload: w, name: `${w.id}-${nodeName}-surge`, replica: eligible.length + i + 1, surge: true, template });
      }
      budgets.set(w, {
        replicas: eligible.length,
        replicasSource: `one per eligible node (${eligible.length} of ${nodes.length})`,
        surge,
        surgeSource: surge > 0 ? `+${surge} surge (maxSurge ${w.daemonSet.maxSurge})` : '',
      });
      continue;
    }
    const surge = surgeFor.has(w) ? w.surge : 0;
    budgets.set(w, { replicas: w.replicas, replicasSource: w.replicasSource, surge, surgeSource: surge > 0 ? w.surgeSource : '' });
    const template: PodTemplate = { namespace: w.namespace, labels: w.labels, spec: w.spec };
    const podName = (i: number) => (w.kind === 'Pod' ? w.id : `${w.id}-${w.firstOrdinal + i}`);
    for (let i = 0; i < w.replicas; i++) base.push({ workload: w, name: podName(i), replica: i + 1, surge: false, template });
    if (surge > 0) {
      const surgeTemplate: PodTemplate = { namespace: w.namespace, labels: w.surgeLabels, spec: w.spec };
      for (let i = 0; i < surge; i++) {
        surgePods.push({ workload: w, name: podName(w.replicas + i), replica: w.replicas + i + 1, surge: true, template: surgeTemplate });
      }
    }
  }
  return { pods: [...base, ...surgePods], budgets };
}

/** Places every budgeted pod onto `nodes`. */
export function simulate(workloads: readonly Workload[], nodes: readonly PoolNode[], options: SimulateOptions): Simulation {
  const scheduler = new ClusterScheduler(
    nodes.map((n) => n.node),
    { namespaceLabels: options.namespaceLabels },
  );
  const { pods, budgets } = expandPods(workloads, nodes, options.surgeFor);
  const outcomes: ScheduleOutcome[] = new Array(pods.length);
  for (let i = 0; i < pods.length; i++) outcomes[i] = scheduler.schedule(pods[i].template, pods[i].name);
  return { scheduler, pods, outcomes, budgets };
}
