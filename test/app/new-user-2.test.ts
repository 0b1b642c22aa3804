// A second new user's system, written from the README and the root export only (issue #8's
// held-out check, round 2): Acme's payments platform in staging and production, applied by Flux.
// A public API and a webhook receiver share one host by path, an internal gRPC ledger, a Kafka
// consumer scaled on an external metric on a tainted batch pool, Redis with a config file and a
// volume, a nightly reconciliation in Europe/Berlin, NetworkPolicies, PDBs, an ExternalSecret,
// per-environment overrides and a capacity check with per-pool headroom. Every prop set here is
// asserted in the YAML; the defects it found are pinned at the end.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cron, Duration, Testing } from 'cdk8s';
import { ConcurrencyPolicy, Protocol } from 'cdk8s-plus-27';
import {
  AppChart, AppkitApp, AutoscalingPolicy, AutoscalingTarget, CapacityCheck, CertManagerIssuer, ComponentOverrides, Environment, ExternalKind, GitOps, GitOpsTool, Guardrails, Headroom,
  HealthCheck, IngressPathType, Metrics, NamespaceScheme, Peer, ResourcePreset, Resources, Rollout, ScalingMetric, ScheduledTask, SecretRef,
  StatefulService, WebService, Worker,
} from '../../lib';

import { Manifest, only, readManifests as read } from './helpers';

const REDIS_CONF = 'maxmemory 200mb\nappendonly yes\n';
const SELECTOR = (component: string) => ({
  'app.kubernetes.io/component': component, 'app.kubernetes.io/instance': 'payments-production', 'app.kubernetes.io/name': 'payments',
});

/** The payments platform; `batchNodes` is production's batch pool size. */
function payments(dir: string, batchNodes = 3): AppkitApp {
  const conf = path.join(dir, 'redis.conf');
  fs.writeFileSync(conf, REDIS_CONF);
  const app = new AppkitApp({ outdir: path.join(dir, 'dist') });
  const environments: Environment[] = [];
  for (const name of ['staging', 'production']) {
    const production = name === 'production';
    const env = new Environment(app, name, {
      namespaceScheme: NamespaceScheme.APP_AND_ENVIRONMENT,
      overrides: production ? {
        'api': { image: 'ghcr.io/acme/payments-api:3.2.0', version: '3.2.0', minReplicas: 3, maxReplicas: 10 },
        'payments/ledger': { replicas: 3, resources: Resources.of({ cpu: '500m', memory: '1Gi', memoryLimit: '1Gi' }) },
      } : {
        api: {
          ingressHost: 'pay.staging.acme.example', ingressTlsSecretName: 'pay-staging-acme-example-tls',
          ingressHosts: [{ host: 'api.staging.acme.example', paths: [{ path: '/v1' }] }], minReplicas: 1, maxReplicas: 2,
        },
        webhooks: { ingressHost: 'pay.staging.acme.example', replicas: 1 },
      },
    });
    environments.push(env);
    const chart = new AppChart(env, 'payments', { version: '3.1.0', isolatePods: true, ingressControllerNamespace: 'ingress-nginx' });
    const dbPassword = SecretRef.fromExternalSecret('payments-db', 'password', { storeName: 'vault', remoteKey: 'payments/db', remoteProperty: 'password' });
    const api = new WebService(chart, 'api', {
      image: 'ghcr.io/acme/payments-api:3.1.0',
      resources: Resources.of({ cpu: '300m', memory: '384Mi', memoryLimit: '512Mi' }),
      port: 8080,
      ingressHost: 'pay.acme.example', ingressPath: '/api', ingressClassName: 'nginx', ingressTlsSecretName: 'pay-acme-example-tls',
      ingressHosts: [{ host: 'api.acme.example', paths: [{ path: '/v1', pathType: IngressPathType.PREFIX }], tlsSecretName: 'api-acme-example-tls' }],
      ingressCertManagerIssuer: CertManagerIssuer.clusterIssuer('letsencrypt-prod'),
      minReplicas: 2, maxReplicas: 6, targetCpuUtilization: 65,
      healthCheck: HealthCheck.http('/healthz'),
      secretEnv: { DB_PASSWORD: dbPassword },
      spreadAcrossZones: true,
      ports: [{ name: 'metrics', port: 9090 }],
      metrics: Metrics.serviceMonitor({ port: 'metrics', interval: Duration.seconds(15) }),
    });
    new WebService(chart, 'webhooks', {
      image: 'ghcr.io/acme/payments-webhooks:3.1.0',
      resources: Resources.preset(ResourcePreset.SMALL),
      ingressHost: 'pay.acme.example', ingressPath: '/webhooks', ingressClassName: 'nginx', ingressTlsSecretName: 'pay-acme-example-tls',
      replicas: 2,
    });
    const ledger = new WebService(chart, 'ledger', {
      image: 'ghcr.io/acme/payments-ledger:3.1.0',
      resources: Resources.of({ cpu: '250m', memory: '512Mi' }),
      port: 50051, servicePort: 50051, portName: 'grpc', appProtocol: 'kubernetes.io/h2c', headless: true,
      healthCheck: HealthCheck.grpc(50051),
      replicas: 2,
      secretEnv: { DB_PASSWORD: dbPassword },
      rollout: Rollout.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 }),
    });
    const consumer = new Worker(chart, 'settlement-consumer', {
      image: 'ghcr.io/acme/payments-settlement:3.1.0',
      resources: Resources.of({ cpu: '200m', memory: '256Mi' }),
      minReplicas: 1, maxReplicas: production ? 12 : 3,
      scalingMetrics: [ScalingMetric.external('kafka_consumergroup_lag', AutoscalingTarget.averageValue('100'), { selector: { topic: 'settlements', consumergroup: 'settlement' } })],
      behavior: { scaleDown: { stabilizationWindow: Duration.minutes(5), policies: [AutoscalingPolicy.pods(2, Duration.minutes(1))] } },
      nodeSelector: { 'acme.example/pool': 'batch' },
      tolerations: [{ key: 'acme.example/batch', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
    });
    const redis = new StatefulService(chart, 'redis', {
      image: 'docker.io/library/redis:7.2.4',
      resources: Resources.of({ cpu: '250m', memory: '512Mi', memoryLimit: '512Mi' }),
      port: 6379, portName: 'redis', storageSize: '8Gi', storageClassName: 'fast-ssd',
      configFiles: [conf], configMountPath: '/usr/local/etc/redis',
      args: ['/usr/local/etc/redis/redis.conf'],
      runAsUser: 999, fsGroup: 999,
    });
    new ScheduledTask(chart, 'reconcile', {
      image: 'ghcr.io/acme/payments-reconcile:3.1.0',
      resources: Resources.of({ cpu: '500m', memory: '512Mi' }),
      schedule: Cron.schedule({ minute: '30', hour: '2' }),
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: ConcurrencyPolicy.REPLACE,
      activeDeadline: Duration.hours(1),
      backoffLimit: 2,
      secretEnv: { DB_PASSWORD: dbPassword },
    });
    api.allowFrom(Peer.namespace('monitoring'), { portName: 'metrics' });
    ledger.allowFrom(Peer.component(api), { port: 50051 });
    ledger.allowFrom(Peer.component(consumer), { port: 50051 });
    redis.allowFrom(Peer.component(api), { portName: 'redis' });
    redis.allowFrom(Peer.component(consumer), { portName: 'redis' });
    new CapacityCheck(env, 'capacity', {
      nodePools: [
        { name: 'general', count: 3, allocatable: { cpu: '3920m', memory: '14Gi' }, zones: ['eu-west-1a', 'eu-west-1b'] },
        {
          name: 'batch', count: production ? batchNodes : 2, allocatable: { cpu: '1930m', memory: '6Gi' },
          labels: { 'acme.example/pool': 'batch' }, taints: [{ key: 'acme.example/batch', value: 'true', effect: 'NoSchedule' }],
        },
      ],
      headroom: Headroom.perPool({ general: 1, batch: 1 }),
    });
  }
  new GitOps(app, 'gitops', {
    tool: GitOpsTool.FLUX, repoUrl: 'https://github.com/acme/payments-deploy.git', dependsOn: ['infrastructure'], interval: Duration.minutes(2),
  });
  return app;
}


