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
  expect(plan.problems).toContainEqual({ severity: 'warning', object: 'NodePool general', field: 'allocatable[ephemeral-storage]', message: 'states no ephemeral-storage, so its nodes are taken to have none and pods requesting it (first: Deployment shop/web) do not fit there; state the nodes\' allocatable ephemeral-storage' });
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

// Second round (sources in test/fixtures/real/README.md). Default text output and exit code as a user sees them.
function cliText(files: string[], nodesFile: string, ...extra: string[]): { code: number; stdout: string; stderr: string; failures: string[] } {
  const r = cli(['capacity', '--nodes', fixture(nodesFile), ...extra, ...files.map(fixture)]);
  const failures = r.stdout.split('\n').filter((l) => /^\d+\. /.test(l));
  return { ...r, failures };
}

describe('Calico (calico-node DaemonSet: hostNetwork, `operator: Exists` tolerations, system-node-critical; calico-kube-controllers)', () => {
  test('on 3 workers and a tainted control-plane node: one calico-node per node (4), the controllers fit; its request-less init containers make it Cannot verify', () => {
    const { plan, code } = check('calico.yaml', 'nodes-cp.yaml');
    expect(code).toBe(1);
    expect(plan.verdict).toBe('cannot-verify');
    expect(plan.workloads.map((w) => [w.id, w.kind, w.replicas, w.replicasSource, w.placed])).toEqual([
      ['kube-system/calico-node', 'DaemonSet', 4, 'one per eligible node (4 of 4)', 4],
      ['kube-system/calico-kube-controllers', 'Deployment', 1, 'spec.replicas', 1],
    ]);
    expect(plan.unverified.map((u) => `${u.object} ${u.container}`)).toEqual([
      'DaemonSet kube-system/calico-node upgrade-ipam', 'DaemonSet kube-system/calico-node install-cni', 'DaemonSet kube-system/calico-node ebpf-bootstrap',
      'DaemonSet kube-system/calico-node calico-node', 'Deployment kube-system/calico-kube-controllers calico-kube-controllers',
    ]);
    // The PodDisruptionBudget runs nothing: neither counted nor listed.
    expect(plan.notCounted).toEqual([]);
  });

  test('on 2 Linux workers, a Windows worker and a 200m edge node: 3 daemon pods (nodeSelector linux), the edge one does not fit, and only its pinned node is in the message (1.27 NodeAffinity PreFilterResult)', () => {
    const { plan } = check('calico.yaml', 'nodes-mixed.yaml', MissingRequestsLevel.IGNORE);
    expect(plan.workloads.map((w) => [w.id, w.replicas, w.replicasSource, w.placed, w.unplaced])).toEqual([
      ['kube-system/calico-node', 3, 'one per eligible node (3 of 4)', 2, 1],
      ['kube-system/calico-kube-controllers', 1, 'spec.replicas', 1, 0],
    ]);
    const r = cliText(['calico.yaml'], 'nodes-mixed.yaml', '--missing-requests', 'ignore');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('**Does not fit**: 1 failure, 1 pod not placed; 3 pods placed on 4 nodes in 3 pools.');
    expect(r.failures).toEqual(['1. kube-system/calico-node (DaemonSet, replica 3 of 3): 0/4 nodes are available: 1 Insufficient cpu.']);
    expect(r.stderr).toBe('error: the workloads do not fit: 1 failure, listed under "Failures" above.\n');
  });
});

describe('ingress-nginx for kind (hostPort 80/443, nodeSelector ingress-ready, a toleration of the old `master` taint only, maxUnavailable 1)', () => {
  test('on a 1.27 kind cluster (the ingress-ready node is the control plane, tainted `control-plane`): nowhere to run', () => {
    const { plan, code } = check('ingress-nginx-kind.yaml', 'nodes-kind.yaml');
    expect(code).toBe(1);
    expect(plan.failures).toEqual([
      'ingress-nginx/ingress-nginx-controller (Deployment, replica 1 of 1): 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn\'t match Pod\'s node affinity/selector.',
    ]);
  });

  test('with one ingress-ready worker: fits; the surge pod finds the host ports taken, but maxUnavailable 1 lets the rollout complete', () => {
    const { plan, code } = check('ingress-nginx-kind.yaml', 'nodes-ingress-workers.yaml');
    expect(code).toBe(0);
    expect(plan.verdict).toBe('fits');
    expect(plan.rollouts.map((x) => [x.workload, x.surge, x.maxUnavailable, x.completes, x.unplaced.map((u) => u.message)])).toEqual([[
      'Deployment ingress-nginx/ingress-nginx-controller', 1, 1, true,
      ['ingress-nginx/ingress-nginx-controller (Deployment, replica 2 of 2, rollout surge): 0/3 nodes are available: 1 node(s) didn\'t have free ports for the requested pod ports, 2 node(s) didn\'t match Pod\'s node affinity/selector.'],
    ]]);
  });
});

