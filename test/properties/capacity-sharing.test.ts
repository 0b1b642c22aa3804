// Rollout scenarios share what the steady state prepared (each DaemonSet pod built and parsed
// once per plan, templates compiled once per node list) instead of rebuilding it per scenario.
// The property: on random small clusters, the plan is exactly the plan of the straightforward
// path (`_withoutSharing`: every scenario prepares its own pods and compiles from scratch).
import fc from 'fast-check';
import { planCapacity, SurgePolicy } from '../../lib/capacity/plan';
import { _withoutSharing } from '../../lib/capacity/simulate';
import type { ManifestObject, Node } from '../../lib/scheduler/types';

interface NodeShape { cpu: number; memory: number; pods: number; tainted: boolean; role: 'a' | 'b'; cordoned: boolean }
interface DeploymentShape { replicas: number; cpu: number; maxSurge: string | number; maxUnavailable: string | number; spreadByZone: boolean; antiAffinity: boolean }
interface DaemonSetShape { cpu: number; tolerateAll: boolean; nodeSelector: boolean; maxSurge: string | number; hostPort: boolean }

const nodeShape: fc.Arbitrary<NodeShape> = fc.record({
  cpu: fc.constantFrom(500, 1000, 2000, 4000),
  memory: fc.constantFrom(1, 2, 8),
  pods: fc.constantFrom(3, 6, 110),
  tainted: fc.boolean(),
  role: fc.constantFrom('a' as const, 'b' as const),
  cordoned: fc.integer({ min: 0, max: 9 }).map((n) => n < 3), // 30%, from fast-check's seed
});
const intOrPercent = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '25%', '50%', '100%'));
const deploymentShape: fc.Arbitrary<DeploymentShape> = fc.record({
  replicas: fc.integer({ min: 0, max: 20 }),
  cpu: fc.constantFrom(100, 250, 500, 1500),
  maxSurge: intOrPercent,
  maxUnavailable: intOrPercent,
  spreadByZone: fc.boolean(),
  antiAffinity: fc.boolean(),
});
const daemonSetShape: fc.Arbitrary<DaemonSetShape> = fc.record({
  cpu: fc.constantFrom(50, 200, 900),
  tolerateAll: fc.boolean(),
  nodeSelector: fc.boolean(),
  maxSurge: fc.constantFrom(0, 1, '10%', '100%'),
  hostPort: fc.boolean(),
});

function nodes(shapes: readonly NodeShape[]): Node[] {
  return shapes.map((s, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n${i}`, labels: { 'kubernetes.io/hostname': `n${i}`, 'topology.kubernetes.io/zone': `z${i % 3}`, role: s.role } },
    spec: { ...(s.tainted ? { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] } : {}), ...(s.cordoned ? { unschedulable: true } : {}) },
    status: { allocatable: { cpu: `${s.cpu}m`, memory: `${s.memory}Gi`, pods: String(s.pods) } },
  }) as Node);
}

function daemonSet(s: DaemonSetShape): ManifestObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: s.maxSurge, maxUnavailable: s.maxSurge === 0 ? 1 : 0 } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          ...(s.tolerateAll ? { tolerations: [{ operator: 'Exists' }] } : {}),
          ...(s.nodeSelector ? { nodeSelector: { role: 'a' } } : {}),
          containers: [{ name: 'a', resources: { requests: { cpu: `${s.cpu}m`, memory: '64Mi' } }, ...(s.hostPort ? { ports: [{ containerPort: 9100, hostPort: 9100 }] } : {}) }],
        },
      },
    },
  };
}

function deployment(s: DeploymentShape, i: number): ManifestObject {
  const name = `web${i}`;
  const labels = { app: name };
  // the API server rejects maxSurge and maxUnavailable both zero
  const zero = (v: string | number) => v === 0 || v === '0%';
  const maxUnavailable = zero(s.maxSurge) && zero(s.maxUnavailable) ? 1 : s.maxUnavailable;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' },
    spec: {
      replicas: s.replicas,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: s.maxSurge, maxUnavailable } },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'm', resources: { requests: { cpu: `${s.cpu}m`, memory: '128Mi' } } }],
          ...(s.spreadByZone ? { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } }] } : {}),
          ...(s.antiAffinity ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } }] } } } : {}),
        },
      },
    },
  };
}

describe('rollout scenarios sharing the steady state', () => {
  test('give exactly the plan of the straightforward path (1–30 nodes, DaemonSets and Deployments with surge variants)', () => {
    let dsRollouts = 0;
    fc.assert(
      fc.property(
        fc.array(nodeShape, { minLength: 1, maxLength: 30 }),
        fc.option(daemonSetShape, { nil: undefined }),
        fc.array(deploymentShape, { minLength: 0, maxLength: 3 }),
        fc.constantFrom(SurgePolicy.EACH_ROLLOUT, SurgePolicy.EACH_ROLLOUT, SurgePolicy.EACH_ROLLOUT, SurgePolicy.ALL_ROLLOUTS, SurgePolicy.LARGEST_ROLLOUT, SurgePolicy.NONE),
        fc.constantFrom(0, 0, 1),
        (nodeShapes, ds, deployments, surge, headroom) => {
          const manifests = [...(ds ? [daemonSet(ds)] : []), ...deployments.map(deployment)];
          const input = { manifests, nodes: nodes(nodeShapes), surge, headroom };
          const shared = planCapacity(input);
          const straightforward = _withoutSharing(() => planCapacity(input));
          expect(shared).toEqual(straightforward);
          expect(JSON.stringify(shared)).toBe(JSON.stringify(straightforward));
          if (shared.rollouts.some((r) => r.workload.startsWith('DaemonSet '))) dsRollouts++;
        },
      ),
      { numRuns: 150, seed: 20240601 },
    );
    // the property met DaemonSet rollouts (the pods shared between scenarios), not only trivial plans
    expect(dsRollouts).toBeGreaterThan(10);
  });

  test('a DaemonSet rollout that stalls on a full node reads the same on both paths', () => {
    const input = {
      manifests: [daemonSet({ cpu: 900, tolerateAll: false, nodeSelector: false, maxSurge: 1, hostPort: false })],
      nodes: nodes([{ cpu: 1000, memory: 2, pods: 110, tainted: false, role: 'a', cordoned: false }, { cpu: 2000, memory: 2, pods: 110, tainted: false, role: 'a', cordoned: false }]),
    };
    const shared = planCapacity(input);
    expect(shared.rollouts).toEqual(_withoutSharing(() => planCapacity(input)).rollouts);
    expect(shared.rollouts[0]).toMatchObject({ workload: 'DaemonSet kube-system/agent', surge: 2, maxUnavailable: 0, completes: false });
    expect(shared.rollouts[0].unplaced.map((u) => u.pod)).toEqual(['kube-system/agent-n0-surge']);
  });
});
