import { Size } from 'cdk8s';
import { ContainerResources, Cpu } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { isQualifiedName } from '../../kubernetes/validation';
import { InvalidQuantityError, parseQuantity, Quantity } from '../../kubernetes/quantity';
import { Resources } from '../resources';
import { propError } from './errors';

// Quantities are parsed by the one port of resource.ParseQuantity (lib/kubernetes/quantity.ts).
// cdk8s-plus renders memory as `<n>Mi` (Size.toMebibytes) and CPU as cores or millicores: the
// quantities it can render exactly go through it; any other quantity the API server accepts
// (`1G`, `129M`, `100u`) is written as typed (exactQuantities), never rounded or refused.
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

/** True for a quantity the API server accepts as a size: parses (resource.ParseQuantity) and is above 0. */
export function isPositiveQuantity(value: unknown): boolean {
  return typeof value === 'string' && (quantity(value)?.sign() ?? 0) > 0;
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
  // A quantity cdk8s-plus cannot render exactly is left out here and written as typed by
  // `exactQuantities` (a JSON patch), never rounded.
  const cpuRequest = cpu.millis === undefined ? undefined : toCpu(cpu.millis);
  const cpuLimitValue = cpuLimit?.millis === undefined ? undefined : toCpu(cpuLimit.millis);
  const memoryRequest = memory.mebibytes === undefined ? undefined : Size.mebibytes(memory.mebibytes);
  const memoryLimitValue = memoryLimit?.mebibytes === undefined ? undefined : Size.mebibytes(memoryLimit.mebibytes);
  return {
    ...(cpuRequest || cpuLimitValue ? { cpu: { request: cpuRequest, limit: cpuLimitValue } } : {}),
    ...(memoryRequest || memoryLimitValue ? { memory: { request: memoryRequest, limit: memoryLimitValue } } : {}),
  };
}

/**
 * The CPU and memory quantities of `resources` (already checked by `toContainerResources`)
 * that cdk8s-plus cannot render exactly — memory that is not a whole number of Mi (`1G`,
 * `129M`, `1e9`), CPU finer than a millicore (`100u`) — as the user wrote them, for a JSON
 * patch: the API server accepts them, so the YAML says what was written.
 */
export function exactQuantities(resources: Resources): { readonly requests: Record<string, string>; readonly limits: Record<string, string> } {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (cpuMillis(resources.cpu) === undefined) requests.cpu = resources.cpu;
  if (memoryMebibytes(resources.memory) === undefined) requests.memory = resources.memory;
  if (resources.cpuLimit !== undefined && cpuMillis(resources.cpuLimit) === undefined) limits.cpu = resources.cpuLimit;
  if (resources.memoryLimit !== undefined && memoryMebibytes(resources.memoryLimit) === undefined) limits.memory = resources.memoryLimit;
  return { requests, limits };
}

function parseCpu(scope: IConstruct, prop: string, value: string): { readonly q: Quantity; readonly millis?: number } {
  const q = typeof value === 'string' ? quantity(value) : undefined;
  if (q !== undefined && q.milliValue() > BigInt(Number.MAX_SAFE_INTEGER)) {
    // Past 2^53 millicores a number is no longer exact: it would print as 1.2345678901234568e+22m.
    throw propError(scope, prop, 'must be at most 9007199254740991m (no node has more)', value, 'write the CPU the container needs, e.g. "250m" or "4"');
  }
  if (q === undefined || q.sign() <= 0) {
    throw propError(scope, prop, 'must be a positive CPU quantity', value, 'write e.g. "250m" or "0.5"');
  }
  return { q, millis: cpuMillis(value) };
}

function parseMemory(scope: IConstruct, prop: string, value: string): { readonly q: Quantity; readonly mebibytes?: number } {
  const q = typeof value === 'string' ? quantity(value) : undefined;
  if (q !== undefined && q.value() / MEBIBYTE > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw propError(scope, prop, 'must be at most 9007199254740991Mi (no node has more)', value, 'write the memory the container needs, e.g. "256Mi" or "2Gi"');
  }
  if (q === undefined || q.sign() <= 0) {
    throw propError(scope, prop, 'must be a positive memory quantity', value, 'write e.g. "256Mi" or "2Gi"');
  }
  return { q, mebibytes: memoryMebibytes(value) };
}

/** Canonical Kubernetes form: whole cores as `2`, the rest in millicores (`1500m`). */
function toCpu(millis: number): Cpu {
  return millis % 1000 === 0 ? Cpu.units(millis / 1000) : Cpu.millis(millis);
}

/**
 * True for an extended resource name: port of k8s 1.27 pkg/apis/core/helper/helpers.go
 * IsExtendedResourceName — not native (has a `/` and no `kubernetes.io/`), not `requests.`-
 * prefixed, and `requests.<name>` is a qualified name.
 */
export function isExtendedResourceName(name: string): boolean {
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  if (native || name.startsWith('requests.')) {
    return false;
  }
  return isQualifiedName(`requests.${name}`).length === 0;
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
  const result: { [name: string]: string } = {};
  for (const [name, value] of Object.entries(extended)) {
    const field = `${prop}.extended[${JSON.stringify(name)}]`;
    if (!isExtendedResourceName(name)) {
      throw propError(scope, `${prop}.extended`, 'must name extended resources (a domain-prefixed name outside kubernetes.io/, '
        + 'e.g. "nvidia.com/gpu"; cpu and memory have their own props)', name, 'use the device plugin\'s resource name, e.g. "nvidia.com/gpu"');
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
