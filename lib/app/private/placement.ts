// Placement of a component's pods, checked as the API server checks a pod spec: port of
// k8s 1.27 pkg/apis/core/validation/validation.go (ValidateTolerations, validateTaintEffect,
// ValidateNodeSelectorRequirement, ValidatePreferredSchedulingTerms, the nodeSelector's
// ValidateLabels, ValidatePriorityClassName) on top of the apimachinery ports in
// lib/guardrails/upstream/validation.ts (IsQualifiedName, IsValidLabelValue).
import { IConstruct } from 'constructs';
import { Affinity, NodeSelectorTerm, PreferredSchedulingTerm, Toleration as KubeToleration } from '../../../imports/k8s';
import { validateNodeSelectorRequirements, validateTolerationList } from '../../kubernetes/pod-scheduling-validation';
import { isQualifiedName, isValidLabelValue } from '../../kubernetes/validation';
import { NodeAffinity, NodeAffinityKind, NodeLabelRequirement } from '../node-affinity';
import { Toleration } from '../toleration';
import { propError } from './errors';
import { checkDns1123Subdomain } from './validation';


/** `nodeSelector`: label keys (qualified names) and values, as ValidateLabels. */
export function checkNodeSelector(scope: IConstruct, prop: string, nodeSelector: { readonly [label: string]: string }): void {
  for (const [key, value] of Object.entries(nodeSelector)) {
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length > 0) {
      throw propError(scope, `${prop} key`, `must be a label key (${keyErrors.join('; ')})`, key, 'use a node label such as "cloud.google.com/gke-nodepool"');
    }
    const valueErrors = typeof value === 'string' ? isValidLabelValue(value) : ['must be a string'];
    if (valueErrors.length > 0) {
      throw propError(scope, `${prop}[${JSON.stringify(key)}]`, `must be a label value (${valueErrors.join('; ')})`, value, 'use the node label\'s value, e.g. "gpu"');
    }
  }
}

/**
 * `tolerations`, checked by the one port of ValidateTolerations (kubernetes/pod-scheduling-validation.ts);
 * its first problem as one sentence with the prop's path.
 */
export function checkTolerations(scope: IConstruct, prop: string, tolerations: readonly Toleration[]): void {
  tolerations.forEach((t, i) => {
    if (t.tolerationSeconds !== undefined && !Number.isSafeInteger(t.tolerationSeconds)) {
      throw propError(scope, `${prop}[${i}].tolerationSeconds`, 'must be a whole number of seconds', t.tolerationSeconds, 'use e.g. 300');
    }
  });
  const problem = validateTolerationList(toKubeTolerations(tolerations))[0];
  if (problem === undefined) return;
  const [, index, field] = /^\[(\d+)\]\.(\w+)$/.exec(problem.field) as RegExpExecArray;
  // `operator must be Exists …` on the field `operator` reads `tolerations[0].operator must be Exists …`.
  // `Unsupported value: "In": supported values: "Equal", "Exists"` (the value follows anyway).
  const message = (problem.message.startsWith(`${field} `) ? problem.message.slice(field.length + 1) : problem.message)
    .replace(/^Unsupported value: .*?: supported values: (.*)$/, 'must be one of $1');
  const value = problem.value === '' ? (tolerations[Number(index)] as unknown as { [f: string]: unknown })[field] : JSON.parse(problem.value);
  throw propError(scope, `${prop}[${index}].${field}`, message, value, problem.fix);
}

/** Tolerations in the L1 shape (only the fields that were given). */
export function toKubeTolerations(tolerations: readonly Toleration[]): KubeToleration[] {
  return tolerations.map((t) => ({
    key: t.key, operator: t.operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds,
  }));
}

/** `nodeAffinity`, checked as ValidateNodeSelectorRequirement / ValidatePreferredSchedulingTerms. */
export function toKubeAffinity(scope: IConstruct, prop: string, affinities: readonly NodeAffinity[]): Affinity | undefined {
  const required: NodeSelectorTerm[] = [];
  const preferred: PreferredSchedulingTerm[] = [];
  affinities.forEach((a, i) => {
    if (!(a instanceof NodeAffinity)) {
      throw propError(scope, `${prop}[${i}]`, 'must be a NodeAffinity', a, 'use NodeAffinity.required(...) or NodeAffinity.preferred(weight, ...)');
    }
    const matchExpressions = a.requirements.map((r, j) => checkRequirement(scope, `${prop}[${i}] requirement ${j}`, r));
    if (a.kind === NodeAffinityKind.REQUIRED) {
      required.push({ matchExpressions });
    } else {
      const weight = a.weight!;
      if (!Number.isInteger(weight) || weight < 1 || weight > 100) {
        throw propError(scope, `${prop}[${i}] weight`, 'must be in the range 1-100', weight, 'use a weight such as 50');
      }
      preferred.push({ weight, preference: { matchExpressions } });
    }
  });
  if (required.length === 0 && preferred.length === 0) {
    return undefined;
  }
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: required.length > 0 ? { nodeSelectorTerms: required } : undefined,
      preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0 ? preferred : undefined,
    },
  };
}

/** One requirement, checked by the one port of ValidateNodeSelectorRequirement (kubernetes/pod-scheduling-validation.ts). */
function checkRequirement(scope: IConstruct, at: string, r: NodeLabelRequirement): { key: string; operator: string; values?: string[] } {
  if (typeof r.key !== 'string') {
    throw propError(scope, `${at} key`, 'must be a string', r.key, 'use a node label key such as "node.kubernetes.io/instance-type"');
  }
  const values = r.values ?? [];
  const problem = validateNodeSelectorRequirements([{ key: r.key, operator: r.operator, values }])[0];
  if (problem !== undefined) {
    const field = problem.field.slice(problem.field.lastIndexOf('.') + 1); // key, operator or values
    const value = field === 'values' ? r.values : field === 'operator' ? r.operator : r.key;
    // Upstream's `Required value: …`/`Forbidden: …` kinds read as part of our sentence.
    const message = problem.message.replace(/^(Required value|Forbidden): /, '').replace(/^Unsupported value: .*?: supported values: (.*)$/, 'must be one of $1');
    throw propError(scope, `${at} ${field}`, message, value, problem.fix);
  }
  return { key: r.key, operator: r.operator, values: values.length > 0 ? [...values] : undefined };
}

/** `priorityClassName`: a DNS-1123 subdomain, as ValidatePriorityClassName. */
export function checkPriorityClassName(scope: IConstruct, prop: string, name: string): void {
  checkDns1123Subdomain(scope, prop, name, 'use the name of a PriorityClass, e.g. "high-priority"');
}
