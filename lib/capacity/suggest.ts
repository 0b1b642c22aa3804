// How many nodes do I need? Per pool, the smallest node count at which everything fits with
// the requested headroom — like cluster-autoscaler's bin-packing estimate
// (cluster-autoscaler/estimator/binpacking_estimator.go: new nodes are copies of the node
// group's template node, pods are packed with the scheduler's own filters), but with this
// package's full simulation (every filter, DaemonSets on the new nodes, surge, headroom).
//
// Search (deterministic; every step is a full `planCapacity` run):
// 1. Grow: while everything does not fit, double one pool at a time, in pool order, up to its
//    cap, and move to the next pool only when the cap is reached.
// 2. Shrink: then, grown pools first, each pool in turn takes the smallest count (binary search
//    down to 0) at which everything still fits, the other pools held where they are.
// The answer therefore fits by construction (the last run checked it). The search assumes that
// adding identical nodes never breaks a fit, which holds for every filter modelled here.
// New nodes copy a template: the NodePool itself, or the pool's real Node objects in turn (so
// zones stay spread as they are), named `<pool>-new-<n>`, not cordoned.
// Bounded: a pool is searched up to max(its present count, min(SUGGEST_MAX_NODES, 2 × budgeted
// pods + headroom + 2)) nodes — beyond one node per pod twice over (zone loss) more identical
// nodes cannot help — and when even the caps do not fit, the answer says which pod fits no
// number of nodes, and why.
import type { NodePool } from '../manifests/node-pool';
import { flattenNodes, nodesFromPools, poolOfNode } from '../manifests/nodes';
import { nodeAllocatableVector } from '../scheduler/node-fit';
import { toMilli, toValue } from '../kubernetes/quantity';
import type { Node } from '../scheduler/types';
import { collapseUnplaced, unplacedGroupLine } from './collapse';
import { Headroom } from './headroom';
import { appendAll } from './private/arrays';
import { CapacityPlan, CapacityPlanInput, planCapacity } from './plan';

/** Largest node count the search tries for a pool (unless the pool already has more). */
export const SUGGEST_MAX_NODES = 1000;

/** The answer for one pool. */
export interface NodeSuggestion {
  /** Pool name. */
  readonly pool: string;
  /** Smallest node count at which everything fits; null when no count up to the cap does. */
  readonly nodes: number | null;
  /** Nodes the pool has now. */
  readonly present: number;
  /** Why `nodes` is null: `no number of nodes of pool general fits …`. @default - nodes found */
  readonly message?: string;
}

/** `pool general: 5 nodes needed, 4 present`, or the message when nothing fits. */
export function suggestionLine(s: NodeSuggestion): string {
  if (s.nodes === null) return s.message ?? `pool ${s.pool}: no node count fits`;
  return `pool ${s.pool}: ${s.nodes} node${s.nodes === 1 ? '' : 's'} needed, ${s.present} present`;
}

/**
 * One line per suggestion, each said once: when no count fits, every pool carries the same
 * `no number of nodes of pools general, gpu fits …`, which the synth error and the report print once.
 */
export function suggestionLines(suggestions: readonly NodeSuggestion[]): string[] {
  return [...new Set(suggestions.map(suggestionLine))];
}

interface PoolShape {
  readonly name: string;
  readonly present: number;
  /** The NodePool whose count varies, if the pool is one. */
  readonly nodePool?: NodePool;
  /** Real Node objects of the pool, in input order. */
  readonly real: readonly Node[];
  readonly cap: number;
}

/**
 * The suggestions for `input` (whose nodes, expanded, are `nodes`). Used by planCapacity when
 * `input.suggest` is set; call that instead.
 */
