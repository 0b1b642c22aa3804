import { Duration } from 'cdk8s';
import { Probe } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { Probe as KubeProbe } from '../../../imports/k8s';
import { HealthCheck, HealthCheckType } from '../health-check';
import { propError } from './errors';
import { MAX_INT32 } from '../../kubernetes/validation';
import { checkInteger, checkPort } from './validation';
import { wholeSeconds } from './durations';

/** The probes of one container: cdk8s-plus probes, and L1 probes for what cdk8s-plus lacks (gRPC). */
export interface ContainerProbes {
  readonly readiness?: Probe;
  readonly liveness?: Probe;
  readonly startup?: Probe;
  /** gRPC probes by container field (`readinessProbe`, …), patched in by the component. */
  readonly kube: { [field: string]: KubeProbe };
}

/**
 * Service port numbers of a component that no container of its pod declares, each with the
 * container port it forwards to and that port's name.
 */
export type ServicePortsOnly = ReadonlyMap<number, { readonly containerPort: number; readonly name?: string }>;

/** Probes a component or container states one by one; each wins over what `healthCheck` derives. */
export interface ProbeChoices {
  readonly healthCheck?: HealthCheck;
  readonly readinessProbe?: HealthCheck;
  readonly livenessProbe?: HealthCheck;
  readonly startupProbe?: HealthCheck;
}

/**
 * Readiness, liveness and startup probes. From `healthCheck` (see `HealthCheck` for the
 * derived defaults): readiness = the check; startup = the check with `startupTimeout / period`
 * allowed failures; liveness = a TCP connection for HTTP checks, none otherwise. Each of
 * `readinessProbe`, `livenessProbe`, `startupProbe` replaces its derived probe
 * (`HealthCheck.none()` removes it).
 * @param prop the prop path in messages, e.g. `healthCheck` or `sidecars[0].healthCheck`
 * @param port the container's first port, if it has one
 * @param servicePortsOnly the component's Service ports that are no container port: a probe there fails
 */
export function toProbes(scope: IConstruct, prop: string, choices: ProbeChoices, port: number | undefined,
  servicePortsOnly: ServicePortsOnly = new Map()): ContainerProbes {
  const check = choices.healthCheck ?? HealthCheck.none();
  const probes: { [field: string]: { probe?: Probe; kube?: KubeProbe } } = {};
  const set = (field: string, value: { probe?: Probe; kube?: KubeProbe } | undefined) => {
    if (value) {
      probes[field] = value;
    }
  };
  if (check.type !== HealthCheckType.NONE) {
    const timing = checkTiming(scope, prop, check, true);
    set('readinessProbe', makeProbe(scope, prop, check, port, timing.failureThreshold, timing.successThreshold, servicePortsOnly));
    set('startupProbe', makeProbe(scope, prop, check, port, timing.startupFailureThreshold, undefined, servicePortsOnly));
    if (check.type === HealthCheckType.HTTP) {
      set('livenessProbe', makeProbe(scope, prop, HealthCheck.tcp(check.options), port, timing.failureThreshold, undefined, servicePortsOnly));
    }
  }
  const explicit: Array<[string, string, HealthCheck | undefined]> = [
    ['readinessProbe', 'readinessProbe', choices.readinessProbe],
    ['livenessProbe', 'livenessProbe', choices.livenessProbe],
    ['startupProbe', 'startupProbe', choices.startupProbe],
  ];
  const scopePrefix = prop.includes('.') ? prop.slice(0, prop.lastIndexOf('.') + 1) : '';
  for (const [field, name, choice] of explicit) {
    if (choice === undefined) {
      continue;
    }
    const at = `${scopePrefix}${name}`;
    if (!(choice instanceof HealthCheck)) {
      throw propError(scope, at, 'must be a HealthCheck', choice, 'use HealthCheck.http(path), tcp(), grpc(port), command([...]) or none()');
    }
    delete probes[field];
    if (choice.type !== HealthCheckType.NONE) {
      const timing = checkTiming(scope, at, choice, false);
      // After defaulting (0 → 1), a liveness or startup probe's successThreshold must be 1.
      if (field !== 'readinessProbe' && timing.successThreshold !== undefined && timing.successThreshold !== 1 && timing.successThreshold !== 0) {
        throw propError(scope, `${at} successThreshold`, `must be 1 for a ${field === 'livenessProbe' ? 'liveness' : 'startup'} probe (the API server requires it)`,
          timing.successThreshold, 'leave successThreshold out, or set it on the readinessProbe');
      }
      set(field, makeProbe(scope, at, choice, port, timing.failureThreshold, timing.successThreshold, servicePortsOnly));
    }
  }
  const kube: { [field: string]: KubeProbe } = {};
  for (const [field, p] of Object.entries(probes)) {
    if (p.kube) {
      kube[field] = p.kube;
    }
  }
  return { readiness: probes.readinessProbe?.probe, liveness: probes.livenessProbe?.probe, startup: probes.startupProbe?.probe, kube };
}

