// Issue #9 "Semantics to get right": each case runs through planCapacity, the CLI (`--format json`)
// and the CapacityCheck construct, which must agree (verdict, failures, budgets). Expected values
// come from the Kubernetes 1.27 source named in each test.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { CapacityCheck } from '../../lib/capacity/capacity-check';
import { CapacityPlan, CapacityPlanInput, CapacityVerdict, planCapacity, SurgePolicy } from '../../lib/capacity/plan';
import { CliIo, main } from '../../lib/cli/main';
import type { NodePool } from '../../lib/manifests/node-pool';
import type { ManifestObject, Node } from '../../lib/scheduler/types';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'capsem-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let fileNo = 0;

function cli(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {} };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

function writeYaml(objects: readonly unknown[]): string {
  const file = path.join(tmp, `in-${fileNo++}.yaml`);
  fs.writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n---\n'));
  return file;
}

function nodesFile(pools: readonly NodePool[], nodes: readonly Node[]): string {
  return writeYaml([
    ...pools.map((p) => ({ apiVersion: 'capacity.cdk8s-appkit.io/v1alpha1', kind: 'NodePool', metadata: { name: p.name }, spec: { ...p, name: undefined } })),
    ...nodes,
  ]);
}

interface Both {
  readonly plan: CapacityPlan;
  readonly cliPlan: CapacityPlan;
  readonly cliCode: number;
  readonly constructPlan: CapacityPlan;
  readonly constructErrors: string[];
}

/** The same input through planCapacity, the CLI and CapacityCheck; asserts they agree. */
function all(manifests: ManifestObject[], pools: NodePool[], options: Partial<CapacityPlanInput> = {}): Both {
  const plan = planCapacity({ manifests, pools, ...options });
  const argv = ['capacity', '--nodes', nodesFile(pools, options.nodes ?? []), '--format', 'json'];
  if (options.surge) argv.push('--surge', options.surge);
  const r = cli([...argv, writeYaml(manifests)]);
  expect(r.stderr).toBe('');
  const cliPlan = JSON.parse(r.stdout) as CapacityPlan;

  const app = Testing.app();
  const chart = new Chart(app, 'test');
  manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m as never));
  const check = new CapacityCheck(chart, 'capacity', { nodePools: pools, nodes: options.nodes as Node[] | undefined, surge: options.surge, writeReport: false });
  const constructPlan = check.plan;
  const constructErrors = check.node.validate();

  for (const other of [cliPlan, constructPlan]) {
    expect(other.verdict).toBe(plan.verdict);
    expect(other.fits).toBe(plan.fits);
    expect(other.workloads.map((w) => [w.id, w.replicas, w.surge, w.placed, w.unplaced])).toEqual(plan.workloads.map((w) => [w.id, w.replicas, w.surge, w.placed, w.unplaced]));
    expect(other.rollouts).toEqual(plan.rollouts);
    expect(other.unplaced.map((u) => u.message)).toEqual(plan.unplaced.map((u) => u.message));
  }
  expect(r.code).toBe(plan.fits ? 0 : 1);
  expect(constructErrors.length === 0).toBe(plan.fits);
  return { plan, cliPlan, cliCode: r.code, constructPlan, constructErrors };
}

const requests = { cpu: '500m', memory: '512Mi' };
const pod = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'main', image: 'app', resources: { requests } }], ...extra },
});
const deployment = (name: string, replicas: number, spec: Record<string, unknown> = {}, template = pod({ app: name })): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'argocd' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template, ...spec },
});
const THREE: NodePool[] = [{ name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }];

