import {
  Deployment, HttpIngressPathType, Ingress, IngressBackend, IngressTls, Protocol, Secret, Service,
} from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubeHorizontalPodAutoscalerV2, KubePodDisruptionBudget } from '../../imports/k8s';
import { ServiceMonitor } from '../../imports/monitoring.coreos.com';
import { Guardrails } from '../guardrails/guardrails';
import { ExternalKind } from '../guardrails/policy';
import { validateIngressPath, validateIngressRuleHost, validateIngressTlsHost } from '../kubernetes/ingress-validation';
import { isQualifiedName, TOTAL_ANNOTATION_SIZE_LIMIT_B, goLen } from '../kubernetes/validation';
import { AutoscalingProps, Component, ComponentProps, ReplicatedComponentProps } from './component';
import { HealthCheck } from './health-check';
import { CertManagerIssuer, IngressHost, IngressPathType } from './ingress-rule';
import { addServiceMonitor, MonitoringProps } from './metrics';
import { NetworkAccess, Peer } from './network-policy';
import { propError } from './private/errors';
import { AUTOSCALING_PROPS, checkAppProtocol, checkDns1123Subdomain, checkKnownProps, checkPort, checkPortName, REPLICATED_PROPS } from './private/validation';

export interface WebServiceProps extends ReplicatedComponentProps, AutoscalingProps, MonitoringProps {
  /**
   * Port the container listens on (named `portName`).
   * @default 8080
   */
  readonly port?: number;
  /**
   * Name of the port on the container and the Service (an IANA service name), which the
   * ingress controller's NetworkPolicy rule names too, e.g. `grpc` for a gRPC server.
   * @default 'http'
   */
  readonly portName?: string;
  /**
   * The Service port's `appProtocol` (e.g. `kubernetes.io/h2c` or `grpc`), a hint for load
   * balancers, ingress controllers and meshes.
   * @default - none
   */
  readonly appProtocol?: string;
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
   * Secret (type kubernetes.io/tls) with the certificate for `ingressHost`. An environment that
   * overrides `ingressHost` keeps this name unless it overrides `ingressTlsSecretName` too.
   * @default - no TLS
   */
  readonly ingressTlsSecretName?: string;
  /**
   * IngressClass of the Ingress.
   * @default - the cluster's default IngressClass
   */
  readonly ingressClassName?: string;
  /**
   * More hosts of the Ingress, each with its paths and TLS Secret (after `ingressHost`, which
   * may be left out when these are given).
   * @default - only `ingressHost`
   */
  readonly ingressHosts?: IngressHost[];
  /**
   * Annotations of the Ingress (controller settings such as
   * `nginx.ingress.kubernetes.io/proxy-body-size`).
   * @default - none besides those of `ingressCertManagerIssuer` and `ingressRewriteTarget`
   */
  readonly ingressAnnotations?: { readonly [key: string]: string };
  /**
   * cert-manager issuer of the TLS certificates: `CertManagerIssuer.clusterIssuer('letsencrypt')`.
   * cert-manager then writes each host's `tlsSecretName` (at least one host needs TLS).
   * @default - no cert-manager annotation
   */
  readonly ingressCertManagerIssuer?: CertManagerIssuer;
  /**
   * Rewrite of the matched path before it reaches the pods, for ingress-nginx
   * (`nginx.ingress.kubernetes.io/rewrite-target`), e.g. `/` or `/$2`.
   * @default - paths reach the pods unchanged
   */
  readonly ingressRewriteTarget?: string;
}

/** Annotation ingress-nginx reads for `ingressRewriteTarget`. */
export const NGINX_REWRITE_TARGET_ANNOTATION = 'nginx.ingress.kubernetes.io/rewrite-target';

