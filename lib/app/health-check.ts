import { Duration } from 'cdk8s';

export interface HealthCheckOptions {
  /**
   * Port to probe.
   * @default - the component's container port
   */
  readonly port?: number;
  /**
   * Wait before the first probe. Rarely needed: the startup probe already holds readiness
   * and liveness back until the app answers.
   * @default - no delay
   */
  readonly initialDelay?: Duration;
  /**
   * How often to probe.
   * @default Duration.seconds(10)
   */
  readonly period?: Duration;
  /**
   * How long one probe may take.
   * @default Duration.seconds(1)
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures before the container is marked unready (readiness) or restarted
   * (liveness).
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * Consecutive successes before a readiness probe marks the container ready again. Readiness
   * only: the API server requires 1 for liveness and startup probes, so the liveness and startup
   * probes `healthCheck` derives leave it out, and a `livenessProbe` or `startupProbe` with
   * another value is an error.
   * @default 1
   */
  readonly successThreshold?: number;
  /**
   * How long the container may take to start answering before it is restarted: the startup
   * probe allows `startupTimeout / period` failures.
   * @default Duration.minutes(5)
   */
  readonly startupTimeout?: Duration;
}

/** How readiness, liveness and startup probes check a container. */
export enum HealthCheckType {
  HTTP = 'http',
  TCP = 'tcp',
  COMMAND = 'command',
  /** The gRPC Health Checking Protocol (`grpc.health.v1.Health/Check`). */
  GRPC = 'grpc',
  NONE = 'none',
}

/**
 * One health check. As a component's `healthCheck` it gives all three probes:
 * - readiness: the check (`period`, `timeout`, `failureThreshold`);
 * - startup: the check, allowing `startupTimeout` before the container is restarted;
 * - liveness: for `http`, a TCP connection to the same port (the process is up and
 *   accepting), so a failing dependency behind the HTTP path makes pods unready but never
 *   restarts them; for `tcp`, `command` and `grpc` no liveness probe, since it could only
 *   repeat readiness (kube-score flags identical probes: they restart pods that are merely busy).
 * Set `readinessProbe`, `livenessProbe` or `startupProbe` to choose one probe yourself.
 *
 * @example
 * healthCheck: HealthCheck.http('/healthz')
 */
export class HealthCheck {
  /** An HTTP GET that must answer 200–399. */
  public static http(path: string, options: HealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckType.HTTP, options, path, undefined);
  }

  /** A TCP connection that must open. */
  public static tcp(options: HealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckType.TCP, options, undefined, undefined);
  }

  /** A command run in the container that must exit 0. */
  public static command(command: string[], options: HealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckType.COMMAND, options, undefined, [...command]);
  }

  /**
   * A gRPC health check (`grpc.health.v1.Health/Check`) on `port`.
   * @param port the gRPC port; defaults to the component's container port
   * @param service the service name sent in the request; defaults to '' (the server's overall health)
   */
  public static grpc(port?: number, service?: string, options: HealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckType.GRPC, { ...options, port: port ?? options.port }, service, undefined);
  }

  /** No probes. */
  public static none(): HealthCheck {
    return new HealthCheck(HealthCheckType.NONE, {}, undefined, undefined);
  }

  private constructor(
    public readonly type: HealthCheckType,
    public readonly options: HealthCheckOptions,
    /** The HTTP path (`HealthCheck.http`), or the gRPC service name (`HealthCheck.grpc`). */
    public readonly path: string | undefined,
    /** The command, for `HealthCheck.command`. */
    public readonly command: string[] | undefined,
  ) {}
}