describe('rollouts, one at a time (deployment_util.go ResolveFenceposts; pkg/controller/deployment/rolling.go)', () => {
  // argo-cd HA: redis-ha-haproxy, 3 replicas, required hostname anti-affinity, maxSurge 1, maxUnavailable 0.
  const haproxy = deployment('argocd-redis-ha-haproxy', 3, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }, pod({ app: 'haproxy' }, {
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'haproxy' } }, topologyKey: 'kubernetes.io/hostname' }] } },
  }));
  const big = deployment('argocd-repo-server', 6, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } } });

  test('GIVEN haproxy and a bigger Deployment on 3 nodes WHEN planned THEN the haproxy rollout stalls, whatever is bigger', () => {
    const { plan } = all([big, haproxy], THREE);
    expect(plan.verdict).toBe(CapacityVerdict.DOES_NOT_FIT);
    expect(plan.unplaced).toEqual([]);
    expect(plan.failures).toEqual([
      "argocd/argocd-redis-ha-haproxy (Deployment) rollout stalls: 1 of 1 surge pod cannot be placed and no old pod is removed before its replacement is ready (maxUnavailable 0); first: argocd/argocd-redis-ha-haproxy (Deployment, replica 4 of 4, rollout surge): 0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.",
    ]);
    expect(plan.rollouts.map((r) => [r.workload, r.surge, r.maxUnavailable, r.completes])).toEqual([
      ['Deployment argocd/argocd-repo-server', 2, 0, true],
      ['Deployment argocd/argocd-redis-ha-haproxy', 1, 0, false],
    ]);
  });

  test('GIVEN the same haproxy with maxUnavailable 1 WHEN planned THEN the rollout completes (information, not a failure)', () => {
    const h = deployment('argocd-redis-ha-haproxy', 3, { strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }, (haproxy.spec as { template: never }).template);
    const { plan } = all([h], THREE);
    expect(plan.fits).toBe(true);
    expect(plan.rollouts[0]).toMatchObject({ completes: true, maxUnavailable: 1, message: 'argocd/argocd-redis-ha-haproxy (Deployment) rollout: 1 of 1 surge pod cannot be placed; maxUnavailable 1 lets the controller remove old pods first, so the rollout completes' });
  });

  test('GIVEN maxSurge 0 and maxUnavailable 10% of 3 (rounds down to 0) WHEN planned THEN ResolveFenceposts makes maxUnavailable 1: no surge, fits', () => {
    const h = deployment('web', 3, { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } } });
    const { plan } = all([h], THREE);
    expect(plan.fits).toBe(true);
    expect(plan.workloads[0].surge).toBe(0);
    expect(plan.rollouts).toEqual([]);
  });

  test('GIVEN maxSurge 34% of 3 WHEN planned THEN it rounds up to 2 surge pods (GetScaledValueFromIntOrPercent roundUp)', () => {
    const { plan } = all([deployment('web', 3, { strategy: { rollingUpdate: { maxSurge: '34%', maxUnavailable: 0 } } })], THREE);
    expect(plan.rollouts[0]).toMatchObject({ surge: 2, maxUnavailable: 0, completes: true });
  });

  test('GIVEN Recreate, a StatefulSet (OnDelete or partition) WHEN planned THEN no surge is budgeted', () => {
    const sts = (name: string, updateStrategy: Record<string, unknown>): ManifestObject => ({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'db' },
      spec: { replicas: 3, serviceName: name, selector: { matchLabels: { app: name } }, template: pod({ app: name }), updateStrategy },
    });
    const { plan } = all([deployment('r', 2, { strategy: { type: 'Recreate' } }), sts('a', { type: 'OnDelete' }), sts('b', { type: 'RollingUpdate', rollingUpdate: { partition: 1 } })], THREE);
    expect(plan.workloads.map((w) => [w.id, w.surge])).toEqual([['argocd/r', 0], ['db/a', 0], ['db/b', 0]]);
    expect(plan.rollouts).toEqual([]);
  });

  test('fails with exit 2 / a construct error when maxSurge and maxUnavailable are both 0 (ValidateRollingUpdateDeployment)', () => {
    const bad = deployment('web', 3, { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } });
    const message = 'Deployment argocd/web: spec.strategy.rollingUpdate.maxUnavailable: "0%" is invalid: may not be 0 when `maxSurge` is 0; allow one pod down (maxUnavailable: 1) or one extra pod (maxSurge: 1)';
    expect(() => planCapacity({ manifests: [bad], pools: THREE })).toThrow(message);
    const file = writeYaml([bad]);
    expect(cli(['capacity', '--nodes', nodesFile(THREE, []), file])).toEqual({ code: 2, stdout: '', stderr: `error: ${file}:1: ${message}.\n` });
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new ApiObject(chart, 'web', bad as never);
    const check = new CapacityCheck(chart, 'capacity', { nodePools: THREE, writeReport: false });
    expect(check.node.validate()).toEqual([`test/web: ${message}`]);
  });
});

