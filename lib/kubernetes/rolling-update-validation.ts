// Port of the rolling-update checks of kubernetes/kubernetes pkg/apis/apps/validation/validation.go
// (Kubernetes 1.27): ValidateRollingUpdateDeployment (through ValidateDeploymentStrategy),
// ValidateRollingUpdateDaemonSet (through ValidateDaemonSetUpdateStrategy),
// validateRollingUpdateStatefulSet and the OnDelete branch of ValidateStatefulSetSpec, with their
// helpers ValidatePositiveIntOrPercent, getPercentValue, getIntOrPercentValue and
// IsNotMoreThan100Percent, and k8s.io/apimachinery/pkg/util/validation/validation.go
// IsValidPercent (`^[0-9]+%$`).
//
// Validation sees the object after pkg/apis/apps/v1/defaults.go: a Deployment's strategy type
// defaults to RollingUpdate and its maxUnavailable and maxSurge to 25%; a DaemonSet's update
// strategy type to RollingUpdate, maxUnavailable to 1 and maxSurge to 0 (so `maxSurge: 1` alone
// is refused: maxUnavailable is then 1 too); a StatefulSet's type to RollingUpdate. A StatefulSet's
// rollingUpdate.maxUnavailable is behind the MaxUnavailableStatefulSet gate, alpha and off in 1.27:
// pkg/registry/apps/statefulset/strategy.go dropStatefulSetDisabledFields clears it before
// validation, so any value there is accepted (and ignored), never refused.
//
// An unknown strategy type is supported-values.ts's (NotSupported); values of the wrong JSON
// type (`1.5`, `true`) cannot be decoded into an IntOrString and are the schema rule's.
import { at, isObject } from './private/json';
import type { SchedulingProblem } from './pod-scheduling-validation';
import { regexError } from './validation';

/** One problem: same shape as the other ports of validation.go (formatSchedulingProblem prints it). */
export type RollingUpdateProblem = SchedulingProblem;

const percentFmt = '[0-9]+%';
const percentErrMsg = "a valid percent string must be a numeric string followed by an ending '%'";
const percentRegexp = new RegExp(`^${percentFmt}$`);
/** apivalidation.ValidateNonnegativeField. */
const IS_NEGATIVE = 'must be greater than or equal to 0';

/** IsValidPercent. */
export function isValidPercent(percent: string): string[] {
  return percentRegexp.test(percent) ? [] : [regexError(percentErrMsg, percentFmt, '1%', '93%')];
}

/**
 * strconv.Atoi as IntValue uses it (the error dropped): 0 for anything that is not an optionally
 * signed decimal; out-of-range values clamp (ParseInt's ErrRange), so they stay non-zero.
 */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : (n < 0 ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER);
}

/** getPercentValue: the digits of a valid percentage, or undefined. */
function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return atoi(v.slice(0, -1));
}

/** getIntOrPercentValue: a percentage's digits, an int as is, a string's Atoi (0 when not a number). */
export function intOrPercentValue(v: unknown): number {
  const pct = percentValue(v);
  if (pct !== undefined) return pct;
  if (typeof v === 'number') return v;
  return typeof v === 'string' ? atoi(v) : 0;
}

const show = (v: unknown): string => JSON.stringify(v);

/** Only values an IntOrString decodes from: integers and strings (others are the schema's). */
const isIntOrString = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));

/** ValidatePositiveIntOrPercent. */
function validatePositiveIntOrPercent(v: unknown, field: string, out: RollingUpdateProblem[]): void {
  if (typeof v === 'string') {
    for (const msg of isValidPercent(v)) {
      out.push({ field, value: show(v), message: msg, fix: 'write a whole number of pods (e.g. 1) or a percentage of the replicas (e.g. "25%")' });
    }
  } else if (typeof v === 'number' && Number.isInteger(v) && v < 0) {
    out.push({ field, value: show(v), message: IS_NEGATIVE, fix: 'use 0 or more pods, or a percentage such as "25%"' });
  }
}

/** IsNotMoreThan100Percent. */
function isNotMoreThan100Percent(v: unknown, field: string, out: RollingUpdateProblem[]): void {
  const pct = percentValue(v);
  if (pct === undefined || pct <= 100) return;
  out.push({ field, value: show(v), message: 'must not be greater than 100%', fix: 'use at most "100%"' });
}

/** The field, or its default when absent or null (a nil pointer defaulted by SetDefaults_*). */
function orDefault(v: unknown, dflt: number | string): unknown {
  return v === undefined || v === null ? dflt : v;
}

