// What a component says about its pods (issue 8, pod level): placement, extended resources,
// rollout, sidecars and init containers, ports, identity and metadata. Each prop is followed
// into the YAML, the guardrails (schema, references, pod security) and the capacity check.
// Upstream tables: k8s 1.27 pkg/apis/core/validation/validation_test.go (TestValidateTolerations,
// TestValidateResourceRequirements) and pkg/apis/apps/validation/validation_test.go
// (TestValidateDeployment's strategy cases).
import { ApiObject, Cron, Duration, JsonPatch, Testing } from 'cdk8s';
import { EmptyDirMedium, ImagePullPolicy, PersistentVolumeAccessMode, Protocol, ServiceType } from 'cdk8s-plus-27';
import {
  AppChart, ComponentOverrides, Environment, HealthCheck, Migration, Mount, NamespaceScheme, NodeAffinity, NodeSelectorOperator, Resources, Rollout,
  ScheduledTask, StatefulService, Toleration, WebService, Worker, WorkerProps,
} from '../../lib/app';
import { Quantity } from '../../imports/k8s';
import { CapacityCheck } from '../../lib/capacity/capacity-check';
import { NodePool } from '../../lib/manifests/node-pool';
import { Guardrails } from '../../lib/guardrails/guardrails';
import { Manifest, RESOURCES, only, podSpec, podTemplate, restrictedViolations, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-recommendations:1.8.2';
const GPU_RESOURCES = Resources.of({ cpu: '2', memory: '8Gi', memoryLimit: '8Gi', extended: { 'nvidia.com/gpu': '1' } });
const GPU_TOLERATION: Toleration = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };

/** `count` GPU nodes: one GPU each, tainted nvidia.com/gpu=present:NoSchedule, labelled pool=gpu. */
function gpuPool(count: number): NodePool {
  return {
    name: 'gpu',
    count,
    allocatable: { 'cpu': '7800m', 'memory': '28Gi', 'pods': '110', 'nvidia.com/gpu': '1' },
    labels: { 'acme.example/pool': 'gpu' },
    taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
  };
}
const GENERAL: NodePool = { name: 'general', count: 2, allocatable: { cpu: '3800m', memory: '14Gi', pods: '110' }, labels: { 'acme.example/pool': 'general' } };

interface Built {
  readonly chart: AppChart;
  readonly env: Environment;
  readonly check: CapacityCheck;
  readonly worker: Worker;
}

/** Environment `production` with one Worker and a CapacityCheck over `pools`. */
function gpuWorker(props: Partial<WorkerProps>, pools: NodePool[], overrides?: { [c: string]: ComponentOverrides }): Built {
  const app = Testing.app();
  const env = new Environment(app, 'production', { overrides });
  const chart = new AppChart(env, 'shop', { version: '1.8.2' });
  const worker = new Worker(chart, 'recommendations', { image: IMAGE, resources: GPU_RESOURCES, tolerations: [GPU_TOLERATION], ...props });
  const check = new CapacityCheck(env, 'capacity', { nodePools: pools });
  return { chart, env, check, worker };
}

function findings(env: Environment): unknown[] {
  return env.node.findAll().filter((c): c is Guardrails => c instanceof Guardrails).flatMap((g) => g.findings());
}

function worker(props: Partial<WorkerProps> = {}, chart: AppChart = shopChart()): Worker {
  return new Worker(chart, 'worker', { image: 'ghcr.io/acme/shop-worker:1.8.2', resources: RESOURCES, ...props });
}

function deploymentOf(chart: AppChart): Manifest {
  return only(synthValid(chart), 'Deployment');
}

