import { HealthCheck, Worker, WorkerProps } from '../../lib/app';
import { Manifest, RESOURCES, kinds, only, podSpec, restrictedViolations, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-worker:1.8.2';
const SELECTOR = {
  'app.kubernetes.io/component': 'worker',
  'app.kubernetes.io/instance': 'shop',
  'app.kubernetes.io/name': 'shop',
};

function queueWorker(props: Partial<WorkerProps> = {}, overrides?: Parameters<typeof shopChart>[1]) {
  const chart = shopChart({}, overrides);
  const worker = new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES, ...props });
  return { chart, worker, manifests: (): Manifest[] => synthValid(chart) };
}

describe('Worker', () => {
  test('autoscaled queue consumer: Deployment + HPA + PDB, no Service', () => {
    // GIVEN / WHEN
    const { manifests, worker } = queueWorker({ maxReplicas: 6, targetCpuUtilization: 75, config: { QUEUE: 'orders' } });
    const all = manifests();

    // THEN
    expect(all).toMatchSnapshot();
    expect(kinds(all)).toEqual([
      'Namespace/shop', 'ConfigMap/shop-worker-config', 'Deployment/shop-worker',
      'HorizontalPodAutoscaler/shop-worker', 'PodDisruptionBudget/shop-worker',
    ]);
    expect(worker.autoscaler).toBeDefined();
    expect(only(all, 'HorizontalPodAutoscaler').spec).toMatchObject({
      minReplicas: 1,
      maxReplicas: 6,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }],
    });
    const deployment = only(all, 'Deployment');
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.selector).toEqual({ matchLabels: SELECTOR });
    const spec = podSpec(deployment);
    expect(spec.containers[0].ports).toBeUndefined();
    expect(spec.containers[0].readinessProbe).toBeUndefined();
    expect(spec.containers[0].startupProbe).toBeUndefined();
    expect(restrictedViolations(spec)).toEqual([]);
  });

  test('one replica by default, and then no PodDisruptionBudget', () => {
    const { manifests, worker } = queueWorker();
    expect(kinds(manifests())).toEqual(['Namespace/shop', 'Deployment/shop-worker']);
    expect(only(manifests(), 'Deployment').spec.replicas).toBe(Worker.DEFAULT_REPLICAS);
    expect(Worker.DEFAULT_REPLICAS).toBe(1);
    expect(worker.disruptionBudget).toBeUndefined();
  });

  test('a memory target alone replaces the default CPU target', () => {
    const { manifests } = queueWorker({ maxReplicas: 3, targetMemoryUtilization: 80 });
    expect(only(manifests(), 'HorizontalPodAutoscaler').spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
    ]);
  });

  test('a command health check probes without a port', () => {
    const { manifests } = queueWorker({ healthCheck: HealthCheck.command(['/app/healthcheck']) });
    const container = podSpec(only(manifests(), 'Deployment')).containers[0];
    expect(container.readinessProbe).toEqual({ exec: { command: ['/app/healthcheck'] }, failureThreshold: 3, periodSeconds: 10, timeoutSeconds: 1 });
    // a liveness probe could only repeat readiness: none by default
    expect(container.livenessProbe).toBeUndefined();
  });

  test('environment overrides resize the worker', () => {
    const { manifests } = queueWorker({ replicas: 2 }, { worker: { minReplicas: 2, maxReplicas: 20 } });
    expect(only(manifests(), 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 2, maxReplicas: 20 });
  });

  test('fails on a TCP health check without a port', () => {
    expect(() => queueWorker({ healthCheck: HealthCheck.tcp() }))
      .toThrow('[shop/worker] healthCheck needs a port to probe, got undefined: set the component\'s port or pass { port } to the health check');
  });

  test('fails on an ingressHost override, which a Worker does not have', () => {
    expect(() => queueWorker({}, { worker: { ingressHost: 'worker.example.com' } }))
      .toThrow('[production/shop/worker] ingressHost (override from environment "production") does not apply to a Worker, got "worker.example.com": remove it from the environment\'s overrides for "worker"');
  });
});
