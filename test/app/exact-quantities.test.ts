// Issue 10: a check stricter than Kubernetes is a bug too. Quantities the API server accepts but
// cdk8s-plus cannot render exactly (memory not a whole Mi, CPU finer than a millicore) reach the
// YAML as written — not refused, not rounded —, pass the guardrails, and reach the capacity
// check, which counts CPU as the scheduler does: resource.Quantity.MilliValue(), rounded UP to
// whole millicores (k8s.io/apimachinery/pkg/api/resource/quantity.go ScaledValue). Huge pages
// (`hugepages`) are written as request = limit and counted as scalar resources by NodeResourcesFit.
import { Testing } from 'cdk8s';
import { AppChart, AppkitApp, Environment, Resources, Rollout, WebService, Worker } from '../../lib/app';
import { CapacityCheck } from '../../lib/capacity';
import { checkManifests, Rule } from '../../lib/guardrails';
import { ManifestObject } from '../../lib/scheduler/types';

const IMAGE = 'ghcr.io/acme/shop-api:1.4.0';
type Json = { [key: string]: any };

function build(pools?: { [resource: string]: string }): { chart: AppChart; env: Environment } {
  const app = new AppkitApp({ outdir: 'unused' });
  const env = new Environment(app, 'production');
  const chart = new AppChart(env, 'shop', { version: '1.0.0' });
  if (pools) new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 1, allocatable: pools }] });
  return { chart, env };
}

const resourcesOf = (chart: AppChart, name: string) => (Testing.synth(chart) as Json[])
  .find((o) => o.kind === 'Deployment' && o.metadata.name === name)!.spec.template.spec.containers.map((c: Json) => c.resources);

test('memory in decimal units is written as typed', () => {
  const { chart } = build();
  new WebService(chart, 'web', { image: IMAGE, resources: Resources.of({ cpu: '100m', memory: '1G', memoryLimit: '2G' }) });
  new Worker(chart, 'worker', {
    image: IMAGE,
    resources: Resources.of({ cpu: '250m', memory: '129M', cpuLimit: '1', memoryLimit: '1e9', extended: { 'nvidia.com/gpu': '1' } }),
    sidecars: [{ name: 'relay', image: IMAGE, resources: Resources.of({ cpu: '1m', memory: '1e6' }) }],
  });
  expect(resourcesOf(chart, 'shop-web')).toEqual([{ limits: { memory: '2G' }, requests: { cpu: '100m', memory: '1G' } }]);
  expect(resourcesOf(chart, 'shop-worker')).toEqual([
    { limits: { 'cpu': '1', 'memory': '1e9', 'nvidia.com/gpu': '1' }, requests: { 'cpu': '250m', 'memory': '129M', 'nvidia.com/gpu': '1' } },
    { requests: { cpu: '1m', memory: '1e6' } },
  ]);
});

test('whole mebibytes and millicores keep the form cdk8s-plus writes', () => {
  const { chart } = build();
  new WebService(chart, 'web', { image: IMAGE, resources: Resources.of({ cpu: '0.5', memory: '1Gi', memoryLimit: '1073741824' }) });
  expect(resourcesOf(chart, 'shop-web')).toEqual([{ limits: { memory: '1024Mi' }, requests: { cpu: '500m', memory: '1024Mi' } }]);
});

test('a memory limit below its request compares the quantities, whatever their units', () => {
  const { chart } = build();
  expect(() => new WebService(chart, 'web', { image: IMAGE, resources: Resources.of({ cpu: '1', memory: '1Gi', memoryLimit: '1G' }) }))
    .toThrow('[production/shop/web] resources.memoryLimit must be at least the memory request (1Gi), got "1G": raise the limit or lower the request');
});

test('the capacity check counts a decimal memory request: 3 × 3G do not fit 8G', () => {
  const { chart } = build({ cpu: '8', memory: '8G' });
  new Worker(chart, 'worker', { image: IMAGE, replicas: 3, resources: Resources.of({ cpu: '1', memory: '3G' }) });
  expect(() => Testing.synth(chart)).toThrow(/shop\/shop-worker \(Deployment, replica 3 of 3\): 0\/1 nodes are available: 1 Insufficient memory\./);
});

