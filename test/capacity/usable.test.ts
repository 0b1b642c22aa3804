// Percentages of the capacity pods can use: cordoned (spec.unschedulable, NodeUnschedulable
// filter), NotReady (Ready condition not True; the node lifecycle controller also taints such
// nodes node.kubernetes.io/not-ready) and tainted-away nodes (a NoSchedule/NoExecute taint no
// budgeted pod tolerates, TaintToleration filter) are shown apart.
import { planCapacity, SurgePolicy } from '../../lib/capacity/plan';
import { renderCapacityMarkdown } from '../../lib/capacity/report-markdown';
import type { ManifestObject, Node } from '../../lib/scheduler/types';

const node = (name: string, extra: { unschedulable?: boolean; ready?: string; taint?: string } = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'eks.amazonaws.com/nodegroup': 'general', 'kubernetes.io/hostname': name } },
  spec: {
    ...(extra.unschedulable ? { unschedulable: true } : {}),
    ...(extra.taint ? { taints: [{ key: extra.taint, value: 'true', effect: 'NoSchedule' }] } : {}),
  },
  status: {
    allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
    ...(extra.ready ? { conditions: [{ type: 'Ready', status: extra.ready }] } : {}),
  },
});
const web = (tolerations: unknown[] = []): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { tolerations, containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '2', memory: '7244284Ki' } } }] } },
  },
});

describe('usable capacity', () => {
  const nodes = [node('a'), node('b', { unschedulable: true }), node('c', { ready: 'False' }), node('d', { taint: 'dedicated' }), node('e', { ready: 'True' })];

  test('GIVEN cordoned, NotReady and tainted nodes WHEN planned THEN usable capacity leaves them out, by reason', () => {
    const plan = planCapacity({ manifests: [web()], nodes, surge: SurgePolicy.NONE });
    expect(plan.usage.find((u) => u.resource === 'cpu')).toMatchObject({ requested: 4000, allocatable: 20000, percent: 20 });
    expect(plan.usable.find((u) => u.resource === 'cpu')).toMatchObject({ requested: 4000, allocatable: 8000, percent: 50 });
    expect(plan.unusable.map((u) => [u.reason, u.nodeCount, u.nodes])).toEqual([['cordoned', 1, ['b']], ['NotReady', 1, ['c']], ['tainted away', 1, ['d']]]);
    expect(plan.pools[0].nodes.map((n) => [n.name, n.unschedulable, n.ready, n.taints])).toEqual([
      ['a', false, true, []], ['b', true, true, []], ['c', false, false, []], ['d', false, true, ['dedicated=true:NoSchedule']], ['e', false, true, []],
    ]);

    const md = renderCapacityMarkdown(plan);
    expect(md).toContain('| cpu | 4 | 20 | 20.0% | 8 | 50.0% |');
    // 2 × 7244284Ki, readable
    expect(md).toContain('| memory | 13.8Gi | 80Gi | 17.3% | 32Gi | 43.2% |');
    expect(md).toContain('- cordoned: 1 node (b): cpu 4, memory 16Gi, pods 110\n- NotReady: 1 node (c): cpu 4, memory 16Gi, pods 110\n- tainted away: 1 node (d): cpu 4, memory 16Gi, pods 110\n');
    // the pool's own table: placed requests vs its usable nodes
    expect(plan.pools[0]).toMatchObject({ unusableNodeCount: 3 });
    expect(md).toContain('## Pool general (5 nodes, 3 not usable by the pods)\n\n| resource | requested | allocatable | % | usable by pods | % of usable |\n|:--|--:|--:|--:|--:|--:|\n| cpu | 4 | 20 | 20.0% | 8 | 50.0% |\n');
    expect(md).toContain('| b (cordoned) |');
    expect(md).toContain('| c (NotReady) |');
    expect(md).toContain('| d (tainted dedicated=true:NoSchedule) |');
  });

  test('GIVEN a pod that tolerates the taint WHEN planned THEN the tainted node counts as usable', () => {
    const plan = planCapacity({ manifests: [web([{ key: 'dedicated', operator: 'Exists' }])], nodes, surge: SurgePolicy.NONE });
    expect(plan.unusable.map((u) => u.reason)).toEqual(['cordoned', 'NotReady']);
    expect(plan.usable.find((u) => u.resource === 'cpu')).toMatchObject({ allocatable: 12000 });
  });

  test('GIVEN every node usable WHEN reported THEN the cluster table keeps its four columns', () => {
    const plan = planCapacity({ manifests: [web()], nodes: [node('a'), node('e', { ready: 'True' })], surge: SurgePolicy.NONE });
    expect(plan.unusable).toEqual([]);
    expect(plan.pools[0].usable).toBeUndefined();
    expect(renderCapacityMarkdown(plan)).toContain('## Cluster\n\n| resource | requested | allocatable | % |\n');
  });
});

describe('the headline says the nodes pods cannot use, and never "Fits" for empty input', () => {
  const plan = planCapacity;
  const render = renderCapacityMarkdown;
  const web = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas, selector: { matchLabels: { a: 'w' } }, template: { metadata: { labels: { a: 'w' } }, spec: { containers: [{ name: 'm', image: 'x', resources: { requests: { cpu: '100m', memory: '1Mi' } } }] } } } });
  const cordoned = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { unschedulable: true }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } });
  const headline = (input: Parameters<typeof plan>[0]) => render(plan(input)).split('\n')[2];

  test('every node cordoned', () => {
    expect(headline({ manifests: [web(1)], nodes: [cordoned('a'), cordoned('b')] })).toBe('**Does not fit**: 1 failure, 1 pod not placed; 0 pods placed on 2 nodes (none usable by the pods: 2 cordoned) in 1 pool.');
  });

  test('no manifests at all: nothing to check, not "Fits"', () => {
    expect(headline({ manifests: [], pools: [{ name: 'g', count: 2, allocatable: { cpu: '4', memory: '1Gi' } }] })).toBe('**Nothing to check**: no workloads found; 0 pods placed on 2 nodes in 1 pool.');
  });

  test('a workload with replicas 0 only is checked (it runs nothing, and that fits)', () => {
    expect(headline({ manifests: [web(0)], pools: [{ name: 'g', count: 2, allocatable: { cpu: '4', memory: '1Gi' } }] })).toBe('**Fits**: 0 pods placed on 2 nodes in 1 pool.');
  });

  test('an empty NodePool (count 0) only: no nodes, does not fit', () => {
    expect(plan({ manifests: [web(1)], pools: [{ name: 'g', count: 0, allocatable: { cpu: '4', memory: '1Gi' } }] }).failures.slice(0, 4)).toEqual([
      'cluster cpu: requests 100m exceed allocatable 0',
      'cluster memory: requests 1Mi exceed allocatable 0',
      'cluster pods: requests 1 exceed allocatable 0',
      'shop/web (Deployment, replica 1 of 1): no nodes available to schedule pods',
    ]);
  });
});
