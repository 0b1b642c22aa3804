// Bounded cost for huge node pools. The nodes of a pool are identical but for their name, and the
// scheduler breaks ties by node order, so pods other than DaemonSet pods land on at most as many
// nodes of a pool as there are such pods: a pool of 1,000,000 nodes is simulated with
// (those pods + 1) nodes, and the nodes left out ("elided") are known to look exactly like a
// simulated node that holds only DaemonSet pods (the representative). Their allocatable, their
// DaemonSet pods and their requests are then added arithmetically. A pod no simulated node takes
// is rejected by every elided node for the representative's reason (found by scheduling it on
// that node alone), so `0/N nodes are available` counts them. When that cannot be done exactly
// (pod affinity or topology spread, unplaced DaemonSet or rollout pods, headroom asked) the plan
// runs on every node.
import type { NodePool } from '../manifests/node-pool';
import type { Workload } from '../manifests/workloads';
import { NO_NODE_AVAILABLE_MSG } from '../scheduler/fit-error';
import { ClusterScheduler } from '../scheduler/schedule';
import type { Node } from '../scheduler/types';
import { collapsedFailureLines } from './collapse';
import type { CapacityPlan, PoolPlan, ResourceUsage, UnplacedPod, WorkloadPlan } from './plan';
import { schedulingOrder } from './simulate';

/** Pools left out below this many nodes are simulated in full (no saving worth the bookkeeping). */
const MIN_ELIDED = 1000;

/** Per pool: how many nodes are simulated and how many left out. */
export interface Elision {
  readonly pools: NodePool[];
  readonly elided: ReadonlyMap<string, number>;
}

/** Truncated pools when some pool is far larger than its pods can use; undefined otherwise. */
export function elidePools(pools: readonly NodePool[], workloads: readonly Workload[]): Elision | undefined {
  let pods = 0;
  for (const w of workloads) if (!w.daemonSet) pods += w.replicas + w.surge;
  const keep = pods + 1;
  const elided = new Map<string, number>();
  const out = pools.map((p) => {
    if (Number.isInteger(p.count) && p.count - keep >= MIN_ELIDED) {
      elided.set(p.name, p.count - keep);
      return { ...p, count: keep };
    }
    return p;
  });
  return elided.size === 0 ? undefined : { pools: out, elided };
}

