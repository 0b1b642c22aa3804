import { Duration, Testing } from 'cdk8s';
import {
  ScalingMetric, AutoscalingPolicy, ScalingSelectPolicy, AutoscalingTarget, WebService, Worker, WorkerProps,
} from '../../lib/app';
import { CapacityCheck } from '../../lib/capacity/capacity-check';
import { planManifests } from '../../lib/capacity/plan-scope';
import { RESOURCES, guardedShop, only, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-worker:1.8.2';

function worker(props: Partial<WorkerProps>, chart = shopChart()) {
  const w = new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES, minReplicas: 2, maxReplicas: 10, ...props });
  return { chart, worker: w };
}

describe('autoscaling: custom and external metrics, behavior', () => {
  test('pods, object and external metrics and a scale-down stabilization window reach the HPA', () => {
    // GIVEN
    const { chart, worker: w } = worker({
      targetCpuUtilization: 80,
      scalingMetrics: [
        ScalingMetric.pods('jobs_in_flight', '5'),
        ScalingMetric.object('requests_per_second', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'shop-storefront' },
          AutoscalingTarget.value('2k')),
        ScalingMetric.external('queue_messages_ready', AutoscalingTarget.averageValue('30'), { selector: { queue: 'orders' } }),
      ],
      behavior: {
        scaleDown: { stabilizationWindow: Duration.minutes(10), policies: [AutoscalingPolicy.percent(50, Duration.minutes(1))] },
        scaleUp: { policies: [AutoscalingPolicy.pods(4, Duration.seconds(30)), AutoscalingPolicy.percent(100, Duration.seconds(30))], selectPolicy: ScalingSelectPolicy.MIN },
      },
    });

    // WHEN (synthValid checks the HPA against the Kubernetes 1.27 schema)
    const hpa = only(synthValid(chart), 'HorizontalPodAutoscaler');

    // THEN
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop-worker' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
        { type: 'Pods', pods: { metric: { name: 'jobs_in_flight' }, target: { type: 'AverageValue', averageValue: '5' } } },
        {
          type: 'Object',
          object: {
            describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'shop-storefront' },
            metric: { name: 'requests_per_second' },
            target: { type: 'Value', value: '2k' },
          },
        },
        {
          type: 'External',
          external: { metric: { name: 'queue_messages_ready', selector: { matchLabels: { queue: 'orders' } } }, target: { type: 'AverageValue', averageValue: '30' } },
        },
      ],
      behavior: {
        scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
        scaleUp: { selectPolicy: 'Min', policies: [{ type: 'Pods', value: 4, periodSeconds: 30 }, { type: 'Percent', value: 100, periodSeconds: 30 }] },
      },
    });
    expect(w.autoscaler?.name).toBe('shop-worker');
    expect(only(Testing.synth(chart), 'Deployment').spec.replicas).toBeUndefined();
  });

  test('custom metrics alone: no implicit CPU target; no behavior means Kubernetes defaults (no behavior written)', () => {
    const { chart } = worker({ scalingMetrics: [ScalingMetric.external('queue_messages_ready', AutoscalingTarget.value('100'))] });
    const hpa = only(synthValid(chart), 'HorizontalPodAutoscaler');
    expect(hpa.spec.metrics).toEqual([{ type: 'External', external: { metric: { name: 'queue_messages_ready' }, target: { type: 'Value', value: '100' } } }]);
    expect(hpa.spec.behavior).toBeUndefined();
  });

  test('the guardrails pass and the capacity check budgets maxReplicas, whatever the metrics', () => {
    // GIVEN a guarded app whose worker scales on a queue up to 10 pods of 250m
    const { app, chart } = guardedShop();
    worker({ scalingMetrics: [ScalingMetric.external('queue_messages_ready', AutoscalingTarget.averageValue('30'))], behavior: { scaleDown: { stabilizationWindow: Duration.minutes(15) } } }, chart);
    new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, maxReplicas: 4, scalingMetrics: [ScalingMetric.pods('rps', '50')] });

    // WHEN
    const plan = planManifests(Testing.synth(chart), [{ name: 'general', count: 1, allocatable: { cpu: '4', memory: '8Gi' } }]);

    // THEN
    expect(app.synthYaml()).toContain('stabilizationWindowSeconds: 900');
    expect(plan.workloads.map((w) => [w.id, w.replicas, w.replicasSource])).toEqual([
      ['shop/shop-worker', 10, 'HorizontalPodAutoscaler shop/shop-worker maxReplicas'],
      ['shop/shop-storefront', 4, 'HorizontalPodAutoscaler shop/shop-storefront maxReplicas'],
    ]);
  });


  test('the CapacityCheck fails synth when the pool holds minReplicas but not maxReplicas', () => {
    // GIVEN 10 × 250m at the autoscaler's maximum on one 2-CPU node
    const { app, chart } = guardedShop();
    worker({ scalingMetrics: [ScalingMetric.external('queue_messages_ready', AutoscalingTarget.averageValue('30'))] }, chart);
    new CapacityCheck(chart, 'capacity', { nodePools: [{ name: 'general', count: 1, allocatable: { cpu: '2', memory: '8Gi' } }] });

    // WHEN / THEN
    // (8 pods fit; the 9th and 10th of maxReplicas, and the 3 surge pods of the rollout, do not)
    expect(() => app.synthYaml()).toThrow([
      'Validation failed with the following errors:',
      '  [shop/capacity] cluster cpu: requests 3250m exceed allocatable 2 (162.5%)',
      '  [shop/capacity] shop/shop-worker (Deployment), replicas 9–10 of 13: 0/1 nodes are available: 1 Insufficient cpu.',
      '  [shop/capacity] shop/shop-worker (Deployment), replicas 11–13 of 13 (rollout surge): 0/1 nodes are available: 1 Insufficient cpu.',
    ].join('\n'));
  });

  const FIX_TARGET = 'use e.g. "30", "500m" or "1k"';
  test.each<[string, Partial<WorkerProps>, string]>([
    ['a utilization target on an external metric', { scalingMetrics: [ScalingMetric.external('q', AutoscalingTarget.averageUtilization(50))] },
      '[shop/worker] scalingMetrics[0] target cannot be a utilization for a External metric (only resource metrics have one), got 50: use AutoscalingTarget.value(...) or AutoscalingTarget.averageValue(...), or targetCpuUtilization / targetMemoryUtilization'],
    ['a target that is not a quantity', { scalingMetrics: [ScalingMetric.pods('rps', '20 rps')] },
      `[shop/worker] scalingMetrics[0] target must be a Kubernetes quantity (quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'), got "20 rps": ${FIX_TARGET}`],
    ['a zero target', { scalingMetrics: [ScalingMetric.external('q', AutoscalingTarget.value('0'))] },
      '[shop/worker] scalingMetrics[0] target must be positive, got "0": use a target above zero, e.g. "30"'],
    ['a metric name with a slash', { scalingMetrics: [ScalingMetric.pods('http/requests', '20')] },
      '[shop/worker] scalingMetrics[0] name is not a valid metric name (may not contain \'/\'), got "http/requests": use the metric\'s name without "/" or "%"'],
    ['a selector value with a space', { scalingMetrics: [ScalingMetric.external('q', AutoscalingTarget.value('1'), { selector: { queue: 'my orders' } })] },
      '[shop/worker] scalingMetrics[0] selector "queue" is not a valid label selector (a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')), got "my orders": use label keys and values such as { queue: "orders" }'],
    ['a stabilization window over an hour', { behavior: { scaleDown: { stabilizationWindow: Duration.hours(2) } } },
      '[shop/worker] behavior.scaleDown.stabilizationWindow must be whole seconds from 0 to 3600, got "7200s": use e.g. Duration.minutes(10)'],
    ['a policy period over 30 minutes', { behavior: { scaleUp: { policies: [AutoscalingPolicy.pods(2, Duration.hours(1))] } } },
      '[shop/worker] behavior.scaleUp.policies[0] period must be whole seconds from 1 to 1800, got "3600s": use e.g. Duration.minutes(1)'],
    ['a policy of zero pods', { behavior: { scaleDown: { policies: [AutoscalingPolicy.pods(0, Duration.minutes(1))] } } },
      '[shop/worker] behavior.scaleDown.policies[0] must change by a whole number greater than zero, got 0: use e.g. AutoscalingPolicy.pods(2, Duration.minutes(1))'],
    ['a sub-second stabilization window', { behavior: { scaleUp: { stabilizationWindow: Duration.millis(1500) } } },
      '[shop/worker] behavior.scaleUp.stabilizationWindow must be whole seconds from 0 to 3600, got "1.5s": use e.g. Duration.minutes(10)'],
    ['an empty policy list', { behavior: { scaleDown: { policies: [] } } },
      '[shop/worker] behavior.scaleDown.policies must specify at least one policy, got []: leave policies out for Kubernetes\' defaults, or add e.g. AutoscalingPolicy.percent(50, Duration.minutes(1))'],
  ])('fails on %s', (_, props, message) => {
    expect(() => worker(props)).toThrow(message);
  });
});
