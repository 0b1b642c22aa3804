// The LimitRanger admission plugin for pods, Kubernetes v1.27:
//   plugin/pkg/admission/limitranger/admission.go  defaultContainerResourceRequirements,
//     mergeContainerResources, mergePodResourceRequirements, PodValidateLimitFunc,
//     minConstraint, maxConstraint, limitRequestRatioConstraint, requestLimitEnforcedValues
//   pkg/apis/core/v1/defaults.go  SetDefaults_LimitRangeItem (the LimitRange as the API server
//     stores it: default ← max, defaultRequest ← default, then ← min, for type Container)
//   pkg/apis/core/v1/defaults.go  SetDefaults_Pod (before admission: a limit without a request
//     becomes the request)
// Every LimitRange of the pod's namespace mutates (in order; the first default wins) and then
// validates; errors are aggregated like utilerrors.NewAggregate.
import type { Container, ManifestObject, PodSpec, ResourceList } from '../scheduler/types';
import { Quantity, quantityOf } from '../kubernetes/quantity';

const LIMIT_TYPE_CONTAINER = 'Container';
const LIMIT_TYPE_POD = 'Pod';
/** resource.MaxMilliValue: the largest value whose milli value fits an int64. */
const MAX_MILLI_VALUE = ((1n << 63n) - 1n) / 1000n;

interface LimitRangeItem {
  readonly type: string;
  readonly max: Record<string, Quantity>;
  readonly min: Record<string, Quantity>;
  readonly default: Record<string, Quantity>;
  readonly defaultRequest: Record<string, Quantity>;
  readonly maxLimitRequestRatio: Record<string, Quantity>;
}

/** A LimitRange as the API server stores it (defaults applied). */
export interface LimitRange {
  readonly namespace: string;
  readonly name: string;
  readonly items: readonly LimitRangeItem[];
}

const list = (l: unknown, field: string): Record<string, Quantity> => {
  const out: Record<string, Quantity> = {};
  if (typeof l !== 'object' || l === null) return out;
  for (const [k, v] of Object.entries(l as ResourceList)) out[k] = quantityOf(v, `${field}[${k}]`);
  return out;
};

/** Reads a LimitRange object (throws InvalidQuantityError naming the field) and applies SetDefaults_LimitRangeItem. */
export function limitRangeOf(o: ManifestObject, namespace: string): LimitRange {
  const limits = ((o.spec as { limits?: unknown[] } | undefined)?.limits ?? []) as Array<Record<string, unknown>>;
  const items = limits.map((raw, i) => {
    const f = `spec.limits[${i}]`;
    const item = {
      type: String(raw.type ?? ''),
      max: list(raw.max, `${f}.max`),
      min: list(raw.min, `${f}.min`),
      default: list(raw.default, `${f}.default`),
      defaultRequest: list(raw.defaultRequest, `${f}.defaultRequest`),
      maxLimitRequestRatio: list(raw.maxLimitRequestRatio, `${f}.maxLimitRequestRatio`),
    };
    if (item.type === LIMIT_TYPE_CONTAINER) {
      for (const [k, v] of Object.entries(item.max)) if (!(k in item.default)) item.default[k] = v;
      for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
      for (const [k, v] of Object.entries(item.min)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
    }
    return item;
  });
  return { namespace, name: String(o.metadata?.name ?? ''), items };
}

/** What LimitRanger did to a pod spec. */
export interface LimitRangerResult {
  /** The pod spec after defaulting (unchanged object when nothing was set). */
  readonly spec: PodSpec;
  /** Containers that got a default: `main: requests cpu, memory; limits cpu` (the plugin's annotation). */
  readonly defaulted: string[];
  /** The aggregated validation error (upstream wording), or undefined when admitted. */
  readonly error?: string;
}

/** SetDefaults_Pod: requests from limits. */
function requestsAfterDefaulting(c: Container): ResourceList {
  const requests: ResourceList = { ...(c.resources?.requests ?? {}) };
  for (const [k, v] of Object.entries(c.resources?.limits ?? {})) if (!(k in requests)) requests[k] = v;
  return requests;
}

/** Admit (mutate, then validate) a pod spec against the LimitRanges of its namespace. */
export function limitRanger(spec: PodSpec, ranges: readonly LimitRange[]): LimitRangerResult {
  if (ranges.length === 0) return { spec, defaulted: [] };
  const defaulted: string[] = [];
  let changed = false;
  const merge = (c: Container): Container => {
    let requests = requestsAfterDefaulting(c);
    let limits: ResourceList = { ...(c.resources?.limits ?? {}) };
    const setRequests: string[] = [];
    const setLimits: string[] = [];
    for (const range of ranges) {
      // defaultContainerResourceRequirements: the Container items' default / defaultRequest.
      for (const item of range.items) {
        if (item.type !== LIMIT_TYPE_CONTAINER) continue;
        for (const [k, v] of Object.entries(item.default)) {
          if (!(k in limits)) {
            limits = { ...limits, [k]: v.toString() };
            setLimits.push(k);
          }
        }
        for (const [k, v] of Object.entries(item.defaultRequest)) {
          if (!(k in requests)) {
            requests = { ...requests, [k]: v.toString() };
            setRequests.push(k);
          }
        }
      }
    }
    if (setRequests.length === 0 && setLimits.length === 0) return c;
    changed = true;
    const parts = [setRequests.length > 0 ? `requests ${setRequests.join(', ')}` : '', setLimits.length > 0 ? `limits ${setLimits.join(', ')}` : ''].filter((x) => x);
    defaulted.push(`${c.name}: ${parts.join('; ')}`);
    return { ...c, resources: { ...(c.resources ?? {}), requests, limits } };
  };
  const containers = (spec.containers ?? []).map(merge);
  const initContainers = spec.initContainers ? spec.initContainers.map(merge) : undefined;
  const out: PodSpec = changed ? { ...spec, containers, ...(initContainers ? { initContainers } : {}) } : spec;

  const errors: string[] = [];
  for (const range of ranges) errors.push(...podValidateLimit(range, out));
  const error = errors.length === 0 ? undefined : errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return { spec: out, defaulted, ...(error !== undefined ? { error } : {}) };
}

type QList = Record<string, Quantity>;

const parsed = (l: ResourceList | undefined): QList => {
  const out: QList = {};
  for (const [k, v] of Object.entries(l ?? {})) out[k] = quantityOf(v);
  return out;
};

/** PodValidateLimitFunc: min, max and maxLimitRequestRatio of Container and Pod items. */
function podValidateLimit(range: LimitRange, spec: PodSpec): string[] {
  const errs: string[] = [];
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const item of range.items) {
    const check = (requests: QList, limits: QList) => {
      for (const [k, v] of Object.entries(item.min)) push(errs, minConstraint(item.type, k, v, requests, limits));
      for (const [k, v] of Object.entries(item.max)) push(errs, maxConstraint(item.type, k, v, requests, limits));
      for (const [k, v] of Object.entries(item.maxLimitRequestRatio)) push(errs, limitRequestRatioConstraint(item.type, k, v, requests, limits));
    };
    if (item.type === LIMIT_TYPE_CONTAINER) {
      // containers, then init containers
      for (const c of all) check(parsed(c.resources?.requests), parsed(c.resources?.limits));
    }
    if (item.type === LIMIT_TYPE_POD) {
      // Σ containers, then max with each init container.
      const requests: QList = {};
      const limits: QList = {};
      for (const c of spec.containers ?? []) {
        sumInto(requests, parsed(c.resources?.requests));
        sumInto(limits, parsed(c.resources?.limits));
      }
      for (const c of spec.initContainers ?? []) {
        maxInto(requests, parsed(c.resources?.requests));
        maxInto(limits, parsed(c.resources?.limits));
      }
      check(requests, limits);
    }
  }
  return errs;
}

