import { MissingRequestsLevel, planCapacity, ProblemSeverity, SurgePolicy } from '../../lib/capacity/plan';
import { ManifestError } from '../../lib/manifests/manifest-error';
import type { NodePool } from '../../lib/manifests/node-pool';
import type { ManifestObject } from '../../lib/scheduler/types';

const deployment = (name: string, replicas: number | undefined, requests: Record<string, string>, podSpec: Record<string, unknown> = {}, namespace = 'shop', rollingUpdate?: Record<string, unknown>): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    ...(replicas === undefined ? {} : { replicas }),
    ...(rollingUpdate ? { strategy: { type: 'RollingUpdate', rollingUpdate } } : {}),
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'app', resources: { requests } }], ...podSpec } },
  },
});
const daemonSet = (name: string, requests: Record<string, string>): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'kube-system' },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', resources: { requests } }] } } },
});
const small = { cpu: '1', memory: '1Gi' };
const FORMAT_WRONG = 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';
const pools: NodePool[] = [
  { name: 'general', count: 2, allocatable: { cpu: '2', memory: '8Gi' } },
  { name: 'gpu', count: 1, allocatable: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '1' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
];

describe('planCapacity', () => {
  test('fails for an over-committed Deployment with the scheduler message per pod that does not fit', () => {
    // GIVEN 5 replicas of 1 cpu on two 2-cpu nodes and a tainted GPU node, no surge
    const plan = planCapacity({ manifests: [deployment('storefront', 5, small)], pools, surge: SurgePolicy.NONE });
    // THEN the fifth replica fits nowhere; Go's sort.Strings orders "1 node(s)…" before "2 Insufficient cpu"
    expect(plan.fits).toBe(false);
    expect(plan.failures).toEqual([
      'shop/storefront (Deployment, replica 5 of 5): 0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.',
    ]);
    expect(plan.unplaced).toEqual([
      {
        pod: 'shop/storefront-5',
        workload: 'Deployment shop/storefront',
        surge: false,
        message: plan.failures[0],
        reasons: [
          { reason: 'node(s) had untolerated taint {dedicated: gpu}', count: 1 },
          { reason: 'Insufficient cpu', count: 2 },
        ],
        replica: 5,
        of: 5,
        detail: '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.',
      },
    ]);
    expect(plan.pools[0].nodes.map((n) => n.pods)).toEqual([
      ['shop/storefront-1', 'shop/storefront-3'],
      ['shop/storefront-2', 'shop/storefront-4'],
    ]);
    // Check (1) still passes: the cluster has 12 cpu in total, the tainted node is what keeps it out.
    expect(plan.usage.find((u) => u.resource === 'cpu')).toEqual({ resource: 'cpu', requested: 5000, allocatable: 12000, requestedText: '5', allocatableText: '12', percent: 41.7, fits: true });
  });

  test('fails when cluster totals exceed allocatable, per resource', () => {
    const plan = planCapacity({ manifests: [deployment('big', 3, { cpu: '5', memory: '1Gi' })], pools, surge: SurgePolicy.NONE });
    expect(plan.failures[0]).toBe('cluster cpu: requests 15 exceed allocatable 12 (125%)');
    expect(plan.usage.map((u) => [u.resource, u.fits])).toEqual([
      ['cpu', false],
      ['memory', true],
      ['pods', true],
    ]);
  });

  test('GIVEN a Deployment that fits WHEN planned THEN fits, with figures per pool and node', () => {
    const plan = planCapacity({ manifests: [deployment('web', 2, { cpu: '500m', memory: '512Mi' })], pools, surge: SurgePolicy.NONE });
    expect(plan.fits).toBe(true);
    expect(plan.failures).toEqual([]);
    expect(plan.pools.map((p) => [p.name, p.nodeCount, p.usage[0].requestedText, p.usage[0].allocatableText])).toEqual([
      ['general', 2, '1', '4'],
      ['gpu', 1, '0', '8'],
    ]);
    expect(plan.workloads[0]).toEqual({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      id: 'shop/web',
      replicas: 2,
      replicasSource: 'spec.replicas',
      surge: 0,
      surgeSource: '',
      podRequests: { cpu: '500m', memory: '512Mi' },
      placed: 2,
      unplaced: 0,
    });
  });

  test('GIVEN a DaemonSet WHEN planned THEN one pod per eligible node (the tainted node is not eligible)', () => {
    const plan = planCapacity({ manifests: [daemonSet('agent', { cpu: '100m', memory: '128Mi' })], pools });
    expect(plan.workloads[0]).toMatchObject({ replicas: 2, replicasSource: 'one per eligible node (2 of 3)', surge: 0, placed: 2 });
    expect(plan.pools[0].nodes.map((n) => n.pods)).toEqual([['kube-system/agent-general-1'], ['kube-system/agent-general-2']]);
    expect(plan.pools[1].nodes[0].pods).toEqual([]);
  });

  test('GIVEN a DaemonSet pod too big for its node WHEN planned THEN only that node is counted in the message (v1.27 PreFilterResult)', () => {
    const plan = planCapacity({ manifests: [daemonSet('agent', { cpu: '3', memory: '128Mi' })], pools });
    expect(plan.failures).toEqual([
      // identical failures collapse into one line with the replica range
      'kube-system/agent (DaemonSet), replicas 1–2 of 2: 0/3 nodes are available: 1 Insufficient cpu.',
    ]);
    expect(plan.unplaced.map((p) => p.pod)).toEqual(['kube-system/agent-general-1', 'kube-system/agent-general-2']);
  });

  test('GIVEN DaemonSets and Deployments WHEN planned THEN DaemonSet pods are placed first (Helm / Argo CD kind order)', () => {
    const plan = planCapacity({ manifests: [deployment('web', 2, { cpu: '2', memory: '1Gi' }), daemonSet('agent', { cpu: '100m', memory: '128Mi' })], pools, surge: SurgePolicy.NONE });
    expect(plan.failures).toEqual([
      'shop/web (Deployment), replicas 1–2 of 2: 0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.',
    ]);
    expect(plan.pools[0].nodes.map((n) => n.pods)).toEqual([['kube-system/agent-general-1'], ['kube-system/agent-general-2']]);
  });

  test('GIVEN an HPA WHEN planned THEN its maxReplicas is budgeted and named as the source', () => {
    const hpa: ManifestObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'storefront', namespace: 'shop' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'storefront' }, minReplicas: 2, maxReplicas: 6 },
    };
    const plan = planCapacity({ manifests: [deployment('storefront', 2, { cpu: '250m', memory: '256Mi' }), hpa], pools });
    // Each rollout is checked on its own: the steady state places the 6 replicas, the rollout its 2 surge pods.
    expect(plan.workloads[0]).toMatchObject({ replicas: 6, replicasSource: 'HorizontalPodAutoscaler shop/storefront maxReplicas', surge: 2, surgeSource: '+2 surge (maxSurge 25%)', placed: 6 });
    expect(plan.rollouts).toEqual([{ workload: 'Deployment shop/storefront', surge: 2, maxUnavailable: 1, unplaced: [], completes: true, message: '' }]);
  });

  test('GIVEN two Deployments WHEN surge policy varies THEN the largest rollout, all rollouts or none is budgeted', () => {
    const manifests = [deployment('small', 4, { cpu: '100m', memory: '128Mi' }), deployment('large', 5, { cpu: '200m', memory: '256Mi' })];
    const surges = (surge: SurgePolicy) => planCapacity({ manifests, pools, surge }).workloads.map((w) => [w.name, w.surge, w.surgeSource]);
    expect(surges(SurgePolicy.LARGEST_ROLLOUT)).toEqual([
      ['small', 0, ''],
      ['large', 2, '+2 surge (maxSurge 25%)'],
    ]);
    expect(surges(SurgePolicy.ALL_ROLLOUTS)).toEqual([
      ['small', 1, '+1 surge (maxSurge 25%)'],
      ['large', 2, '+2 surge (maxSurge 25%)'],
    ]);
    expect(surges(SurgePolicy.NONE)).toEqual([
      ['small', 0, ''],
      ['large', 0, ''],
    ]);
  });

  test('GIVEN a surge pod that does not fit and maxUnavailable 0 WHEN planned THEN the rollout stalls and its message says it is the rollout surge', () => {
    const plan = planCapacity({ manifests: [deployment('web', 4, small, {}, 'shop', { maxSurge: 1, maxUnavailable: 0 })], pools });
    expect(plan.failures).toEqual([
      'shop/web (Deployment) rollout stalls: 1 of 1 surge pod cannot be placed and no old pod is removed before its replacement is ready (maxUnavailable 0); first: shop/web (Deployment, replica 5 of 5, rollout surge): 0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.',
    ]);
    expect(plan.rollouts[0]).toMatchObject({ completes: false, maxUnavailable: 0, unplaced: [{ pod: 'shop/web-5', surge: true }] });
    // the same under LARGEST_ROLLOUT (surge in the main simulation)
    const largest = planCapacity({ manifests: [deployment('web', 4, small, {}, 'shop', { maxSurge: 1, maxUnavailable: 0 })], pools, surge: SurgePolicy.LARGEST_ROLLOUT });
    expect(largest.failures).toEqual([
      'shop/web (Deployment, replica 5 of 5, rollout surge): 0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.',
    ]);
    expect(largest.unplaced[0]).toMatchObject({ pod: 'shop/web-5', surge: true });
  });

  test('GIVEN a surge pod that does not fit and maxUnavailable 25% of 4 = 1 WHEN planned THEN the rollout completes: information, not a failure', () => {
    // deployment_util.go ResolveFenceposts: maxUnavailable 25% of 4 rounds down to 1, so the
    // controller scales the old ReplicaSet down first and the rollout finishes.
    for (const surge of [SurgePolicy.EACH_ROLLOUT, SurgePolicy.LARGEST_ROLLOUT]) {
      const plan = planCapacity({ manifests: [deployment('web', 4, small)], pools, surge });
      expect(plan.fits).toBe(true);
      expect(plan.failures).toEqual([]);
    }
    const plan = planCapacity({ manifests: [deployment('web', 4, small)], pools });
    expect(plan.rollouts).toEqual([{
      workload: 'Deployment shop/web',
      surge: 1,
      maxUnavailable: 1,
      unplaced: [expect.objectContaining({ pod: 'shop/web-5', surge: true })],
      completes: true,
      message: 'shop/web (Deployment) rollout: 1 of 1 surge pod cannot be placed; maxUnavailable 1 lets the controller remove old pods first, so the rollout completes',
    }]);
  });

  test('GIVEN a RuntimeClass with overhead WHEN planned THEN the overhead counts against the nodes', () => {
    const runtimeClass: ManifestObject = { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', overhead: { podFixed: { cpu: '250m', memory: '64Mi' } } };
    const plan = planCapacity({ manifests: [runtimeClass, deployment('sandboxed', 4, small, { runtimeClassName: 'gvisor' })], pools, surge: SurgePolicy.NONE });
    // 1 cpu + 250m overhead: only one pod per 2-cpu node.
    expect(plan.workloads[0]).toMatchObject({ podRequests: { cpu: '1250m', memory: '1088Mi' }, placed: 2, unplaced: 2 });
    expect(plan.fits).toBe(false);
  });

  test('GIVEN headroom 1 WHEN the largest node of a pool is lost THEN the plan reports whether it still fits', () => {
    const three: NodePool[] = [{ name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi' } }];
    const fitsN1 = planCapacity({ manifests: [deployment('web', 8, small)], pools: three, headroom: 1, surge: SurgePolicy.NONE });
    expect(fitsN1.headroom).toEqual([expect.objectContaining({ pool: 'general', nodesLost: 1, lostNodes: ['general-3'], fits: true, unplaced: [] })]);
    expect(fitsN1.fits).toBe(true);

    const failsN1 = planCapacity({ manifests: [deployment('web', 9, small)], pools: three, headroom: 1, surge: SurgePolicy.NONE });
    expect(failsN1.fits).toBe(false);
    expect(failsN1.unplaced).toEqual([]);
    expect(failsN1.failures).toEqual([
      'headroom N+1: without general-3 (pool general), cluster cpu: requests 9 exceed allocatable 8 (112.5%)',
      'headroom N+1: without general-3 (pool general), 1 pod(s) not placed; first: shop/web (Deployment, replica 9 of 9): 0/2 nodes are available: 2 Insufficient cpu.',
    ]);
  });

  test('GIVEN kubectl get nodes -o yaml (kind: List) WHEN planned THEN real nodes are used and grouped by their node group label', () => {
    const node = (name: string, group: string) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'eks.amazonaws.com/nodegroup': group } },
      spec: {},
      status: { allocatable: { cpu: '1930m', memory: '7291048Ki', pods: '29' } },
    });
    const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [node('ip-10-0-1-1', 'ng-a'), node('ip-10-0-1-2', 'ng-a'), node('ip-10-0-2-1', 'ng-b')] };
    const plan = planCapacity({ manifests: [deployment('web', 3, small)], nodes: [list as never], surge: SurgePolicy.NONE });
    expect(plan.fits).toBe(true);
    expect(plan.pools.map((p) => [p.name, p.nodes.map((n) => n.name)])).toEqual([
      ['ng-a', ['ip-10-0-1-1', 'ip-10-0-1-2']],
      ['ng-b', ['ip-10-0-2-1']],
    ]);
    expect(plan.usage.find((u) => u.resource === 'memory')?.allocatableText).toBe('20.9Gi'); // 21873144Ki, readable
  });

  test('GIVEN containers without requests WHEN planned THEN they are errors by default, warnings or ignored on request', () => {
    const noRequests = deployment('lazy', 1, {});
    const err = planCapacity({ manifests: [noRequests], pools });
    expect(err.fits).toBe(false);
    expect(err.problems).toEqual([
      {
        severity: ProblemSeverity.ERROR,
        object: 'Deployment shop/lazy',
        field: 'spec.template.spec.containers[0].resources.requests',
        message: 'container app has no cpu or memory request: the scheduler counts it as 0, so the plan cannot vouch for it; set resources.requests',
      },
    ]);
    expect(err.failures).toEqual([`Deployment shop/lazy: spec.template.spec.containers[0].resources.requests: ${err.problems[0].message}`]);
    expect(planCapacity({ manifests: [noRequests], pools, missingRequests: MissingRequestsLevel.WARNING }).fits).toBe(true);
    expect(planCapacity({ manifests: [noRequests], pools, missingRequests: MissingRequestsLevel.IGNORE }).problems).toEqual([]);
  });

  test('fails on an invalid quantity with a ManifestError naming the source, object and field', () => {
    let err: unknown;
    try {
      planCapacity({ manifests: [deployment('web', 1, { cpu: '1 core' })], sources: [{ file: 'web.yaml', documentIndex: 3 }], pools });
    } catch (e) {
      err = e;
    }
    expect(ManifestError.isManifestError(err)).toBe(true);
    expect((err as ManifestError).field).toBe('spec.template.spec.containers[0].resources.requests[cpu]');
    // the field once, in manifest terms (not again pod-spec-relative as `… at spec.containers[0]…`)
    expect((err as Error).message).toBe(`web.yaml document 3: Deployment shop/web: spec.template.spec.containers[0].resources.requests[cpu]: invalid quantity "1 core": ${FORMAT_WRONG}`);
  });

  test('fails on duplicate node names with the fix for the kinds of input (Node objects, NodePools, or both)', () => {
    const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } });
    const general: NodePool = { name: 'general', count: 2, allocatable: { cpu: '4', memory: '16Gi', pods: '110' } };
    const manifests = [deployment('web', 1, small)];
    expect(() => planCapacity({ manifests, nodes: [node('n1'), node('n1')] })).toThrow(new Error('Node n1: metadata.name: Node "n1" is given twice: a cluster\'s node names are unique, '
      + 'so remove one of the two Node objects (e.g. the same `kubectl get nodes` output given twice) or rename it'));
    expect(() => planCapacity({ manifests, pools: [general, general] })).toThrow(new Error('NodePool general: name: two NodePools named "general" both make node "general-1" '
      + '(pool nodes are named <pool>-1…<pool>-N): give each pool its own name'));
    expect(() => planCapacity({ manifests, pools: [general], nodes: [node('general-2')] })).toThrow(new Error('Node general-2: metadata.name: Node "general-2" has the name of a node of '
      + 'NodePool general (its nodes are named general-1…general-N): rename the Node or the pool'));
  });

  test('fails on an invalid Node allocatable quantity with a ManifestError naming the Node and field once', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4 cores', memory: '16Gi', pods: '110' } } };
    expect(() => planCapacity({ manifests: [deployment('web', 1, small)], nodes: [node] })).toThrow(
      new Error(`Node n1: status.allocatable[cpu]: invalid quantity "4 cores": ${FORMAT_WRONG}`));
  });

  test('GIVEN the same input twice WHEN planned THEN the JSON is identical (deterministic)', () => {
    const manifests = [deployment('a', 7, { cpu: '300m', memory: '1Gi' }), daemonSet('agent', { cpu: '100m', memory: '64Mi' }), deployment('b', 3, { cpu: '1', memory: '2Gi' })];
    const input = { manifests, pools, headroom: 1 };
    const first = JSON.stringify(planCapacity(input));
    expect(JSON.stringify(planCapacity(JSON.parse(JSON.stringify(input))))).toBe(first);
    expect(JSON.parse(first)).toEqual(planCapacity(input));
  });
});