describe('DaemonSet surge (pkg/controller/daemon/update.go rollingUpdate, surge branch)', () => {
  const ds = (maxSurge: number | string): ManifestObject => ({
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: pod({ app: 'agent' }), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: 0 } } },
  });
  // `roomy` has room for a second 500m agent pod; `tight` (900m) has not.
  const roomy: NodePool = { name: 'roomy', count: 2, allocatable: { cpu: '4', memory: '16Gi' } };
  const tight: NodePool = { name: 'tight', count: 1, allocatable: { cpu: '900m', memory: '16Gi' } };

  test.each([
    ['roomy first', [roomy, tight]],
    ['tight first', [tight, roomy]],
  ])('GIVEN maxSurge 1 and one node without room (%s) WHEN planned THEN the rollout stalls on that node, whatever the pool order', (_, pools) => {
    const { plan } = all([ds(1)], pools as NodePool[]);
    expect(plan.unplaced).toEqual([]);
    expect(plan.rollouts).toHaveLength(1);
    expect(plan.rollouts[0]).toMatchObject({ workload: 'DaemonSet kube-system/agent', surge: 3, maxUnavailable: 0, completes: false });
    expect(plan.rollouts[0].unplaced.map((u) => [u.pod, u.message.replace(/replica \d of 6/, 'replica n of 6')])).toEqual([
      ['kube-system/agent-tight-1-surge', 'kube-system/agent (DaemonSet, replica n of 6, rollout surge): 0/3 nodes are available: 1 Insufficient cpu.'],
    ]);
    expect(plan.fits).toBe(false);
  });

  test('GIVEN maxSurge 0 (the default) WHEN planned THEN no surge pod is checked', () => {
    const plain: ManifestObject = { ...ds(0), spec: { ...(ds(0).spec as object), updateStrategy: { type: 'RollingUpdate' } } };
    const { plan } = all([plain], [roomy, tight]);
    expect(plan.rollouts).toEqual([]);
    expect(plan.fits).toBe(true);
  });
});

describe('spec.nodeName pods: kubelet admission (pkg/kubelet/lifecycle/predicate.go generalFilter, 1.27)', () => {
  const node = (name: string, extra: { taints?: unknown[]; unschedulable?: boolean; cpu?: string } = {}): Node => ({
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: { ...(extra.taints ? { taints: extra.taints } : {}), ...(extra.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: { cpu: extra.cpu ?? '1', memory: '4Gi', pods: '110' } },
  } as Node);
  const bare = (name: string, nodeName: string, cpu: string, extra: Record<string, unknown> = {}): ManifestObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ops' },
    spec: { nodeName, containers: [{ name: 'main', image: 'app', resources: { requests: { cpu, memory: '64Mi' } } }], ...extra },
  });

  test('GIVEN a pod too big for its node WHEN planned THEN the message is kubelet\'s, not the scheduler\'s', () => {
    const { plan } = all([bare('big', 'n1', '2')], [], { nodes: [node('n1'), node('n2')] });
    expect(plan.failures).toEqual(["ops/big (Pod): Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 0, capacity: 1000"]);
    expect(plan.unplaced[0].reasons).toEqual([{ reason: 'OutOfcpu', count: 1 }]);
  });

  test('GIVEN a NoSchedule taint and a cordoned node WHEN bound pods arrive THEN kubelet admits them; a NoExecute taint rejects', () => {
    const nodes = [
      node('tainted', { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] }),
      node('cordoned', { unschedulable: true }),
      node('evicting', { taints: [{ key: 'dedicated', value: 'x', effect: 'NoExecute' }] }),
    ];
    const { plan } = all([bare('a', 'tainted', '100m'), bare('b', 'cordoned', '100m'), bare('c', 'evicting', '100m')], [], { nodes });
    expect(plan.workloads.map((w) => [w.id, w.placed])).toEqual([['ops/a', 1], ['ops/b', 1], ['ops/c', 0]]);
    expect(plan.failures).toEqual(['ops/c (Pod): Pod was rejected: Predicate TaintToleration failed']);
  });

  test('GIVEN a nodeSelector the named node does not match, and a host port in use WHEN planned THEN NodeAffinity and NodePorts reject', () => {
    const port = { containers: [{ name: 'main', image: 'app', ports: [{ containerPort: 80, hostPort: 8080 }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] };
    const { plan } = all([
      bare('sel', 'n1', '100m', { nodeSelector: { disk: 'ssd' } }),
      bare('p1', 'n1', '100m', port),
      bare('p2', 'n1', '100m', port),
    ], [], { nodes: [node('n1')] });
    expect(plan.failures).toEqual([
      'ops/sel (Pod): Pod was rejected: Predicate NodeAffinity failed',
      'ops/p2 (Pod): Pod was rejected: Predicate NodePorts failed',
    ]);
  });

  test('GIVEN a nodeName that is not among the nodes WHEN planned THEN the pod never runs', () => {
    const { plan } = all([bare('lost', 'gone', '100m')], [], { nodes: [node('n1')] });
    expect(plan.failures).toEqual(['ops/lost (Pod): spec.nodeName gone is not among the nodes: the pod is bound to a node that does not exist and never runs']);
  });
});

