import { ApiObject, Testing } from 'cdk8s';
import { AppChart, Peer, SecretRef, WebService, Worker } from '../../lib/app';
import { RESOURCES, guardedShop, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-api:1.8.2';

function build(chart: AppChart) {
  const api = new WebService(chart, 'api', {
    image: IMAGE, resources: RESOURCES, ingressHost: 'api.example.com', maxReplicas: 4, config: { A: '1' },
    ingressAnnotations: { 'acme.example/owner': 'edge-team' },
    secretEnv: { KEY: SecretRef.fromExternalSecret('shop-payment', 'key', { storeName: 'vault', remoteKey: 'shop/payment' }) },
  });
  const worker = new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES });
  api.allowFrom(Peer.component(worker));
}

describe('AppChart labels and annotations', () => {
  test('reach every object (and the pods); an object\'s own annotation wins; recommended labels stay', () => {
    // GIVEN
    const chart = shopChart({
      isolatePods: true,
      labels: { 'team': 'checkout', 'acme.example/cost-center': 'cc-42' },
      annotations: { 'acme.example/owner': 'shop-team', 'acme.example/runbook': 'https://runbooks.acme.example/shop' },
    });
    build(chart);

    // WHEN
    const manifests = synthValid(chart);

    // THEN every object carries both
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Namespace/shop', 'NetworkPolicy/shop-default-deny-ingress', 'ConfigMap/shop-api-config', 'ExternalSecret/shop-payment', 'Deployment/shop-api',
      'Service/shop-api', 'Ingress/shop-api', 'NetworkPolicy/shop-api', 'HorizontalPodAutoscaler/shop-api', 'PodDisruptionBudget/shop-api', 'Deployment/shop-worker',
    ]);
    for (const m of manifests) {
      expect([m.kind, m.metadata.labels]).toEqual([m.kind, expect.objectContaining({ 'team': 'checkout', 'acme.example/cost-center': 'cc-42', 'app.kubernetes.io/name': 'shop' })]);
      expect([m.kind, m.metadata.annotations]).toEqual([m.kind, expect.objectContaining({
        'acme.example/owner': m.kind === 'Ingress' ? 'edge-team' : 'shop-team', 'acme.example/runbook': 'https://runbooks.acme.example/shop',
      })]);
    }
    const deployment = manifests.find((m) => m.kind === 'Deployment')!;
    expect(deployment.metadata.labels['app.kubernetes.io/component']).toBe('api');
    expect(deployment.spec.template.metadata.labels).toMatchObject({ 'team': 'checkout', 'app.kubernetes.io/component': 'api' });
    // selectors stay the recommended labels only
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/component': 'api', 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'shop' });
  });

  test('the guardrails and the written YAML see the annotations (also on escape-hatch objects)', () => {
    const { app, chart } = guardedShop({ annotations: { 'acme.example/owner': 'shop-team' }, labels: { team: 'checkout' } });
    build(chart);
    new ApiObject(chart, 'Extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop-extra' }, data: { a: 'b' } });
    // (the YAML is written from the same memoized manifests the guardrails and the capacity check read)
    const docs = app.synthYaml().split('\n---\n');
    expect(docs.length).toBe(11);
    for (const doc of docs) {
      expect(doc).toContain('acme.example/owner: ');
      expect(doc).toContain('team: checkout');
    }
  });

  test('Testing.synth twice gives the same output', () => {
    const chart = shopChart({ annotations: { 'acme.example/owner': 'shop-team' } });
    build(chart);
    expect(Testing.synth(chart)).toEqual(Testing.synth(chart));
  });

  test.each<[string, object, string]>([
    ['a label overriding a recommended one', { labels: { 'app.kubernetes.io/version': '2.0.0' } },
      '[shop] labels "app.kubernetes.io/version" would override a recommended label that the app sets itself, got "2.0.0": remove it: set name, version, partOf or instance on the AppChart (or version on a component) instead, or use another key such as "acme.example/version"'],
    ['a label value with a space', { labels: { team: 'check out' } },
      '[shop] labels "team" is not a valid label value (a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')), got "check out": use at most 63 letters, digits, "-", "_" or "."'],
    ['a label key with two slashes', { labels: { 'a/b/c': 'x' } },
      '[shop] labels key is not a valid label key (a qualified name must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\') with an optional DNS subdomain prefix and \'/\' (e.g. \'example.com/MyName\')), got "a/b/c": use a key like "team" or "acme.example/cost-center"'],
    ['an annotation key with a space', { annotations: { 'run book': 'x' } },
      '[shop] annotations key is not a valid annotation key (name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')), got "run book": use a key like "acme.example/owner"'],
    ['annotations over 256 KiB', { annotations: { big: 'x'.repeat(262142) } },
      '[shop] annotations must have at most 262144 bytes in total, got "262145 bytes": shorten the annotations'],
  ])('fails on %s', (_, props, message) => {
    expect(() => shopChart(props)).toThrow(message);
  });
});
