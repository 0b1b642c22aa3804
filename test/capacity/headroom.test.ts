// Headroom: N+k, per pool, zone loss. Zones come from the well-known node label
// topology.kubernetes.io/zone (kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone).
import { Headroom, HeadroomKind } from '../../lib/capacity/headroom';
import { planCapacity, SurgePolicy } from '../../lib/capacity/plan';
import type { NodePool } from '../../lib/manifests/node-pool';
import type { ManifestObject, Node } from '../../lib/scheduler/types';

const deployment = (name: string, replicas: number, cpu: string): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'app', resources: { requests: { cpu, memory: '1Gi' } } }] } },
  },
});
const GPU_TAINT = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const }];
const twoPools: NodePool[] = [
  { name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi' } },
  { name: 'gpu', count: 1, allocatable: { cpu: '8', memory: '32Gi' }, taints: GPU_TAINT },
];
const zonal: NodePool[] = [{ name: 'general', count: 6, zones: ['a', 'b', 'c'], allocatable: { cpu: '4', memory: '16Gi' } }];

describe('Headroom', () => {
  test.each([
    [1, HeadroomKind.NODES, 'N+1', 1],
    [Headroom.nodes(2), HeadroomKind.NODES, 'N+2', 2],
    [0, HeadroomKind.NODES, 'none', 0],
    [{ general: 1, gpu: 0 }, HeadroomKind.PER_POOL, 'general N+1, gpu N+0', { general: 1, gpu: 0 }],
    [Headroom.perPool({ general: 1 }), HeadroomKind.PER_POOL, 'general N+1', { general: 1 }],
    ['zone', HeadroomKind.ZONE, 'zone loss', 'zone'],
    [Headroom.zone(), HeadroomKind.ZONE, 'zone loss', 'zone'],
    [undefined, HeadroomKind.NODES, 'none', 0],
  ])('Headroom.of(%j) is %s, %s, JSON %j', (value, kind, text, json) => {
    const h = Headroom.of(value);
    expect(h.kind).toBe(kind);
    expect(h.toString()).toBe(text);
    expect(h.toJSON()).toEqual(json);
  });

  test.each([
    ['1', 'N+1'],
    ['0', 'none'],
    ['general=1,gpu=0', 'general N+1, gpu N+0'],
    ['zone', 'zone loss'],
  ])('parses the CLI form %s', (text, expected) => {
    expect(Headroom.parse(text).toString()).toBe(expected);
  });

  test.each([
    ['x', 'expected a whole number of nodes ≥ 0, <pool>=<nodes>,… or zone, got "x"'],
    ['general=', 'nodes of pool general must be a whole number ≥ 0, got "" in "general="'],
    ['general=-1', 'nodes of pool general must be a whole number ≥ 0, got "-1" in "general=-1"'],
    ['gpu=0,general=1.5', 'nodes of pool general must be a whole number ≥ 0, got "1.5" in "gpu=0,general=1.5"'],
    ['general=99999999999999999999', 'nodes of pool general must be a whole number ≥ 0 and at most 9007199254740991, got "99999999999999999999" in "general=99999999999999999999"'],
    ['General=1', 'expected <pool>=<nodes> pairs separated by commas, got "General=1" in "General=1"'],
    ['general=1,general=2', 'pool general is given twice in "general=1,general=2"'],
    ['Zone', 'expected a whole number of nodes ≥ 0, <pool>=<nodes>,… or zone, got "Zone"'],
  ])('fails to parse %s', (text, message) => {
    expect(() => Headroom.parse(text)).toThrow(new Error(message));
  });

  test.each([
    [-1, 'Headroom.nodes(k): k must be a whole number of nodes ≥ 0, got -1: use e.g. Headroom.nodes(1) for N+1'],
    [1.5, 'Headroom.nodes(k): k must be a whole number of nodes ≥ 0, got 1.5: use e.g. Headroom.nodes(1) for N+1'],
    ['region', 'headroom must be a number of nodes, a { pool: nodes } object or \'zone\', got "region": use e.g. 1, { general: 1, gpu: 0 } or \'zone\''],
    [[1], 'headroom must be a number of nodes, a { pool: nodes } object or \'zone\', got [1]: use e.g. 1, { general: 1, gpu: 0 } or \'zone\''],
    [{ general: 1.5 }, 'Headroom.perPool: nodes of pool "general" must be a whole number of nodes ≥ 0, got 1.5: use e.g. { general: 1 }'],
  ])('fails for the value %j, naming it and the fix', (value, message) => {
    expect(() => Headroom.of(value)).toThrow(new Error(message));
  });
});

describe('planCapacity with headroom', () => {
  test('GIVEN a per-pool headroom WHEN planned THEN only the named pools lose nodes, each its own k', () => {
    // 2 pods of 3 cpu on three 4-cpu nodes: without 1 node they fit, without 2 they do not
    const one = planCapacity({ manifests: [deployment('web', 2, '3')], pools: twoPools, surge: SurgePolicy.NONE, headroom: { general: 1, gpu: 0 } });
    const two = planCapacity({ manifests: [deployment('web', 2, '3')], pools: twoPools, surge: SurgePolicy.NONE, headroom: Headroom.perPool({ general: 2 }) });

    expect(one.fits).toBe(true);
    expect(one.headroom.map((h) => [h.pool, h.lostNodes, h.fits])).toEqual([['general', ['general-3'], true]]);
    expect(one.settings.headroom).toEqual({ general: 1, gpu: 0 });
    expect(two.fits).toBe(false);
    expect(two.failures).toEqual([
      'headroom N+2: without general-3, general-2 (pool general), 1 pod(s) not placed; first: shop/web (Deployment, replica 2 of 2): 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.',
    ]);
  });

  test('GIVEN zone headroom WHEN planned THEN the largest zone of each pool is lost (ties: the first zone)', () => {
    // six 4-cpu nodes over zones a, b, c (2 each): losing a zone leaves 4 nodes
    const four = planCapacity({ manifests: [deployment('web', 4, '3')], pools: zonal, surge: SurgePolicy.NONE, headroom: Headroom.zone() });
    const five = planCapacity({ manifests: [deployment('web', 5, '3')], pools: zonal, surge: SurgePolicy.NONE, headroom: 'zone' });

    expect(four.fits).toBe(true);
    expect(four.headroom).toMatchObject([{ pool: 'general', zone: 'a', nodesLost: 2, lostNodes: ['general-1', 'general-4'], fits: true }]);
    expect(four.settings.headroom).toBe('zone');
    expect(five.fits).toBe(false);
    expect(five.failures).toEqual([
      'headroom zone loss: without zone a of pool general (general-1, general-4), 1 pod(s) not placed; first: shop/web (Deployment, replica 5 of 5): 0/4 nodes are available: 4 Insufficient cpu.',
    ]);
  });

  test('GIVEN zones of different sizes WHEN planned THEN the zone with the most allocatable cpu is lost', () => {
    const node = (name: string, zone: string, cpu: string): Node => ({
      apiVersion: 'v1', kind: 'Node',
      metadata: { name, labels: { 'topology.kubernetes.io/zone': zone, 'eks.amazonaws.com/nodegroup': 'general' } },
      status: { allocatable: { cpu, memory: '16Gi', pods: '110' } },
    });
    const plan = planCapacity({ manifests: [deployment('web', 1, '1')], nodes: [node('n1', 'a', '4'), node('n2', 'b', '8'), node('n3', 'a', '2')], headroom: 'zone' });
    expect(plan.headroom).toMatchObject([{ pool: 'general', zone: 'b', lostNodes: ['n2'], fits: true }]);
  });

  test('GIVEN zone headroom and nodes without a zone label WHEN planned THEN a warning says they count as one zone', () => {
    const plan = planCapacity({ manifests: [deployment('web', 1, '1')], pools: twoPools, headroom: 'zone' });
    expect(plan.problems).toEqual([
      expect.objectContaining({ severity: 'warning', object: 'pool general', message: '3 node(s) (general-1, general-2, general-3) have no topology.kubernetes.io/zone label: zone headroom counts them as one zone; label the nodes (or the NodePool\'s labels) with their zone' }),
      expect.objectContaining({ severity: 'warning', object: 'pool gpu' }),
    ]);
    // a pool in one zone loses all its nodes
    expect(plan.headroom.map((h) => [h.pool, h.zone, h.nodesLost])).toEqual([['general', '', 3], ['gpu', '', 1]]);
  });

  test('fails when a per-pool headroom names a pool that has no nodes', () => {
    expect(() => planCapacity({ manifests: [], pools: twoPools, headroom: { gneral: 1 } })).toThrow(
      'CapacityPlanInput: headroom: headroom names pool "gneral", which has no nodes: the pools are general, gpu: use one of them');
  });
});
