// How the DaemonSet controller turns one DaemonSet into pods. Ports (Kubernetes v1.27):
//   pkg/controller/daemon/daemon_controller.go (NodeShouldRunDaemonPod, predicates, NewPod)
//   pkg/controller/daemon/util/daemonset_util.go (AddOrUpdateDaemonPodTolerations,
//     ReplaceDaemonSetPodNodeNameNodeAffinity: the pod is pinned with a matchFields metadata.name term)
import { requiredNodeAffinity } from '../scheduler/node-affinity';
import { findMatchingUntoleratedTaint } from '../scheduler/taint-toleration';
import type { Node, PodSpec, Toleration } from '../scheduler/types';

/** The tolerations every DaemonSet pod gets (`hostNetwork` pods also tolerate network-unavailable). */
export function daemonPodTolerations(spec: PodSpec): Toleration[] {
  const add: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork === true) add.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const out = [...(spec.tolerations ?? [])];
  for (const t of add) {
    // AddOrUpdateTolerationInPodSpec: same key, operator, value and effect = already there.
    const same = out.some((o) => (o.key ?? '') === t.key && (o.operator ?? '') === t.operator && (o.value ?? '') === '' && (o.effect ?? '') === t.effect);
    if (!same) out.push(t);
  }
  return out;
}

/** The spec of the pod the controller creates (tolerations added), before node pinning. */
export function daemonPodSpec(template: PodSpec): PodSpec {
  return { ...template, tolerations: daemonPodTolerations(template) };
}

/**
 * NodeShouldRunDaemonPod (first result): node name, required node affinity/nodeSelector and
 * NoSchedule/NoExecute taints (with the DaemonSet tolerations) decide; resources do not.
 */
export function nodeShouldRunDaemonPod(daemonSpec: PodSpec, node: Node): boolean {
  return daemonPodNodeFilter(daemonSpec)(node);
}

/** nodeShouldRunDaemonPod for many nodes: the DaemonSet's node affinity is read once. */
export function daemonPodNodeFilter(daemonSpec: PodSpec): (node: Node) => boolean {
  let affinity: ReturnType<typeof requiredNodeAffinity> | undefined; // read when first needed, as per node
  return (node) => {
    const name = node.metadata?.name ?? '';
    if (daemonSpec.nodeName && daemonSpec.nodeName !== name) return false;
    if (!(affinity ??= requiredNodeAffinity(daemonSpec)).match({ name, labels: node.metadata?.labels ?? {} })) return false;
    return findMatchingUntoleratedTaint(node.spec?.taints, daemonSpec.tolerations) === undefined;
  };
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes `metadata.name In [node]`. */
export function pinToNode(daemonSpec: PodSpec, nodeName: string): PodSpec {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const affinity = daemonSpec.affinity ?? {};
  return {
    ...daemonSpec,
    affinity: {
      ...affinity,
      nodeAffinity: { ...(affinity.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } },
    },
  };
}