describe('ZooKeeper StatefulSet (kubernetes/website: volumeClaimTemplates, required hostname anti-affinity on `app In [zk]`)', () => {
  test('on 2 nodes: all 3 replicas run, because the anti-affinity selects label `app`, which its pods do not carry', () => {
    const { plan, code } = check('zookeeper.yaml', 'nodes-2.yaml');
    expect(code).toBe(0);
    expect(plan.workloads.map((w) => [w.id, w.kind, w.replicas, w.surge, w.placed])).toEqual([['default/zk', 'StatefulSet', 3, 0, 3]]);
    expect(plan.usage.find((u) => u.resource === 'cpu')).toMatchObject({ requested: 1500, allocatable: 8000 });
    expect(plan.notCounted).toEqual([]);
  });

  test('on one node with --max-pods=2: the third pod is Too many pods', () => {
    const { plan, code } = check('zookeeper.yaml', 'nodes-1x2pods.yaml');
    expect(code).toBe(1);
    expect(plan.failures).toEqual(['cluster pods: requests 3 exceed allocatable 2 (150%)', 'default/zk (StatefulSet, replica 3 of 3): 0/1 nodes are available: 1 Too many pods.']);
  });
});

describe('cert-manager v1.8.0 static manifest (3 Deployments, nodeSelector kubernetes.io/os: linux, no resources)', () => {
  test('on 3 Linux workers: Cannot verify, the three containers named', () => {
    const { plan, code } = check('cert-manager.yaml', 'nodes-3x4cpu.yaml');
    expect(code).toBe(1);
    expect(plan.verdict).toBe('cannot-verify');
    expect(plan.unplaced).toEqual([]);
    expect(plan.unverified.map((u) => `${u.object} ${u.container}`)).toEqual([
      'Deployment cert-manager/cert-manager-cainjector cert-manager', 'Deployment cert-manager/cert-manager cert-manager', 'Deployment cert-manager/cert-manager-webhook cert-manager',
    ]);
  });

  test('on Windows workers: nothing runs, so no rollout can complete (listed once, as the replicas that fail)', () => {
    const r = cliText(['cert-manager.yaml'], 'nodes-windows.yaml', '--missing-requests', 'ignore');
    expect(r.code).toBe(1);
    expect(r.failures).toEqual([
      '1. cert-manager/cert-manager-cainjector (Deployment, replica 1 of 1): 0/2 nodes are available: 2 node(s) didn\'t match Pod\'s node affinity/selector.',
      '2. cert-manager/cert-manager (Deployment, replica 1 of 1): 0/2 nodes are available: 2 node(s) didn\'t match Pod\'s node affinity/selector.',
      '3. cert-manager/cert-manager-webhook (Deployment, replica 1 of 1): 0/2 nodes are available: 2 node(s) didn\'t match Pod\'s node affinity/selector.',
    ]);
    // The rollouts cannot complete either, but that is not a second failure of the same pods.
    expect(check('cert-manager.yaml', 'nodes-windows.yaml', MissingRequestsLevel.IGNORE).plan.rollouts.map((x) => [x.completes, x.message])).toEqual(
      ['cert-manager-cainjector', 'cert-manager', 'cert-manager-webhook'].map((n) => [false,
        `cert-manager/${n} (Deployment) rollout cannot complete: 1 of 1 surge pod cannot be placed, and 1 of its 1 replica cannot be placed even before it (see the failures above)`]));
    expect(check('cert-manager.yaml', 'nodes-mixed.yaml', MissingRequestsLevel.IGNORE).plan.verdict).toBe('fits');
  });
});

