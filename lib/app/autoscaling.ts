// What a HorizontalPodAutoscaler scales on and how fast: custom, external and object metrics,
// and `behavior`. Checks follow k8s.io/kubernetes/pkg/apis/autoscaling/validation/validation.go
// (Kubernetes 1.27: validateMetricSpec, validateMetricTarget, validateBehavior,
// validateScalingRules); quantities go through the apimachinery ParseQuantity port.
import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  CrossVersionObjectReferenceV2, HorizontalPodAutoscalerBehaviorV2, HpaScalingPolicyV2, HpaScalingRulesV2, MetricSpecV2,
  MetricTargetV2, Quantity as K8sQuantity,
} from '../../imports/k8s';
import { isQualifiedName, isValidLabelValue, isValidPathSegmentName, MAX_INT32 } from '../kubernetes/validation';
import { InvalidQuantityError, parseQuantity } from '../kubernetes/quantity';
import { durationMillis } from './private/durations';
import { propError } from './private/errors';

/** Kind of a `AutoscalingTarget`. */
export enum AutoscalingTargetType {
  VALUE = 'Value',
  AVERAGE_VALUE = 'AverageValue',
  UTILIZATION = 'Utilization',
}

/** The value a metric is held at. */
export class AutoscalingTarget {
  /** The metric's value itself (object and external metrics), a quantity such as `"100"` or `"500m"`. */
  public static value(quantity: string): AutoscalingTarget {
    return new AutoscalingTarget(AutoscalingTargetType.VALUE, quantity, undefined);
  }

  /** The metric divided by the number of pods, a quantity such as `"30"`. */
  public static averageValue(quantity: string): AutoscalingTarget {
    return new AutoscalingTarget(AutoscalingTargetType.AVERAGE_VALUE, quantity, undefined);
  }

  /** Percent of the pods' requests (resource metrics only). */
  public static averageUtilization(percent: number): AutoscalingTarget {
    return new AutoscalingTarget(AutoscalingTargetType.UTILIZATION, undefined, percent);
  }

  private constructor(
    public readonly type: AutoscalingTargetType,
    /** The quantity of a VALUE or AVERAGE_VALUE target. */
    public readonly quantity: string | undefined,
    /** The percent of a UTILIZATION target. */
    public readonly percent: number | undefined,
  ) {}
}

/** Options of the metrics that come from a metrics adapter. */
export interface ScalingMetricOptions {
  /**
   * Labels that narrow the metric's series (`metric.selector.matchLabels`).
   * @default - every series of the metric
   */
  readonly selector?: { readonly [key: string]: string };
}

/** The object an object metric describes, e.g. an Ingress. */
export interface DescribedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

/** Kind of a `ScalingMetric`. */
export enum ScalingMetricType {
  PODS = 'Pods',
  OBJECT = 'Object',
  EXTERNAL = 'External',
}

/**
 * A custom (per-pod or per-object) or external metric for the autoscaler, served by a metrics
 * adapter (prometheus-adapter, KEDA, a cloud adapter). CPU and memory have their own props.
 */
export class ScalingMetric {
  /** A per-pod custom metric (`custom.metrics.k8s.io`), averaged over the pods: e.g. requests per second. */
  public static pods(name: string, averageValue: string, options: ScalingMetricOptions = {}): ScalingMetric {
    return new ScalingMetric(ScalingMetricType.PODS, name, AutoscalingTarget.averageValue(averageValue), options.selector, undefined);
  }

  /** A custom metric of one object in the namespace (e.g. an Ingress's requests per second). */
  public static object(name: string, describedObject: DescribedObject, target: AutoscalingTarget, options: ScalingMetricOptions = {}): ScalingMetric {
    return new ScalingMetric(ScalingMetricType.OBJECT, name, target, options.selector, { ...describedObject });
  }

  /** A metric from outside the cluster (`external.metrics.k8s.io`), e.g. a queue's length. */
  public static external(name: string, target: AutoscalingTarget, options: ScalingMetricOptions = {}): ScalingMetric {
    return new ScalingMetric(ScalingMetricType.EXTERNAL, name, target, options.selector, undefined);
  }

  private constructor(
    public readonly type: ScalingMetricType,
    public readonly name: string,
    public readonly target: AutoscalingTarget,
    public readonly selector: { readonly [key: string]: string } | undefined,
    public readonly describedObject: DescribedObject | undefined,
  ) {}
}

/** A limit on how fast the autoscaler changes the replica count. */
export class AutoscalingPolicy {
  /** At most `pods` pods per `period`. */
  public static pods(pods: number, period: Duration): AutoscalingPolicy {
    return new AutoscalingPolicy('Pods', pods, period);
  }

  /** At most `percent` percent of the current pods per `period`. */
  public static percent(percent: number, period: Duration): AutoscalingPolicy {
    return new AutoscalingPolicy('Percent', percent, period);
  }

