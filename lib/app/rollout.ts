/** How a component replaces its pods when the pod template changes. */
export enum RolloutType {
  /** Deployment `RollingUpdate` / StatefulSet `RollingUpdate`. */
  ROLLING_UPDATE = 'RollingUpdate',
  /** Deployment `Recreate`: every old pod goes before a new one starts. */
  RECREATE = 'Recreate',
  /** StatefulSet `OnDelete`: a pod is replaced only when someone deletes it. */
  ON_DELETE = 'OnDelete',
}

export interface RollingUpdateOptions {
  /**
   * Deployments: pods started above the replica count during a rollout, a number (`1`) or a
   * percentage of the replicas rounded up (`'25%'`). Not for StatefulServices.
   * @default '25%'
   */
  readonly maxSurge?: number | string;
  /**
   * Deployments: pods that may be unavailable during a rollout, a number or a percentage of
   * the replicas rounded down (at most `'100%'`). `maxSurge` and `maxUnavailable` may not
   * both be 0. Not for StatefulServices.
   * @default '25%'
   */
  readonly maxUnavailable?: number | string;
  /**
   * StatefulServices: only pods with an ordinal at or above the partition are updated (a
   * canary: `partition: replicas - 1` updates the last pod only). Not for Deployments.
   * @default 0
   */
  readonly partition?: number;
}

/**
 * The update strategy of a component's Deployment or StatefulSet.
 *
 * @example
 * rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }) // never more pods than replicas
 */
export class Rollout {
  /** Replace pods a few at a time (Deployments: by maxSurge/maxUnavailable; StatefulServices: by partition). */
  public static rollingUpdate(options: RollingUpdateOptions = {}): Rollout {
    return new Rollout(RolloutType.ROLLING_UPDATE, { ...options });
  }

  /** Deployments only: stop every old pod, then start the new ones (downtime, no surge). */
  public static recreate(): Rollout {
    return new Rollout(RolloutType.RECREATE, {});
  }

  /** StatefulServices only: replace a pod only when it is deleted (by hand or by an operator). */
  public static onDelete(): Rollout {
    return new Rollout(RolloutType.ON_DELETE, {});
  }

  private constructor(
    public readonly type: RolloutType,
    /** The rolling update options; empty for `recreate` and `onDelete`. */
    public readonly options: RollingUpdateOptions,
  ) {}
}
