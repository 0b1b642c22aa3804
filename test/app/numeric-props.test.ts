// Every numeric, duration and quantity prop of the components, at its boundary: accepted exactly
// where the Kubernetes 1.27 API server accepts it (after defaulting), rejected exactly where it
// rejects it, in one sentence. An accepted value reaches the YAML as given, passes the schema
// (synthValid) and the api-validation guardrail. Upstream sources, by row:
//   pkg/apis/core/validation/validation.go  validateProbe, validateContainers (success threshold
//     of liveness/startup probes), ValidateResourceRequirements, validateVolumeSource (emptyDir
//     sizeLimit), ValidatePersistentVolumeClaimSpec (ValidatePositiveQuantityValue), IsValidPortNum,
//     ValidatePodSpec (terminationGracePeriodSeconds), IsValidGroupID (runAsGroup, fsGroup);
//   pkg/apis/core/v1/defaults.go            SetDefaults_Probe (timeout 0→1, period 0→10,
//     successThreshold 0→1, failureThreshold 0→3);
//   pkg/apis/apps/validation/validation.go  ValidateDeploymentSpec / ValidateStatefulSetSpec
//     (replicas, ValidatePositiveIntOrPercent, partition: ValidateNonnegativeField);
//   pkg/apis/autoscaling/validation/validation.go validateHorizontalPodAutoscalerSpec (minReplicas
//     >= 1, maxReplicas > 0), validateMetricTarget (averageUtilization > 0), validateScalingPolicy;
//   pkg/apis/batch/validation/validation.go validateJobSpec (backoffLimit, activeDeadlineSeconds),
//     validateCronJobSpec (startingDeadlineSeconds, history limits): ValidateNonnegativeField.
// Fields that are int32 in core/v1, apps/v1, autoscaling/v2 and batch/v1 cannot be decoded past
// 2147483647, so that is their upper bound. One deliberate exception: runAsUser 0 is refused
// (every component sets runAsNonRoot, with which the kubelet never starts a UID-0 container).
import { Cron, Duration } from 'cdk8s';
import {
  AutoscalingPolicy, HealthCheck, Mount, Resources, Rollout, ScheduledTask, StatefulService, WebService, Worker,
} from '../../lib/app';
import { checkManifests, Rule } from '../../lib/guardrails';
import { ManifestObject } from '../../lib/scheduler/types';
import { Manifest, only, RESOURCES, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop:1.0.0';
const INT32 = 2147483647;

interface Row {
  /** The prop, and the upstream function that decides. */
  readonly prop: string;
  readonly upstream: string;
  /** Builds a component in `chart` with the value. */
  readonly build: (chart: ReturnType<typeof shopChart>, value: any) => void;
  /** The field the value is written to. */
  readonly read: (manifests: Manifest[]) => unknown;
  /** [value, as written] */
  readonly accepted: [unknown, unknown][];
  /** [value, the one sentence] */
  readonly rejected: [unknown, string][];
}

const webService = (chart: ReturnType<typeof shopChart>, props: object) => new WebService(chart, 'web', { image: IMAGE, resources: RESOURCES, ...props });
const worker = (chart: ReturnType<typeof shopChart>, props: object) => new Worker(chart, 'w', { image: IMAGE, resources: RESOURCES, ...props });
const task = (chart: ReturnType<typeof shopChart>, props: object) => new ScheduledTask(chart, 'job', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily(), ...props });
const deployment = (m: Manifest[], name = 'shop-web') => only(m, 'Deployment', name);
const main = (m: Manifest[], name = 'shop-web') => deployment(m, name).spec.template.spec.containers[0];
const hpa = (m: Manifest[]) => only(m, 'HorizontalPodAutoscaler').spec;
const cronJob = (m: Manifest[]) => only(m, 'CronJob').spec;
const readiness = (options: object) => ({ readinessProbe: HealthCheck.tcp(options) });

