// NodeUnschedulable and NodeName filters. Ports (Kubernetes v1.27):
//   pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go
//   pkg/scheduler/framework/plugins/nodename/node_name.go
import { tolerationsTolerateTaint, TAINT_EFFECT_NO_SCHEDULE } from './taint-toleration';
import type { Toleration } from './types';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";
/** v1.TaintNodeUnschedulable. */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** A pod tolerating the unschedulable taint also tolerates `spec.unschedulable`. */
export function nodeUnschedulableFilter(unschedulable: boolean | undefined, tolerations: readonly Toleration[] | undefined): string | undefined {
  if (!unschedulable) return undefined;
  const tolerates = tolerationsTolerateTaint(tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: TAINT_EFFECT_NO_SCHEDULE });
  return tolerates ? undefined : ERR_REASON_UNSCHEDULABLE;
}

/** NodeName: a pod with `spec.nodeName` only fits that node. */
export function nodeNameFilter(podNodeName: string | undefined, nodeName: string): string | undefined {
  return !podNodeName || podNodeName === nodeName ? undefined : ERR_REASON_NODE_NAME;
}
