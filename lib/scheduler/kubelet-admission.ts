// Kubelet admission of a pod bound with `spec.nodeName` (the scheduler never sees it). Port of
// Kubernetes v1.27:
//   pkg/kubelet/lifecycle/predicate.go  predicateAdmitHandler.Admit, generalFilter,
//     removeMissingExtendedResources, InsufficientResourceError.Error, PredicateFailureError.Error
//   pkg/scheduler/schedule_one.go       AdmissionCheck (noderesources.Fits, required node
//     affinity incl. nodeSelector, nodename.Fits, nodeports.Fits; includeAllFailures = true)
//   pkg/kubelet/kubelet.go              rejectPod: status message `Pod was rejected: <message>`
// Only the first reason is reported, as Admit does. Taints: only NoExecute ones (generalFilter);
// NoSchedule taints and a cordoned node (spec.unschedulable) do not stop a bound pod.
import { isExtendedResourceName } from '../kubernetes/resource-requirements';
import { insufficientResources, ResourceVector } from './node-fit';
import { requiredNodeAffinity } from './node-affinity';
import { HostPortInfo, nodePortsFilter, podHostPorts } from './node-ports';
import { findMatchingUntoleratedTaint, TAINT_EFFECT_NO_EXECUTE } from './taint-toleration';
import type { Node, PodSpec } from './types';

/** The node's state as kubelet sees it when the pod arrives. */
export interface KubeletNodeState {
  readonly node: Node;
  readonly allocatable: ResourceVector;
  /** Sum of the requests of the pods already on the node. */
  readonly requested: ResourceVector;
  readonly podCount: number;
  /** @default - no host ports in use */
  readonly usedPorts?: HostPortInfo;
}

/** Admit's result for a rejected pod. */
export interface KubeletRejection {
  /** PodAdmitResult.Reason: `OutOfcpu`, `NodeAffinity`, `NodeName`, `NodePorts`, `TaintToleration`. */
  readonly reason: string;
  /** The pod's status message: `Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 0, capacity: 1000`. */
  readonly message: string;
}

/**
 * predicateAdmitHandler.Admit for `spec` (the pod's request `request`, from podResourceVector)
 * on `state`: undefined when kubelet admits the pod, else the first reason, worded as kubelet.
 */
export function kubeletAdmit(spec: PodSpec, request: ResourceVector, state: KubeletNodeState): KubeletRejection | undefined {
  const nodeName = state.node.metadata?.name ?? '';
  // removeMissingExtendedResources: extended resources the node does not list are not checked.
  const scalarNames = request.scalarNames.filter((n) => !isExtendedResourceName(n) || state.allocatable.scalarResources[n] !== undefined);
  const adjusted: ResourceVector = scalarNames.length === request.scalarNames.length ? request : { ...request, scalarNames };

  const reasons: KubeletRejection[] = [];
  for (const r of insufficientResources(state.allocatable, state.requested, state.podCount, adjusted)) {
    reasons.push({
      reason: `OutOf${r.resourceName}`,
      message: `Node didn't have enough resource: ${r.resourceName}, requested: ${r.requested}, used: ${r.used}, capacity: ${r.capacity}`,
    });
  }
  const predicate = (name: string) => ({ reason: name, message: `Predicate ${name} failed` });
  if (!requiredNodeAffinity(spec).match({ name: nodeName, labels: state.node.metadata?.labels ?? {} })) reasons.push(predicate('NodeAffinity'));
  if (spec.nodeName !== undefined && spec.nodeName !== '' && spec.nodeName !== nodeName) reasons.push(predicate('NodeName'));
  if (nodePortsFilter(podHostPorts(spec), state.usedPorts) !== undefined) reasons.push(predicate('NodePorts'));
  const noExecute = (state.node.spec?.taints ?? []).filter((t) => t.effect === TAINT_EFFECT_NO_EXECUTE);
  if (findMatchingUntoleratedTaint(noExecute, spec.tolerations) !== undefined) reasons.push(predicate('TaintToleration'));

  if (reasons.length === 0) return undefined;
  return { reason: reasons[0].reason, message: `Pod was rejected: ${reasons[0].message}` };
}
