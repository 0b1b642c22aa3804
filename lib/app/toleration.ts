/**
 * A toleration of the component's pods, as in the pod spec (`spec.tolerations[*]`). Checked as
 * the API server checks it (k8s 1.27 ValidateTolerations): `Exists` takes no value, an empty
 * key needs `Exists`, `tolerationSeconds` only with `NoExecute`.
 *
 * @example
 * tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]
 */
export interface Toleration {
  /**
   * Taint key to match (a qualified name such as `nvidia.com/gpu`).
   * @default - every key; `operator` must then be `Exists`
   */
  readonly key?: string;
  /**
   * `Equal` matches the taint's value, `Exists` any value.
   * @default 'Equal'
   */
  readonly operator?: 'Equal' | 'Exists';
  /**
   * Taint value to match (a label value); only with `Equal`.
   * @default ''
   */
  readonly value?: string;
  /**
   * Taint effect to match.
   * @default - every effect
   */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /**
   * How long a pod stays on a node after a matching `NoExecute` taint appears (only with
   * `effect: 'NoExecute'`).
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}
