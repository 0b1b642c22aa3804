// Rollout checks, as the API server makes them: port of k8s 1.27
// pkg/apis/apps/validation/validation.go (ValidateRollingUpdateDeployment,
// ValidatePositiveIntOrPercent, getIntOrPercentValue, IsNotMoreThan100Percent,
// ValidateDeploymentStrategy, ValidateStatefulSetUpdateStrategy) and apimachinery's
// IsValidPercent (`^[0-9]+%$`).
import { DeploymentStrategy, PercentOrAbsolute, StatefulSetUpdateStrategy } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { Rollout, RolloutType } from '../rollout';
import { MAX_INT32 } from '../../kubernetes/validation';
import { propError } from './errors';

const PERCENT = /^[0-9]+%$/;

/** The cdk8s-plus strategy of a Deployment, or undefined for cdk8s-plus's default (25% / 25%). */
export function deploymentStrategy(scope: IConstruct, prop: string, rollout: Rollout | undefined): DeploymentStrategy | undefined {
  if (rollout === undefined) {
    return undefined;
  }
  checkRollout(scope, prop, rollout);
  switch (rollout.type) {
    case RolloutType.RECREATE:
      return DeploymentStrategy.recreate();
    case RolloutType.ON_DELETE:
      throw propError(scope, prop, 'OnDelete only applies to StatefulServices', 'Rollout.onDelete()',
        'use Rollout.rollingUpdate(...) or Rollout.recreate() for a Deployment');
    default: {
      const { maxSurge, maxUnavailable, partition } = rollout.options;
      if (partition !== undefined) {
        throw propError(scope, `${prop} partition`, 'only applies to StatefulServices', partition, 'use maxSurge / maxUnavailable for a Deployment');
      }
      const surge = intOrPercent(scope, `${prop} maxSurge`, maxSurge);
      const unavailable = intOrPercent(scope, `${prop} maxUnavailable`, maxUnavailable);
      // Both default to 25% when not given (k8s.io/api/apps/v1 SetDefaults_Deployment).
      const surgeValue = surge?.value ?? 25;
      const unavailableValue = unavailable?.value ?? 25;
      if (surgeValue === 0 && unavailableValue === 0) {
        throw propError(scope, `${prop} maxUnavailable`, 'may not be 0 when `maxSurge` is 0', maxUnavailable ?? '25%',
          'allow one pod down (maxUnavailable: 1) or one extra pod (maxSurge: 1)');
      }
      if (unavailable?.percent && unavailable.value > 100) {
        throw propError(scope, `${prop} maxUnavailable`, 'must not be greater than 100%', maxUnavailable, 'use at most \'100%\'');
      }
      return DeploymentStrategy.rollingUpdate({ maxSurge: surge?.cdk8s, maxUnavailable: unavailable?.cdk8s });
    }
  }
}

/** The cdk8s-plus strategy of a StatefulSet, or undefined for RollingUpdate without partition. */
export function statefulSetStrategy(scope: IConstruct, prop: string, rollout: Rollout | undefined): StatefulSetUpdateStrategy | undefined {
  if (rollout === undefined) {
    return undefined;
  }
  checkRollout(scope, prop, rollout);
  switch (rollout.type) {
    case RolloutType.ON_DELETE:
      return StatefulSetUpdateStrategy.onDelete();
    case RolloutType.RECREATE:
      throw propError(scope, prop, 'Recreate only applies to Deployments', 'Rollout.recreate()',
        'use Rollout.rollingUpdate({ partition }) or Rollout.onDelete() for a StatefulService');
    default: {
      const { maxSurge, maxUnavailable, partition } = rollout.options;
      if (maxSurge !== undefined) {
        throw propError(scope, `${prop} maxSurge`, 'does not apply to StatefulSets (they never run more pods than replicas)', maxSurge,
          'remove maxSurge; use partition to stage the update');
      }
      if (maxUnavailable !== undefined) {
        throw propError(scope, `${prop} maxUnavailable`, 'needs the MaxUnavailableStatefulSet feature gate (alpha in Kubernetes 1.27, off by default; '
          + 'the API server drops the field)', maxUnavailable, 'remove maxUnavailable; StatefulSets update one pod at a time');
      }
      if (partition !== undefined && (!Number.isSafeInteger(partition) || partition < 0)) {
        throw propError(scope, `${prop} partition`, 'must be greater than or equal to 0', partition, 'use an ordinal, e.g. replicas - 1 to update the last pod only');
      }
      if (partition !== undefined && partition > MAX_INT32) {
        // RollingUpdateStatefulSetStrategy.partition is an int32: the API server cannot decode more.
        throw propError(scope, `${prop} partition`, `must be at most ${MAX_INT32} (an int32)`, partition, 'use an ordinal, e.g. replicas - 1 to update the last pod only');
      }
      return StatefulSetUpdateStrategy.rollingUpdate({ partition: partition ?? 0 });
    }
  }
}

function checkRollout(scope: IConstruct, prop: string, rollout: Rollout): void {
  if (!(rollout instanceof Rollout)) {
    throw propError(scope, prop, 'must be a Rollout', rollout, 'use Rollout.rollingUpdate({ ... }), Rollout.recreate() or Rollout.onDelete()');
  }
}

interface ParsedIntOrPercent {
  readonly value: number;
  readonly percent: boolean;
  readonly cdk8s: PercentOrAbsolute;
}

/** ValidatePositiveIntOrPercent: a non-negative integer, or a percent string `^[0-9]+%$`. */
function intOrPercent(scope: IConstruct, prop: string, value: number | string | undefined): ParsedIntOrPercent | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw propError(scope, prop, 'must be greater than or equal to 0 (a whole number of pods)', value, 'use a number of pods such as 1, or a percentage such as \'25%\'');
    }
    if (value > MAX_INT32) {
      // An IntOrString's number is an int32: the API server cannot decode more.
      throw propError(scope, prop, `must be at most ${MAX_INT32} (an int32)`, value, 'use a number of pods such as 1, or a percentage such as \'25%\'');
    }
    return { value, percent: false, cdk8s: PercentOrAbsolute.absolute(value) };
  }
  if (typeof value !== 'string' || !PERCENT.test(value)) {
    throw propError(scope, prop, 'must be a number of pods or a valid percent string (a numeric string followed by an ending \'%\', e.g. \'1%\' or \'93%\')',
      value, 'use e.g. 1 or \'25%\'');
  }
  const n = Number(value.slice(0, -1));
  return { value: n, percent: true, cdk8s: PercentOrAbsolute.percent(n) };
}
