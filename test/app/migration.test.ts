// Migration: a one-off Job that runs before the app's other components roll out. Every prop
// reaches the YAML, the guardrails and the capacity check; the Job's name follows its pod
// template (Jobs' templates are immutable); with GitOps and Argo CD it is in sync wave -1.
import { ApiObject, Duration, JsonPatch, Testing } from 'cdk8s';
import { ImagePullPolicy } from 'cdk8s-plus-27';
import { AppChart, AppkitApp, Environment, GitOps, GitOpsTool, Migration, MigrationProps, ResourcePreset, Resources, SecretRef, WebService, checkManifests } from '../../lib';
import { CapacityCheck } from '../../lib/capacity/capacity-check';
import { planManifests } from '../../lib/capacity/plan-scope';
import { ManifestObject } from '../../lib/scheduler/types';
import { synthFolder, tempApp } from '../gitops/helpers';
import { Manifest, RESOURCES, kinds, only, podSpec, restrictedViolations, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-api:1.8.2';

function migration(props: Partial<MigrationProps> = {}, overrides?: Parameters<typeof shopChart>[1]) {
  const chart = shopChart({}, overrides);
  const m = new Migration(chart, 'db-migrate', { image: IMAGE, resources: RESOURCES, args: ['migrate', 'up'], ...props });
  return { chart, m, manifests: (): Manifest[] => synthValid(chart) };
}

const jobOf = (manifests: Manifest[]): Manifest => only(manifests, 'Job');

describe('Migration', () => {
  test('a batch/v1 Job named after its pod template, with restricted pods, restartPolicy Never and backoffLimit 2', () => {
    // GIVEN / WHEN
    const { m, manifests } = migration({ secretEnv: { DB_PASSWORD: SecretRef.of('shop-db', 'password') } });
    const all = manifests();

    // THEN
    expect(all).toMatchSnapshot();
    const job = jobOf(all);
    expect(kinds(all)).toEqual(['Namespace/shop', `Job/${job.metadata.name}`]);
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.metadata.name).toMatch(/^shop-db-migrate-[0-9a-f]{10}$/);
    expect(m.jobName).toBe(job.metadata.name);
    expect(job.metadata.labels).toEqual({
      'app.kubernetes.io/component': 'db-migrate',
      'app.kubernetes.io/instance': 'shop',
      'app.kubernetes.io/managed-by': 'cdk8s-appkit',
      'app.kubernetes.io/name': 'shop',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/version': '1.8.2',
    });
    expect(job.metadata.annotations).toBeUndefined();
    // No selector, parallelism or completions: the Job controller generates the selector; 1 and 1 are the API defaults.
    expect(Object.keys(job.spec).sort()).toEqual(['backoffLimit', 'template']);
    expect(job.spec.backoffLimit).toBe(2);
    const spec = podSpec(job);
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.containers.map((c: Manifest) => [c.name, c.image, c.args, c.resources])).toEqual([
      ['db-migrate', IMAGE, ['migrate', 'up'], { requests: { cpu: '250m', memory: '256Mi' } }],
    ]);
    expect(spec.containers[0].env).toEqual([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'shop-db' } } }]);
    expect(spec.topologySpreadConstraints).toBeUndefined();
    expect(restrictedViolations(spec)).toEqual([]);
  });

  test('backoffLimit, activeDeadline and ttlAfterFinished are written as given; command too', () => {
    const { m, manifests } = migration({
      command: ['/app/migrate'], backoffLimit: 0, activeDeadline: Duration.minutes(10), ttlAfterFinished: Duration.hours(1),
    });
    const job = jobOf(manifests());
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600 });
    expect(podSpec(job).containers[0].command).toEqual(['/app/migrate']);
    expect([m.backoffLimit, m.activeDeadline?.toSeconds(), m.ttlAfterFinished?.toSeconds()]).toEqual([0, 600, 3600]);
  });

  test('the name is deterministic and changes with the pod template, not with backoffLimit or deadlines', () => {
    const name = (props: Partial<MigrationProps>, overrides?: Parameters<typeof shopChart>[1]) => jobOf(migration(props, overrides).manifests()).metadata.name;
    const base = name({});
    expect(name({})).toBe(base);
    expect(name({ backoffLimit: 5, activeDeadline: Duration.minutes(5) })).toBe(base);
    const changed = [
      name({ image: 'ghcr.io/acme/shop-api:1.9.0' }),
      name({ version: '1.9.0' }),
      name({ args: ['migrate', 'down'] }),
      name({ env: { LOG_LEVEL: 'debug' } }),
      name({ config: { SCHEMA: 'shop' } }),
      name({ resources: Resources.preset(ResourcePreset.MEDIUM) }),
      // The pull policy is part of the template: choosing one runs the migration once more.
      name({ imagePullPolicy: ImagePullPolicy.ALWAYS }),
    ];
    expect(new Set([base, ...changed]).size).toBe(8);
    // A config value change reaches the template through checksum/config, so it renames the Job too.
    expect(name({ config: { SCHEMA: 'shop2' } })).not.toBe(changed[4]);
  });

  test('environment overrides of image, env and resources apply', () => {
    const { manifests } = migration({ env: { LOG_LEVEL: 'info', MODE: 'safe' } }, {
      'db-migrate': { image: 'ghcr.io/acme/shop-api:1.9.0', env: { LOG_LEVEL: 'debug' }, resources: Resources.preset(ResourcePreset.LARGE) },
    });
    const job = jobOf(manifests());
    expect(job.metadata.namespace).toBe('shop');
    const container = podSpec(job).containers[0];
    expect([container.image, container.env, container.resources]).toEqual([
      'ghcr.io/acme/shop-api:1.9.0',
      [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'MODE', value: 'safe' }],
      { limits: { memory: '2048Mi' }, requests: { cpu: '2', memory: '2048Mi' } },
    ]);
  });

  test('the guardrails check it: a clean Job passes every rule; an escalating patch fails synth on pod security', () => {
    // GIVEN
    const { chart, m } = migration();
    const findings = checkManifests((Testing.synth(chart) as Manifest[]).map((manifest) => ({ manifest: manifest as ManifestObject })));
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);

    // WHEN the escape hatch breaks restricted Pod Security
    ApiObject.of(m.job).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation', true));

    // THEN (the name follows the patched template)
    expect(() => Testing.synth(chart)).toThrow([
      'Validation failed with the following errors:',
      `  [shop/Guardrails] [shop/db-migrate/Job/Resource] Job shop/${m.jobName}: violates PodSecurity "restricted:v1.27": allowPrivilegeEscalation != false (container "db-migrate" must set securityContext.allowPrivilegeEscalation=false) (pod-security)`,
    ].join('\n'));
  });

  test('an unpinned image from an override throws', () => {
    expect(() => migration({}, { 'db-migrate': { image: 'ghcr.io/acme/shop-api:latest' } })).toThrow(
      '[production/shop/db-migrate] image (override from environment "production") must not use the moving tag "latest", got "ghcr.io/acme/shop-api:latest": pin a version tag, e.g. "ghcr.io/acme/shop-api:1.0.0"');
  });

  test('the capacity check counts it as a Job of one pod, next to the Deployments', () => {
    // GIVEN
    const { chart } = migration({ resources: Resources.of({ cpu: '1', memory: '1Gi' }) });
    new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, replicas: 2 });
    const manifests = Testing.synth(chart) as Manifest[];

    // WHEN
    const plan = planManifests(manifests as ManifestObject[], [{ name: 'general', count: 1, allocatable: { cpu: '2', memory: '8Gi' } }]);

    // THEN
    const job = jobOf(manifests).metadata.name;
    expect(plan.workloads.map((w) => [w.id, w.replicas, w.replicasSource])).toEqual([
      [`shop/${job}`, 1, 'spec.parallelism (default 1)'],
      ['shop/shop-storefront', 2, 'spec.replicas'],
    ]);
  });

  test('the CapacityCheck fails synth when the Job\'s pod does not fit beside the Deployment', () => {
    // GIVEN a 1-CPU node, a 1-CPU migration and a storefront of 2 × 250m
    const app = new AppkitApp({ outdir: '/nonexistent/never-written' });
    const env = new Environment(app, 'production');
    const chart = new AppChart(env, 'shop', { version: '1.8.2' });
    const m = new Migration(chart, 'db-migrate', { image: IMAGE, resources: Resources.of({ cpu: '1', memory: '1Gi' }) });
    new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES });
    new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 1, allocatable: { cpu: '1', memory: '8Gi' } }] });

    // WHEN / THEN
    expect(() => Testing.synth(chart)).toThrow([
      'Validation failed with the following errors:',
      '  [production/capacity] cluster cpu: requests 1500m exceed allocatable 1 (150%)',
      `  [production/capacity] shop/${m.jobName} (Job, replica 1 of 1): 0/1 nodes are available: 1 Insufficient cpu.`,
    ].join('\n'));
  });

  test.each<[string, Partial<MigrationProps>, string]>([
    ['a negative backoffLimit', { backoffLimit: -1 }, '[shop/db-migrate] backoffLimit must be an integer between 0 and 2147483647, got -1: use 0 or more retries, e.g. 2'],
    ['a fractional backoffLimit', { backoffLimit: 1.5 }, '[shop/db-migrate] backoffLimit must be an integer between 0 and 2147483647, got 1.5: use 0 or more retries, e.g. 2'],
    ['a backoffLimit past int32', { backoffLimit: 2 ** 31 }, '[shop/db-migrate] backoffLimit must be an integer between 0 and 2147483647, got 2147483648: use 0 or more retries, e.g. 2'],
    ['an activeDeadline of 1.5 seconds', { activeDeadline: Duration.millis(1500) }, '[shop/db-migrate] activeDeadline must be a whole number of seconds, got "1 second 500 millis": use whole seconds, e.g. Duration.seconds(2)'],
    ['an activeDeadline that is no Duration', { activeDeadline: 600 as unknown as Duration }, '[shop/db-migrate] activeDeadline must be a Duration, got 600: use whole seconds, e.g. Duration.seconds(30)'],
    ['a ttlAfterFinished of 0.5 seconds', { ttlAfterFinished: Duration.millis(500) }, '[shop/db-migrate] ttlAfterFinished must be a whole number of seconds, got "500 millis": use whole seconds, e.g. Duration.seconds(1)'],
    ['a ttlAfterFinished past int32', { ttlAfterFinished: Duration.days(30000) }, '[shop/db-migrate] ttlAfterFinished must be an integer between 0 and 2147483647, got 2592000000: use at most 2147483647 seconds (about 68 years), or leave it out to keep the Job'],
    ['no resources', { resources: undefined as unknown as Resources }, '[shop/db-migrate] resources is required, got undefined: state CPU and memory requests, e.g. resources: Resources.of({ cpu: \'250m\', memory: \'256Mi\' }) or Resources.preset(ResourcePreset.SMALL)'],
    ['a name too long for the Job\'s pod label', { name: 'm'.repeat(48) }, `[shop/db-migrate] name makes the Migration object name "shop-${'m'.repeat(48)}" longer than 52 characters, got "${'m'.repeat(48)}": shorten the component or app name`],
  ])('fails on %s', (_, props, message) => {
    expect(() => migration(props)).toThrow(message);
  });

  test('fails on a replicas override', () => {
    expect(() => migration({}, { 'db-migrate': { replicas: 2 } }))
      .toThrow('[production/shop/db-migrate] replicas (override from environment "production") does not apply to a Migration, got 2: remove it from the environment\'s overrides for "db-migrate"');
  });
});