/** ValidateRollingUpdateDeployment, fields relative to the Deployment. */
function validateDeployment(d: unknown, out: RollingUpdateProblem[]): void {
  const strategy = at(d, 'spec', 'strategy');
  const type = at(strategy, 'type');
  if (type !== undefined && type !== null && type !== '' && type !== 'RollingUpdate') return;
  const base = 'spec.strategy.rollingUpdate';
  const ru = at(strategy, 'rollingUpdate');
  const maxUnavailable = orDefault(at(ru, 'maxUnavailable'), '25%');
  const maxSurge = orDefault(at(ru, 'maxSurge'), '25%');
  if (!isIntOrString(maxUnavailable) || !isIntOrString(maxSurge)) return;
  validatePositiveIntOrPercent(maxUnavailable, `${base}.maxUnavailable`, out);
  validatePositiveIntOrPercent(maxSurge, `${base}.maxSurge`, out);
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    out.push({
      field: `${base}.maxUnavailable`, value: show(maxUnavailable), message: 'may not be 0 when `maxSurge` is 0',
      fix: 'allow one pod down (maxUnavailable: 1) or one extra pod (maxSurge: 1)',
    });
  }
  isNotMoreThan100Percent(maxUnavailable, `${base}.maxUnavailable`, out);
}

/** ValidateRollingUpdateDaemonSet, fields relative to the DaemonSet. */
function validateDaemonSet(ds: unknown, out: RollingUpdateProblem[]): void {
  const strategy = at(ds, 'spec', 'updateStrategy');
  const type = at(strategy, 'type');
  if (type !== undefined && type !== null && type !== '' && type !== 'RollingUpdate') return;
  const base = 'spec.updateStrategy.rollingUpdate';
  const ru = at(strategy, 'rollingUpdate');
  const maxUnavailable = orDefault(at(ru, 'maxUnavailable'), 1);
  const maxSurge = orDefault(at(ru, 'maxSurge'), 0);
  if (!isIntOrString(maxUnavailable) || !isIntOrString(maxSurge)) return;
  validatePositiveIntOrPercent(maxUnavailable, `${base}.maxUnavailable`, out);
  validatePositiveIntOrPercent(maxSurge, `${base}.maxSurge`, out);
  isNotMoreThan100Percent(maxUnavailable, `${base}.maxUnavailable`, out);
  isNotMoreThan100Percent(maxSurge, `${base}.maxSurge`, out);
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    out.push({
      field: `${base}.maxSurge`, value: show(maxSurge), message: 'may not be set when maxUnavailable is non-zero',
      fix: 'set maxUnavailable: 0 to surge (maxUnavailable defaults to 1), or remove maxSurge',
    });
  } else if (!hasUnavailable && !hasSurge) {
    out.push({
      field: `${base}.maxUnavailable`, value: '', message: 'Required value: cannot be 0 when maxSurge is 0',
      fix: 'allow one pod down (maxUnavailable: 1) or one extra pod per node (maxSurge: 1)',
    });
  }
}

/** ValidateStatefulSetSpec's updateStrategy branches and validateRollingUpdateStatefulSet (gate off). */
function validateStatefulSet(s: unknown, out: RollingUpdateProblem[]): void {
  const strategy = at(s, 'spec', 'updateStrategy');
  const type = at(strategy, 'type');
  const ru = at(strategy, 'rollingUpdate');
  if (type === 'OnDelete') {
    if (isObject(ru)) {
      out.push({
        field: 'spec.updateStrategy.rollingUpdate', value: show(ru), message: "only allowed for updateStrategy 'RollingUpdate'",
        fix: 'remove rollingUpdate, or use type RollingUpdate',
      });
    }
    return;
  }
  if (type !== undefined && type !== null && type !== '' && type !== 'RollingUpdate') return;
  const partition = at(ru, 'partition');
  if (typeof partition === 'number' && Number.isInteger(partition) && partition < 0) {
    out.push({
      field: 'spec.updateStrategy.rollingUpdate.partition', value: show(partition), message: IS_NEGATIVE,
      fix: 'use 0 to update every pod, or an ordinal (pods at or above it are updated)',
    });
  }
}

/**
 * The rolling-update fields the API server rejects in a Deployment, DaemonSet or StatefulSet
 * (`group/kind` as `apps`, `Deployment`), fields relative to the object; [] for other kinds.
 */
export function validateRollingUpdate(manifest: unknown, group: string, kind: string): RollingUpdateProblem[] {
  const out: RollingUpdateProblem[] = [];
  if (group !== 'apps') return out;
  if (kind === 'Deployment') validateDeployment(manifest, out);
  else if (kind === 'DaemonSet') validateDaemonSet(manifest, out);
  else if (kind === 'StatefulSet') validateStatefulSet(manifest, out);
  return out;
}