describe('placement', () => {
  test('nodeSelector, tolerations, node affinity and priorityClassName reach every kind\'s pod spec', () => {
    // GIVEN one component of each kind with the same placement
    const chart = shopChart();
    const placement = {
      nodeSelector: { 'acme.example/pool': 'general' },
      tolerations: [{ key: 'dedicated', operator: 'Equal' as const, value: 'shop', effect: 'NoSchedule' as const }],
      nodeAffinity: [
        NodeAffinity.required({ key: 'kubernetes.io/arch', operator: NodeSelectorOperator.IN, values: ['amd64', 'arm64'] }),
        NodeAffinity.preferred(50, { key: 'topology.kubernetes.io/zone', operator: NodeSelectorOperator.IN, values: ['europe-west4-a'] }),
      ],
      priorityClassName: 'shop-critical',
    };
    new WebService(chart, 'web', { image: IMAGE, resources: RESOURCES, ...placement });
    worker(placement, chart);
    new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily(), ...placement });
    new StatefulService(chart, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', ...placement });

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    const workloads = manifests.filter((m) => ['Deployment', 'CronJob', 'StatefulSet'].includes(m.kind));
    expect(workloads).toHaveLength(4);
    for (const w of workloads) {
      const spec = podSpec(w);
      expect(spec.nodeSelector).toEqual({ 'acme.example/pool': 'general' });
      expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'shop', effect: 'NoSchedule' }]);
      expect(spec.priorityClassName).toBe('shop-critical');
      expect(spec.affinity).toEqual({
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }] }],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 50, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['europe-west4-a'] }] } },
          ],
        },
      });
    }
  });

  test('capacity: the toleration lets the pods onto the tainted GPU pool, and the guardrails find nothing', () => {
    const { chart, env, check } = gpuWorker({ replicas: 2, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) }, [GENERAL, gpuPool(2)]);
    Testing.synth(chart);
    expect(check.plan.fits).toBe(true);
    expect(check.plan.unplaced).toEqual([]);
    const gpuNodes = check.plan.pools.find((p) => p.name === 'gpu')!.nodes;
    expect(gpuNodes.map((n) => n.pods)).toEqual([['shop/shop-recommendations-1'], ['shop/shop-recommendations-2']]);
    expect(findings(env)).toEqual([]);
  });

  test('capacity: without the toleration the pods fail with untolerated taint (and the general pool lacks GPUs)', () => {
    const { chart } = gpuWorker({ replicas: 1, tolerations: [], rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) }, [GENERAL, gpuPool(1)]);
    expect(() => Testing.synth(chart)).toThrow([
      'Validation failed with the following errors:',
      '  [production/capacity] shop/shop-recommendations (Deployment, replica 1 of 1): 0/3 nodes are available: '
      + '1 node(s) had untolerated taint {nvidia.com/gpu: present}, 2 Insufficient nvidia.com/gpu.',
    ].join('\n'));
  });

  test('capacity: nodeSelector keeps the pods off pools without the label', () => {
    // GIVEN a CPU worker that fits the general pool, but selects the GPU pool's label and tolerates its taint
    const { chart, check } = gpuWorker({
      resources: Resources.of({ cpu: '4', memory: '1Gi' }), replicas: 3, nodeSelector: { 'acme.example/pool': 'gpu' }, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }),
    }, [GENERAL, { ...gpuPool(1), allocatable: { cpu: '9', memory: '28Gi', pods: '110' } }]);
    // THEN only the one GPU node is eligible: 2 pods fit there, the third does not (general nodes have too little CPU anyway, and no label)
    expect(() => Testing.synth(chart)).toThrow([
      'Validation failed with the following errors:',
      '  [production/capacity] shop/shop-recommendations (Deployment, replica 3 of 3): 0/3 nodes are available: '
      + '1 Insufficient cpu, 2 node(s) didn\'t match Pod\'s node affinity/selector.',
    ].join('\n'));
    expect(check.plan.workloads[0]).toMatchObject({ replicas: 3, placed: 2, unplaced: 1 });
  });

  test('capacity: required node affinity is honoured like the nodeSelector', () => {
    const { chart } = gpuWorker({
      resources: Resources.of({ cpu: '1', memory: '1Gi' }), replicas: 1, tolerations: [], rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }),
      nodeAffinity: [NodeAffinity.required({ key: 'acme.example/pool', operator: NodeSelectorOperator.IN, values: ['batch'] })],
    }, [GENERAL]);
    expect(() => Testing.synth(chart)).toThrow([
      'Validation failed with the following errors:',
      '  [production/capacity] shop/shop-recommendations (Deployment, replica 1 of 1): 0/2 nodes are available: '
      + '2 node(s) didn\'t match Pod\'s node affinity/selector.',
    ].join('\n'));
  });

  // Port of TestValidateTolerations (k8s 1.27 validation_test.go): the error cases a component can
  // express, through the one port (kubernetes/pod-scheduling-validation.ts), fields as upstream names them.
  test.each<[string, Toleration, string]>([
    ['Exists with a value', { key: 'nvidia.com/gpu', operator: 'Exists', value: 'present' },
      'tolerations[0].operator value must be empty when `operator` is \'Exists\', got "present": remove the value (Exists matches any value), or use operator: Equal to match this value'],
    ['empty key with Equal', { operator: 'Equal', value: 'bar' },
      'tolerations[0].operator must be Exists when `key` is empty, which means "match all values and all keys", got "Equal": set the taint key, or operator: Exists to tolerate every taint'],
    ['empty key without operator', { value: 'bar' },
      'tolerations[0].operator must be Exists when `key` is empty, which means "match all values and all keys", got "": set the taint key, or operator: Exists to tolerate every taint'],
    ['tolerationSeconds without NoExecute', { key: 'foo', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 20 },
      'tolerations[0].effect must be \'NoExecute\' when `tolerationSeconds` is set, got "NoSchedule": set effect: NoExecute or remove tolerationSeconds (it only delays eviction by NoExecute taints)'],
    ['invalid key', { key: 'nospecialchars^=@', operator: 'Equal', value: 'bar' },
      'tolerations[0].key name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\'), got "nospecialchars^=@": use the taint key, e.g. "nvidia.com/gpu"'],
    ['invalid value', { key: 'foo', operator: 'Equal', value: 'bar baz' },
      'tolerations[0].operator a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\'), got "bar baz": use the taint\'s value, e.g. "present"'],
    ['invalid operator', { key: 'foo', operator: 'In' as 'Equal', value: 'bar' },
      'tolerations[0].operator must be one of "Equal", "Exists", got "In": use operator: Equal (the default) or Exists'],
    ['invalid effect', { key: 'foo', operator: 'Exists', effect: 'PreferNoExecute' as 'NoExecute' },
      'tolerations[0].effect must be one of "NoSchedule", "PreferNoSchedule", "NoExecute", got "PreferNoExecute": use the taint\'s effect (NoSchedule, PreferNoSchedule or NoExecute), or leave effect out to match every effect'],
  ])('fails on a toleration: %s', (_name, toleration, message) => {
    expect(() => worker({ tolerations: [toleration] })).toThrow(`[shop/worker] ${message}`);
  });

  test.each<[string, Toleration]>([
    ['key, Exists, no effect (every effect)', { key: 'foo', operator: 'Exists' }],
    ['empty key with Exists (every taint)', { operator: 'Exists' }],
    ['Equal is the default operator', { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    ['tolerationSeconds with NoExecute', { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    ['negative tolerationSeconds (the system treats it as 0)', { key: 'foo', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -1 }],
  ])('accepts a toleration: %s', (_name, toleration) => {
    expect(podSpec(deploymentOf(worker({ tolerations: [toleration] }).app)).tolerations).toEqual([toleration]);
  });

  test.each<[string, () => NodeAffinity, string]>([
    ['In without values', () => NodeAffinity.required({ key: 'pool', operator: NodeSelectorOperator.IN }),
      'nodeAffinity[0] requirement 0 values must be specified when `operator` is \'In\' or \'NotIn\', got undefined: list the label values to match'],
    ['Exists with values', () => NodeAffinity.required({ key: 'pool', operator: NodeSelectorOperator.EXISTS, values: ['a'] }),
      'nodeAffinity[0] requirement 0 values may not be specified when `operator` is \'Exists\' or \'DoesNotExist\', got ["a"]: remove the values'],
    ['Gt with two values', () => NodeAffinity.required({ key: 'cpus', operator: NodeSelectorOperator.GT, values: ['1', '2'] }),
      'nodeAffinity[0] requirement 0 values must be specified single value when `operator` is \'Lt\' or \'Gt\', got ["1","2"]: give exactly one integer, e.g. ["4"]'],
    ['weight 0', () => NodeAffinity.preferred(0, { key: 'pool', operator: NodeSelectorOperator.EXISTS }),
      'nodeAffinity[0] weight must be in the range 1-100, got 0: use a weight such as 50'],
  ])('fails on node affinity: %s', (_name, affinity, message) => {
    expect(() => worker({ nodeAffinity: [affinity()] })).toThrow(`[shop/worker] ${message}`);
  });

  test('fails on a nodeSelector value that is not a label value, and on a bad priorityClassName', () => {
    expect(() => worker({ nodeSelector: { pool: 'gpu pool' } })).toThrow(/^\[shop\/worker\] nodeSelector\["pool"\] must be a label value \(.*\), got "gpu pool": use the node label's value, e.g. "gpu"$/);
    expect(() => worker({ priorityClassName: 'High' })).toThrow('[shop/worker] priorityClassName must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", at most 253 characters), got "High": use the name of a PriorityClass, e.g. "high-priority"');
  });
});

describe('extended resources', () => {
  test('nvidia.com/gpu is written as request and limit, with or without other limits', () => {
    const withLimit = podSpec(deploymentOf(worker({ resources: GPU_RESOURCES }).app)).containers[0].resources;
    expect(withLimit).toEqual({
      requests: { 'cpu': '2', 'memory': '8192Mi', 'nvidia.com/gpu': '1' },
      limits: { 'memory': '8192Mi', 'nvidia.com/gpu': '1' },
    });
    const noLimit = podSpec(deploymentOf(worker({ resources: Resources.of({ cpu: '1', memory: '4Gi', extended: { 'nvidia.com/gpu': '2', 'acme.example/fpga': '1' } }) }).app)).containers[0].resources;
    expect(noLimit).toEqual({
      requests: { 'cpu': '1', 'memory': '4096Mi', 'nvidia.com/gpu': '2', 'acme.example/fpga': '1' },
      limits: { 'nvidia.com/gpu': '2', 'acme.example/fpga': '1' },
    });
  });

  test('capacity: the scheduler counts the GPU; one GPU too few fails with Insufficient nvidia.com/gpu', () => {
    const fits = gpuWorker({ replicas: 2, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) }, [gpuPool(2)]);
    Testing.synth(fits.chart);
    expect(fits.check.plan.workloads[0].podRequests).toEqual({ 'cpu': '2', 'memory': '8Gi', 'nvidia.com/gpu': '1' });

    const short = gpuWorker({ replicas: 3, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) }, [gpuPool(2)]);
    expect(() => Testing.synth(short.chart)).toThrow([
      'Validation failed with the following errors:',
      '  [production/capacity] cluster nvidia.com/gpu: requests 3 exceed allocatable 2 (150%)',
      '  [production/capacity] shop/shop-recommendations (Deployment, replica 3 of 3): 0/2 nodes are available: 2 Insufficient nvidia.com/gpu.',
    ].join('\n'));
  });

  // Port of TestValidateResourceRequirements / validateContainerResourceName (k8s 1.27).
  test.each<[string, Resources, string]>([
    ['a fraction of a GPU', Resources.of({ cpu: '1', memory: '1Gi', extended: { 'nvidia.com/gpu': '500m' } }),
      'resources.extended["nvidia.com/gpu"] must be an integer (extended resources are counted in whole devices), got "500m": write a whole number, e.g. "1"'],
    ['a negative count', Resources.of({ cpu: '1', memory: '1Gi', extended: { 'nvidia.com/gpu': '-1' } }),
      'resources.extended["nvidia.com/gpu"] must be greater than or equal to 0, got "-1": write a whole number, e.g. "1"'],
    ['not a quantity', Resources.of({ cpu: '1', memory: '1Gi', extended: { 'nvidia.com/gpu': 'one' } }),
      'resources.extended["nvidia.com/gpu"] must be a Kubernetes quantity (quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'), got "one": write a whole number, e.g. "1"'],
    ['a native resource', Resources.of({ cpu: '1', memory: '1Gi', extended: { 'ephemeral-storage': '1' } }),
      'resources.extended must name extended resources (a domain-prefixed name outside kubernetes.io/, e.g. "nvidia.com/gpu"; cpu, memory and hugepages have their own props), got "ephemeral-storage": use the device plugin\'s resource name, e.g. "nvidia.com/gpu"'],
    ['a kubernetes.io resource', Resources.of({ cpu: '1', memory: '1Gi', extended: { 'kubernetes.io/gpu': '1' } }),
      'resources.extended must name extended resources (a domain-prefixed name outside kubernetes.io/, e.g. "nvidia.com/gpu"; cpu, memory and hugepages have their own props), got "kubernetes.io/gpu": use the device plugin\'s resource name, e.g. "nvidia.com/gpu"'],
    ['a GPU without memory', Resources.of({ cpu: '1', extended: { 'nvidia.com/gpu': '1' } } as never),
      'resources.memory is required with extended resources (nvidia.com/gpu): without it the scheduler counts the pod as using no memory on the node, got undefined: state the memory the container needs, e.g. Resources.of({ cpu: \'2\', memory: \'16Gi\', memoryLimit: \'16Gi\', extended: { \'nvidia.com/gpu\': \'1\' } })'],
  ])('fails on %s', (_name, resources, message) => {
    expect(() => worker({ resources })).toThrow(`[shop/worker] ${message}`);
  });

  test('a sidecar\'s GPU is written on the sidecar and counted by the capacity check', () => {
    const { chart, check } = gpuWorker({
      resources: Resources.of({ cpu: '1', memory: '1Gi' }), replicas: 1, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }),
      sidecars: [{ name: 'model', image: IMAGE, resources: GPU_RESOURCES }],
    }, [gpuPool(1)]);
    const spec = podSpec(only(Testing.synth(chart), 'Deployment'));
    expect(spec.containers[0].resources).toEqual({ requests: { cpu: '1', memory: '1024Mi' } });
    expect(spec.containers[1].resources.requests['nvidia.com/gpu']).toBe('1');
    expect(spec.containers[1].resources.limits['nvidia.com/gpu']).toBe('1');
    expect(check.plan.workloads[0].podRequests).toEqual({ 'cpu': '3', 'memory': '9Gi', 'nvidia.com/gpu': '1' });
  });

  test('zero of an extended resource is allowed, as by the API server', () => {
    const resources = podSpec(deploymentOf(worker({ resources: Resources.of({ cpu: '1', memory: '1Gi', extended: { 'nvidia.com/gpu': '0' } }) }).app)).containers[0].resources;
    expect(resources.limits).toEqual({ 'nvidia.com/gpu': '0' });
  });
});

