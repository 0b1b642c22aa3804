// Port of the scheduling parts of ValidatePodSpec in kubernetes/kubernetes
// pkg/apis/core/validation/validation.go (Kubernetes 1.27, default feature gates, a create):
//   - nodeSelector: unversionedvalidation.ValidateLabels(spec.NodeSelector, "spec.nodeSelector");
//   - validateAffinity: validateNodeAffinity (ValidateNodeSelector, ValidateNodeSelectorTerm,
//     ValidateNodeSelectorRequirement, ValidateNodeFieldSelectorRequirement,
//     ValidatePreferredSchedulingTerms), validatePodAffinity / validatePodAntiAffinity
//     (validatePodAffinityTerm, ValidatePodAffinityTermSelector, validateWeightedPodAffinityTerms);
//   - validateTopologySpreadConstraints (ValidateMaxSkew, ValidateTopologyKey,
//     ValidateWhenUnsatisfiable, ValidateSpreadConstraintNotRepeat, validateMinDomains,
//     validateNodeInclusionPolicy, validateMatchLabelKeys, and the labelSelector check that
//     1.27 added, kubernetes#111802);
//   - ValidateTolerations (validateTaintEffect);
// in ValidatePodSpec's order, plus the replica bounds of validateHorizontalPodAutoscalerSpec
// (pkg/apis/autoscaling/validation/validation.go) and, for label selectors,
// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector,
// ValidateLabelSelectorRequirement with LabelSelectorValidationOptions, ValidateLabels,
// ValidateLabelName). The scheduler reads these fields: a pod spec the API server rejects must
// never be scheduled by us and called "Fits".
//
// 1.27, not later: ValidateNodeSelectorRequirement does not check `values` as label values (that
// came with AllowInvalidLabelValueInRequiredNodeAffinity, after 1.27); ValidateTopologyKey only
// asks for a non-empty key; PodAffinityTerm has no matchLabelKeys/mismatchLabelKeys yet.
//
// Messages are field.Error's: `field: Invalid value: <value>: <detail>` is {value, message: detail};
// Required, Forbidden, NotSupported and Duplicate carry their kind in `message` with value ''
// (formatSchedulingProblem renders either as upstream does).
import { arr, at, isObject, obj } from './private/json';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './validation';

