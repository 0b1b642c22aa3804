import { Duration } from 'cdk8s';
import { HealthCheck, WebService, WebServiceProps } from '../../lib/app';
import { Manifest, RESOURCES, kinds, only, podSpec, restrictedViolations, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-storefront:1.8.2';
const RFC1123 = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const HOST_FIX = 'use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address';
const PATH_FIX = 'use an absolute path such as "/" or "/api" without "//", "/./", "/../" or "%2f"';
const SELECTOR = {
  'app.kubernetes.io/component': 'storefront',
  'app.kubernetes.io/instance': 'shop',
  'app.kubernetes.io/name': 'shop',
};

function storefront(props: Partial<WebServiceProps> = {}, overrides?: Parameters<typeof shopChart>[1]) {
  const chart = shopChart({}, overrides);
  const service = new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ...props });
  return { chart, service, manifests: (): Manifest[] => synthValid(chart) };
}

describe('WebService', () => {
  test('public service with ingress, TLS, autoscaling and an HTTP health check', () => {
    // GIVEN / WHEN
    const { manifests } = storefront({
      ingressHost: 'shop.example.com',
      ingressTlsSecretName: 'shop-example-com-tls',
      ingressClassName: 'nginx',
      minReplicas: 3,
      maxReplicas: 10,
      targetCpuUtilization: 60,
      targetMemoryUtilization: 80,
      healthCheck: HealthCheck.http('/healthz'),
    });
    const all = manifests();

    // THEN
    expect(all).toMatchSnapshot();
    expect(kinds(all)).toEqual([
      'Namespace/shop', 'Deployment/shop-storefront', 'Service/shop-storefront', 'Ingress/shop-storefront',
      'HorizontalPodAutoscaler/shop-storefront', 'PodDisruptionBudget/shop-storefront',
    ]);
    const ingress = only(all, 'Ingress');
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{
        host: 'shop.example.com',
        http: { paths: [{ backend: { service: { name: 'shop-storefront', port: { number: 80 } } }, path: '/', pathType: 'Prefix' }] },
      }],
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-example-com-tls' }],
    });
    const hpa = only(all, 'HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop-storefront' });
    expect(hpa.spec.minReplicas).toBe(3);
    expect(hpa.spec.maxReplicas).toBe(10);
    expect(hpa.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
    ]);
    // the autoscaler owns the replica count
    expect(only(all, 'Deployment').spec.replicas).toBeUndefined();
    const probe = { failureThreshold: 3, httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1 };
    const container = podSpec(only(all, 'Deployment')).containers[0];
    expect(container.readinessProbe).toEqual(probe);
    // liveness is not readiness: a TCP connection, so a failing dependency behind /healthz never restarts pods
    expect(container.livenessProbe).toEqual({ failureThreshold: 3, tcpSocket: { port: 8080 }, periodSeconds: 10, timeoutSeconds: 1 });
    expect(container.startupProbe).toEqual({ ...probe, failureThreshold: 30 });
  });

  test('internal service: Deployment (2 replicas) + ClusterIP Service + PDB selected by the recommended labels', () => {
    // GIVEN / WHEN
    const { manifests, service } = storefront();
    const all = manifests();

    // THEN
    expect(kinds(all)).toEqual(['Namespace/shop', 'Deployment/shop-storefront', 'Service/shop-storefront', 'PodDisruptionBudget/shop-storefront']);
    expect(service.ingress).toBeUndefined();
    expect(service.autoscaler).toBeUndefined();
    const deployment = only(all, 'Deployment');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.selector).toEqual({ matchLabels: SELECTOR });
    expect(deployment.spec.template.metadata.labels).toMatchObject(SELECTOR);
    expect(JSON.stringify(deployment.spec.selector)).not.toContain('cdk8s.io');
    expect(only(all, 'Service').spec).toEqual({
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: SELECTOR,
      type: 'ClusterIP',
    });
    expect(only(all, 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: SELECTOR } });
    const spec = podSpec(deployment);
    expect(spec.containers[0].ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
    expect(spec.containers[0].readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(restrictedViolations(spec)).toEqual([]);
  });

  test('spreads replicas softly across nodes (and zones on request), never with required anti-affinity', () => {
    const spec = podSpec(only(storefront({ spreadAcrossZones: true }).manifests(), 'Deployment'));
    expect(spec.affinity).toBeUndefined();
    expect(spec.topologySpreadConstraints).toEqual([
      { labelSelector: { matchLabels: SELECTOR }, maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
      { labelSelector: { matchLabels: SELECTOR }, maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
    ]);
  });

  test('one replica gets no PodDisruptionBudget unless asked for', () => {
    expect(storefront({ replicas: 1 }).service.disruptionBudget).toBeUndefined();
    expect(storefront({ replicas: 1, podDisruptionBudget: true }).service.disruptionBudget).toBeDefined();
    expect(storefront({ replicas: 3, podDisruptionBudget: false }).service.disruptionBudget).toBeUndefined();
    // autoscaled from 1 to 3: it can run 2+ pods
    expect(storefront({ minReplicas: 1, maxReplicas: 3 }).service.disruptionBudget).toBeDefined();
  });

  test('ports, path and a TCP health check with custom timing', () => {
    const { manifests } = storefront({
      port: 3000,
      servicePort: 8080,
      ingressHost: 'shop.example.com',
      ingressPath: '/shop',
      healthCheck: HealthCheck.tcp({ period: Duration.seconds(5), startupTimeout: Duration.minutes(1) }),
    });
    const all = manifests();
    expect(only(all, 'Service').spec.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 3000 }]);
    expect(only(all, 'Ingress').spec.rules[0].http.paths[0]).toMatchObject({ path: '/shop', backend: { service: { port: { number: 8080 } } } });
    const container = podSpec(only(all, 'Deployment')).containers[0];
    expect(container.startupProbe).toEqual({ failureThreshold: 12, periodSeconds: 5, tcpSocket: { port: 3000 }, timeoutSeconds: 1 });
  });

  test('HealthCheck.none() leaves the container without probes', () => {
    const container = podSpec(only(storefront({ healthCheck: HealthCheck.none() }).manifests(), 'Deployment')).containers[0];
    expect(container.readinessProbe).toBeUndefined();
    expect(container.livenessProbe).toBeUndefined();
    expect(container.startupProbe).toBeUndefined();
  });

  test('environment overrides: replicas pin the count even when the base autoscales', () => {
    const { manifests, service } = storefront({ minReplicas: 2, maxReplicas: 8 }, { storefront: { replicas: 1, ingressHost: 'staging.example.com' } });
    const all = manifests();
    expect(only(all, 'Deployment').spec.replicas).toBe(1);
    expect(service.autoscaler).toBeUndefined();
    expect(service.ingressHost).toBe('staging.example.com');
    expect(only(all, 'Ingress').spec.rules[0].host).toBe('staging.example.com');
  });

  test('environment overrides: maxReplicas turns autoscaling on, starting from the base replicas', () => {
    const { manifests } = storefront({ replicas: 3 }, { storefront: { maxReplicas: 9 } });
    expect(only(manifests(), 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
  });

  test.each<[Partial<WebServiceProps>, Parameters<typeof shopChart>[1], string]>([
    [{ port: 70000 }, undefined, '[shop/storefront] port must be between 1 and 65535, got 70000: pick a valid TCP port'],
    [{ servicePort: 0 }, undefined, '[shop/storefront] servicePort must be between 1 and 65535, got 0: pick a valid TCP port'],
    [{ replicas: -1 }, undefined, '[shop/storefront] replicas must be an integer between 0 and 2147483647, got -1: use 0 or more replicas'],
    [{ replicas: 1.5 }, undefined, '[shop/storefront] replicas must be an integer between 0 and 2147483647, got 1.5: use 0 or more replicas'],
    [{ minReplicas: 5, maxReplicas: 3 }, undefined, '[shop/storefront] minReplicas must be at most maxReplicas (3), got 5: lower minReplicas or raise maxReplicas'],
    [{ maxReplicas: 0 }, undefined, '[shop/storefront] maxReplicas must be an integer between 1 and 2147483647, got 0: use 1 or more'],
    [{ replicas: 2, maxReplicas: 4 }, undefined, '[shop/storefront] replicas cannot be combined with maxReplicas: the autoscaler owns the replica count, got 2: set minReplicas instead'],
    [{ minReplicas: 2 }, undefined, '[shop/storefront] minReplicas only applies to an autoscaled component, got 2: set maxReplicas too, or use replicas'],
    [{ maxReplicas: 4, targetCpuUtilization: 0 }, undefined, '[shop/storefront] targetCpuUtilization must be an integer between 1 and 2147483647, got 0: use a percentage of the CPU request, e.g. 70'],
    [{}, { storefront: { replicas: -2 } }, '[production/shop/storefront] replicas (override from environment "production") must be an integer between 0 and 2147483647, got -2: use 0 or more replicas'],
    [{ maxReplicas: 4 }, { storefront: { minReplicas: 6 } }, '[production/shop/storefront] minReplicas (override from environment "production") must be at most maxReplicas (4), got 6: lower minReplicas or raise maxReplicas'],
    [{}, { storefront: { minReplicas: 2 } }, '[production/shop/storefront] minReplicas (override from environment "production") only applies to an autoscaled component, got 2: set maxReplicas too, or use replicas'],
    [{}, { storefront: { replicas: 2, maxReplicas: 4 } }, '[production/shop/storefront] replicas (override from environment "production") cannot be combined with a maxReplicas override, got 2: override either replicas (fixed count) or minReplicas/maxReplicas (autoscaled)'],
    [{ ingressHost: 'Shop.Example.com' }, undefined, `[shop/storefront] ingressHost is not a valid Ingress host (${RFC1123}), got "Shop.Example.com": ${HOST_FIX}`],
    [{}, { storefront: { ingressHost: 'shop_example.com' } }, `[production/shop/storefront] ingressHost (override from environment "production") is not a valid Ingress host (${RFC1123}), got "shop_example.com": ${HOST_FIX}`],
    [{ ingressHost: 'shop.example.com', ingressPath: 'shop' }, undefined, `[shop/storefront] ingressPath is not a valid Ingress path (must be an absolute path), got "shop": ${PATH_FIX}`],
    [{ ingressTlsSecretName: 'shop-tls' }, undefined, '[shop/storefront] ingressTlsSecretName needs ingressHost, got "shop-tls": set ingressHost to create the Ingress, or remove this prop'],
  ])('fails on props %j, overrides %j', (props, overrides, message) => {
    expect(() => storefront(props, overrides)).toThrow(message);
  });

  test.each<[string, HealthCheck, string]>([
    ['an HTTP path without a leading slash', HealthCheck.http('healthz'), '[shop/storefront] healthCheck path must start with "/", got "healthz": use e.g. HealthCheck.http(\'/healthz\')'],
    ['port 0', HealthCheck.tcp({ port: 0 }), '[shop/storefront] healthCheck port must be between 1 and 65535, got 0: pick a valid TCP port'],
    ['a startup timeout shorter than the period', HealthCheck.tcp({ period: Duration.seconds(30), startupTimeout: Duration.seconds(10) }),
      '[shop/storefront] healthCheck startupTimeout must be at least the period (30 seconds), got "10 seconds": raise startupTimeout'],
    ['failureThreshold -1', HealthCheck.tcp({ failureThreshold: -1 }), '[shop/storefront] healthCheck failureThreshold must be an integer between 0 and 2147483647, got -1: use 1 or more (0 means Kubernetes\' default, 3)'],
    ['an empty command', HealthCheck.command([]), '[shop/storefront] healthCheck command must not be empty, got []: use e.g. HealthCheck.command([\'pg_isready\'])'],
  ])('fails on a health check with %s', (_, healthCheck, message) => {
    expect(() => storefront({ healthCheck })).toThrow(message);
  });
});
