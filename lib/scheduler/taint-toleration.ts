// TaintToleration filter. Ports (Kubernetes v1.27):
//   pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (Filter, reason text)
//   staging/src/k8s.io/api/core/v1/toleration.go (Toleration.ToleratesTaint)
//   pkg/apis/core/v1/helper/helpers.go (TolerationsTolerateTaint, FindMatchingUntoleratedTaint)
import type { Taint, Toleration } from './types';

export const TAINT_EFFECT_NO_SCHEDULE = 'NoSchedule';
export const TAINT_EFFECT_PREFER_NO_SCHEDULE = 'PreferNoSchedule';
export const TAINT_EFFECT_NO_EXECUTE = 'NoExecute';

/** Toleration.ToleratesTaint: empty effect/key match all; empty operator means Equal. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** v1helper.TolerationsTolerateTaint: any toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** helper.DoNotScheduleTaintsFilterFunc: the taints the filter looks at. */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return taint.effect === TAINT_EFFECT_NO_SCHEDULE || taint.effect === TAINT_EFFECT_NO_EXECUTE;
}

/** v1helper.FindMatchingUntoleratedTaint: the first filtered taint no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: (taint: Taint) => boolean = isDoNotScheduleTaint,
): Taint | undefined {
  if (!taints) return undefined;
  for (const taint of taints) {
    if (!filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** The filter's reason, exactly: `node(s) had untolerated taint {dedicated: gpu}`. */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/** TaintToleration Filter: undefined when the pod may go there, else the reason. */
export function taintTolerationFilter(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
): string | undefined {
  const taint = findMatchingUntoleratedTaint(taints, tolerations);
  return taint ? untoleratedTaintReason(taint) : undefined;
}
