// Who may call a component: NetworkPolicies from `AppChart`'s `isolatePods` (default-deny
// ingress) and `Component.allowFrom(peer, options)`.
import { ApiObject, Lazy } from 'cdk8s';
import { AbstractPod, Protocol } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { IntOrString, KubeNetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort } from '../../imports/k8s';
import { validateIPBlock } from '../kubernetes/network-policy-validation';
import { isDNS1123Label, isValidPortName } from '../kubernetes/validation';
import type { AppChart } from './app-chart';
import type { Component } from './component';
import { propError } from './private/errors';

/** Label every namespace carries with its own name (Kubernetes 1.22+), used to select namespaces. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Kind of a `Peer`. */
export enum PeerType {
  COMPONENT = 'component',
  NAMESPACE = 'namespace',
  INGRESS_CONTROLLER = 'ingress-controller',
  CIDR = 'cidr',
}

/** Who may open connections to a component's pods. */
export class Peer {
  /** The pods of another component (of this app or of another AppChart's namespace). */
  public static component(component: Component): Peer {
    return new Peer(PeerType.COMPONENT, component, undefined, undefined, undefined);
  }

  /** Every pod of a namespace, e.g. `monitoring` for Prometheus. */
  public static namespace(name: string): Peer {
    return new Peer(PeerType.NAMESPACE, undefined, name, undefined, undefined);
  }

  /** The ingress controller's pods: the AppChart's `ingressControllerNamespace` (default `ingress-nginx`). */
  public static ingressController(): Peer {
    return new Peer(PeerType.INGRESS_CONTROLLER, undefined, undefined, undefined, undefined);
  }

  /**
   * Addresses outside the cluster's pods (load balancers, VPN ranges): `Peer.cidr('10.0.0.0/8')`,
   * with optional `except` ranges inside it.
   */
  public static cidr(cidr: string, except: string[] = []): Peer {
    return new Peer(PeerType.CIDR, undefined, undefined, cidr, [...except]);
  }

  private constructor(
    public readonly type: PeerType,
    /** The component of a COMPONENT peer. */
    public readonly component: Component | undefined,
    /** The namespace of a NAMESPACE peer. */
    public readonly namespace: string | undefined,
    /** The range of a CIDR peer. */
    public readonly cidr: string | undefined,
    /** Ranges excluded from `cidr`. */
    public readonly except: string[] | undefined,
  ) {}
}

/** Which port of the component a peer may reach. */
export interface AllowFromOptions {
  /**
   * Container port number the peer may reach.
   * @default - every port (unless `portName` is set)
   */
  readonly port?: number;
  /**
   * Named container port the peer may reach (e.g. `http`, `metrics`); not with `port`.
   * @default - every port (unless `port` is set)
   */
  readonly portName?: string;
  /**
   * Protocol of the port.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

interface Allowed {
  readonly peer: Peer;
  readonly port?: NetworkPolicyPort;
  readonly key: string;
}

const ACCESS = new WeakMap<Component, NetworkAccess>();

/**
 * The ingress rules of one component and its NetworkPolicy `<app>-<component>`, created on the
 * first explicit rule or, for a WebService with an Ingress, when the app isolates its pods.
 * Implicit rules (the ingress controller for a WebService's Ingress) only join a policy that
 * exists: a policy selecting the pods isolates them, so it is never created for them alone
 * in an app that does not isolate.
 */
export class NetworkAccess {
  /** The access rules of `component`. */
  public static of(component: Component): NetworkAccess {
    let access = ACCESS.get(component);
    if (!access) {
      access = new NetworkAccess(component);
      ACCESS.set(component, access);
    }
    return access;
  }

  /** The component's NetworkPolicy, once it has one. */
  public policy?: KubeNetworkPolicy;
  private readonly allowed: Allowed[] = [];

  private constructor(private readonly component: Component) {}

  /** Adds a peer and creates the policy (`Component.allowFrom`). */
  public allow(peer: Peer, options: AllowFromOptions, requester: IConstruct = this.component): void {
    this.add(peer, options, requester);
    this.ensurePolicy();
  }

  /** Adds a peer that applies only if the component gets a policy. */
  public allowIfIsolated(peer: Peer, options: AllowFromOptions): void {
    this.add(peer, options, this.component);
    if (this.component.app.isolatePods) {
      this.ensurePolicy();
    }
  }

