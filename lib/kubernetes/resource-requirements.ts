// Port of the container resource checks of the Kubernetes 1.27 API server:
//   pkg/apis/core/validation/validation.go: ValidateResourceRequirements,
//     validateContainerResourceName, validateResourceName, ValidateResourceQuantityValue,
//     ValidateNonnegativeQuantity, validateResourceQuantityHugePageValue;
//   pkg/apis/core/helper/helpers.go: IsNativeResource, IsOvercommitAllowed,
//     IsExtendedResourceName, IsHugePageResourceName, IsStandardContainerResourceName,
//     IsIntegerResourceName, IsHugePageResourceValueDivisible; and the same rules of
//     pkg/apis/core/v1/helper/helpers.go (identical there) plus its IsPrefixedNativeResource and
//     IsAttachableVolumeResourceName, which kube-scheduler's IsScalarResourceName uses. The one
//     home of these resource-name rules: lib/scheduler, lib/app and lib/capacity import them here.
// Fields and messages are field.Error's (validateResourceRequirements): the request/limit
// comparison is on `requests`, a missing limit on `limits`, the hugepages-without-cpu/memory rule
// on `resources` itself; map keys print as Go's Path.Key does (`limits[cpu]`); quantities inside a
// message are Go's canonical String() (`must be less than or equal to cpu limit of 500m`). Only
// the bad value is quoted as the user wrote it (`"0.5"`), never re-rendered.
import { InvalidQuantityError, Quantity, quantityOf } from './quantity';
import { isQualifiedName } from './validation';

/** One problem: the field (relative to the container's `resources`), the value and the sentence. */
export interface ResourceProblem {
  /** e.g. `requests[cpu]`, `limits[nvidia.com/gpu]`; '' for `resources` itself */
  readonly field: string;
  /** The value as the user wrote it, JSON-quoted (`"-1"`); '' when the problem has none. */
  readonly value: string;
  /** Upstream's sentence, e.g. `must be greater than or equal to 0`. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/** apimachinery IsNegativeErrorMsg. */
export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
const IS_NOT_INTEGER_ERROR_MSG = 'must be an integer';
/** v1.ResourceHugePagesPrefix: `hugepages-<page size>` names a container's huge pages. */
export const HUGEPAGES_PREFIX = 'hugepages-';
const ATTACHABLE_VOLUMES_PREFIX = 'attachable-volumes-';
const DEFAULT_RESOURCE_REQUESTS_PREFIX = 'requests.';
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** helpers.go standardResources: names valid without a domain prefix anywhere. */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers',
  'resourcequotas', 'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports',
  'services.loadbalancers', 'storage', 'requests.storage',
]);
const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);

/** IsHugePageResourceName */
export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX);
}

/** IsPrefixedNativeResource: `*kubernetes.io/…` names. */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes('kubernetes.io/');
}

/** IsNativeResource: no domain prefix, or a kubernetes.io one. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || isPrefixedNativeResource(name);
}

/** IsExtendedResourceName: `example.com/gpu`, not native, valid as `requests.<name>`. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(DEFAULT_RESOURCE_REQUESTS_PREFIX)) {
    return false;
  }
  return isQualifiedName(`${DEFAULT_RESOURCE_REQUESTS_PREFIX}${name}`).length === 0;
}

/**
 * IsAttachableVolumeResourceName (pkg/apis/core/v1/helper/helpers.go): `attachable-volumes-*`,
 * a node's per-driver volume limit; kube-scheduler counts it as a scalar resource.
 */
export function isAttachableVolumeResourceName(name: string): boolean {
  return name.startsWith(ATTACHABLE_VOLUMES_PREFIX);
}

/** IsOvercommitAllowed: native resources except hugepages. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** IsIntegerResourceName */
export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

/** IsStandardResourceName: standardResources, or a quota hugepages name (`hugepages-…`, `requests.hugepages-…`). */
function isStandardResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || isHugePageResourceName(name) || name.startsWith(`${DEFAULT_RESOURCE_REQUESTS_PREFIX}${HUGEPAGES_PREFIX}`);
}

/** validateResourceName: a qualified name; without a '/', a standard resource name. */
export function validateResourceName(name: string): string[] {
  const errs = isQualifiedName(name);
  if (errs.length === 0 && !name.includes('/') && !isStandardResourceName(name)) {
    errs.push('must be a standard resource type or fully qualified');
  }
  return errs;
}

/**
 * validateContainerResourceName: validateResourceName's errors (IsQualifiedName; else, without a
 * '/', IsStandardResourceName), then, whatever those were, IsStandardContainerResourceName
 * without a '/', or for a prefixed name neither native nor an extended resource name.
 */
export function validateContainerResourceName(name: string): string[] {
  const errs = validateResourceName(name);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) {
      errs.push('must be a standard resource for containers');
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push("doesn't follow extended resource name standard");
  }
  return errs;
}

