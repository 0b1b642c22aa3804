// The example system in main.ts, synthesized per environment.
import { Testing, Yaml } from 'cdk8s';
import { AppChart, Environment, EnvironmentProps } from '../../lib/app';
import { CapacityCheck } from '../../lib/capacity/capacity-check';
import { Guardrails } from '../../lib/guardrails/guardrails';
import { buildExample, defineShop, ENVIRONMENTS, gpuPool, NODE_POOLS } from '../../main';
import { Manifest, kinds, only, podSpec, restrictedViolations } from './helpers';
import { allSchemaErrors } from './k8s-schema';

function build() {
  const app = Testing.app();
  buildExample(app);
  const charts = app.node.findAll().filter(AppChart.isAppChart);
  const byEnv: { [env: string]: Manifest[] } = {};
  for (const chart of charts) {
    byEnv[chart.environment!.name] = Testing.synth(chart);
  }
  return { app, byEnv };
}

const { app, byEnv } = build();
const WORKLOADS = ['Deployment', 'StatefulSet', 'CronJob'];

describe('example system (main.ts)', () => {
  test('has one shop per environment', () => {
    expect(Object.keys(byEnv).sort()).toEqual(Object.keys(ENVIRONMENTS).sort());
    expect(Object.keys(byEnv).sort()).toEqual(['production', 'staging']);
  });

  test.each(Object.keys(ENVIRONMENTS))('%s matches its snapshot', (env) => {
    expect(Yaml.stringify(...byEnv[env])).toMatchSnapshot();
  });

  test.each(Object.keys(ENVIRONMENTS))('%s: every object is valid Kubernetes 1.27, unknown fields rejected', (env) => {
    expect(allSchemaErrors(byEnv[env])).toEqual([]);
  });

  test.each(Object.keys(ENVIRONMENTS))('%s: every pod meets the restricted profile, states its resources and uses a pinned image', (env) => {
    const workloads = byEnv[env].filter((m) => WORKLOADS.includes(m.kind));
    expect(workloads).toHaveLength(6);
    for (const workload of workloads) {
      const spec = podSpec(workload);
      expect({ workload: workload.metadata.name, problems: restrictedViolations(spec) }).toEqual({ workload: workload.metadata.name, problems: [] });
      for (const container of spec.containers) {
        const gpu = container.name === 'recommendations' ? { 'nvidia.com/gpu': '1' } : {};
        expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String), ...gpu });
        expect(container.image).toMatch(/:[0-9][^:/]*$/);
      }
    }
  });

  test('guardrails find nothing, not even a warning', () => {
    const guardrails = app.node.findAll().filter((c): c is Guardrails => c instanceof Guardrails);
    expect(guardrails.map((g) => g.node.path).sort()).toEqual(['gitops/Guardrails', 'production/Guardrails', 'staging/Guardrails']);
    expect(guardrails.flatMap((g) => g.findings())).toEqual([]);
  });

  test('no Secret object and no secret value: secrets are referenced by name', () => {
    for (const manifests of Object.values(byEnv)) {
      expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
      expect(only(manifests, 'ExternalSecret', 'shop-payment').spec.data).toEqual([
        { remoteRef: { key: 'shop/payment', property: 'api-key' }, secretKey: 'api-key' },
      ]);
      const refs = manifests.filter((m) => WORKLOADS.includes(m.kind))
        .flatMap((m) => podSpec(m).containers.flatMap((c: Manifest) => c.env ?? []))
        .filter((e: Manifest) => e.valueFrom?.secretKeyRef)
        .map((e: Manifest) => `${e.name}=${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`);
      expect([...new Set(refs)].sort()).toEqual([
        'DB_PASSWORD=shop-db/password', 'PAYMENT_API_KEY=shop-payment/api-key', 'POSTGRES_PASSWORD=shop-db/password',
      ]);
    }
  });

  test('staging is smaller and on its own host', () => {
    const staging = byEnv.staging;
    expect(only(staging, 'Ingress').spec.rules[0].host).toBe('shop.staging.acme.example');
    expect(only(staging, 'HorizontalPodAutoscaler', 'shop-storefront').spec).toMatchObject({ minReplicas: 1, maxReplicas: 2 });
    expect(only(staging, 'Deployment', 'shop-api').spec.replicas).toBe(1);
    expect(podSpec(only(staging, 'StatefulSet')).containers[0].resources.requests).toEqual({ cpu: '500m', memory: '512Mi' });
    // api pinned to one replica: no autoscaler and no disruption budget
    expect(kinds(staging)).not.toContain('HorizontalPodAutoscaler/shop-api');
    expect(kinds(staging)).not.toContain('PodDisruptionBudget/shop-api');
  });

  test('production autoscales the storefront, the api and the worker behind the public ingress', () => {
    const production = byEnv.production;
    expect(only(production, 'Ingress').spec.rules[0].host).toBe('shop.acme.example');
    expect(only(production, 'Ingress').spec.tls).toEqual([{ hosts: ['shop.acme.example'], secretName: 'shop-acme-example-tls' }]);
    const hpas = production.filter((m) => m.kind === 'HorizontalPodAutoscaler')
      .map((m) => [m.metadata.name, m.spec.minReplicas, m.spec.maxReplicas]);
    expect(hpas).toEqual([['shop-storefront', 3, 12], ['shop-api', 3, 8], ['shop-worker', 2, 10]]);
    expect(only(production, 'CronJob').spec).toMatchObject({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin' });
    expect(only(production, 'StatefulSet').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('50Gi');
  });

  test('two synths are identical', () => {
    const again = build().byEnv;
    for (const env of Object.keys(byEnv)) {
      expect(Yaml.stringify(...again[env])).toBe(Yaml.stringify(...byEnv[env]));
    }
  });

  test.each(Object.keys(ENVIRONMENTS))('%s fits its node pools, with the declared headroom', (env) => {
    const check = app.node.findAll().find((c): c is CapacityCheck => c instanceof CapacityCheck && c.node.path === `${env}/capacity`)!;
    expect(check.headroom).toBe(NODE_POOLS[env].headroom);
    expect(check.plan.fits).toBe(true);
    expect(check.plan.failures).toEqual([]);
    expect(check.plan.unplaced).toEqual([]);
    // At the HPA maximums plus the largest rollout's surge: 12 storefront pods + 3 surge in production.
    const storefront = check.plan.workloads.find((w) => w.name === 'shop-storefront')!;
    expect(storefront.replicas).toBe(env === 'production' ? 12 : 2);
  });

  test('fails synth with the scheduler\'s messages when production is over-committed (3 × 4 vCPU nodes)', () => {
    // GIVEN the production shop on three 4 vCPU / 16 GiB nodes (and its GPU pool, whose taint keeps the rest off)
    const overCommitted = Testing.app();
    const env = new Environment(overCommitted, 'production', ENVIRONMENTS.production);
    const shop = defineShop(env);
    new CapacityCheck(env, 'capacity', {
      nodePools: [{ name: 'general', count: 3, capacity: { cpu: '4', memory: '16Gi', pods: '110' }, reserved: { cpu: '80m', memory: '1536Mi' } }, gpuPool(3)],
    });

    // THEN synth fails with the totals and one kube-scheduler message per pod that fits nowhere
    expect(() => Testing.synth(shop)).toThrow([
      'Validation failed with the following errors:',
      '  [production/capacity] shop/shop-postgres (StatefulSet, replica 1 of 1): 0/6 nodes are available: 3 Insufficient cpu, 3 node(s) had untolerated taint {nvidia.com/gpu: present}.',
      '  [production/capacity] shop/shop-storefront (Deployment), replicas 13–15 of 15 (rollout surge): 0/6 nodes are available: 3 Insufficient cpu, 3 node(s) had untolerated taint {nvidia.com/gpu: present}.',
    ].join('\n'));
  });

  test('the recommendations model runs on the GPU pool: one GPU per pod, no surge, its own ServiceAccount', () => {
    const production = byEnv.production;
    const deployment = only(production, 'Deployment', 'shop-recommendations');
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    const spec = podSpec(deployment);
    expect(spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(spec.containers.map((c: Manifest) => [c.name, c.resources])).toEqual([
      ['recommendations', { requests: { 'cpu': '3', 'memory': '12288Mi', 'nvidia.com/gpu': '1' }, limits: { 'memory': '12288Mi', 'nvidia.com/gpu': '1' } }],
      ['model-sync', { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } }],
    ]);
    expect(only(production, 'Service', 'shop-recommendations').spec.ports).toEqual([{ name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' }]);
    expect(only(production, 'ServiceAccount', 'shop-recommendations').metadata.annotations)
      .toEqual({ 'iam.gke.io/gcp-service-account': 'shop-recommendations@acme-shop.iam.gserviceaccount.com' });
    const check = app.node.findAll().find((c): c is CapacityCheck => c instanceof CapacityCheck && c.node.path === 'production/capacity')!;
    const gpuNodes = check.plan.pools.find((p) => p.name === 'gpu')!.nodes;
    expect(gpuNodes.map((n) => n.pods.filter((p) => p.startsWith('shop/shop-recommendations')).length)).toEqual([1, 1, 0]);
  });

  /** Production on its usual general pool and `gpuNodes` GPU nodes, with `change` applied to the shop. */
  function productionWith(gpuNodes: number, props: EnvironmentProps = ENVIRONMENTS.production): () => void {
    const a = Testing.app();
    const env = new Environment(a, 'production', props);
    const shop = defineShop(env);
    new CapacityCheck(env, 'capacity', { nodePools: [NODE_POOLS.production.pools[0], gpuPool(gpuNodes)] });
    return () => Testing.synth(shop);
  }

  test('one GPU too few fails synth with the scheduler\'s Insufficient nvidia.com/gpu', () => {
    expect(productionWith(1)).toThrow([
      'Validation failed with the following errors:',
      '  [production/capacity] cluster nvidia.com/gpu: requests 2 exceed allocatable 1 (200%)',
      '  [production/capacity] shop/shop-recommendations (Deployment, replica 2 of 2): 0/5 nodes are available: 1 Insufficient nvidia.com/gpu, 4 node(s) didn\'t match Pod\'s node affinity/selector.',
    ].join('\n'));
  });

  test('without the toleration the GPU pods fail with untolerated taint', () => {
    const withoutToleration: EnvironmentProps = { overrides: { ...ENVIRONMENTS.production.overrides, recommendations: { tolerations: [] } } };
    expect(productionWith(3, withoutToleration)).toThrow([
      'Validation failed with the following errors:',
      '  [production/capacity] shop/shop-recommendations (Deployment), replicas 1–2 of 2: 0/7 nodes are available: 3 node(s) had untolerated taint {nvidia.com/gpu: present}, 4 node(s) didn\'t match Pod\'s node affinity/selector.',
    ].join('\n'));
  });
});
