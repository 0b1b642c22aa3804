// A third new user's system, written from the README and the root export only (held-out check,
// round 3): a media platform in staging and production, deployed by Argo CD. A public HTTP+gRPC
// API behind an Ingress with TLS, a GPU transcoding pool (node selector, toleration, required
// node affinity, scaled on a custom metric), a Redis-like StatefulService with storage, a nightly
// ScheduledTask, a Migration, ExternalSecrets, metrics, NetworkPolicies, PDBs, zone spread, and a
// capacity check against a general and a tainted GPU pool. The defects it found are pinned at the end.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cron, Duration } from 'cdk8s';
import { ConcurrencyPolicy } from 'cdk8s-plus-27';
import {
  AppChart, AppkitApp, CapacityCheck, CertManagerIssuer, Cluster, Environment, GitOps, GitOpsTool, Headroom, HealthCheck, Metrics, Migration,
  NodeAffinity, NodeSelectorOperator, Peer, Resources, Rollout, ScalingMetric, ScheduledTask, SecretRef, StatefulService, Toleration, WebService, Worker,
} from '../../lib';

import { Manifest, only, readManifests as read } from './helpers';
const GPU_TOLERATION: Toleration = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };

/** The media platform; `productionCluster` undefined leaves both environments in Argo CD's own cluster. */
function media(dir: string, options: { productionCluster?: Cluster; tolerations?: Toleration[] } = {}): AppkitApp {
  const app = new AppkitApp({ outdir: path.join(dir, 'dist') });
  for (const name of ['staging', 'production']) {
    const prod = name === 'production';
    const env = new Environment(app, name, {
      cluster: prod ? options.productionCluster : undefined,
      overrides: prod ? {} : {
        api: { minReplicas: 1, maxReplicas: 2, ingressHost: 'api.staging.media.example', ingressTlsSecretName: 'api-staging-tls' },
        transcoder: { minReplicas: 1, maxReplicas: 2 },
        cache: { resources: Resources.of({ cpu: '250m', memory: '512Mi', memoryLimit: '512Mi' }) },
      },
    });
    const chart = new AppChart(env, 'media', { version: '4.2.0', isolatePods: true });
    const dbUrl = SecretRef.fromExternalSecret('media-db', 'url', { storeName: 'vault', remoteKey: 'media/db', remoteProperty: 'url' });
    const s3Key = SecretRef.fromExternalSecret('media-s3', 'secret-key', { storeName: 'vault', remoteKey: 'media/s3', remoteProperty: 'secret' });
    const api = new WebService(chart, 'api', {
      image: 'ghcr.io/acme/media-api:4.2.0',
      resources: Resources.of({ cpu: '500m', memory: '512Mi', memoryLimit: '512Mi' }),
      ports: [{ name: 'grpc', port: 9090, appProtocol: 'kubernetes.io/h2c' }, { name: 'metrics', port: 9100 }],
      ingressHost: 'api.media.example', ingressClassName: 'nginx', ingressTlsSecretName: 'api-media-tls',
      ingressCertManagerIssuer: CertManagerIssuer.clusterIssuer('letsencrypt-prod'),
      healthCheck: HealthCheck.http('/healthz'),
      minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 60, spreadAcrossZones: true,
      secretEnv: { DATABASE_URL: dbUrl },
      metrics: Metrics.serviceMonitor({ port: 'metrics', interval: Duration.seconds(30) }),
    });
    const transcoder = new Worker(chart, 'transcoder', {
      image: 'ghcr.io/acme/media-transcoder:4.2.0',
      resources: Resources.of({ cpu: '4', memory: '16Gi', memoryLimit: '16Gi', extended: { 'nvidia.com/gpu': '1' } }),
      minReplicas: 2, maxReplicas: 6, scalingMetrics: [ScalingMetric.pods('transcode_queue_depth', '5')],
      nodeSelector: { 'node.acme.example/pool': 'gpu' },
      tolerations: options.tolerations ?? [GPU_TOLERATION],
      nodeAffinity: [NodeAffinity.required({ key: 'nvidia.com/gpu.product', operator: NodeSelectorOperator.IN, values: ['NVIDIA-L4', 'NVIDIA-A10G'] })],
      spreadAcrossZones: true,
      ports: [{ name: 'metrics', port: 9100 }],
      secretEnv: { S3_SECRET_KEY: s3Key },
      rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }),
      terminationGracePeriod: Duration.minutes(10),
      healthCheck: HealthCheck.http('/healthz', { port: 9100 }),
    });
    const cache = new StatefulService(chart, 'cache', {
      image: 'docker.io/library/redis:7.2.4',
      resources: Resources.of({ cpu: '500m', memory: '2Gi', memoryLimit: '2Gi' }),
      port: 6379, portName: 'redis', replicas: 3, storageSize: '20Gi', storageClassName: 'premium-rwo',
      spreadAcrossZones: true, runAsUser: 999, fsGroup: 999, healthCheck: HealthCheck.tcp(),
    });
    new ScheduledTask(chart, 'cleanup', {
      image: 'ghcr.io/acme/media-tools:4.2.0', args: ['cleanup', '--older-than=30d'],
      resources: Resources.of({ cpu: '250m', memory: '256Mi', memoryLimit: '256Mi' }),
      schedule: Cron.schedule({ minute: '0', hour: '3' }), timeZone: 'Europe/Amsterdam',
      concurrencyPolicy: ConcurrencyPolicy.FORBID, activeDeadline: Duration.hours(2),
      secretEnv: { DATABASE_URL: dbUrl, S3_SECRET_KEY: s3Key },
    });
    new Migration(chart, 'db-migrate', {
      image: 'ghcr.io/acme/media-api:4.2.0', args: ['migrate', 'up'],
      resources: Resources.of({ cpu: '250m', memory: '256Mi', memoryLimit: '256Mi' }),
      secretEnv: { DATABASE_URL: dbUrl }, activeDeadline: Duration.minutes(15),
    });
    cache.allowFrom(Peer.component(api), { portName: 'redis' });
    cache.allowFrom(Peer.component(transcoder), { portName: 'redis' });
    transcoder.allowFrom(Peer.namespace('monitoring'), { portName: 'metrics' });
    const zones = ['eu-west-4a', 'eu-west-4b', 'eu-west-4c'];
    new CapacityCheck(env, 'capacity', {
      nodePools: [
        { name: 'general', count: prod ? 4 : 2, allocatable: { cpu: '3920m', memory: '14Gi', pods: '110' }, zones },
        {
          name: 'gpu', count: prod ? 7 : 3, allocatable: { cpu: '7910m', memory: '30Gi', pods: '110', 'nvidia.com/gpu': '1' }, zones,
          labels: { 'node.acme.example/pool': 'gpu', 'nvidia.com/gpu.product': 'NVIDIA-L4' },
          taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
        },
      ],
      headroom: Headroom.nodes(1),
      suggest: true,
    });
  }
  new GitOps(app, 'gitops', { tool: GitOpsTool.ARGO_CD, repoUrl: 'https://github.com/acme/media-deploy.git' });
  return app;
}


