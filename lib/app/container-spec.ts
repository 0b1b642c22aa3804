import { ImagePullPolicy } from 'cdk8s-plus-27';
import { HealthCheck } from './health-check';
import { Mount } from './mount';
import { PortSpec } from './port-spec';
import { Resources } from './resources';
import { SecretRef } from './secret-ref';

/**
 * One more container of a component's pods: a sidecar (`sidecars`) or an init container
 * (`initContainers`). It gets the same secure defaults as the main container (non-root, no
 * privilege escalation, all capabilities dropped, read-only root filesystem with a writable
 * `/tmp`, RuntimeDefault seccomp) and states its resources: there is no hidden default.
 */
export interface ContainerSpec {
  /** Container name, unique in the pod (a DNS-1123 label, e.g. `log-shipper`). */
  readonly name: string;
  /** Image, pinned to a tag or digest. */
  readonly image: string;
  /**
   * When the kubelet pulls the image (`imagePullPolicy`, written explicitly).
   * @default - as Kubernetes 1.27 defaults it for the image: `IfNotPresent`, or `Always` when the tag is `latest` (accepted only next to a digest)
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** What the container requests. Required: never cdk8s-plus's hidden 1000m / 512Mi. */
  readonly resources: Resources;
  /**
   * Entrypoint.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Plain environment variables.
   * @default - none
   */
  readonly env?: { readonly [name: string]: string };
  /**
   * Environment variables read from existing Secrets.
   * @default - none
   */
  readonly secretEnv?: { readonly [name: string]: SecretRef };
  /**
   * Named ports the container listens on (names unique in the pod).
   * @default - none
   */
  readonly ports?: PortSpec[];
  /**
   * Readiness, liveness and startup probes (sidecars only: init containers run to completion
   * and take no probes).
   * @default HealthCheck.none()
   */
  readonly healthCheck?: HealthCheck;
  /**
   * The readiness probe, instead of the one `healthCheck` derives (sidecars only).
   * @default - from `healthCheck`
   */
  readonly readinessProbe?: HealthCheck;
  /**
   * The liveness probe, instead of the one `healthCheck` derives (sidecars only).
   * @default - from `healthCheck`: a TCP connection for HTTP checks, else none
   */
  readonly livenessProbe?: HealthCheck;
  /**
   * The startup probe, instead of the one `healthCheck` derives (sidecars only).
   * @default - from `healthCheck`
   */
  readonly startupProbe?: HealthCheck;
  /**
   * Volumes mounted into this container, besides `/tmp`. A name that is one of the component's
   * `mounts` (or another container's) shares that volume: the pod has it once, with the options
   * of its first mount, e.g. `Mount.emptyDir('logs', '/var/log/app')` on the main container and
   * `Mount.emptyDir('logs', '/logs', {})` on a log shipper. A new name adds a volume to the pod.
   * @default - only `/tmp`
   */
  readonly mounts?: Mount[];
}
