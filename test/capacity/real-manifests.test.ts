// Real manifest sets (test/fixtures/real, sources in its README) through the CLI (`--format json`),
// planCapacity and the CapacityCheck construct, which must agree. Expected verdicts worked out by
// hand from Kubernetes 1.27: kube-scheduler's default plugins (NodeResourcesFit, TaintToleration,
// InterPodAffinity, pkg/scheduler/framework/plugins/*), the Deployment controller's rollout
// fenceposts (pkg/controller/deployment/util/deployment_util.go ResolveFenceposts), the
// DaemonSet controller's eligibility (pkg/controller/daemon/daemon_controller.go
// NodeShouldRunDaemonPod, tolerations `operator: Exists`), and prometheus-operator's StatefulSets
// (pkg/prometheus/statefulset.go: pods from the Prometheus resource's own spec).
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { CapacityCheck } from '../../lib/capacity/capacity-check';
import { CapacityPlan, MissingRequestsLevel, planCapacity } from '../../lib/capacity/plan';
import { CliIo, main } from '../../lib/cli/main';
import { parseManifests } from '../../lib/manifests/load-yaml';
import type { NodePool } from '../../lib/manifests/node-pool';
import { renderCapacityMarkdown } from '../../lib/capacity/report-markdown';

const dir = path.join(__dirname, '..', 'fixtures', 'real');
const fixture = (name: string) => path.join(dir, name);

function cli(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {} };
  return { code: main(argv, io), stdout, stderr };
}

function poolsOf(nodesFile: string): NodePool[] {
  return parseManifests(fs.readFileSync(fixture(nodesFile), 'utf8'), nodesFile).map(({ object: o }) => ({
    name: String(o.metadata?.name), ...(o.spec as object),
  }) as NodePool);
}

/** The fixture through the CLI, planCapacity and CapacityCheck; asserts they agree and returns the plan. */
function check(file: string, nodesFile: string, missingRequests = MissingRequestsLevel.ERROR): { plan: CapacityPlan; code: number } {
  const argv = ['capacity', '--nodes', fixture(nodesFile), '--format', 'json', '--missing-requests', missingRequests, fixture(file)];
  const r = cli(argv);
  const cliPlan = JSON.parse(r.stdout) as CapacityPlan;
  const manifests = parseManifests(fs.readFileSync(fixture(file), 'utf8'), file).map((m) => m.object);
  const pools = poolsOf(nodesFile);
  const plan = planCapacity({ manifests, pools, missingRequests });

  const chart = new Chart(Testing.app(), 'real');
  manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m as never));
  const construct = new CapacityCheck(chart, 'capacity', { nodePools: pools, missingRequests, writeReport: false }).plan;
  for (const other of [cliPlan, construct]) {
    expect(other.verdict).toBe(plan.verdict);
    expect(other.workloads.map((w) => [w.id, w.replicas, w.surge, w.placed, w.unplaced])).toEqual(plan.workloads.map((w) => [w.id, w.replicas, w.surge, w.placed, w.unplaced]));
    expect(other.rollouts.map((x) => [x.workload, x.completes])).toEqual(plan.rollouts.map((x) => [x.workload, x.completes]));
    expect(other.notCounted.map((o) => [o.kind, o.name, o.field])).toEqual(plan.notCounted.map((o) => [o.kind, o.name, o.field]));
  }
  expect(r.code).toBe(plan.fits ? 0 : 1);
  return { plan, code: r.code };
}

test('microservices-demo on 3 nodes of 4 cpu / 16Gi: fits (Σ cpu 1570m, memory 1368Mi, 12 pods; one rollout at a time)', () => {
  const { plan, code } = check('microservices-demo.yaml', 'nodes-3x4cpu.yaml');
  expect(code).toBe(0);
  expect(plan.verdict).toBe('fits');
  expect(plan.workloads).toHaveLength(12);
  // maxSurge 25% of 1 replica rounds up to 1, maxUnavailable 25% rounds down to 0 (ResolveFenceposts).
  expect(plan.workloads.every((w) => w.replicas === 1 && w.surge === 1)).toBe(true);
  expect(plan.usage.find((u) => u.resource === 'cpu')).toMatchObject({ requested: 1570, allocatable: 12000 });
  expect(plan.usage.find((u) => u.resource === 'memory')?.requested).toBe(1368 * 1024 * 1024);
  expect(plan.rollouts.every((x) => x.completes)).toBe(true);
});

