// Bounded cost (issue #9): huge replica counts and huge pools are answered without enumerating
// more pods than the nodes can hold, without simulating nodes no pod can reach, and without
// deep recursion or spreading huge arrays. Sizes reach 50,000,000 replicas and 1,000,000 nodes;
// the properties check counts and exactness (against the plan on every node), never time.
import fc from 'fast-check';
import { _planOnEveryNode, planCapacity, SurgePolicy } from '../../lib/capacity/plan';
import type { NodePool } from '../../lib/manifests/node-pool';
import type { ManifestObject } from '../../lib/scheduler/types';

const deployment = (replicas: number, cpuMilli: number, strategy?: string): ManifestObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } }, ...(strategy ? { strategy: { type: strategy } } : {}),
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'm', resources: { requests: { cpu: `${cpuMilli}m`, memory: '128Mi' } } }] } },
  },
});
const daemonSet: ManifestObject = {
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } },
};
const pool = (count: number, cpu = '4'): NodePool => ({ name: 'general', count, allocatable: { cpu, memory: '16Gi', pods: 110 } });

describe('bounded cost', () => {
  test('any replica count up to 50,000,000: every replica is accounted for, placed ≤ what the nodes hold', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1_000_000, max: 50_000_000 })), fc.integer({ min: 1, max: 4000 }), (replicas, cpuMilli) => {
        const plan = planCapacity({ manifests: [deployment(replicas, cpuMilli)], pools: [pool(3)], surge: SurgePolicy.NONE });
        const w = plan.workloads[0];
        expect(w.replicas).toBe(replicas);
        expect(w.placed + w.unplaced).toBe(replicas);
        expect(w.placed).toBeLessThanOrEqual(Math.min(330, Math.floor(12000 / cpuMilli)));
        expect(plan.usage.find((u) => u.resource === 'cpu')?.requested).toBe(replicas * cpuMilli);
        // three identical 4-cpu nodes: each holds ⌊4000 / cpu⌋ of these pods (at most 110)
        expect(plan.fits).toBe(replicas <= 3 * Math.min(110, Math.floor(4000 / cpuMilli)));
        // the unplaced list stays bounded: one line per pod simulated (what the nodes hold + 1, and
        // at least the first 1,000 pods), one for the rest
        expect(plan.unplaced.length).toBeLessThanOrEqual(Math.max(Math.floor(12000 / cpuMilli) + 1, 1000) + 1);
      }),
      { numRuns: 25 },
    );
  });

  test('pools up to 1,000,000 nodes: the DaemonSet budget and totals count every node', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 10, max: 50 }), fc.integer({ min: 100_000, max: 1_000_000 })), fc.integer({ min: 0, max: 30 }), (count, replicas) => {
        const plan = planCapacity({ manifests: [daemonSet, deployment(replicas, 500)], pools: [pool(count)] });
        expect(plan.fits).toBe(true);
        expect(plan.pools[0].nodeCount).toBe(count);
        expect(plan.workloads[0]).toMatchObject({ replicas: count, placed: count });
        expect(plan.usage.find((u) => u.resource === 'cpu')).toMatchObject({ requested: count * 100 + replicas * 500, allocatable: count * 4000 });
        // nodes no pod can reach are not simulated (elided when at least 1,000 of them)
        const reachable = 1 + replicas + Math.ceil(replicas / 4);
        expect(plan.pools[0].nodes.length).toBe(count - reachable >= 1000 ? reachable : count);
      }),
      { numRuns: 12 },
    );
  });

  test('a pod no node can take on a 1,000,000-node pool is answered with every node counted', () => {
    const plan = planCapacity({ manifests: [deployment(2, 8000, 'Recreate')], pools: [pool(1_000_000)] });
    // Identical failures collapse into one line (issue #9); every node is still counted.
    expect(plan.failures).toEqual([
      'shop/web (Deployment), replicas 1–2 of 2: 0/1000000 nodes are available: 1000000 Insufficient cpu.',
    ]);
    expect(plan.unplaced.map((u) => u.message)).toEqual([
      'shop/web (Deployment, replica 1 of 2): 0/1000000 nodes are available: 1000000 Insufficient cpu.',
      'shop/web (Deployment, replica 2 of 2): 0/1000000 nodes are available: 1000000 Insufficient cpu.',
    ]);
    // and a rollout that cannot place its surge pod, on the same pool
    const rolling = planCapacity({ manifests: [deployment(1, 3000, 'RollingUpdate'), { ...deployment(1, 3000, 'Recreate'), metadata: { name: 'b', namespace: 'shop' } }], pools: [pool(1_000_000)] });
    expect(rolling.fits).toBe(true);
    expect(rolling.rollouts[0]).toMatchObject({ completes: true, unplaced: [] });
  });

  test('eliding nodes of a large pool gives the plan of every node (fits, failures, budgets, totals)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1100, max: 1400 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 100, max: 5000 }),
        fc.boolean(),
        fc.constantFrom('Recreate', 'RollingUpdate'),
        (count, replicas, cpuMilli, withDaemonSet, strategy) => {
          const manifests = [...(withDaemonSet ? [daemonSet] : []), deployment(replicas, cpuMilli, strategy)];
          const pools: NodePool[] = [pool(count), { name: 'small', count: 2, allocatable: { cpu: '1', memory: '1Gi' }, taints: [{ key: 'x', value: 'y', effect: 'NoSchedule' }] }];
          const fast = planCapacity({ manifests, pools });
          const full = _planOnEveryNode({ manifests, pools });
          // the fast path was taken (not the fallback to every node), and agrees with every node
          expect(fast.pools[0].elidedNodes ?? 0).toBeGreaterThan(0);
          expect(full.pools[0].elidedNodes).toBeUndefined();
          expect(fast.fits).toBe(full.fits);
          expect(fast.failures).toEqual(full.failures);
          expect(fast.usage).toEqual(full.usage);
          expect(fast.workloads).toEqual(full.workloads);
          expect(fast.rollouts).toEqual(full.rollouts);
          expect(fast.pools.map((p) => [p.name, p.nodeCount, p.usage])).toEqual(full.pools.map((p) => [p.name, p.nodeCount, p.usage]));
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('bounded cost with headroom (issue #9): N+k on a huge NodePool is the same pool with k fewer nodes', () => {
  const dep = (name: string, replicas: number, cpu: string, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'x', resources: { requests: { cpu, memory: '1Gi' } } }], ...extra } } },
  });
  const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' }, spec: { selector: { matchLabels: { a: 'agent' } }, template: { metadata: { labels: { a: 'agent' } }, spec: { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '100m', memory: '100Mi' } } }] } } } };
  const strip = (p: ReturnType<typeof planCapacity>) => ({ verdict: p.verdict, failures: p.failures, headroom: p.headroom, workloads: p.workloads, usage: p.usage, unplaced: p.unplaced, rollouts: p.rollouts, settings: p.settings });

  test.each([
    ['fits', [dep('web', 5, '1')], 1],
    ['a pod too big for any node', [dep('web', 2, '5')], 1],
    ['with a DaemonSet and two pools', [ds, dep('web', 3, '2')], { general: 2, small: 1 }],
  ])('%s: equals the plan on every node', (_, manifests, headroom) => {
    const pools = [
      { name: 'general', count: 1100, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } },
      { name: 'small', count: 1010, allocatable: { cpu: '1', memory: '2Gi', pods: 110 } },
    ];
    const input = { manifests: manifests as never[], pools, headroom: headroom as never };
    const fast = planCapacity(input);
    expect(strip(fast)).toEqual(strip(_planOnEveryNode(input)));
    expect(fast.pools.some((p) => (p.elidedNodes ?? 0) > 0)).toBe(true); // the shortcut was taken
  });
});