export interface SchedulingProblem {
  /** Relative to the pod (`spec.…`) or, for an HPA, to the object (`spec.maxReplicas`). */
  readonly field: string;
  /** field.Invalid's bad value as written (JSON); '' for Required, Forbidden, NotSupported and Duplicate. */
  readonly value: string;
  /** field.Invalid's detail, or the whole body of the other kinds (`Required value: …`). */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/** A problem as field.Error.Error() prints it: `spec.x: Invalid value: "v": detail`, `spec.x: Required value: detail`. */
/** A problem for people, after its object and field: `<value> is invalid: <detail>; <fix>` (no value for Required, NotSupported…). */
export function describeProblem(p: { readonly value: string; readonly message: string; readonly fix: string }): string {
  return `${p.value === '' ? '' : `${p.value} is invalid: `}${p.message}; ${p.fix}`;
}

export function formatSchedulingProblem(p: SchedulingProblem): string {
  return p.value === '' ? `${p.field}: ${p.message}` : `${p.field}: Invalid value: ${p.value}: ${p.message}`;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
/** supportedScheduleActions.List(): sorted. */
const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
/** supportedPodTopologySpreadNodePolicies.List(): sorted. */
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];
/** nodeFieldSelectorValidators: the only field a node field selector may name. */
const NODE_FIELD_SELECTOR_KEY = 'metadata.name';

const KEY_FIX = 'use a label key such as "topology.kubernetes.io/zone" (an optional DNS subdomain prefix and "/", then a name of letters, digits, "-", "_" and ".")';
const VALUE_FIX = 'use a label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';

/** Appends items one by one: a spread into push puts every item on the stack (lists come from user input). */
function append<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

const json = (v: unknown) => JSON.stringify(v === undefined ? null : v);
const s = (v: unknown) => (typeof v === 'string' ? v : '');
const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
const given = (v: unknown) => v !== undefined && v !== null;
const invalid = (field: string, value: unknown, message: string, fix: string): SchedulingProblem => ({ field, value: json(value), message, fix });
const required = (field: string, detail: string, fix: string): SchedulingProblem => ({ field, value: '', message: detail ? `Required value: ${detail}` : 'Required value', fix });
const forbidden = (field: string, detail: string, fix: string): SchedulingProblem => ({ field, value: '', message: `Forbidden: ${detail}`, fix });
const notSupported = (field: string, v: unknown, values: readonly string[], fix: string): SchedulingProblem => ({
  field, value: '', message: `Unsupported value: ${json(v)}: supported values: ${values.map((x) => `"${x}"`).join(', ')}`, fix,
});
const duplicate = (field: string, v: unknown, fix: string): SchedulingProblem => ({ field, value: '', message: `Duplicate value: ${json(v)}`, fix });

/** unversionedvalidation.ValidateLabelName: IsQualifiedName, one Invalid per message. */
function validateLabelName(name: string, field: string, fix = KEY_FIX): SchedulingProblem[] {
  return isQualifiedName(name).map((m) => invalid(field, name, m, fix));
}

/**
 * unversionedvalidation.ValidateLabels: every key a qualified name, every value a label value,
 * both reported on the map's own path. A value that is not a string never reaches validation: the
 * API server fails to decode it (`cannot unmarshal number into Go struct field … of type string`).
 */
function validateLabels(labels: unknown, field: string, valueFix = VALUE_FIX): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  for (const [key, value] of Object.entries(obj(labels) ?? {})) {
    append(out, validateLabelName(key, field));
    if (typeof value !== 'string') {
      out.push(invalid(field, value, 'must be a string', `quote the value of ${JSON.stringify(key)}: "${String(value)}"`));
    } else {
      append(out, isValidLabelValue(value).map((m) => invalid(field, value, m, valueFix)));
    }
  }
  return out;
}

/** ValidateLabels over a label map (a Node's metadata.labels), problems on `field`. */
export function validateLabelMap(labels: unknown, field: string): SchedulingProblem[] {
  return validateLabels(labels, field);
}

/**
 * validateNodeTaints (pkg/apis/core/validation/validation.go, 1.27), fields relative to the list
 * (`[0].key`): each key a label name (ValidateLabelName), each value a label value, the effect
 * required and one of validateTaintEffect's three, and <key, effect> pairs unique.
 */
export function validateNodeTaintList(taints: unknown): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  const unique = new Map<string, Set<string>>();
  arr(taints).forEach((t, i) => {
    const f = `[${i}]`;
    const key = s(at(t, 'key'));
    const value = s(at(t, 'value'));
    const effect = s(at(t, 'effect'));
    append(out, validateLabelName(key, `${f}.key`, 'use a taint key such as "dedicated" or "nvidia.com/gpu"'));
    const errs = isValidLabelValue(value);
    if (errs.length > 0) out.push(invalid(`${f}.value`, value, errs.join(';'), VALUE_FIX));
    if (effect === '') {
      out.push(required(`${f}.effect`, '', 'set effect: NoSchedule, PreferNoSchedule or NoExecute'));
    } else if (!TAINT_EFFECTS.includes(effect)) {
      out.push(notSupported(`${f}.effect`, effect, TAINT_EFFECTS, 'use effect: NoSchedule, PreferNoSchedule or NoExecute'));
    }
    const keys = unique.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      out.push({ ...duplicate(f, { key, value, effect }, 'remove one of the two taints'), message: `Duplicate value: ${json({ key, value, effect })}: taints must be unique by key and effect pair` });
      return;
    }
    keys.add(key);
    unique.set(effect, keys);
  });
  return out;
}

/**
 * The set-based operators ValidateLabelSelectorRequirement and ValidateNodeSelectorRequirement
 * check alike: In/NotIn need values, Exists/DoesNotExist take none. False for any other operator.
 */
