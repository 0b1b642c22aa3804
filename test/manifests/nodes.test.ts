import { daemonPodSpec, nodeShouldRunDaemonPod, pinToNode } from '../../lib/manifests/daemon-set';
import { nodesFromPools, poolOfNode } from '../../lib/manifests/nodes';
import type { Node, PodSpec } from '../../lib/scheduler/types';

describe('nodesFromPools', () => {
  test('GIVEN a pool WHEN expanded THEN nodes are named <pool>-N and labelled like a kubelet registers them', () => {
    const nodes = nodesFromPools([{ name: 'general', count: 2, allocatable: { cpu: '4', memory: '16Gi' }, labels: { tier: 'web' } }]);
    expect(nodes.map((n) => n.node.metadata.name)).toEqual(['general-1', 'general-2']);
    expect(nodes[1]).toEqual({
      pool: 'general',
      node: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: 'general-2',
          labels: {
            'beta.kubernetes.io/arch': 'amd64',
            'beta.kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'kubernetes.io/os': 'linux',
            'cdk8s-appkit.io/pool': 'general',
            'tier': 'web',
            'kubernetes.io/hostname': 'general-2',
          },
        },
        spec: {},
        status: { capacity: { cpu: '4', memory: '16Gi', pods: '110' }, allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
      },
    });
  });

  test.each([
    [{ 'kubernetes.io/os': 'windows' }, 'windows', 'windows', 'amd64', 'amd64'],
    [{ 'beta.kubernetes.io/os': 'windows', 'kubernetes.io/arch': 'arm64' }, 'windows', 'windows', 'arm64', 'arm64'],
    [{ 'kubernetes.io/os': 'windows', 'beta.kubernetes.io/os': 'linux' }, 'windows', 'linux', 'amd64', 'amd64'],
  ])('GIVEN pool labels %j WHEN expanded THEN each OS/arch label pair comes from one value, as the kubelet sets both from GOOS/GOARCH (kubelet_node_status.go initialNode)', (labels, os, betaOs, arch, betaArch) => {
    const [n] = nodesFromPools([{ name: 'win', count: 1, allocatable: { cpu: '4', memory: '16Gi' }, labels }]);
    const l = n.node.metadata.labels ?? {};
    expect([l['kubernetes.io/os'], l['beta.kubernetes.io/os'], l['kubernetes.io/arch'], l['beta.kubernetes.io/arch']]).toEqual([os, betaOs, arch, betaArch]);
  });

  test('GIVEN capacity and reserved WHEN expanded THEN allocatable is capacity minus reserved, maxPods sets pods', () => {
    const [n] = nodesFromPools([{ name: 'big', count: 1, capacity: { cpu: '8', memory: '32Gi' }, reserved: { cpu: '180m', memory: '2560Mi' }, maxPods: 58 }]);
    expect(n.node.status?.allocatable).toEqual({ cpu: '7820m', memory: '30208Mi', pods: '58' });
    expect(n.node.status?.capacity).toEqual({ cpu: '8', memory: '32Gi', pods: '58' });
  });

  test('fails on a pool without allocatable or capacity, naming the pool and field', () => {
    expect(() => nodesFromPools([{ name: 'x', count: 1 }])).toThrow('NodePool x: allocatable: a node pool needs allocatable, or capacity (minus reserved)');
  });

  test('fails on an invalid quantity, naming the pool and field', () => {
    expect(() => nodesFromPools([{ name: 'x', count: 1, allocatable: { cpu: '4 cores' } }])).toThrow(new Error('NodePool x: allocatable[cpu]: invalid quantity "4 cores": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\''));
  });

  test('fails on a negative count', () => {
    expect(() => nodesFromPools([{ name: 'x', count: -1, allocatable: { cpu: '1' } }])).toThrow('NodePool x: count: count must be a whole number ≥ 0, got -1');
  });
});