const apiFindings = (chart: AppChart) => checkManifests((Testing.synth(chart) as Json[]).map((manifest) => ({ manifest: manifest as ManifestObject })), { rules: [Rule.API_VALIDATION, Rule.SCHEMA] }).map((f) => f.message);

describe('CPU finer than a millicore (the API server accepts it; the scheduler rounds it up)', () => {
  test('is written as typed, request and limit, in every container', () => {
    const { chart } = build();
    new WebService(chart, 'web', { image: IMAGE, resources: Resources.of({ cpu: '100u', memory: '1Gi', cpuLimit: '0.0001' }) });
    new Worker(chart, 'worker', {
      image: IMAGE,
      resources: Resources.of({ cpu: '1n', memory: '64Mi' }),
      sidecars: [{ name: 'relay', image: IMAGE, resources: Resources.of({ cpu: '0.5m', memory: '1e6' }) }],
    });
    expect(resourcesOf(chart, 'shop-web')).toEqual([{ limits: { cpu: '0.0001' }, requests: { cpu: '100u', memory: '1024Mi' } }]);
    expect(resourcesOf(chart, 'shop-worker')).toEqual([{ requests: { cpu: '1n', memory: '64Mi' } }, { requests: { cpu: '0.5m', memory: '1e6' } }]);
  });

  test('a limit below its request compares the quantities (100u < 0.2m)', () => {
    const { chart } = build();
    expect(() => new WebService(chart, 'web', { image: IMAGE, resources: Resources.of({ cpu: '0.2m', memory: '1Gi', cpuLimit: '100u' }) }))
      .toThrow('[production/shop/web] resources.cpuLimit must be at least the CPU request (0.2m), got "100u": raise the limit or lower the request');
  });

  test('passes the guardrails (ValidateResourceRequirements, schema)', () => {
    const { chart } = build();
    new WebService(chart, 'web', { image: IMAGE, resources: Resources.of({ cpu: '100u', memory: '1Gi', cpuLimit: '0.0001' }) });
    expect(apiFindings(chart)).toEqual([]);
  });

  test('the capacity check counts each pod as 1m: 3 × 100u do not fit 2m, though 300u would', () => {
    const fits = build({ cpu: '2m', memory: '1Gi' });
    new Worker(fits.chart, 'worker', { image: IMAGE, replicas: 2, rollout: Rollout.recreate(), resources: Resources.of({ cpu: '100u', memory: '1Mi' }) });
    expect(() => Testing.synth(fits.chart)).not.toThrow();

    const { chart } = build({ cpu: '2m', memory: '1Gi' });
    new Worker(chart, 'worker', { image: IMAGE, replicas: 3, rollout: Rollout.recreate(), resources: Resources.of({ cpu: '100u', memory: '1Mi' }) });
    expect(() => Testing.synth(chart)).toThrow(/shop\/shop-worker \(Deployment, replica 3 of 3\): 0\/1 nodes are available: 1 Insufficient cpu\./);

    // The same 300u in one pod counts as 1m and fits.
    const one = build({ cpu: '2m', memory: '1Gi' });
    new Worker(one.chart, 'worker', { image: IMAGE, replicas: 1, rollout: Rollout.recreate(), resources: Resources.of({ cpu: '300u', memory: '1Mi' }) });
    expect(() => Testing.synth(one.chart)).not.toThrow();
  });
});

