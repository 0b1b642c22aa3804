// Defects found by writing a realistic app as a new user would (issue #8's held-out check):
// each test pins what the YAML, the guardrails or the error says now.
import { Duration } from 'cdk8s';
import { Protocol } from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import {
  AppChart, AppkitApp, Environment, HealthCheck, IngressPathType, Metrics, Mount, Peer, Resources, SecretRef, StatefulService, WebService, Worker,
} from '../../lib/app';
import { CapacityCheck } from '../../lib/capacity/capacity-check';
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

describe('quantities are checked as the API server checks them, and written as given', () => {
  test('memory in decimal units (1G) or an exponent is accepted and written as given; Mi and Gi still render as Mi', () => {
    // GIVEN
    const chart = shopChart();
    new Worker(chart, 'worker', {
      image: IMAGE, resources: Resources.of({ cpu: '250m', memory: '1G', memoryLimit: '1.5e9' }),
      sidecars: [{ name: 'proxy', image: IMAGE, resources: Resources.of({ cpu: '50m', memory: '64Mi', memoryLimit: '100M' }) }],
    });

    // WHEN
    const containers = only(synthValid(chart), 'Deployment').spec.template.spec.containers;

    // THEN
    expect(containers.map((c: any) => c.resources)).toEqual([
      { limits: { memory: '1.5e9' }, requests: { cpu: '250m', memory: '1G' } },
      { limits: { memory: '100M' }, requests: { cpu: '50m', memory: '64Mi' } },
    ]);
  });

  test('the capacity check counts the memory as written (1G = 953.7Mi)', () => {
    const { app, chart } = guardedShop();
    new Worker(chart, 'worker', { image: IMAGE, resources: Resources.of({ cpu: '250m', memory: '1G' }), replicas: 3 });
    new CapacityCheck(app, 'capacity', { nodePools: [{ name: 'general', count: 1, allocatable: { cpu: '4', memory: '2G' } }] });
    expect(() => app.synthYaml()).toThrow('[capacity] shop/shop-worker (Deployment, replica 3 of 3): 0/1 nodes are available: 1 Insufficient memory.');
  });

  test('a memory limit below the request compares quantities, not their spelling', () => {
    expect(() => new Worker(shopChart(), 'worker', { image: IMAGE, resources: Resources.of({ cpu: '250m', memory: '1Gi', memoryLimit: '1G' }) })).toThrow(
      '[shop/worker] resources.memoryLimit must be at least the memory request (1Gi), got "1G": raise the limit or lower the request');
  });

  test('claim sizes and emptyDir limits are any positive quantity; a new claim of 500Mi no longer fails inside cdk8s-plus', () => {
    // GIVEN
    const chart = shopChart();
    new Worker(chart, 'worker', {
      image: IMAGE, resources: RESOURCES,
      mounts: [
        Mount.newClaim('spool', '/spool', { size: '500Mi' }), Mount.newClaim('big', '/big', { size: '1.5Gi' }),
        Mount.emptyDir('cache', '/cache', { sizeLimit: '500M' }), Mount.emptyDir('scratch', '/scratch', { sizeLimit: '1Gi' }),
      ],
    });
    new StatefulService(chart, 'db', {
      image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '10G', additionalClaims: [{ name: 'wal', mountPath: '/wal', size: '1.5Gi' }],
    });

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    expect(manifests.filter((m) => m.kind === 'PersistentVolumeClaim').map((m) => [m.metadata.name, m.spec.resources])).toEqual([
      ['shop-worker-spool', { requests: { storage: '500Mi' } }],
      ['shop-worker-big', { requests: { storage: '1.5Gi' } }],
    ]);
    expect(only(manifests, 'Deployment').spec.template.spec.volumes.filter((v: any) => v.emptyDir?.sizeLimit)).toEqual([
      { emptyDir: { sizeLimit: '500M' }, name: 'cache' },
      { emptyDir: { sizeLimit: '1024Mi' }, name: 'scratch' },
    ]);
    expect(only(manifests, 'StatefulSet').spec.volumeClaimTemplates.map((t: any) => t.spec.resources.requests.storage)).toEqual(['10G', '1.5Gi']);
  });

  test.each([
    ['a memory that is no quantity', () => new Worker(shopChart(), 'w', { image: IMAGE, resources: Resources.of({ cpu: '1', memory: '1GB' }) }),
      '[shop/w] resources.memory must be a memory quantity of 0 or more, got "1GB": write e.g. "256Mi", "2Gi" or "1G"'],
    ['a negative memory', () => new Worker(shopChart(), 'w', { image: IMAGE, resources: Resources.of({ cpu: '1', memory: '-1Gi' }) }),
      '[shop/w] resources.memory must be a memory quantity of 0 or more, got "-1Gi": write e.g. "256Mi", "2Gi" or "1G"'],
    ['a claim size that is no quantity', () => new Worker(shopChart(), 'w', { image: IMAGE, resources: RESOURCES, mounts: [Mount.newClaim('c', '/c', { size: '5 GB' })] }),
      '[shop/w] mounts[0] size must be a positive quantity, got "5 GB": write e.g. "20Gi"'],
    ['an additional claim of 0', () => new StatefulService(shopChart(), 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', additionalClaims: [{ name: 'wal', mountPath: '/wal', size: '0' }] }),
      '[shop/db] additionalClaims[0].size must be a positive quantity, got "0": write e.g. "10Gi"'],
  ])('fails on %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('port numbers', () => {
  test('one number in two containers, or as TCP and UDP, is valid', () => {
    const chart = shopChart();
    new WebService(chart, 'web', {
      image: IMAGE, resources: RESOURCES,
      ports: [{ name: 'dns-tcp', port: 5353 }, { name: 'dns-udp', port: 5353, protocol: Protocol.UDP }],
      sidecars: [{ name: 'proxy', image: IMAGE, resources: RESOURCES, ports: [{ name: 'proxy', port: 8080, servicePort: 8081 }] }],
    });
    expect(only(synthValid(chart), 'Service').spec.ports.map((p: any) => `${p.name} ${p.port}/${p.protocol} → ${p.targetPort}`)).toEqual([
      'http 80/TCP → 8080', 'dns-tcp 5353/TCP → 5353', 'dns-udp 5353/UDP → 5353', 'proxy 8081/TCP → 8080',
    ]);
  });

  test.each([
    ['the main port number again (cdk8s-plus threw "Port with number 8080 and protocol TCP already exists")',
      () => new WebService(shopChart(), 'web', { image: IMAGE, resources: RESOURCES, ports: [{ name: 'metrics', port: 8080 }] }),
      '[shop/web] ports[0].port is already the number of the component\'s own port in the same container (TCP), got 8080: give every port of a container its own number, or use one port'],
    ['a sidecar port twice',
      () => new Worker(shopChart(), 'worker', { image: IMAGE, resources: RESOURCES, sidecars: [{ name: 'proxy', image: IMAGE, resources: RESOURCES, ports: [{ name: 'a', port: 9000 }, { name: 'b', port: 9000 }] }] }),
      '[shop/worker] sidecars[0].ports[1].port is already the number of sidecars[0].ports[0] in the same container (TCP), got 9000: give every port of a container its own number, or use one port'],
    ['the Service port of the main port',
      () => new WebService(shopChart(), 'web', { image: IMAGE, resources: RESOURCES, ports: [{ name: 'metrics', port: 9090, servicePort: 80 }] }),
      '[shop/web] ports[0].servicePort is already the Service port of the component\'s own port (TCP): every port is published on the Service, got 80: give the port another number, or set servicePort to a free one'],
    ['a sidecar port equal to a StatefulService port',
      () => new StatefulService(shopChart(), 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', sidecars: [{ name: 'pgbouncer', image: IMAGE, resources: RESOURCES, ports: [{ name: 'pgb', port: 5432 }] }] }),
      '[shop/db] sidecars[0].ports[0].port is already the Service port of the component\'s own port (TCP): every port is published on the Service, got 5432: give the port another number, or set servicePort to a free one'],
  ])('fails on %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('environment overrides in messages', () => {
  test('an env override that clashes with secretEnv names the override', () => {
    const chart = shopChart({}, { worker: { env: { PASSWORD: 'x' } } });
    expect(() => new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES, secretEnv: { PASSWORD: SecretRef.of('shop-db', 'password') } })).toThrow(
      '[production/shop/worker] secretEnv name is already set in env (override from environment "production"), got "PASSWORD": '
      + 'set each variable once, in env (override from environment "production") or in secretEnv');
  });

  test('a bad variable name from the override names the override', () => {
    const chart = shopChart({}, { worker: { env: { '1BAD': 'x' } } });
    expect(() => new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES })).toThrow(
      '[production/shop/worker] env (override from environment "production") name "1BAD" must be a valid environment variable name');
  });
});