describe('replica budgets', () => {
  test('GIVEN an HPA on a Deployment with replicas: 0 WHEN planned THEN the budget is 0 (horizontal.go: ScalingActive=False)', () => {
    const hpa: ManifestObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'argocd' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 50 } };
    const { plan } = all([deployment('web', 0), hpa], THREE);
    expect(plan.workloads[0]).toMatchObject({ replicas: 0, replicasSource: 'spec.replicas 0: HorizontalPodAutoscaler argocd/web is disabled (ScalingActive=False)' });
  });

  test('GIVEN a KEDA ScaledObject without maxReplicaCount WHEN planned THEN 100 replicas are budgeted (KEDA default)', () => {
    const so: ManifestObject = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'web', namespace: 'argocd' }, spec: { scaleTargetRef: { name: 'web' }, triggers: [] } };
    const { plan } = all([deployment('web', 1, { strategy: { type: 'Recreate' } }, { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'm', image: 'a', resources: { requests: { cpu: '10m', memory: '10Mi' } } }] } } as never), so], THREE);
    expect(plan.workloads[0]).toMatchObject({ replicas: 100, replicasSource: 'ScaledObject argocd/web maxReplicaCount', placed: 100 });
  });

  test('GIVEN an Argo Rollout with blueGreen WHEN planned THEN a full second ReplicaSet is checked and blocks when it cannot be placed', () => {
    const rollout: ManifestObject = {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: pod({ app: 'web' }, { containers: [{ name: 'm', image: 'a', resources: { requests: { cpu: '2', memory: '1Gi' } } }] }), strategy: { blueGreen: { activeService: 'web' } } },
    };
    const { plan } = all([rollout], THREE);
    expect(plan.workloads[0]).toMatchObject({ kind: 'Rollout', replicas: 4, surge: 4, placed: 4 });
    expect(plan.rollouts[0]).toMatchObject({ surge: 4, maxUnavailable: 0, completes: false });
    expect(plan.rollouts[0].unplaced.map((u) => u.pod)).toEqual(['shop/web-7', 'shop/web-8']);
  });

  test('GIVEN an Argo Rollout canary without trafficRouting WHEN planned THEN maxSurge/maxUnavailable default to 25% like a Deployment', () => {
    const rollout: ManifestObject = {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: pod({ app: 'web' }), strategy: { canary: { steps: [{ setWeight: 20 }] } } },
    };
    const { plan } = all([rollout], THREE);
    expect(plan.rollouts[0]).toMatchObject({ surge: 1, maxUnavailable: 1, completes: true });
  });

  test('GIVEN a Prometheus (monitoring.coreos.com) WHEN planned THEN it is listed as not counted with a warning, never silently skipped', () => {
    const prom: ManifestObject = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s', namespace: 'monitoring' }, spec: { replicas: 2, containers: [{ name: 'config-reloader' }] } };
    const { plan } = all([deployment('web', 1), prom], THREE);
    expect(plan.notCounted).toEqual([{ kind: 'Prometheus', apiVersion: 'monitoring.coreos.com/v1', namespace: 'monitoring', name: 'k8s', field: 'spec.containers', reason: 'pod template at `spec.containers`, kind not modelled' }]);
    expect(plan.problems).toContainEqual({
      severity: 'warning', object: 'Prometheus monitoring/k8s', field: 'spec.containers',
      message: 'has a pod template (spec.containers) but its kind is not modelled: the pods its controller runs are not counted; check them separately',
    });
  });
});

