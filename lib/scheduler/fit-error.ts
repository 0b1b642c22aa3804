// The message kube-scheduler writes when a pod fits no node. Port of `FitError.Error()` in
// pkg/scheduler/framework/types.go (Kubernetes v1.27): reasons counted per node, each rendered
// "<count> <reason>", sorted with Go's sort.Strings (byte order, so "10 …" sorts before "2 …"),
// joined with ", "; PreFilter and PostFilter messages use the separator " %v.".

/** framework.NoNodeAvailableMsg. */
export const NO_NODE_AVAILABLE_MSG = (numAllNodes: number) => `0/${numAllNodes} nodes are available`;

/** One pod's scheduling diagnosis. */
export interface Diagnosis {
  /** Reasons per rejected node (one status per node; a status may carry several reasons). */
  readonly nodeReasons: readonly (readonly string[])[];
  /** Set when a PreFilter plugin rejected the pod for all nodes; node reasons are then ignored. */
  readonly preFilterMsg?: string;
  /** Message of PostFilter plugins (preemption); not produced by the simulation. */
  readonly postFilterMsg?: string;
}

/** Count of nodes per reason. */
export function reasonHistogram(nodeReasons: readonly (readonly string[])[]): Map<string, number> {
  const reasons = new Map<string, number>();
  for (const status of nodeReasons) for (const r of status) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  return reasons;
}

/** Go's string comparison: byte-wise over UTF-8. */
function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** `["1 node(s) had untolerated taint {dedicated: gpu}", "2 Insufficient cpu"]`, in upstream order. */
export function sortedReasonStrings(histogram: ReadonlyMap<string, number>): string[] {
  const strings: string[] = [];
  for (const [reason, count] of histogram) strings.push(`${count} ${reason}`);
  return strings.sort(compareGoStrings);
}

/** `0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.` */
export function fitErrorMessage(numAllNodes: number, diagnosis: Diagnosis): string {
  let msg = `${NO_NODE_AVAILABLE_MSG(numAllNodes)}:`;
  if (diagnosis.preFilterMsg) {
    msg += ` ${diagnosis.preFilterMsg}.`;
  } else {
    const sorted = sortedReasonStrings(reasonHistogram(diagnosis.nodeReasons));
    if (sorted.length !== 0) msg += ` ${sorted.join(', ')}.`;
  }
  if (diagnosis.postFilterMsg) msg += ` ${diagnosis.postFilterMsg}.`;
  return msg;
}
