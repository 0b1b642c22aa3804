import {
  Deployment, HorizontalPodAutoscaler, HttpIngressPathType, Ingress, IngressBackend, Protocol, Secret, Service,
} from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubePodDisruptionBudget } from '../../imports/k8s';
import { Guardrails } from '../guardrails/guardrails';
import { ExternalKind } from '../guardrails/policy';
import { AutoscalingProps, Component, ReplicatedComponentProps } from './component';
import { HealthCheck } from './health-check';
import { propError } from './private/errors';
import { checkDns1123Subdomain, checkPort } from './private/validation';
import { isIPAddress, validateHttpIngressPath, validateIngressRuleHost } from '../guardrails/upstream/ingress-validation';

export interface WebServiceProps extends ReplicatedComponentProps, AutoscalingProps {
  /**
   * Port the container listens on (named `http`).
   * @default 8080
   */
  readonly port?: number;
  /**
   * Port of the Service (and of the Ingress backend).
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * Host name of an Ingress routing to the Service; setting it creates the Ingress.
   * @default - no Ingress
   */
  readonly ingressHost?: string;
  /**
   * Path prefix the Ingress routes.
   * @default '/'
   */
  readonly ingressPath?: string;
  /**
   * Secret (type kubernetes.io/tls) with the certificate for `ingressHost`.
   * @default - no TLS
   */
  readonly ingressTlsSecretName?: string;
  /**
   * IngressClass of the Ingress.
   * @default - the cluster's default IngressClass
   */
  readonly ingressClassName?: string;
}

/**
 * A stateless HTTP service: Deployment + ClusterIP Service, and optionally an Ingress, a
 * HorizontalPodAutoscaler (`maxReplicas`) and a PodDisruptionBudget (on by default with 2+
 * replicas). Runs 2 replicas unless told otherwise.
 */
export class WebService extends Component {
  /** Replica count when neither `replicas` nor `maxReplicas` is set. */
  public static readonly DEFAULT_REPLICAS = 2;

  public readonly deployment: Deployment;
  public readonly service: Service;
  public readonly ingress?: Ingress;
  public readonly autoscaler?: HorizontalPodAutoscaler;
  public readonly disruptionBudget?: KubePodDisruptionBudget;
  public readonly port: number;
  public readonly servicePort: number;
  /** The Ingress host in effect (the environment's override, else `ingressHost`). */
  public readonly ingressHost?: string;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id, props, {
      kind: 'WebService',
      overrides: ['replicas', 'minReplicas', 'maxReplicas', 'ingressHost', 'resources'],
      maxNameLength: 63,
    });
    this.port = props.port ?? 8080;
    this.servicePort = props.servicePort ?? 80;
    checkPort(this, 'port', this.port);
    checkPort(this, 'servicePort', this.servicePort);
    this.ingressHost = this.overrides.ingressHost ?? props.ingressHost;
    const plan = this.planReplicas(props, WebService.DEFAULT_REPLICAS);

    this.deployment = this.createDeployment(plan, props.spreadAcrossZones, {
      port: { number: this.port, name: 'http', protocol: Protocol.TCP },
      healthCheck: props.healthCheck ?? HealthCheck.tcp(),
    });

    this.service = new Service(this, 'Service', {
      metadata: this.objectMetadata(this.resourceName),
      ports: [{ name: 'http', port: this.servicePort, targetPort: this.port, protocol: Protocol.TCP }],
    });
    for (const [key, value] of Object.entries(this.selectorLabels)) {
      this.service.selectLabel(key, value);
    }

    if (this.ingressHost !== undefined) {
      this.ingress = this.createIngress(this.ingressHost, props);
    } else if (props.ingressPath !== undefined || props.ingressTlsSecretName !== undefined || props.ingressClassName !== undefined) {
      const prop = props.ingressPath !== undefined ? 'ingressPath' : props.ingressTlsSecretName !== undefined ? 'ingressTlsSecretName' : 'ingressClassName';
      throw propError(this, prop, 'needs ingressHost', props[prop], 'set ingressHost to create the Ingress, or remove this prop');
    }
    this.autoscaler = this.addAutoscaler(this.deployment, plan, props);
    this.disruptionBudget = this.addDisruptionBudget(plan, props.podDisruptionBudget);
  }

  private createIngress(host: string, props: WebServiceProps): Ingress {
    // The API server's own checks (networking validation, one port in guardrails/upstream):
    // wildcard hosts are valid, IP addresses are not; Prefix paths must be normalized.
    const hostProp = this.overridden('ingressHost');
    if (typeof host === 'string' && isIPAddress(host)) {
      throw propError(this, hostProp, 'must be a DNS name, not an IP address', host, 'use a host name like "shop.example.com"');
    } else if (typeof host === 'string' && host.includes('*')) {
      if (validateIngressRuleHost(host).length > 0) {
        throw propError(this, hostProp, 'must be a wildcard DNS-1123 subdomain ("*." and a subdomain)', host, 'use e.g. "*.example.com"');
      }
    } else {
      checkDns1123Subdomain(this, hostProp, host, 'use a host name like "shop.example.com"');
    }
    const path = props.ingressPath ?? '/';
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw propError(this, 'ingressPath', 'must start with "/"', path, 'use e.g. "/" or "/api"');
    }
    const pathProblem = validateHttpIngressPath(path, 'Prefix')[0];
    if (pathProblem !== undefined) {
      throw propError(this, 'ingressPath', pathProblem, path, 'write a normalized path such as "/api"');
    }
    if (props.ingressTlsSecretName !== undefined) {
      checkDns1123Subdomain(this, 'ingressTlsSecretName', props.ingressTlsSecretName, 'use the name of an existing TLS Secret');
    }
    if (props.ingressClassName !== undefined) {
      checkDns1123Subdomain(this, 'ingressClassName', props.ingressClassName, 'use the name of an IngressClass, e.g. "nginx"');
    }
    if (props.ingressTlsSecretName !== undefined) {
      // The certificate Secret comes from outside dist/ (cert-manager, a vault sync, …).
      Guardrails.of(this).declareExternal(ExternalKind.SECRET, props.ingressTlsSecretName);
    }
    return new Ingress(this, 'Ingress', {
      metadata: this.objectMetadata(this.resourceName),
      className: props.ingressClassName,
      rules: [{ host, path, pathType: HttpIngressPathType.PREFIX, backend: IngressBackend.fromService(this.service) }],
      tls: props.ingressTlsSecretName === undefined ? undefined : [{
        hosts: [host],
        secret: Secret.fromSecretName(this, 'TlsSecret', props.ingressTlsSecretName),
      }],
    });
  }
}
