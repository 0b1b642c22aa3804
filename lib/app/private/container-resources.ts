import { Size } from 'cdk8s';
import { ContainerResources, Cpu } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { InvalidQuantityError, parseQuantity, Quantity } from '../../kubernetes/quantity';
import { HUGEPAGES_PREFIX, isExtendedResourceName, validateContainerResourceName, validateResourceRequirements } from '../../kubernetes/resource-requirements';
import { Resources } from '../resources';
import { propError } from './errors';

// Quantities are parsed by the one port of resource.ParseQuantity (lib/kubernetes/quantity.ts)
// and checked as the API server checks them (lib/kubernetes/resource-requirements.ts, the port
// of ValidateResourceRequirements): any quantity of 0 or more. cdk8s-plus renders memory as
// `<n>Mi` (Size.toMebibytes) and CPU as cores or millicores: a whole number of MiB / millicores
// keeps that form; any other quantity is written as given (memory through `inexactMemory`,
// patched by Component; CPU through cdk8s-plus's public `Cpu.amount`). The scheduler counts CPU
// in millicores rounded up (resource.Quantity.MilliValue), as lib/scheduler/node-fit.ts does.
const MEBIBYTE = 1n << 20n;

/** The quantity, or undefined when `value` is not one (resource.ParseQuantity fails) or is negative. */
function quantity(value: string): Quantity | undefined {
  try {
    const q = parseQuantity(value);
    return q.sign() < 0 ? undefined : q;
  } catch (e) {
    if (e instanceof InvalidQuantityError) return undefined;
    throw e;
  }
}

/** CPU quantity in millicores, or undefined when it is not a whole number of them (`0.5` → 500, `1e-4` → undefined). */
export function cpuMillis(value: string): number | undefined {
  const q = quantity(value);
  if (q === undefined) return undefined;
  const millis = q.milliValue();
  return Quantity.fromMilli(millis).cmp(q) === 0 && millis <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(millis) : undefined;
}

/** Memory quantity in MiB, or undefined when it is not a whole number of them (`1Gi` → 1024, `1G` → undefined). */
export function memoryMebibytes(value: string): number | undefined {
  const q = quantity(value);
  if (q === undefined) return undefined;
  const bytes = q.value();
  if (Quantity.fromValue(bytes).cmp(q) !== 0 || bytes % MEBIBYTE !== 0n) return undefined;
  const mebibytes = bytes / MEBIBYTE;
  return mebibytes <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(mebibytes) : undefined;
}

/** The quantity when `value` is a positive one (resource.ParseQuantity, then > 0), else undefined. */
export function positiveQuantity(value: unknown): Quantity | undefined {
  const q = typeof value === 'string' ? quantity(value) : undefined;
  return q !== undefined && q.sign() > 0 ? q : undefined;
}

/** The quantity when `value` is one of 0 or more (resource.ParseQuantity, then ValidateNonnegativeQuantity), else undefined. */
export function nonNegativeQuantity(value: unknown): Quantity | undefined {
  return typeof value === 'string' ? quantity(value) : undefined;
}

/**
 * The memory request and limit of `resources` that are not a whole number of mebibytes, as
 * written (cdk8s-plus cannot render them: the component patches them into the container).
 */
export function inexactMemory(resources: Resources): { requests?: string; limits?: string } {
  const inexact = (v: string | undefined) => v !== undefined && memoryMebibytes(v) === undefined ? v : undefined;
  const result: { requests?: string; limits?: string } = {};
  const requests = inexact(resources.memory);
  const limits = inexact(resources.memoryLimit);
  if (requests !== undefined) result.requests = requests;
  if (limits !== undefined) result.limits = limits;
  return result;
}

/**
 * Checks `resources` and turns it into cdk8s-plus container resources.
 * @param prop how the user wrote it, e.g. `resources` or `resources (override from environment "production")`
 */