  /** The rules, as written to `spec.ingress`. */
  public get rules(): NetworkPolicyIngressRule[] {
    return this.allowed.map((a) => ({
      from: [toPeer(this.component.app, a.peer)],
      ports: a.port === undefined ? undefined : [a.port],
    }));
  }

  /**
   * Ports of the rules that cannot match: a name no container of the component declares, or a
   * number that is one of its Service ports but no container port. NetworkPolicy ports are the
   * pods' ports (networking/v1 NetworkPolicyPort: "the port on the given protocol"), so a Service
   * port that forwards elsewhere lets nothing through. A number no port declares stays allowed,
   * as in Kubernetes: a container may listen on a port it does not declare.
   */
  private unknownPorts(): string[] {
    const declared = new Set<string>();
    const numbers = new Set<string>();
    for (const pod of this.component.node.findAll().filter((x): x is AbstractPod => x instanceof AbstractPod)) {
      for (const container of [...pod.containers, ...pod.initContainers]) {
        for (const port of container.ports) {
          if (port.name !== undefined) {
            declared.add(port.name);
          }
          numbers.add(`${port.number}/${port.protocol ?? Protocol.TCP}`);
        }
      }
    }
    const names = [...new Set(this.allowed.map((a) => a.port?.port?.value).filter((v): v is string => typeof v === 'string'))];
    const errors = names.filter((n) => !declared.has(n)).map((n) => `allowFrom portName ${JSON.stringify(n)} is not a container port of ${this.component.resourceName} `
      + `(ports: ${[...declared].sort().join(', ') || 'none'}): name one of its ports, or give the port number`);
    const seen = new Set<string>();
    for (const a of this.allowed) {
      const port = a.port?.port?.value;
      const protocol = a.port?.protocol ?? Protocol.TCP;
      if (typeof port !== 'number' || numbers.has(`${port}/${protocol}`) || seen.has(`${port}/${protocol}`)) {
        continue;
      }
      seen.add(`${port}/${protocol}`);
      const published = (this.component.service?.ports ?? []).find((p) => p.port === port && (p.protocol ?? Protocol.TCP) === protocol
        && p.targetPort !== undefined && p.targetPort !== port);
      if (published !== undefined) {
        errors.push(`allowFrom port ${port} is the Service port of ${this.component.resourceName} (${protocol}), not a container port, and NetworkPolicy ports `
          + `are the pods' ports: use its container port ${published.targetPort}${published.name !== undefined ? ` or portName ${JSON.stringify(published.name)}` : ''}`);
      }
    }
    return errors;
  }

  private add(peer: Peer, options: AllowFromOptions, requester: IConstruct): void {
    const prop = `allowFrom(${peer instanceof Peer ? peer.type : typeof peer})`;
    if (!(peer instanceof Peer)) {
      throw propError(requester, 'allowFrom peer', 'must be a Peer', peer, 'use Peer.component(c), Peer.namespace(\'x\'), Peer.ingressController() or Peer.cidr(\'10.0.0.0/8\')');
    }
    checkPeer(requester, prop, peer);
    const peerEnvironment = peer.component?.app.environment;
    const ownEnvironment = this.component.app.environment;
    if (peer.type === PeerType.COMPONENT && peerEnvironment !== ownEnvironment) {
      // Its labels (instance `<app>-<env>`) and namespace belong to another environment's
      // cluster: the rule would silently select no pod.
      throw propError(requester, `${prop} component`, `is in ${peerEnvironment ? `environment "${peerEnvironment.name}"` : 'no environment'}, `
        + `not in ${ownEnvironment ? `environment "${ownEnvironment.name}"` : 'no environment'} like ${this.component.node.path}`, peer.component!.node.path,
      'pass the calling component of the same environment (create both in each environment)');
    }
    const port = toPort(requester, prop, options);
    const key = JSON.stringify([peer.type, peer.component?.node.path, peer.namespace, peer.cidr, peer.except, port]);
    if (!this.allowed.some((a) => a.key === key)) {
      this.allowed.push({ peer, port, key });
    }
  }