describe('probe successThreshold', () => {
  test('goes on the readiness probe and on explicit probes as given; derived liveness and startup probes leave it out', () => {
    // GIVEN
    const chart = shopChart();
    new WebService(chart, 'web', { image: IMAGE, resources: RESOURCES, healthCheck: HealthCheck.http('/ready', { successThreshold: 2 }) });
    new WebService(chart, 'api', { image: IMAGE, resources: RESOURCES, readinessProbe: HealthCheck.grpc(8080, undefined, { successThreshold: 3 }), livenessProbe: HealthCheck.tcp({ successThreshold: 1 }) });

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    const [web] = only(manifests, 'Deployment', 'shop-web').spec.template.spec.containers;
    expect([web.readinessProbe.successThreshold, web.livenessProbe.successThreshold, web.startupProbe.successThreshold]).toEqual([2, undefined, undefined]);
    const [api] = only(manifests, 'Deployment', 'shop-api').spec.template.spec.containers;
    expect(api.readinessProbe).toEqual({ failureThreshold: 3, grpc: { port: 8080 }, periodSeconds: 10, successThreshold: 3, timeoutSeconds: 1 });
    expect(api.livenessProbe.successThreshold).toBe(1);
  });

  test.each([
    ['a liveness probe with 2', { livenessProbe: HealthCheck.tcp({ successThreshold: 2 }) },
      '[shop/web] livenessProbe successThreshold must be 1 for a liveness probe (the API server requires it), got 2: leave successThreshold out, or set it on the readinessProbe'],
    ['a startup probe with 2', { startupProbe: HealthCheck.http('/h', { successThreshold: 2 }) },
      '[shop/web] startupProbe successThreshold must be 1 for a startup probe (the API server requires it), got 2: leave successThreshold out, or set it on the readinessProbe'],
    ['a fraction', { healthCheck: HealthCheck.http('/h', { successThreshold: 1.5 }) },
      '[shop/web] healthCheck successThreshold must be an integer between 0 and 2147483647, got 1.5: use 1 or more (0 means Kubernetes\' default, 1)'],
  ])('fails on %s', (_name, props, message) => {
    expect(() => new WebService(shopChart(), 'web', { image: IMAGE, resources: RESOURCES, ...props })).toThrow(message);
  });
});