describe('huge pages (`hugepages`, request = limit)', () => {
  test('are written as hugepages-<size> in requests and limits, next to the other limits', () => {
    const { chart } = build();
    new Worker(chart, 'worker', {
      image: IMAGE,
      resources: Resources.of({ cpu: '1', memory: '1Gi', hugepages: { '2Mi': '100Mi' } }),
      sidecars: [{ name: 'dpdk', image: IMAGE, resources: Resources.of({ cpu: '1', memory: '1Gi', memoryLimit: '1Gi', hugepages: { '1Gi': '2Gi', '2Mi': '4Mi' } }) }],
    });
    expect(resourcesOf(chart, 'shop-worker')).toEqual([
      { limits: { 'hugepages-2Mi': '100Mi' }, requests: { 'cpu': '1', 'memory': '1024Mi', 'hugepages-2Mi': '100Mi' } },
      { limits: { 'memory': '1024Mi', 'hugepages-1Gi': '2Gi', 'hugepages-2Mi': '4Mi' }, requests: { 'cpu': '1', 'memory': '1024Mi', 'hugepages-1Gi': '2Gi', 'hugepages-2Mi': '4Mi' } },
    ]);
  });

  test('pass the guardrails (ValidateResourceRequirements: request = limit, whole pages, with cpu or memory)', () => {
    const { chart } = build();
    new Worker(chart, 'worker', { image: IMAGE, resources: Resources.of({ cpu: '1', memory: '1Gi', hugepages: { '2Mi': '100Mi' } }) });
    expect(apiFindings(chart)).toEqual([]);
  });

  test.each([
    ['not a whole number of pages', { '2Mi': '3Mi' },
      '[production/shop/worker] resources.hugepages["2Mi"] must be a whole number of 2Mi pages (3Mi is not positive integer multiple of hugepages-2Mi), got "3Mi": write a whole number of 2Mi pages, e.g. "100Mi"'],
    ['negative', { '2Mi': '-4Mi' },
      '[production/shop/worker] resources.hugepages["2Mi"] must be a whole number of 2Mi pages (must be greater than or equal to 0), got "-4Mi": write a whole number of 2Mi pages, e.g. "100Mi"'],
    ['not a quantity', { '1Gi': '2 Gi' },
      '[production/shop/worker] resources.hugepages["1Gi"] must be a Kubernetes quantity (quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'), got "2 Gi": write a whole number of 1Gi pages, e.g. "2Gi"'],
    ['a page size that is no quantity', { 'huge': '2Mi' },
      '[production/shop/worker] resources.hugepages must be keyed by a page size, a positive whole number of bytes (hugepages-huge), got "huge": use a page size the nodes offer, e.g. "2Mi" or "1Gi"'],
    ['a page size of a fraction of a byte', { '0.5': '1' },
      '[production/shop/worker] resources.hugepages must be keyed by a page size, a positive whole number of bytes (hugepages-0.5), got "0.5": use a page size the nodes offer, e.g. "2Mi" or "1Gi"'],
  ])('fails: %s', (_name, hugepages, message) => {
    const { chart } = build();
    expect(() => new Worker(chart, 'worker', { image: IMAGE, resources: Resources.of({ cpu: '1', memory: '1Gi', hugepages }) })).toThrow(message);
  });

  test('the capacity check counts them against the node\'s hugepages-2Mi: the scheduler\'s message', () => {
    const fits = build({ 'cpu': '4', 'memory': '8Gi', 'hugepages-2Mi': '256Mi' });
    new Worker(fits.chart, 'worker', { image: IMAGE, replicas: 2, rollout: Rollout.recreate(), resources: Resources.of({ cpu: '1', memory: '1Gi', hugepages: { '2Mi': '128Mi' } }) });
    expect(() => Testing.synth(fits.chart)).not.toThrow();

    const { chart } = build({ 'cpu': '4', 'memory': '8Gi', 'hugepages-2Mi': '256Mi' });
    new Worker(chart, 'worker', { image: IMAGE, replicas: 3, rollout: Rollout.recreate(), resources: Resources.of({ cpu: '1', memory: '1Gi', hugepages: { '2Mi': '128Mi' } }) });
    expect(() => Testing.synth(chart)).toThrow(/shop\/shop-worker \(Deployment, replica 3 of 3\): 0\/1 nodes are available: 1 Insufficient hugepages-2Mi\./);
  });
});
