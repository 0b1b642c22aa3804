import { Duration } from 'cdk8s';

export interface HealthCheckOptions {
  /**
   * Port to probe.
   * @default - the component's container port
   */
  readonly port?: number;
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
  NONE = 'none',
}

/**
 * One health check, used for the readiness, liveness and startup probes of a component.
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

  /** No probes. */
  public static none(): HealthCheck {
    return new HealthCheck(HealthCheckType.NONE, {}, undefined, undefined);
  }

  private constructor(
    public readonly type: HealthCheckType,
    public readonly options: HealthCheckOptions,
    /** The HTTP path, for `HealthCheck.http`. */
    public readonly path: string | undefined,
    /** The command, for `HealthCheck.command`. */
    public readonly command: string[] | undefined,
  ) {}
}