describe('Linkerd HA control plane (3 replicas, required hostname anti-affinity, linkerd-proxy sidecar, linkerd-init init container; a batch/v1beta1 CronJob)', () => {
  test('on 3 nodes: 9 pods, requests are the containers summed (the init container, 10m/10Mi, is below them); surge pods have nowhere to go but maxUnavailable 1 completes each rollout; the v1beta1 CronJob is rejected', () => {
    const { plan, code } = check('linkerd-ha.yaml', 'nodes-3x4cpu.yaml', MissingRequestsLevel.IGNORE);
    expect(code).toBe(1);
    expect(plan.workloads.map((w) => [w.id, w.replicas, w.surge, w.placed, w.podRequests])).toEqual([
      ['linkerd/linkerd-identity', 3, 1, 3, { cpu: '200m', memory: '30Mi' }],
      ['linkerd/linkerd-destination', 3, 1, 3, { cpu: '200m', memory: '70Mi' }],
      ['linkerd/linkerd-proxy-injector', 3, 1, 3, { cpu: '200m', memory: '70Mi' }],
    ]);
    expect(plan.rollouts.map((x) => [x.completes, x.unplaced.map((u) => u.detail)])).toEqual([
      [true, ['0/3 nodes are available: 3 node(s) didn\'t match pod anti-affinity rules.']],
      [true, ['0/3 nodes are available: 3 node(s) didn\'t match pod anti-affinity rules.']],
      [true, ['0/3 nodes are available: 3 node(s) didn\'t match pod anti-affinity rules.']],
    ]);
    expect(plan.failures).toEqual([
      'CronJob linkerd/linkerd-heartbeat: apiVersion: batch/v1beta1 is not served by Kubernetes 1.27 (it serves CronJob as batch/v1): the API server rejects this object, so it runs no pods; write apiVersion: batch/v1',
    ]);
    expect(plan.notCounted.map((o) => [o.kind, o.name, o.reason])).toEqual([['CronJob', 'linkerd-heartbeat', 'apiVersion batch/v1beta1 is not served by Kubernetes 1.27 (use batch/v1): the API server rejects it, so it runs no pods']]);
    expect(renderCapacityMarkdown(plan)).toContain('- CronJob linkerd/linkerd-heartbeat: apiVersion batch/v1beta1 is not served by Kubernetes 1.27 (use batch/v1): the API server rejects it, so it runs no pods');
    expect(plan.unverified.map((u) => u.container)).toEqual(['sp-validator']);
  });

  test('on 2 nodes: the third replica of each has nowhere to go', () => {
    const r = cliText(['linkerd-ha.yaml'], 'nodes-2.yaml', '--missing-requests', 'ignore');
    expect(r.code).toBe(1);
    expect(r.failures.slice(0, 3)).toEqual([
      '1. linkerd/linkerd-identity (Deployment, replica 3 of 3): 0/2 nodes are available: 2 node(s) didn\'t match pod anti-affinity rules.',
      '2. linkerd/linkerd-destination (Deployment, replica 3 of 3): 0/2 nodes are available: 2 node(s) didn\'t match pod anti-affinity rules.',
      '3. linkerd/linkerd-proxy-injector (Deployment, replica 3 of 3): 0/2 nodes are available: 2 node(s) didn\'t match pod anti-affinity rules.',
    ]);
  });

  test('on Windows workers: its `beta.kubernetes.io/os: linux` nodeSelector matches none (a Windows kubelet sets both OS labels)', () => {
    const { plan } = check('linkerd-ha.yaml', 'nodes-windows.yaml', MissingRequestsLevel.IGNORE);
    expect(plan.failures.slice(0, 3)).toEqual([
      'linkerd/linkerd-identity (Deployment), replicas 1–3 of 3: 0/2 nodes are available: 2 node(s) didn\'t match Pod\'s node affinity/selector.',
      'linkerd/linkerd-destination (Deployment), replicas 1–3 of 3: 0/2 nodes are available: 2 node(s) didn\'t match Pod\'s node affinity/selector.',
      'linkerd/linkerd-proxy-injector (Deployment), replicas 1–3 of 3: 0/2 nodes are available: 2 node(s) didn\'t match Pod\'s node affinity/selector.',
    ]);
  });
});

describe('Jobs and a CronJob from the Kubernetes docs (an indexed Job written as JSON, completions/parallelism, a batch/v1beta1 CronJob)', () => {
  test('on 3 nodes: each Job runs min(parallelism, completions) = 3 pods; the CronJob is rejected by a 1.27 API server', () => {
    const { plan, code } = check('k8s-website-jobs.yaml', 'nodes-3x4cpu.yaml', MissingRequestsLevel.IGNORE);
    expect(code).toBe(1);
    expect(plan.workloads.map((w) => [w.id, w.kind, w.replicas, w.replicasSource, w.placed])).toEqual([
      ['default/indexed-job', 'Job', 3, 'spec.parallelism', 3],
      ['default/job-pod-failure-policy-example', 'Job', 3, 'spec.parallelism', 3],
    ]);
    expect(plan.failures).toEqual([
      'CronJob default/hello: apiVersion: batch/v1beta1 is not served by Kubernetes 1.27 (it serves CronJob as batch/v1): the API server rejects this object, so it runs no pods; write apiVersion: batch/v1',
    ]);
    expect(plan.unverified.map((u) => `${u.object} ${u.container}`)).toEqual(['Job default/indexed-job input', 'Job default/indexed-job worker', 'Job default/job-pod-failure-policy-example main']);
  });

  test('on one node with --max-pods=2: 4 of the 6 Job pods are Too many pods', () => {
    const r = cliText(['k8s-website-jobs.yaml'], 'nodes-1x2pods.yaml', '--missing-requests', 'ignore');
    expect(r.code).toBe(1);
    expect(r.failures).toEqual([
      '1. cluster pods: requests 6 exceed allocatable 2 (300%)',
      '2. default/indexed-job (Job, replica 3 of 3): 0/1 nodes are available: 1 Too many pods.',
      '3. default/job-pod-failure-policy-example (Job), replicas 1–3 of 3: 0/1 nodes are available: 1 Too many pods.',
      `4. ${fixture('k8s-website-jobs.yaml')}:89: CronJob default/hello: apiVersion: batch/v1beta1 is not served by Kubernetes 1.27 (it serves CronJob as batch/v1): the API server rejects this object, so it runs no pods; write apiVersion: batch/v1`,
    ]);
    expect(r.stdout).toContain('- CronJob default/hello: apiVersion batch/v1beta1 is not served by Kubernetes 1.27 (use batch/v1): the API server rejects it, so it runs no pods');
  });
});

