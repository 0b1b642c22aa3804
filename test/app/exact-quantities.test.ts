// Issue 10: a check stricter than Kubernetes is a bug too. CPU and memory quantities the API
// server accepts but cdk8s-plus cannot render exactly (memory not a whole Mi, CPU finer than a
// millicore) reach the YAML as written — not refused, not rounded — and the capacity check.
import { Testing } from 'cdk8s';
import { AppChart, AppkitApp, Environment, Resources, WebService, Worker } from '../../lib/app';
import { CapacityCheck } from '../../lib/capacity';

const IMAGE = 'ghcr.io/acme/shop-api:1.4.0';
type Json = { [key: string]: any };

function build(pools?: { cpu: string; memory: string }): { chart: AppChart; env: Environment } {
  const app = new AppkitApp({ outdir: 'unused' });
  const env = new Environment(app, 'production');
  const chart = new AppChart(env, 'shop', { version: '1.0.0' });
  if (pools) new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 1, allocatable: pools }] });
  return { chart, env };
}

const resourcesOf = (chart: AppChart, name: string) => (Testing.synth(chart) as Json[])
  .find((o) => o.kind === 'Deployment' && o.metadata.name === name)!.spec.template.spec.containers.map((c: Json) => c.resources);

test('memory in decimal units and CPU in micro-cores are written as typed', () => {
  const { chart } = build();
  new WebService(chart, 'web', { image: IMAGE, resources: Resources.of({ cpu: '100u', memory: '1G', memoryLimit: '2G' }) });
  new Worker(chart, 'worker', {
    image: IMAGE,
    resources: Resources.of({ cpu: '250m', memory: '129M', cpuLimit: '1', memoryLimit: '1e9', extended: { 'nvidia.com/gpu': '1' } }),
    sidecars: [{ name: 'relay', image: IMAGE, resources: Resources.of({ cpu: '1u', memory: '1e6' }) }],
  });
  expect(resourcesOf(chart, 'shop-web')).toEqual([{ limits: { memory: '2G' }, requests: { cpu: '100u', memory: '1G' } }]);
  expect(resourcesOf(chart, 'shop-worker')).toEqual([
    { limits: { 'cpu': '1', 'memory': '1e9', 'nvidia.com/gpu': '1' }, requests: { 'cpu': '250m', 'memory': '129M', 'nvidia.com/gpu': '1' } },
    { requests: { cpu: '1u', memory: '1e6' } },
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
