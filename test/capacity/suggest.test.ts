// --suggest-nodes / CapacityCheck `suggest`: per pool, the smallest node count at which
// everything fits (the search of lib/capacity/suggest.ts, after cluster-autoscaler's
// estimator/binpacking_estimator.go: new nodes are copies of the pool's template).
import { Headroom } from '../../lib/capacity/headroom';
import { planCapacity, SurgePolicy } from '../../lib/capacity/plan';
import { suggestionLine, suggestionLines } from '../../lib/capacity/suggest';
import type { NodePool } from '../../lib/manifests/node-pool';
import type { ManifestObject, Node } from '../../lib/scheduler/types';

const deployment = (name: string, replicas: number, cpu: string, podSpec: Record<string, unknown> = {}): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'app', resources: { requests: { cpu, memory: '1Gi' } } }], ...podSpec } },
  },
});
const daemonSet = (cpu: string): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'kube-system' },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', resources: { requests: { cpu, memory: '128Mi' } } }] } } },
});
const GPU_TAINT = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const }];
const pools: NodePool[] = [
  { name: 'general', count: 4, allocatable: { cpu: '4', memory: '16Gi' } },
  { name: 'gpu', count: 1, allocatable: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '1' }, taints: GPU_TAINT },
];

describe('suggest', () => {
  test('GIVEN 10 pods of 1500m on four 4-cpu nodes WHEN suggested THEN general needs 5 nodes (2 pods per node) and the verdict stays as given', () => {
    // 4 nodes × 2 pods = 8 < 10: does not fit today; 5 nodes hold 10. The untolerated gpu
    // pool is not needed at all.
    const plan = planCapacity({ manifests: [deployment('web', 10, '1500m')], pools, surge: SurgePolicy.NONE, suggest: true });
    expect(plan.fits).toBe(false);
    expect(plan.suggestions).toEqual([
      { pool: 'general', nodes: 5, present: 4 },
      { pool: 'gpu', nodes: 0, present: 1 },
    ]);
    expect(plan.suggestions!.map(suggestionLine)).toEqual(['pool general: 5 nodes needed, 4 present', 'pool gpu: 0 nodes needed, 1 present']);
  });

  test('GIVEN headroom N+1 WHEN suggested THEN one node more is needed', () => {
    const plan = planCapacity({ manifests: [deployment('web', 10, '1500m')], pools, surge: SurgePolicy.NONE, headroom: Headroom.perPool({ general: 1 }), suggest: true });
    expect(plan.suggestions![0]).toEqual({ pool: 'general', nodes: 6, present: 4 });
  });

  test('GIVEN a DaemonSet WHEN suggested THEN every new node also runs its pod', () => {
    // 2500m of 4 cpu left per node after the 1500m agent: one 1500m pod per node → 10 nodes
    const plan = planCapacity({ manifests: [daemonSet('1500m'), deployment('web', 10, '1500m')], pools: [pools[0]], surge: SurgePolicy.NONE, suggest: true });
    expect(plan.suggestions).toEqual([{ pool: 'general', nodes: 10, present: 4 }]);
  });

  test('GIVEN required pod anti-affinity on hostname WHEN suggested THEN one node per replica', () => {
    const antiAffinity = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'ha' } } }] } } };
    const plan = planCapacity({ manifests: [deployment('ha', 7, '100m', antiAffinity)], pools: [pools[0]], surge: SurgePolicy.NONE, suggest: true });
    expect(plan.suggestions).toEqual([{ pool: 'general', nodes: 7, present: 4 }]);
  });

  test('GIVEN more nodes than needed WHEN suggested THEN the smaller count is suggested (the plan fits as given)', () => {
    const plan = planCapacity({ manifests: [deployment('web', 3, '3')], pools, surge: SurgePolicy.NONE, suggest: true });
    expect(plan.fits).toBe(true);
    expect(plan.suggestions).toEqual([{ pool: 'general', nodes: 3, present: 4 }, { pool: 'gpu', nodes: 0, present: 1 }]);
  });

  test('GIVEN zone headroom WHEN suggested THEN new nodes keep the pool spread over its zones', () => {
    // 5 pods of 3 cpu, one per node; losing the largest zone must leave 5 nodes: 8 nodes
    // over a, b, c are 3 + 3 + 2 (7 would be 3 + 2 + 2, leaving 4)
    const zonal: NodePool[] = [{ name: 'general', count: 6, zones: ['a', 'b', 'c'], allocatable: { cpu: '4', memory: '16Gi' } }];
    const plan = planCapacity({ manifests: [deployment('web', 5, '3')], pools: zonal, surge: SurgePolicy.NONE, headroom: Headroom.zone(), suggest: true });
    expect(plan.suggestions).toEqual([{ pool: 'general', nodes: 8, present: 6 }]);
  });

  test('GIVEN real Node objects WHEN suggested THEN new nodes copy them, and fewer keep the first ones', () => {
    const node = (name: string): Node => ({
      apiVersion: 'v1', kind: 'Node',
      metadata: { name, labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' } },
      status: { allocatable: { cpu: '2', memory: '8Gi', pods: '110' } },
    });
    const plan = planCapacity({ manifests: [deployment('web', 5, '2')], nodes: [node('ip-10-0-0-1'), node('ip-10-0-0-2')], surge: SurgePolicy.NONE, suggest: true });
    expect(plan.suggestions).toEqual([{ pool: 'ng-1', nodes: 5, present: 2 }]);
    const fewer = planCapacity({ manifests: [deployment('web', 1, '2')], nodes: [node('ip-10-0-0-1'), node('ip-10-0-0-2')], surge: SurgePolicy.NONE, suggest: true });
    expect(fewer.suggestions).toEqual([{ pool: 'ng-1', nodes: 1, present: 2 }]);
  });

  test('GIVEN a pod larger than any node WHEN suggested THEN it says that no number of nodes fits it', () => {
    const plan = planCapacity({ manifests: [deployment('big', 1, '9')], pools: [pools[0]], surge: SurgePolicy.NONE, suggest: true });
    expect(plan.suggestions).toEqual([{
      pool: 'general',
      nodes: null,
      present: 4,
      message: 'no number of nodes of pool general fits pod shop/big-1 (tried up to 4 nodes): shop/big (Deployment, replica 1 of 1): 0/4 nodes are available: 4 Insufficient cpu.',
    }]);
    expect(suggestionLine(plan.suggestions![0])).toBe(plan.suggestions![0].message);
  });

  test('GIVEN a pod no pool takes WHEN suggested on two pools THEN each pool names its cap, and the lines say it once', () => {
    // a GPU pod without the toleration: general has no GPU, gpu is tainted
    const gpu = deployment('encode', 1, '1');
    (gpu.spec as any).template.spec.containers[0].resources.limits = { 'nvidia.com/gpu': '1' };
    const plan = planCapacity({ manifests: [gpu], pools, surge: SurgePolicy.NONE, suggest: true });
    const message = 'no number of nodes of pools general, gpu fits pod shop/encode-1 (tried up to 4 nodes of general, 4 of gpu): '
      + 'shop/encode (Deployment, replica 1 of 1): 0/8 nodes are available: 4 Insufficient nvidia.com/gpu, 4 node(s) had untolerated taint {dedicated: gpu}.';
    expect(plan.suggestions).toEqual([
      { pool: 'general', nodes: null, present: 4, message },
      { pool: 'gpu', nodes: null, present: 1, message },
    ]);
    expect(suggestionLines(plan.suggestions!)).toEqual([message]);
    expect(suggestionLines([{ pool: 'a', nodes: 2, present: 1 }, { pool: 'b', nodes: 2, present: 1 }])).toEqual(['pool a: 2 nodes needed, 1 present', 'pool b: 2 nodes needed, 1 present']);
  });

  test('GIVEN zone headroom on a pool in one zone WHEN suggested THEN no count fits, and it says why', () => {
    const plan = planCapacity({ manifests: [deployment('web', 1, '1')], pools: [{ name: 'general', count: 2, zones: ['a'], allocatable: { cpu: '4', memory: '16Gi' } }], surge: SurgePolicy.NONE, headroom: 'zone', suggest: true });
    expect(plan.suggestions).toEqual([{
      pool: 'general',
      nodes: null,
      present: 2,
      message: 'no number of nodes of pool general fits with the headroom (tried up to 4 nodes) (new nodes keep the zones of the pool: a pool in one zone loses all its nodes with it; spread it over zones, e.g. NodePool zones): '
        + 'headroom zone loss: without zone a of pool general (general-1, general-2, general-3, general-4), cluster cpu: requests 1 exceed allocatable 0',
    }]);
  });

  test('without suggest the plan has no suggestions', () => {
    expect(planCapacity({ manifests: [deployment('web', 1, '1')], pools }).suggestions).toBeUndefined();
  });
});
