// Identical failures collapse: 60 replicas that fail for the same reason are one line,
// `shop/web (Deployment), replicas 55–60 of 60: 0/3 nodes are available: 3 Insufficient cpu.`
// Pods group by workload, surge or not, and the scheduler's message; groups keep the order of
// their first pod. Linear in the number of pods (one Map), no sorting of more than one group's
// replica numbers, which arrive in ascending order already.
import type { UnplacedPod } from './plan';

/** Pods of one workload that were not placed for the same reason. */
export interface UnplacedGroup {
  /** `Deployment shop/web`. */
  readonly workload: string;
  readonly surge: boolean;
  /** The scheduler's message without the pod: `0/3 nodes are available: 3 Insufficient cpu.` */
  readonly detail: string;
  /** 1-based replica numbers, ascending. */
  readonly replicas: number[];
  /** Pods budgeted for the workload. */
  readonly of: number;
  /** The first pod's own message (used when the group has one pod). */
  readonly firstMessage: string;
  /** The first pod's name: `shop/web-55`. */
  readonly firstPod: string;
}

/** Groups unplaced pods; a pod without `detail` (an older plan) stays alone. */
export function collapseUnplaced(unplaced: readonly UnplacedPod[]): UnplacedGroup[] {
  const groups = new Map<string, UnplacedGroup>();
  let alone = 0;
  for (const p of unplaced) {
    const key = p.detail === undefined ? `\u0000${alone++}` : `${p.workload}\u0000${p.surge}\u0000${p.detail}`;
    const g = groups.get(key);
    if (g) {
      g.replicas.push(p.replica);
      continue;
    }
    groups.set(key, {
      workload: p.workload,
      surge: p.surge,
      detail: p.detail,
      replicas: [p.replica],
      of: p.of,
      firstMessage: p.message,
      firstPod: p.pod,
    });
  }
  return [...groups.values()];
}

/** One line per group: the pod's own message for one pod, else the collapsed form. */
export function unplacedGroupLine(g: UnplacedGroup): string {
  if (g.replicas.length === 1) return g.firstMessage;
  const space = g.workload.indexOf(' ');
  const kind = g.workload.slice(0, space);
  const id = g.workload.slice(space + 1);
  return `${id} (${kind}), replicas ${replicaRanges(g.replicas)} of ${g.of}${g.surge ? ' (rollout surge)' : ''}: ${g.detail}`;
}

/** The failure lines of unplaced pods, collapsed. */
export function collapsedFailureLines(unplaced: readonly UnplacedPod[]): string[] {
  return collapseUnplaced(unplaced).map(unplacedGroupLine);
}

/** `55–60`, `1, 3–5, 9` (ascending input; runs of 2 or more joined with an en dash). */
export function replicaRanges(replicas: readonly number[]): string {
  const sorted = isAscending(replicas) ? replicas : [...replicas].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    const r = sorted[i];
    if (i < sorted.length && r === prev + 1) {
      prev = r;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}–${prev}`);
    start = r;
    prev = r;
  }
  return parts.join(', ');
}

function isAscending(a: readonly number[]): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] < a[i - 1]) return false;
  return true;
}