describe('the payments platform, synthesized into dist/', () => {
  let dir: string;
  let dist: string;
  let production: Manifest[];
  let staging: Manifest[];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-payments-'));
    dist = path.join(dir, 'dist');
    payments(dir).synth();
    production = read(path.join(dist, 'production', 'payments.k8s.yaml'));
    staging = read(path.join(dist, 'staging', 'payments.k8s.yaml'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes one folder per environment and the Flux bootstrap', () => {
    const files = (sub: string) => fs.readdirSync(path.join(dist, sub)).sort();
    expect(fs.readdirSync(dist).sort()).toEqual(['gitops', 'production', 'staging']);
    expect(files('production')).toEqual(['capacity.md', 'capacity.svg', 'kustomization.yaml', 'payments.k8s.yaml']);
    expect(files('gitops')).toEqual(['gitops.k8s.yaml', 'kustomization.yaml']);
    expect(production.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Namespace/payments-production', 'NetworkPolicy/payments-default-deny-ingress', 'ExternalSecret/payments-db',
      'Deployment/payments-api', 'Service/payments-api', 'Ingress/payments-api', 'NetworkPolicy/payments-api', 'ServiceMonitor/payments-api',
      'HorizontalPodAutoscaler/payments-api', 'PodDisruptionBudget/payments-api',
      'Deployment/payments-webhooks', 'Service/payments-webhooks', 'Ingress/payments-webhooks', 'NetworkPolicy/payments-webhooks', 'PodDisruptionBudget/payments-webhooks',
      'Deployment/payments-ledger', 'Service/payments-ledger', 'PodDisruptionBudget/payments-ledger', 'NetworkPolicy/payments-ledger',
      'Deployment/payments-settlement-consumer', 'HorizontalPodAutoscaler/payments-settlement-consumer', 'PodDisruptionBudget/payments-settlement-consumer',
      'ConfigMap/payments-redis-files', 'Service/payments-redis', 'StatefulSet/payments-redis', 'NetworkPolicy/payments-redis',
      'CronJob/payments-reconcile',
    ]);
    expect(new Set(production.filter((m) => m.kind !== 'Namespace').map((m) => m.metadata.namespace))).toEqual(new Set(['payments-production']));
  });

  test('Flux: a GitRepository and one Kustomization per environment, with dependsOn and interval', () => {
    const [repo, ...kustomizations] = read(path.join(dist, 'gitops', 'gitops.k8s.yaml'));
    expect(repo.spec).toEqual({ interval: '2m', ref: { branch: 'main' }, url: 'https://github.com/acme/payments-deploy.git' });
    expect(kustomizations.map((k) => [k.metadata.name, k.spec])).toEqual(['staging', 'production'].map((env) => [env, {
      dependsOn: [{ name: 'infrastructure' }], interval: '2m', path: `./dist/${env}`, prune: true,
      sourceRef: { kind: 'GitRepository', name: 'gitops' }, timeout: '5m', wait: true,
    }]));
    expect(only(production, 'Namespace', 'payments-production').metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  });

  test('the public API: two hosts, TLS, cert-manager, HPA on CPU, zone spread, metrics, the production image', () => {
    expect(only(production, 'Ingress', 'payments-api').metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    const backend = { service: { name: 'payments-api', port: { number: 80 } } };
    expect(only(production, 'Ingress', 'payments-api').spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        { host: 'pay.acme.example', http: { paths: [{ backend, path: '/api', pathType: 'Prefix' }] } },
        { host: 'api.acme.example', http: { paths: [{ backend, path: '/v1', pathType: 'Prefix' }] } },
      ],
      tls: [{ hosts: ['pay.acme.example'], secretName: 'pay-acme-example-tls' }, { hosts: ['api.acme.example'], secretName: 'api-acme-example-tls' }],
    });
    const spec = only(production, 'Deployment', 'payments-api').spec;
    expect(spec.replicas).toBeUndefined();
    const [container] = spec.template.spec.containers;
    expect([container.image, container.resources, container.env]).toEqual([
      'ghcr.io/acme/payments-api:3.2.0',
      { limits: { memory: '512Mi' }, requests: { cpu: '300m', memory: '384Mi' } },
      [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'payments-db' } } }],
    ]);
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }, { containerPort: 9090, name: 'metrics', protocol: 'TCP' }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080, scheme: 'HTTP' });
    expect(spec.template.spec.topologySpreadConstraints.map((c: Manifest) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
    expect(only(production, 'HorizontalPodAutoscaler', 'payments-api').spec).toEqual({
      maxReplicas: 10, minReplicas: 3,
      metrics: [{ resource: { name: 'cpu', target: { averageUtilization: 65, type: 'Utilization' } }, type: 'Resource' }],
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'payments-api' },
    });
    expect(only(production, 'ServiceMonitor', 'payments-api').spec.endpoints).toEqual([{ interval: '15s', path: '/metrics', port: 'metrics' }]);
    expect(only(production, 'PodDisruptionBudget', 'payments-api').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: SELECTOR('api') } });
  });

  test('the promoted image comes with its version: every object of the api, and its pods, say 3.2.0 in production only', () => {
    const versions = (manifests: Manifest[], name: string) => manifests.filter((m) => m.metadata.name === name)
      .map((m) => [m.kind, m.metadata.labels['app.kubernetes.io/version'], m.spec.template?.metadata.labels['app.kubernetes.io/version']]);
    expect(versions(production, 'payments-api')).toEqual([
      ['Deployment', '3.2.0', '3.2.0'], ['Service', '3.2.0', undefined], ['Ingress', '3.2.0', undefined], ['NetworkPolicy', '3.2.0', undefined],
      ['ServiceMonitor', '3.2.0', undefined], ['HorizontalPodAutoscaler', '3.2.0', undefined], ['PodDisruptionBudget', '3.2.0', undefined],
    ]);
    expect(versions(staging, 'payments-api')).toEqual([
      ['Deployment', '3.1.0', '3.1.0'], ['Service', '3.1.0', undefined], ['Ingress', '3.1.0', undefined], ['NetworkPolicy', '3.1.0', undefined],
      ['ServiceMonitor', '3.1.0', undefined], ['HorizontalPodAutoscaler', '3.1.0', undefined], ['PodDisruptionBudget', '3.1.0', undefined],
    ]);
    expect(only(production, 'Deployment', 'payments-webhooks').metadata.labels['app.kubernetes.io/version']).toBe('3.1.0');
  });

  test('path-based routing: the webhook receiver shares the host and its TLS Secret under /webhooks', () => {
    expect(only(production, 'Ingress', 'payments-webhooks').spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: 'pay.acme.example', http: { paths: [{ backend: { service: { name: 'payments-webhooks', port: { number: 80 } } }, path: '/webhooks', pathType: 'Prefix' }] } }],
      tls: [{ hosts: ['pay.acme.example'], secretName: 'pay-acme-example-tls' }],
    });
    const [container] = only(production, 'Deployment', 'payments-webhooks').spec.template.spec.containers;
    expect(container.resources).toEqual({ limits: { memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(only(production, 'Deployment', 'payments-webhooks').spec.replicas).toBe(2);
  });

  test('the internal gRPC ledger: headless Service on 50051, gRPC probes, no surge below capacity, production overrides', () => {
    expect(only(production, 'Service', 'payments-ledger').spec).toEqual({
      clusterIP: 'None', ports: [{ appProtocol: 'kubernetes.io/h2c', name: 'grpc', port: 50051, protocol: 'TCP', targetPort: 50051 }],
      selector: SELECTOR('ledger'), type: 'ClusterIP',
    });
    const spec = only(production, 'Deployment', 'payments-ledger').spec;
    expect([spec.replicas, spec.strategy]).toEqual([3, { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }, type: 'RollingUpdate' }]);
    const [container] = spec.template.spec.containers;
    expect(container.ports).toEqual([{ containerPort: 50051, name: 'grpc', protocol: 'TCP' }]);
    expect(container.resources).toEqual({ limits: { memory: '1024Mi' }, requests: { cpu: '500m', memory: '1024Mi' } });
    expect([container.readinessProbe.grpc, container.startupProbe.grpc, container.livenessProbe]).toEqual([{ port: 50051 }, { port: 50051 }, undefined]);
    expect(only(staging, 'Deployment', 'payments-ledger').spec.replicas).toBe(2);
  });

  test('the Kafka consumer: HPA on an external metric with a scale-down policy, on the tainted batch pool', () => {
    expect(only(production, 'HorizontalPodAutoscaler', 'payments-settlement-consumer').spec).toEqual({
      behavior: { scaleDown: { policies: [{ periodSeconds: 60, type: 'Pods', value: 2 }], stabilizationWindowSeconds: 300 } },
      maxReplicas: 12, minReplicas: 1,
      metrics: [{
        external: { metric: { name: 'kafka_consumergroup_lag', selector: { matchLabels: { consumergroup: 'settlement', topic: 'settlements' } } }, target: { averageValue: '100', type: 'AverageValue' } },
        type: 'External',
      }],
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'payments-settlement-consumer' },
    });
    expect(only(staging, 'HorizontalPodAutoscaler', 'payments-settlement-consumer').spec.maxReplicas).toBe(3);
    const pod = only(production, 'Deployment', 'payments-settlement-consumer').spec.template.spec;
    expect([pod.nodeSelector, pod.tolerations]).toEqual([
      { 'acme.example/pool': 'batch' }, [{ effect: 'NoSchedule', key: 'acme.example/batch', operator: 'Equal', value: 'true' }],
    ]);
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '200m', memory: '256Mi' } });
  });

  test('Redis: a config file mounted read-only, a fast-ssd claim kept from pruning, its UID and args', () => {
    expect(only(production, 'ConfigMap', 'payments-redis-files').data).toEqual({ 'redis.conf': REDIS_CONF });
    const spec = only(production, 'StatefulSet', 'payments-redis').spec;
    expect(spec.replicas).toBe(1);
    expect(spec.volumeClaimTemplates).toEqual([{
      metadata: { annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' }, labels: SELECTOR('redis'), name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '8Gi' } }, storageClassName: 'fast-ssd' },
    }]);
    const pod = spec.template.spec;
    expect([pod.securityContext.runAsUser, pod.securityContext.fsGroup]).toEqual([999, 999]);
    const [container] = pod.containers;
    expect([container.args, container.ports, container.resources]).toEqual([
      ['/usr/local/etc/redis/redis.conf'], [{ containerPort: 6379, name: 'redis', protocol: 'TCP' }],
      { limits: { memory: '512Mi' }, requests: { cpu: '250m', memory: '512Mi' } },
    ]);
    expect(container.volumeMounts).toEqual([
      { mountPath: '/data', name: 'data' }, { mountPath: '/tmp', name: 'tmp' }, { mountPath: '/usr/local/etc/redis', name: 'config-files', readOnly: true },
    ]);
    expect(pod.volumes).toContainEqual({ configMap: { name: 'payments-redis-files' }, name: 'config-files' });
    expect(only(production, 'Service', 'payments-redis').spec.ports).toEqual([{ name: 'redis', port: 6379, protocol: 'TCP', targetPort: 6379 }]);
  });

  test('the nightly reconciliation: schedule, time zone, Replace, deadline, retries, the external secret', () => {
    const cron = only(production, 'CronJob', 'payments-reconcile').spec;
    expect([cron.schedule, cron.timeZone, cron.concurrencyPolicy, cron.jobTemplate.spec.activeDeadlineSeconds, cron.jobTemplate.spec.backoffLimit])
      .toEqual(['30 2 * * *', 'Europe/Berlin', 'Replace', 3600, 2]);
    expect(cron.jobTemplate.spec.template.spec.containers[0].env).toEqual([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'payments-db' } } }]);
    expect(only(production, 'ExternalSecret', 'payments-db').spec).toEqual({
      data: [{ remoteRef: { key: 'payments/db', property: 'password' }, secretKey: 'password' }],
      refreshInterval: '1h0m0s', secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, target: { creationPolicy: 'Owner', name: 'payments-db' },
    });
  });

  test('NetworkPolicies: default deny, ingress-nginx to both web services, monitoring, ledger and Redis from their callers', () => {
    const rules = (name: string) => only(production, 'NetworkPolicy', name).spec.ingress;
    const fromPods = (component: string) => [{ podSelector: { matchLabels: SELECTOR(component) } }];
    const fromNamespace = (ns: string) => [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } }];
    expect(only(production, 'NetworkPolicy', 'payments-default-deny-ingress').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(rules('payments-api')).toEqual([
      { from: fromNamespace('ingress-nginx'), ports: [{ port: 'http', protocol: 'TCP' }] },
      { from: fromNamespace('monitoring'), ports: [{ port: 'metrics', protocol: 'TCP' }] },
    ]);
    expect(rules('payments-webhooks')).toEqual([{ from: fromNamespace('ingress-nginx'), ports: [{ port: 'http', protocol: 'TCP' }] }]);
    expect(rules('payments-ledger')).toEqual([
      { from: fromPods('api'), ports: [{ port: 50051, protocol: 'TCP' }] },
      { from: fromPods('settlement-consumer'), ports: [{ port: 50051, protocol: 'TCP' }] },
    ]);
    expect(rules('payments-redis')).toEqual([
      { from: fromPods('api'), ports: [{ port: 'redis', protocol: 'TCP' }] },
      { from: fromPods('settlement-consumer'), ports: [{ port: 'redis', protocol: 'TCP' }] },
    ]);
  });

  test('staging overrides: its own hosts and TLS Secret, a smaller HPA, one webhook replica and no PDB for it', () => {
    expect(only(staging, 'Ingress', 'payments-api').spec.rules.map((r: Manifest) => [r.host, r.http.paths[0].path])).toEqual([
      ['pay.staging.acme.example', '/api'], ['api.staging.acme.example', '/v1'],
    ]);
    expect(only(staging, 'Ingress', 'payments-api').spec.tls).toEqual([{ hosts: ['pay.staging.acme.example'], secretName: 'pay-staging-acme-example-tls' }]);
    // The webhooks override only the host: their Secret keeps the name they were given.
    expect(only(staging, 'Ingress', 'payments-webhooks').spec.tls).toEqual([{ hosts: ['pay.staging.acme.example'], secretName: 'pay-acme-example-tls' }]);
    expect(only(staging, 'Ingress', 'payments-webhooks').spec.rules[0].host).toBe('pay.staging.acme.example');
    const hpa = only(staging, 'HorizontalPodAutoscaler', 'payments-api').spec;
    expect([hpa.minReplicas, hpa.maxReplicas]).toEqual([1, 2]);
    expect(only(staging, 'Deployment', 'payments-webhooks').spec.replicas).toBe(1);
    expect(staging.filter((m) => m.kind === 'PodDisruptionBudget').map((m) => m.metadata.name)).toEqual([
      'payments-api', 'payments-ledger', 'payments-settlement-consumer',
    ]);
    expect(only(staging, 'Deployment', 'payments-api').spec.template.spec.containers[0].image).toBe('ghcr.io/acme/payments-api:3.1.0');
  });

  test('the capacity reports count every replica budget: 29 pods in production, 10 in staging, N+1 per pool', () => {
    const report = (env: string) => fs.readFileSync(path.join(dist, env, 'capacity.md'), 'utf8').split('\n');
    expect(report('production').slice(0, 5)).toEqual([
      '# Capacity: production', '', '**Fits**: 29 pods placed on 6 nodes in 2 pools.', '',
      'Budget: surge `each-rollout`, headroom general N+1, batch N+1, missing requests `error`.',
    ]);
    expect(report('staging')[2]).toBe('**Fits**: 10 pods placed on 5 nodes in 2 pools.');
  });
});