describe('nodesFromPools zones', () => {
  test('GIVEN zones WHEN expanded THEN nodes are spread over them round robin (topology.kubernetes.io/zone)', () => {
    const nodes = nodesFromPools([{ name: 'general', count: 5, zones: ['a', 'b'], allocatable: { cpu: '4', memory: '16Gi' } }]);
    expect(nodes.map((n) => n.node.metadata.labels?.['topology.kubernetes.io/zone'])).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  test('fails on a zone that is not a label value, naming the pool, field and fix', () => {
    expect(() => nodesFromPools([{ name: 'general', count: 1, zones: ['eu west'], allocatable: { cpu: '4' } }])).toThrow(
      'NodePool general: zones[0]: invalid zone "eu west": a label value of at most 63 letters, digits, \'-\', \'_\' or \'.\', e.g. eu-west-1a');
  });
});

test('nodesFromPools fails on a zone listed twice, naming the pool, the field, the zone and the fix', () => {
  expect(() => nodesFromPools([{ name: 'general', count: 4, zones: ['a', 'b', 'c', 'b'], allocatable: { cpu: '4' } }])).toThrow(
    new Error('NodePool general: zones[3]: "b" is listed twice (also zones[1]): list each zone once (nodes are spread round robin over the list, so a zone listed twice gets twice its share); for an uneven spread, describe one pool per zone'));
});

describe('poolOfNode', () => {
  const node = (labels: Record<string, string>): Node => ({ metadata: { name: 'ip-1', labels } });

  test.each([
    ['the cdk8s-appkit pool label first', { 'eks.amazonaws.com/nodegroup': 'ng-a', 'cdk8s-appkit.io/pool': 'general' }, 'general'],
    ['an EKS node group', { 'eks.amazonaws.com/nodegroup': 'ng-a', 'node.kubernetes.io/instance-type': 'm5.large' }, 'ng-a'],
    ['a Karpenter node pool', { 'karpenter.sh/nodepool': 'default' }, 'default'],
    ['the instance type when no pool label is set', { 'node.kubernetes.io/instance-type': 'm5.large' }, 'm5.large'],
    ['"nodes" without any pool label', {}, 'nodes'],
  ])('GIVEN %s WHEN asked THEN that is the pool', (_name, labels, want) => {
    expect(poolOfNode(node(labels))).toBe(want);
  });

  test('GIVEN a --pool-label WHEN asked THEN only that label counts', () => {
    expect(poolOfNode(node({ 'eks.amazonaws.com/nodegroup': 'ng-a', team: 'payments' }), 'team')).toBe('payments');
    expect(poolOfNode(node({ 'eks.amazonaws.com/nodegroup': 'ng-a' }), 'team')).toBe('nodes');
  });
});

// Ported cases after pkg/controller/daemon/daemon_controller_test.go (TestNodeShouldRunDaemonPod).
describe('DaemonSet placement (NodeShouldRunDaemonPod)', () => {
  const node = (name: string, extra: Partial<Node['spec']> & { labels?: Record<string, string> } = {}): Node => ({
    metadata: { name, labels: extra.labels ?? {} },
    spec: { taints: extra.taints, unschedulable: extra.unschedulable },
  });
  const ds = (spec: Partial<PodSpec> = {}): PodSpec => daemonPodSpec({ containers: [{ name: 'c' }], ...spec });

  test.each([
    ['a plain node runs it', ds(), node('n'), true],
    ['a cordoned node still runs it (tolerates node.kubernetes.io/unschedulable)', ds(), node('n', { unschedulable: true }), true],
    ['a NoSchedule taint it does not tolerate keeps it off', ds(), node('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), false],
    ['a PreferNoSchedule taint does not', ds(), node('n', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }), true],
    ['a not-ready NoExecute taint is tolerated', ds(), node('n', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), true],
    ['nodeSelector must match', ds({ nodeSelector: { disk: 'ssd' } }), node('n', { labels: { disk: 'hdd' } }), false],
    ['nodeName must match', ds({ nodeName: 'other' }), node('n'), false],
  ] as Array<[string, PodSpec, Node, boolean]>)('%s', (_name, spec, n, want) => {
    expect(nodeShouldRunDaemonPod(spec, n)).toBe(want);
  });

  test('GIVEN required node affinity WHEN pinned THEN it is replaced by metadata.name In [node] (ReplaceDaemonSetPodNodeNameNodeAffinity)', () => {
    const spec = ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }] } } } });
    expect(pinToNode(spec, 'n1').affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }],
    });
  });
});
