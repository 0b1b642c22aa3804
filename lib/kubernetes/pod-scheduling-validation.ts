// Port of the scheduling parts of ValidatePodSpec in kubernetes/kubernetes
// pkg/apis/core/validation/validation.go (release-1.27): nodeSelector (ValidateLabels), ValidateTolerations,
// validateNodeSelectorRequirement (required and preferred node affinity terms),
// validateTopologySpreadConstraints, and of validateHorizontalPodAutoscalerSpec's replica
// bounds (pkg/apis/autoscaling/validation/validation.go). These are the fields the capacity
// check reads: a pod spec the API server rejects must never be scheduled by us and called
// "Fits". Each problem has the field relative to the pod spec (`spec.tolerations[0].operator`),
// the value as written (JSON), upstream's message and a fix.
import { arr, at, obj } from './private/json';
import { isQualifiedName, isValidLabelValue } from './validation';

export interface SchedulingProblem {
  /** Relative to the pod (`spec.…`) or, for an HPA, to the object (`spec.maxReplicas`). */
  readonly field: string;
  /** The value as written, JSON-quoted; '' when the problem has none. */
  readonly value: string;
  /** Upstream's sentence. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const SELECTOR_OPERATORS = ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'];
const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];

const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
const notSupported = (v: unknown, values: readonly string[]) => `Unsupported value: ${json(v)}: supported values: ${values.map((x) => `"${x}"`).join(', ')}`;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

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
    const key = str(at(t, 'key'));
    const operator = at(t, 'operator') ?? '';
    const value = str(at(t, 'value'));
    const effect = at(t, 'effect') ?? '';
    if (key.length > 0) {
      for (const m of isQualifiedName(key)) out.push({ field: `${f}.key`, value: json(key), message: m, fix: 'use the taint key, e.g. "nvidia.com/gpu"' });
    }
    if (key.length === 0 && operator !== 'Exists') {
      out.push({ field: `${f}.operator`, value: json(operator), message: 'operator must be Exists when `key` is empty, which means "match all values and all keys"', fix: 'set the taint key, or operator: Exists to tolerate every taint' });
    }
    if (at(t, 'tolerationSeconds') !== undefined && at(t, 'tolerationSeconds') !== null && effect !== 'NoExecute') {
      out.push({ field: `${f}.effect`, value: json(effect), message: "effect must be 'NoExecute' when `tolerationSeconds` is set", fix: 'set effect: NoExecute or remove tolerationSeconds (it only delays eviction by NoExecute taints)' });
    }
    if (operator === 'Equal' || operator === '') {
      const errs = isValidLabelValue(value);
      if (errs.length > 0) out.push({ field: `${f}.operator`, value: json(value), message: errs.join(';'), fix: 'use the taint\'s value, e.g. "present"' });
    } else if (operator === 'Exists') {
      if (value.length > 0) out.push({ field: `${f}.operator`, value: json(value), message: "value must be empty when `operator` is 'Exists'", fix: 'remove the value (Exists matches any value), or use operator: Equal to match this value' });
    } else {
      out.push({ field: `${f}.operator`, value: '', message: notSupported(operator, ['Equal', 'Exists']), fix: 'use operator: Equal (the default) or Exists' });
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect as string)) {
      out.push({ field: `${f}.effect`, value: '', message: notSupported(effect, TAINT_EFFECTS), fix: 'use the taint\'s effect (NoSchedule, PreferNoSchedule or NoExecute), or leave effect out to match every effect' });
    }
  });
  return out;
}

/** validateNodeSelectorRequirement over one `matchExpressions` list. */
function validateRequirements(list: unknown, field: string): SchedulingProblem[] {
  return validateNodeSelectorRequirements(list).map((p) => ({ ...p, field: `${field}${p.field}` }));
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
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) out.push({ field: `${f}.values`, value: '', message: "Required value: must be specified when `operator` is 'In' or 'NotIn'", fix: 'list the label values to match' });
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) out.push({ field: `${f}.values`, value: '', message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", fix: 'remove the values' });
    } else if (operator === 'Gt' || operator === 'Lt') {
      if (values.length !== 1) out.push({ field: `${f}.values`, value: '', message: "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'", fix: 'give exactly one integer, e.g. ["4"]' });
    } else {
      out.push({ field: `${f}.operator`, value: '', message: notSupported(operator, SELECTOR_OPERATORS), fix: 'use In, NotIn, Exists, DoesNotExist, Gt or Lt' });
    }
    for (const m of isQualifiedName(str(at(rq, 'key')))) out.push({ field: `${f}.key`, value: json(at(rq, 'key')), message: m, fix: 'use a node label key such as "topology.kubernetes.io/zone"' });
  });
  return out;
}

