// InterPodAffinity filter (required pod affinity / anti-affinity, any topology key). Ports (Kubernetes v1.27):
//   pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (PreFilter counts, Filter order and reasons,
//     satisfyPodAffinity incl. the "first pod of a self-affine series" rule)
//   pkg/scheduler/framework/types.go (AffinityTerm.Matches, getNamespacesFromPodAffinityTerm)
// The scheduler keeps placed pods grouped by template; this file holds the per-term logic.
import { labelSelectorMatcher, LabelMatcher } from '../kubernetes/label-selector';
import type { PodAffinityTerm } from './types';

export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
/** kubernetes.io/metadata.name, set on every namespace by the API server. */
export const LABEL_NAMESPACE_NAME = 'kubernetes.io/metadata.name';

/** framework.AffinityTerm. */
export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: LabelMatcher;
  readonly selector: LabelMatcher;
  readonly topologyKey: string;
}

/** framework.newAffinityTerm: empty namespaces and no namespaceSelector mean the pod's own namespace. */
export function affinityTerm(podNamespace: string, term: PodAffinityTerm): AffinityTerm {
  const namespaces = (term.namespaces ?? []).length === 0 && !term.namespaceSelector ? [podNamespace] : (term.namespaces ?? []);
  return {
    namespaces: new Set(namespaces),
    namespaceSelector: labelSelectorMatcher(term.namespaceSelector),
    selector: labelSelectorMatcher(term.labelSelector),
    topologyKey: term.topologyKey,
  };
}

/** AffinityTerm.Matches: namespace (listed or selected) and labels. */
export function affinityTermMatches(
  term: AffinityTerm,
  podNamespace: string,
  podLabels: Readonly<Record<string, string>> | undefined,
  namespaceLabels: Readonly<Record<string, string>>,
): boolean {
  if (term.namespaces.has(podNamespace) || term.namespaceSelector(namespaceLabels)) return term.selector(podLabels ?? {});
  return false;
}

/** Counts per topology pair (`key\u0000value`), as the PreFilter state. */
export type TopologyCounts = Map<string, number>;

export function topologyPairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** PreFilter state of one pod. */
export interface InterPodAffinityState {
  readonly affinityTerms: readonly AffinityTerm[];
  readonly antiAffinityTerms: readonly AffinityTerm[];
  /** Existing pods matching ALL affinity terms, per pair of each term. */
  readonly affinityCounts: TopologyCounts;
  /** Existing pods matching an anti-affinity term, per pair. */
  readonly antiAffinityCounts: TopologyCounts;
  /** Existing pods whose anti-affinity terms match the incoming pod, per pair. */
  readonly existingAntiAffinityCounts: TopologyCounts;
  /** The incoming pod matches all its own affinity terms (podMatchesAllAffinityTerms). */
  readonly matchesOwnAffinity: boolean;
}

/** satisfyPodAffinity: every term's pair has matching pods, or no pod anywhere matches and the pod matches itself. */
function satisfyPodAffinity(s: InterPodAffinityState, nodeLabels: Readonly<Record<string, string>>): boolean {
  let podsExist = true;
  for (const term of s.affinityTerms) {
    const value = nodeLabels[term.topologyKey];
    if (value === undefined) return false; // all topology labels must exist on the node
    if ((s.affinityCounts.get(topologyPairKey(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (!podsExist) return s.affinityCounts.size === 0 && s.matchesOwnAffinity;
  return true;
}

function satisfyPodAntiAffinity(s: InterPodAffinityState, nodeLabels: Readonly<Record<string, string>>): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const term of s.antiAffinityTerms) {
    const value = nodeLabels[term.topologyKey];
    if (value !== undefined && (s.antiAffinityCounts.get(topologyPairKey(term.topologyKey, value)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(s: InterPodAffinityState, nodeLabels: Readonly<Record<string, string>>): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const key of Object.keys(nodeLabels)) {
    if ((s.existingAntiAffinityCounts.get(topologyPairKey(key, nodeLabels[key])) ?? 0) > 0) return false;
  }
  return true;
}

/** InterPodAffinity Filter: affinity, then anti-affinity, then existing pods' anti-affinity. */
export function interPodAffinityFilter(s: InterPodAffinityState, nodeLabels: Readonly<Record<string, string>>): string | undefined {
  if (!satisfyPodAffinity(s, nodeLabels)) return ERR_REASON_AFFINITY_RULES_NOT_MATCH;
  if (!satisfyPodAntiAffinity(s, nodeLabels)) return ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH;
  if (!satisfyExistingPodsAntiAffinity(s, nodeLabels)) return ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH;
  return undefined;
}