/** The plan of the truncated pools with the elided nodes added back; undefined when it cannot be done exactly. */
export function addElidedNodes(
  plan: CapacityPlan,
  elided: ReadonlyMap<string, number>,
  workloads: readonly Workload[],
  usage: (resource: string, requested: number, allocatable: number) => ResourceUsage,
  overcommit: (u: ResourceUsage) => string,
  elidedNode: (pool: string) => Node,
): CapacityPlan | undefined {
  if (plan.headroom.length > 0) return undefined;
  const byLabel = new Map(workloads.map((w) => [`${w.kind} ${w.id}`, w]));
  for (const u of [...plan.unplaced, ...plan.rollouts.flatMap((r) => r.unplaced)]) {
    const w = byLabel.get(u.workload);
    const a = w?.spec.affinity;
    if (!w || w.daemonSet || u.reasons.length === 0 || w.spec.topologySpreadConstraints?.length || a?.podAffinity || a?.podAntiAffinity || w.spec.nodeName) return undefined;
  }
  const daemonSets = workloads.filter((w) => w.daemonSet);
  const extraCluster = new Map<string, { requested: number; allocatable: number }>();
  const extraPlaced = new Map<string, number>();
  const extraSurge = new Map<string, number>();
  const pools: PoolPlan[] = [];
  for (const pool of plan.pools) {
    const n = elided.get(pool.name) ?? 0;
    if (n === 0) {
      pools.push(pool);
      continue;
    }
    // A simulated node of this pool with DaemonSet pods only: what every elided node looks like.
    const rep = pool.nodes.find((node) => node.pods.every((pod) => daemonSets.some((d) => pod === `${d.id}-${node.name}`)));
    if (!rep) return undefined;
    for (const d of daemonSets) {
      if (rep.pods.includes(`${d.id}-${rep.name}`)) extraPlaced.set(d.id, (extraPlaced.get(d.id) ?? 0) + n);
      const dsPlan = plan.rollouts.find((r) => r.workload === `DaemonSet ${d.id}`);
      if (dsPlan && rep.pods.includes(`${d.id}-${rep.name}`)) extraSurge.set(d.id, (extraSurge.get(d.id) ?? 0) + n);
    }
    const poolUsage = pool.usage.map((u) => {
      const r = rep.usage.find((x) => x.resource === u.resource) as ResourceUsage;
      const add = { requested: r.requested * n, allocatable: r.allocatable * n };
      const e = extraCluster.get(u.resource) ?? { requested: 0, allocatable: 0 };
      extraCluster.set(u.resource, { requested: e.requested + add.requested, allocatable: e.allocatable + add.allocatable });
      return usage(u.resource, u.requested + add.requested, u.allocatable + add.allocatable);
    });
    pools.push({ ...pool, nodeCount: pool.nodeCount + n, usage: poolUsage, elidedNodes: n });
  }
  const clusterUsage = plan.usage.map((u) => {
    const e = extraCluster.get(u.resource) ?? { requested: 0, allocatable: 0 };
    return usage(u.resource, u.requested + e.requested, u.allocatable + e.allocatable);
  });
  const totalNodes = pools.reduce((k, p) => k + p.nodeCount, 0);

  // Unplaced pods: each elided node rejects them for the representative's reason.
  const order = schedulingOrder(workloads);
  const replaced = new Map<string, string>();
  const unplaced: UnplacedPod[] = [];
  const recount = (u: UnplacedPod, rollout: boolean): UnplacedPod | undefined => {
    const w = byLabel.get(u.workload) as Workload;
    const histogram = new Map(u.reasons.map((r) => [r.reason, r.count]));
    for (const [pool, n] of elided) {
      // The representative as the pod found it: the DaemonSet pods scheduled before it.
      const scheduler = new ClusterScheduler([elidedNode(pool)]);
      for (const d of order) {
        if (d === w && !rollout) break;
        if (d.daemonSet) scheduler.schedule({ namespace: d.namespace, labels: d.labels, spec: d.spec }, d.id);
      }
      const outcome = scheduler.schedule({ namespace: w.namespace, labels: w.labels, spec: w.spec }, u.pod);
      if (outcome.nodeIndex >= 0 || (outcome.reasons ?? []).length !== 1) return undefined; // cannot tell exactly
      const reason = (outcome.reasons as ReadonlyArray<{ reason: string }>)[0].reason;
      histogram.set(reason, (histogram.get(reason) ?? 0) + n);
    }
    const who = u.message.slice(0, u.message.indexOf(': 0/'));
    const detail = `${NO_NODE_AVAILABLE_MSG(totalNodes)}: ${sortedReasons(histogram)}.`;
    const message = `${who}: ${detail}`;
    replaced.set(u.message, message);
    return { ...u, message, reasons: sortedReasonList(histogram), detail };
  };
  for (const u of plan.unplaced) {
    const fixed = recount(u, false);
    if (!fixed) return undefined;
    unplaced.push(fixed);
  }
  // Failures name pods of a workload failing alike in one line (collapse.ts, e.g. `shop/web
  // (Deployment), replicas 1–2 of 2: 0/3 nodes …`): the same groups, recounted over every node.
  // When the grouping changes, the exact plan on every node is computed instead.
  const before = collapsedFailureLines(plan.unplaced);
  const after = collapsedFailureLines(unplaced);
  if (before.length !== after.length) return undefined;
  before.forEach((line, i) => replaced.set(line, after[i]));
  const fixedRollouts = [];
  for (const r of plan.rollouts) {
    const list: UnplacedPod[] = [];
    for (const u of r.unplaced) {
      if (u.reasons.length === 0) return undefined; // not simulated one by one: counts would change
      const fixed = recount(u, true);
      if (!fixed) return undefined;
      list.push(fixed);
    }
    let message = r.message;
    if (r.unplaced.length > 0) {
      for (const [before, after] of replaced) message = message.split(before).join(after);
      replaced.set(r.message, message);
    }
    fixedRollouts.push({ ...r, unplaced: list, message });
  }
  const workloadPlans: WorkloadPlan[] = plan.workloads.map((w) => {
    const more = extraPlaced.get(w.id);
    if (w.kind !== 'DaemonSet' || more === undefined) return w;
    const replicas = w.replicas + more;
    const surge = extraSurge.has(w.id) ? w.surge + (extraSurge.get(w.id) as number) : w.surge;
    return { ...w, replicas, surge, replicasSource: `one per eligible node (${replicas} of ${totalNodes})`, placed: w.placed + more };
  });
  const rollouts = fixedRollouts.map((r) => {
    const id = r.workload.replace(/^DaemonSet /, '');
    return r.workload.startsWith('DaemonSet ') && extraSurge.has(id) ? { ...r, surge: r.surge + (extraSurge.get(id) as number) } : r;
  });
  const overcommitted = new Set(plan.usage.filter((u) => !u.fits).map((u) => overcommit(u)));
  const failures = [
    ...clusterUsage.filter((u) => !u.fits).map((u) => overcommit(u)),
    ...plan.failures.filter((f) => !overcommitted.has(f)).map((f) => replaced.get(f) ?? f),
  ];
  // A scheduler message left with the simulated node count would understate the cluster: compute it exactly.
  const recounted = new Set(replaced.values());
  if (failures.some((f) => !recounted.has(f) && / 0\/\d+ nodes are available/.test(f))) return undefined;
  return { ...plan, fits: failures.length === 0, failures, usage: clusterUsage, pools, workloads: workloadPlans, rollouts, unplaced };
}

/** `1 node(s) had untolerated taint {a: b}, 999 Insufficient cpu` in sort.Strings order. */
function sortedReasons(histogram: ReadonlyMap<string, number>): string {
  return sortedReasonList(histogram).map((r) => `${r.count} ${r.reason}`).join(', ');
}

function sortedReasonList(histogram: ReadonlyMap<string, number>): Array<{ reason: string; count: number }> {
  const list = [...histogram].map(([reason, count]) => ({ reason, count, s: `${count} ${reason}` }));
  list.sort((a, b) => Buffer.compare(Buffer.from(a.s, 'utf8'), Buffer.from(b.s, 'utf8')));
  return list.map(({ reason, count }) => ({ reason, count }));
}