function synthFails(options: Parameters<typeof media>[1]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-media-'));
  try {
    media(dir, options).synth();
    return 'synth did not fail';
  } catch (e) {
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    return (e as Error).message;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the media platform, production in its own Argo CD cluster', () => {
  let dir: string;
  let production: Manifest[];
  let staging: Manifest[];
  let dist: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-media-'));
    dist = path.join(dir, 'dist');
    media(dir, { productionCluster: Cluster.name('production') }).synth();
    production = read(path.join(dist, 'production', 'media.k8s.yaml'));
    staging = read(path.join(dist, 'staging', 'media.k8s.yaml'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('Argo CD: staging in its own cluster, production in the registered one', () => {
    expect(read(path.join(dist, 'gitops', 'gitops.k8s.yaml')).map((a) => [a.metadata.name, a.spec.destination, a.spec.source.path])).toEqual([
      ['staging', { server: 'https://kubernetes.default.svc' }, 'dist/staging'],
      ['production', { name: 'production' }, 'dist/production'],
    ]);
  });

  test('the API: gRPC and metrics ports on the Service, TLS Ingress with cert-manager, HPA on CPU, zone spread', () => {
    expect(only(production, 'Service', 'media-api').spec.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
      { appProtocol: 'kubernetes.io/h2c', name: 'grpc', port: 9090, protocol: 'TCP', targetPort: 9090 },
      { name: 'metrics', port: 9100, protocol: 'TCP', targetPort: 9100 },
    ]);
    const ingress = only(production, 'Ingress', 'media-api');
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.media.example'], secretName: 'api-media-tls' }]);
    const hpa = only(production, 'HorizontalPodAutoscaler', 'media-api').spec;
    expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics]).toEqual([3, 12, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]]);
    expect(only(production, 'Deployment', 'media-api').spec.template.spec.topologySpreadConstraints.map((c: Manifest) => [c.topologyKey, c.whenUnsatisfiable]))
      .toEqual([['kubernetes.io/hostname', 'ScheduleAnyway'], ['topology.kubernetes.io/zone', 'ScheduleAnyway']]);
    expect(only(production, 'ServiceMonitor', 'media-api').spec.endpoints).toEqual([{ interval: '30s', path: '/metrics', port: 'metrics' }]);
  });

  test('the GPU transcoder: GPU request and limit, selector, toleration, required affinity, custom-metric HPA, no surge', () => {
    const spec = only(production, 'Deployment', 'media-transcoder').spec;
    const pod = spec.template.spec;
    expect(pod.containers[0].resources).toEqual({ limits: { 'memory': '16384Mi', 'nvidia.com/gpu': '1' }, requests: { 'cpu': '4', 'memory': '16384Mi', 'nvidia.com/gpu': '1' } });
    expect(pod.nodeSelector).toEqual({ 'node.acme.example/pool': 'gpu' });
    expect(pod.tolerations).toEqual([{ effect: 'NoSchedule', key: 'nvidia.com/gpu', operator: 'Exists' }]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
      .toEqual([{ matchExpressions: [{ key: 'nvidia.com/gpu.product', operator: 'In', values: ['NVIDIA-L4', 'NVIDIA-A10G'] }] }]);
    expect(pod.terminationGracePeriodSeconds).toBe(600);
    expect(pod.containers[0].readinessProbe.httpGet).toEqual({ path: '/healthz', port: 9100, scheme: 'HTTP' });
    expect(spec.strategy).toEqual({ rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' });
    expect(only(production, 'HorizontalPodAutoscaler', 'media-transcoder').spec.metrics)
      .toEqual([{ type: 'Pods', pods: { metric: { name: 'transcode_queue_depth' }, target: { type: 'AverageValue', averageValue: '5' } } }]);
  });

  test('the cache, the nightly task, the migration and the policies between components', () => {
    const sts = only(production, 'StatefulSet', 'media-cache').spec;
    expect([sts.replicas, sts.volumeClaimTemplates[0].spec]).toEqual([3, { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } }, storageClassName: 'premium-rwo' }]);
    expect(only(production, 'PodDisruptionBudget', 'media-cache').spec.maxUnavailable).toBe(1);
    const cron = only(production, 'CronJob', 'media-cleanup').spec;
    expect([cron.schedule, cron.timeZone, cron.concurrencyPolicy, cron.jobTemplate.spec.activeDeadlineSeconds]).toEqual(['0 3 * * *', 'Europe/Amsterdam', 'Forbid', 7200]);
    const job = production.find((m) => m.kind === 'Job')!;
    expect([job.metadata.annotations['argocd.argoproj.io/sync-wave'], job.spec.activeDeadlineSeconds, job.spec.backoffLimit]).toEqual(['-1', 900, 2]);
    expect(only(production, 'NetworkPolicy', 'media-cache').spec.ingress.map((r: Manifest) => r.from[0].podSelector.matchLabels['app.kubernetes.io/component']))
      .toEqual(['api', 'transcoder']);
  });

  test('staging overrides reach its YAML', () => {
    expect(only(staging, 'Ingress', 'media-api').spec.tls).toEqual([{ hosts: ['api.staging.media.example'], secretName: 'api-staging-tls' }]);
    expect(['media-api', 'media-transcoder'].map((n) => [only(staging, 'HorizontalPodAutoscaler', n).spec.minReplicas, only(staging, 'HorizontalPodAutoscaler', n).spec.maxReplicas]))
      .toEqual([[1, 2], [1, 2]]);
    expect(only(staging, 'StatefulSet', 'media-cache').spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '250m', memory: '512Mi' });
  });

  test('the capacity report counts one GPU per transcoder on the tainted pool, N+1 on both pools', () => {
    const report = fs.readFileSync(path.join(dist, 'production', 'capacity.md'), 'utf8');
    expect(report).toContain('**Fits**: 23 pods placed on 11 nodes in 2 pools.');
    expect(report).toContain('| nvidia.com/gpu | 6 | 7 | 85.7% |');
    expect(report).toContain('| gpu-1 (tainted nvidia.com/gpu=present:NoSchedule) | 1 / 110 | 4 / 7910m (50.6%) | 16Gi / 30Gi (53.3%) | 1 / 1 (100.0%) | media/media-transcoder |');
    expect(report).toContain('- pool gpu: 7 nodes needed, 7 present');
  });
});