describe('an id used twice', () => {
  test.each([
    ['an AppChart', () => { const app = new AppkitApp({ outdir: '/nonexistent' }); const env = new Environment(app, 'production'); new AppChart(env, 'shop', { version: '1' }); new AppChart(env, 'shop', { version: '1' }); },
      '[production/shop] id is already used by AppChart production/shop, got "shop": give each AppChart its own id'],
    ['a component', () => { const chart = shopChart(); new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES }); new WebService(chart, 'worker', { image: IMAGE, resources: RESOURCES }); },
      '[shop/worker] id is already used by Worker shop/worker, got "worker": give each WebService its own id'],
    ['an Environment', () => { const app = new AppkitApp({ outdir: '/nonexistent' }); new Environment(app, 'production'); new Environment(app, 'production'); },
      '[production] id is already used by Environment production, got "production": give each Environment its own id'],
  ])('%s gets one sentence, not constructs\' "There is already a Construct with name"', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('allowFrom a component of another environment', () => {
  test('fails instead of writing a rule that selects no pod of this cluster', () => {
    const app = new AppkitApp({ outdir: '/nonexistent' });
    const staging = new AppChart(new Environment(app, 'staging'), 'shop', { version: '1' });
    const production = new AppChart(new Environment(app, 'production'), 'shop', { version: '1' });
    const stagingWorker = new Worker(staging, 'worker', { image: IMAGE, resources: RESOURCES });
    const api = new WebService(production, 'api', { image: IMAGE, resources: RESOURCES });
    expect(() => api.allowFrom(Peer.component(stagingWorker))).toThrow(
      '[production/shop/api] allowFrom(component) component is in environment "staging", not in environment "production" like production/shop/api, '
      + 'got "staging/shop/worker": pass the calling component of the same environment (create both in each environment)');
  });
});

describe('resources override with a decimal memory', () => {
  test('is written as given in the main container', () => {
    const chart = shopChart({}, { worker: { resources: Resources.of({ cpu: '1', memory: '2G', memoryLimit: '2G' }) } });
    new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES });
    expect(only(synthValid(chart), 'Deployment').spec.template.spec.containers[0].resources).toEqual({
      limits: { memory: '2G' }, requests: { cpu: '1', memory: '2G' },
    });
  });
});

