// Ported from kubernetes/kubernetes
//   pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go (TestNodeUnschedulable)
//   pkg/scheduler/framework/plugins/nodename/node_name_test.go (TestNodeName)
// for Kubernetes 1.27.
import { ERR_REASON_NODE_NAME, ERR_REASON_UNSCHEDULABLE, nodeNameFilter, nodeUnschedulableFilter, TAINT_NODE_UNSCHEDULABLE } from '../../lib/scheduler/node-unschedulable';
import type { Toleration } from '../../lib/scheduler/types';

describe('TestNodeUnschedulable', () => {
  test.each([
    ['Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', true, undefined, ERR_REASON_UNSCHEDULABLE],
    ['Schedule pod to normal node', false, undefined, undefined],
    ['Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)', true, [{ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' }], undefined],
  ] as Array<[string, boolean, Toleration[] | undefined, string | undefined]>)('%s', (_name, unschedulable, tolerations, want) => {
    expect(nodeUnschedulableFilter(unschedulable, tolerations)).toBe(want);
  });

  test('an Exists toleration without key tolerates the cordon too (TolerationsTolerateTaint)', () => {
    expect(nodeUnschedulableFilter(true, [{ operator: 'Exists' }])).toBeUndefined();
    expect(nodeUnschedulableFilter(true, [{ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoExecute' }])).toBe(ERR_REASON_UNSCHEDULABLE);
  });
});

describe('TestNodeName', () => {
  test.each([
    ['no host specified', undefined, 'foo', undefined],
    ['host matches', 'foo', 'foo', undefined],
    ['host doesn\'t match', 'bar', 'foo', ERR_REASON_NODE_NAME],
  ])('%s', (_name, podNodeName, nodeName, want) => {
    expect(nodeNameFilter(podNodeName, nodeName)).toBe(want);
  });
});