describe('rollout', () => {
  test('maxSurge 0 is written as 0 (not dropped), and the capacity check budgets no surge', () => {
    const { chart, check } = gpuWorker({ replicas: 2, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) }, [gpuPool(2)]);
    const manifests = Testing.synth(chart);
    expect(only(manifests, 'Deployment').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expect(check.plan.workloads[0]).toMatchObject({ replicas: 2, surge: 0, surgeSource: '' });
  });

  test('the default rollout surges 25% (rounded up) and keeps every pod (25% of 2 rounds down to 0): one more GPU node is needed', () => {
    const { chart } = gpuWorker({ replicas: 2 }, [gpuPool(2)]);
    expect(() => Testing.synth(chart)).toThrow(
      '[production/capacity] shop/shop-recommendations (Deployment) rollout stalls: 1 of 1 surge pod cannot be placed and no old pod is removed before its replacement is ready (maxUnavailable 0); first: shop/shop-recommendations (Deployment, replica 3 of 3, rollout surge): 0/2 nodes are available: 2 Insufficient nvidia.com/gpu.');
  });

  test('capacity: Recreate budgets no surge, and an environment\'s rollout override reaches the capacity check', () => {
    const recreate = gpuWorker({ replicas: 2, rollout: Rollout.recreate() }, [gpuPool(2)]);
    Testing.synth(recreate.chart);
    expect(recreate.check.plan.workloads[0]).toMatchObject({ replicas: 2, surge: 0 });

    const overridden = gpuWorker({ replicas: 2 }, [gpuPool(2)], { recommendations: { rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) } });
    Testing.synth(overridden.chart);
    expect(overridden.check.plan.workloads[0]).toMatchObject({ replicas: 2, surge: 0 });
  });

  test('percent strings and recreate', () => {
    expect(deploymentOf(worker({ rollout: Rollout.rollingUpdate({ maxSurge: '50%' }) }).app).spec.strategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: '25%' } });
    const recreate = worker({ replicas: 4, rollout: Rollout.recreate() });
    expect(deploymentOf(recreate.app).spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('StatefulService: partition and OnDelete', () => {
    const chart = shopChart();
    new StatefulService(chart, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', replicas: 3, rollout: Rollout.rollingUpdate({ partition: 2 }) });
    new StatefulService(chart, 'cache', { image: IMAGE, resources: RESOURCES, port: 6379, storageSize: '1Gi', rollout: Rollout.onDelete() });
    const manifests = synthValid(chart);
    expect(only(manifests, 'StatefulSet', 'shop-db').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } });
    expect(only(manifests, 'StatefulSet', 'shop-cache').spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  // Port of ValidateRollingUpdateDeployment / ValidatePositiveIntOrPercent (k8s 1.27 apps validation).
  test.each<[string, Rollout, string]>([
    ['both zero', Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 0 }),
      'rollout maxUnavailable may not be 0 when `maxSurge` is 0, got 0: allow one pod down (maxUnavailable: 1) or one extra pod (maxSurge: 1)'],
    ['both zero percent', Rollout.rollingUpdate({ maxSurge: '0%', maxUnavailable: 0 }),
      'rollout maxUnavailable may not be 0 when `maxSurge` is 0, got 0: allow one pod down (maxUnavailable: 1) or one extra pod (maxSurge: 1)'],
    ['maxUnavailable over 100%', Rollout.rollingUpdate({ maxUnavailable: '101%' }),
      'rollout maxUnavailable must not be greater than 100%, got "101%": use at most \'100%\''],
    // TestValidateDeployment: errorCases["a valid percent string must be"] (MaxSurge "20Percent") and ["must not be greater than 100%"] (MaxUnavailable "110%")
    ['maxSurge "20Percent"', Rollout.rollingUpdate({ maxSurge: '20Percent' }),
      'rollout maxSurge must be a number of pods or a valid percent string (a numeric string followed by an ending \'%\', e.g. \'1%\' or \'93%\'), got "20Percent": use e.g. 1 or \'25%\''],
    ['maxUnavailable "110%"', Rollout.rollingUpdate({ maxUnavailable: '110%' }),
      'rollout maxUnavailable must not be greater than 100%, got "110%": use at most \'100%\''],
    ['a string without %', Rollout.rollingUpdate({ maxSurge: '25' }),
      'rollout maxSurge must be a number of pods or a valid percent string (a numeric string followed by an ending \'%\', e.g. \'1%\' or \'93%\'), got "25": use e.g. 1 or \'25%\''],
    ['a negative number', Rollout.rollingUpdate({ maxUnavailable: -1 }),
      'rollout maxUnavailable must be greater than or equal to 0 (a whole number of pods), got -1: use a number of pods such as 1, or a percentage such as \'25%\''],
    ['partition on a Deployment', Rollout.rollingUpdate({ partition: 1 }),
      'rollout partition only applies to StatefulServices, got 1: use maxSurge / maxUnavailable for a Deployment'],
    ['OnDelete on a Deployment', Rollout.onDelete(),
      'rollout OnDelete only applies to StatefulServices, got "Rollout.onDelete()": use Rollout.rollingUpdate(...) or Rollout.recreate() for a Deployment'],
  ])('fails on a Deployment rollout: %s', (_name, rollout, message) => {
    expect(() => worker({ rollout })).toThrow(`[shop/worker] ${message}`);
  });

  test('maxSurge over 100% is allowed (only maxUnavailable is capped)', () => {
    expect(deploymentOf(worker({ rollout: Rollout.rollingUpdate({ maxSurge: '200%' }) }).app).spec.strategy.rollingUpdate.maxSurge).toBe('200%');
  });

  test('fails on Recreate or maxSurge for a StatefulService', () => {
    const db = (rollout: Rollout) => new StatefulService(shopChart(), 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', rollout });
    expect(() => db(Rollout.recreate())).toThrow('[shop/db] rollout Recreate only applies to Deployments, got "Rollout.recreate()": use Rollout.rollingUpdate({ partition }) or Rollout.onDelete() for a StatefulService');
    expect(() => db(Rollout.rollingUpdate({ maxSurge: 1 }))).toThrow('[shop/db] rollout maxSurge does not apply to StatefulSets (they never run more pods than replicas), got 1: remove maxSurge; use partition to stage the update');
  });
});

describe('sidecars and init containers', () => {
  const sidecar = { name: 'log-shipper', image: 'ghcr.io/acme/shipper:2.1.0', resources: Resources.of({ cpu: '50m', memory: '64Mi', memoryLimit: '64Mi' }) };
  const migrate = { name: 'migrate', image: 'ghcr.io/acme/shop-migrate:1.8.2', resources: Resources.of({ cpu: '1', memory: '512Mi' }), args: ['up'] };

  test('have their stated resources (never 1000m / 512Mi) and the secure defaults', () => {
    const spec = podSpec(deploymentOf(worker({ sidecars: [{ ...sidecar, env: { LEVEL: 'info' } }], initContainers: [migrate] }).app));
    expect(spec.containers.map((c: Manifest) => c.name)).toEqual(['worker', 'log-shipper']);
    expect(spec.containers[1].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } });
    expect(spec.containers[1].env).toEqual([{ name: 'LEVEL', value: 'info' }]);
    expect(spec.initContainers.map((c: Manifest) => [c.name, c.args, c.resources])).toEqual([['migrate', ['up'], { requests: { cpu: '1', memory: '512Mi' } }]]);
    expect(spec.containers[1].securityContext).toEqual(spec.containers[0].securityContext);
    expect(spec.initContainers[0].securityContext).toEqual(spec.containers[0].securityContext);
    expect(spec.containers[1].volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(restrictedViolations(spec)).toEqual([]);
  });

  test('with readOnlyRootFilesystem: false on the main container, sidecars still get a read-only root and /tmp', () => {
    const spec = podSpec(deploymentOf(worker({ readOnlyRootFilesystem: false, sidecars: [sidecar] }).app));
    expect(spec.containers[0].volumeMounts).toBeUndefined();
    expect(spec.containers[1].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(spec.containers[1].volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(spec.volumes).toEqual([{ emptyDir: {}, name: 'tmp' }]);
  });

  test('capacity: sidecars add up, init containers count by the largest, as the scheduler does', () => {
    const { chart, check } = gpuWorker({ resources: Resources.of({ cpu: '500m', memory: '256Mi' }), tolerations: [], sidecars: [sidecar], initContainers: [migrate], rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) }, [GENERAL]);
    Testing.synth(chart);
    // max(500m + 50m, 1000m) cpu; max(256Mi + 64Mi, 512Mi) memory
    expect(check.plan.workloads[0].podRequests).toEqual({ cpu: '1', memory: '512Mi' });
  });

  test('a sidecar can publish a named port on the Service', () => {
    const chart = shopChart();
    new WebService(chart, 'web', { image: IMAGE, resources: RESOURCES, sidecars: [{ ...sidecar, ports: [{ name: 'metrics', port: 9102 }] }] });
    const manifests = synthValid(chart);
    const spec = podSpec(only(manifests, 'Deployment'));
    expect(spec.containers[1].ports).toEqual([{ containerPort: 9102, name: 'metrics', protocol: 'TCP' }]);
    expect(only(manifests, 'Service').spec.ports.map((p: Manifest) => `${p.name}:${p.port}->${p.targetPort}`)).toEqual(['http:80->8080', 'metrics:9102->9102']);
    // a Worker whose only port is a sidecar's gets a Service for it too
    const w = worker({ sidecars: [{ ...sidecar, ports: [{ name: 'metrics', port: 9102 }] }] });
    expect(only(synthValid(w.app), 'Service').spec.ports).toEqual([{ name: 'metrics', port: 9102, targetPort: 9102, protocol: 'TCP' }]);
  });

  test.each<[string, Partial<WorkerProps>, string]>([
    ['a sidecar without resources', { sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0' } as never] },
      'sidecars[0].resources is required, got undefined: state what the container needs, e.g. resources: Resources.of({ cpu: \'50m\', memory: \'64Mi\', memoryLimit: \'64Mi\' }); there is no default (cdk8s-plus would silently request 1000m / 512Mi)'],
    ['a sidecar named like the main container', { sidecars: [{ ...sidecar, name: 'worker' }] },
      'sidecars[0].name is already the name of the main container, got "worker": give every container of the pod its own name'],
    ['an init container named like a sidecar', { sidecars: [sidecar], initContainers: [{ ...migrate, name: 'log-shipper' }] },
      'initContainers[0].name is already the name of sidecars[0], got "log-shipper": give every container of the pod its own name'],
    ['an init container with a health check', { initContainers: [{ ...migrate, healthCheck: HealthCheck.tcp({ port: 80 }) }] },
      'initContainers[0].healthCheck must not be set on an init container (it runs to completion; the API server rejects its probes), got "tcp": remove healthCheck, or make it a sidecar'],
    ['a sidecar with the image tag latest', { sidecars: [{ ...sidecar, image: 'ghcr.io/acme/shipper:latest' }] },
      'sidecars[0].image must not use the moving tag "latest", got "ghcr.io/acme/shipper:latest": pin a version tag, e.g. "ghcr.io/acme/shipper:1.0.0"'],
    ['a fractional GPU on a sidecar', { sidecars: [{ ...sidecar, resources: Resources.of({ cpu: '1', memory: '1Gi', extended: { 'nvidia.com/gpu': '0.5' } }) }] },
      'sidecars[0].resources.extended["nvidia.com/gpu"] must be an integer (extended resources are counted in whole devices), got "0.5": write a whole number, e.g. "1"'],
  ])('fails on %s', (_name, props, message) => {
    expect(() => worker(props)).toThrow(`[shop/worker] ${message}`);
  });
});

describe('image pull policy', () => {
  // Kubernetes 1.27 pkg/apis/core/v1/defaults.go SetDefaults_Container: Always when the tag is
  // "latest", else IfNotPresent; written explicitly instead of cdk8s-plus's default (Always).
  const SHA = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const small = Resources.of({ cpu: '50m', memory: '64Mi', memoryLimit: '64Mi' });
  const policies = (manifests: Manifest[]): [string, string, string][] => manifests
    .filter((m) => ['Deployment', 'CronJob', 'StatefulSet', 'Job'].includes(m.kind))
    .flatMap((w) => [...podSpec(w).initContainers ?? [], ...podSpec(w).containers]
      .map((c: Manifest): [string, string, string] => [w.kind, c.name, c.imagePullPolicy]));

  test('a pinned tag defaults to IfNotPresent in every kind and every container', () => {
    // GIVEN one component of each kind; the Worker with a sidecar and an init container
    const chart = shopChart();
    new WebService(chart, 'web', { image: IMAGE, resources: RESOURCES });
    worker({
      sidecars: [{ name: 'log-shipper', image: 'ghcr.io/acme/shipper:2.1.0', resources: small }],
      initContainers: [{ name: 'fetch', image: 'docker.io/library/busybox:1.36', resources: small }],
    }, chart);
    new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily() });
    new StatefulService(chart, 'db', { image: 'postgres:15.4', resources: RESOURCES, port: 5432, storageSize: '1Gi' });
    new Migration(chart, 'migrate', { image: IMAGE, resources: RESOURCES });

    // WHEN / THEN
    expect(policies(synthValid(chart))).toEqual([
      ['Deployment', 'web', 'IfNotPresent'],
      ['Deployment', 'fetch', 'IfNotPresent'],
      ['Deployment', 'worker', 'IfNotPresent'],
      ['Deployment', 'log-shipper', 'IfNotPresent'],
      ['CronJob', 'report', 'IfNotPresent'],
      ['StatefulSet', 'db', 'IfNotPresent'],
      ['Job', 'migrate', 'IfNotPresent'],
    ]);
  });

  test('a digest defaults to IfNotPresent; the tag "latest" next to a digest to Always, as Kubernetes defaults it', () => {
    const chart = shopChart();
    worker({
      image: `ghcr.io/acme/shop-worker@${SHA}`,
      sidecars: [{ name: 'log-shipper', image: `ghcr.io/acme/shipper:latest@${SHA}`, resources: small }],
      initContainers: [{ name: 'fetch', image: `ghcr.io/acme/fetch:1.0.0@${SHA}`, resources: small }],
    }, chart);
    expect(policies(synthValid(chart))).toEqual([
      ['Deployment', 'fetch', 'IfNotPresent'],
      ['Deployment', 'worker', 'IfNotPresent'],
      ['Deployment', 'log-shipper', 'Always'],
    ]);
  });

  test('the default follows the image an environment promotes', () => {
    const chart = shopChart({}, { worker: { image: `ghcr.io/acme/shop-worker:latest@${SHA}` } });
    worker({}, chart);
    expect(policies(synthValid(chart))).toEqual([['Deployment', 'worker', 'Always']]);
  });

  test('imagePullPolicy sets it per container; the guardrails accept it and the capacity check is unchanged', () => {
    // GIVEN every container with a policy other than its default
    const { chart, env, check } = gpuWorker({
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }),
      sidecars: [{ name: 'model-sync', image: `ghcr.io/acme/model-sync:latest@${SHA}`, resources: small, imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT }],
      initContainers: [{ name: 'fetch', image: 'ghcr.io/acme/fetch:1.0.0', resources: small, imagePullPolicy: ImagePullPolicy.NEVER }],
    }, [gpuPool(1)]);

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    expect(policies(manifests)).toEqual([
      ['Deployment', 'fetch', 'Never'],
      ['Deployment', 'recommendations', 'Always'],
      ['Deployment', 'model-sync', 'IfNotPresent'],
    ]);
    // Neither reads the policy: the schema guardrail sees a string field, the scheduler no field at all.
    expect(findings(env)).toEqual([]);
    expect(check.plan.fits).toBe(true);
    expect(check.plan.workloads[0].podRequests).toEqual({ 'cpu': '2050m', 'memory': '8256Mi', 'nvidia.com/gpu': '1' });
  });

  test('fails on a value that is not a pull policy', () => {
    expect(() => worker({ imagePullPolicy: 'Sometimes' as ImagePullPolicy })).toThrow(
      '[shop/worker] imagePullPolicy must be one of "Always", "IfNotPresent", "Never", got "Sometimes": use ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT or ImagePullPolicy.NEVER');
    expect(() => worker({ sidecars: [{ name: 'log-shipper', image: 'ghcr.io/acme/shipper:2.1.0', resources: small, imagePullPolicy: 'always' as ImagePullPolicy }] })).toThrow(
      '[shop/worker] sidecars[0].imagePullPolicy must be one of "Always", "IfNotPresent", "Never", got "always": use ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT or ImagePullPolicy.NEVER');
  });
});