describe('sidecar and init container mounts', () => {
  test('a name of the component\'s mounts shares the volume; a new name adds one', () => {
    // GIVEN
    const chart = shopChart();
    new Worker(chart, 'worker', {
      image: IMAGE, resources: RESOURCES,
      mounts: [Mount.emptyDir('logs', '/var/log/app', { sizeLimit: '1Gi' })],
      sidecars: [{ name: 'shipper', image: IMAGE, resources: RESOURCES, mounts: [Mount.emptyDir('logs', '/logs', { readOnly: true }), Mount.secret('shipper-creds', '/etc/shipper', 'log-shipper')] }],
      initContainers: [{ name: 'fetch', image: IMAGE, resources: RESOURCES, mounts: [Mount.emptyDir('logs', '/seed')] }],
    });

    // WHEN
    const spec = only(synthValid(chart), 'Deployment').spec.template.spec;

    // THEN
    expect(spec.volumes).toEqual([
      { emptyDir: {}, name: 'tmp' },
      { emptyDir: { sizeLimit: '1024Mi' }, name: 'logs' },
      { name: 'shipper-creds', secret: { secretName: 'log-shipper' } },
    ]);
    expect([...spec.containers, ...spec.initContainers].map((c: any) => [c.name, c.volumeMounts])).toEqual([
      ['worker', [{ mountPath: '/tmp', name: 'tmp' }, { mountPath: '/var/log/app', name: 'logs' }]],
      ['shipper', [{ mountPath: '/tmp', name: 'tmp' }, { mountPath: '/logs', name: 'logs', readOnly: true }, { mountPath: '/etc/shipper', name: 'shipper-creds', readOnly: true }]],
      ['fetch', [{ mountPath: '/tmp', name: 'tmp' }, { mountPath: '/seed', name: 'logs' }]],
    ]);
  });

  test('the guardrails know the sidecar\'s Secret is external', () => {
    const { app, chart } = guardedShop();
    new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES, sidecars: [{ name: 'shipper', image: IMAGE, resources: RESOURCES, mounts: [Mount.secret('creds', '/etc/creds', 'log-shipper')] }] });
    expect(() => app.synthYaml()).not.toThrow();
  });

  test.each([
    ['another kind under a shared name', [Mount.emptyDir('logs', '/logs')], [Mount.secret('logs', '/logs', 'x')],
      '[shop/worker] sidecars[0].mounts[0] name is already the name of a volume of the pod, got "logs": use the same kind and source to share it (emptyDir), or another name'],
    ['another size for a shared volume', [Mount.emptyDir('logs', '/logs', { sizeLimit: '1Gi' })], [Mount.emptyDir('logs', '/logs', { sizeLimit: '2Gi' })],
      '[shop/worker] sidecars[0].mounts[0] sizeLimit differs from the volume "logs" it shares ("1Gi"), got "2Gi": leave sizeLimit out here: the volume is defined by its first mount'],
    ['a reserved name', [], [Mount.emptyDir('tmp', '/scratch')],
      '[shop/worker] sidecars[0].mounts[0] name is already the name of a volume of the pod, got "tmp": give every volume its own name ("tmp", "config-files" are taken)'],
    ['/tmp again', [], [Mount.emptyDir('scratch', '/tmp')],
      '[shop/worker] sidecars[0].mounts[0] path is already a mount path of the container, got "/tmp": mount each volume at its own path'],
    ['one name twice in the sidecar', [], [Mount.emptyDir('a', '/a'), Mount.emptyDir('a', '/b')],
      '[shop/worker] sidecars[0].mounts[1] name is already the name of a volume of the pod, got "a": give every volume its own name ("tmp", "config-files", "a" are taken)'],
  ])('fails on %s', (_name, mounts, sidecarMounts, message) => {
    expect(() => new Worker(shopChart(), 'worker', {
      image: IMAGE, resources: RESOURCES, mounts, sidecars: [{ name: 'shipper', image: IMAGE, resources: RESOURCES, mounts: sidecarMounts }],
    })).toThrow(message);
  });
});
