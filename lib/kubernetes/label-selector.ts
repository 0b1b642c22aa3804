// Label selectors as kube-scheduler evaluates them. Ports:
//   staging/src/k8s.io/apimachinery/pkg/labels/selector.go (NewRequirement validation, Requirement.Matches)
//   staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector: nil → nothing, {} → everything)
//   staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (IsQualifiedName, IsValidLabelValue)
import type { LabelSelector, LabelSelectorRequirement } from '../scheduler/types';

/** A compiled selector: true when the label set matches. */
export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

/** Operators of labels.Requirement (selection.Operator), as written in manifests. */
const IN = 'In';
const NOT_IN = 'NotIn';
const EXISTS = 'Exists';
const DOES_NOT_EXIST = 'DoesNotExist';
const GT = 'Gt';
const LT = 'Lt';
const EQUALS = '=';

const MATCH_NOTHING: LabelMatcher = () => false;
const MATCH_EVERYTHING: LabelMatcher = () => true;

const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const INT64_RE = /^[+-]?[0-9]+$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** validation.IsQualifiedName: `[prefix/]name`, name ≤ 63 chars, prefix a DNS-1123 subdomain ≤ 253. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN_RE.test(prefix)) return false;
  } else {
    return false;
  }
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_RE.test(name);
}

/** validation.IsValidLabelValue: empty, or ≤ 63 chars of `[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]`. */
export function isValidLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME_RE.test(value));
}

/** strconv.ParseInt(s, 10, 64); undefined when Go would return an error. */
export function parseInt64(s: string): bigint | undefined {
  if (!INT64_RE.test(s)) return undefined;
  const v = BigInt(s);
  return v > INT64_MAX || v < INT64_MIN ? undefined : v;
}

/** Thrown when a selector would fail upstream parsing (labels.NewRequirement errors). */
export class InvalidSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSelectorError';
  }
}

/**
 * labels.NewRequirement + Requirement.Matches for one requirement; throws InvalidSelectorError
 * with upstream's wording when NewRequirement would return an error.
 */
export function requirementMatcher(key: string, operator: string, values: readonly string[] = []): LabelMatcher {
  const errors: string[] = [];
  if (!isQualifiedName(key)) errors.push(`key: Invalid value: ${JSON.stringify(key)}: name part must consist of alphanumeric characters, '-', '_' or '.'`);
  let gtLt: bigint | undefined;
  switch (operator) {
    case IN:
    case NOT_IN:
      if (values.length === 0) errors.push("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
      break;
    case EQUALS:
      if (values.length !== 1) errors.push('values: Invalid value: exact-match compatibility requires one single value');
      break;
    case EXISTS:
    case DOES_NOT_EXIST:
      if (values.length !== 0) errors.push('values: Invalid value: values set must be empty for exists and does not exist');
      break;
    case GT:
    case LT:
      if (values.length !== 1) errors.push("values: Invalid value: for 'Gt', 'Lt' operators, exactly one value is required");
      values.forEach((v, i) => {
        const parsed = parseInt64(v);
        if (parsed === undefined) errors.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
        gtLt = parsed;
      });
      break;
    default:
      errors.push(`operator: Unsupported value: ${JSON.stringify(operator)}`);
  }
  values.forEach((v, i) => {
    if (!isValidLabelValue(v)) errors.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`);
  });
  if (errors.length > 0) throw new InvalidSelectorError(errors.join('; '));

  switch (operator) {
    case IN:
    case EQUALS: {
      if (values.length === 1) {
        const only = values[0];
        return (labels) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === only;
      }
      const set = new Set(values);
      return (labels) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key) && set.has(labels[key]);
    }
    case NOT_IN: {
      const set = new Set(values);
      return (labels) => labels === undefined || !Object.prototype.hasOwnProperty.call(labels, key) || !set.has(labels[key]);
    }
    case EXISTS:
      return (labels) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
    case DOES_NOT_EXIST:
      return (labels) => labels === undefined || !Object.prototype.hasOwnProperty.call(labels, key);
    default: {
      const bound = gtLt as bigint;
      const greater = operator === GT;
      return (labels) => {
        if (labels === undefined || !Object.prototype.hasOwnProperty.call(labels, key)) return false;
        const v = parseInt64(labels[key]);
        if (v === undefined) return false;
        return greater ? v > bound : v < bound;
      };
    }
  }
}

/** AND of matchers (labels.internalSelector.Matches); an empty list matches everything. */
export function allOf(matchers: readonly LabelMatcher[]): LabelMatcher {
  if (matchers.length === 0) return MATCH_EVERYTHING;
  if (matchers.length === 1) return matchers[0];
  return (labels) => {
    for (const m of matchers) if (!m(labels)) return false;
    return true;
  };
}

/** labels.SelectorFromSet(map): every key present with that value (pod `nodeSelector`). */
export function setMatcher(set: Readonly<Record<string, string>>): LabelMatcher {
  // SelectorFromSet → SelectorFromValidatedSet: no validation, plain equality.
  const keys = Object.keys(set);
  return (labels) => {
    if (labels === undefined) return keys.length === 0;
    for (const k of keys) {
      if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== set[k]) return false;
    }
    return true;
  };
}

const SELECTOR_OPERATORS = new Set([IN, NOT_IN, EXISTS, DOES_NOT_EXIST]);

/**
 * metav1.LabelSelectorAsSelector: `undefined` selects nothing, `{}` selects everything.
 * `extra` (matchLabelKeys values) is ANDed in, as mergeLabelSetWithSelector does.
 */
export function labelSelectorMatcher(selector: LabelSelector | undefined, extra?: Readonly<Record<string, string>>): LabelMatcher {
  if (selector === undefined || selector === null) return MATCH_NOTHING;
  const matchLabels = selector.matchLabels ?? {};
  const expressions: readonly LabelSelectorRequirement[] = selector.matchExpressions ?? [];
  const matchers: LabelMatcher[] = [];
  for (const k of Object.keys(matchLabels).sort()) matchers.push(requirementMatcher(k, EQUALS, [matchLabels[k]]));
  for (const e of expressions) {
    if (!SELECTOR_OPERATORS.has(e.operator)) throw new InvalidSelectorError(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    matchers.push(requirementMatcher(e.key, e.operator, e.values ?? []));
  }
  if (matchers.length === 0 && (!extra || Object.keys(extra).length === 0)) return MATCH_EVERYTHING;
  if (extra) for (const k of Object.keys(extra).sort()) matchers.push(requirementMatcher(k, IN, [extra[k]]));
  return allOf(matchers);
}