test('microservices-demo on 2 nodes of 1 cpu / 2Gi: steady state fits (1570m of 2), the loadgenerator rollout stalls (300m surge, maxUnavailable 0)', () => {
  const { plan, code } = check('microservices-demo.yaml', 'nodes-2small.yaml');
  expect(code).toBe(1);
  expect(plan.verdict).toBe('does-not-fit');
  expect(plan.unplaced).toEqual([]);
  expect(plan.failures).toEqual([
    'default/loadgenerator (Deployment) rollout stalls: 1 of 1 surge pod cannot be placed and no old pod is removed before its replacement is ready (maxUnavailable 0); first: default/loadgenerator (Deployment, replica 2 of 2, rollout surge): 0/2 nodes are available: 2 Insufficient cpu.',
  ]);
});

test('Argo CD redis-ha on 3 nodes: haproxy (3 replicas, required hostname anti-affinity, maxSurge 1 / maxUnavailable 0) stalls; `resources: {}` is unverified', () => {
  const { plan } = check('argocd-redis-ha.yaml', 'nodes-3x4cpu.yaml');
  expect(plan.verdict).toBe('does-not-fit');
  expect(plan.workloads.map((w) => [w.id, w.replicas, w.placed])).toEqual([['argocd/argocd-redis-ha-haproxy', 3, 3], ['argocd/argocd-redis-ha-server', 3, 3]]);
  expect(plan.failures[0]).toBe('argocd/argocd-redis-ha-haproxy (Deployment) rollout stalls: 1 of 1 surge pod cannot be placed and no old pod is removed before its replacement is ready (maxUnavailable 0); first: argocd/argocd-redis-ha-haproxy (Deployment, replica 4 of 4, rollout surge): 0/3 nodes are available: 3 node(s) didn\'t match pod anti-affinity rules.');
  expect(plan.unverified.map((u) => u.container)).toEqual(['config-init', 'haproxy', 'config-init', 'redis', 'sentinel', 'split-brain-fix']);
});

test('ingress-nginx (cloud): the controller fits, the admission Jobs set no requests: Cannot verify', () => {
  const { plan, code } = check('ingress-nginx-cloud.yaml', 'nodes-3x4cpu.yaml');
  expect(code).toBe(1);
  expect(plan.verdict).toBe('cannot-verify');
  expect(plan.unplaced).toEqual([]);
  expect(plan.workloads.map((w) => [w.id, w.kind, w.replicas, w.surge])).toEqual([
    ['ingress-nginx/ingress-nginx-controller', 'Deployment', 1, 1],
    ['ingress-nginx/ingress-nginx-admission-create', 'Job', 1, 0],
    ['ingress-nginx/ingress-nginx-admission-patch', 'Job', 1, 0],
  ]);
  expect(plan.unverified.map((u) => `${u.object} ${u.container}`)).toEqual(['Job ingress-nginx/ingress-nginx-admission-create create', 'Job ingress-nginx/ingress-nginx-admission-patch patch']);
});

test('kube-prometheus with a tainted control-plane node: node-exporter (`operator: Exists`) runs on all 4 nodes; the Prometheus resource is listed as not counted', () => {
  const { plan, code } = check('kube-prometheus.yaml', 'nodes-cp.yaml');
  expect(code).toBe(0);
  expect(plan.verdict).toBe('fits');
  expect(plan.workloads.map((w) => [w.id, w.replicas, w.placed])).toEqual([['monitoring/node-exporter', 4, 4], ['monitoring/kube-state-metrics', 1, 1]]);
  expect(plan.notCounted).toEqual([expect.objectContaining({ kind: 'Prometheus', namespace: 'monitoring', name: 'k8s', field: 'spec' })]);
  const md = renderCapacityMarkdown(plan);
  expect(md).toContain('**Fits**: 5 pods placed on 4 nodes in 2 pools; the pods of 1 object not counted (see *Not counted*).');
  expect(md).toContain('- Prometheus monitoring/k8s: its operator runs pods from `spec`, kind not modelled');
});

test('metrics-server HA (2 replicas, anti-affinity, maxUnavailable 1) on 2 nodes: the surge pod fits nowhere but the rollout completes', () => {
  const { plan, code } = check('metrics-server-ha.yaml', 'nodes-2.yaml', MissingRequestsLevel.IGNORE);
  expect(code).toBe(0);
  expect(plan.verdict).toBe('fits');
  expect(plan.rollouts.map((x) => [x.workload, x.completes, x.unplaced.length])).toEqual([['Deployment kube-system/metrics-server', true, 1]]);
});