describe('Strimzi Kafka (KafkaNodePools and a Kafka: the operator runs every pod)', () => {
  test('alone: no workloads, and the sentence names the objects whose pods are not counted (exit 2)', () => {
    const r = cli(['capacity', '--nodes', fixture('nodes-3x4cpu.yaml'), fixture('strimzi-kafka.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: no workloads found in ${fixture('strimzi-kafka.yaml')}: it holds 3 objects (KafkaNodePool, Kafka); the pods of KafkaNodePool default/controller and 2 more are not counted (its operator runs pods from \`spec\`, kind not modelled); give manifests with Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs or Pods.\n`);
  });

  test('beside ZooKeeper: fits, with the three listed under Not counted', () => {
    const r = cliText(['strimzi-kafka.yaml', 'zookeeper.yaml'], 'nodes-3x4cpu.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('**Fits**: 3 pods placed on 3 nodes in 1 pool; the pods of 3 objects not counted (see *Not counted*).');
    expect(r.stdout).toContain([
      '- KafkaNodePool default/controller: its operator runs pods from `spec`, kind not modelled',
      '- KafkaNodePool default/broker: its operator runs pods from `spec`, kind not modelled',
      '- Kafka default/my-cluster: its operator runs pods from `spec`, kind not modelled',
    ].join('\n'));
  });
});

describe('every real fixture on every layout: each object that runs pods is counted or listed as not counted, and nothing crashes', () => {
  const manifestsFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('nodes-')).sort();
  const layouts = ['nodes-cp.yaml', 'nodes-kind.yaml', 'nodes-mixed.yaml', 'nodes-1x2pods.yaml'];
  const runsPods = (o: { kind: string; spec?: unknown }) => {
    const spec = (o.spec ?? {}) as Record<string, unknown>;
    return spec.template !== undefined || spec.jobTemplate !== undefined || typeof spec.replicas === 'number' || Array.isArray(spec.containers) || ['Prometheus', 'Kafka'].includes(o.kind);
  };

  test.each(manifestsFiles)('%s', (file) => {
    const objects = parseManifests(fs.readFileSync(fixture(file), 'utf8'), file).map((m) => m.object);
    const runners = objects.filter(runsPods).map((o) => `${o.kind} ${o.metadata?.name}`);
    expect(runners.length).toBeGreaterThan(0);
    for (const nodes of layouts) {
      const r = cli(['capacity', '--nodes', fixture(nodes), '--format', 'json', '--missing-requests', 'ignore', fixture(file)]);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      if (r.code === 2) {
        // Only a set whose every pod runner is an operator's custom resource: named in the one sentence.
        expect(r.stderr).toMatch(/^error: no workloads found in [^:]*: it holds \d+ objects? \([^)]*\); the pods of .* are not counted \(/);
        continue;
      }
      expect([0, 1]).toContain(r.code);
      const plan = JSON.parse(r.stdout) as CapacityPlan;
      const seen = [...plan.workloads.map((w) => `${w.kind} ${w.name}`), ...plan.notCounted.map((o) => `${o.kind} ${o.name}`)];
      expect(seen.sort()).toEqual([...runners].sort());
      expect(plan.notCounted.every((o) => typeof o.reason === 'string' && o.reason.length > 0)).toBe(true);
    }
  });
});

describe('a rollout of a workload whose own replicas cannot be placed', () => {
  test('never "completes", whatever maxUnavailable (ingress-nginx for kind on a 1.27 kind cluster, maxUnavailable 1)', () => {
    const { plan } = check('ingress-nginx-kind.yaml', 'nodes-kind.yaml', MissingRequestsLevel.IGNORE);
    expect(plan.rollouts.map((x) => [x.completes, x.message])).toEqual([[false,
      'ingress-nginx/ingress-nginx-controller (Deployment) rollout cannot complete: 1 of 1 surge pod cannot be placed, and 1 of its 1 replica cannot be placed even before it (see the failures above)']]);
    expect(plan.failures).toHaveLength(1);
  });
});
