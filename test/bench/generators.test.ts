// The bench compares cdk8s-appkit with plain cdk8s-plus-27 only if both generated programs build
// the same objects: these tests synthesize both at a small size and compare with the spec.
import * as fs from 'fs';
import * as path from 'path';
import { appkitAppSource } from '../../bench/generators/appkit-app';
import { capacitySet } from '../../bench/generators/capacity-set';
import { plainAppSource } from '../../bench/generators/plain-app';
import { ComponentKind, expectedObjectCounts, expectedObjectTotal, systemSpec } from '../../bench/generators/spec';
import { countObjects } from '../../bench/lib/workspace';

const REPO = path.resolve(__dirname, '..', '..');
// Inside the repo (gitignored .bench/) so the generated programs resolve cdk8s from node_modules.
const SCRATCH_ROOT = path.join(REPO, '.bench');
let scratch: string;

beforeAll(() => {
  fs.mkdirSync(SCRATCH_ROOT, { recursive: true });
  scratch = fs.mkdtempSync(path.join(SCRATCH_ROOT, 'test-'));
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Writes a generated main.ts, loads it (ts-jest transpiles it) and synthesizes its app into a fresh outdir. */
function synthGenerated(name: string, source: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'main.ts'), source);
  const outdir = path.join(dir, 'out');
  const mod = require(path.join(dir, 'main.ts')) as { buildApp(outdir: string): { synth(): unknown } };
  mod.buildApp(outdir).synth();
  return outdir;
}

describe('systemSpec', () => {
  test('groups components in apps of 10, kinds cycling web / api / worker / task', () => {
    // WHEN
    const apps = systemSpec(25);

    // THEN
    expect(apps.map((a) => [a.name, a.components.length])).toEqual([['app-000', 10], ['app-001', 10], ['app-002', 5]]);
    expect(apps[0].components.slice(0, 5).map((c) => [c.kind, c.name])).toEqual([
      [ComponentKind.PUBLIC_WEB, 'web-0'],
      [ComponentKind.INTERNAL_WEB, 'api-1'],
      [ComponentKind.WORKER, 'worker-2'],
      [ComponentKind.TASK, 'task-3'],
      [ComponentKind.PUBLIC_WEB, 'web-4'],
    ]);
  });

  test('counts the objects of 10 components in 2 environments', () => {
    // GIVEN 3 public web services, 3 internal ones, 2 workers and 2 tasks in one app
    const apps = systemSpec(10);

    // WHEN
    const counts = expectedObjectCounts(apps);

    // THEN per environment: 8 Deployments, 6 Services, 3 HPAs, 8 PDBs, 3 Ingresses, 3 ConfigMaps, 2 CronJobs, 1 Namespace
    expect(counts).toEqual({
      Namespace: 2, Deployment: 16, Service: 12, HorizontalPodAutoscaler: 6, PodDisruptionBudget: 16, Ingress: 6, ConfigMap: 6, CronJob: 4,
    });
    expect(expectedObjectTotal(apps)).toBe(68);
  });

  test('fails on a component count below 1', () => {
    expect(() => systemSpec(0)).toThrow(/count must be a positive integer, got 0/);
  });
});

describe('generated programs', () => {
  test('plain cdk8s-plus program synthesizes exactly the spec\'s objects', () => {
    // GIVEN one app with each component kind (web, api, worker, task, web)
    const apps = systemSpec(5);

    // WHEN
    const outdir = synthGenerated('plain', plainAppSource(apps));

    // THEN
    const files = fs.readdirSync(outdir).sort();
    expect(files).toEqual(['production-app-000.k8s.yaml', 'staging-app-000.k8s.yaml']);
    expect(countObjects(outdir).kinds).toEqual(expectedObjectCounts(apps));
  });

  test('cdk8s-appkit program synthesizes exactly the spec\'s objects, with capacity reports', () => {
    // GIVEN one app with each component kind (web, api, worker, task, web)
    const apps = systemSpec(5);

    // WHEN
    const outdir = synthGenerated('appkit', appkitAppSource(apps, { libImport: path.join(REPO, 'lib', 'index') }));

    // THEN
    expect(countObjects(outdir).kinds).toEqual(expectedObjectCounts(apps));
    for (const env of ['staging', 'production']) {
      expect(fs.readdirSync(path.join(outdir, env)).sort()).toEqual(['app-000.k8s.yaml', 'capacity.md', 'capacity.svg', 'kustomization.yaml']);
    }
  });
});

describe('capacitySet', () => {
  test('has 1,000 nodes and 500 Deployments of 20 replicas', () => {
    // WHEN
    const set = capacitySet();

    // THEN
    expect(set.nodes).toHaveLength(1000);
    expect(set.deployments).toHaveLength(500);
    expect(set.pods).toBe(10_000);
    const pools = set.nodes.map((n) => (n as { metadata: { labels: Record<string, string> } }).metadata.labels['cdk8s-appkit.io/pool']);
    expect({ general: 0, highmem: 0, gpu: 0, ...Object.fromEntries([...new Set(pools)].map((p) => [p, pools.filter((x) => x === p).length])) })
      .toEqual({ general: 800, highmem: 150, gpu: 50 });
  });

  test('asks for fewer GPUs than the GPU pool has, so the set fits', () => {
    // WHEN
    const set = capacitySet();

    // THEN 5 GPU Deployments × 20 replicas × 1 GPU ≤ 50 nodes × 4 GPUs
    const gpuPods = set.deployments
      .filter((d) => JSON.stringify(d).includes('nvidia.com/gpu'))
      .reduce((n, d) => n + (d as { spec: { replicas: number } }).spec.replicas, 0);
    expect(gpuPods).toBe(100);
    expect(gpuPods).toBeLessThanOrEqual(50 * 4);
  });
});