describe('CronJob concurrency (pkg/controller/cronjob/cronjob_controllerv2.go; robfig/cron/v3 spec.go)', () => {
  const cron = (spec: Record<string, unknown>, job: Record<string, unknown> = {}): ManifestObject => ({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'batch' },
    spec: { schedule: '*/5 * * * *', ...spec, jobTemplate: { spec: { parallelism: 2, template: pod({ app: 'report' }, { restartPolicy: 'Never' }), ...job } } },
  });

  test('GIVEN Allow, every 5 minutes, activeDeadlineSeconds 1200 WHEN planned THEN ⌈1200/300⌉ = 4 Jobs × parallelism 2 overlap', () => {
    const { plan } = all([cron({}, { activeDeadlineSeconds: 1200 })], THREE);
    expect(plan.workloads[0]).toMatchObject({ replicas: 8, replicasSource: 'spec.jobTemplate.spec.parallelism × 4 overlapping Jobs (concurrencyPolicy Allow: activeDeadlineSeconds 1200 / shortest interval 300s)' });
  });

  test('GIVEN Forbid or Replace WHEN planned THEN one Job', () => {
    for (const policy of ['Forbid', 'Replace']) {
      const { plan } = all([cron({ concurrencyPolicy: policy }, { activeDeadlineSeconds: 1200 })], THREE);
      expect(plan.workloads[0]).toMatchObject({ replicas: 2, replicasSource: `spec.jobTemplate.spec.parallelism, concurrencyPolicy ${policy}: one Job at a time` });
    }
  });

  test('GIVEN Allow without activeDeadlineSeconds WHEN planned THEN one Job is budgeted as a lower bound, with a warning', () => {
    const { plan } = all([cron({})], THREE);
    expect(plan.workloads[0].replicas).toBe(2);
    expect(plan.problems.map((p) => p.message)).toEqual([
      'concurrencyPolicy Allow lets Jobs overlap (schedule every 300s at the shortest) and no activeDeadlineSeconds bounds how long one runs: one Job is budgeted, a lower bound; set spec.jobTemplate.spec.activeDeadlineSeconds or concurrencyPolicy: Forbid',
    ]);
  });
});

describe('Cannot verify (missing requests) is not Does not fit', () => {
  test('GIVEN a container without requests that is otherwise placed WHEN planned THEN the verdict is cannot-verify, exit 1, and the containers are listed', () => {
    const web = deployment('web', 1, { strategy: { type: 'Recreate' } }, { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'app' }] } } as never);
    const { plan } = all([web], THREE);
    expect(plan.verdict).toBe(CapacityVerdict.CANNOT_VERIFY);
    expect(plan.unverified).toEqual([{ object: 'Deployment argocd/web', field: 'spec.template.spec.containers[0]', container: 'main', missing: ['cpu', 'memory'] }]);
    const r = cli(['capacity', '--nodes', nodesFile(THREE, []), writeYaml([web])]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('**Cannot verify**: 1 container without requests: Deployment argocd/web main (no cpu, memory); 1 pod placed on 3 nodes in 1 pool.\n');
    expect(r.stderr).toBe('error: the plan cannot be verified (containers without requests): 1 failure, listed under "Failures" above.\n');
  });
});

