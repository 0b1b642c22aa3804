// Defects found by writing a realistic app as a new user would (issue #8's held-out check):
// each test pins what the YAML, the guardrails or the error says now.
import { Duration } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  IngressPathType, Metrics, Peer, StatefulService, WebService, Worker,
} from '../../lib/app';
import { RESOURCES, guardedShop, only, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-api:1.8.2';

describe('component labels and annotations', () => {
  test('reach every object of the component: Ingress, NetworkPolicy, ServiceMonitor and claims too; an object\'s own value wins', () => {
    // GIVEN
    const chart = shopChart({ annotations: { 'acme.example/owner': 'shop-team' } });
    const web = new WebService(chart, 'web', {
      image: IMAGE, resources: RESOURCES, ingressHost: 'shop.example.com',
      ingressAnnotations: { 'acme.example/doc': 'ingress-doc' },
      ports: [{ name: 'metrics', port: 9090 }], metrics: Metrics.serviceMonitor(),
      labels: { tier: 'frontend' }, annotations: { 'acme.example/doc': 'web', 'acme.example/owner': 'web-team' },
    });
    web.allowFrom(Peer.namespace('monitoring'), { portName: 'metrics' });

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    const ofWeb = manifests.filter((m) => m.metadata.labels?.['app.kubernetes.io/component'] === 'web');
    expect(ofWeb.map((m) => [m.kind, m.metadata.labels.tier, m.metadata.annotations['acme.example/doc'], m.metadata.annotations['acme.example/owner']])).toEqual([
      ['Deployment', 'frontend', 'web', 'web-team'],
      ['Service', 'frontend', 'web', 'web-team'],
      ['Ingress', 'frontend', 'ingress-doc', 'web-team'],
      ['ServiceMonitor', 'frontend', 'web', 'web-team'],
      ['PodDisruptionBudget', 'frontend', 'web', 'web-team'],
      ['NetworkPolicy', 'frontend', 'web', 'web-team'],
    ]);
    expect(only(manifests, 'Namespace').metadata.annotations).toEqual({ 'acme.example/owner': 'shop-team' });
  });

  test('AppkitApp.synthYaml (what the guardrails and the capacity check read) has them too', () => {
    const { app, chart } = guardedShop();
    const worker = new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES, labels: { tier: 'queue' } });
    worker.allowFrom(Peer.cidr('10.0.0.0/8'));
    const policy = parseAllDocuments(app.synthYaml()).map((d) => d.toJS()).find((m) => m.kind === 'NetworkPolicy');
    expect(policy.metadata.labels.tier).toEqual('queue');
  });
});

describe('StatefulService metrics', () => {
  test('writes a ServiceMonitor for a named port of the headless Service', () => {
    // GIVEN
    const chart = shopChart();
    const db = new StatefulService(chart, 'postgres', {
      image: 'docker.io/library/postgres:15.4', resources: RESOURCES, port: 5432, portName: 'postgres', storageSize: '10Gi',
      ports: [{ name: 'metrics', port: 9187 }],
      metrics: Metrics.serviceMonitor({ interval: Duration.seconds(30) }),
    });

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    expect(db.serviceMonitor).toBeDefined();
    expect(only(manifests, 'ServiceMonitor').spec).toEqual({
      endpoints: [{ interval: '30s', path: '/metrics', port: 'metrics' }],
      selector: { matchLabels: { 'app.kubernetes.io/component': 'postgres', 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'shop' } },
    });
  });

  test('a port the Service does not have fails synth', () => {
    const { app, chart } = guardedShop();
    new StatefulService(chart, 'postgres', {
      image: 'docker.io/library/postgres:15.4', resources: RESOURCES, port: 5432, storageSize: '10Gi', metrics: Metrics.serviceMonitor(),
    });
    expect(() => app.synthYaml()).toThrow('[shop/postgres] metrics port "metrics" is not a named port of Service shop-postgres (ports: tcp): '
      + 'add a port named "metrics" to the component, or set Metrics.serviceMonitor({ port }) to one of its port names');
  });
});

describe('Environment override ingressHosts', () => {
  const props = {
    image: IMAGE, resources: RESOURCES, ingressHost: 'shop.example.com',
    ingressHosts: [{ host: 'api.example.com', paths: [{ path: '/v1' }], tlsSecretName: 'api-tls' }],
  };

  test('replaces the component\'s ingressHosts (ingressHost stays)', () => {
    // GIVEN
    const chart = shopChart({}, { web: { ingressHosts: [{ host: 'api.staging.example.com', paths: [{ path: '/v1', pathType: IngressPathType.EXACT }] }] } });
    new WebService(chart, 'web', props);

    // WHEN
    const ingress = only(synthValid(chart), 'Ingress');

    // THEN
    expect(ingress.spec.rules.map((r: any) => [r.host, r.http.paths.map((p: any) => `${p.path} ${p.pathType}`)])).toEqual([
      ['shop.example.com', ['/ Prefix']],
      ['api.staging.example.com', ['/v1 Exact']],
    ]);
    expect(ingress.spec.tls).toBeUndefined();
  });

  test('an invalid host in the override names the override', () => {
    const chart = shopChart({}, { web: { ingressHosts: [{ host: '10.0.0.1' }] } });
    expect(() => new WebService(chart, 'web', props)).toThrow(
      '[production/shop/web] ingressHosts (override from environment "production")[0].host is not a valid Ingress host (must be a DNS name, not an IP address), got "10.0.0.1": '
      + 'use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address');
  });

  test('a Worker cannot take it', () => {
    const chart = shopChart({}, { worker: { ingressHosts: [{ host: 'a.example.com' }] } });
    expect(() => new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES })).toThrow(
      '[production/shop/worker] ingressHosts (override from environment "production") does not apply to a Worker, got [{"host":"a.example.com"}]: '
      + 'remove it from the environment\'s overrides for "worker"');
  });
});