const WEB_SERVICE_PROPS: { readonly [K in Exclude<keyof WebServiceProps, keyof ComponentProps>]-?: true } = {
  ...REPLICATED_PROPS,
  ...AUTOSCALING_PROPS,
  metrics: true,
  port: true,
  portName: true,
  appProtocol: true,
  servicePort: true,
  ingressHost: true,
  ingressPath: true,
  ingressTlsSecretName: true,
  ingressClassName: true,
  ingressHosts: true,
  ingressAnnotations: true,
  ingressCertManagerIssuer: true,
  ingressRewriteTarget: true,
};

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
  /** The HorizontalPodAutoscaler (autoscaling/v2), when `maxReplicas` is set. */
  public readonly autoscaler?: KubeHorizontalPodAutoscalerV2;
  public readonly disruptionBudget?: KubePodDisruptionBudget;
  /** The Prometheus ServiceMonitor, when `metrics` is set. */
  public readonly serviceMonitor?: ServiceMonitor;
  public readonly port: number;
  public readonly servicePort: number;
  /** Name of the component's own port on the container and the Service. */
  public readonly portName: string;
  /** The Service port's `appProtocol`; undefined when not set. */
  public readonly appProtocol?: string;
  /** The Ingress host in effect (the environment's override, else `ingressHost`). */
  public readonly ingressHost?: string;
  /** Every host of the Ingress with its paths and TLS Secret (empty without an Ingress). */
  public readonly ingressHosts: IngressHost[];

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id, props, {
      kind: 'WebService',
      overrides: ['replicas', 'minReplicas', 'maxReplicas', 'ingressHost', 'ingressHosts', 'ingressTlsSecretName', 'resources', 'rollout'],
      maxNameLength: 63,
      portName: props?.portName ?? 'http',
      portNumbers: { container: props?.port ?? 8080, service: props?.servicePort ?? 80 },
    });
    if (new.target === WebService) checkKnownProps(this, 'WebService', props, WEB_SERVICE_PROPS);
    this.port = props.port ?? 8080;
    this.servicePort = props.servicePort ?? 80;
    checkPort(this, 'port', this.port);
    checkPort(this, 'servicePort', this.servicePort);
    this.portName = props.portName ?? 'http';
    checkPortName(this, 'portName', this.portName);
    this.appProtocol = props.appProtocol;
    if (this.appProtocol !== undefined) {
      checkAppProtocol(this, 'appProtocol', this.appProtocol);
    }
    this.ingressHost = this.overrides.ingressHost ?? props.ingressHost;
    const plan = this.planReplicas(props, WebService.DEFAULT_REPLICAS);

    this.deployment = this.createDeployment(plan, props.spreadAcrossZones, {
      port: { number: this.port, name: this.portName, protocol: Protocol.TCP },
      healthCheck: props.healthCheck ?? HealthCheck.tcp(),
    });

    this.service = this.createService([
      { name: this.portName, port: this.port, servicePort: this.servicePort, appProtocol: this.appProtocol }, ...this.extraPorts,
    ], false);
    this.setService(this.service);

    this.ingressHosts = this.resolveIngressHosts(props);
    if (this.ingressHosts.length > 0) {
      this.ingress = this.createIngress(props);
      // The ingress controller forwards to the pods' port, not the Service's.
      NetworkAccess.of(this).allowIfIsolated(Peer.ingressController(), { portName: this.portName });
    } else {
      const needsIngress = ['ingressClassName', 'ingressAnnotations', 'ingressCertManagerIssuer', 'ingressRewriteTarget'] as const;
      const prop = needsIngress.find((p) => props[p] !== undefined);
      if (prop !== undefined) {
        const value = props[prop];
        throw propError(this, prop, 'needs ingressHost or ingressHosts', value instanceof CertManagerIssuer ? value.name : value,
          'set ingressHost (or ingressHosts) to create the Ingress, or remove this prop');
      }
    }
    if (props.metrics !== undefined) {
      this.serviceMonitor = addServiceMonitor(this, this.service, props.metrics);
    }
    this.autoscaler = this.addAutoscaler(this.deployment, plan, props);
    this.disruptionBudget = this.addDisruptionBudget(plan, props.podDisruptionBudget);
  }

  /** `ingressHost` (with `ingressPath` and `ingressTlsSecretName`) then `ingressHosts`, checked as the API server checks them. */
  private resolveIngressHosts(props: WebServiceProps): IngressHost[] {
    const hosts: { host: IngressHost; prop: string }[] = [];
    const tlsSecretName = this.overrides.ingressTlsSecretName ?? props.ingressTlsSecretName;
    if (this.ingressHost !== undefined) {
      hosts.push({
        prop: this.overridden('ingressHost'),
        host: { host: this.ingressHost, paths: [{ path: props.ingressPath ?? '/' }], tlsSecretName },
      });
    } else if (props.ingressPath !== undefined || tlsSecretName !== undefined) {
      const prop = props.ingressPath !== undefined ? 'ingressPath' : this.overridden('ingressTlsSecretName');
      throw propError(this, prop, 'needs ingressHost', props.ingressPath ?? tlsSecretName, 'set ingressHost to create the Ingress, or remove this prop');
    }
    const hostsProp = this.overridden('ingressHosts');
    (this.overrides.ingressHosts ?? props.ingressHosts ?? []).forEach((host, i) => hosts.push({ host, prop: `${hostsProp}[${i}]` }));

    const routed = new Map<string, string>();
    for (const { host, prop } of hosts) {
      const hostProp = prop.startsWith('ingressHost') && !prop.startsWith('ingressHosts') ? prop : `${prop}.host`;
      const hostErrors = typeof host.host === 'string' ? validateIngressRuleHost(host.host) : ['must be a string'];
      if (host.host === '' || hostErrors.length > 0) {
        throw propError(this, hostProp, `is not a valid Ingress host (${host.host === '' ? 'must not be empty: a rule for every host is not supported' : hostErrors.join('; ')})`, host.host,
          'use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address');
      }
      const paths = host.paths ?? [{ path: '/' }];
      if (paths.length === 0) {
        throw propError(this, `${prop}.paths`, 'must list at least one path', paths, 'leave paths out for "/", or list e.g. [{ path: \'/api\' }]');
      }
      paths.forEach((p, j) => {
        const pathProp = prop === hostProp ? 'ingressPath' : `${prop}.paths[${j}].path`;
        const pathType = p.pathType ?? IngressPathType.PREFIX;
        // validateHTTPIngressPath checks pathType first (NotSupported): name that field, not the path.
        if (!(Object.values(IngressPathType) as string[]).includes(pathType)) {
          throw propError(this, `${prop}.paths[${j}].pathType`, 'must be one of "Exact", "ImplementationSpecific", "Prefix"', pathType,
            'use IngressPathType.PREFIX, IngressPathType.EXACT or IngressPathType.IMPLEMENTATION_SPECIFIC');
        }
        const pathErrors = typeof p.path === 'string' ? validateIngressPath(p.path, pathType) : ['must be a string'];
        if (pathErrors.length > 0) {
          throw propError(this, pathProp, `is not a valid Ingress path (${pathErrors.join('; ')})`, p.path,
            'use an absolute path such as "/" or "/api" without "//", "/./", "/../" or "%2f"');
        }
        // cdk8s-plus keeps one route per host and path, whatever the path type.
        const key = `${host.host}\u0000${p.path}`;
        const first = routed.get(key);
        if (first !== undefined) {
          throw propError(this, pathProp, `routes host ${JSON.stringify(host.host)} path ${JSON.stringify(p.path)} already routed by ${first}`, p.path,
            'route each host and path once');
        }
        routed.set(key, pathProp);
      });
      if (host.tlsSecretName !== undefined) {
        const tlsProp = prop === hostProp ? this.overridden('ingressTlsSecretName') : `${prop}.tlsSecretName`;
        checkDns1123Subdomain(this, tlsProp, host.tlsSecretName, 'use the name of a TLS Secret, e.g. "shop-example-com-tls"');
        const tlsErrors = validateIngressTlsHost(host.host);
        if (tlsErrors.length > 0) {
          throw propError(this, hostProp, `is not a valid TLS host (${tlsErrors.join('; ')})`, host.host, 'use a DNS name like "shop.example.com"');
        }
      }
    }
    return hosts.map(({ host }) => ({ ...host, paths: [...host.paths ?? [{ path: '/' }]] }));
  }

  private ingressAnnotations(props: WebServiceProps): { [key: string]: string } {
    const annotations: { [key: string]: string } = {};
    for (const [key, value] of Object.entries(props.ingressAnnotations ?? {})) {
      const errors = isQualifiedName(key.toLowerCase());
      if (errors.length > 0) {
        throw propError(this, 'ingressAnnotations key', `is not a valid annotation key (${errors.join('; ')})`, key,
          'use a key like "nginx.ingress.kubernetes.io/proxy-body-size"');
      }
      if (typeof value !== 'string') {
        throw propError(this, `ingressAnnotations ${JSON.stringify(key)}`, 'must be a string', value, 'quote the value, e.g. "8m"');
      }
      annotations[key] = value;
    }
    const derived: [string, string, string][] = [];
    if (props.ingressCertManagerIssuer !== undefined) {
      const issuer = props.ingressCertManagerIssuer;
      checkDns1123Subdomain(this, 'ingressCertManagerIssuer', issuer.name, 'use the name of an Issuer or ClusterIssuer, e.g. "letsencrypt"');
      if (!this.ingressHosts.some((h) => h.tlsSecretName !== undefined)) {
        throw propError(this, 'ingressCertManagerIssuer', 'needs a host with TLS (cert-manager only issues certificates for tls entries)', issuer.name,
          'set ingressTlsSecretName, or tlsSecretName on an ingressHosts entry');
      }
      derived.push(['ingressCertManagerIssuer', issuer.annotation, issuer.name]);
    }
    if (props.ingressRewriteTarget !== undefined) {
      if (typeof props.ingressRewriteTarget !== 'string' || props.ingressRewriteTarget.length === 0) {
        throw propError(this, 'ingressRewriteTarget', 'must not be empty', props.ingressRewriteTarget, 'use e.g. "/" or "/$2"');
      }
      derived.push(['ingressRewriteTarget', NGINX_REWRITE_TARGET_ANNOTATION, props.ingressRewriteTarget]);
    }
    for (const [prop, key, value] of derived) {
      if (key in annotations && annotations[key] !== value) {
        throw propError(this, `ingressAnnotations ${JSON.stringify(key)}`, `contradicts ${prop} (${JSON.stringify(value)})`, annotations[key],
          `set it once, through ${prop}`);
      }
      annotations[key] = value;
    }
    const size = Object.entries(annotations).reduce((n, [k, v]) => n + goLen(k) + goLen(v), 0);
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
      throw propError(this, 'ingressAnnotations', `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes in total`, `${size} bytes`, 'shorten the annotations');
    }
    return annotations;
  }

  private createIngress(props: WebServiceProps): Ingress {
    if (props.ingressClassName !== undefined) {
      checkDns1123Subdomain(this, 'ingressClassName', props.ingressClassName, 'use the name of an IngressClass, e.g. "nginx"');
    }
    const annotations = this.ingressAnnotations(props);
    const metadata = this.objectMetadata(this.resourceName);
    const ingress = new Ingress(this, 'Ingress', {
      metadata: Object.keys(annotations).length > 0 ? { ...metadata, annotations } : metadata,
      className: props.ingressClassName,
    });
    const backend = IngressBackend.fromService(this.service, { port: this.servicePort });
    const tlsHosts = new Map<string, string[]>();
    for (const host of this.ingressHosts) {
      for (const p of host.paths ?? []) {
        ingress.addHostRule(host.host, p.path, backend, (p.pathType ?? IngressPathType.PREFIX) as string as HttpIngressPathType);
      }
      if (host.tlsSecretName !== undefined) {
        tlsHosts.set(host.tlsSecretName, [...tlsHosts.get(host.tlsSecretName) ?? [], host.host]);
      }
    }
    const tls: IngressTls[] = [];
    for (const [secretName, hosts] of tlsHosts) {
      // The certificate Secret comes from outside dist/ (cert-manager, a vault sync, …).
      Guardrails.of(this).declareExternal(ExternalKind.SECRET, secretName);
      tls.push({ hosts: [...new Set(hosts)], secret: Secret.fromSecretName(this, tls.length === 0 ? 'TlsSecret' : `TlsSecret-${secretName}`, secretName) });
    }
    if (tls.length > 0) {
      ingress.addTls(tls);
    }
    return ingress;
  }
}