export function toContainerResources(scope: IConstruct, prop: string, resources: Resources | undefined): ContainerResources {
  if (!(resources instanceof Resources)) {
    throw propError(scope, prop, 'is required', resources,
      'state CPU and memory requests, e.g. resources: Resources.of({ cpu: \'250m\', memory: \'256Mi\' }) or Resources.preset(ResourcePreset.SMALL)');
  }
  extendedResources(scope, prop, resources);
  hugePages(scope, prop, resources);
  const cpu = parseCpu(scope, `${prop}.cpu`, resources.cpu);
  const memory = parseMemory(scope, `${prop}.memory`, resources.memory);
  const cpuLimit = resources.cpuLimit === undefined ? undefined : parseCpu(scope, `${prop}.cpuLimit`, resources.cpuLimit);
  const memoryLimit = resources.memoryLimit === undefined ? undefined : parseMemory(scope, `${prop}.memoryLimit`, resources.memoryLimit);
  if (cpuLimit !== undefined && cpuLimit.q.cmp(cpu.q) < 0) {
    throw propError(scope, `${prop}.cpuLimit`, `must be at least the CPU request (${resources.cpu})`, resources.cpuLimit, 'raise the limit or lower the request');
  }
  if (memoryLimit !== undefined && memoryLimit.q.cmp(memory.q) < 0) {
    throw propError(scope, `${prop}.memoryLimit`, `must be at least the memory request (${resources.memory})`, resources.memoryLimit, 'raise the limit or lower the request');
  }
  return {
    cpu: { request: cpu.cpu, limit: cpuLimit?.cpu },
    memory: { request: Size.mebibytes(memory.mebibytes), limit: memoryLimit === undefined ? undefined : Size.mebibytes(memoryLimit.mebibytes) },
  };
}

/** The quantity and its cdk8s-plus Cpu: canonical for a whole number of millicores, else the text as given. */
function parseCpu(scope: IConstruct, prop: string, value: string): { q: Quantity; cpu: Cpu } {
  const q = nonNegativeQuantity(value);
  if (q === undefined) {
    throw propError(scope, prop, 'must be a CPU quantity of 0 or more (cores or millicores)', value, 'write e.g. "250m" or "0.5"');
  }
  const millis = cpuMillis(value);
  if (millis !== undefined) {
    return { q, cpu: toCpu(millis) };
  }
  // `100u`, `0.0001`, `1n`, or more millicores than a number holds exactly: written as given
  // (`Cpu.amount` is what cdk8s-plus renders as the quantity).
  const cpu = Cpu.millis(0);
  cpu.amount = value;
  return { q, cpu };
}

/** The quantity and what cdk8s-plus renders for it (exact when a whole number of MiB, else a placeholder `inexactMemory` replaces). */
function parseMemory(scope: IConstruct, prop: string, value: string): { q: Quantity; mebibytes: number } {
  const q = nonNegativeQuantity(value);
  if (q === undefined) {
    throw propError(scope, prop, 'must be a memory quantity of 0 or more', value, 'write e.g. "256Mi", "2Gi" or "1G"');
  }
  return { q, mebibytes: memoryMebibytes(value) ?? 1 };
}

/** Canonical Kubernetes form: whole cores as `2`, the rest in millicores (`1500m`). */
function toCpu(millis: number): Cpu {
  return millis % 1000 === 0 ? Cpu.units(millis / 1000) : Cpu.millis(millis);
}

/**
 * The extended resources of `resources` (request = limit), checked as the API server checks
 * them (k8s 1.27 pkg/apis/core/validation/validation.go ValidateResourceRequirements,
 * validateContainerResourceName, ValidateResourceQuantityValue): an extended resource name, a
 * quantity (apimachinery ParseQuantity), not negative, a whole number ("must be an integer").
 * Request and limit are the same value, which is what the API server requires of resources it
 * cannot overcommit.
 */