function checkSetOperator(operator: unknown, values: readonly unknown[], f: string, out: SchedulingProblem[]): boolean {
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length === 0) out.push(required(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'", 'list the label values to match'));
    return true;
  }
  if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values.length > 0) out.push(forbidden(`${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", 'remove the values'));
    return true;
  }
  return false;
}

/**
 * unversionedvalidation.ValidateLabelSelector with AllowInvalidLabelValueInSelector false (a
 * create): matchLabels as ValidateLabels, each matchExpressions[i] as ValidateLabelSelectorRequirement.
 */
export function validateLabelSelector(selector: unknown, field: string): SchedulingProblem[] {
  if (!isObject(selector)) return [];
  const out = validateLabels(selector.matchLabels, `${field}.matchLabels`);
  arr(selector.matchExpressions).forEach((rq, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    const operator = at(rq, 'operator');
    const values = arr(at(rq, 'values'));
    if (!checkSetOperator(operator, values, f, out)) {
      out.push(invalid(`${f}.operator`, s(operator), 'not a valid selector operator', 'use In, NotIn, Exists or DoesNotExist'));
    }
    append(out, validateLabelName(s(at(rq, 'key')), `${f}.key`));
    values.forEach((v, j) => {
      append(out, isValidLabelValue(s(v)).map((m) => invalid(`${f}.values[${j}]`, s(v), m, VALUE_FIX)));
    });
  });
  return out;
}

/** ValidateTolerations over `spec.tolerations`. */
function validateTolerations(spec: Record<string, unknown>): SchedulingProblem[] {
  return validateTolerationList(spec.tolerations).map((p) => ({ ...p, field: `spec.tolerations${p.field}` }));
}

/**
 * ValidateTolerations over a list of tolerations, fields relative to the list (`[0].operator`):
 * the one port, used for raw pod specs (guardrail, CLI) and the components' `tolerations` prop.
 */
export function validateTolerationList(tolerations: unknown): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  arr(tolerations).forEach((t, i) => {
    const f = `[${i}]`;
    const key = s(at(t, 'key'));
    const operator = s(at(t, 'operator'));
    const value = s(at(t, 'value'));
    const effect = s(at(t, 'effect'));
    if (key.length > 0) {
      append(out, validateLabelName(key, `${f}.key`, 'use the taint key, e.g. "nvidia.com/gpu"'));
    }
    if (key.length === 0 && operator !== 'Exists') {
      out.push(invalid(`${f}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"', 'set the taint key, or operator: Exists to tolerate every taint'));
    }
    if (given(at(t, 'tolerationSeconds')) && effect !== 'NoExecute') {
      out.push(invalid(`${f}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set", 'set effect: NoExecute or remove tolerationSeconds (it only delays eviction by NoExecute taints)'));
    }
    if (operator === 'Equal' || operator === '') {
      const errs = isValidLabelValue(value);
      if (errs.length > 0) out.push(invalid(`${f}.operator`, value, errs.join(';'), 'use the taint\'s value, e.g. "present"'));
    } else if (operator === 'Exists') {
      if (value.length > 0) out.push(invalid(`${f}.operator`, value, "value must be empty when `operator` is 'Exists'", 'remove the value (Exists matches any value), or use operator: Equal to match this value'));
    } else {
      out.push(notSupported(`${f}.operator`, operator, TOLERATION_OPERATORS, 'use operator: Equal (the default) or Exists'));
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) {
      out.push(notSupported(`${f}.effect`, effect, TAINT_EFFECTS, 'use the taint\'s effect (NoSchedule, PreferNoSchedule or NoExecute), or leave effect out to match every effect'));
    }
  });
  return out;
}

/**
 * ValidateNodeSelectorRequirement over a list of requirements, fields relative to the list
 * (`[0].values`): the one port, used for raw pod specs and the components' `nodeAffinity` prop.
 */
export function validateNodeSelectorRequirements(list: unknown): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  arr(list).forEach((rq, i) => {
    const f = `[${i}]`;
    const operator = at(rq, 'operator');
    const values = arr(at(rq, 'values'));
    if (operator === 'Gt' || operator === 'Lt') {
      if (values.length !== 1) out.push(required(`${f}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'", 'give exactly one integer, e.g. ["4"]'));
    } else if (!checkSetOperator(operator, values, f, out)) {
      out.push(invalid(`${f}.operator`, s(operator), 'not a valid selector operator', 'use In, NotIn, Exists, DoesNotExist, Gt or Lt'));
    }
    append(out, validateLabelName(s(at(rq, 'key')), `${f}.key`, 'use a node label key such as "topology.kubernetes.io/zone"'));
  });
  return out;
}