  private ensurePolicy(): void {
    if (this.policy) {
      return;
    }
    const c = this.component;
    c.node.addValidation({ validate: () => this.unknownPorts() });
    this.policy = new KubeNetworkPolicy(c, 'NetworkPolicy', {
      metadata: { name: c.resourceName, labels: { 'app.kubernetes.io/component': c.componentName, 'app.kubernetes.io/version': c.version } },
      spec: {
        podSelector: { matchLabels: c.selectorLabels },
        policyTypes: ['Ingress'],
        ingress: Lazy.any({ produce: () => this.rules }) as unknown as NetworkPolicyIngressRule[],
      },
    });
  }
}

function checkPeer(scope: IConstruct, prop: string, peer: Peer): void {
  switch (peer.type) {
    case PeerType.NAMESPACE: {
      const errors = typeof peer.namespace === 'string' ? isDNS1123Label(peer.namespace) : ['must be a string'];
      if (errors.length > 0) {
        throw propError(scope, `${prop} namespace`, `is not a valid namespace name (${errors.join('; ')})`, peer.namespace, 'use a namespace name like "monitoring"');
      }
      break;
    }
    case PeerType.CIDR: {
      const problems = typeof peer.cidr === 'string' ? validateIPBlock(peer.cidr, peer.except) : [{ field: 'cidr', value: peer.cidr, message: 'must be a string' }];
      if (problems.length > 0) {
        const p = problems[0];
        throw propError(scope, `${prop} ${p.field}`, p.message, p.value,
          p.field === 'cidr' ? 'use a CIDR such as "10.0.0.0/8" or "2001:db8::/32"' : 'list ranges inside the CIDR with a longer prefix, e.g. Peer.cidr(\'10.0.0.0/8\', [\'10.1.0.0/16\'])');
      }
      break;
    }
    case PeerType.COMPONENT:
      if (peer.component === undefined || typeof peer.component.selectorLabels !== 'object') {
        throw propError(scope, `${prop} component`, 'must be a component', peer.component, 'pass a WebService, Worker, ScheduledTask or StatefulService');
      }
      break;
    default:
      break;
  }
}

function toPort(scope: IConstruct, prop: string, options: AllowFromOptions): NetworkPolicyPort | undefined {
  const protocol = options.protocol ?? Protocol.TCP;
  if (![Protocol.TCP, Protocol.UDP, Protocol.SCTP].includes(protocol)) {
    throw propError(scope, `${prop} protocol`, 'is not supported', protocol, 'use Protocol.TCP, UDP or SCTP');
  }
  if (options.port !== undefined && options.portName !== undefined) {
    throw propError(scope, `${prop} portName`, 'cannot be combined with port', options.portName, 'give either port (a number) or portName');
  }
  if (options.port !== undefined) {
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
      throw propError(scope, `${prop} port`, 'must be between 1 and 65535', options.port, 'use the container port, e.g. 8080');
    }
    return { port: IntOrString.fromNumber(options.port), protocol };
  }
  if (options.portName !== undefined) {
    const errors = typeof options.portName === 'string' ? isValidPortName(options.portName) : ['must be a string'];
    if (errors.length > 0) {
      throw propError(scope, `${prop} portName`, `is not a valid port name (${errors.join('; ')})`, options.portName, 'use a container port name such as "http" or "metrics"');
    }
    return { port: IntOrString.fromString(options.portName), protocol };
  }
  return protocol === Protocol.TCP ? undefined : { protocol };
}

function toPeer(app: AppChart, peer: Peer): NetworkPolicyPeer {
  const byName = (namespace: string) => ({ matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } });
  switch (peer.type) {
    case PeerType.COMPONENT: {
      const c = peer.component!;
      return c.app.namespace === app.namespace
        ? { podSelector: { matchLabels: c.selectorLabels } }
        : { namespaceSelector: byName(c.app.namespace), podSelector: { matchLabels: c.selectorLabels } };
    }
    case PeerType.NAMESPACE:
      return { namespaceSelector: byName(peer.namespace!) };
    case PeerType.INGRESS_CONTROLLER:
      return { namespaceSelector: byName(app.ingressControllerNamespace) };
    default:
      return { ipBlock: { cidr: peer.cidr!, except: peer.except!.length > 0 ? peer.except : undefined } };
  }
}

/** The app's default-deny NetworkPolicy `<app>-default-deny-ingress`: selects every pod, allows nothing in. */
export function createDefaultDenyIngress(app: AppChart): ApiObject {
  return new KubeNetworkPolicy(app, 'DefaultDenyIngress', {
    metadata: { name: `${app.name}-default-deny-ingress` },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  });
}