function push(errs: string[], e: string | undefined): void {
  if (e !== undefined) errs.push(e);
}

function sumInto(target: QList, l: QList): void {
  for (const [k, v] of Object.entries(l)) target[k] = k in target ? target[k].add(v) : v;
}

function maxInto(target: QList, l: QList): void {
  for (const [k, v] of Object.entries(l)) if (!(k in target) || v.cmp(target[k]) > 0) target[k] = v;
}

/** requestLimitEnforcedValues: milli values when none overflows, else values. */
function enforcedValues(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [bigint, bigint, bigint] {
  const r = req ?? Quantity.ZERO;
  const l = lim ?? Quantity.ZERO;
  if (r.value() <= MAX_MILLI_VALUE && l.value() <= MAX_MILLI_VALUE && enforced.value() <= MAX_MILLI_VALUE) {
    return [r.milliValue(), l.milliValue(), enforced.milliValue()];
  }
  return [r.value(), l.value(), enforced.value()];
}

function minConstraint(limitType: string, resource: string, enforced: Quantity, request: QList, limit: QList): string | undefined {
  const req = request[resource];
  const lim = limit[resource];
  const [r, l, e] = enforcedValues(req, lim, enforced);
  if (req === undefined) return `minimum ${resource} usage per ${limitType} is ${enforced.toString()}.  No request is specified`;
  if (r < e) return `minimum ${resource} usage per ${limitType} is ${enforced.toString()}, but request is ${req.toString()}`;
  if (lim !== undefined && l < e) return `minimum ${resource} usage per ${limitType} is ${enforced.toString()}, but limit is ${lim.toString()}`;
  return undefined;
}

function maxConstraint(limitType: string, resource: string, enforced: Quantity, request: QList, limit: QList): string | undefined {
  const req = request[resource];
  const lim = limit[resource];
  const [r, l, e] = enforcedValues(req, lim, enforced);
  if (lim === undefined) return `maximum ${resource} usage per ${limitType} is ${enforced.toString()}.  No limit is specified`;
  if (l > e) return `maximum ${resource} usage per ${limitType} is ${enforced.toString()}, but limit is ${lim.toString()}`;
  if (req !== undefined && r > e) return `maximum ${resource} usage per ${limitType} is ${enforced.toString()}, but request is ${req.toString()}`;
  return undefined;
}

function limitRequestRatioConstraint(limitType: string, resource: string, enforced: Quantity, request: QList, limit: QList): string | undefined {
  const req = request[resource];
  const lim = limit[resource];
  const [r, l] = enforcedValues(req, lim, enforced);
  if (req === undefined || r === 0n) return `${resource} max limit to request ratio per ${limitType} is ${enforced.toString()}, but no request is specified or request is 0`;
  if (lim === undefined || l === 0n) return `${resource} max limit to request ratio per ${limitType} is ${enforced.toString()}, but no limit is specified or limit is 0`;
  let observed = Number(l) / Number(r);
  const display = observed;
  let max = Number(enforced.value());
  if (enforced.value() <= MAX_MILLI_VALUE) {
    observed *= 1000;
    max = Number(enforced.milliValue());
  }
  if (observed > max) return `${resource} max limit to request ratio per ${limitType} is ${enforced.toString()}, but provided ratio is ${display.toFixed(6)}`;
  return undefined;
}
