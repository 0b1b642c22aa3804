/** How an Ingress path matches request paths (networking.k8s.io/v1 `pathType`). */
export enum IngressPathType {
  /** Matches the path and everything below it, element by element (`/api` matches `/api/x`, not `/apix`). */
  PREFIX = 'Prefix',
  /** Matches the path exactly. */
  EXACT = 'Exact',
  /** Matching is up to the IngressClass (e.g. regular expressions with ingress-nginx). */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/** One path of an Ingress host, routed to the component's Service. */
export interface IngressPath {
  /** The path, e.g. `/api`. Absolute; no `//`, `/./`, `/../`, `%2f`, and no `/.` or `/..` at the end. */
  readonly path: string;
  /**
   * How the path matches.
   * @default IngressPathType.PREFIX
   */
  readonly pathType?: IngressPathType;
}

/** One host of a WebService's Ingress, with its paths and its own TLS certificate. */
export interface IngressHost {
  /** A DNS name (`shop.example.com`) or a wildcard (`*.example.com`); never an IP address. */
  readonly host: string;
  /**
   * Paths routed to the Service.
   * @default - one path, `/` (Prefix)
   */
  readonly paths?: IngressPath[];
  /**
   * Secret (type kubernetes.io/tls) with this host's certificate; hosts naming the same
   * Secret share one `tls` entry. With `ingressCertManagerIssuer`, cert-manager writes it.
   * @default - no TLS for this host
   */
  readonly tlsSecretName?: string;
}

/** The cert-manager issuer that signs the Ingress certificates (ingress-shim annotations). */
export class CertManagerIssuer {
  /** A ClusterIssuer: annotation `cert-manager.io/cluster-issuer`. */
  public static clusterIssuer(name: string): CertManagerIssuer {
    return new CertManagerIssuer('cert-manager.io/cluster-issuer', name);
  }

  /** An Issuer in the app's namespace: annotation `cert-manager.io/issuer`. */
  public static issuer(name: string): CertManagerIssuer {
    return new CertManagerIssuer('cert-manager.io/issuer', name);
  }

  private constructor(
    /** The Ingress annotation key. */
    public readonly annotation: string,
    /** The issuer's name. */
    public readonly name: string,
  ) {}
}