describe('the capacity check with two batch nodes in production', () => {
  test('fails synth: losing one batch node leaves no room for the consumer\'s 12 replicas, and dist/ is not written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-payments-'));
    try {
      expect(() => payments(dir, 2).synth()).toThrow('Validation failed with the following errors:\n'
        + '  [production/capacity] headroom N+1: without batch-2 (pool batch), 3 pod(s) not placed; first: '
        + 'payments-production/payments-settlement-consumer (Deployment), replicas 10–12 of 12: 0/4 nodes are available: '
        + '1 Insufficient cpu, 3 node(s) didn\'t match Pod\'s node affinity/selector.');
      expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Defects found writing the system above, each fixed in lib/.
describe('defects found by the payments platform', () => {
  function chart(): AppChart {
    return new AppChart(new Environment(new AppkitApp({ outdir: '/nonexistent' }), 'production'), 'payments', { version: '3.1.0' });
  }
  const IMAGE = 'ghcr.io/acme/payments-api:3.1.0';
  const RESOURCES = Resources.of({ cpu: '250m', memory: '256Mi' });

  test('Headroom (README: Headroom.perPool, Headroom.zone) is exported from the root and from cdk8s-appkit/capacity', () => {
    const capacity = require('../../lib/capacity-api');
    expect(capacity.Headroom).toBe(Headroom);
    expect(Headroom.zone().kind).toBe('zone');
  });

  test.each([
    ['scalingMetrics', { scalingMetrics: [ScalingMetric.external('kafka_consumergroup_lag', AutoscalingTarget.averageValue('100'))] },
      '[production/payments/consumer] scalingMetrics only applies to an autoscaled component: no HorizontalPodAutoscaler is created without maxReplicas, '
      + 'got ["External kafka_consumergroup_lag"]: set maxReplicas (and minReplicas) to autoscale, or remove it'],
    ['targetCpuUtilization', { targetCpuUtilization: 50 },
      '[production/payments/consumer] targetCpuUtilization only applies to an autoscaled component: no HorizontalPodAutoscaler is created without maxReplicas, '
      + 'got 50: set maxReplicas (and minReplicas) to autoscale, or remove it'],
    ['targetMemoryUtilization', { targetMemoryUtilization: 80 },
      '[production/payments/consumer] targetMemoryUtilization only applies to an autoscaled component: no HorizontalPodAutoscaler is created without maxReplicas, '
      + 'got 80: set maxReplicas (and minReplicas) to autoscale, or remove it'],
    ['behavior', { behavior: { scaleDown: { stabilizationWindow: Duration.minutes(5) } } },
      '[production/payments/consumer] behavior only applies to an autoscaled component: no HorizontalPodAutoscaler is created without maxReplicas, '
      + 'got ["scaleDown"]: set maxReplicas (and minReplicas) to autoscale, or remove it'],
  ])('fails on %s without maxReplicas (was dropped without a word)', (_name, props, message) => {
    expect(() => new Worker(chart(), 'consumer', { image: IMAGE, resources: RESOURCES, ...props })).toThrow(message);
  });

  test('an environment that pins replicas of an autoscaled component drops its autoscaling props on purpose', () => {
    const env = new Environment(new AppkitApp({ outdir: '/nonexistent' }), 'staging', { overrides: { consumer: { replicas: 1 } } });
    const worker = new Worker(new AppChart(env, 'payments', { version: '3.1.0' }), 'consumer', {
      image: IMAGE, resources: RESOURCES, maxReplicas: 5, scalingMetrics: [ScalingMetric.external('lag', AutoscalingTarget.averageValue('100'))],
    });
    expect(worker.autoscaler).toBeUndefined();
  });

  test('fails on a pathType that is no IngressPathType, naming pathType (was: "path is not a valid Ingress path" with the path\'s fix)', () => {
    expect(() => new WebService(chart(), 'api', {
      image: IMAGE, resources: RESOURCES, ingressHosts: [{ host: 'api.acme.example', paths: [{ path: '/v1', pathType: 'prefix' as IngressPathType }] }],
    })).toThrow('[production/payments/api] ingressHosts[0].paths[0].pathType must be one of "Exact", "ImplementationSpecific", "Prefix", got "prefix": '
      + 'use IngressPathType.PREFIX, IngressPathType.EXACT or IngressPathType.IMPLEMENTATION_SPECIFIC');
  });

  test.each([
    ['a crontab string', '30 2 * * 1-5', 'got "30 2 * * 1-5": use Cron.schedule({ minute: \'30\', hour: \'2\', weekDay: \'1-5\' }) from cdk8s'],
    ['every minute', '* * * * *', 'got "* * * * *": use Cron.everyMinute() from cdk8s'],
    ['a descriptor', '@daily', 'got "@daily": use e.g. Cron.schedule({ minute: \'0\', hour: \'3\' }) from cdk8s'],
  ])('fails on %s as schedule, showing it and the Cron to write (was: "got undefined")', (_name, schedule, end) => {
    expect(() => new ScheduledTask(chart(), 'reconcile', { image: IMAGE, resources: RESOURCES, schedule: schedule as unknown as Cron }))
      .toThrow(`[production/payments/reconcile] schedule must be a cdk8s Cron, ${end}`);
  });

  describe('the main port of a WebService or StatefulService: its name and appProtocol (was always "http", without appProtocol)', () => {
    function grpcChart(): AppChart {
      return new AppChart(Testing.app(), 'payments', { version: '3.1.0', isolatePods: true });
    }

    test('a gRPC WebService names its port "grpc" on the container, the Service, the ingress controller\'s rule and the ServiceMonitor', () => {
      const c = grpcChart();
      const ledger = new WebService(c, 'ledger', {
        image: IMAGE, resources: RESOURCES, port: 50051, portName: 'grpc', appProtocol: 'grpc', healthCheck: HealthCheck.grpc(),
        ingressHost: 'ledger.acme.example', metrics: Metrics.serviceMonitor({ port: 'grpc' }),
      });
      expect([ledger.portName, ledger.appProtocol]).toEqual(['grpc', 'grpc']);
      const manifests = Testing.synth(c);
      const of = (kind: string) => manifests.find((m) => m.kind === kind && m.metadata.name === 'payments-ledger')!;
      const container = of('Deployment').spec.template.spec.containers[0];
      expect([container.ports, container.readinessProbe.grpc]).toEqual([[{ containerPort: 50051, name: 'grpc', protocol: 'TCP' }], { port: 50051 }]);
      expect(of('Service').spec.ports).toEqual([{ appProtocol: 'grpc', name: 'grpc', port: 80, protocol: 'TCP', targetPort: 50051 }]);
      expect(of('Ingress').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'payments-ledger', port: { number: 80 } } });
      expect(of('NetworkPolicy').spec.ingress).toEqual([
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 'grpc', protocol: 'TCP' }] },
      ]);
      expect(of('ServiceMonitor').spec.endpoints).toEqual([{ path: '/metrics', port: 'grpc' }]);
    });

    test('without portName and appProtocol the names stay: "http" for a WebService, "tcp" for a StatefulService, no appProtocol', () => {
      const c = grpcChart();
      const web = new WebService(c, 'web', { image: IMAGE, resources: RESOURCES });
      const db = new StatefulService(c, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi' });
      expect([web.portName, web.appProtocol, db.portName, db.appProtocol]).toEqual(['http', undefined, 'tcp', undefined]);
      expect(Testing.synth(c).filter((m) => m.kind === 'Service').map((m) => m.spec.ports)).toEqual([
        [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }], [{ name: 'tcp', port: 5432, protocol: 'TCP', targetPort: 5432 }],
      ]);
    });

    test('a StatefulService publishes its appProtocol on the headless Service', () => {
      const c = grpcChart();
      new StatefulService(c, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, portName: 'postgres', appProtocol: 'postgresql', storageSize: '1Gi' });
      expect(Testing.synth(c).find((m) => m.kind === 'Service')!.spec.ports).toEqual([
        { appProtocol: 'postgresql', name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 5432 },
      ]);
    });

    // validateServicePort (1.27) checks appProtocol with ValidateQualifiedName only: these pass.
    test.each(['grpc', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'HTTP2', 'acme.example/my_proto-1'])('accepts appProtocol %s as the API server does', (appProtocol) => {
      const c = grpcChart();
      new WebService(c, 'ledger', { image: IMAGE, resources: RESOURCES, appProtocol });
      expect(Testing.synth(c).find((m) => m.kind === 'Service')!.spec.ports[0].appProtocol).toBe(appProtocol);
    });

    test.each([
      ['a WebService portName that is no IANA service name', () => new WebService(grpcChart(), 'ledger', { image: IMAGE, resources: RESOURCES, portName: 'gRPC' }),
        '[payments/ledger] portName must be an IANA service name (at most 15 lower-case letters, digits and single "-", with at least one letter), got "gRPC": use a name such as "http" or "postgres"'],
      ['a portName that ports reuses', () => new WebService(grpcChart(), 'ledger', { image: IMAGE, resources: RESOURCES, portName: 'grpc', ports: [{ name: 'grpc', port: 9090 }] }),
        '[payments/ledger] ports[0].name is already the name of the component\'s own port, got "grpc": give every port of the pod its own name'],
      ['a WebService appProtocol with a space', () => new WebService(grpcChart(), 'ledger', { image: IMAGE, resources: RESOURCES, appProtocol: 'http 2' }),
        '[payments/ledger] appProtocol must be a qualified name (name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')), got "http 2": use e.g. "http", "h2c" or "kubernetes.io/ws"'],
      ['a StatefulService appProtocol with two slashes', () => new StatefulService(grpcChart(), 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', appProtocol: 'a/b/c' }),
        '[payments/db] appProtocol must be a qualified name (a qualified name must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\') with an optional DNS subdomain prefix and \'/\' (e.g. \'example.com/MyName\')), got "a/b/c": use e.g. "http", "h2c" or "kubernetes.io/ws"'],
    ])('fails on %s', (_name, create, message) => {
      expect(create).toThrow(message);
    });
  });

  describe('a port a component does not have (was accepted: the rule or probe matched nothing)', () => {
    function isolated() {
      const app = Testing.app();
      const c = new AppChart(app, 'payments', { version: '3.1.0', isolatePods: true });
      const api = new WebService(c, 'api', { image: IMAGE, resources: RESOURCES, ports: [{ name: 'metrics', port: 9090, servicePort: 9091 }] });
      const worker = new Worker(c, 'worker', { image: IMAGE, resources: RESOURCES });
      return { c, api, worker };
    }

    test.each([
      ['its Service port 80', { port: 80 },
        '[payments/api] allowFrom port 80 is the Service port of payments-api (TCP), not a container port, and NetworkPolicy ports are the pods\' ports: use its container port 8080 or portName "http"'],
      ['the Service port 9091 of ports[0]', { port: 9091 },
        '[payments/api] allowFrom port 9091 is the Service port of payments-api (TCP), not a container port, and NetworkPolicy ports are the pods\' ports: use its container port 9090 or portName "metrics"'],
    ])('fails synth on allowFrom %s', (_name, options, message) => {
      const { c, api, worker } = isolated();
      api.allowFrom(Peer.component(worker), options);
      expect(() => Testing.synth(c)).toThrow(message);
    });

    test('accepts a container port by number or name, and a number no port declares (a container may listen undeclared)', () => {
      const { c, api, worker } = isolated();
      api.allowFrom(Peer.component(worker), { port: 8080 });
      api.allowFrom(Peer.component(worker), { port: 9090 });
      api.allowFrom(Peer.component(worker), { portName: 'metrics' });
      api.allowFrom(Peer.component(worker), { port: 7000 });
      // UDP 80 is not the Service's TCP port 80.
      api.allowFrom(Peer.component(worker), { port: 80, protocol: Protocol.UDP });
      const policy = Testing.synth(c).find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'payments-api')!;
      expect(policy.spec.ingress.map((r: Manifest) => r.ports[0])).toEqual([
        { port: 8080, protocol: 'TCP' }, { port: 9090, protocol: 'TCP' }, { port: 'metrics', protocol: 'TCP' },
        { port: 7000, protocol: 'TCP' }, { port: 80, protocol: 'UDP' },
      ]);
    });

    test('a headless Service whose port is the container port stays accepted by number', () => {
      const { c, worker } = isolated();
      const ledger = new WebService(c, 'ledger', { image: IMAGE, resources: RESOURCES, port: 50051, servicePort: 50051, headless: true });
      ledger.allowFrom(Peer.component(worker), { port: 50051 });
      expect(Testing.synth(c).find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'payments-ledger')!.spec.ingress[0].ports)
        .toEqual([{ port: 50051, protocol: 'TCP' }]);
    });

    test.each([
      ['healthCheck on the Service port', { healthCheck: HealthCheck.http('/healthz', { port: 80 }) },
        '[production/payments/api] healthCheck port is a Service port, not a container port (the kubelet probes the pod, not the Service), got 80: probe its container port 8080 ("http")'],
      ['a livenessProbe on the Service port of ports[0]', { ports: [{ name: 'metrics', port: 9090, servicePort: 9091 }], livenessProbe: HealthCheck.tcp({ port: 9091 }) },
        '[production/payments/api] livenessProbe port is a Service port, not a container port (the kubelet probes the pod, not the Service), got 9091: probe its container port 9090 ("metrics")'],
    ])('fails on a %s', (_name, props, message) => {
      expect(() => new WebService(chart(), 'api', { image: IMAGE, resources: RESOURCES, ...props })).toThrow(message);
    });

    test('a probe on a container port stays accepted, the component\'s own or one of ports', () => {
      const c = chart();
      new WebService(c, 'api', { image: IMAGE, resources: RESOURCES, port: 9000, healthCheck: HealthCheck.http('/healthz', { port: 9000 }) });
      new WebService(c, 'admin', { image: IMAGE, resources: RESOURCES, ports: [{ name: 'admin', port: 8081, servicePort: 81 }], healthCheck: HealthCheck.http('/healthz', { port: 8081 }) });
      expect(Testing.synth(c).filter((m) => m.kind === 'Deployment').map((m) => m.spec.template.spec.containers[0].readinessProbe.httpGet.port)).toEqual([9000, 8081]);
    });
  });

  describe('environment overrides of the Ingress TLS Secret and the version label', () => {
    function overridden(overrides: ComponentOverrides) {
      const env = new Environment(new AppkitApp({ outdir: '/nonexistent' }), 'staging', { overrides: { api: overrides } });
      return new AppChart(env, 'payments', { version: '3.1.0' });
    }
    const API = { image: IMAGE, resources: RESOURCES, ingressHost: 'pay.acme.example', ingressTlsSecretName: 'pay-acme-example-tls' };

    test('ingressTlsSecretName follows the overridden host when the environment sets it; the given name stays when it does not', () => {
      const tls = (overrides: ComponentOverrides) => {
        const c = overridden(overrides);
        new WebService(c, 'api', API);
        return Testing.synth(c).find((m) => m.kind === 'Ingress')!.spec.tls;
      };
      expect(tls({ ingressHost: 'pay.staging.acme.example', ingressTlsSecretName: 'pay-staging-acme-example-tls' }))
        .toEqual([{ hosts: ['pay.staging.acme.example'], secretName: 'pay-staging-acme-example-tls' }]);
      expect(tls({ ingressHost: 'pay.staging.acme.example' })).toEqual([{ hosts: ['pay.staging.acme.example'], secretName: 'pay-acme-example-tls' }]);
      expect(tls({ ingressTlsSecretName: 'pay-tls' })).toEqual([{ hosts: ['pay.acme.example'], secretName: 'pay-tls' }]);
    });

    test('the overridden TLS Secret, not the given one, is declared external for the reference guardrail', () => {
      const api = new WebService(overridden({ ingressTlsSecretName: 'pay-staging-tls' }), 'api', API);
      expect(['pay-staging-tls', 'pay-acme-example-tls'].map((n) => Guardrails.of(api).isExternal(ExternalKind.SECRET, n))).toEqual([true, false]);
    });

    test('an image override leaves the version label; a version override sets it on every object and the pods', () => {
      const labels = (overrides: ComponentOverrides) => {
        const c = overridden(overrides);
        new WebService(c, 'api', { image: IMAGE, resources: RESOURCES });
        const manifests = Testing.synth(c);
        const [deployment, service] = ['Deployment', 'Service'].map((kind) => manifests.find((m) => m.kind === kind)!);
        return [deployment.metadata.labels['app.kubernetes.io/version'], deployment.spec.template.metadata.labels['app.kubernetes.io/version'],
          service.metadata.labels['app.kubernetes.io/version']];
      };
      expect(labels({ image: 'ghcr.io/acme/payments-api:3.2.0' })).toEqual(['3.1.0', '3.1.0', '3.1.0']);
      expect(labels({ image: 'ghcr.io/acme/payments-api:3.2.0', version: '3.2.0' })).toEqual(['3.2.0', '3.2.0', '3.2.0']);
    });

    test.each([
      ['an ingressTlsSecretName override that is no Secret name', { ingressTlsSecretName: 'Pay_TLS' }, API,
        '[staging/payments/api] ingressTlsSecretName (override from environment "staging") must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", at most 253 characters), got "Pay_TLS": use the name of a TLS Secret, e.g. "shop-example-com-tls"'],
      ['an ingressTlsSecretName override without ingressHost', { ingressTlsSecretName: 'pay-tls' }, { image: IMAGE, resources: RESOURCES },
        '[staging/payments/api] ingressTlsSecretName (override from environment "staging") needs ingressHost, got "pay-tls": set ingressHost to create the Ingress, or remove this prop'],
      ['a version override that is no label value', { version: 'v3.2.0+build.1' }, API,
        '[staging/payments/api] version (override from environment "staging") must be a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit), got "v3.2.0+build.1": use a version like "1.8.2"'],
    ])('fails on %s', (_name, overrides, props, message) => {
      expect(() => new WebService(overridden(overrides), 'api', props)).toThrow(message);
    });

    test('fails on an ingressTlsSecretName override for a Worker', () => {
      expect(() => new Worker(overridden({ ingressTlsSecretName: 'pay-tls' }), 'api', { image: IMAGE, resources: RESOURCES })).toThrow(
        '[staging/payments/api] ingressTlsSecretName (override from environment "staging") does not apply to a Worker, got "pay-tls": remove it from the environment\'s overrides for "api"');
    });
  });
});
