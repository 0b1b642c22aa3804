import { Duration, Testing } from 'cdk8s';
import { Metrics, WebService, WebServiceProps } from '../../lib/app';
import { crdSchemaErrors } from './crd-schema';
import { RESOURCES, guardedShop, only, shopChart } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-api:1.8.2';

function api(props: Partial<WebServiceProps>, chart = shopChart()) {
  const service = new WebService(chart, 'api', { image: IMAGE, resources: RESOURCES, ...props });
  return { chart, service };
}

describe('Metrics.serviceMonitor', () => {
  test('a ServiceMonitor selecting the Service by its recommended labels and scraping a named port', () => {
    // GIVEN
    const { chart, service } = api({
      metrics: Metrics.serviceMonitor({ port: 'http', path: '/internal/metrics', interval: Duration.seconds(30), scrapeTimeout: Duration.seconds(10), labels: { release: 'prometheus' } }),
    });

    // WHEN
    const manifests = Testing.synth(chart);

    // THEN
    const monitor = only(manifests, 'ServiceMonitor');
    expect(monitor).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: {
        name: 'shop-api',
        namespace: 'shop',
        labels: {
          'app.kubernetes.io/component': 'api', 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/managed-by': 'cdk8s-appkit',
          'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/version': '1.8.2', 'release': 'prometheus',
        },
      },
      spec: {
        endpoints: [{ interval: '30s', path: '/internal/metrics', port: 'http', scrapeTimeout: '10s' }],
        selector: { matchLabels: { 'app.kubernetes.io/component': 'api', 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'shop' } },
      },
    });
    // the Service it selects carries those labels and the port name
    const svc = only(manifests, 'Service');
    expect(svc.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(svc.spec.ports.map((p: any) => p.name)).toContain('http');
    expect(service.serviceMonitor?.name).toBe('shop-api');
    // and it is valid against the CRD's schema
    expect(crdSchemaErrors(monitor, 'monitoring.coreos.com_servicemonitors.yaml')).toEqual([]);
  });

  test('defaults: port "metrics", path /metrics, Prometheus\' own interval', () => {
    const { service } = api({ metrics: Metrics.serviceMonitor() });
    const monitor = service.serviceMonitor!.toJson();
    expect(monitor.spec.endpoints).toEqual([{ path: '/metrics', port: 'metrics' }]);
  });

  test('the guardrails run over it with the app; a port the Service does not have fails synth', () => {
    const ok = guardedShop();
    api({ metrics: Metrics.serviceMonitor({ port: 'http' }) }, ok.chart);
    expect(ok.app.synthYaml()).toContain('kind: ServiceMonitor');

    const bad = guardedShop();
    api({ metrics: Metrics.serviceMonitor() }, bad.chart);
    expect(() => bad.app.synthYaml()).toThrow('[shop/api] metrics port "metrics" is not a named port of Service shop-api (ports: http): '
      + 'add a port named "metrics" to the component, or set Metrics.serviceMonitor({ port }) to one of its port names');
  });

  test.each<[string, Partial<WebServiceProps>, string]>([
    ['a port number as name', { metrics: Metrics.serviceMonitor({ port: '9090' }) },
      '[shop/api] metrics port is not a valid port name (must contain at least one letter (a-z)), got "9090": name the Service port, e.g. "metrics"'],
    ['a relative path', { metrics: Metrics.serviceMonitor({ path: 'metrics' }) },
      '[shop/api] metrics path must start with "/", got "metrics": use e.g. "/metrics"'],
    ['a timeout longer than the interval', { metrics: Metrics.serviceMonitor({ interval: Duration.seconds(15), scrapeTimeout: Duration.seconds(30) }) },
      '[shop/api] metrics scrapeTimeout must be at most the interval (15s), got "30s": shorten the timeout or lengthen the interval'],
    ['a sub-second interval', { metrics: Metrics.serviceMonitor({ interval: Duration.millis(500) }) },
      '[shop/api] metrics interval must be whole seconds, at least 1, got "0.5s": use e.g. Duration.seconds(30)'],
    ['a label overriding a recommended one', { metrics: Metrics.serviceMonitor({ labels: { 'app.kubernetes.io/name': 'x' } }) },
      '[shop/api] metrics labels "app.kubernetes.io/name" would override a recommended label that the app sets itself, got "x": use another key, e.g. "release"'],
  ])('fails on %s', (_, props, message) => {
    expect(() => api(props)).toThrow(message);
  });
});
