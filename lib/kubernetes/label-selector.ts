// Label selectors as Kubernetes 1.27 evaluates them (scheduler, disruption controller and
// guardrails share this one port). Ports (k8s.io/apimachinery v0.27):
//   staging/src/k8s.io/apimachinery/pkg/labels/selector.go (NewRequirement validation, Requirement.Matches)
//   staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector: nil → nothing, {} → everything)
//   staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (IsQualifiedName, IsValidLabelValue)
import { isQualifiedName, isValidLabelValue } from './validation';

/** metav1.LabelSelectorRequirement, as written in manifests. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string; // In | NotIn | Exists | DoesNotExist
  readonly values?: string[];
}

/** metav1.LabelSelector, as written in manifests. */
export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: LabelSelectorRequirement[];
}

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

const INT64_RE = /^[+-]?[0-9]+$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

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
 * How field.Invalid prints a []string bad value (`%#v`): `[]string{"a", "b"}`, and
 * `[]string(nil)` for a nil slice — what a manifest without `values` decodes to, and what
 * LabelSelectorAsSelector always passes when there are none (`append([]string(nil), ...)`).
 */
function goStrings(values: readonly string[] | undefined): string {
  return values === undefined ? '[]string(nil)' : `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/**
 * labels.NewRequirement + Requirement.Matches for one requirement; throws InvalidSelectorError
 * with upstream's wording when NewRequirement would return an error. `rawValues` undefined is
 * Go's nil slice (only the error text differs).
 */
export function requirementMatcher(key: string, operator: string, rawValues?: readonly string[]): LabelMatcher {
  const values = rawValues ?? [];
  const errors: string[] = [];
  // validateLabelKey: field.Invalid(path, k, strings.Join(validation.IsQualifiedName(k), "; "))
  const keyErrors = isQualifiedName(key);
  if (keyErrors.length > 0) errors.push(`key: Invalid value: ${JSON.stringify(key)}: ${keyErrors.join('; ')}`);
  let gtLt: bigint | undefined;
  switch (operator) {
    case IN:
    case NOT_IN:
      if (values.length === 0) errors.push(`values: Invalid value: ${goStrings(rawValues)}: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case EQUALS:
      if (values.length !== 1) errors.push(`values: Invalid value: ${goStrings(rawValues)}: exact-match compatibility requires one single value`);
      break;
    case EXISTS:
    case DOES_NOT_EXIST:
      if (values.length !== 0) errors.push(`values: Invalid value: ${goStrings(rawValues)}: values set must be empty for exists and does not exist`);
      break;
    case GT:
    case LT:
      if (values.length !== 1) errors.push(`values: Invalid value: ${goStrings(rawValues)}: for 'Gt', 'Lt' operators, exactly one value is required`);
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
    const valueErrors = isValidLabelValue(v);
    if (valueErrors.length > 0) errors.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: ${valueErrors.join('; ')}`);
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
    // append([]string(nil), expr.Values...): no values is a nil slice
    matchers.push(requirementMatcher(e.key, e.operator, e.values && e.values.length > 0 ? e.values : undefined));
  }
  if (matchers.length === 0 && (!extra || Object.keys(extra).length === 0)) return MATCH_EVERYTHING;
  if (extra) for (const k of Object.keys(extra).sort()) matchers.push(requirementMatcher(k, IN, [extra[k]]));
  return allOf(matchers);
}

/** `a=b,c in (d,e)`: the selector as `kubectl get -l` would take it. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    switch (r.operator) {
      case 'In':
        parts.push(`${r.key} in (${(r.values ?? []).join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${r.key} notin (${(r.values ?? []).join(',')})`);
        break;
      case 'Exists':
        parts.push(r.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
      default:
        parts.push(`${r.key} ${r.operator} (${(r.values ?? []).join(',')})`);
    }
  }
  return parts.length === 0 ? '{}' : parts.join(',');
}