describe('Migration with GitOps', () => {
  function system(tool: GitOpsTool, props: Partial<MigrationProps> = {}): AppkitApp {
    const app = tempApp();
    const env = new Environment(app, 'production');
    const chart = new AppChart(env, 'shop', { version: '1.8.2' });
    new Migration(chart, 'db-migrate', { image: IMAGE, resources: RESOURCES, config: { SCHEMA: 'shop' }, ...props });
    new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES });
    new GitOps(app, 'gitops', { tool, repoUrl: 'https://github.com/acme/shop-deploy.git' });
    return app;
  }
  const waves = (objects: Manifest[]) => objects.map((o) => [o.kind, o.metadata.annotations?.['argocd.argoproj.io/sync-wave']]);

  test('Argo CD: the Job is in wave -1 with its ConfigMap, before the Deployment; no hook annotations', () => {
    const objects = synthFolder(system(GitOpsTool.ARGO_CD), 'production');
    expect(waves(objects)).toEqual([
      ['Namespace', '-2'], ['ConfigMap', '-1'], ['Job', '-1'], ['Deployment', '0'], ['Service', '0'], ['PodDisruptionBudget', '0'],
    ]);
    expect(Object.keys(jobOf(objects).metadata.annotations)).toEqual(['argocd.argoproj.io/sync-wave']);
  });

  test('Flux: no wave, nothing else added to the Job', () => {
    const job = jobOf(synthFolder(system(GitOpsTool.FLUX), 'production'));
    expect(job.metadata.annotations).toBeUndefined();
  });

  test.each([[GitOpsTool.ARGO_CD, 'Argo CD'], [GitOpsTool.FLUX, 'Flux']])('fails with ttlAfterFinished under %s', (tool, name) => {
    expect(() => system(tool, { ttlAfterFinished: Duration.minutes(10) }).synth()).toThrow(
      `[gitops] Migration production/shop/db-migrate ttlAfterFinished cannot be used with GitOps, got 600s: ${name} would recreate the deleted Job from dist/ and run the migration again; remove ttlAfterFinished (the Job is pruned once a new version gives it a new name)`);
  });
});