export function extendedResources(scope: IConstruct, prop: string, resources: Resources): { [name: string]: string } {
  const extended = resources.extended ?? {};
  checkMap(scope, `${prop}.extended`, extended, 'pass resource: quantity pairs, e.g. extended: { \'nvidia.com/gpu\': \'1\' }');
  const result: { [name: string]: string } = {};
  for (const [name, value] of Object.entries(extended)) {
    const field = `${prop}.extended[${JSON.stringify(name)}]`;
    if (!isExtendedResourceName(name)) {
      throw propError(scope, `${prop}.extended`, 'must name extended resources (a domain-prefixed name outside kubernetes.io/, '
        + 'e.g. "nvidia.com/gpu"; cpu, memory and hugepages have their own props)', name, 'use the device plugin\'s resource name, e.g. "nvidia.com/gpu"');
    }
    let quantity;
    try {
      quantity = parseQuantity(value);
    } catch (e) {
      const reason = e instanceof InvalidQuantityError ? e.reason : String(e);
      throw propError(scope, field, `must be a Kubernetes quantity (${reason})`, value, 'write a whole number, e.g. "1"');
    }
    if (quantity.sign() < 0) {
      throw propError(scope, field, 'must be greater than or equal to 0', value, 'write a whole number, e.g. "1"');
    }
    if (quantity.milliValue() % 1000n !== 0n) {
      throw propError(scope, field, 'must be an integer (extended resources are counted in whole devices)', value, 'write a whole number, e.g. "1"');
    }
    result[name] = value;
  }
  if (Object.keys(result).length > 0 && resources.memory === undefined) {
    const names = Object.keys(result).join(', ');
    throw propError(scope, `${prop}.memory`, `is required with extended resources (${names}): without it the scheduler counts the pod as using no memory on the node`,
      resources.memory, 'state the memory the container needs, e.g. Resources.of({ cpu: \'2\', memory: \'16Gi\', memoryLimit: \'16Gi\', extended: { \'nvidia.com/gpu\': \'1\' } })');
  }
  return result;
}

/**
 * The huge pages of `resources` by resource name (`hugepages-2Mi`), request = limit, checked by
 * the one port of ValidateResourceRequirements (lib/kubernetes/resource-requirements.ts:
 * validateContainerResourceName, ValidateNonnegativeQuantity, validateResourceQuantityHugePageValue).
 * Request = limit and "HugePages require cpu or memory" hold by construction (cpu and memory are
 * always stated).
 */
export function hugePages(scope: IConstruct, prop: string, resources: Resources): { [name: string]: string } {
  const result: { [name: string]: string } = {};
  checkMap(scope, `${prop}.hugepages`, resources.hugepages ?? {}, 'pass page size: quantity pairs, e.g. hugepages: { \'2Mi\': \'100Mi\' }');
  for (const [size, value] of Object.entries(resources.hugepages ?? {})) {
    const field = `${prop}.hugepages[${JSON.stringify(size)}]`;
    const fix = `write a whole number of ${size} pages, e.g. "${size === '1Gi' ? '2Gi' : '100Mi'}"`;
    const name = `${HUGEPAGES_PREFIX}${size}`;
    // The key first: a resource name (validateContainerResourceName) whose size parses as a
    // positive whole number of bytes (IsHugePageResourceValueDivisible is false for any other).
    const nameErrors = validateContainerResourceName(name);
    const pageSize = nonNegativeQuantity(size);
    if (nameErrors.length > 0 || pageSize === undefined || pageSize.sign() <= 0 || pageSize.milliValue() % 1000n !== 0n) {
      throw propError(scope, `${prop}.hugepages`, `must be keyed by a page size, a positive whole number of bytes (${name}${nameErrors.length > 0 ? `: ${nameErrors.join('; ')}` : ''})`,
        size, 'use a page size the nodes offer, e.g. "2Mi" or "1Gi"');
    }
    if (typeof value !== 'string') {
      throw propError(scope, field, 'must be a quantity string', value, fix);
    }
    try {
      parseQuantity(value);
    } catch (e) {
      const reason = e instanceof InvalidQuantityError ? e.reason : String(e);
      throw propError(scope, field, `must be a Kubernetes quantity (${reason})`, value, fix);
    }
    // Then the value, as the port of ValidateResourceRequirements sees the container's lists.
    const problems = validateResourceRequirements({ requests: { [name]: value }, limits: { [name]: value } }).filter((p) => p.field.startsWith('limits'));
    if (problems.length > 0) {
      throw propError(scope, field, `must be a whole number of ${size} pages (${problems.map((p) => p.message).join('; ')})`, value, fix);
    }
    result[name] = value;
  }
  return result;
}

/** A name: quantity map, not a list or a string (from JavaScript), whose indexes would be read as names. */
function checkMap(scope: IConstruct, prop: string, value: unknown, fix: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw propError(scope, prop, 'must be an object of name: quantity pairs', value, fix);
  }
}