export function suggestNodeCounts(input: CapacityPlanInput, plan: CapacityPlan): NodeSuggestion[] {
  const headroom = Headroom.of(input.headroom);
  const budgetedPods = plan.usage.find((u) => u.resource === 'pods')?.requested ?? 0;
  // Bounded: pools are described by their counts, never expanded (a pool may have 1,000,000 nodes).
  const realNodes = flattenNodes(input.nodes ?? []);
  const shapes = poolShapes(input, realNodes, budgetedPods, headroom);
  if (shapes.length === 0) return [];
  const bound = lowerBound(shapes, plan, headroom);
  const realNames = new Set(realNodes.map((n) => n.metadata.name ?? ''));
  const poolCounts = new Map((input.pools ?? []).map((p) => [p.name, p.count]));
  const usedNames = { has: (name: string) => realNames.has(name) || isPoolNodeName(name, poolCounts) };

  // Only the verdicts are kept (a plan of a large cluster is large); the plan at the caps is
  // recomputed for the message when nothing fits.
  const run = (counts: readonly number[]): CapacityPlan => planCapacity({ ...input, ...nodesFor(shapes, counts, usedNames), suggest: false });
  const cache = new Map<string, boolean>();
  const fits = (counts: readonly number[]): boolean => {
    const key = counts.join(',');
    let ok = cache.get(key);
    if (ok === undefined) cache.set(key, (ok = placementFits(run(counts))));
    return ok;
  };

  const counts = shapes.map((s) => s.present);
  // 1. grow
  for (let p = 0; p < shapes.length && !fits(counts); p++) {
    counts[p] = Math.max(counts[p], bound(p, counts));
    while (!fits(counts) && counts[p] < shapes[p].cap) {
      counts[p] = Math.min(shapes[p].cap, Math.max(1, counts[p] * 2));
    }
  }
  if (!fits(counts)) {
    const message = unreachable(shapes, run(counts));
    return shapes.map((s) => ({ pool: s.name, nodes: null, present: s.present, message }));
  }
  // 2. shrink: grown pools first, then the others, each in pool order
  const order = [...shapes.keys()].sort((a, b) => Number(counts[b] > shapes[b].present) - Number(counts[a] > shapes[a].present) || a - b);
  for (const p of order) {
    const floor = shapes[p].real.length > 0 && shapes[p].nodePool ? shapes[p].real.length : 0;
    const at = (n: number) => {
      const trial = [...counts];
      trial[p] = n;
      return fits(trial);
    };
    let hi = counts[p]; // fits
    // Gallop up from the lower bound (the answer is usually at or just above it), then bisect.
    let bad = Math.max(floor, Math.min(hi, bound(p, counts))) - 1;
    for (let step = 1; bad + step < hi; step *= 2) {
      if (at(bad + step)) {
        hi = bad + step;
        break;
      }
      bad += step;
    }
    let lo = bad + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (at(mid)) hi = mid;
      else lo = mid + 1;
    }
    counts[p] = hi;
  }
  return shapes.map((s, i) => ({ pool: s.name, nodes: counts[i], present: s.present }));
}

/**
 * A lower bound of pool p's count with the other pools at `counts`: the requests of every pod
 * but DaemonSet pods (which come with their nodes) must fit the allocatable of all pools
 * together, each node at most its pool's largest; plus p's N+k. Wherever a pod may go, fewer
 * nodes than this cannot fit, so the search may start here.
 */
function lowerBound(shapes: readonly PoolShape[], plan: CapacityPlan, headroom: Headroom): (p: number, counts: readonly number[]) => number {
  const requested = new Map<string, number>();
  for (const w of plan.workloads) {
    if (w.kind === 'DaemonSet') continue;
    const pods = w.replicas + w.surge;
    requested.set('pods', (requested.get('pods') ?? 0) + pods);
    for (const [resource, q] of Object.entries(w.podRequests)) {
      let v: number;
      try {
        v = Number(resource === 'cpu' ? toMilli(q) : toValue(q));
      } catch {
        continue;
      }
      requested.set(resource, (requested.get(resource) ?? 0) + pods * v);
    }
  }
  const perNode = shapes.map((s) => largestNode(s));
  return (p, counts) => {
    let need = 0;
    for (const [resource, total] of requested) {
      const per = perNode[p].get(resource) ?? 0;
      if (per <= 0 || total <= 0) continue;
      let others = 0;
      shapes.forEach((_s, q) => { if (q !== p) others += counts[q] * (perNode[q].get(resource) ?? 0); });
      const missing = total - others;
      if (missing > 0) need = Math.max(need, Math.ceil(missing / per));
    }
    if (need > 0) need += headroom.nodesLost(shapes[p].name);
    return Math.min(need, shapes[p].cap);
  };
}

/** Per resource, the largest allocatable of one node of the pool (its template, or its real nodes). */
function largestNode(s: PoolShape): Map<string, number> {
  const out = new Map<string, number>();
  const templates: Node[] = [...s.real];
  if (s.nodePool) templates.push(...nodesFromPools([{ ...s.nodePool, count: 1 }]).map((n) => n.node));
  for (const node of templates) {
    const v = nodeAllocatableVector(node);
    const entries: Array<[string, number]> = [['cpu', v.milliCPU], ['memory', v.memory], ['ephemeral-storage', v.ephemeralStorage], ['pods', v.allowedPodNumber], ...Object.entries(v.scalarResources)];
    for (const [r, x] of entries) out.set(r, Math.max(out.get(r) ?? 0, x));
  }
  return out;
}

/** Placement, totals and headroom pass (problems such as missing requests do not depend on nodes). */
function placementFits(plan: CapacityPlan): boolean {
  return plan.unplaced.length === 0 && plan.usage.every((u) => u.fits) && plan.headroom.every((h) => h.fits);
}

