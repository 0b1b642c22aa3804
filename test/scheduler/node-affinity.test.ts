import { ERR_REASON_NODE_AFFINITY, nodeAffinityFilter, requiredNodeAffinity } from '../../lib/scheduler/node-affinity';
import type { NodeSelectorTerm, PodSpec } from '../../lib/scheduler/types';

const REASON = ERR_REASON_NODE_AFFINITY;
const affinity = (...nodeSelectorTerms: NodeSelectorTerm[]): PodSpec => ({
  containers: [],
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } },
});

// Ported from pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go (TestNodeAffinity):
// pod, node labels, node name (default "node1"), wanted Filter reason and PreFilterResult.
interface Row {
  readonly name: string;
  readonly pod: PodSpec;
  readonly labels?: Record<string, string>;
  readonly nodeName?: string;
  readonly want?: string;
  readonly wantNodeNames?: string[];
  readonly wantSkip?: boolean;
}
const rows: Row[] = [
  { name: 'missing labels', pod: { containers: [], nodeSelector: { foo: 'bar' } }, want: REASON },
  { name: 'same labels', pod: { containers: [], nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar' } },
  { name: 'node labels are superset', pod: { containers: [], nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar', baz: 'blah' } },
  { name: 'node labels are subset', pod: { containers: [], nodeSelector: { foo: 'bar', baz: 'blah' } }, labels: { foo: 'bar' }, want: REASON },
  { name: 'Pod with matchExpressions using In operator that matches the existing node', pod: affinity({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }), labels: { foo: 'bar' } },
  { name: 'Pod with matchExpressions using Gt operator that matches the existing node', pod: affinity({ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }), labels: { 'kernel-version': '0206' } },
  { name: 'Pod with matchExpressions using NotIn operator that matches the existing node', pod: affinity({ matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] }), labels: { 'mem-type': 'DDR3' } },
  { name: 'Pod with matchExpressions using Exists operator that matches the existing node', pod: affinity({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }), labels: { GPU: 'NVIDIA-GRID-K1' } },
  { name: "Pod with affinity that don't match node's labels won't schedule onto the node", pod: affinity({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'value2'] }] }), labels: { foo: 'bar' }, want: REASON },
  { name: 'Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node', pod: affinity({ matchExpressions: [] }), labels: { foo: 'bar' }, want: REASON },
  { name: 'Pod with no Affinity will schedule onto a node', pod: { containers: [] }, labels: { foo: 'bar' }, wantSkip: true },
  { name: 'Pod with Affinity but nil NodeSelector will schedule onto a node', pod: { containers: [], affinity: { nodeAffinity: {} } }, labels: { foo: 'bar' }, wantSkip: true },
  { name: 'Pod with multiple matchExpressions ANDed that matches the existing node', pod: affinity({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] }] }), labels: { GPU: 'NVIDIA-GRID-K1' } },
  { name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node", pod: affinity({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'In', values: ['AMD', 'INTER'] }] }), labels: { GPU: 'NVIDIA-GRID-K1' }, want: REASON },
  {
    name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
    pod: affinity({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }, { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong', 'value2'] }] }),
    labels: { foo: 'bar' },
  },
  {
    name: 'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
    pod: { ...affinity({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }), nodeSelector: { foo: 'bar' } },
    labels: { foo: 'bar' },
  },
  {
    name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
    pod: { ...affinity({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }), nodeSelector: { foo: 'bar' } },
    labels: { foo: 'barrrrrr' },
    want: REASON,
  },
  { name: "Pod with an invalid value in Affinity term won't be scheduled onto the node", pod: affinity({ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['invalid value: ___@#$%^'] }] }), labels: { foo: 'bar' }, want: REASON },
  { name: 'Pod with matchFields using In operator that matches the existing node', pod: affinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }), nodeName: 'node1', wantNodeNames: ['node1'] },
  { name: 'Pod with matchFields using In operator that does not match the existing node', pod: affinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }), nodeName: 'node2', want: REASON, wantNodeNames: ['node1'] },
  {
    name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
    // release-1.27's row: the first term names node1 only (later tables give it a second,
    // conflicting name; 1.27's PreFilter would fail that pod — see the test below)
    pod: affinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }, { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }),
    nodeName: 'node2',
    labels: { foo: 'bar' },
  },
];

describe('NodeAffinity filter (upstream TestNodeAffinity)', () => {
  test.each(rows)('$name', (row) => {
    // GIVEN a pod and a node WHEN PreFilter and Filter run THEN the upstream status and PreFilterResult
    const compiled = requiredNodeAffinity(row.pod);
    expect(compiled.skip).toBe(row.wantSkip === true);
    expect(compiled.nodeNames === undefined ? undefined : [...compiled.nodeNames].sort()).toEqual(row.wantNodeNames);
    expect(nodeAffinityFilter(compiled, { name: row.nodeName ?? 'node1', labels: row.labels ?? {} })).toBe(row.want);
  });

  test('GIVEN every term pins conflicting node names WHEN PreFilter runs THEN the node set is empty (pod affinity terms conflict)', () => {
    const compiled = requiredNodeAffinity(affinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }, { key: 'metadata.name', operator: 'In', values: ['node2'] }] }));
    expect(compiled.nodeNames?.size).toBe(0);
  });

  test('GIVEN a conflicting first term and a matchExpressions term THEN 1.27 PreFilter fails with the conflict (later versions let the second term decide)', () => {
    const compiled = requiredNodeAffinity(affinity(
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }, { key: 'metadata.name', operator: 'In', values: ['node2'] }] },
      { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
    ));
    expect(compiled.nodeNames?.size).toBe(0);
  });

  test('GIVEN one term conflicts and another pins a node WHEN PreFilter runs THEN it is a conflict (terms checked in order)', () => {
    const compiled = requiredNodeAffinity({
      containers: [],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }, { key: 'metadata.name', operator: 'In', values: ['node2'] }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node3'] }] },
      ] } } },
    });
    expect(compiled.nodeNames?.size).toBe(0);
  });

  test('GIVEN a term without name affinity first THEN every node is eligible, whatever later terms say', () => {
    const compiled = requiredNodeAffinity({
      containers: [],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }, { key: 'metadata.name', operator: 'In', values: ['node2'] }] },
      ] } } },
    });
    expect(compiled.nodeNames).toBeUndefined();
  });
});