describe('ports and Services', () => {
  test('a Worker with a metrics port gets a Service; the Service is a public field', () => {
    const w = worker({ ports: [{ name: 'metrics', port: 9090, appProtocol: 'http' }] });
    const manifests = synthValid(w.app);
    expect(w.service).toBeDefined();
    expect(only(manifests, 'Service').spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP', appProtocol: 'http' }],
      selector: { 'app.kubernetes.io/component': 'worker', 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'shop' },
    });
    expect(podSpec(only(manifests, 'Deployment')).containers[0].ports).toEqual([{ containerPort: 9090, name: 'metrics', protocol: 'TCP' }]);
    expect(worker().service).toBeUndefined();
  });

  test('WebService: more named ports, and a LoadBalancer on request', () => {
    const chart = shopChart();
    const web = new WebService(chart, 'web', {
      image: IMAGE, resources: RESOURCES, serviceType: ServiceType.LOAD_BALANCER,
      ports: [{ name: 'metrics', port: 9090 }, { name: 'grpc', port: 9000, servicePort: 90, appProtocol: 'kubernetes.io/h2c' }, { name: 'dns', port: 5353, protocol: Protocol.UDP }],
    });
    const service = only(synthValid(chart), 'Service');
    expect(web.service).toBeDefined();
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
      { name: 'grpc', port: 90, targetPort: 9000, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
      { name: 'dns', port: 5353, targetPort: 5353, protocol: 'UDP' },
    ]);
  });

  test('headless on request: a WebService or Worker Service with clusterIP None', () => {
    const w = worker({ ports: [{ name: 'grpc', port: 9000, appProtocol: 'grpc' }], headless: true });
    expect(only(synthValid(w.app), 'Service').spec).toMatchObject({ clusterIP: 'None', type: 'ClusterIP' });
    expect(() => worker({ ports: [{ name: 'grpc', port: 9000 }], headless: true, serviceType: ServiceType.NODE_PORT })).toThrow(
      '[shop/worker] serviceType must be ClusterIP for a headless Service, got "NodePort": remove serviceType');
  });

  test('StatefulService: extra ports on its headless Service', () => {
    const chart = shopChart();
    new StatefulService(chart, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, portName: 'postgres', storageSize: '1Gi', ports: [{ name: 'metrics', port: 9187 }] });
    const service = only(synthValid(chart), 'Service');
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.ports.map((p: Manifest) => p.name)).toEqual(['postgres', 'metrics']);
  });

  test.each<[string, () => unknown, string]>([
    ['a port named like WebService\'s http', () => new WebService(shopChart(), 'web', { image: IMAGE, resources: RESOURCES, ports: [{ name: 'http', port: 9090 }] }),
      '[shop/web] ports[0].name is already the name of the component\'s own port, got "http": give every port of the pod its own name'],
    ['two ports named metrics', () => worker({ ports: [{ name: 'metrics', port: 9090 }], sidecars: [{ name: 'proxy', image: IMAGE, resources: RESOURCES, ports: [{ name: 'metrics', port: 9091 }] }] }),
      '[shop/worker] sidecars[0].ports[0].name is already the name of ports[0], got "metrics": give every port of the pod its own name'],
    ['a port name that is not an IANA service name', () => worker({ ports: [{ name: 'Metrics', port: 9090 }] }),
      '[shop/worker] ports[0].name must be an IANA service name (at most 15 lower-case letters, digits and single "-", with at least one letter), got "Metrics": use a name such as "http" or "postgres"'],
    ['serviceType on a Worker without ports', () => worker({ serviceType: ServiceType.NODE_PORT }),
      '[shop/worker] serviceType needs ports: a Worker gets a Service only when it has ports, got "NodePort": add ports (e.g. { name: \'metrics\', port: 9090 }) or remove serviceType'],
    ['a LoadBalancer for a headless Service', () => new StatefulService(shopChart(), 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', serviceType: ServiceType.LOAD_BALANCER }),
      '[shop/db] serviceType must be ClusterIP for a headless Service, got "LoadBalancer": remove serviceType'],
  ])('fails on %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('identity', () => {
  test('serviceAccount creates a ServiceAccount with the Workload Identity annotation; the pods run as it', () => {
    const w = worker({ serviceAccount: { annotations: { 'iam.gke.io/gcp-service-account': 'recs@acme-prod.iam.gserviceaccount.com' } } });
    const manifests = synthValid(w.app);
    const account = only(manifests, 'ServiceAccount');
    expect(account.metadata.name).toBe('shop-worker');
    expect(account.metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'recs@acme-prod.iam.gserviceaccount.com' });
    expect(account.automountServiceAccountToken).toBe(false);
    expect(podSpec(only(manifests, 'Deployment'))).toMatchObject({ serviceAccountName: 'shop-worker', automountServiceAccountToken: false });
    expect(w.serviceAccount).toBeDefined();
    expect(w.serviceAccountName).toBe('shop-worker');
  });

  test('serviceAccountName and imagePullSecrets are declared external, so the references guardrail accepts them', () => {
    const { chart, env } = gpuWorker({ serviceAccountName: 'recs-reader', imagePullSecrets: ['ghcr-pull'], rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) }, [gpuPool(1)]);
    const spec = podSpec(only(Testing.synth(chart), 'Deployment'));
    expect(spec.serviceAccountName).toBe('recs-reader');
    expect(spec.imagePullSecrets).toEqual([{ name: 'ghcr-pull' }]);
    // the references rule flags both when undeclared (test/guardrails/catalogue.test.ts); here it finds nothing
    expect(findings(env)).toEqual([]);
  });

  test('fails on serviceAccount with serviceAccountName', () => {
    expect(() => worker({ serviceAccount: {}, serviceAccountName: 'x' })).toThrow(
      '[shop/worker] serviceAccount cannot be combined with serviceAccountName, got "x": set serviceAccount to create a ServiceAccount, or serviceAccountName to use an existing one');
  });
});