// Defects found writing the system above, each fixed in lib/.
describe('defects found by the media platform', () => {
  test('both environments left in Argo CD\'s own cluster fail synth (was: two Applications syncing the same 21 objects over each other)', () => {
    expect(synthFails({})).toBe('Validation failed with the following errors:\n'
      + '  [gitops] Environments staging and production are both deployed to cluster server=https://kubernetes.default.svc and both write Namespace media (and 20 more objects): '
      + 'two Applications would sync each of them, overwriting each other; give each environment its own cluster (cluster: Cluster.name(\'production\')) '
      + 'or its own namespaces (namespaceScheme: NamespaceScheme.APP_AND_ENVIRONMENT)');
  });

  test('a GPU worker without its toleration: the "no number of nodes" line once per environment, each pool\'s cap named (was: once per pool, "tried up to 49, 49 nodes")', () => {
    const lines = synthFails({ productionCluster: Cluster.name('production'), tolerations: [] }).split('\n');
    expect(lines.filter((l) => l.includes('no number of nodes'))).toEqual([
      '  [staging/capacity] no number of nodes of pools general, gpu fits pod media/media-transcoder-1 (tried up to 21 nodes of general, 21 of gpu): '
        + 'media/media-transcoder (Deployment), replicas 1–2 of 2: 0/42 nodes are available: 21 node(s) didn\'t match Pod\'s node affinity/selector, 21 node(s) had untolerated taint {nvidia.com/gpu: present}.',
      '  [production/capacity] no number of nodes of pools general, gpu fits pod media/media-transcoder-1 (tried up to 49 nodes of general, 49 of gpu): '
        + 'media/media-transcoder (Deployment), replicas 1–6 of 6: 0/98 nodes are available: 49 node(s) didn\'t match Pod\'s node affinity/selector, 49 node(s) had untolerated taint {nvidia.com/gpu: present}.',
    ]);
    expect(lines).toContain('  [production/capacity] media/media-transcoder (Deployment), replicas 1–6 of 6: 0/11 nodes are available: '
      + '4 node(s) didn\'t match Pod\'s node affinity/selector, 7 node(s) had untolerated taint {nvidia.com/gpu: present}.');
  });
});
