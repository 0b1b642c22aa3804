import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cron, Duration, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppChart, Resources, ScheduledTask, SecretRef, StatefulService, WebService, WebServiceProps, Worker, WorkerProps,
} from '../../lib/app';
import { Manifest, RESOURCES, only, podSpec, podTemplate, restrictedViolations, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-worker:2.0.1';

function worker(props: Partial<WorkerProps> = {}, chart: AppChart = shopChart()): { chart: AppChart; worker: Worker } {
  const w = new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES, ...props });
  return { chart, worker: w };
}

function deployment(chart: AppChart): Manifest {
  return only(synthValid(chart), 'Deployment');
}

describe('Component (shared by every component)', () => {
  test('pods get the restricted Pod Security Standard defaults', () => {
    // GIVEN / WHEN
    const { chart } = worker();
    const manifests = synthValid(chart);

    // THEN
    expect(manifests).toMatchSnapshot();
    const spec = podSpec(only(manifests, 'Deployment'));
    expect(restrictedViolations(spec)).toEqual([]);
    expect(spec.securityContext).toEqual({
      fsGroupChangePolicy: 'Always', runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
    });
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.serviceAccountName).toBeUndefined();
  });

  test('a read-only root filesystem comes with a writable emptyDir at /tmp', () => {
    const spec = podSpec(deployment(worker().chart));
    expect(spec.containers[0].volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(spec.volumes).toEqual([{ emptyDir: {}, name: 'tmp' }]);
  });

  test('readOnlyRootFilesystem: false opts out, and drops the /tmp volume', () => {
    const spec = podSpec(deployment(worker({ readOnlyRootFilesystem: false }).chart));
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(spec.containers[0].volumeMounts).toBeUndefined();
    expect(spec.volumes).toBeUndefined();
    expect(restrictedViolations(spec)).toEqual([]);
  });

  test('resources are the requests and limits given, never the cdk8s-plus 1 CPU default', () => {
    const { chart } = worker({ resources: Resources.of({ cpu: '0.5', memory: '1Gi', cpuLimit: '1500m', memoryLimit: '1Gi' }) });
    expect(podSpec(deployment(chart)).containers[0].resources).toEqual({
      requests: { cpu: '500m', memory: '1024Mi' },
      limits: { cpu: '1500m', memory: '1024Mi' },
    });
  });

  test('service account: the named one, with its token mounted unless told otherwise', () => {
    const withAccount = podSpec(deployment(worker({ serviceAccountName: 'shop-worker' }).chart));
    expect(withAccount.serviceAccountName).toBe('shop-worker');
    expect(withAccount.automountServiceAccountToken).toBe(true);

    const noToken = podSpec(deployment(worker({ serviceAccountName: 'shop-worker', automountServiceAccountToken: false }).chart));
    expect(noToken.automountServiceAccountToken).toBe(false);
  });

  test('runAsUser, runAsGroup and fsGroup go to the pod security context', () => {
    const spec = podSpec(deployment(worker({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 2000 }).chart));
    expect(spec.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 2000, runAsNonRoot: true });
  });

  test('env, secretEnv and config become container environment; secrets only by reference', () => {
    // GIVEN
    const { chart } = worker({
      env: { LOG_LEVEL: 'info' },
      secretEnv: { DB_PASSWORD: SecretRef.of('shop-db', 'password'), DB_USER: SecretRef.of('shop-db', 'username') },
      config: { QUEUE: 'orders' },
      command: ['/app/worker'],
      args: ['--queue', 'orders'],
    });

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    const container = podSpec(only(manifests, 'Deployment')).containers[0];
    expect(container.env).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } } },
      { name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'username' } } },
    ]);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'shop-worker-config' } }]);
    expect(container.command).toEqual(['/app/worker']);
    expect(container.args).toEqual(['--queue', 'orders']);
    expect(only(manifests, 'ConfigMap', 'shop-worker-config').data).toEqual({ QUEUE: 'orders' });
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  test('config files are mounted read-only from a ConfigMap', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-config-'));
    fs.writeFileSync(path.join(dir, 'worker.yaml'), 'concurrency: 4\n');

    // WHEN
    const manifests = synthValid(worker({ configFiles: [path.join(dir, 'worker.yaml')] }).chart);

    // THEN
    expect(only(manifests, 'ConfigMap', 'shop-worker-files').data).toEqual({ 'worker.yaml': 'concurrency: 4\n' });
    const spec = podSpec(only(manifests, 'Deployment'));
    expect(spec.containers[0].volumeMounts).toContainEqual({ mountPath: '/etc/worker', name: 'config-files', readOnly: true });
    expect(spec.volumes).toContainEqual({ configMap: { name: 'shop-worker-files' }, name: 'config-files' });
    fs.rmSync(dir, { recursive: true });
  });

  describe('checksum/config', () => {
    const checksum = (props: Partial<WorkerProps>, edit?: (w: Worker) => void): string | undefined => {
      const { chart, worker: w } = worker(props);
      edit?.(w);
      return podTemplate(deployment(chart)).metadata.annotations?.['checksum/config'];
    };

    test('is the sha256 of the ConfigMap name and sorted data', () => {
      const expected = createHash('sha256')
        .update(`${JSON.stringify(['shop-worker-config', [['A', '1'], ['B', '2']], []])}\n`).digest('hex');
      expect(checksum({ config: { B: '2', A: '1' } })).toBe(expected);
    });

    test('does not depend on key order', () => {
      expect(checksum({ config: { A: '1', B: '2' } })).toBe(checksum({ config: { B: '2', A: '1' } }));
    });

    test('changes when a value changes, so the pods roll', () => {
      expect(checksum({ config: { A: '1' } })).not.toBe(checksum({ config: { A: '2' } }));
    });

    test('counts data added after construction', () => {
      const before = checksum({ config: { A: '1' } });
      expect(checksum({ config: { A: '1' } }, (w) => w.configMap!.addData('B', '2'))).not.toBe(before);
    });

    test('is absent without config', () => {
      expect(checksum({})).toBeUndefined();
    });
  });

  test('moving a component in the construct tree changes no name, selector or byte of output', () => {
    // GIVEN the same components at the top of the app and two levels down
    const build = (nest: boolean) => {
      const chart = shopChart();
      const scope = nest ? new Construct(new Construct(chart, 'backend'), 'team-a') : chart;
      new Worker(scope, 'worker', { image: IMAGE, resources: RESOURCES, replicas: 2, config: { A: '1' } });
      new WebService(scope, 'api', { image: IMAGE, resources: RESOURCES, ingressHost: 'api.example.com', maxReplicas: 4 });
      new ScheduledTask(scope, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily() });
      new StatefulService(scope, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', replicas: 2 });
      return synthValid(chart);
    };

    // WHEN
    const top = build(false);
    const nested = build(true);

    // THEN
    expect(nested).toEqual(top);
    const deployment = only(top, 'Deployment', 'shop-api');
    expect(deployment.spec.selector).toEqual({
      matchLabels: { 'app.kubernetes.io/component': 'api', 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'shop' },
    });
    expect(top.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Namespace/shop', 'ConfigMap/shop-worker-config', 'Deployment/shop-worker', 'PodDisruptionBudget/shop-worker',
      'Deployment/shop-api', 'Service/shop-api', 'Ingress/shop-api', 'HorizontalPodAutoscaler/shop-api',
      'PodDisruptionBudget/shop-api', 'CronJob/shop-report', 'Service/shop-db', 'StatefulSet/shop-db', 'PodDisruptionBudget/shop-db',
    ]);
    expect(deployment.spec.template.metadata.labels['cdk8s.io/metadata.addr']).toBe('shop-api');
  });

  test('name overrides the construct id', () => {
    const chart = shopChart();
    const w = new Worker(chart, 'Consumer', { name: 'orders', image: IMAGE, resources: RESOURCES });
    expect(w.resourceName).toBe('shop-orders');
    expect(only(synthValid(chart), 'Deployment').metadata.name).toBe('shop-orders');
  });

  test('fails when resources are missing, instead of defaulting to 1 CPU', () => {
    expect(() => worker({ resources: undefined }))
      .toThrow('[shop/worker] resources is required, got undefined: state CPU and memory requests, e.g. resources: Resources.of({ cpu: \'250m\', memory: \'256Mi\' }) or Resources.preset(ResourcePreset.SMALL)');
  });

  test.each<[Partial<WebServiceProps>, string]>([
    [{ image: 'ghcr.io/acme/shop-worker' }, '[shop/worker] image must be pinned to a tag or digest, got "ghcr.io/acme/shop-worker": add a version tag, e.g. "ghcr.io/acme/shop-worker:1.0.0"'],
    [{ image: 'localhost:5000/worker:latest' }, '[shop/worker] image must not use the moving tag "latest", got "localhost:5000/worker:latest": pin a version tag, e.g. "localhost:5000/worker:1.0.0"'],
    [{ name: 'Orders_Worker' }, '[shop/worker] name must be a DNS-1035 label (lower-case letters, digits and "-", starting with a letter and ending with a letter or digit), got "Orders_Worker": use a short lower-case name like "storefront"'],
    [{ name: 'w'.repeat(60) }, `[shop/worker] name makes the Worker object name "shop-${'w'.repeat(60)}" longer than 63 characters, got "${'w'.repeat(60)}": shorten the component or app name`],
    [{ resources: Resources.of({ cpu: '250 m', memory: '256Mi' }) }, '[shop/worker] resources.cpu must be a CPU quantity of 0 or more (cores or millicores), got "250 m": write e.g. "250m" or "0.5"'],
    [{ resources: Resources.of({ cpu: '-100m', memory: '256Mi' }) }, '[shop/worker] resources.cpu must be a CPU quantity of 0 or more (cores or millicores), got "-100m": write e.g. "250m" or "0.5"'],
    [{ resources: Resources.of({ cpu: '250m', memory: '256MB' }) }, '[shop/worker] resources.memory must be a memory quantity of 0 or more, got "256MB": write e.g. "256Mi", "2Gi" or "1G"'],
    [{ resources: Resources.of({ cpu: '250m', memory: '256Mi', memoryLimit: '128Mi' }) }, '[shop/worker] resources.memoryLimit must be at least the memory request (256Mi), got "128Mi": raise the limit or lower the request'],
    [{ resources: Resources.of({ cpu: '1', memory: '256Mi', cpuLimit: '500m' }) }, '[shop/worker] resources.cpuLimit must be at least the CPU request (1), got "500m": raise the limit or lower the request'],
    [{ env: { '1BAD': 'x' } }, '[shop/worker] env name "1BAD" must be a valid environment variable name (letters, digits, "_", "-" or ".", not starting with a digit), got "1BAD": rename the variable, e.g. LOG_LEVEL'],
    [{ env: { A: 'x' }, secretEnv: { A: SecretRef.of('s', 'k') } }, '[shop/worker] secretEnv name is already set in env, got "A": set each variable once, in env or in secretEnv'],
    [{ secretEnv: { A: 'hunter2' as unknown as SecretRef } }, '[shop/worker] secretEnv "A" must be a SecretRef, got a string (value not shown): reference an existing Secret: SecretRef.of(\'shop-db\', \'password\'); secret values never go into props'],
    [{ secretEnv: { A: SecretRef.of('Shop_DB', 'password') } }, '[shop/worker] secretEnv "A" secretName must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", at most 253 characters), got "Shop_DB": use the name of an existing Secret'],
    [{ config: { 'bad key': 'x' } }, '[shop/worker] config key "bad key" must be a valid environment variable name (letters, digits, "_", "-" or ".", not starting with a digit), got "bad key": rename the variable, e.g. LOG_LEVEL'],
    [{ configFiles: ['/nonexistent/app.yaml'] }, `[shop/worker] configFiles names a file that cannot be read, got "/nonexistent/app.yaml": check the path (relative paths start at ${process.cwd()})`],
    [{ runAsUser: 0 }, '[shop/worker] runAsUser must be an integer between 1 and 2147483647, got 0: run as a non-root UID such as 10001'],
    [{ serviceAccountName: 'Shop' }, '[shop/worker] serviceAccountName must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", at most 253 characters), got "Shop": use the name of an existing ServiceAccount'],
    [{ version: '1.0+build' }, '[shop/worker] version must be a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit), got "1.0+build": use a version like "1.8.2"'],
  ])('fails on bad props %j', (props, message) => {
    expect(() => worker(props)).toThrow(message);
  });

  test('fails when two config files share a file name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-config-'));
    fs.mkdirSync(path.join(dir, 'x'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'a');
    fs.writeFileSync(path.join(dir, 'x', 'a.yaml'), 'b');
    const second = path.join(dir, 'x', 'a.yaml');
    expect(() => worker({ configFiles: [path.join(dir, 'a.yaml'), second] }))
      .toThrow(`[shop/worker] configFiles has two files named "a.yaml", got ${JSON.stringify(second)}: give the files different names`);
    fs.rmSync(dir, { recursive: true });
  });

  test('terminationGracePeriod reaches the pod spec', () => {
    const spec = podSpec(deployment(worker({ terminationGracePeriod: Duration.seconds(90) }).chart));
    expect(spec.terminationGracePeriodSeconds).toBe(90);
  });

  test('synthesizes the same output twice', () => {
    const { chart } = worker({ config: { A: '1' } });
    expect(JSON.stringify(Testing.synth(chart))).toBe(JSON.stringify(Testing.synth(chart)));
  });
});
