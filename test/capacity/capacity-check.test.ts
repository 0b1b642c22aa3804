import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import { AppkitApp } from '../../lib/app/appkit-app';
import { Environment } from '../../lib/app/environment';
import { CapacityCheck } from '../../lib/capacity/capacity-check';
import * as planModule from '../../lib/capacity/plan';
import { MissingRequestsLevel } from '../../lib/capacity/plan';
import { NodePool } from '../../lib/manifests/node-pool';

const GENERAL: NodePool = { name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } };

/** A Deployment as a raw ApiObject (what cdk8s-plus, Include and Helm all end up as). */
function deployment(chart: Chart, name: string, replicas: number, requests: Record<string, string> = { cpu: '1500m', memory: '1Gi' }): ApiObject {
  return new ApiObject(chart, name, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      replicas,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'nginx', resources: { requests } }] },
      },
    },
  });
}

function production(app: App = Testing.app()) {
  const env = new Environment(app, 'production', { guardrails: false });
  const chart = new Chart(env, 'shop');
  return { app, env, chart };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('CapacityCheck', () => {
  test('passes Testing.synth when the workloads fit', () => {
    // GIVEN 6 pods of 1500m on three 4-cpu nodes (two per node)
    const { env, chart } = production();
    deployment(chart, 'storefront', 6);
    const check = new CapacityCheck(env, 'capacity', { nodePools: [GENERAL] });

    // WHEN
    const manifests = Testing.synth(chart);

    // THEN
    expect(manifests).toHaveLength(1);
    expect(check.plan.fits).toBe(true);
    expect(check.plan.failures).toEqual([]);
    expect(check.plan.workloads.map((w) => [w.id, w.replicas, w.placed])).toEqual([['shop/storefront', 6, 6]]);
    expect(check.plan.pools[0].nodes.map((n) => n.pods.length)).toEqual([2, 2, 2]);
  });

  test('fails Testing.synth with the scheduler message when over-committed', () => {
    // GIVEN a 7th pod that no node can take
    const { env, chart } = production();
    deployment(chart, 'storefront', 7);
    new CapacityCheck(env, 'capacity', { nodePools: [GENERAL] });

    // THEN
    expect(() => Testing.synth(chart)).toThrow(
      'Validation failed with the following errors:\n'
      + '  [production/capacity] shop/storefront (Deployment, replica 7 of 7): 0/3 nodes are available: 3 Insufficient cpu.');
  });

  test('fails on the final synthesized objects: an escape hatch counts', () => {
    // GIVEN a Deployment that fits, raised past the nodes by a JSON patch
    const { env, chart } = production();
    deployment(chart, 'storefront', 3).addJsonPatch(JsonPatch.replace('/spec/replicas', 9));
    const check = new CapacityCheck(env, 'capacity', { nodePools: [GENERAL] });

    // THEN
    expect(() => Testing.synth(chart)).toThrow(/\[production\/capacity\] shop\/storefront \(Deployment\), replicas 7–9 of 9: 0\/3 nodes are available: 3 Insufficient cpu\./);
    expect(check.plan.unplaced.map((u) => u.pod)).toEqual(['shop/storefront-7', 'shop/storefront-8', 'shop/storefront-9']);
  });

  test('fails on Included YAML too', () => {
    // GIVEN the over-committed fixture included as plain YAML (7 pods of 2 cpu)
    const { env, chart } = production();
    new Include(chart, 'batch', { url: path.join(__dirname, '..', 'fixtures', 'capacity', 'overcommitted', 'batch.yaml') });
    new CapacityCheck(env, 'capacity', { nodePools: [GENERAL] });

    // THEN
    expect(() => Testing.synth(chart)).toThrow('[production/capacity] batch/crunch (Deployment, replica 7 of 7): 0/3 nodes are available: 3 Insufficient cpu.');
  });

  test('checks only its own scope', () => {
    // GIVEN an over-committed staging environment and a production check
    const app = Testing.app();
    const { env, chart } = production(app);
    deployment(chart, 'storefront', 2);
    const staging = new Environment(app, 'staging', { guardrails: false });
    deployment(new Chart(staging, 'shop'), 'storefront', 50);
    const check = new CapacityCheck(env, 'capacity', { nodePools: [GENERAL] });

    // THEN
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(check.plan.workloads.map((w) => w.replicas)).toEqual([2]);
  });

  test('reports containers without requests as configured', () => {
    const { env, chart } = production();
    deployment(chart, 'storefront', 1, {});
    const strict = new CapacityCheck(env, 'capacity', { nodePools: [GENERAL] });
    const lenient = new CapacityCheck(env, 'lenient', { nodePools: [GENERAL], missingRequests: MissingRequestsLevel.IGNORE, writeReport: false });

    expect(strict.plan.fits).toBe(false);
    expect(lenient.plan.fits).toBe(true);
    expect(() => Testing.synth(chart)).toThrow(/\[production\/capacity\] .*storefront/);
  });

  test('reports missing requests as synth warnings when lowered to WARNING', () => {
    // GIVEN a container without requests and a check that only warns about it
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'capacity-check-'));
    const app = new AppkitApp({ outdir: path.join(outdir, 'dist') });
    const env = new Environment(app, 'production', { guardrails: false });
    deployment(new Chart(env, 'shop'), 'storefront', 1, {});
    new CapacityCheck(env, 'capacity', { nodePools: [GENERAL], missingRequests: MissingRequestsLevel.WARNING });
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // WHEN
    const result = app.synth();

    // THEN synth passes, and the warning names the check, the object, its construct and the field
    expect(result.warnings).toEqual([
      expect.stringMatching(/^\[production\/capacity\] Deployment shop\/storefront \(production\/shop\/storefront\) spec\.template\.spec\.containers\[0\]\.resources\.requests: /),
    ]);
  });

  test('headroom N+1 fails when losing a node leaves no room', () => {
    // GIVEN 6 pods that need all three nodes
    const { env, chart } = production();
    deployment(chart, 'storefront', 6);
    const check = new CapacityCheck(env, 'capacity', { nodePools: [GENERAL], headroom: 1 });

    // THEN
    expect(check.headroom).toBe(1);
    expect(check.plan.headroom.map((h) => [h.pool, h.fits])).toEqual([['general', false]]);
    expect(() => Testing.synth(chart)).toThrow(/\[production\/capacity\] /);
  });

  test('plans once per AppkitApp synth however many charts the app has', () => {
    // GIVEN three charts in one environment
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'capacity-check-'));
    const app = new AppkitApp({ outdir: path.join(outdir, 'dist') });
    const env = new Environment(app, 'production', { guardrails: false });
    for (const name of ['a', 'b', 'c']) {
      deployment(new Chart(env, name), name, 1);
    }
    new CapacityCheck(env, 'capacity', { nodePools: [GENERAL] });
    const spy = jest.spyOn(planModule, 'planCapacity');

    // WHEN
    const result = app.synth();

    // THEN
    expect(spy).toHaveBeenCalledTimes(1);
    expect(result.files).toEqual([
      'production/a.k8s.yaml', 'production/b.k8s.yaml', 'production/c.k8s.yaml',
      'production/capacity.md', 'production/capacity.svg', 'production/kustomization.yaml',
    ]);
    const md = fs.readFileSync(path.join(outdir, 'dist', 'production', 'capacity.md'), 'utf8');
    expect(md.startsWith('# Capacity: production\n\n**Fits**: 3 pods placed on 3 nodes in 1 pool.\n')).toBe(true);
    expect(fs.readFileSync(path.join(outdir, 'dist', 'production', 'capacity.svg'), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" /);
    expect(fs.readFileSync(path.join(outdir, 'dist', 'production', 'kustomization.yaml'), 'utf8')).not.toContain('capacity');
  });

  test('plans once for a plain App.synth() that validates once per chart', () => {
    // GIVEN a plain cdk8s App with three charts (cdk8s validates the app 1 + 3 times)
    const app = Testing.app();
    for (const name of ['a', 'b', 'c']) {
      deployment(new Chart(app, name), name, 1);
    }
    new CapacityCheck(app, 'capacity', { nodePools: [GENERAL] });
    const spy = jest.spyOn(planModule, 'planCapacity');

    // WHEN
    app.synth();

    // THEN
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('sees changes made between two synths', () => {
    const { env, chart } = production();
    const web = deployment(chart, 'storefront', 2);
    const check = new CapacityCheck(env, 'capacity', { nodePools: [GENERAL] });
    expect(() => Testing.synth(chart)).not.toThrow();

    web.addJsonPatch(JsonPatch.replace('/spec/replicas', 8));

    expect(() => Testing.synth(chart)).toThrow(/replicas 7–8 of 8/);
    expect(check.plan.workloads[0].replicas).toBe(8);
  });

  test('names its report files after its id', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'capacity-check-'));
    const app = new AppkitApp({ outdir: path.join(outdir, 'dist') });
    const env = new Environment(app, 'staging', { guardrails: false });
    deployment(new Chart(env, 'shop'), 'web', 1);
    new CapacityCheck(env, 'Capacity', { nodePools: [GENERAL] });
    new CapacityCheck(env, 'gpu-capacity', { nodePools: [{ ...GENERAL, name: 'gpu' }] });
    new CapacityCheck(env, 'quiet', { nodePools: [GENERAL], writeReport: false });

    expect(app.synth().files).toEqual([
      'staging/capacity.md', 'staging/capacity.svg', 'staging/gpu-capacity.md', 'staging/gpu-capacity.svg',
      'staging/kustomization.yaml', 'staging/shop.k8s.yaml',
    ]);
  });

  test('resolves defaults into public fields', () => {
    const { env } = production();
    const check = new CapacityCheck(env, 'capacity', { nodePools: [GENERAL] });
    expect({
      headroom: check.headroom,
      missingRequests: check.missingRequests,
      surge: check.surge,
      reportName: check.reportName,
      writeReport: check.writeReport,
      nodes: check.nodes,
    }).toEqual({ headroom: 0, missingRequests: 'error', surge: 'each-rollout', reportName: 'capacity', writeReport: true, nodes: [] });
  });

  test.each<[string, Partial<{ nodePools: NodePool[]; headroom: number }>, string]>([
    ['no pools', { nodePools: [] }, "nodePools must list at least one pool, got []: add e.g. { name: 'general', count: 3, allocatable: { cpu: '3920m', memory: '14Gi' } }"],
    ['a bad quantity', { nodePools: [{ name: 'general', count: 3, allocatable: { cpu: '4 cores' } }] }, 'nodePools[0].allocatable[\'cpu\'] must be a Kubernetes quantity, got "4 cores" ('],
    ['a negative count', { nodePools: [{ name: 'general', count: -1, allocatable: { cpu: '4' } }] }, 'nodePools[0].count must be a whole number of nodes ≥ 0, got -1: use e.g. 3'],
    ['no allocatable', { nodePools: [{ name: 'general', count: 1 }] }, 'nodePools[0] (general) must set allocatable or capacity, got neither'],
    ['a duplicate name', { nodePools: [GENERAL, GENERAL] }, 'nodePools[1].name must be unique, got "general" twice: give each pool its own name'],
    ['a bad name', { nodePools: [{ ...GENERAL, name: 'General Pool' }] }, 'nodePools[0].name must be a lowercase DNS label of at most 53 characters, got "General Pool": use e.g. \'general\''],
    ['a bad taint effect', { nodePools: [{ ...GENERAL, taints: [{ key: 'a', effect: 'NoScheduel' }] }] }, 'nodePools[0].taints[0].effect must be one of NoSchedule, PreferNoSchedule, NoExecute, got "NoScheduel": use e.g. \'NoSchedule\''],
    ['a fractional headroom', { nodePools: [GENERAL], headroom: 0.5 }, 'headroom must be a whole number of nodes ≥ 0, got 0.5: use e.g. 1 for N+1'],
  ])('fails in the constructor on %s', (_what, props, message) => {
    const { env } = production();
    expect(() => new CapacityCheck(env, 'capacity', { nodePools: [], ...props })).toThrow(`[production/capacity] ${message}`);
  });
});
