// NodeAffinity filter (pod nodeSelector + required node affinity). Ports (Kubernetes v1.27):
//   pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (PreFilter node names, Filter, reasons)
//   staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
//     (GetRequiredNodeAffinity, LazyErrorNodeSelector: terms ORed, empty term matches nothing,
//      a term that fails to parse never matches)
import { allOf, LabelMatcher, requirementMatcher, setMatcher } from '../kubernetes/label-selector';
import type { NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from './types';

export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** PreFilter failure when every term pins the pod to a conflicting `metadata.name`. */
export const ERR_REASON_NODE_AFFINITY_CONFLICT = 'pod affinity terms conflict';
/** `metav1.ObjectNameField`, the only node field a selector can use. */
export const OBJECT_NAME_FIELD = 'metadata.name';

/** The parts of a node the affinity looks at. */
export interface NodeIdentity {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

type NodeMatcher = (node: NodeIdentity) => boolean;

/** Compiled `nodeSelector` + required node affinity of one pod spec. */
export interface RequiredNodeAffinity {
  /** RequiredNodeAffinity.Match (parse errors count as no match, as the Filter ignores them). */
  readonly match: NodeMatcher;
  /** Pods without nodeSelector/required affinity skip the filter (PreFilter returns Skip). */
  readonly skip: boolean;
  /**
   * PreFilterResult: node names the pod is pinned to via `matchFields metadata.name In`, when every
   * term pins; undefined = all nodes. Empty = conflict (PreFilter fails with `pod affinity terms
   * conflict`, also when only one term's sets do not intersect).
   */
  readonly nodeNames?: ReadonlySet<string>;
}

function fieldMatcher(r: NodeSelectorRequirement): NodeMatcher | undefined {
  const values = r.values ?? [];
  if ((r.operator !== 'In' && r.operator !== 'NotIn') || values.length !== 1) return undefined; // parse error
  const want = values[0];
  // fields.Set{"metadata.name": name}.Get(key): "" for any other key.
  const get = (node: NodeIdentity) => (r.key === OBJECT_NAME_FIELD ? node.name : '');
  return r.operator === 'In' ? (node) => get(node) === want : (node) => get(node) !== want;
}

/** One NodeSelectorTerm; undefined when it would fail to parse (never matches). */
function termMatcher(term: NodeSelectorTerm): NodeMatcher | undefined {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  let labels: LabelMatcher | undefined;
  if (exprs.length > 0) {
    try {
      labels = allOf(exprs.map((e) => requirementMatcher(e.key, e.operator, e.values)));
    } catch {
      return undefined;
    }
  }
  let fieldMatchers: NodeMatcher[] | undefined;
  if (fields.length > 0) {
    fieldMatchers = [];
    for (const f of fields) {
      const m = fieldMatcher(f);
      if (!m) return undefined;
      fieldMatchers.push(m);
    }
  }
  return (node) => {
    if (labels && !labels(node.labels)) return false;
    // `len(nodeFields) > 0`: a node always has a name here.
    if (fieldMatchers && node.name) for (const m of fieldMatchers) if (!m(node)) return false;
    return true;
  };
}

/** nodeaffinity.GetRequiredNodeAffinity + the NodeAffinity PreFilter. */
export function requiredNodeAffinity(spec: PodSpec): RequiredNodeAffinity {
  const selector = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0 ? setMatcher(spec.nodeSelector) : undefined;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required && !spec.nodeSelector) return { match: () => true, skip: true };

  let affinity: NodeMatcher | undefined;
  if (required) {
    const terms: NodeMatcher[] = [];
    for (const term of required.nodeSelectorTerms ?? []) {
      if ((term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0) continue; // empty term: nothing
      const m = termMatcher(term);
      if (m) terms.push(m);
    }
    affinity = (node) => {
      for (const t of terms) if (t(node)) return true;
      return false;
    };
  }
  const match: NodeMatcher = (node) => (!selector || selector(node.labels)) && (!affinity || affinity(node));
  return { match, skip: false, nodeNames: preFilterNodeNames(required?.nodeSelectorTerms) };
}

/**
 * NodeAffinity.PreFilter (1.27): terms in order; a term without `metadata.name In` makes every
 * node eligible (undefined); a term whose `metadata.name In` sets do not intersect is a conflict
 * (an empty set, PreFilter fails with `pod affinity terms conflict`); else the union of the terms'
 * intersections.
 */
function preFilterNodeNames(terms: readonly NodeSelectorTerm[] | undefined): ReadonlySet<string> | undefined {
  if (!terms || terms.length === 0) return undefined;
  const nodeNames = new Set<string>();
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== OBJECT_NAME_FIELD || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames === undefined ? s : new Set([...termNames].filter((n) => s.has(n)));
    }
    if (termNames === undefined) return undefined; // a term without name affinity: all nodes eligible
    if (termNames.size === 0) return new Set(); // errReasonConflict
    for (const n of termNames) nodeNames.add(n);
  }
  return nodeNames;
}

/** NodeAffinity Filter: undefined when the node matches, else the reason. */
export function nodeAffinityFilter(affinity: RequiredNodeAffinity, node: NodeIdentity): string | undefined {
  if (affinity.skip) return undefined;
  return affinity.match(node) ? undefined : ERR_REASON_NODE_AFFINITY;
}