interface Timing {
  /** As given (0 is Kubernetes' default, 10 s). */
  readonly period: Duration;
  readonly timeout: Duration;
  /** As given (0 is Kubernetes' default, 3). */
  readonly failureThreshold: number;
  readonly successThreshold?: number;
  readonly startupTimeout: Duration;
  readonly initialDelay?: Duration;
  /** The startup probe's failureThreshold: `startupTimeout` / the period in effect, rounded up. */
  readonly startupFailureThreshold: number;
}

// Kubernetes 1.27 defaults, then validates (pkg/apis/core/v1/defaults.go SetDefaults_Probe:
// timeoutSeconds 0 → 1, periodSeconds 0 → 10, successThreshold 0 → 1, failureThreshold 0 → 3;
// pkg/apis/core/validation/validation.go validateProbe: every field ValidateNonnegativeField;
// validateContainers: successThreshold must be 1 for liveness and startup probes). The fields
// are int32 (core/v1 Probe), so the API server refuses a larger number when it decodes them.
const DEFAULT_PERIOD_SECONDS = 10;
const DEFAULT_FAILURE_THRESHOLD = 3;

/** @param derivesStartup whether `check` is a `healthCheck` that sizes a startup probe by its `startupTimeout` */
function checkTiming(scope: IConstruct, prop: string, check: HealthCheck, derivesStartup: boolean): Timing {
  const options = check.options;
  const period = options.period ?? Duration.seconds(DEFAULT_PERIOD_SECONDS);
  const timeout = options.timeout ?? Duration.seconds(1);
  const failureThreshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  const startupTimeout = options.startupTimeout ?? Duration.minutes(5);
  checkInteger(scope, `${prop} failureThreshold`, failureThreshold, 0, MAX_INT32, 'use 1 or more (0 means Kubernetes\' default, 3)');
  if (options.successThreshold !== undefined) {
    checkInteger(scope, `${prop} successThreshold`, options.successThreshold, 0, MAX_INT32, 'use 1 or more (0 means Kubernetes\' default, 1)');
  }
  // Probe timings are whole seconds in the API (periodSeconds, timeoutSeconds, …), int32.
  const seconds = (name: string, d: Duration): number => {
    const whole = wholeSeconds(scope, `${prop} ${name}`, d, 'use whole seconds');
    if (whole > MAX_INT32) {
      throw propError(scope, `${prop} ${name}`, `must be at most ${MAX_INT32} seconds`, d.toHumanString(), 'use a shorter duration');
    }
    return whole;
  };
  const periodSeconds = seconds('period', period) || DEFAULT_PERIOD_SECONDS;
  seconds('timeout', timeout);
  if (options.initialDelay !== undefined) {
    seconds('initialDelay', options.initialDelay);
  }
  // startupTimeout is appkit's own: the startup probe `healthCheck` derives allows
  // startupTimeout / period failures. A probe set on its own has no use for it.
  if (!derivesStartup) {
    return { period, timeout, failureThreshold, successThreshold: options.successThreshold, startupTimeout, initialDelay: options.initialDelay, startupFailureThreshold: 0 };
  }
  const startupSeconds = wholeSeconds(scope, `${prop} startupTimeout`, startupTimeout, 'use whole seconds');
  if (startupSeconds < periodSeconds) {
    throw propError(scope, `${prop} startupTimeout`, `must be at least the period (${periodSeconds === DEFAULT_PERIOD_SECONDS && period.toSeconds() === 0 ? '10 seconds, Kubernetes\' default for 0' : period.toHumanString()})`,
      startupTimeout.toHumanString(), 'raise startupTimeout');
  }
  const startupFailureThreshold = Math.ceil(startupSeconds / periodSeconds);
  if (startupFailureThreshold > MAX_INT32) {
    throw propError(scope, `${prop} startupTimeout`, `must be at most ${MAX_INT32} periods (the startup probe's failureThreshold is an int32)`,
      startupTimeout.toHumanString(), 'use a shorter startupTimeout or a longer period');
  }
  return { period, timeout, failureThreshold, successThreshold: options.successThreshold, startupTimeout, initialDelay: options.initialDelay, startupFailureThreshold };
}