const ROWS: Row[] = [
  {
    prop: 'replicas', upstream: 'ValidateDeploymentSpec: ValidateNonnegativeField, int32',
    build: (c, v) => worker(c, { replicas: v }), read: (m) => deployment(m, 'shop-w').spec.replicas,
    accepted: [[0, 0], [INT32, INT32]],
    rejected: [[-1, '[shop/w] replicas must be an integer between 0 and 2147483647, got -1: use 0 or more replicas'],
      [INT32 + 1, '[shop/w] replicas must be an integer between 0 and 2147483647, got 2147483648: use 0 or more replicas']],
  },
  {
    prop: 'minReplicas', upstream: 'validateHorizontalPodAutoscalerSpec: minReplicas >= 1 (0 needs the alpha HPAScaleToZero gate)',
    build: (c, v) => webService(c, { minReplicas: v, maxReplicas: INT32 }), read: (m) => hpa(m).minReplicas,
    accepted: [[1, 1], [INT32, INT32]],
    rejected: [[0, '[shop/web] minReplicas must be an integer between 1 and 2147483647, got 0: use 1 or more']],
  },
  {
    prop: 'maxReplicas', upstream: 'validateHorizontalPodAutoscalerSpec: maxReplicas > 0, int32',
    build: (c, v) => webService(c, { minReplicas: 1, maxReplicas: v }), read: (m) => hpa(m).maxReplicas,
    accepted: [[1, 1], [INT32, INT32]],
    rejected: [[0, '[shop/web] maxReplicas must be an integer between 1 and 2147483647, got 0: use 1 or more'],
      [INT32 + 1, '[shop/web] maxReplicas must be an integer between 1 and 2147483647, got 2147483648: use 1 or more']],
  },
  {
    prop: 'targetCpuUtilization', upstream: 'validateMetricTarget: averageUtilization > 0 (above 100 is valid), int32',
    build: (c, v) => webService(c, { maxReplicas: 4, targetCpuUtilization: v }), read: (m) => hpa(m).metrics[0].resource.target.averageUtilization,
    accepted: [[1, 1], [250, 250]],
    rejected: [[0, '[shop/web] targetCpuUtilization must be an integer between 1 and 2147483647, got 0: use a percentage of the CPU request, e.g. 70']],
  },
  {
    prop: 'behavior policy value', upstream: 'validateScalingPolicy: value > 0, int32',
    build: (c, v) => webService(c, { maxReplicas: 4, behavior: { scaleUp: { policies: [AutoscalingPolicy.pods(v, Duration.minutes(1))] } } }),
    read: (m) => hpa(m).behavior.scaleUp.policies[0].value,
    accepted: [[1, 1], [INT32, INT32]],
    rejected: [[INT32 + 1, '[shop/web] behavior.scaleUp.policies[0] must change by at most 2147483647 (an int32), got 2147483648: use e.g. AutoscalingPolicy.pods(2, Duration.minutes(1))']],
  },
  {
    prop: 'probe failureThreshold', upstream: 'SetDefaults_Probe (0 → 3), validateProbe: ValidateNonnegativeField, int32',
    build: (c, v) => webService(c, readiness({ failureThreshold: v })), read: (m) => main(m).readinessProbe.failureThreshold,
    accepted: [[0, 0], [INT32, INT32]],
    rejected: [[-1, '[shop/web] readinessProbe failureThreshold must be an integer between 0 and 2147483647, got -1: use 1 or more (0 means Kubernetes\' default, 3)'],
      [INT32 + 1, '[shop/web] readinessProbe failureThreshold must be an integer between 0 and 2147483647, got 2147483648: use 1 or more (0 means Kubernetes\' default, 3)']],
  },
  {
    prop: 'readiness successThreshold', upstream: 'SetDefaults_Probe (0 → 1), validateProbe: ValidateNonnegativeField',
    build: (c, v) => webService(c, readiness({ successThreshold: v })), read: (m) => main(m).readinessProbe.successThreshold,
    accepted: [[0, 0], [INT32, INT32]],
    rejected: [[-1, '[shop/web] readinessProbe successThreshold must be an integer between 0 and 2147483647, got -1: use 1 or more (0 means Kubernetes\' default, 1)']],
  },
  {
    prop: 'liveness successThreshold', upstream: 'validateContainers: must be 1 for liveness and startup probes, after defaulting 0 → 1',
    build: (c, v) => webService(c, { livenessProbe: HealthCheck.tcp({ successThreshold: v }) }), read: (m) => main(m).livenessProbe.successThreshold,
    accepted: [[0, 0], [1, 1]],
    rejected: [[2, '[shop/web] livenessProbe successThreshold must be 1 for a liveness probe (the API server requires it), got 2: leave successThreshold out, or set it on the readinessProbe']],
  },
  {
    prop: 'probe period', upstream: 'SetDefaults_Probe (0 → 10 s), validateProbe: ValidateNonnegativeField, int32 seconds',
    build: (c, v) => webService(c, readiness({ period: v })), read: (m) => main(m).readinessProbe.periodSeconds,
    accepted: [[Duration.seconds(0), 0], [Duration.seconds(INT32), INT32]],
    rejected: [[Duration.millis(1500), '[shop/web] readinessProbe period must be a whole number of seconds, got "1 second 500 millis": use whole seconds, e.g. Duration.seconds(2)'],
      [Duration.seconds(INT32 + 1), '[shop/web] readinessProbe period must be at most 2147483647 seconds, got "24855 days 3 hours": use a shorter duration']],
  },
  {
    prop: 'probe timeout', upstream: 'SetDefaults_Probe (0 → 1 s), validateProbe: ValidateNonnegativeField',
    build: (c, v) => webService(c, readiness({ timeout: v })), read: (m) => main(m).readinessProbe.timeoutSeconds,
    accepted: [[Duration.seconds(0), 0], [Duration.minutes(1), 60]],
    rejected: [[Duration.millis(500), '[shop/web] readinessProbe timeout must be a whole number of seconds, got "500 millis": use whole seconds, e.g. Duration.seconds(1)']],
  },
  {
    prop: 'probe initialDelay', upstream: 'validateProbe: ValidateNonnegativeField',
    build: (c, v) => webService(c, readiness({ initialDelay: v })), read: (m) => main(m).readinessProbe.initialDelaySeconds,
    accepted: [[Duration.seconds(0), 0], [Duration.seconds(INT32), INT32]],
    rejected: [[Duration.seconds(INT32 + 1), '[shop/web] readinessProbe initialDelay must be at most 2147483647 seconds, got "24855 days 3 hours": use a shorter duration']],
  },
  {
    prop: 'probe port', upstream: 'validatePortNumOrName: IsValidPortNum',
    // A valid port is also declared, so the references guardrail finds what the probe probes.
    build: (c, v) => webService(c, { ports: v >= 1 && v <= 65535 ? [{ name: 'probe', port: v }] : [], ...readiness({ port: v }) }),
    read: (m) => main(m).readinessProbe.tcpSocket.port,
    accepted: [[1, 1], [65535, 65535]],
    rejected: [[0, '[shop/web] readinessProbe port must be between 1 and 65535, got 0: pick a valid TCP port'],
      [65536, '[shop/web] readinessProbe port must be between 1 and 65535, got 65536: pick a valid TCP port']],
  },
  {
    prop: 'ports[].port', upstream: 'validateContainerPorts / ValidateService: IsValidPortNum',
    build: (c, v) => webService(c, { ports: [{ name: 'metrics', port: v }] }), read: (m) => main(m).ports[1].containerPort,
    accepted: [[1, 1], [65535, 65535]],
    rejected: [[65536, '[shop/web] ports[0].port must be between 1 and 65535, got 65536: pick a valid TCP port']],
  },
  {
    prop: 'terminationGracePeriod', upstream: 'ValidatePodSpec: terminationGracePeriodSeconds, whole seconds (a Duration is never negative)',
    build: (c, v) => webService(c, { terminationGracePeriod: v }), read: (m) => deployment(m).spec.template.spec.terminationGracePeriodSeconds,
    accepted: [[Duration.seconds(0), 0], [Duration.hours(1), 3600]],
    rejected: [[Duration.millis(1500), '[shop/web] terminationGracePeriod must be a whole number of seconds, got "1 second 500 millis": use whole seconds, e.g. Duration.seconds(2)']],
  },
  {
    prop: 'runAsGroup', upstream: 'ValidatePodSecurityContext: IsValidGroupID (0 to 2147483647)',
    build: (c, v) => webService(c, { runAsGroup: v }), read: (m) => deployment(m).spec.template.spec.securityContext.runAsGroup,
    accepted: [[0, 0], [INT32, INT32]],
    rejected: [[-1, '[shop/web] runAsGroup must be an integer between 0 and 2147483647, got -1: use a GID such as 10001']],
  },
  {
    prop: 'runAsUser', upstream: 'IsValidUserID, and runAsNonRoot (always set): the kubelet refuses UID 0',
    build: (c, v) => webService(c, { runAsUser: v }), read: (m) => deployment(m).spec.template.spec.securityContext.runAsUser,
    accepted: [[1, 1], [INT32, INT32]],
    rejected: [[0, '[shop/web] runAsUser must be an integer between 1 and 2147483647, got 0: run as a non-root UID such as 10001']],
  },
  {
    prop: 'backoffLimit', upstream: 'validateJobSpec: ValidateNonnegativeField, int32',
    build: (c, v) => task(c, { backoffLimit: v }), read: (m) => cronJob(m).jobTemplate.spec.backoffLimit,
    accepted: [[0, 0], [INT32, INT32]],
    rejected: [[-1, '[shop/job] backoffLimit must be an integer between 0 and 2147483647, got -1: use 0 or more retries']],
  },
  {
    prop: 'successfulJobsHistoryLimit', upstream: 'validateCronJobSpec: ValidateNonnegativeField, int32',
    build: (c, v) => task(c, { successfulJobsHistoryLimit: v }), read: (m) => cronJob(m).successfulJobsHistoryLimit,
    accepted: [[0, 0], [INT32, INT32]],
    rejected: [[-1, '[shop/job] successfulJobsHistoryLimit must be an integer between 0 and 2147483647, got -1: use 0 or more']],
  },
  {
    prop: 'startingDeadline', upstream: 'validateCronJobSpec: ValidateNonnegativeField (cdk8s-plus\'s own 10 s floor is not the API server\'s)',
    build: (c, v) => task(c, { startingDeadline: v }), read: (m) => cronJob(m).startingDeadlineSeconds,
    accepted: [[Duration.seconds(0), 0], [Duration.seconds(5), 5], [Duration.minutes(30), 1800]],
    rejected: [[Duration.millis(2500), '[shop/job] startingDeadline must be a whole number of seconds, got "2 seconds 500 millis": use whole seconds, e.g. Duration.seconds(3)']],
  },
  {
    prop: 'activeDeadline', upstream: 'validateJobSpec: ValidateNonnegativeField',
    build: (c, v) => task(c, { activeDeadline: v }), read: (m) => cronJob(m).jobTemplate.spec.activeDeadlineSeconds,
    accepted: [[Duration.seconds(0), 0], [Duration.hours(1), 3600]],
    rejected: [[Duration.millis(500), '[shop/job] activeDeadline must be a whole number of seconds, got "500 millis": use whole seconds, e.g. Duration.seconds(1)']],
  },
  {
    prop: 'resources.cpu', upstream: 'ValidateResourceRequirements: ValidateNonnegativeQuantity (no millicore floor)',
    build: (c, v) => webService(c, { resources: Resources.of({ cpu: v, memory: '64Mi' }) }), read: (m) => main(m).resources.requests.cpu,
    accepted: [['0', '0'], ['100u', '100u'], ['0.0001', '0.0001'], ['1n', '1n'], ['12345678901234567890', '12345678901234567890']],
    rejected: [['-1n', '[shop/web] resources.cpu must be a CPU quantity of 0 or more (cores or millicores), got "-1n": write e.g. "250m" or "0.5"']],
  },
  {
    prop: 'resources.memory', upstream: 'ValidateResourceRequirements: ValidateNonnegativeQuantity',
    build: (c, v) => webService(c, { resources: Resources.of({ cpu: '1', memory: v }) }), read: (m) => main(m).resources.requests.memory,
    accepted: [['0', '0Mi'], ['1', '1']],
    rejected: [['-1', '[shop/web] resources.memory must be a memory quantity of 0 or more, got "-1": write e.g. "256Mi", "2Gi" or "1G"']],
  },
  {
    prop: 'resources.extended', upstream: 'ValidateResourceQuantityValue: not negative, an integer',
    build: (c, v) => webService(c, { resources: Resources.of({ cpu: '1', memory: '1Gi', extended: { 'nvidia.com/gpu': v } }) }),
    read: (m) => main(m).resources.limits['nvidia.com/gpu'],
    accepted: [['0', '0'], ['8', '8']],
    rejected: [['0.5', '[shop/web] resources.extended["nvidia.com/gpu"] must be an integer (extended resources are counted in whole devices), got "0.5": write a whole number, e.g. "1"']],
  },
  {
    prop: 'resources.hugepages', upstream: 'validateResourceQuantityHugePageValue: IsHugePageResourceValueDivisible',
    build: (c, v) => webService(c, { resources: Resources.of({ cpu: '1', memory: '1Gi', hugepages: { '2Mi': v } }) }),
    read: (m) => main(m).resources.limits['hugepages-2Mi'],
    accepted: [['0', '0'], ['4Mi', '4Mi'], ['4194304', '4194304']],
    rejected: [['1Mi', '[shop/web] resources.hugepages["2Mi"] must be a whole number of 2Mi pages (1Mi is not positive integer multiple of hugepages-2Mi), got "1Mi": write a whole number of 2Mi pages, e.g. "100Mi"']],
  },
  {
    prop: 'mounts[].sizeLimit', upstream: 'validateVolumeSource: emptyDir sizeLimit not negative',
    build: (c, v) => webService(c, { mounts: [Mount.emptyDir('cache', '/cache', { sizeLimit: v })] }),
    read: (m) => deployment(m).spec.template.spec.volumes.find((x: Manifest) => x.name === 'cache').emptyDir.sizeLimit,
    accepted: [['0', '0Mi'], ['500M', '500M']],
    rejected: [['-1Gi', '[shop/web] mounts[0] sizeLimit must be a quantity of 0 or more, got "-1Gi": write e.g. "1Gi" or "500M"']],
  },
  {
    prop: 'storageSize', upstream: 'ValidatePersistentVolumeClaimSpec: ValidatePositiveQuantityValue',
    build: (c, v) => new StatefulService(c, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: v }),
    read: (m) => only(m, 'StatefulSet').spec.volumeClaimTemplates[0].spec.resources.requests.storage,
    accepted: [['1', '1'], ['10Gi', '10Gi']],
    rejected: [['0', '[shop/db] storageSize must be a positive quantity, got "0": write e.g. "10Gi"']],
  },
  {
    prop: 'rollout maxSurge', upstream: 'ValidateRollingUpdateDeployment: ValidatePositiveIntOrPercent (int32)',
    build: (c, v) => webService(c, { rollout: Rollout.rollingUpdate({ maxSurge: v, maxUnavailable: 1 }) }),
    read: (m) => deployment(m).spec.strategy.rollingUpdate.maxSurge,
    accepted: [[0, 0], [INT32, INT32]],
    rejected: [[-1, '[shop/web] rollout maxSurge must be greater than or equal to 0 (a whole number of pods), got -1: use a number of pods such as 1, or a percentage such as \'25%\''],
      [INT32 + 1, '[shop/web] rollout maxSurge must be at most 2147483647 (an int32), got 2147483648: use a number of pods such as 1, or a percentage such as \'25%\'']],
  },
  {
    prop: 'rollout partition', upstream: 'ValidateStatefulSetUpdateStrategy: ValidateNonnegativeField (int32)',
    build: (c, v) => new StatefulService(c, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', rollout: Rollout.rollingUpdate({ partition: v }) }),
    read: (m) => only(m, 'StatefulSet').spec.updateStrategy.rollingUpdate.partition,
    accepted: [[0, 0], [INT32, INT32]],
    rejected: [[INT32 + 1, '[shop/db] rollout partition must be at most 2147483647 (an int32), got 2147483648: use an ordinal, e.g. replicas - 1 to update the last pod only']],
  },
];

