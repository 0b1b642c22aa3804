import { Construct, IConstruct } from 'constructs';

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
}

export interface EnvironmentProps {
  /**
   * Overrides per component, keyed by the component's name (e.g. `storefront`).
   * @default - no overrides
   */
  readonly overrides?: { readonly [component: string]: ComponentOverrides };
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
  private readonly overrides: { readonly [component: string]: ComponentOverrides };

  constructor(scope: Construct, id: string, props: EnvironmentProps = {}) {
    super(scope, id);
    this.name = id;
    this.overrides = { ...props.overrides };
  }

  /** The overrides for one component (an empty object when there are none). */
  public overridesFor(component: string): ComponentOverrides {
    return this.overrides[component] ?? {};
  }
}
