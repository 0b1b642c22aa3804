import { Size } from 'cdk8s';
import { ContainerResources, Cpu } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { Resources } from '../resources';
import { propError } from './errors';

// cdk8s-plus renders memory as `<n>Mi` (Size.toMebibytes) and CPU verbatim, so we accept the
// quantity forms it can render exactly: CPU in millicores or cores (≤ 3 decimals), memory in
// whole Mi/Gi/Ti. Anything else is rejected rather than rounded.
const CPU_MILLIS = /^([0-9]+)m$/;
const CPU_CORES = /^([0-9]+)(?:\.([0-9]{1,3}))?$/;
const MEMORY = /^([0-9]+)(Mi|Gi|Ti)$/;
const MEBIBYTES_PER_UNIT: { readonly [unit: string]: number } = { Mi: 1, Gi: 1024, Ti: 1024 * 1024 };

/** CPU quantity in millicores, or undefined when the string is not one we accept. */
export function cpuMillis(value: string): number | undefined {
  const millis = CPU_MILLIS.exec(value);
  if (millis) {
    return Number(millis[1]);
  }
  const cores = CPU_CORES.exec(value);
  if (cores) {
    return Number(cores[1]) * 1000 + Number((cores[2] ?? '').padEnd(3, '0'));
  }
  return undefined;
}

/** Memory quantity in MiB, or undefined when the string is not one we accept. */
export function memoryMebibytes(value: string): number | undefined {
  const match = MEMORY.exec(value);
  return match ? Number(match[1]) * MEBIBYTES_PER_UNIT[match[2]] : undefined;
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
  const cpu = parseCpu(scope, `${prop}.cpu`, resources.cpu);
  const memory = parseMemory(scope, `${prop}.memory`, resources.memory);
  const cpuLimit = resources.cpuLimit === undefined ? undefined : parseCpu(scope, `${prop}.cpuLimit`, resources.cpuLimit);
  const memoryLimit = resources.memoryLimit === undefined ? undefined : parseMemory(scope, `${prop}.memoryLimit`, resources.memoryLimit);
  if (cpuLimit !== undefined && cpuLimit < cpu) {
    throw propError(scope, `${prop}.cpuLimit`, `must be at least the CPU request (${resources.cpu})`, resources.cpuLimit, 'raise the limit or lower the request');
  }
  if (memoryLimit !== undefined && memoryLimit < memory) {
    throw propError(scope, `${prop}.memoryLimit`, `must be at least the memory request (${resources.memory})`, resources.memoryLimit, 'raise the limit or lower the request');
  }
  return {
    cpu: { request: toCpu(cpu), limit: cpuLimit === undefined ? undefined : toCpu(cpuLimit) },
    memory: { request: Size.mebibytes(memory), limit: memoryLimit === undefined ? undefined : Size.mebibytes(memoryLimit) },
  };
}

function parseCpu(scope: IConstruct, prop: string, value: string): number {
  const millis = typeof value === 'string' ? cpuMillis(value) : undefined;
  if (millis !== undefined && !Number.isSafeInteger(millis)) {
    // Past 2^53 millicores a number is no longer exact: it would print as 1.2345678901234568e+22m.
    throw propError(scope, prop, 'must be at most 9007199254740991m (no node has more)', value, 'write the CPU the container needs, e.g. "250m" or "4"');
  }
  if (millis === undefined || millis === 0) {
    throw propError(scope, prop, 'must be a positive CPU quantity in millicores or cores', value, 'write e.g. "250m" or "0.5"');
  }
  return millis;
}

function parseMemory(scope: IConstruct, prop: string, value: string): number {
  const mebibytes = typeof value === 'string' ? memoryMebibytes(value) : undefined;
  if (mebibytes !== undefined && !Number.isSafeInteger(mebibytes)) {
    throw propError(scope, prop, 'must be at most 9007199254740991Mi (no node has more)', value, 'write the memory the container needs, e.g. "256Mi" or "2Gi"');
  }
  if (mebibytes === undefined || mebibytes === 0) {
    throw propError(scope, prop, 'must be a positive whole number of Mi, Gi or Ti', value, 'write e.g. "256Mi" or "2Gi"');
  }
  return mebibytes;
}

/** Canonical Kubernetes form: whole cores as `2`, the rest in millicores (`1500m`). */
function toCpu(millis: number): Cpu {
  return millis % 1000 === 0 ? Cpu.units(millis / 1000) : Cpu.millis(millis);
}
