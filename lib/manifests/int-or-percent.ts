// Port of k8s.io/apimachinery/pkg/util/intstr/intstr.go GetScaledValueFromIntOrPercent and
// pkg/controller/deployment/util/deployment_util.go ResolveFenceposts (Kubernetes v1.27).

/** An `IntOrString` as written in a manifest: `1`, `"25%"`. */
export type IntOrPercent = number | string;

/**
 * GetScaledValueFromIntOrPercent: an int as is, a percentage of `total` rounded up (`roundUp`,
 * as maxSurge) or down (as maxUnavailable), in float64 arithmetic like Go. Throws with upstream's
 * wording on a string that is not a percentage.
 */
export function scaledValueFromIntOrPercent(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`invalid value for IntOrString: invalid type: neither int nor percentage`);
    return value;
  }
  if (typeof value !== 'string') throw new Error('invalid value for IntOrString: invalid type: neither int nor percentage');
  if (!value.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = value.slice(0, -1);
  // strconv.Atoi: optional sign, decimal digits.
  if (!/^[+-]?[0-9]+$/.test(digits)) throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}: strconv.Atoi: parsing ${JSON.stringify(digits)}: invalid syntax`);
  const v = Number.parseInt(digits, 10);
  const scaled = (v * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * ResolveFenceposts: maxSurge rounded up and maxUnavailable rounded down against `desired`;
 * when both resolve to 0, maxUnavailable becomes 1.
 */
export function resolveFenceposts(maxSurge: IntOrPercent | undefined, maxUnavailable: IntOrPercent | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
