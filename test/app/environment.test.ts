import { ApiObject, Chart, Testing } from 'cdk8s';
import { AppChart, Environment, ResourcePreset, Resources, ScheduledTask, WebService, Worker } from '../../lib/app';
import { Cron } from 'cdk8s';
import { RESOURCES, only, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-api:1.8.2';

describe('Environment', () => {
  test('overridesFor merges component-wide and app-specific keys, the app-specific one winning', () => {
    // GIVEN
    const env = new Environment(Testing.app(), 'production', {
      overrides: {
        'api': { replicas: 3, ingressHost: 'api.example.com' },
        'shop/api': { replicas: 5 },
      },
    });

    // THEN
    expect(env.name).toBe('production');
    expect(env.overridesFor('api', 'shop')).toEqual({ replicas: 5, ingressHost: 'api.example.com' });
    expect(env.overridesFor('api', 'billing')).toEqual({ replicas: 3, ingressHost: 'api.example.com' });
    expect(env.overridesFor('api')).toEqual({ replicas: 3, ingressHost: 'api.example.com' });
    expect(env.overridesFor('worker', 'shop')).toEqual({});
  });

  test('checks its objects with the guardrails by default, and not when guardrails is false', () => {
    // GIVEN a raw object with an unpinned image in each environment
    const app = Testing.app();
    const guarded = new Environment(app, 'production');
    const unguarded = new Environment(app, 'sandbox', { guardrails: false });
    for (const env of [guarded, unguarded]) {
      new ApiObject(new Chart(env, 'legacy'), 'pod', {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: 'legacy' },
        spec: { containers: [{ name: 'main', image: 'nginx' }] },
      });
    }

    // THEN only the guarded environment fails, naming the object and the rule
    expect(() => Testing.synth(Chart.of(guarded.node.findChild('legacy'))))
      .toThrow(/\[production\/Guardrails\] \[production\/legacy\/pod\] Pod legacy: .*\(image-tag\)/);
    expect(guarded.node.tryFindChild('Guardrails')).toBeDefined();
    expect(unguarded.node.tryFindChild('Guardrails')).toBeUndefined();
  });

  test('Environment.of finds the enclosing environment', () => {
    const app = Testing.app();
    const env = new Environment(app, 'staging');
    const chart = new AppChart(env, 'shop', { version: '1' });
    expect(Environment.of(chart)).toBe(env);
    expect(Environment.of(app)).toBeUndefined();
  });

  test('one app definition synthesizes per environment with that environment\'s overrides', () => {
    // GIVEN
    const app = Testing.app();
    const define = (env: Environment) => {
      const chart = new AppChart(env, 'shop', { version: '1.8.2' });
      new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ingressHost: 'shop.example.com' });
      return chart;
    };

    // WHEN
    const staging = define(new Environment(app, 'staging', {
      overrides: { storefront: { replicas: 1, ingressHost: 'staging.shop.example.com', resources: Resources.preset(ResourcePreset.SMALL) } },
    }));
    const production = define(new Environment(app, 'production', {
      overrides: { storefront: { minReplicas: 3, maxReplicas: 12 } },
    }));

    // THEN
    const s = synthValid(staging);
    expect(only(s, 'Deployment').spec.replicas).toBe(1);
    expect(only(s, 'Ingress').spec.rules[0].host).toBe('staging.shop.example.com');
    expect(only(s, 'Deployment').spec.template.spec.containers[0].resources).toEqual({
      limits: { memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' },
    });
    expect(s.filter((m) => m.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    expect(s.filter((m) => m.kind === 'PodDisruptionBudget')).toEqual([]);

    const p = synthValid(production);
    expect(only(p, 'Deployment').spec.replicas).toBeUndefined();
    expect(only(p, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    expect(only(p, 'Ingress').spec.rules[0].host).toBe('shop.example.com');
    expect(only(p, 'PodDisruptionBudget').metadata.name).toBe('shop-storefront');
  });

  test('fails synth when an override names no component (typo protection)', () => {
    // GIVEN
    const app = Testing.app();
    const env = new Environment(app, 'production', {
      overrides: { storefrnt: { replicas: 3 }, 'shop/worker': { replicas: 2 }, 'billing/api': { replicas: 1 } },
    });
    const chart = new AppChart(env, 'shop', { version: '1' });
    new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES });
    new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES });

    // WHEN / THEN
    const synth = () => Testing.synth(chart);
    expect(synth).toThrow('[production] overrides key "billing/api" matches no component in environment "production" (components: storefront, worker): fix the key or remove the override');
    expect(synth).toThrow('[production] overrides key "storefrnt" matches no component in environment "production" (components: storefront, worker): fix the key or remove the override');
    expect(synth).not.toThrow(/"shop\/worker"/);
  });

  test('fails when an override does not apply to the component kind', () => {
    const env = new Environment(Testing.app(), 'production', { overrides: { report: { replicas: 2 } } });
    const chart = new AppChart(env, 'shop', { version: '1' });
    expect(() => new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily() }))
      .toThrow('[production/shop/report] replicas (override from environment "production") does not apply to a ScheduledTask, got 2: remove it from the environment\'s overrides for "report"');
  });

  test('fails on an environment name that cannot be a folder and label value', () => {
    expect(() => new Environment(Testing.app(), 'prod env'))
      .toThrow('[prod env] id must be a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit), got "prod env": name the environment like "staging" or "production"');
  });
});
