import { Construct, IConstruct } from 'constructs';
import { Guardrails } from '../guardrails/guardrails';
import { markEnvironment } from '../synth/environment-marker';
import { Cluster } from './cluster';
import { freeId, propError } from './private/errors';
import { checkEnum, checkLabelValue } from './private/validation';
import { IngressHost } from './ingress-rule';
import { Resources } from './resources';
import { Rollout } from './rollout';
import { Toleration } from './toleration';

/** Per-component settings an environment changes. Keys of `EnvironmentProps.overrides`. */
export interface ComponentOverrides {
  /** @default - the component's own `replicas` */
  readonly replicas?: number;
  /** @default - the component's own `minReplicas` */
  readonly minReplicas?: number;
  /** @default - the component's own `maxReplicas` */
  readonly maxReplicas?: number;
  /** @default - the component's own `ingressHost` */
  readonly ingressHost?: string;
  /**
   * The WebService's `ingressTlsSecretName` (the certificate of `ingressHost`), e.g. staging's
   * own Secret when staging overrides `ingressHost`. The name is never derived from the host:
   * without this override the component's own name stays, whatever host is in effect.
   * @default - the component's own `ingressTlsSecretName`
   */
  readonly ingressTlsSecretName?: string;
  /**
   * Replaces the WebService's `ingressHosts` (hosts with their own paths and TLS Secret), e.g.
   * staging's hosts instead of production's. `[]` leaves only `ingressHost`.
   * @default - the component's own `ingressHosts`
   */
  readonly ingressHosts?: IngressHost[];
  /** @default - the component's own `resources` */
  readonly resources?: Resources;
  /**
   * The image to run, e.g. a promoted tag or digest. It leaves `app.kubernetes.io/version` as it
   * is (the label is never read from the image): set `version` with it when the tag is a release.
   * @default - the component's own `image`
   */
  readonly image?: string;
  /**
   * `app.kubernetes.io/version` of the component's objects and pods, e.g. the release of a
   * promoted `image`.
   * @default - the component's own `version`, else the app's
   */
  readonly version?: string;
  /** Environment variables added to (or replacing) the component's own `env`. @default - the component's own `env` */
  readonly env?: { readonly [name: string]: string };
  /** Config literals added to (or replacing) the component's own `config`. @default - the component's own `config` */
  readonly config?: { readonly [key: string]: string };
  /** Replaces the component's `nodeSelector`. @default - the component's own `nodeSelector` */
  readonly nodeSelector?: { readonly [label: string]: string };
  /** Replaces the component's `tolerations`. @default - the component's own `tolerations` */
  readonly tolerations?: Toleration[];
  /** Replaces the component's `rollout`. @default - the component's own `rollout` */
  readonly rollout?: Rollout;
}

/** How an environment names the namespace of each app (unless the AppChart sets `namespace`). */
export enum NamespaceScheme {
  /** `<app>` (e.g. `shop`): one environment per cluster, the usual GitOps layout. */
  APP = 'app',
  /** `<app>-<environment>` (e.g. `shop-staging`): several environments share one cluster without colliding. */
  APP_AND_ENVIRONMENT = 'app-environment',
}

export interface EnvironmentProps {
  /**
   * Overrides per component, keyed by the component's name (`storefront`, applies to every
   * app in the environment with such a component) or by `<app>/<component>` (`shop/storefront`).
   * A key that matches no component fails synth, so a typo never silently does nothing.
   * @default - no overrides
   */
  readonly overrides?: { readonly [component: string]: ComponentOverrides };
  /**
   * Check every object of the environment with the guardrails at synth (schema, names,
   * references, images, secrets, pod security). Objects of one environment are checked
   * together (duplicates, references) and apart from other environments, which are other
   * clusters or namespaces. Lower single rules with `Guardrails.of(scope)` instead of
   * turning this off.
   * @default true
   */
  readonly guardrails?: boolean;
  /**
   * The cluster the environment is deployed to: the destination of its Argo CD Application
   * (see `GitOps`).
   * @default Cluster.inCluster() - the cluster the GitOps controller runs in
   */
  readonly cluster?: Cluster;
  /**
   * The namespace of each app in this environment. Keep `APP` when every environment has its
   * own cluster; use `APP_AND_ENVIRONMENT` when two environments are applied to one cluster,
   * or their objects (same names, same namespace) overwrite each other.
   * @default NamespaceScheme.APP
   */
  readonly namespaceScheme?: NamespaceScheme;
}