test('bounded cost: 2,000,000 replicas on 100,000 nodes, totals exceeded, answered without enumerating the pods', () => {
  const plan = planCapacity({
    manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2000000, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'x', resources: { requests: { cpu: '500m', memory: '512Mi' } } }] } } } }],
    pools: [{ name: 'general', count: 100000, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }],
  });
  expect(plan.verdict).toBe('does-not-fit');
  expect(plan.failures[0]).toBe('cluster cpu: requests 1M exceed allocatable 400k (250%)');
  // 20,000,000 pod × node evaluations / 100,000 nodes = 200 pods simulated.
  expect(plan.workloads[0]).toMatchObject({ replicas: 2000000, placed: 200, unplaced: 1999800 });
  expect(plan.failures).toContain('shop/web (Deployment, replicas 201–2000000 of 2000000): not simulated one by one (bounded cost: the cluster totals already exceed allocatable on 100000 nodes), so 1999800 are counted as not placed.');
  expect(renderCapacityMarkdown(plan)).toContain('**Does not fit**: 2 failures, 1999800 pods not placed; 200 pods placed on 100000 nodes in 1 pool.');
});

test('operator resources that run pods without a pod template are listed as not counted; resources that run none are not', () => {
  const plan = planCapacity({
    manifests: [
      // prometheus-operator pkg/alertmanager/statefulset.go: pods from spec.replicas, no spec.containers needed.
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'main', namespace: 'monitoring' }, spec: { replicas: 3 } },
      // CloudNativePG: `instances` next to `resources`.
      { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg', namespace: 'db' }, spec: { instances: 3, resources: { requests: { cpu: '1' } } } },
      // ECK: a pod template nested in nodeSets.
      { apiVersion: 'elasticsearch.k8s.elastic.co/v1', kind: 'Elasticsearch', metadata: { name: 'es', namespace: 'db' }, spec: { nodeSets: [{ name: 'default', count: 3, podTemplate: { spec: { containers: [{ name: 'elasticsearch' }] } } }] } },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c', namespace: 'db' }, spec: { secretName: 'x', dnsNames: ['a'] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'db' }, spec: { rules: [] } },
      // Policies hold pod patterns, not pods (kyverno.io; and a pattern key in any other group).
      { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'require-requests' }, spec: { rules: [{ name: 'r', validate: { pattern: { spec: { containers: [{ resources: { requests: { memory: '?*' } } }] } } } }] } },
      { apiVersion: 'example.com/v1', kind: 'Mutator', metadata: { name: 'm', namespace: 'db' }, spec: { patchStrategicMerge: { spec: { template: { spec: { containers: [{ name: '*' }] } } } } } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'x', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } } },
    ],
    pools: [{ name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }],
  });
  expect(plan.verdict).toBe('fits');
  expect(plan.notCounted.map((o) => [o.kind, o.field])).toEqual([['Alertmanager', 'spec'], ['Cluster', 'spec'], ['Elasticsearch', 'spec.nodeSets[0].podTemplate']]);
  expect(plan.problems.filter((p) => p.severity === 'warning').map((p) => p.object)).toEqual(['Alertmanager monitoring/main', 'Cluster db/pg', 'Elasticsearch db/es']);
});

test('bounded cost: pods × nodes past the hard limit with totals that fit is refused in one sentence, not run out of memory', () => {
  expect(() => planCapacity({
    manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 200000, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'x', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } } } }],
    pools: [{ name: 'general', count: 100000, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }],
  })).toThrow('200000 pods on 100000 nodes are too many to simulate pod by pod (more than 10000000000 pod × node evaluations) and the cluster totals do fit, so the check cannot decide: check fewer replicas or a smaller node pool at once');
});

