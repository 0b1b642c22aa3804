// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go
// (TestSingleConstraint, TestMultipleConstraints), for Kubernetes 1.27. Upstream runs the plugin's
// PreFilter and Filter alone; here the whole filter chain runs (ClusterScheduler.filterNode), so a
// node is "fit" for PodTopologySpread when the chain does not reject it with a spread reason (the
// nodeAffinity row's node-b and node-x are rejected earlier by NodeAffinity, as upstream's comment
// says they would be "in real case"). Existing pods are placed with spec.nodeName.
import { ERR_REASON_CONSTRAINTS_NOT_MATCH } from '../../lib/scheduler/pod-topology-spread';
import { ClusterScheduler, PodTemplate } from '../../lib/scheduler/schedule';
import type { Node, PodSpec, TopologySpreadConstraint } from '../../lib/scheduler/types';

const NODES = (zoneKeyOfB = 'zone'): Node[] => [
  ['node-a', 'zone', 'zone1'], ['node-b', zoneKeyOfB, 'zone1'], ['node-x', 'zone', 'zone2'], ['node-y', 'zone', 'zone2'],
].map(([name, key, zone]) => ({ metadata: { name, labels: { [key]: zone, node: name } }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: 110 } } }));

const hard = (maxSkew: number, topologyKey: string, exists: string): TopologySpreadConstraint => ({
  maxSkew, topologyKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: exists, operator: 'Exists' }] },
});

interface Existing { readonly node: string; readonly labels: Record<string, string>; readonly namespace?: string }
const on = (node: string, label: string, namespace?: string): Existing => ({ node, labels: { [label]: '' }, namespace });

function spreadFits(nodes: Node[], existing: Existing[], incomingLabels: Record<string, string>, spec: Partial<PodSpec>): Record<string, boolean> {
  const s = new ClusterScheduler(nodes);
  existing.forEach((e, i) => {
    const pinned: PodTemplate = { namespace: e.namespace ?? 'default', labels: e.labels, spec: { containers: [{ name: 'c' }], nodeName: e.node } };
    expect(s.schedule(pinned, `existing-${i}`).nodeName).toBe(e.node);
  });
  const incoming: PodTemplate = { namespace: 'default', labels: incomingLabels, spec: { containers: [{ name: 'c' }], ...spec } };
  return Object.fromEntries(nodes.map((n, i) => [n.metadata!.name, !s.filterNode(incoming, i).some((r) => r.startsWith(ERR_REASON_CONSTRAINTS_NOT_MATCH))]));
}

const SPREAD_2_1_0_3 = [on('node-a', 'foo'), on('node-a', 'foo'), on('node-b', 'foo'), on('node-y', 'foo'), on('node-y', 'foo'), on('node-y', 'foo')];

describe('TestSingleConstraint', () => {
  test.each([
    ['no existing pods', NODES(), [], { foo: '' }, [hard(1, 'zone', 'foo')], { 'node-a': true, 'node-b': true, 'node-x': true, 'node-y': true }],
    ["no existing pods, incoming pod doesn't match itself", NODES(), [], { foo: '' }, [hard(1, 'zone', 'bar')], { 'node-a': true, 'node-b': true, 'node-x': true, 'node-y': true }],
    ["existing pods with mis-matched namespace doesn't count", NODES(), [on('node-a', 'foo', 'ns1'), on('node-a', 'foo', 'ns2'), on('node-x', 'foo'), on('node-y', 'foo')], { foo: '' }, [hard(1, 'zone', 'foo')],
      { 'node-a': true, 'node-b': true, 'node-x': false, 'node-y': false }],
    ['pods spread across zones as 3/3, all nodes fit', NODES(), [on('node-a', 'foo'), on('node-a', 'foo'), on('node-b', 'foo'), on('node-y', 'foo'), on('node-y', 'foo'), on('node-y', 'foo')], { foo: '' }, [hard(1, 'zone', 'foo')],
      { 'node-a': true, 'node-b': true, 'node-x': true, 'node-y': true }],
    ["pods spread across zones as 1/2 due to absence of label 'zone' on node-b", NODES('zon'), [on('node-a', 'foo'), on('node-b', 'foo'), on('node-x', 'foo'), on('node-y', 'foo')], { foo: '' }, [hard(1, 'zone', 'foo')],
      { 'node-a': true, 'node-b': false, 'node-x': false, 'node-y': false }],
    ['pods spread across nodes as 2/1/0/3, only node-x fits', NODES(), SPREAD_2_1_0_3, { foo: '' }, [hard(1, 'node', 'foo')], { 'node-a': false, 'node-b': false, 'node-x': true, 'node-y': false }],
    ['pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit', NODES(), SPREAD_2_1_0_3, { foo: '' }, [hard(2, 'node', 'foo')], { 'node-a': false, 'node-b': true, 'node-x': true, 'node-y': false }],
    ["pods spread across nodes as 2/1/0/3, but pod doesn't match itself", NODES(), SPREAD_2_1_0_3, { bar: '' }, [hard(1, 'node', 'foo')], { 'node-a': false, 'node-b': true, 'node-x': true, 'node-y': false }],
  ] as Array<[string, Node[], Existing[], Record<string, string>, TopologySpreadConstraint[], Record<string, boolean>]>)('%s', (_name, nodes, existing, labels, constraints, fits) => {
    expect(spreadFits(nodes, existing, labels, { topologySpreadConstraints: constraints })).toEqual(fits);
  });

  test('incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node', operator: 'In', values: ['node-a', 'node-y'] }] }] } } };
    expect(spreadFits(NODES(), SPREAD_2_1_0_3, { foo: '' }, { affinity, topologySpreadConstraints: [hard(1, 'node', 'foo')] }))
      .toEqual({ 'node-a': true, 'node-b': true, 'node-x': true, 'node-y': false });
  });
});

describe('TestMultipleConstraints', () => {
  test.each([
    ['two constraints on zone and node, spreads = [3/3, 2/1/0/3]', SPREAD_2_1_0_3, { foo: '' }, [hard(1, 'zone', 'foo'), hard(1, 'node', 'foo')],
      { 'node-a': false, 'node-b': false, 'node-x': true, 'node-y': false }],
    ['two constraints on zone and node, spreads = [3/4, 2/1/0/4]', [...SPREAD_2_1_0_3, on('node-y', 'foo')], { foo: '' }, [hard(1, 'zone', 'foo'), hard(1, 'node', 'foo')],
      { 'node-a': false, 'node-b': false, 'node-x': false, 'node-y': false }],
    ['constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]', [on('node-a', 'foo'), on('node-y', 'bar')], { foo: '', bar: '' }, [hard(1, 'zone', 'foo'), hard(1, 'node', 'bar')],
      { 'node-a': false, 'node-b': false, 'node-x': true, 'node-y': false }],
  ] as Array<[string, Existing[], Record<string, string>, TopologySpreadConstraint[], Record<string, boolean>]>)('%s', (_name, existing, labels, constraints, fits) => {
    expect(spreadFits(NODES(), existing, labels, { topologySpreadConstraints: constraints })).toEqual(fits);
  });
});
