// PodTopologySpread filter (whenUnsatisfiable: DoNotSchedule, any topology key). Ports (Kubernetes v1.27):
//   pkg/scheduler/framework/plugins/podtopologyspread/filtering.go (reasons; the PreFilter counts,
//     minMatchNum with minDomains and the Filter skew check live in schedule.ts, over node indices)
//   pkg/scheduler/framework/plugins/podtopologyspread/common.go (filterTopologySpreadConstraints with
//     matchLabelKeys, matchNodeInclusionPolicies: nodeAffinityPolicy Honor / nodeTaintsPolicy Ignore by default)
import { labelSelectorMatcher, LabelMatcher } from '../kubernetes/label-selector';
import type { TopologySpreadConstraint } from './types';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
export const DO_NOT_SCHEDULE = 'DoNotSchedule';
/** math.MaxInt32: criticalPaths' initial value when no domain is eligible. */
export const MAX_INT32 = 2147483647;

/** topologySpreadConstraint after filterTopologySpreadConstraints. */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly minDomains: number;
  readonly selector: LabelMatcher;
  /** nodeAffinityPolicy: Honor (default) → only nodes matching the pod's required node affinity count. */
  readonly honorNodeAffinity: boolean;
  /** nodeTaintsPolicy: Honor → only nodes whose taints the pod tolerates count (default Ignore). */
  readonly honorNodeTaints: boolean;
}

/** The DoNotSchedule constraints of a pod, with matchLabelKeys merged into the selector. */
export function hardSpreadConstraints(
  constraints: readonly TopologySpreadConstraint[] | undefined,
  podLabels: Readonly<Record<string, string>>,
): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of constraints ?? []) {
    if (c.whenUnsatisfiable !== DO_NOT_SCHEDULE) continue;
    let extra: Record<string, string> | undefined;
    for (const key of c.matchLabelKeys ?? []) {
      if (Object.prototype.hasOwnProperty.call(podLabels, key)) (extra ??= {})[key] = podLabels[key];
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      minDomains: c.minDomains ?? 1,
      selector: labelSelectorMatcher(c.labelSelector, extra),
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: c.nodeTaintsPolicy === 'Honor',
    });
  }
  return out;
}