describe('bounded cost with zone headroom and suggestions: NodePools by their counts', () => {
  const dep = (name: string, replicas: number, cpuMilli: number, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'x', resources: { requests: { cpu: `${cpuMilli}m`, memory: '1Gi' } } }], ...extra } } },
  });
  const strip = (p: ReturnType<typeof planCapacity>) => ({ verdict: p.verdict, failures: p.failures, headroom: p.headroom, workloads: p.workloads, usage: p.usage, unplaced: p.unplaced, rollouts: p.rollouts, problems: p.problems, settings: p.settings });

  test('zone loss on a huge zoned NodePool equals the plan on every node (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1020, max: 1100 }),
        fc.constantFrom<string[] | undefined>(['a', 'b', 'c'], ['a', 'b'], ['a', 'b', 'c', 'd'], undefined),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 100, max: 5000 }),
        fc.boolean(),
        (count, zones, replicas, cpuMilli, withDaemonSet) => {
          const pools: NodePool[] = [
            { name: 'general', count, allocatable: { cpu: '4', memory: '16Gi', pods: 110 }, ...(zones ? { zones } : {}) },
            { name: 'small', count: 3, allocatable: { cpu: '1', memory: '2Gi' }, zones: ['a', 'b', 'c'] },
          ];
          const manifests = [...(withDaemonSet ? [daemonSet] : []), dep('web', replicas, cpuMilli)] as ManifestObject[];
          const input = { manifests, pools, headroom: 'zone' as const };
          const fast = planCapacity(input);
          expect(strip(fast)).toEqual(strip(_planOnEveryNode(input)));
          expect(fast.pools[0].elidedNodes ?? 0).toBeGreaterThan(0); // the shortcut was taken
        },
      ),
      { numRuns: 12 },
    );
  });

  test('zone loss of 3 zones × 300,000 nodes answers exactly, with every node counted', () => {
    const plan = planCapacity({ manifests: [daemonSet, dep('web', 30, 500)] as ManifestObject[], pools: [{ name: 'general', count: 900_000, zones: ['a', 'b', 'c'], allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }], headroom: 'zone' });
    expect(plan.verdict).toBe('fits');
    expect(plan.headroom.map((h) => [h.pool, h.zone, h.nodesLost, h.lostNodes.slice(0, 2), h.fits])).toEqual([['general', 'a', 300_000, ['general-1', 'general-4'], true]]);
    expect(plan.headroom[0].usage.find((u) => u.resource === 'cpu')).toMatchObject({ requested: 600_000 * 100 + 30 * 500, allocatable: 600_000 * 4000 });
  });

  test('a workload that names nodes (nodeSelector on the hostname) takes the plan on every node', () => {
    const manifests = [dep('web', 2, 500, { nodeSelector: { 'kubernetes.io/hostname': 'general-1' } })] as ManifestObject[];
    const input = { manifests, pools: [{ name: 'general', count: 1010, zones: ['a', 'b'], allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }], headroom: 'zone' as const };
    expect(strip(planCapacity(input))).toEqual(strip(_planOnEveryNode(input)));
    expect(planCapacity(input).headroom[0]).toMatchObject({ zone: 'a', fits: false, nodesLost: 505 });
  });

  test('suggestions on a 1,000,000-node pool: the elided plan, and the search by counts', () => {
    const plan = planCapacity({ manifests: [daemonSet, dep('web', 30, 500)] as ManifestObject[], pools: [pool(1_000_000)], suggest: true });
    expect(plan.verdict).toBe('fits');
    expect(plan.pools[0]).toMatchObject({ nodeCount: 1_000_000 });
    // 30 × 500m + 100m per node: 4 nodes hold 28 pods (7 each, 3600m), the 5th the rest
    expect(plan.suggestions).toEqual([{ pool: 'general', nodes: 5, present: 1_000_000 }]);
  });

  test('past 250,000 nodes that must be simulated one by one, one sentence says the question is too large', () => {
    expect(() => planCapacity({ manifests: [deployment(50_000_000, 500)], pools: [pool(1_000_000)] })).toThrow(
      '1000000 nodes are too many to simulate one by one (more than 250000; a NodePool is shortened only when its pods reach few of its nodes), so the check cannot answer: check fewer nodes or fewer replicas at once');
  });
});