/** One probe; `successThreshold` as given (undefined leaves the field out: Kubernetes' 1; a derived liveness or startup probe never takes readiness's). */
function makeProbe(scope: IConstruct, prop: string, check: HealthCheck, containerPort: number | undefined,
  threshold: number, successThreshold: number | undefined, servicePortsOnly: ServicePortsOnly): { probe?: Probe; kube?: KubeProbe } {
  const timing = checkTiming(scope, prop, check, false);
  const probeOptions = {
    periodSeconds: timing.period,
    timeoutSeconds: timing.timeout,
    failureThreshold: threshold,
    successThreshold,
    initialDelaySeconds: timing.initialDelay,
  };
  switch (check.type) {
    case HealthCheckType.HTTP:
      if (!check.path || !check.path.startsWith('/')) {
        throw propError(scope, `${prop} path`, 'must start with "/"', check.path, 'use e.g. HealthCheck.http(\'/healthz\')');
      }
      return { probe: Probe.fromHttpGet(check.path, { ...probeOptions, port: probePort(scope, prop, check.options.port, containerPort, servicePortsOnly) }) };
    case HealthCheckType.TCP:
      return { probe: Probe.fromTcpSocket({ ...probeOptions, port: probePort(scope, prop, check.options.port, containerPort, servicePortsOnly) }) };
    case HealthCheckType.GRPC:
      // cdk8s-plus-27 has no gRPC probe: written in the L1 shape (core/v1 Probe.grpc, GA in 1.27).
      return {
        kube: {
          grpc: { port: probePort(scope, prop, check.options.port, containerPort, servicePortsOnly), service: check.path },
          initialDelaySeconds: timing.initialDelay?.toSeconds(),
          periodSeconds: timing.period.toSeconds(),
          timeoutSeconds: timing.timeout.toSeconds(),
          failureThreshold: threshold,
          successThreshold,
        },
      };
    default:
      if (!check.command || check.command.length === 0) {
        throw propError(scope, `${prop} command`, 'must not be empty', check.command, 'use e.g. HealthCheck.command([\'pg_isready\'])');
      }
      return { probe: Probe.fromCommand(check.command, probeOptions) };
  }
}

function probePort(scope: IConstruct, prop: string, explicit: number | undefined, containerPort: number | undefined,
  servicePortsOnly: ServicePortsOnly): number {
  const port = explicit ?? containerPort;
  if (port === undefined) {
    throw propError(scope, prop, 'needs a port to probe', port, 'set the component\'s port or pass { port } to the health check');
  }
  checkPort(scope, `${prop} port`, port);
  // The kubelet probes the pod's IP: a Service port that forwards to another container port is
  // not open there. A port nothing declares stays allowed (a container may listen undeclared).
  const published = servicePortsOnly.get(port);
  if (published !== undefined) {
    throw propError(scope, `${prop} port`, 'is a Service port, not a container port (the kubelet probes the pod, not the Service)', port,
      `probe its container port ${published.containerPort}${published.name !== undefined ? ` ("${published.name}")` : ''}`);
  }
  return port;
}
