import { ProblemSeverity } from '../../lib/manifests/problem';
import { workloadsOf } from '../../lib/manifests/workloads';
import type { ManifestObject } from '../../lib/scheduler/types';

const podSpec = { containers: [{ name: 'app', resources: { requests: { cpu: '500m', memory: '1Gi' } } }] };
const deployment = (name: string, spec: Record<string, unknown> = {}, namespace = 'shop'): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec }, ...spec },
});
const hpa = (target: string, maxReplicas: number, apiVersion = 'apps/v1', namespace = 'shop'): ManifestObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: target, namespace },
  spec: { scaleTargetRef: { apiVersion, kind: 'Deployment', name: target }, minReplicas: 2, maxReplicas },
});

describe('workloadsOf: replica budget', () => {
  test('GIVEN no spec.replicas WHEN read THEN API defaulting gives 1, and the default 25% surge rounds up to 1', () => {
    const [w] = workloadsOf([deployment('web')]).workloads;
    expect(w).toMatchObject({ id: 'shop/web', replicas: 1, replicasSource: 'spec.replicas (default 1)', surge: 1, surgeSource: '+1 surge (maxSurge 25%)' });
  });

  test('GIVEN an HPA targeting the Deployment WHEN read THEN maxReplicas is budgeted and surge scales with it', () => {
    const [w] = workloadsOf([deployment('storefront', { replicas: 3 }), hpa('storefront', 10)]).workloads;
    expect(w).toMatchObject({ replicas: 10, replicasSource: 'HorizontalPodAutoscaler shop/storefront maxReplicas', surge: 3, surgeSource: '+3 surge (maxSurge 25%)' });
  });

  test('GIVEN an HPA in another namespace or API group WHEN read THEN it is not used, with a warning for the group', () => {
    const { workloads, problems } = workloadsOf([deployment('web', { replicas: 2 }), hpa('web', 9, 'apps/v1', 'other'), hpa('web', 7, 'extensions/v1beta1')]);
    expect(workloads[0].replicas).toBe(2);
    expect(problems.map((p) => p.message)).toEqual([
      'scaleTargetRef apiVersion extensions/v1beta1 is not the API group of Deployment shop/web (apps/v1): not counted',
      'scaleTargetRef Deployment other/web is not among the inputs',
    ]);
  });

  test('GIVEN maxSurge as an int, a percentage, or Recreate WHEN read THEN surge follows ResolveFenceposts', () => {
    const ws = workloadsOf([
      deployment('a', { replicas: 10, strategy: { rollingUpdate: { maxSurge: 2 } } }),
      deployment('b', { replicas: 10, strategy: { rollingUpdate: { maxSurge: '33%' } } }),
      deployment('c', { replicas: 10, strategy: { type: 'Recreate' } }),
      deployment('d', { replicas: 0 }),
    ]).workloads;
    expect(ws.map((w) => [w.name, w.surge, w.surgeSource])).toEqual([
      ['a', 2, '+2 surge (maxSurge 2)'],
      ['b', 4, '+4 surge (maxSurge 33%)'],
      ['c', 0, ''],
      ['d', 0, ''],
    ]);
  });

  test('GIVEN the accepted boundaries (0, "0%", "100%", "25%", 1) WHEN read THEN surge is budgeted from them', () => {
    const ws = workloadsOf([
      deployment('a', { replicas: 4, strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }),
      deployment('b', { replicas: 4, strategy: { rollingUpdate: { maxSurge: '0%', maxUnavailable: '100%' } } }),
      deployment('c', { replicas: 4, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } }),
      deployment('d', { replicas: 4, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' } } }),
    ]).workloads;
    expect(ws.map((w) => [w.name, w.surge, w.maxUnavailable])).toEqual([['a', 0, 1], ['b', 0, 4], ['c', 1, 0], ['d', 1, 0]]);
  });

  // ValidateRollingUpdateDeployment / ValidateRollingUpdateDaemonSet / validateRollingUpdateStatefulSet
  // (lib/kubernetes/rolling-update-validation.ts): what the API server refuses is bad input, never a budget.
  test.each<[string, ManifestObject, string]>([
    ['Deployment maxSurge -1', deployment('web', { strategy: { rollingUpdate: { maxSurge: -1 } } }),
      'Deployment shop/web: spec.strategy.rollingUpdate.maxSurge: -1 is invalid: must be greater than or equal to 0; use 0 or more pods, or a percentage such as "25%"'],
    ['Deployment maxSurge "5" (no %)', deployment('web', { strategy: { rollingUpdate: { maxSurge: '5' } } }),
      'Deployment shop/web: spec.strategy.rollingUpdate.maxSurge: "5" is invalid: a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\'); write a whole number of pods (e.g. 1) or a percentage of the replicas (e.g. "25%")'],
    ['Deployment maxUnavailable "150%"', deployment('web', { strategy: { rollingUpdate: { maxUnavailable: '150%' } } }),
      'Deployment shop/web: spec.strategy.rollingUpdate.maxUnavailable: "150%" is invalid: must not be greater than 100%; use at most "100%"'],
    ['DaemonSet maxSurge -1', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ops' }, spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: -1 } }, template: { spec: podSpec } } },
      'DaemonSet ops/agent: spec.updateStrategy.rollingUpdate.maxSurge: -1 is invalid: must be greater than or equal to 0; use 0 or more pods, or a percentage such as "25%"'],
    ['DaemonSet maxSurge 1 with the default maxUnavailable 1', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ops' }, spec: { updateStrategy: { rollingUpdate: { maxSurge: 1 } }, template: { spec: podSpec } } },
      'DaemonSet ops/agent: spec.updateStrategy.rollingUpdate.maxSurge: 1 is invalid: may not be set when maxUnavailable is non-zero; set maxUnavailable: 0 to surge (maxUnavailable defaults to 1), or remove maxSurge'],
    ['StatefulSet partition -1', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'data' }, spec: { updateStrategy: { rollingUpdate: { partition: -1 } }, template: { spec: podSpec } } },
      'StatefulSet data/db: spec.updateStrategy.rollingUpdate.partition: -1 is invalid: must be greater than or equal to 0; use 0 to update every pod, or an ordinal (pods at or above it are updated)'],
  ])('GIVEN %s WHEN read THEN a ManifestError, no budget', (_name, object, message) => {
    expect(() => workloadsOf([object])).toThrow(message);
  });

  test('GIVEN a DaemonSet surging with maxUnavailable 0, and a StatefulSet maxUnavailable (gate off in 1.27: dropped) WHEN read THEN accepted', () => {
    const ws = workloadsOf([
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '100%' } }, template: { spec: podSpec } } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 2, updateStrategy: { rollingUpdate: { maxUnavailable: -1, partition: 0 } }, template: { spec: podSpec } } },
    ]).workloads;
    expect(ws.map((w) => [w.id, w.daemonSet, w.surge])).toEqual([['default/agent', { maxSurge: '100%' }, 0], ['default/db', undefined, 0]]);
  });

  test('GIVEN StatefulSet, ReplicaSet, Job, CronJob and Pod WHEN read THEN each budget follows its controller', () => {
    const ws = workloadsOf([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 3, template: { spec: podSpec } } },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { template: { spec: podSpec } } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j1' }, spec: { parallelism: 4, completions: 2, template: { spec: podSpec } } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j2' }, spec: { template: { spec: podSpec } } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { parallelism: 2, template: { spec: podSpec } } } } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'off' }, spec: { suspend: true, schedule: '* * * * *', jobTemplate: { spec: { template: { spec: podSpec } } } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' }, spec: podSpec },
    ]).workloads;
    expect(ws.map((w) => [w.id, w.replicas, w.replicasSource, w.surge, w.firstOrdinal])).toEqual([
      ['default/db', 3, 'spec.replicas', 0, 0],
      ['default/rs', 1, 'spec.replicas (default 1)', 0, 1],
      ['default/j1', 2, 'spec.completions', 0, 1],
      ['default/j2', 1, 'spec.parallelism (default 1)', 0, 1],
      // concurrencyPolicy Allow (default) without activeDeadlineSeconds: one Job, a lower bound (warned)
      ['default/cj', 2, 'spec.jobTemplate.spec.parallelism, one Job (lower bound: concurrencyPolicy Allow without activeDeadlineSeconds)', 0, 1],
      ['default/off', 0, 'spec.suspend', 0, 1],
      ['default/debug', 1, 'bare Pod', 0, 1],
    ]);
  });

  test('GIVEN a DaemonSet WHEN read THEN its pods tolerate the node-condition taints like the controller adds', () => {
    const [ds] = workloadsOf([{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' }, spec: { template: { spec: podSpec } } }]).workloads;
    expect(ds.daemonSet).toEqual({ maxSurge: 0 });
    expect(ds.spec.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
  });

  test('fails on a negative replica count naming the field', () => {
    expect(() => workloadsOf([deployment('web', { replicas: -1 })])).toThrow('Deployment shop/web: spec.replicas: must be a whole number ≥ 0, got -1');
  });
});

describe('workloadsOf: admission', () => {
  const runtimeClass: ManifestObject = {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: 'gvisor' },
    handler: 'runsc',
    overhead: { podFixed: { cpu: '250m', memory: '120Mi' } },
    scheduling: { nodeSelector: { sandbox: 'gvisor' }, tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] },
  };

  test('GIVEN a pod naming a RuntimeClass among the inputs WHEN admitted THEN overhead and scheduling are copied in', () => {
    const { workloads, problems } = workloadsOf([runtimeClass, deployment('web', { template: { spec: { ...podSpec, runtimeClassName: 'gvisor' } } })]);
    expect(problems).toEqual([]);
    expect(workloads[0].spec.overhead).toEqual({ cpu: '250m', memory: '120Mi' });
    expect(workloads[0].spec.nodeSelector).toEqual({ sandbox: 'gvisor' });
    expect(workloads[0].spec.tolerations).toEqual([{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('GIVEN an unknown RuntimeClass WHEN admitted THEN a warning says the overhead is not counted', () => {
    const { problems } = workloadsOf([deployment('web', { template: { spec: { ...podSpec, runtimeClassName: 'kata' } } })]);
    expect(problems).toEqual([
      {
        severity: ProblemSeverity.WARNING,
        object: 'Deployment shop/web',
        field: 'spec.template.spec.runtimeClassName',
        message: 'RuntimeClass kata is not among the inputs: its pod overhead and scheduling are not counted',
      },
    ]);
  });

  test('GIVEN a priorityClassName WHEN admitted THEN the PriorityClass value (or a builtin) is the priority', () => {
    const ws = workloadsOf([
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 },
      deployment('a', { template: { spec: { ...podSpec, priorityClassName: 'high' } } }),
      deployment('b', { template: { spec: { ...podSpec, priorityClassName: 'system-cluster-critical' } } }),
      deployment('c'),
    ]).workloads;
    expect(ws.map((w) => w.priority)).toEqual([1000, 2000000000, 0]);
  });

  test('GIVEN kubectl get all output WHEN read THEN ReplicaSets and Pods owned by inputs are not counted twice', () => {
    const owned = (kind: string, name: string, owner: string, ownerKind: string): ManifestObject => ({
      apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
      kind,
      metadata: { name, namespace: 'shop', ownerReferences: [{ kind: ownerKind, name: owner, controller: true }] },
      spec: kind === 'Pod' ? podSpec : { replicas: 1, template: { spec: podSpec } },
    });
    const ws = workloadsOf([deployment('web'), owned('ReplicaSet', 'web-abc', 'web', 'Deployment'), owned('Pod', 'web-abc-1', 'web-abc', 'ReplicaSet'), owned('Pod', 'orphan', 'gone', 'ReplicaSet')]).workloads;
    expect(ws.map((w) => w.id)).toEqual(['shop/web', 'shop/orphan']);
  });
});

describe('workloadsOf: issue #9 budgets and identity', () => {
  test('GIVEN replicas: 0 and an HPA with minReplicas 0 (HPAScaleToZero) WHEN read THEN scaling is not disabled (horizontal.go: minReplicas != 0)', () => {
    const scaleToZero: ManifestObject = { ...hpa('web', 8), spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 0, maxReplicas: 8 } };
    expect(workloadsOf([deployment('web', { replicas: 0 }), scaleToZero]).workloads[0]).toMatchObject({ replicas: 8 });
    expect(workloadsOf([deployment('web', { replicas: 0 }), hpa('web', 8)]).workloads[0]).toMatchObject({ replicas: 0 });
  });

  test('GIVEN a cluster-scoped kind twice with different metadata.namespace WHEN read THEN it is one object given twice', () => {
    const ns = (namespace?: string): ManifestObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', ...(namespace ? { namespace } : {}) } });
    expect(() => workloadsOf([ns(), ns('other')])).toThrow('Namespace other/shop: metadata.name: the same object (group/kind/namespace/name) is given twice, at input object 1 and at input object 2');
  });

  test('GIVEN options.namespace WHEN objects set none THEN they and their HPA meet in it', () => {
    const d = { ...deployment('web', { replicas: 1 }), metadata: { name: 'web' } };
    const h = { ...hpa('web', 5), metadata: { name: 'web' } };
    expect(workloadsOf([d, h], undefined, { namespace: 'team-a' }).workloads[0]).toMatchObject({ id: 'team-a/web', replicas: 5, replicasSource: 'HorizontalPodAutoscaler team-a/web maxReplicas' });
  });
});

describe('workloadsOf: apiVersions Kubernetes 1.27 does not serve (schemas/k8s-1.27.0-definitions.json)', () => {
  const cronJob = (apiVersion: string): ManifestObject => ({
    apiVersion, kind: 'CronJob', metadata: { name: 'hello', namespace: 'shop' },
    spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'OnFailure' } } } } },
  });

  test('GIVEN a batch/v1beta1 CronJob WHEN read THEN it runs no pods: listed as not counted, with an error naming the served version', () => {
    const set = workloadsOf([cronJob('batch/v1beta1'), deployment('web')]);
    expect(set.workloads.map((w) => w.id)).toEqual(['shop/web']);
    expect(set.notCounted).toEqual([{
      kind: 'CronJob', apiVersion: 'batch/v1beta1', namespace: 'shop', name: 'hello', field: 'spec.jobTemplate.spec.template.spec',
      reason: 'apiVersion batch/v1beta1 is not served by Kubernetes 1.27 (use batch/v1): the API server rejects it, so it runs no pods',
    }]);
    expect(set.problems).toEqual([{
      severity: ProblemSeverity.ERROR, object: 'CronJob shop/hello', field: 'apiVersion',
      message: 'batch/v1beta1 is not served by Kubernetes 1.27 (it serves CronJob as batch/v1): the API server rejects this object, so it runs no pods; write apiVersion: batch/v1',
    }]);
    expect(workloadsOf([cronJob('batch/v1')]).workloads.map((w) => [w.id, w.replicas])).toEqual([['shop/hello', 1]]);
  });

  test.each([
    ['extensions/v1beta1', 'Deployment'], ['apps/v1beta1', 'Deployment'], ['apps/v1beta2', 'StatefulSet'], ['extensions/v1beta1', 'DaemonSet'], ['apps/v1beta2', 'ReplicaSet'],
  ])('GIVEN a %s %s WHEN read THEN it is not counted, with an error', (apiVersion, kind) => {
    const set = workloadsOf([{ ...deployment('old'), apiVersion, kind }]);
    expect(set.workloads).toEqual([]);
    expect(set.notCounted.map((o) => [o.kind, o.field])).toEqual([[kind, 'spec.template.spec']]);
    expect(set.problems.map((p) => [p.severity, p.field, p.message])).toEqual([[ProblemSeverity.ERROR, 'apiVersion', `${apiVersion} is not served by Kubernetes 1.27 (it serves ${kind} as apps/v1): the API server rejects this object, so it runs no pods; write apiVersion: apps/v1`]]);
  });

  test('GIVEN an autoscaling/v2beta2 HPA WHEN read THEN the API server rejects it: spec.replicas is budgeted, with an error', () => {
    const set = workloadsOf([deployment('web', { replicas: 2 }), { ...hpa('web', 10), apiVersion: 'autoscaling/v2beta2' }]);
    expect(set.workloads.map((w) => [w.id, w.replicas, w.replicasSource])).toEqual([['shop/web', 2, 'spec.replicas']]);
    expect(set.problems.map((p) => [p.severity, p.object, p.message])).toEqual([[ProblemSeverity.ERROR, 'HorizontalPodAutoscaler shop/web', 'autoscaling/v2beta2 is not served by Kubernetes 1.27 (it serves HorizontalPodAutoscaler as autoscaling/v2 or autoscaling/v1): the API server rejects this object, so it has no effect on the pods; write apiVersion: autoscaling/v2']]);
    expect(workloadsOf([deployment('web', { replicas: 2 }), { ...hpa('web', 10), apiVersion: 'autoscaling/v1' }]).workloads[0].replicas).toBe(10);
  });

  test('GIVEN a node.k8s.io/v1beta1 RuntimeClass WHEN a pod names it THEN its overhead is not added (the class does not exist)', () => {
    const rc: ManifestObject = { apiVersion: 'node.k8s.io/v1beta1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', overhead: { podFixed: { cpu: '250m' } } };
    const set = workloadsOf([rc, deployment('web', { template: { metadata: { labels: { app: 'web' } }, spec: { ...podSpec, runtimeClassName: 'gvisor' } } })]);
    expect(set.workloads[0].spec.overhead).toBeUndefined();
    expect(set.problems.map((p) => [p.severity, p.object])).toEqual([[ProblemSeverity.ERROR, 'RuntimeClass default/gvisor'], [ProblemSeverity.WARNING, 'Deployment shop/web']]);
  });

  test('GIVEN a kind named like a built-in in a custom group WHEN read THEN it is not taken for an old version of the built-in', () => {
    const set = workloadsOf([{ apiVersion: 'example.com/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'shop' }, spec: { schedule: '* * * * *' } }]);
    expect(set.problems).toEqual([]);
    expect(set.notCounted).toEqual([]);
  });
});

describe('workloadsOf: custom resources whose operator runs pods (listed as not counted)', () => {
  // strimzi/strimzi-kafka-operator packaging/examples/kafka/kafka-persistent.yaml (test/fixtures/real/strimzi-kafka.yaml).
  const nodePool: ManifestObject = { apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaNodePool', metadata: { name: 'broker', namespace: 'kafka' }, spec: { replicas: 3, roles: ['broker'], storage: { type: 'jbod', volumes: [] } } };

  test('GIVEN spec.replicas without resources, a replica count one level down, or a known operator kind WHEN read THEN each is listed with the field its pods come from', () => {
    const set = workloadsOf([
      nodePool,
      { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'Kafka', metadata: { name: 'zk', namespace: 'kafka' }, spec: { kafka: { replicas: 3 }, zookeeper: { replicas: 3 } } },
      { apiVersion: 'kafka.strimzi.io/v1', kind: 'Kafka', metadata: { name: 'kraft', namespace: 'kafka' }, spec: { kafka: { version: '4.3.0' }, entityOperator: { topicOperator: {} } } },
      { apiVersion: 'pingcap.com/v1alpha1', kind: 'TidbCluster', metadata: { name: 'tidb', namespace: 'db' }, spec: { version: 'v7.1.0', pd: { baseImage: 'pingcap/pd', replicas: 3 }, tikv: { replicas: 3 } } },
    ]);
    expect(set.notCounted.map((o) => [o.kind, o.name, o.field, o.reason])).toEqual([
      ['KafkaNodePool', 'broker', 'spec', 'its operator runs pods from `spec`, kind not modelled'],
      ['Kafka', 'zk', 'spec', 'its operator runs pods from `spec`, kind not modelled'],
      ['Kafka', 'kraft', 'spec', 'its operator runs pods from `spec`, kind not modelled'],
      ['TidbCluster', 'tidb', 'spec.pd', 'its operator runs pods from `spec.pd`, kind not modelled'],
    ]);
    expect(set.problems.map((p) => [p.object, p.field, p.message])).toContainEqual(['TidbCluster db/tidb', 'spec.pd', 'its operator runs pods from spec.pd (replicas) but its kind is not modelled: those pods are not counted; check them separately']);
  });

  test('GIVEN custom resources with counts that are not replicas, or built-in kinds WHEN read THEN nothing is listed', () => {
    const set = workloadsOf([
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'web', namespace: 'shop' }, spec: { scaleTargetRef: { name: 'web' }, minReplicaCount: 1, maxReplicaCount: 5 } },
      { apiVersion: 'example.com/v1', kind: 'Bucket', metadata: { name: 'b', namespace: 'shop' }, spec: { size: 10 } },
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'shop' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } } },
      deployment('web'),
    ]);
    expect(set.notCounted).toEqual([]);
  });
});