describe('cluster dumps (`kubectl get all -o yaml`): what has finished holds nothing', () => {
  const pools: NodePool[] = [{ name: 'general', count: 1, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }];
  const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 1, strategy: { type: 'Recreate' }, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'x', resources: { requests: { cpu: '2', memory: '1Gi' } } }] } } } };
  const podSpec = (cpu?: string) => ({ restartPolicy: 'Never', containers: [{ name: 'main', image: 'x', ...(cpu ? { resources: { requests: { cpu, memory: '1Gi' } } } : {}) }] });

  test.each(['Succeeded', 'Failed'])('a pod in phase %s is not counted (pkg/scheduler/scheduler.go newPodInformer: status.phase!=Succeeded,status.phase!=Failed)', (phase) => {
    const plan = planCapacity({ manifests: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'done', namespace: 'shop' }, spec: podSpec('3'), status: { phase } }, web], pools });
    expect(plan.verdict).toBe('fits');
    expect(plan.workloads.map((w) => [w.id, w.replicas, w.replicasSource])).toEqual([
      ['shop/done', 0, `bare Pod, status.phase ${phase}: a finished pod holds no resources`],
      ['shop/web', 1, 'spec.replicas'],
    ]);
  });

  test('a running pod is counted', () => {
    const plan = planCapacity({ manifests: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'run', namespace: 'shop' }, spec: podSpec('3'), status: { phase: 'Running' } }, web], pools });
    expect(plan.verdict).toBe('does-not-fit');
  });

  test.each(['Complete', 'Failed'])('a Job with condition %s runs no pods (job_controller.go IsJobFinished)', (type) => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'shop' }, spec: { template: { spec: podSpec('3') } }, status: { conditions: [{ type, status: 'True' }] } };
    const plan = planCapacity({ manifests: [job, web], pools });
    expect(plan.verdict).toBe('fits');
    expect(plan.workloads[0]).toMatchObject({ replicas: 0, replicasSource: `status.conditions ${type}: a finished Job runs no pods` });
  });

  test('a Job part done runs min(parallelism, completions − succeeded) (job_controller.go manageJob wantActive)', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'shop' }, spec: { completions: 10, parallelism: 5, template: { spec: podSpec('100m') } }, status: { succeeded: 7, active: 3 } };
    expect(planCapacity({ manifests: [job], pools }).workloads[0]).toMatchObject({ replicas: 3, replicasSource: 'spec.completions − status.succeeded (10 − 7)' });
    const noCompletions = { ...job, spec: { parallelism: 5, template: { spec: podSpec('100m') } }, status: { succeeded: 1, active: 2 } };
    expect(planCapacity({ manifests: [noCompletions], pools }).workloads[0]).toMatchObject({ replicas: 2, replicasSource: 'status.active (2): after a success no new pods start' });
  });

  test('containers without requests of a workload budgeted at no pods do not make the plan unverifiable', () => {
    const idle = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'idle', namespace: 'shop' }, spec: { replicas: 0, selector: { matchLabels: { app: 'idle' } }, template: { metadata: { labels: { app: 'idle' } }, spec: podSpec() } } };
    const plan = planCapacity({ manifests: [idle, web], pools });
    expect(plan.verdict).toBe('fits');
    expect(plan.unverified).toEqual([]);
    const one = planCapacity({ manifests: [{ ...idle, spec: { ...idle.spec, replicas: 1 } }, web], pools });
    expect(one.verdict).toBe('cannot-verify');
  });
});

test('a NodePool that states no ephemeral-storage: pods requesting it do not fit (as kube-scheduler reads such a node), with a warning naming the field', () => {
  const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'x', resources: { requests: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '1Gi' } } }] } } } };
  const plan = planCapacity({ manifests: [web], pools: [{ name: 'general', count: 1, allocatable: { cpu: '4', memory: '16Gi' } }] });
  expect(plan.verdict).toBe('does-not-fit');
  expect(plan.problems).toContainEqual({ severity: 'warning', object: 'NodePool general', field: 'allocatable.ephemeral-storage', message: 'states no ephemeral-storage, so its nodes are taken to have none and pods requesting it (first: Deployment shop/web) do not fit there; state the nodes\' allocatable ephemeral-storage' });
  const stated = planCapacity({ manifests: [web], pools: [{ name: 'general', count: 1, allocatable: { cpu: '4', memory: '16Gi', 'ephemeral-storage': '100Gi' } }] });
  expect(stated.verdict).toBe('fits');
  expect(stated.problems).toEqual([]);
});

test('Argo CD HA repo-server (2 replicas, required hostname anti-affinity; 25%/25% → maxSurge 1, maxUnavailable 0): rollout stalls on 2 nodes, completes on 3', () => {
  const two = check('argocd-repo-server-ha.yaml', 'nodes-2.yaml', MissingRequestsLevel.IGNORE);
  expect(two.code).toBe(1);
  expect(two.plan.failures).toEqual([
    'argocd/argocd-repo-server (Deployment) rollout stalls: 1 of 1 surge pod cannot be placed and no old pod is removed before its replacement is ready (maxUnavailable 0); first: argocd/argocd-repo-server (Deployment, replica 3 of 3, rollout surge): 0/2 nodes are available: 2 node(s) didn\'t match pod anti-affinity rules.',
  ]);
  const three = check('argocd-repo-server-ha.yaml', 'nodes-3x4cpu.yaml', MissingRequestsLevel.IGNORE);
  expect(three.code).toBe(0);
  expect(three.plan.rollouts.map((r) => [r.workload, r.completes, r.unplaced.length])).toEqual([['Deployment argocd/argocd-repo-server', true, 0]]);
});
