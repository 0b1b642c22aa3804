/** Operators of a node selector requirement (`matchExpressions[*].operator`). */
export enum NodeSelectorOperator {
  IN = 'In',
  NOT_IN = 'NotIn',
  EXISTS = 'Exists',
  DOES_NOT_EXIST = 'DoesNotExist',
  /** The label's value, as an integer, is greater than the one value. */
  GT = 'Gt',
  /** The label's value, as an integer, is less than the one value. */
  LT = 'Lt',
}

/** One condition on a node label (`matchExpressions[*]`). */
export interface NodeLabelRequirement {
  /** The node label key, e.g. `cloud.google.com/gke-accelerator`. */
  readonly key: string;
  readonly operator: NodeSelectorOperator;
  /**
   * Values: one or more for `In`/`NotIn`, exactly one integer for `Gt`/`Lt`, none for
   * `Exists`/`DoesNotExist`.
   * @default []
   */
  readonly values?: string[];
}

/** Kinds of node affinity. */
export enum NodeAffinityKind {
  /** `requiredDuringSchedulingIgnoredDuringExecution`: pods only go to matching nodes. */
  REQUIRED = 'required',
  /** `preferredDuringSchedulingIgnoredDuringExecution`: matching nodes score higher. */
  PREFERRED = 'preferred',
}

/**
 * Node affinity of a component's pods. Each `required(...)` is one node selector term (its
 * requirements all hold); several `required` terms are alternatives (any one may hold), as in
 * Kubernetes. Each `preferred(weight, ...)` adds `weight` (1–100) to the score of nodes that
 * meet all its requirements.
 *
 * @example
 * nodeAffinity: [NodeAffinity.required({ key: 'node.kubernetes.io/instance-type', operator: NodeSelectorOperator.IN, values: ['g2-standard-8'] })]
 */
export class NodeAffinity {
  /** Pods only go to nodes that meet every requirement (one node selector term). */
  public static required(...requirements: NodeLabelRequirement[]): NodeAffinity {
    return new NodeAffinity(NodeAffinityKind.REQUIRED, undefined, requirements);
  }

  /** Nodes that meet every requirement get `weight` (1–100) added to their score. */
  public static preferred(weight: number, ...requirements: NodeLabelRequirement[]): NodeAffinity {
    return new NodeAffinity(NodeAffinityKind.PREFERRED, weight, requirements);
  }

  private constructor(
    public readonly kind: NodeAffinityKind,
    /** The weight of a preferred affinity; undefined for required. */
    public readonly weight: number | undefined,
    private readonly _requirements: NodeLabelRequirement[],
  ) {}

  /** The requirements (a copy). */
  public get requirements(): NodeLabelRequirement[] {
    return this._requirements.map((r) => ({ ...r, values: r.values === undefined ? undefined : [...r.values] }));
  }
}
