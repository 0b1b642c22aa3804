// Where an Environment's objects are applied: the Kubernetes cluster a GitOps tool syncs
// `dist/<environment>/` to. Argo CD names it in an Application's `spec.destination` (by API
// server URL or by the name of a cluster registered in Argo CD); Flux applies to the cluster
// it runs in.

/** The cluster an Environment is deployed to. Create one with the static factories. */
export class Cluster {
  /** The API server URL of the cluster the GitOps controller runs in (Argo CD's in-cluster). */
  public static readonly IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

  /** The cluster the GitOps controller runs in: `https://kubernetes.default.svc`. */
  public static inCluster(): Cluster {
    return new Cluster(Cluster.IN_CLUSTER_SERVER, undefined);
  }

  /**
   * A cluster by the URL of its API server, as registered in Argo CD
   * (`argocd cluster add` prints it), e.g. `https://prod.k8s.acme.example:6443`.
   */
  public static server(url: string): Cluster {
    if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(url)) {
      throw new Error(`Cluster.server(url) needs the API server URL, got ${JSON.stringify(url)}: use e.g. "https://prod.k8s.acme.example:6443"`);
    }
    return new Cluster(url, undefined);
  }

  /** A cluster by the name it is registered under in Argo CD (`argocd cluster list`), e.g. `production`. */
  public static name(name: string): Cluster {
    if (!/^[A-Za-z0-9][A-Za-z0-9._@:-]*$/.test(name)) {
      throw new Error(`Cluster.name(name) needs the cluster name registered in Argo CD, got ${JSON.stringify(name)}: use e.g. "production"`);
    }
    return new Cluster(undefined, name);
  }

  /**
   * @param server the API server URL, when the cluster is named by URL
   * @param clusterName the registered name, when the cluster is named by name
   */
  private constructor(
    /** The API server URL, or undefined when the cluster is given by name. */
    public readonly server: string | undefined,
    /** The registered cluster name, or undefined when the cluster is given by URL. */
    public readonly clusterName: string | undefined,
  ) {}

  /** True for the cluster the GitOps controller runs in. */
  public get isInCluster(): boolean {
    return this.server === Cluster.IN_CLUSTER_SERVER;
  }

  /** `server=https://…` or `name=production`, for messages. */
  public toString(): string {
    return this.server !== undefined ? `server=${this.server}` : `name=${this.clusterName}`;
  }
}