describe('metadata', () => {
  test('labels and annotations on the component\'s objects, podLabels and podAnnotations on the pods', () => {
    const manifests = synthValid(worker({
      labels: { 'acme.example/team': 'ml' },
      annotations: { 'acme.example/owner': 'ml-platform@acme.example' },
      podLabels: { 'acme.example/gpu': 'true' },
      podAnnotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' },
      ports: [{ name: 'metrics', port: 9090 }],
    }).app);
    for (const kind of ['Deployment', 'Service']) {
      const o = only(manifests, kind);
      expect(o.metadata.labels['acme.example/team']).toBe('ml');
      expect(o.metadata.annotations).toEqual({ 'acme.example/owner': 'ml-platform@acme.example' });
    }
    const template = podTemplate(only(manifests, 'Deployment'));
    expect(template.metadata.labels).toMatchObject({ 'acme.example/team': 'ml', 'acme.example/gpu': 'true', 'app.kubernetes.io/component': 'worker' });
    expect(template.metadata.annotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' });
    // selectors stay the recommended labels only
    expect(only(manifests, 'Deployment').spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/component': 'worker', 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'shop',
    });
  });

  test.each<[string, Partial<WorkerProps>, string]>([
    ['a label overriding a recommended one', { labels: { 'app.kubernetes.io/name': 'recs' } },
      'labels may not set the recommended label "app.kubernetes.io/name": the app sets it and selectors depend on it, got "app.kubernetes.io/name": use another label key (e.g. "acme.example/team"), or set name, version or partOf on the AppChart or component'],
    ['a pod label overriding the component label', { podLabels: { 'app.kubernetes.io/component': 'x' } },
      'podLabels may not set the recommended label "app.kubernetes.io/component": the app sets it and selectors depend on it, got "app.kubernetes.io/component": use another label key (e.g. "acme.example/team"), or set name, version or partOf on the AppChart or component'],
    ['the config checksum annotation', { podAnnotations: { 'checksum/config': 'x' } },
      'podAnnotations may not set "checksum/config": the component sets it (a hash of its config, so a change rolls the pods), got "checksum/config": use another annotation key'],
  ])('fails on %s', (_name, props, message) => {
    expect(() => worker(props)).toThrow(`[shop/worker] ${message}`);
  });
});

