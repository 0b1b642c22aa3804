import { Duration } from 'cdk8s';
import { Probe } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { HealthCheck, HealthCheckType } from '../health-check';
import { propError } from './errors';
import { checkInteger, checkPort } from './validation';
import { wholeSeconds } from './durations';

export interface ContainerProbes {
  readonly readiness?: Probe;
  readonly liveness?: Probe;
  readonly startup?: Probe;
}

/**
 * Readiness, liveness and startup probes from one health check. The startup probe holds the
 * other two back until the app answers once, so a slow start is not a crash loop.
 * @param port the component's container port, if it has one
 */
export function toProbes(scope: IConstruct, check: HealthCheck, port: number | undefined): ContainerProbes {
  if (check.type === HealthCheckType.NONE) {
    return {};
  }
  const options = check.options;
  const period = options.period ?? Duration.seconds(10);
  const timeout = options.timeout ?? Duration.seconds(1);
  const failureThreshold = options.failureThreshold ?? 3;
  const startupTimeout = options.startupTimeout ?? Duration.minutes(5);
  checkInteger(scope, 'healthCheck failureThreshold', failureThreshold, 1, Number.MAX_SAFE_INTEGER, 'use 1 or more');
  if (wholeSeconds(scope, 'healthCheck period', period, 'use whole seconds') < 1) {
    throw propError(scope, 'healthCheck period', 'must be at least 1 second', period.toHumanString(), 'use e.g. Duration.seconds(10)');
  }
  if (wholeSeconds(scope, 'healthCheck timeout', timeout, 'use whole seconds') < 1) {
    throw propError(scope, 'healthCheck timeout', 'must be at least 1 second', timeout.toHumanString(), 'use e.g. Duration.seconds(1)');
  }
  if (wholeSeconds(scope, 'healthCheck startupTimeout', startupTimeout, 'use whole seconds') < period.toSeconds()) {
    throw propError(scope, 'healthCheck startupTimeout', `must be at least the period (${period.toHumanString()})`, startupTimeout.toHumanString(), 'raise startupTimeout');
  }
  const make = (threshold: number): Probe => {
    const probeOptions = { periodSeconds: period, timeoutSeconds: timeout, failureThreshold: threshold };
    switch (check.type) {
      case HealthCheckType.HTTP:
        if (!check.path || !check.path.startsWith('/')) {
          throw propError(scope, 'healthCheck path', 'must start with "/"', check.path, 'use e.g. HealthCheck.http(\'/healthz\')');
        }
        return Probe.fromHttpGet(check.path, { ...probeOptions, port: probePort(scope, options.port, port) });
      case HealthCheckType.TCP:
        return Probe.fromTcpSocket({ ...probeOptions, port: probePort(scope, options.port, port) });
      default:
        if (!check.command || check.command.length === 0) {
          throw propError(scope, 'healthCheck command', 'must not be empty', check.command, 'use e.g. HealthCheck.command([\'pg_isready\'])');
        }
        return Probe.fromCommand(check.command, probeOptions);
    }
  };
  return {
    readiness: make(failureThreshold),
    liveness: make(failureThreshold),
    startup: make(Math.ceil(startupTimeout.toSeconds() / period.toSeconds())),
  };
}

function probePort(scope: IConstruct, explicit: number | undefined, containerPort: number | undefined): number {
  const port = explicit ?? containerPort;
  if (port === undefined) {
    throw propError(scope, 'healthCheck', 'needs a port to probe', port, 'set the component\'s port or pass { port } to the health check');
  }
  checkPort(scope, 'healthCheck port', port);
  return port;
}