  private constructor(
    public readonly type: string,
    public readonly value: number,
    public readonly period: Duration,
  ) {}
}

/** Which policy wins when several allow different changes. */
export enum ScalingSelectPolicy {
  /** The policy allowing the largest change. */
  MAX = 'Max',
  /** The policy allowing the smallest change. */
  MIN = 'Min',
  /** No scaling in this direction. */
  DISABLED = 'Disabled',
}

/** How the autoscaler scales in one direction. */
export interface AutoscalingRules {
  /**
   * How long past recommendations are considered before scaling (0 to 1 hour): for scale-down,
   * the highest recommendation in the window wins, so short dips do not remove pods.
   * @default - Kubernetes' default: 5 minutes for scale-down, 0 for scale-up
   */
  readonly stabilizationWindow?: Duration;
  /**
   * Limits on the change per period.
   * @default - Kubernetes' defaults: scale-down 100% per 15 s; scale-up the larger of 4 pods or 100% per 15 s
   */
  readonly policies?: AutoscalingPolicy[];
  /**
   * Which policy wins.
   * @default ScalingSelectPolicy.MAX
   */
  readonly selectPolicy?: ScalingSelectPolicy;
}

/** The autoscaler's `behavior`: how fast it scales up and down. */
export interface ScalingBehavior {
  /** @default - Kubernetes' scale-up defaults */
  readonly scaleUp?: AutoscalingRules;
  /** @default - Kubernetes' scale-down defaults */
  readonly scaleDown?: AutoscalingRules;
}

const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;

/** `spec.metrics` entries for `metrics`, checked as the API server checks them. */
export function toMetricSpecs(scope: IConstruct, metrics: readonly ScalingMetric[]): MetricSpecV2[] {
  return metrics.map((m, i) => {
    const prop = `scalingMetrics[${i}]`;
    if (!(m instanceof ScalingMetric)) {
      throw propError(scope, prop, 'must be a ScalingMetric', m, 'use ScalingMetric.pods(...), .object(...) or .external(...)');
    }
    if (typeof m.name !== 'string' || m.name.length === 0) {
      throw propError(scope, `${prop} name`, 'must not be empty', m.name, 'name the metric, e.g. "http_requests_per_second"');
    }
    const nameErrors = isValidPathSegmentName(m.name);
    if (nameErrors.length > 0) {
      throw propError(scope, `${prop} name`, `is not a valid metric name (${nameErrors.join('; ')})`, m.name, 'use the metric\'s name without "/" or "%"');
    }
    const selector = m.selector === undefined ? undefined : { matchLabels: checkSelector(scope, `${prop} selector`, m.selector) };
    const metric = { name: m.name, selector };
    const target = toTarget(scope, prop, m);
    switch (m.type) {
      case ScalingMetricType.PODS:
        return { type: 'Pods', pods: { metric, target } };
      case ScalingMetricType.OBJECT:
        return { type: 'Object', object: { metric, target, describedObject: checkDescribedObject(scope, `${prop} describedObject`, m.describedObject!) } };
      default:
        return { type: 'External', external: { metric, target } };
    }
  });
}

function toTarget(scope: IConstruct, prop: string, m: ScalingMetric): MetricTargetV2 {
  const t = m.target;
  if (!(t instanceof AutoscalingTarget)) {
    throw propError(scope, `${prop} target`, 'must be a AutoscalingTarget', t, 'use AutoscalingTarget.value(\'100\') or AutoscalingTarget.averageValue(\'30\')');
  }
  if (t.type === AutoscalingTargetType.UTILIZATION) {
    throw propError(scope, `${prop} target`, `cannot be a utilization for a ${m.type} metric (only resource metrics have one)`, t.percent,
      'use AutoscalingTarget.value(...) or AutoscalingTarget.averageValue(...), or targetCpuUtilization / targetMemoryUtilization');
  }
  const quantity = t.quantity ?? '';
  let sign: number;
  try {
    sign = parseQuantity(quantity).sign();
  } catch (e) {
    if (e instanceof InvalidQuantityError) {
      throw propError(scope, `${prop} target`, `must be a Kubernetes quantity (${e.reason})`, quantity, 'use e.g. "30", "500m" or "1k"');
    }
    throw e;
  }
  if (sign !== 1) {
    throw propError(scope, `${prop} target`, 'must be positive', quantity, 'use a target above zero, e.g. "30"');
  }
  return t.type === AutoscalingTargetType.VALUE
    ? { type: 'Value', value: K8sQuantity.fromString(quantity) }
    : { type: 'AverageValue', averageValue: K8sQuantity.fromString(quantity) };
}