const label = (v: unknown) => v instanceof Duration ? `Duration of ${v.toMilliseconds()} ms` : JSON.stringify(v);
const cases = <T extends [unknown, unknown]>(pick: (r: Row) => T[]) =>
  ROWS.flatMap((r) => pick(r).map((c) => [r.prop, r.upstream, label(c[0]), r, c] as [string, string, string, Row, T]));

describe('numeric props at their upstream boundaries', () => {
  test.each(cases((r) => r.accepted))('%s (%s) accepts %s', (_prop, _upstream, _label, row, [value, written]) => {
    const chart = shopChart();
    row.build(chart, value);
    const manifests = synthValid(chart);
    expect(row.read(manifests)).toEqual(written);
    const findings = checkManifests(manifests.map((manifest) => ({ manifest: manifest as ManifestObject })), { rules: [Rule.API_VALIDATION] });
    expect(findings.map((f) => f.message)).toEqual([]);
  });

  test.each(cases((r) => r.rejected))('%s (%s) rejects %s', (_prop, _upstream, _label, row, [value, message]) => {
    expect(() => row.build(shopChart(), value)).toThrow(message);
  });
});

describe('probe fields Kubernetes defaults from 0', () => {
  test('a healthCheck with period 0 writes 0, and sizes the startup probe by the period in effect (10 s)', () => {
    const chart = shopChart();
    webService(chart, { healthCheck: HealthCheck.tcp({ period: Duration.seconds(0), failureThreshold: 0, timeout: Duration.seconds(0) }) });
    const c = main(synthValid(chart));
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 8080 }, failureThreshold: 0, periodSeconds: 0, timeoutSeconds: 0 });
    expect(c.startupProbe).toEqual({ tcpSocket: { port: 8080 }, failureThreshold: 30, periodSeconds: 0, timeoutSeconds: 0 });
  });

  test('fails: a startupTimeout under the period in effect names it', () => {
    expect(() => webService(shopChart(), { healthCheck: HealthCheck.tcp({ period: Duration.seconds(0), startupTimeout: Duration.seconds(5) }) }))
      .toThrow('[shop/web] healthCheck startupTimeout must be at least the period (10 seconds, Kubernetes\' default for 0), got "5 seconds": raise startupTimeout');
  });
});
