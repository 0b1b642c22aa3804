import { Protocol } from 'cdk8s-plus-27';

/**
 * A named port of a container, published on the component's Service.
 *
 * @example
 * ports: [{ name: 'metrics', port: 9090 }]
 */
export interface PortSpec {
  /** Port name, unique in the pod and the Service (an IANA service name such as `metrics`). */
  readonly name: string;
  /** Port the container listens on. */
  readonly port: number;
  /**
   * Port of the Service.
   * @default - the container port
   */
  readonly servicePort?: number;
  /**
   * Protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * The Service port's `appProtocol` (e.g. `http`, `h2c`, `kubernetes.io/h2c`), a hint for
   * load balancers and meshes.
   * @default - none
   */
  readonly appProtocol?: string;
}