function checkSelector(scope: IConstruct, prop: string, selector: { readonly [key: string]: string }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(selector)) {
    const errors = [...isQualifiedName(key), ...typeof value === 'string' ? isValidLabelValue(value) : ['must be a string']];
    if (errors.length > 0) {
      throw propError(scope, `${prop} ${JSON.stringify(key)}`, `is not a valid label selector (${errors.join('; ')})`, value,
        'use label keys and values such as { queue: "orders" }');
    }
    out[key] = value;
  }
  return out;
}

function checkDescribedObject(scope: IConstruct, prop: string, o: DescribedObject): CrossVersionObjectReferenceV2 {
  for (const field of ['apiVersion', 'kind', 'name'] as const) {
    if (typeof o[field] !== 'string' || o[field].length === 0) {
      throw propError(scope, `${prop} ${field}`, 'must not be empty', o[field], 'name the object, e.g. { apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: "shop-storefront" }');
    }
  }
  for (const field of ['kind', 'name'] as const) {
    const errors = isValidPathSegmentName(o[field]);
    if (errors.length > 0) {
      throw propError(scope, `${prop} ${field}`, `is not valid (${errors.join('; ')})`, o[field], 'use the object\'s kind and name');
    }
  }
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.name };
}

/** `spec.behavior` for `behavior`, checked as the API server checks it; undefined when not given. */
export function toBehavior(scope: IConstruct, behavior: ScalingBehavior | undefined): HorizontalPodAutoscalerBehaviorV2 | undefined {
  if (behavior === undefined) {
    return undefined;
  }
  const rules = (direction: 'scaleUp' | 'scaleDown'): HpaScalingRulesV2 | undefined => {
    const r = behavior[direction];
    if (r === undefined) {
      return undefined;
    }
    const prop = `behavior.${direction}`;
    let stabilizationWindowSeconds: number | undefined;
    if (r.stabilizationWindow !== undefined) {
      stabilizationWindowSeconds = durationMillis(scope, `${prop}.stabilizationWindow`, r.stabilizationWindow, 'use e.g. Duration.minutes(10)') / 1000;
      if (!Number.isInteger(stabilizationWindowSeconds) || stabilizationWindowSeconds < 0 || stabilizationWindowSeconds > MAX_STABILIZATION_WINDOW_SECONDS) {
        throw propError(scope, `${prop}.stabilizationWindow`, `must be whole seconds from 0 to ${MAX_STABILIZATION_WINDOW_SECONDS}`, `${stabilizationWindowSeconds}s`,
          'use e.g. Duration.minutes(10)');
      }
    }
    if (r.selectPolicy !== undefined && !Object.values(ScalingSelectPolicy).includes(r.selectPolicy)) {
      throw propError(scope, `${prop}.selectPolicy`, 'is not supported', r.selectPolicy, 'use ScalingSelectPolicy.MAX, MIN or DISABLED');
    }
    if (r.policies !== undefined && r.policies.length === 0) {
      throw propError(scope, `${prop}.policies`, 'must specify at least one policy', r.policies, 'leave policies out for Kubernetes\' defaults, or add e.g. AutoscalingPolicy.percent(50, Duration.minutes(1))');
    }
    const policies: HpaScalingPolicyV2[] | undefined = r.policies?.map((p, i) => {
      if (!(p instanceof AutoscalingPolicy)) {
        throw propError(scope, `${prop}.policies[${i}]`, 'must be a AutoscalingPolicy', p, 'use AutoscalingPolicy.pods(n, period) or AutoscalingPolicy.percent(n, period)');
      }
      if (!Number.isInteger(p.value) || p.value <= 0) {
        throw propError(scope, `${prop}.policies[${i}]`, 'must change by a whole number greater than zero', p.value, `use e.g. AutoscalingPolicy.${p.type === 'Pods' ? 'pods(2' : 'percent(50'}, Duration.minutes(1))`);
      }
      if (p.value > MAX_INT32) {
        // HPAScalingPolicy.value is an int32: the API server cannot decode more.
        throw propError(scope, `${prop}.policies[${i}]`, `must change by at most ${MAX_INT32} (an int32)`, p.value, `use e.g. AutoscalingPolicy.${p.type === 'Pods' ? 'pods(2' : 'percent(50'}, Duration.minutes(1))`);
      }
      const period = durationMillis(scope, `${prop}.policies[${i}] period`, p.period, 'use e.g. Duration.minutes(1)') / 1000;
      if (!Number.isInteger(period) || period <= 0 || period > MAX_PERIOD_SECONDS) {
        throw propError(scope, `${prop}.policies[${i}] period`, `must be whole seconds from 1 to ${MAX_PERIOD_SECONDS}`, `${period}s`, 'use e.g. Duration.minutes(1)');
      }
      return { type: p.type, value: p.value, periodSeconds: period };
    });
    return { stabilizationWindowSeconds, selectPolicy: r.selectPolicy, policies };
  };
  return { scaleUp: rules('scaleUp'), scaleDown: rules('scaleDown') };
}