describe('object identity (group/kind/namespace/name) and --namespace', () => {
  test('fails with exit 2 naming both places when --namespace makes two copies the same object', () => {
    const a = deployment('web', 1);
    const b = { ...a, metadata: { name: 'web' } };
    const file = writeYaml([a, b]);
    const nodes = nodesFile(THREE, []);
    expect(cli(['capacity', '--nodes', nodes, '--namespace', 'argocd', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file}:3: Deployment argocd/web: metadata.name: the same object (group/kind/namespace/name) is given twice, at ${file}:1 and at ${file}:3: Kubernetes applies it once; remove one copy or give them different names or namespaces.\n`,
    });
    // in `default` they are two objects
    const r = cli(['capacity', '--nodes', nodes, '--format', 'json', file]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as CapacityPlan).workloads.map((w) => w.id)).toEqual(['argocd/web', 'default/web']);
  });

  test('GIVEN -n shop WHEN objects have no namespace THEN they are read into it', () => {
    const file = writeYaml([{ ...deployment('web', 1), metadata: { name: 'web' } }]);
    const r = cli(['capacity', '--nodes', nodesFile(THREE, []), '-n', 'shop', '--format', 'json', file]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as CapacityPlan;
    expect(plan.workloads[0].id).toBe('shop/web');
    expect(plan.settings.namespace).toBe('shop');
  });

  test('fails with exit 2 on an invalid --namespace', () => {
    expect(cli(['capacity', '--nodes', 'x', '--namespace', 'Shop!', 'y']).stderr).toContain('error: option --namespace must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit), got "Shop!": use e.g. --namespace shop\n');
  });

  test('GIVEN the same name in another API group or kind WHEN planned THEN they are different objects', () => {
    const svc: ManifestObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'argocd' }, spec: {} };
    expect(() => planCapacity({ manifests: [deployment('web', 1), svc], pools: THREE })).not.toThrow();
  });
});

test('SurgePolicy values are the CLI words', () => {
  expect(Object.values(SurgePolicy)).toEqual(['none', 'each-rollout', 'largest-rollout', 'all-rollouts']);
});

describe('admission before scheduling: LimitRange and ResourceQuota (plugin/pkg/admission/limitranger; pkg/quota/v1/evaluator/core/pods.go)', () => {
  const bare = deployment('web', 2, { strategy: { type: 'Recreate' } }, { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'app' }] } } as never);
  const limitRange = (limits: unknown[]): ManifestObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'argocd' }, spec: { limits } });

  test('GIVEN a LimitRange with defaults WHEN a container sets no requests THEN the defaults are scheduled and the plan is verified', () => {
    const { plan } = all([limitRange([{ type: 'Container', default: { cpu: '2', memory: '1Gi' }, defaultRequest: { cpu: '1500m', memory: '512Mi' } }]), bare], THREE);
    expect(plan.verdict).toBe(CapacityVerdict.FITS);
    expect(plan.unverified).toEqual([]);
    expect(plan.workloads[0].podRequests).toEqual({ cpu: '1500m', memory: '512Mi' });
  });

  test('GIVEN a LimitRange max below the limit WHEN planned THEN the pods are forbidden with the upstream message', () => {
    const web = deployment('web', 1, { strategy: { type: 'Recreate' } }, { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'app', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '4', memory: '1Gi' } } }] } } as never);
    const { plan } = all([limitRange([{ type: 'Container', max: { cpu: '2' } }]), web], THREE);
    expect(plan.failures).toEqual([expect.stringMatching(/Deployment argocd\/web: spec\.template\.spec: LimitRange argocd\/limits rejects its pods: pods "web-…" is forbidden: maximum cpu usage per Container is 2, but limit is 4$/)]);
  });

  test('GIVEN a ResourceQuota WHEN the namespace\'s pods at their budget exceed it THEN it fails with exact quantities, and the usage is in the plan', () => {
    const quota: ManifestObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'argocd' }, spec: { hard: { 'requests.cpu': '1', 'pods': '10', 'count/deployments.apps': '1' } } };
    const { plan } = all([quota, deployment('web', 3, { strategy: { type: 'Recreate' } })], THREE);
    expect(plan.quotas).toEqual([{
      quota: 'ResourceQuota argocd/compute', namespace: 'argocd', checked: true, fits: false,
      usage: [
        { resource: 'count/deployments.apps', used: '1', hard: '1', fits: true },
        { resource: 'pods', used: '3', hard: '10', fits: true },
        { resource: 'requests.cpu', used: '1500m', hard: '1', fits: false },
      ],
    }]);
    expect(plan.failures).toEqual(["ResourceQuota argocd/compute: requests.cpu: the namespace's pods at their budget use 1500m, over spec.hard 1: the API server forbids what goes beyond (exceeded quota: compute)"]);
  });

  test('GIVEN a quota on requests.memory WHEN a container sets none THEN its pods are forbidden (must specify)', () => {
    const quota: ManifestObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'mem', namespace: 'argocd' }, spec: { hard: { 'requests.memory': '10Gi' } } };
    const web = deployment('web', 1, { strategy: { type: 'Recreate' } }, { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'app', resources: { requests: { cpu: '100m' } } }] } } as never);
    const plan = planCapacity({ manifests: [quota, web], pools: THREE });
    expect(plan.failures).toContain('argocd/web (Deployment): pods are forbidden: failed quota: mem: must specify requests.memory for: main');
  });
});

test('GIVEN a ResourceQuota the steady state meets WHEN a maxUnavailable 0 rollout would exceed it THEN the rollout stalls (the surge pods are forbidden)', () => {
  // pkg/controller/deployment/rolling.go: with maxUnavailable 0 old pods are removed only after
  // new ones are available; the quota admission forbids the surge pod, so that never happens.
  const quota: ManifestObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods', namespace: 'argocd' }, spec: { hard: { pods: '3' } } };
  const strict = deployment('web', 3, { strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
  const { plan } = all([quota, strict], THREE);
  expect(plan.quotas[0]).toMatchObject({ fits: true, usage: [{ resource: 'pods', used: '3', hard: '3', fits: true }] });
  expect(plan.failures).toEqual(['argocd/web (Deployment) rollout stalls: its 1 surge pod would take pods to 4, over ResourceQuota argocd/pods spec.hard (pods=3), and no old pod is removed first (maxUnavailable 0)']);
  // with maxUnavailable 1 the old pod goes first: it completes
  const relaxed = deployment('web', 3, { strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } });
  expect(all([quota, relaxed], THREE).plan.fits).toBe(true);
});

// Quantity.UnmarshalJSON (apimachinery pkg/api/resource/quantity.go) reads `null` as the zero
// Quantity: `requests: { cpu: null }` in a file is a request of 0, in the engine and the CLI.
// (Not through a construct: cdk8s drops null values from ApiObject props, so the YAML has no cpu.)
describe('a null quantity is 0 (Quantity.UnmarshalJSON)', () => {
  const ONE: NodePool[] = [{ name: 'small', count: 1, allocatable: { cpu: '100m', memory: '16Gi', pods: 110 } }];
  const withCpu = (cpu: string | null) => deployment('n', 3, { strategy: { type: 'Recreate' } }, {
    metadata: { labels: { app: 'n' } },
    spec: { containers: [{ name: 'main', image: 'app', resources: { requests: { cpu, memory: '512Mi' } } }] },
  } as never);

  test('GIVEN requests cpu: null WHEN planned THEN it counts as 0 (three pods fit on 100m), like cpu "0"', () => {
    const nul = planCapacity({ manifests: [withCpu(null)], pools: ONE });
    const zero = planCapacity({ manifests: [withCpu('0')], pools: ONE });
    expect(nul.verdict).toBe(CapacityVerdict.FITS);
    expect(nul.workloads.map((w) => [w.id, w.replicas, w.placed])).toEqual([['argocd/n', 3, 3]]);
    expect(nul.workloads).toEqual(zero.workloads);
    expect(planCapacity({ manifests: [withCpu('50m')], pools: ONE }).verdict).toBe(CapacityVerdict.DOES_NOT_FIT);
    const file = writeYaml([withCpu(null)]);
    expect(fs.readFileSync(file, 'utf8')).toContain('"cpu":null');
    const yamlFile = path.join(tmp, 'null-cpu.yaml');
    fs.writeFileSync(yamlFile, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: argocd }\nspec:\n  replicas: 3\n  strategy: { type: Recreate }\n'
      + '  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: main\n          image: app\n'
      + '          resources:\n            requests:\n              cpu:\n              memory: 512Mi\n            limits: { cpu: ~ }\n');
    for (const [f, id] of [[file, 'argocd/n'], [yamlFile, 'argocd/web']]) {
      const r = cli(['capacity', '--nodes', nodesFile(ONE, []), '--format', 'json', f]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect((JSON.parse(r.stdout) as CapacityPlan).workloads.map((w) => [w.id, w.replicas, w.placed])).toEqual([[id, 3, 3]]);
    }
  });
});
