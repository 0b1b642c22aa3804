// Port of the container resource checks of the Kubernetes 1.27 API server:
//   pkg/apis/core/validation/validation.go: ValidateResourceRequirements,
//     validateContainerResourceName, validateResourceName, ValidateResourceQuantityValue,
//     ValidateNonnegativeQuantity, validateResourceQuantityHugePageValue;
//   pkg/apis/core/helper/helpers.go: IsNativeResource, IsOvercommitAllowed,
//     IsExtendedResourceName, IsHugePageResourceName, IsStandardContainerResourceName,
//     IsIntegerResourceName, IsHugePageResourceValueDivisible.
// Errors are upstream's sentences (`must be less than or equal to cpu limit of 1`), but quote
// the value as the user wrote it (`"1200m"`), never a re-rendered number.
import { InvalidQuantityError, Quantity, quantityOf } from './quantity';
import { isQualifiedName } from './validation';

/** One problem: the field (relative to the container's `resources`), the value and the sentence. */
export interface ResourceProblem {
  /** e.g. `requests.cpu`, `limits[nvidia.com/gpu]`; '' for `resources` itself */
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
const HUGEPAGES_PREFIX = 'hugepages-';
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

/** IsPrefixedNativeResource: `kubernetes.io/…` names. */
function isPrefixedNativeResource(name: string): boolean {
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

/** IsOvercommitAllowed: native resources except hugepages. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** IsIntegerResourceName */
export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

/** validateResourceName + validateContainerResourceName */
export function validateContainerResourceName(name: string): string[] {
  const qualified = isQualifiedName(name);
  if (qualified.length > 0) {
    return qualified;
  }
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePageResourceName(name)) {
      return ['must be a standard resource type or fully qualified'];
    }
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) {
      return ['must be a standard resource for containers'];
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    return ["doesn't follow extended resource name standard"];
  }
  return [];
}

/**
 * IsHugePageResourceValueDivisible: the page size (HugePageSizeFromResourceName) parses, is
 * positive and a whole number of bytes, and divides the quantity's Value() (Go's `%`, which
 * truncates like BigInt's: -4Mi is divisible, -3Mi is not).
 */
export function isHugePageResourceValueDivisible(name: string, quantity: Quantity): boolean {
  let pageSize: Quantity;
  try {
    pageSize = quantityOf(name.slice(HUGEPAGES_PREFIX.length));
  } catch (e) {
    if (e instanceof InvalidQuantityError) return false;
    throw e;
  }
  if (pageSize.sign() <= 0 || pageSize.milliValue() % 1000n !== 0n) {
    return false;
  }
  return quantity.value() % pageSize.value() === 0n;
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
    if (isHugePageResourceName(name)) {
      hugePages = true;
      // validateResourceQuantityHugePageValue (AllowIndivisibleHugePagesValues is for updates of
      // pods that already had such values): upstream's sentence, quantity.String() and all.
      if (!isHugePageResourceValueDivisible(name, q.value)) {
        problems.push({ field, value: q.text, message: `${q.value.toString()} is not positive integer multiple of ${name}`, fix: 'use a whole number of pages' });
      }
    }
  };

  for (const [name, q] of limits) {
    checkValue(`limits${key(name)}`, name, q);
    if (name === 'cpu' || name === 'memory') limCpuOrMemory = true;
  }
  for (const [name, q] of requests) {
    checkValue(`requests${key(name)}`, name, q);
    const limit = limits.get(name);
    if (limit !== undefined) {
      const cmp = q.value.cmp(limit.value);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        problems.push({ field: `requests${key(name)}`, value: q.text, message: `must be equal to ${name} limit of ${limit.text}`, fix: `${name} cannot be overcommitted: set the request and the limit to the same value` });
      } else if (cmp > 0) {
        problems.push({ field: `requests${key(name)}`, value: q.text, message: `must be less than or equal to ${name} limit of ${limit.text}`, fix: 'lower the request or raise the limit' });
      }
    } else if (!isOvercommitAllowed(name)) {
      problems.push({ field: `limits${key(name)}`, value: '', message: 'Limit must be set for non overcommitable resources', fix: `set limits${key(name)} to the request, ${q.text}` });
    }
    if (name === 'cpu' || name === 'memory') reqCpuOrMemory = true;
  }
  if (!limCpuOrMemory && !reqCpuOrMemory && hugePages) {
    problems.push({ field: '', value: '', message: 'HugePages require cpu or memory', fix: 'also request cpu or memory' });
  }
  return problems;
}

/** `.cpu`, or `[nvidia.com/gpu]` for a name with dots or slashes (as field paths write map keys). */
function key(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? `.${name}` : `[${name}]`;
}

/** A resource list's quantities that parse, with the text as the user wrote it. */
function parsedList(list: unknown): Map<string, { text: string; value: Quantity }> {
  const out = new Map<string, { text: string; value: Quantity }>();
  if (typeof list !== 'object' || list === null || Array.isArray(list)) {
    return out;
  }
  for (const [name, raw] of Object.entries(list)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    try {
      out.set(name, { text: JSON.stringify(raw), value: quantityOf(raw) });
    } catch (e) {
      if (!(e instanceof InvalidQuantityError)) throw e;
    }
  }
  return out;
}