describe('environment overrides', () => {
  test('image, env, config, nodeSelector, tolerations and rollout differ per environment', () => {
    // GIVEN a worker and production overrides for each
    const chart = shopChart({}, {
      worker: {
        image: 'ghcr.io/acme/shop-worker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        env: { LOG_LEVEL: 'warn' },
        config: { BATCH: '500' },
        nodeSelector: { 'acme.example/pool': 'batch' },
        tolerations: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
        rollout: Rollout.recreate(),
      },
    });
    worker({ env: { LOG_LEVEL: 'info', REGION: 'eu' }, config: { BATCH: '100', MODE: 'fast' } }, chart);

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    const deployment = only(manifests, 'Deployment');
    const container = podSpec(deployment).containers[0];
    expect(container.image).toBe('ghcr.io/acme/shop-worker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
    expect(container.env).toEqual([{ name: 'LOG_LEVEL', value: 'warn' }, { name: 'REGION', value: 'eu' }]);
    expect(only(manifests, 'ConfigMap').data).toEqual({ BATCH: '500', MODE: 'fast' });
    expect(podSpec(deployment).nodeSelector).toEqual({ 'acme.example/pool': 'batch' });
    expect(podSpec(deployment).tolerations).toEqual([{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }]);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('fails naming the environment when an overridden value is bad', () => {
    const chart = shopChart({}, { worker: { image: 'ghcr.io/acme/shop-worker:latest', tolerations: [{ key: 'a', operator: 'Exists', value: 'b' }] } });
    expect(() => worker({}, chart)).toThrow('[production/shop/worker] image (override from environment "production") must not use the moving tag "latest", got "ghcr.io/acme/shop-worker:latest": pin a version tag, e.g. "ghcr.io/acme/shop-worker:1.0.0"');
    const tolerations = shopChart({}, { worker: { tolerations: [{ key: 'a', operator: 'Exists', value: 'b' }] } });
    expect(() => worker({}, tolerations)).toThrow('[production/shop/worker] tolerations (override from environment "production")[0].operator value must be empty when `operator` is \'Exists\', got "b"');
  });

  test('fails when a rollout override is given to a ScheduledTask', () => {
    const chart = shopChart({}, { report: { rollout: Rollout.recreate() } });
    expect(() => new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily() })).toThrow(
      /^\[production\/shop\/report\] rollout \(override from environment "production"\) does not apply to a ScheduledTask, got /);
  });
});

describe('probes', () => {
  const web = (props: Partial<WorkerProps> & { port?: number }) => {
    const chart = shopChart();
    new WebService(chart, 'web', { image: IMAGE, resources: RESOURCES, ...props });
    return podSpec(only(synthValid(chart), 'Deployment')).containers[0];
  };

  test('HealthCheck.http derives readiness (the path), startup (the path, 5 minutes) and liveness (TCP): never identical', () => {
    const c = web({ healthCheck: HealthCheck.http('/readyz') });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/readyz', port: 8080, scheme: 'HTTP' }, failureThreshold: 3, periodSeconds: 10, timeoutSeconds: 1 });
    expect(c.startupProbe).toEqual({ httpGet: { path: '/readyz', port: 8080, scheme: 'HTTP' }, failureThreshold: 30, periodSeconds: 10, timeoutSeconds: 1 });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, failureThreshold: 3, periodSeconds: 10, timeoutSeconds: 1 });
  });

  test('HealthCheck.tcp (the WebService default) gives readiness and startup, no liveness', () => {
    const c = web({});
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 8080 }, failureThreshold: 3, periodSeconds: 10, timeoutSeconds: 1 });
    expect(c.startupProbe).toEqual({ tcpSocket: { port: 8080 }, failureThreshold: 30, periodSeconds: 10, timeoutSeconds: 1 });
    expect(c.livenessProbe).toBeUndefined();
  });

  test('readiness, liveness and startup can each be chosen, with their own timings', () => {
    const c = web({
      healthCheck: HealthCheck.http('/readyz'),
      livenessProbe: HealthCheck.http('/livez', { period: Duration.seconds(20), timeout: Duration.seconds(3), failureThreshold: 5, initialDelay: Duration.seconds(15) }),
      startupProbe: HealthCheck.none(),
    });
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/livez', port: 8080, scheme: 'HTTP' }, failureThreshold: 5, initialDelaySeconds: 15, periodSeconds: 20, timeoutSeconds: 3,
    });
    expect(c.startupProbe).toBeUndefined();
  });

  test('HealthCheck.grpc(port) writes gRPC probes (which cdk8s-plus cannot), and the probe-port guardrail sees them', () => {
    const { chart, env } = gpuWorker({
      replicas: 1, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }),
      ports: [{ name: 'grpc', port: 9000 }], healthCheck: HealthCheck.grpc(9000, 'recommendations.v1.Recommender'),
    }, [gpuPool(1)]);
    const c = podSpec(only(Testing.synth(chart), 'Deployment')).containers[0];
    expect(c.readinessProbe).toEqual({ grpc: { port: 9000, service: 'recommendations.v1.Recommender' }, failureThreshold: 3, periodSeconds: 10, timeoutSeconds: 1 });
    expect(c.startupProbe).toEqual({ grpc: { port: 9000, service: 'recommendations.v1.Recommender' }, failureThreshold: 30, periodSeconds: 10, timeoutSeconds: 1 });
    expect(c.livenessProbe).toBeUndefined();
    expect(findings(env)).toEqual([]);
  });

  test('a gRPC probe on a port the container does not declare is valid (Kubernetes probes any port number)', () => {
    const { chart, env } = gpuWorker({
      replicas: 1, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }),
      ports: [{ name: 'grpc', port: 9000 }], healthCheck: HealthCheck.grpc(9001),
    }, [gpuPool(1)]);
    expect(podSpec(only(Testing.synth(chart), 'Deployment')).containers[0].readinessProbe.grpc).toEqual({ port: 9001 });
    expect(findings(env)).toEqual([]);
  });

  test('fails on a probe for an init container and on a sub-second period', () => {
    expect(() => worker({ initContainers: [{ name: 'migrate', image: IMAGE, resources: RESOURCES, readinessProbe: HealthCheck.command(['true']) }] }))
      .toThrow('[shop/worker] initContainers[0].readinessProbe must not be set on an init container (it runs to completion; the API server rejects its probes), got "command": remove readinessProbe, or make it a sidecar');
    expect(() => web({ livenessProbe: HealthCheck.tcp({ period: Duration.millis(500) }) }))
      .toThrow('[shop/web] livenessProbe period must be a whole number of seconds, got "500 millis": use whole seconds, e.g. Duration.seconds(1)');
  });
});

