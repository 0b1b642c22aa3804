import { findMatchingUntoleratedTaint, taintTolerationFilter, toleratesTaint } from '../../lib/scheduler/taint-toleration';
import type { Taint, Toleration } from '../../lib/scheduler/types';

// Ported from pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go
// (TestTaintTolerationFilter). Expected reasons use the v1.27 wording
// `node(s) had untolerated taint {<key>: <value>}` (newer releases print `… taint(s)`).
describe('TaintToleration filter (upstream TestTaintTolerationFilter)', () => {
  const rows: Array<[string, Toleration[], Taint[], string | undefined]> = [
    ['A pod having no tolerations can\'t be scheduled onto a node with nonempty taints', [], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], 'node(s) had untolerated taint {dedicated: user1}'],
    ['A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], undefined],
    ['A pod which can\'t be scheduled on a dedicated node assigned to user2 with effect NoSchedule', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], 'node(s) had untolerated taint {dedicated: user1}'],
    ['A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node', [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], undefined],
    [
      'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      undefined,
    ],
    ['A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn\'t match, can\'t be scheduled onto the node', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], 'node(s) had untolerated taint {foo: bar}'],
    ['The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node', [{ key: 'foo', operator: 'Equal', value: 'bar' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], undefined],
    ['The pod has a toleration that key and value don\'t match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }], undefined],
    ['The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node', [], [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }], undefined],
  ];
  test.each(rows)('%s', (_name, tolerations, taints, want) => {
    // GIVEN a pod's tolerations and a node's taints WHEN filtered THEN the upstream status
    expect(taintTolerationFilter(taints, tolerations)).toBe(want);
  });

  test('GIVEN a NoExecute taint WHEN the pod does not tolerate it THEN the node is filtered out', () => {
    expect(taintTolerationFilter([{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], [])).toBe('node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
  });

  test('GIVEN several untolerated taints WHEN filtered THEN the first one in node order is named', () => {
    const taints: Taint[] = [
      { key: 'soft', value: 'x', effect: 'PreferNoSchedule' },
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'zone', value: 'down', effect: 'NoExecute' },
    ];
    expect(findMatchingUntoleratedTaint(taints, [])).toEqual(taints[1]);
  });
});

// Ported from staging/src/k8s.io/api/core/v1/toleration_test.go (TestTolerationToleratesTaint).
describe('Toleration.ToleratesTaint (upstream TestTolerationToleratesTaint)', () => {
  const rows: Array<[string, Toleration, Taint, boolean]> = [
    ['toleration and taint have the same key and effect, and operator is Exists, and taint has no value, expect tolerated', { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, { key: 'foo', effect: 'NoSchedule' }, true],
    ['toleration and taint have the same key and effect, and operator is Exists, and taint has some value, expect tolerated', { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }, true],
    ['toleration and taint have the same effect, toleration has empty key and operator is Exists, means match all taints, expect tolerated', { key: '', operator: 'Exists', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }, true],
    ['toleration and taint have the same key, effect and value, and operator is Equal, expect tolerated', { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }, true],
    ['toleration and taint have the same key and effect, but different values, and operator is Equal, expect not tolerated', { key: 'foo', operator: 'Equal', value: 'value1', effect: 'NoSchedule' }, { key: 'foo', value: 'value2', effect: 'NoSchedule' }, false],
    ['toleration and taint have the same key and value, but different effects, and operator is Equal, expect not tolerated', { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoExecute' }, false],
  ];
  test.each(rows)('%s', (_name, toleration, taint, want) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });
});