function validateNodeAffinity(spec: Record<string, unknown>): SchedulingProblem[] {
  const base = 'spec.affinity.nodeAffinity';
  const out: SchedulingProblem[] = [];
  const required = at(spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
  arr(at(required, 'nodeSelectorTerms')).forEach((term, i) => {
    for (const p of validateRequirements(at(term, 'matchExpressions'), `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}].matchExpressions`)) out.push(p);
  });
  arr(at(spec, 'affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution')).forEach((term, i) => {
    const f = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    const weight = at(term, 'weight');
    if (typeof weight === 'number' && (weight <= 0 || weight > 100)) {
      out.push({ field: `${f}.weight`, value: json(weight), message: 'must be in the range 1-100', fix: 'use a weight from 1 to 100' });
    }
    for (const p of validateRequirements(at(term, 'preference', 'matchExpressions'), `${f}.preference.matchExpressions`)) out.push(p);
  });
  return out;
}

/** validateTopologySpreadConstraints (maxSkew, topologyKey, whenUnsatisfiable, minDomains, repeats). */
function validateTopologySpread(spec: Record<string, unknown>): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  const seen = new Set<string>();
  arr(spec.topologySpreadConstraints).forEach((c, i) => {
    const f = `spec.topologySpreadConstraints[${i}]`;
    const maxSkew = at(c, 'maxSkew');
    if (typeof maxSkew === 'number' && maxSkew <= 0) {
      out.push({ field: `${f}.maxSkew`, value: json(maxSkew), message: 'must be greater than zero', fix: 'use maxSkew: 1 or more' });
    }
    const key = str(at(c, 'topologyKey'));
    if (key === '') {
      out.push({ field: `${f}.topologyKey`, value: '', message: 'Required value: can not be empty', fix: 'use a node label key such as "topology.kubernetes.io/zone"' });
    } else {
      for (const m of isQualifiedName(key)) out.push({ field: `${f}.topologyKey`, value: json(key), message: m, fix: 'use a node label key such as "topology.kubernetes.io/zone"' });
    }
    const action = at(c, 'whenUnsatisfiable');
    if (!SCHEDULE_ACTIONS.includes(action as string)) {
      out.push({ field: `${f}.whenUnsatisfiable`, value: '', message: notSupported(action, SCHEDULE_ACTIONS), fix: 'use DoNotSchedule or ScheduleAnyway' });
    }
    const minDomains = at(c, 'minDomains');
    if (minDomains !== undefined && minDomains !== null) {
      if (typeof minDomains === 'number' && minDomains <= 0) {
        out.push({ field: `${f}.minDomains`, value: json(minDomains), message: 'must be greater than zero', fix: 'use minDomains: 1 or more, or leave it out' });
      }
      if (action !== 'DoNotSchedule') {
        out.push({ field: `${f}.minDomains`, value: json(minDomains), message: `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${String(action)}`, fix: 'use whenUnsatisfiable: DoNotSchedule or remove minDomains' });
      }
    }
    const pair = `${key}\u0000${String(action)}`;
    if (seen.has(pair)) {
      out.push({ field: `${f}.{topologyKey, whenUnsatisfiable}`, value: json(`${key}, ${String(action)}`), message: 'Duplicate value', fix: 'give each constraint its own topologyKey and whenUnsatisfiable' });
    }
    seen.add(pair);
  });
  return out;
}

/**
 * ValidateLabels over `spec.nodeSelector`: qualified-name keys, label values. A value that is
 * not a string is a decoding error for the API server (`cannot unmarshal number into Go struct
 * field PodSpec.spec.nodeSelector of type string`).
 */
function validateNodeSelector(spec: Record<string, unknown>): SchedulingProblem[] {
  const out: SchedulingProblem[] = [];
  for (const [key, value] of Object.entries(obj(spec.nodeSelector) ?? {})) {
    const f = `spec.nodeSelector[${key}]`;
    for (const m of isQualifiedName(key)) out.push({ field: f, value: json(key), message: m, fix: 'use a node label key such as "topology.kubernetes.io/zone"' });
    if (typeof value !== 'string') {
      out.push({ field: f, value: json(value), message: 'must be a string', fix: `quote it: "${String(value)}"` });
    } else {
      for (const m of isValidLabelValue(value)) out.push({ field: f, value: json(value), message: m, fix: 'use a node label value' });
    }
  }
  return out;
}

/** The scheduling fields of a pod spec (`spec` of a Pod or of a pod template). */
export function validatePodScheduling(spec: unknown): SchedulingProblem[] {
  const s = obj(spec);
  if (!s) return [];
  return [...validateNodeSelector(s), ...validateTolerations(s), ...validateNodeAffinity(s), ...validateTopologySpread(s)];
}

/**
 * validateHorizontalPodAutoscalerSpec's replica bounds: maxReplicas ≥ 1 and ≥ minReplicas.
 * (minReplicas 0 is left alone: allowed behind the HPAScaleToZero feature gate.)
 */
export function validateHpaReplicas(manifest: unknown): SchedulingProblem[] {
  const min = at(manifest, 'spec', 'minReplicas');
  const max = at(manifest, 'spec', 'maxReplicas');
  if (typeof max !== 'number') return [];
  if (max < 1) return [{ field: 'spec.maxReplicas', value: json(max), message: 'must be greater than 0', fix: 'use maxReplicas: 1 or more' }];
  if (typeof min === 'number' && max < min) {
    return [{ field: 'spec.maxReplicas', value: json(max), message: 'must be greater than or equal to `minReplicas`', fix: `raise maxReplicas to at least ${min} or lower minReplicas` }];
  }
  return [];
}