describe('workloadsOf: a rolling-update value no IntOrString decodes from names its own field', () => {
  const deployment = (rollingUpdate: object): ManifestObject => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
    spec: {
      replicas: 4, selector: { matchLabels: { app: 'web' } }, strategy: { type: 'RollingUpdate', rollingUpdate },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', resources: { requests: { cpu: '100m' } } }] } },
    },
  } as ManifestObject);

  test.each([
    [{ maxSurge: 1.5 }, 'spec.strategy.rollingUpdate.maxSurge'],
    [{ maxUnavailable: 1.5 }, 'spec.strategy.rollingUpdate.maxUnavailable'],
    [{ maxSurge: 1, maxUnavailable: true }, 'spec.strategy.rollingUpdate.maxUnavailable'],
  ])('%j', (rollingUpdate, field) => {
    let caught: any;
    try {
      workloadsOf([deployment(rollingUpdate)]);
    } catch (e) {
      caught = e;
    }
    expect(caught?.field).toBe(field);
  });
});

test('an Argo Rollouts canary with maxSurge and maxUnavailable both 0 is refused as its controller refuses it', () => {
  const rollout = {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'shop' },
    spec: {
      replicas: 4, selector: { matchLabels: { app: 'web' } }, strategy: { canary: { maxSurge: 0, maxUnavailable: '0%' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', resources: { requests: { cpu: '100m' } } }] } },
    },
  } as unknown as ManifestObject;
  let caught: any;
  try {
    workloadsOf([rollout]);
  } catch (e) {
    caught = e;
  }
  expect([caught?.field, caught?.message]).toEqual([
    'spec.strategy.canary.maxSurge',
    expect.stringContaining('MaxSurge and MaxUnavailable both can not be zero (got maxSurge 0, maxUnavailable "0%"): the Argo Rollouts controller rejects it; set maxSurge: 1 or maxUnavailable: 1'),
  ]);
});