/** Page size of `hugepages-2Mi` (HugePageSizeFromResourceName), undefined when it does not parse. */
function hugePageSize(name: string): Quantity | undefined {
  try {
    return quantityOf(name.slice(HUGEPAGES_PREFIX.length));
  } catch {
    return undefined;
  }
}

/** IsHugePageResourceValueDivisible: false when the page size does not parse, is not positive or is fractional. */
function isHugePageResourceValueDivisible(name: string, quantity: Quantity): boolean {
  const size = hugePageSize(name);
  if (size === undefined || size.sign() <= 0 || size.milliValue() % 1000n !== 0n) {
    return false;
  }
  return quantity.value() % size.value() === 0n;
}

/**
 * ValidateResourceRequirements for one container's `resources` (a plain manifest object).
 * Quantities that do not parse are reported by the schema and the quantity parser, not here.
 */
export function validateResourceRequirements(resources: unknown): ResourceProblem[] {
  const problems: ResourceProblem[] = [];
  if (typeof resources !== 'object' || resources === null) {
    return problems;
  }
  const r = resources as { limits?: unknown; requests?: unknown };
  const limits = parsedList(r.limits);
  const requests = parsedList(r.requests);
  let limCpuOrMemory = false;
  let reqCpuOrMemory = false;
  let hugePages = false;

  // validateResourceQuantityHugePageValue
  const checkHugePages = (field: string, name: string, q: { text: string; value: Quantity }) => {
    hugePages = true;
    if (!isHugePageResourceValueDivisible(name, q.value)) {
      problems.push({ field, value: q.text, message: `${q.value.toString()} is not positive integer multiple of ${name}`, fix: 'use a whole number of pages' });
    }
  };
  // resourceNameFn and ValidateResourceQuantityValue
  const checkValue = (field: string, name: string, q: { text: string; value: Quantity }) => {
    for (const m of validateContainerResourceName(name)) {
      problems.push({ field, value: JSON.stringify(name), message: m, fix: 'use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource with a domain, e.g. example.com/gpu' });
    }
    // ValidateResourceQuantityValue → ValidateNonnegativeQuantity, then the integer check.
    if (q.value.sign() < 0) {
      problems.push({ field, value: q.text, message: IS_NEGATIVE_ERROR_MSG, fix: 'use a quantity of 0 or more' });
    }
    if (isIntegerResourceName(name) && q.value.milliValue() % 1000n !== 0n) {
      problems.push({ field, value: q.text, message: IS_NOT_INTEGER_ERROR_MSG, fix: 'use a whole number, e.g. 1' });
    }
  };

  for (const [name, q] of limits) {
    checkValue(`limits${key(name)}`, name, q);
    if (isHugePageResourceName(name)) checkHugePages(`limits${key(name)}`, name, q);
    if (name === 'cpu' || name === 'memory') limCpuOrMemory = true;
  }
  for (const [name, q] of requests) {
    checkValue(`requests${key(name)}`, name, q);
    const limit = limits.get(name);
    if (limit !== undefined) {
      const cmp = q.value.cmp(limit.value);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        problems.push({ field: 'requests', value: q.text, message: `must be equal to ${name} limit of ${limit.value.toString()}`, fix: `${name} cannot be overcommitted: set the request and the limit to the same value` });
      } else if (cmp > 0) {
        problems.push({ field: 'requests', value: q.text, message: `must be less than or equal to ${name} limit of ${limit.value.toString()}`, fix: `lower the ${name} request or raise its limit` });
      }
    } else if (!isOvercommitAllowed(name)) {
      problems.push({ field: 'limits', value: '', message: 'Required value: Limit must be set for non overcommitable resources', fix: `set limits${key(name)} to the request, ${q.text}` });
    }
    if (isHugePageResourceName(name)) checkHugePages(`requests${key(name)}`, name, q);
    if (name === 'cpu' || name === 'memory') reqCpuOrMemory = true;
  }
  if (!limCpuOrMemory && !reqCpuOrMemory && hugePages) {
    problems.push({ field: '', value: '', message: 'Forbidden: HugePages require cpu or memory', fix: 'also request cpu or memory' });
  }
  return problems;
}

/** field.Path.Key: `[cpu]`, `[nvidia.com/gpu]`. */
function key(name: string): string {
  return `[${name}]`;
}

/** A resource list's quantities that parse, with the text as the user wrote it. */
function parsedList(list: unknown): Map<string, { text: string; value: Quantity }> {
  const out = new Map<string, { text: string; value: Quantity }>();
  if (typeof list !== 'object' || list === null || Array.isArray(list)) {
    return out;
  }
  for (const [name, raw] of Object.entries(list)) {
    // null is the zero Quantity (Quantity.UnmarshalJSON), as quantityOf reads it.
    if (typeof raw !== 'string' && typeof raw !== 'number' && raw !== null) continue;
    try {
      out.set(name, { text: JSON.stringify(raw), value: quantityOf(raw) });
    } catch (e) {
      if (!(e instanceof InvalidQuantityError)) throw e;
    }
  }
  return out;
}