/** ValidateNodeFieldSelectorRequirement: `metadata.name` In/NotIn exactly one node name. */
function validateNodeFieldSelectorRequirements(list: unknown, field: string): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  arr(list).forEach((rq, i) => {
    const f = `${field}[${i}]`;
    const operator = at(rq, 'operator');
    const values = arr(at(rq, 'values'));
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length !== 1) {
        out.push(required(`${f}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector", 'give exactly one node name'));
      }
    } else {
      out.push(invalid(`${f}.operator`, s(operator), 'not a valid selector operator', 'use In or NotIn'));
    }
    const key = s(at(rq, 'key'));
    if (key !== NODE_FIELD_SELECTOR_KEY) {
      out.push(invalid(`${f}.key`, key, 'not a valid field selector key', 'use key: metadata.name'));
    } else {
      values.forEach((v, j) => {
        append(out, isDNS1123Subdomain(s(v)).map((m) => invalid(`${f}.values[${j}]`, s(v), m, 'use a node name')));
      });
    }
  });
  return out;
}

/** ValidateNodeSelectorTerm: its matchExpressions and matchFields. */
function validateNodeSelectorTerm(term: unknown, field: string): SchedulingProblem[] {
  return [
    ...validateNodeSelectorRequirements(at(term, 'matchExpressions')).map((p) => ({ ...p, field: `${field}.matchExpressions${p.field}` })),
    ...validateNodeFieldSelectorRequirements(at(term, 'matchFields'), `${field}.matchFields`),
  ];
}

/** validateNodeAffinity: ValidateNodeSelector (required) and ValidatePreferredSchedulingTerms. */
function validateNodeAffinity(na: unknown, base: string): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  const requiredTerms = at(na, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (isObject(requiredTerms)) {
    const termsField = `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    const terms = arr(requiredTerms.nodeSelectorTerms);
    if (terms.length === 0) {
      out.push(required(termsField, 'must have at least one node selector term', 'give at least one term, or leave requiredDuringSchedulingIgnoredDuringExecution out'));
    }
    terms.forEach((term, i) => append(out, validateNodeSelectorTerm(term, `${termsField}[${i}]`)));
  }
  arr(at(na, 'preferredDuringSchedulingIgnoredDuringExecution')).forEach((term, i) => {
    const f = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    const weight = n(at(term, 'weight')) ?? 0;
    if (weight <= 0 || weight > 100) out.push(invalid(`${f}.weight`, weight, 'must be in the range 1-100', 'use a weight from 1 to 100'));
    append(out, validateNodeSelectorTerm(at(term, 'preference'), `${f}.preference`));
  });
  return out;
}

/** validatePodAffinityTerm (1.27: selectors, namespaces, topologyKey). */
function validatePodAffinityTerm(term: unknown, f: string): SchedulingProblem[] {
  const out = [
    ...validateLabelSelector(at(term, 'labelSelector'), `${f}.labelSelector`),
    ...validateLabelSelector(at(term, 'namespaceSelector'), `${f}.namespaceSelector`),
  ];
  for (const name of arr(at(term, 'namespaces'))) {
    // ValidateNamespaceName; upstream names the field `namespace`.
    append(out, isDNS1123Label(s(name)).map((m) => invalid(`${f}.namespace`, s(name), m, 'use a namespace name')));
  }
  const key = s(at(term, 'topologyKey'));
  if (key === '') out.push(required(`${f}.topologyKey`, 'can not be empty', 'use a node label key such as "kubernetes.io/hostname"'));
  append(out, validateLabelName(key, `${f}.topologyKey`));
  return out;
}

/** validatePodAffinity / validatePodAntiAffinity: required terms, and weighted terms (weight 1-100). */
function validatePodAffinity(pa: unknown, base: string): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  arr(at(pa, 'requiredDuringSchedulingIgnoredDuringExecution')).forEach((term, i) => {
    append(out, validatePodAffinityTerm(term, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
  });
  arr(at(pa, 'preferredDuringSchedulingIgnoredDuringExecution')).forEach((term, i) => {
    const f = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    const weight = n(at(term, 'weight')) ?? 0;
    if (weight <= 0 || weight > 100) out.push(invalid(`${f}.weight`, weight, 'must be in the range 1-100', 'use a weight from 1 to 100'));
    append(out, validatePodAffinityTerm(at(term, 'podAffinityTerm'), `${f}.podAffinityTerm`));
  });
  return out;
}

/** validateAffinity */
function validateAffinity(spec: Record<string, unknown>): SchedulingProblem[] {
  const affinity = obj(spec.affinity);
  if (!affinity) return [];
  return [
    ...(isObject(affinity.nodeAffinity) ? validateNodeAffinity(affinity.nodeAffinity, 'spec.affinity.nodeAffinity') : []),
    ...(isObject(affinity.podAffinity) ? validatePodAffinity(affinity.podAffinity, 'spec.affinity.podAffinity') : []),
    ...(isObject(affinity.podAntiAffinity) ? validatePodAffinity(affinity.podAntiAffinity, 'spec.affinity.podAntiAffinity') : []),
  ];
}

/** validateTopologySpreadConstraints, in upstream's order per constraint. */
function validateTopologySpread(spec: Record<string, unknown>): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  const constraints = arr(spec.topologySpreadConstraints);
  constraints.forEach((c, i) => {
    const f = `spec.topologySpreadConstraints[${i}]`;
    // ValidateMaxSkew (an absent maxSkew decodes as 0).
    const maxSkew = n(at(c, 'maxSkew')) ?? 0;
    if (maxSkew <= 0) out.push(invalid(`${f}.maxSkew`, maxSkew, 'must be greater than zero', 'use maxSkew: 1 or more'));
    // ValidateTopologyKey: non-empty only (1.27 does not check it as a label key).
    const key = s(at(c, 'topologyKey'));
    if (key === '') out.push(required(`${f}.topologyKey`, 'can not be empty', 'use a node label key such as "topology.kubernetes.io/zone"'));
    // ValidateWhenUnsatisfiable
    const action = s(at(c, 'whenUnsatisfiable'));
    if (!SCHEDULE_ACTIONS.includes(action)) out.push(notSupported(`${f}.whenUnsatisfiable`, action, SCHEDULE_ACTIONS, 'use DoNotSchedule or ScheduleAnyway'));
    // ValidateSpreadConstraintNotRepeat: reported on the first of a pair, against the ones after it.
    const repeated = constraints.slice(i + 1).some((r) => s(at(r, 'topologyKey')) === key && s(at(r, 'whenUnsatisfiable')) === action);
    if (repeated) {
      out.push(duplicate(`${f}.{topologyKey, whenUnsatisfiable}`, `{${key}, ${action}}`, 'give each constraint its own topologyKey and whenUnsatisfiable'));
    }
    // validateMinDomains
    const minDomains = at(c, 'minDomains');
    if (given(minDomains)) {
      if ((n(minDomains) ?? 0) <= 0) out.push(invalid(`${f}.minDomains`, minDomains, 'must be greater than zero', 'use minDomains: 1 or more, or leave it out'));
      if (action !== 'DoNotSchedule') {
        out.push(invalid(`${f}.minDomains`, minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`, 'use whenUnsatisfiable: DoNotSchedule or remove minDomains'));
      }
    }
    // validateNodeInclusionPolicy
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const v = at(c, policy);
      if (given(v) && !NODE_INCLUSION_POLICIES.includes(s(v))) out.push(notSupported(`${f}.${policy}`, s(v), NODE_INCLUSION_POLICIES, 'use Honor or Ignore, or leave it out'));
    }
    // validateMatchLabelKeys (1.27: Forbidden without a labelSelector, kubernetes#116535)
    const matchLabelKeys = arr(at(c, 'matchLabelKeys'));
    const selector = at(c, 'labelSelector');
    if (matchLabelKeys.length > 0) {
      const selectorKeys = new Set<string>();
      if (isObject(selector)) {
        for (const k of Object.keys(obj(selector.matchLabels) ?? {})) selectorKeys.add(k);
        for (const e of arr(selector.matchExpressions)) selectorKeys.add(s(at(e, 'key')));
      } else {
        out.push(forbidden(`${f}.matchLabelKeys`, 'must not be specified when labelSelector is not set', 'add a labelSelector, or remove matchLabelKeys'));
      }
      matchLabelKeys.forEach((k, j) => {
        append(out, validateLabelName(s(k), `${f}.matchLabelKeys[${j}]`));
        if (selectorKeys.has(s(k))) {
          out.push(invalid(`${f}.matchLabelKeys[${j}]`, s(k), 'exists in both matchLabelKeys and labelSelector', 'remove the key from labelSelector or from matchLabelKeys'));
        }
      });
    }
    // 1.27 (kubernetes#111802): the labelSelector of a new pod must be valid.
    append(out, validateLabelSelector(selector, `${f}.labelSelector`));
  });
  return out;
}

/** ValidateLabels over `spec.nodeSelector` (errors on `spec.nodeSelector` itself, as upstream reports them). */
function validateNodeSelector(spec: Record<string, unknown>): SchedulingProblem[] {
  return validateLabels(spec.nodeSelector, 'spec.nodeSelector', 'use a node label value');
}

/** The scheduling fields of a pod spec (`spec` of a Pod or of a pod template), in ValidatePodSpec's order. */
export function validatePodScheduling(spec: unknown): SchedulingProblem[] {
  const sp = obj(spec);
  if (!sp) return [];
  return [...validateNodeSelector(sp), ...validateAffinity(sp), ...validateTopologySpread(sp), ...validateTolerations(sp)];
}

export interface HpaValidationOptions {
  /**
   * The HPAScaleToZero feature gate (alpha in 1.27, off by default): minReplicas may then be 0.
   * @default false
   */
  readonly scaleToZero?: boolean;
}

/**
 * validateHorizontalPodAutoscalerSpec's replica bounds, every problem in upstream's order:
 * minReplicas ≥ minReplicasLowerBound (1; 0 with HPAScaleToZero), maxReplicas ≥ 1, maxReplicas ≥ minReplicas.
 */
export function validateHpaReplicas(manifest: unknown, options: HpaValidationOptions = {}): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  const min = n(at(manifest, 'spec', 'minReplicas'));
  const max = n(at(manifest, 'spec', 'maxReplicas'));
  const lowerBound = options.scaleToZero ? 0 : 1;
  if (min !== undefined && min < lowerBound) {
    out.push(invalid('spec.minReplicas', min, `must be greater than or equal to ${lowerBound}`, `use minReplicas: ${lowerBound} or more${lowerBound === 1 ? ' (0 needs the HPAScaleToZero feature gate, alpha and off in 1.27: exempt the object from this rule where a cluster turns it on)' : ''}`));
  }
  if (max === undefined) return out; // required: the schema reports it
  if (max < 1) out.push(invalid('spec.maxReplicas', max, 'must be greater than 0', 'use maxReplicas: 1 or more'));
  if (min !== undefined && max < min) {
    out.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`', `raise maxReplicas to at least ${min} or lower minReplicas`));
  }
  return out;
}
