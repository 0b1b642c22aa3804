// pkg/kubelet/lifecycle/predicate.go (1.27): Admit reports only the first failure of generalFilter,
// in AdmissionCheck order (resources — pods, cpu, memory, ephemeral-storage, scalars — then node
// affinity, node name, node ports), then the NoExecute taint check; removeMissingExtendedResources
// drops extended resources the node does not list.
import { kubeletAdmit } from '../../lib/scheduler/kubelet-admission';
import { emptyResourceVector, nodeAllocatableVector, podResourceVector } from '../../lib/scheduler/node-fit';
import type { Node, PodSpec } from '../../lib/scheduler/types';

const node: Node = {
  apiVersion: 'v1', kind: 'Node',
  metadata: { name: 'n1', labels: { zone: 'a' } },
  spec: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
  status: { allocatable: { cpu: '1', memory: '1Gi', pods: '2' } },
} as Node;
const spec = (requests: Record<string, string>, extra: Partial<PodSpec> = {}): PodSpec => ({ nodeName: 'n1', containers: [{ name: 'm', resources: { requests } }], ...extra } as PodSpec);
const admit = (s: PodSpec, podCount = 0) => kubeletAdmit(s, podResourceVector(s), { node, allocatable: nodeAllocatableVector(node), requested: emptyResourceVector(), podCount });

describe('kubeletAdmit', () => {
  test('admits a pod that fits despite a NoSchedule taint', () => {
    expect(admit(spec({ cpu: '500m' }))).toBeUndefined();
  });

  test('reports the first insufficient resource in fit.go order, with InsufficientResourceError wording', () => {
    expect(admit(spec({ cpu: '2', memory: '2Gi' }))).toEqual({ reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 0, capacity: 1000" });
    expect(admit(spec({ memory: '2Gi' }))).toEqual({ reason: 'OutOfmemory', message: "Pod was rejected: Node didn't have enough resource: memory, requested: 2147483648, used: 0, capacity: 1073741824" });
    expect(admit(spec({ cpu: '2' }), 2)).toEqual({ reason: 'OutOfpods', message: "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2" });
  });

  test('ignores an extended resource the node does not list (removeMissingExtendedResources)', () => {
    expect(admit(spec({ cpu: '100m', 'example.com/dongle': '1' }))).toBeUndefined();
  });

  test('rejects a pod whose nodeSelector the node does not match: Predicate NodeAffinity failed', () => {
    expect(admit(spec({ cpu: '100m' }, { nodeSelector: { zone: 'b' } }))).toEqual({ reason: 'NodeAffinity', message: 'Pod was rejected: Predicate NodeAffinity failed' });
  });

  test('rejects an untolerated NoExecute taint: Predicate TaintToleration failed', () => {
    const tainted = { ...node, spec: { taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }] } } as Node;
    const s = spec({ cpu: '100m' });
    expect(kubeletAdmit(s, podResourceVector(s), { node: tainted, allocatable: nodeAllocatableVector(tainted), requested: emptyResourceVector(), podCount: 0 }))
      .toEqual({ reason: 'TaintToleration', message: 'Pod was rejected: Predicate TaintToleration failed' });
  });
});