/** `<pool>-<i>` with 1 ≤ i ≤ the pool's count: a node of a NodePool. */
function isPoolNodeName(name: string, poolCounts: ReadonlyMap<string, number>): boolean {
  for (let dash = name.indexOf('-'); dash >= 0; dash = name.indexOf('-', dash + 1)) {
    const count = poolCounts.get(name.slice(0, dash));
    const rest = name.slice(dash + 1);
    if (count !== undefined && /^[1-9][0-9]*$/.test(rest) && Number(rest) <= count) return true;
  }
  return false;
}

/** The pools in node order (NodePools expanded first, then Node objects; empty pools last), with their counts. */
function poolShapes(input: CapacityPlanInput, realNodes: readonly Node[], budgetedPods: number, headroom: Headroom): PoolShape[] {
  const names: string[] = [];
  const real = new Map<string, Node[]>();
  const present = new Map<string, number>();
  const add = (pool: string, n: number) => {
    if (!present.has(pool)) names.push(pool);
    present.set(pool, (present.get(pool) ?? 0) + n);
  };
  for (const p of input.pools ?? []) if (p.count > 0) add(p.name, p.count);
  for (const node of realNodes) {
    const pool = poolOfNode(node, input.poolLabel);
    add(pool, 1);
    let list = real.get(pool);
    if (!list) real.set(pool, (list = []));
    list.push(node);
  }
  const poolsByName = new Map((input.pools ?? []).map((p) => [p.name, p]));
  for (const p of input.pools ?? []) if (!present.has(p.name)) names.push(p.name); // count 0
  return names.map((name) => {
    const have = present.get(name) ?? 0;
    const k = headroom.nodesLost(name);
    return {
      name,
      present: have,
      nodePool: poolsByName.get(name),
      real: real.get(name) ?? [],
      cap: Math.max(have, Math.min(SUGGEST_MAX_NODES, 2 * budgetedPods + k + 2)),
    };
  });
}

/** Pools and Node objects with `counts[i]` nodes in pool i. */
function nodesFor(shapes: readonly PoolShape[], counts: readonly number[], usedNames: { has(name: string): boolean }): { pools: NodePool[]; nodes: Node[] } {
  const pools: NodePool[] = [];
  const nodes: Node[] = [];
  shapes.forEach((s, i) => {
    const n = counts[i];
    if (s.nodePool) {
      appendAll(nodes, s.real);
      pools.push({ ...s.nodePool, count: Math.max(0, n - s.real.length) });
      return;
    }
    for (let j = 0; j < Math.min(n, s.real.length); j++) nodes.push(s.real[j]);
    const templates = s.real.filter((x) => x.spec?.unschedulable !== true);
    const from = templates.length > 0 ? templates : s.real;
    let serial = 0;
    for (let j = s.real.length; j < n; j++) {
      let name: string;
      do name = `${s.name}-new-${++serial}`; while (usedNames.has(name));
      nodes.push(copyNode(from[(j - s.real.length) % from.length], name));
    }
  });
  return { pools, nodes };
}

/** A new node like `template`: same labels, taints and allocatable; its own name; schedulable and Ready. */
function copyNode(template: Node, name: string): Node {
  const { unschedulable: _unschedulable, ...spec } = template.spec ?? {};
  const { conditions: _conditions, ...status } = template.status ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { ...(template.metadata.labels ?? {}), 'kubernetes.io/hostname': name } },
    spec,
    status,
  };
}

/** Why no count fits, from the run at the caps. */
function unreachable(shapes: readonly PoolShape[], plan: CapacityPlan): string {
  const pools = shapes.length === 1 ? `pool ${shapes[0].name}` : `pools ${shapes.map((s) => s.name).join(', ')}`;
  const upTo = shapes.length === 1
    ? `tried up to ${shapes[0].cap} node${shapes[0].cap === 1 ? '' : 's'}`
    : `tried up to ${shapes.map((s, i) => `${s.cap}${i === 0 ? ` node${s.cap === 1 ? '' : 's'}` : ''} of ${s.name}`).join(', ')}`;
  if (plan.unplaced.length > 0) {
    const first = collapseUnplaced(plan.unplaced)[0];
    return `no number of nodes of ${pools} fits pod ${first.firstPod} (${upTo}): ${unplacedGroupLine(first)}`;
  }
  const headroomFailure = plan.failures.find((f) => f.startsWith('headroom '));
  if (headroomFailure) {
    const hint = headroomFailure.startsWith('headroom zone loss') ? ' (new nodes keep the zones of the pool: a pool in one zone loses all its nodes with it; spread it over zones, e.g. NodePool zones)' : '';
    return `no number of nodes of ${pools} fits with the headroom (${upTo})${hint}: ${headroomFailure}`;
  }
  return `no number of nodes of ${pools} fits (${upTo}): ${plan.failures[0] ?? 'the totals exceed the allocatable'}`;
}