describe('volumes', () => {
  test('emptyDir with sizeLimit and medium Memory, Secret and ConfigMap volumes, existing and created claims', () => {
    const w = worker({
      mounts: [
        Mount.emptyDir('cache', '/var/cache/app', { sizeLimit: '2Gi' }),
        Mount.emptyDir('shm', '/dev/shm', { medium: EmptyDirMedium.MEMORY, sizeLimit: '1Gi' }),
        Mount.secret('tls', '/etc/tls', 'shop-api-tls'),
        Mount.configMap('ca', '/etc/ca', 'shared-ca'),
        Mount.claim('models', '/models', 'recommendation-models', { readOnly: true }),
        Mount.newClaim('uploads', '/srv/uploads', { size: '20Gi', storageClassName: 'standard-rwx', accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY] }),
      ],
    });
    const manifests = synthValid(w.app);
    const spec = podSpec(only(manifests, 'Deployment'));
    expect(spec.volumes).toEqual([
      { emptyDir: {}, name: 'tmp' },
      { emptyDir: { sizeLimit: '2048Mi' }, name: 'cache' },
      { emptyDir: { medium: 'Memory', sizeLimit: '1024Mi' }, name: 'shm' },
      { name: 'tls', secret: { secretName: 'shop-api-tls' } },
      { configMap: { name: 'shared-ca' }, name: 'ca' },
      { name: 'models', persistentVolumeClaim: { claimName: 'recommendation-models', readOnly: false } },
      { name: 'uploads', persistentVolumeClaim: { claimName: 'shop-worker-uploads', readOnly: false } },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { mountPath: '/tmp', name: 'tmp' },
      { mountPath: '/var/cache/app', name: 'cache' },
      { mountPath: '/dev/shm', name: 'shm' },
      { mountPath: '/etc/tls', name: 'tls', readOnly: true },
      { mountPath: '/etc/ca', name: 'ca', readOnly: true },
      { mountPath: '/models', name: 'models', readOnly: true },
      { mountPath: '/srv/uploads', name: 'uploads' },
    ]);
    expect(only(manifests, 'PersistentVolumeClaim').spec).toEqual({
      accessModes: ['ReadWriteMany'], resources: { requests: { storage: '20Gi' } }, storageClassName: 'standard-rwx', volumeMode: 'Filesystem',
    });
  });

  test('a new claim of 20G (not a whole Mi, valid for the API server) is written as typed', () => {
    const w = worker({ mounts: [Mount.newClaim('uploads', '/srv/uploads', { size: '20G' })] });
    expect(only(synthValid(w.app), 'PersistentVolumeClaim').spec.resources).toEqual({ requests: { storage: '20G' } });
  });

  test('the references guardrail accepts the mounted Secret and ConfigMap (declared external)', () => {
    const { chart, env } = gpuWorker({
      replicas: 1, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }),
      mounts: [Mount.secret('tls', '/etc/tls', 'shop-api-tls'), Mount.configMap('ca', '/etc/ca', 'shared-ca')],
    }, [gpuPool(1)]);
    Testing.synth(chart);
    expect(findings(env)).toEqual([]);
  });

  test('StatefulService: access modes and a second claim template', () => {
    const chart = shopChart();
    new StatefulService(chart, 'db', {
      image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '50Gi', storageAccessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE_POD],
      additionalClaims: [{ name: 'wal', mountPath: '/wal', size: '10Gi', storageClassName: 'fast' }],
    });
    const sts = only(synthValid(chart), 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates.map((t: Manifest) => [t.metadata.name, t.spec])).toEqual([
      ['data', { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '50Gi' } } }],
      ['wal', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'fast' }],
    ]);
    expect(podSpec(sts).containers[0].volumeMounts).toEqual([
      { mountPath: '/data', name: 'data' }, { mountPath: '/wal', name: 'wal' }, { mountPath: '/tmp', name: 'tmp' },
    ]);
    expect(podSpec(sts).volumes).toEqual([{ emptyDir: {}, name: 'tmp' }]);
  });

  test.each<[string, () => unknown, string]>([
    ['a volume named tmp', () => worker({ mounts: [Mount.emptyDir('tmp', '/scratch')] }),
      '[shop/worker] mounts[0] name is already the name of a volume of the pod, got "tmp": give every volume its own name ("tmp", "config-files" are taken)'],
    ['a relative mount path', () => worker({ mounts: [Mount.emptyDir('cache', 'cache')] }),
      '[shop/worker] mounts[0] path must be an absolute path, got "cache": use e.g. "/var/cache/app"'],
    ['an emptyDir sizeLimit of 1GB', () => worker({ mounts: [Mount.emptyDir('cache', '/cache', { sizeLimit: '1GB' })] }),
      '[shop/worker] mounts[0] sizeLimit must be a quantity of 0 or more, got "1GB": write e.g. "1Gi" or "500M"'],
    ['a second claim template named data', () => new StatefulService(shopChart(), 'db', {
      image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', additionalClaims: [{ name: 'data', mountPath: '/x', size: '1Gi' }],
    }), '[shop/db] additionalClaims[0].name is the name of the main claim template, got "data": use another name, e.g. "wal"'],
  ])('fails on %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('escape hatch: ApiObject.of(component.<object>).addJsonPatch', () => {
  test('the guardrails and the capacity check see what a patch writes', () => {
    // GIVEN the GPU worker, patched to ask for a second GPU and to run privileged
    const { chart, worker: recs } = gpuWorker({ replicas: 1, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) }, [gpuPool(1)]);
    const deployment = ApiObject.of(recs.deployment);
    // L1-typed values (Quantity, not a plain string), or the generated mapping drops them
    deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/resources/requests/nvidia.com~1gpu', Quantity.fromString('2')));
    deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu', Quantity.fromString('2')));
    deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/privileged', true));

    // THEN synth fails: the capacity check sees two GPUs, the pod-security guardrail the privileged container
    expect(() => Testing.synth(chart)).toThrow([
      'Validation failed with the following errors:',
      '  [production/Guardrails] [production/shop/recommendations/Deployment/Resource] Deployment shop/shop-recommendations: violates PodSecurity "restricted:v1.27": privileged (container "recommendations" must not set securityContext.privileged=true) (pod-security)',
      '  [production/capacity] cluster nvidia.com/gpu: requests 2 exceed allocatable 1 (200%)',
      '  [production/capacity] shop/shop-recommendations (Deployment, replica 1 of 1): 0/1 nodes are available: 1 Insufficient nvidia.com/gpu.',
    ].join('\n'));
  });

  test('every component exposes its objects, typed', () => {
    const chart = shopChart();
    const web = new WebService(chart, 'web', { image: IMAGE, resources: RESOURCES, ingressHost: 'shop.example.com', maxReplicas: 4 });
    const w = worker({ ports: [{ name: 'metrics', port: 9090 }], serviceAccount: {}, config: { A: 'b' } }, chart);
    const db = new StatefulService(chart, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi' });
    const task = new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily() });
    const names = (objects: Array<{ node: { path: string } } | undefined>) => objects.map((o) => o?.node.path);
    expect(names([web.deployment, web.service, web.ingress, web.autoscaler, web.disruptionBudget])).toEqual([
      'shop/web/Deployment', 'shop/web/Service', 'shop/web/Ingress', 'shop/web/HorizontalPodAutoscaler', 'shop/web/PodDisruptionBudget',
    ]);
    expect(names([w.deployment, w.service, w.serviceAccount, w.configMap])).toEqual([
      'shop/worker/Deployment', 'shop/worker/Service', 'shop/worker/ServiceAccountResource', 'shop/worker/ConfigMap',
    ]);
    expect(names([db.statefulSet, db.service, task.cronJob])).toEqual(['shop/db/StatefulSet', 'shop/db/Service', 'shop/report/CronJob']);
  });
});