/**
 * One deployment target (e.g. `staging`, `production`). Application charts created under
 * it synthesize into `dist/<environment name>/` with their own overrides.
 */
export class Environment extends Construct {
  /** The environment a construct belongs to, or undefined outside any environment. */
  public static of(construct: IConstruct): Environment | undefined {
    return construct.node.scopes.reverse().find((s): s is Environment => s instanceof Environment);
  }

  /** The environment's name: its construct id, also its folder under `dist/`. */
  public readonly name: string;
  /** The cluster the environment is deployed to. */
  public readonly cluster: Cluster;
  /** How the environment names app namespaces. */
  public readonly namespaceScheme: NamespaceScheme;
  private readonly overrides: { readonly [component: string]: ComponentOverrides };
  private readonly components = new Set<string>();

  constructor(scope: Construct, id: string, props: EnvironmentProps = {}) {
    super(freeId(scope, id, 'Environment'), id);
    this.name = id;
    markEnvironment(this, id);
    // The name is a folder under dist/ and part of the `app.kubernetes.io/instance` label.
    checkLabelValue(this, 'id', id, 'name the environment like "staging" or "production"');
    // From JavaScript a component setting here (`replicas`, `image`…) would be ignored silently: it belongs in overrides.
    const known = ['overrides', 'guardrails', 'cluster', 'namespaceScheme'];
    for (const key of Object.keys(props ?? {})) {
      if (!known.includes(key)) {
        throw propError(this, key, `is not a prop of Environment (its props: ${known.join(', ')})`, (props as Record<string, unknown>)[key],
          `to set it for components, put it in overrides, e.g. overrides: { storefront: { ${key}: … } }`);
      }
    }
    this.cluster = props.cluster ?? Cluster.inCluster();
    this.overrides = { ...props.overrides };
    checkEnum(this, 'namespaceScheme', props.namespaceScheme, NamespaceScheme, 'NamespaceScheme');
    this.namespaceScheme = props.namespaceScheme ?? NamespaceScheme.APP;
    this.node.addValidation({ validate: () => this.unknownOverrideKeys() });
    if (props.guardrails ?? true) {
      Guardrails.enable(this);
    }
  }

  /** The namespace of app `app` under the environment's `namespaceScheme`. */
  public namespaceFor(app: string): string {
    return this.namespaceScheme === NamespaceScheme.APP_AND_ENVIRONMENT ? `${app}-${this.name}` : app;
  }

  /** The overrides for one component (an empty object when there are none). */
  public overridesFor(component: string, app?: string): ComponentOverrides {
    const byComponent = this.overrides[component];
    const byApp = app === undefined ? undefined : this.overrides[`${app}/${component}`];
    if (byApp === undefined) {
      return byComponent ?? {};
    }
    return { ...byComponent, ...byApp };
  }

  /**
   * Records that `app` has a component named `component`, so overrides can be checked for
   * typos. Components call this when they are created.
   */
  public registerComponent(app: string, component: string): void {
    this.components.add(component);
    this.components.add(`${app}/${component}`);
  }

  private unknownOverrideKeys(): string[] {
    const known = [...this.components].filter((c) => !c.includes('/')).sort();
    return Object.keys(this.overrides)
      .filter((key) => !this.components.has(key))
      .sort()
      .map((key) => `overrides key ${JSON.stringify(key)} matches no component in environment "${this.name}"`
        + ` (components: ${known.join(', ') || 'none'}): fix the key or remove the override`);
  }
}