describe('namespace scheme', () => {
  test('APP_AND_ENVIRONMENT names the namespace <app>-<environment>, so two environments can share a cluster', () => {
    const app = Testing.app();
    const staging = new AppChart(new Environment(app, 'staging', { namespaceScheme: NamespaceScheme.APP_AND_ENVIRONMENT }), 'shop', { version: '1.8.2' });
    const production = new AppChart(new Environment(app, 'production'), 'shop', { version: '1.8.2' });
    worker({}, staging);
    worker({}, production);
    const ns = (chart: AppChart) => Testing.synth(chart).map((m) => `${m.kind}:${m.metadata.namespace ?? m.metadata.name}`);
    expect(ns(staging)).toEqual(['Namespace:shop-staging', 'Deployment:shop-staging']);
    expect(ns(production)).toEqual(['Namespace:shop', 'Deployment:shop']);
  });

  test('fails when the scheme makes the namespace too long', () => {
    const env = new Environment(Testing.app(), 'staging-eu-west-with-a-very-long-name', { namespaceScheme: NamespaceScheme.APP_AND_ENVIRONMENT });
    expect(() => new AppChart(env, 'shop-recommendations-service', { version: '1.8.2', instance: 'recs-staging' })).toThrow(
      '[staging-eu-west-with-a-very-long-name/shop-recommendations-service] namespace must be at most 63 characters, got "shop-recommendations-service-staging-eu-west-with-a-very-long-name": use a short lower-case name like "shop"');
  });
});
