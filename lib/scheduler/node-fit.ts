// Port of kube-scheduler's NodeResourcesFit filter:
//   pkg/scheduler/framework/plugins/noderesources/fit.go  computePodResourceRequest, fitsRequest, Filter
//   (Kubernetes 1.27: no sidecar PreFilter check; fitsRequest skips a resource the pod requests
//   none of, kubernetes#116408 of March 2023 — test/scheduler/node-fit.test.ts pins it),
//   pkg/scheduler/framework/types.go  Resource.Add / SetMaxResource, NodeInfo (Allocatable, Requested),
//   pkg/scheduler/util/utils.go IsScalarResourceName (the resource-name classes it calls,
//   pkg/apis/core/v1/helper/helpers.go IsExtendedResourceName & co, have their one port in
//   lib/kubernetes/resource-requirements.ts).
//
// Units, as upstream's framework.Resource: cpu in millicores (Quantity.MilliValue(), rounded up);
// memory, ephemeral-storage, hugepages-*, extended and other scalar resources in whole units
// (Quantity.Value(), rounded up); pods as a count. Vectors hold JS numbers so the simulation's
// hot loop never touches bigint or re-parses a quantity: exact for every value up to 2^53-1
// (8 PiB of memory, 9·10^12 cores); beyond that they are approximated (upstream holds int64).
import {
  isAttachableVolumeResourceName,
  isExtendedResourceName,
  isHugePageResourceName,
  isPrefixedNativeResource,
} from '../kubernetes/resource-requirements';
import { podRequests, QuantityList, parseResourceList } from './pod-requests';
import type { Node, PodSpec } from './types';

/** A pod's request, a node's allocatable or a node's requested sum, in scheduler units. */
export interface ResourceVector {
  /** millicores (MilliValue) */
  milliCPU: number;
  /** bytes (Value) */
  memory: number;
  /** bytes (Value) */
  ephemeralStorage: number;
  /** the `pods` resource (Value); only a node's allocatable uses it */
  allowedPodNumber: number;
  /**
   * hugepages-*, extended (`nvidia.com/gpu`), `*kubernetes.io/*` and attachable-volumes-*
   * resources (Value). Checked in `scalarNames` order (sorted), which fixes the order of
   * `Insufficient <name>` reasons (Go ranges over a map there, so its order varies).
   */
  scalarResources: Record<string, number>;
  /** The keys of `scalarResources`, sorted; kept so the hot loop never enumerates an object. */
  scalarNames: string[];
}

/** fit.go InsufficientResource: what did not fit, with the numbers behind it. */
export interface InsufficientResource {
  readonly resourceName: string;
  /** `Too many pods`, `Insufficient cpu`, `Insufficient nvidia.com/gpu`, … */
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
}

/** NodeResourcesFitArgs knobs that change the filter. */
export interface NodeFitOptions {
  /**
   * Extended resources the filter does not check (NodeResourcesFitArgs.ignoredResources).
   * @default - none
   */
  readonly ignoredResources?: readonly string[];
  /**
   * Extended resource groups (the part before `/`) not checked (ignoredResourceGroups).
   * @default - none
   */
  readonly ignoredResourceGroups?: readonly string[];
}

/** The result of `nodeFits`. */
export interface NodeFitResult {
  readonly fits: boolean;
  /** upstream reason strings in upstream order: pods, cpu, memory, ephemeral-storage, scalars */
  readonly reasons: string[];
}

const NO_INSUFFICIENT: readonly InsufficientResource[] = Object.freeze([]);
const NO_REASONS: readonly string[] = Object.freeze([]);

/** A zeroed vector. */
export function emptyResourceVector(): ResourceVector {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalarResources: Object.create(null), scalarNames: [] };
}

/**
 * framework.Resource.Add over a resource list (NewResource): how a node's allocatable and each
 * placed pod's requests become numbers. Names that are neither cpu, memory, pods,
 * ephemeral-storage nor scalar (e.g. an unprefixed `foo`) are ignored, as upstream.
 */
export function resourceVectorOf(list: QuantityList): ResourceVector {
  const v = emptyResourceVector();
  for (const name of Object.keys(list).sort()) {
    const q = list[name];
    switch (name) {
      case 'cpu':
        v.milliCPU += Number(q.milliValue());
        break;
      case 'memory':
        v.memory += Number(q.value());
        break;
      case 'pods':
        v.allowedPodNumber += Number(q.value());
        break;
      case 'ephemeral-storage':
        v.ephemeralStorage += Number(q.value());
        break;
      default:
        if (isScalarResourceName(name)) addScalar(v, name, Number(q.value()));
    }
  }
  return v;
}

/**
 * fit.go computePodResourceRequest: `SetMaxResource(PodRequests(pod))` on an empty Resource, i.e.
 * the pod's effective request in scheduler units (never negative; `pods` not counted).
 */
export function podResourceVector(spec: PodSpec): ResourceVector {
  const v = resourceVectorOf(podRequests(spec));
  v.allowedPodNumber = 0;
  v.milliCPU = Math.max(0, v.milliCPU);
  v.memory = Math.max(0, v.memory);
  v.ephemeralStorage = Math.max(0, v.ephemeralStorage);
  for (const name of v.scalarNames) v.scalarResources[name] = Math.max(0, v.scalarResources[name]);
  return v;
}

/** scalar[name] += amount, keeping `scalarNames` sorted. */
function addScalar(v: ResourceVector, name: string, amount: number): void {
  if (v.scalarResources[name] === undefined) {
    v.scalarResources[name] = amount;
    let i = v.scalarNames.length;
    while (i > 0 && v.scalarNames[i - 1] > name) i--;
    v.scalarNames.splice(i, 0, name);
  } else {
    v.scalarResources[name] += amount;
  }
}

/** NodeInfo.Allocatable: `NewResource(node.status.allocatable)`; absent allocatable is all zero. */
export function nodeAllocatableVector(node: Node): ResourceVector {
  const list: unknown = node.status?.allocatable;
  const byIdentity = typeof list === 'object' && list !== null ? ALLOCATABLE_BY_LIST.get(list) : undefined;
  if (byIdentity) return byIdentity;
  // Nodes of one pool share their list; real Node objects (a `kubectl get nodes -o json` of
  // thousands) mostly repeat a few: each distinct list is parsed once.
  const text = typeof list === 'object' && list !== null ? JSON.stringify(list) : undefined;
  let v = text === undefined ? undefined : ALLOCATABLE_BY_TEXT.get(text);
  if (!v) {
    const name = node.metadata?.name ?? '<unnamed>';
    v = Object.freeze(resourceVectorOf(parseResourceList(node.status?.allocatable, `Node ${name} status.allocatable`)));
    Object.freeze(v.scalarResources);
    Object.freeze(v.scalarNames);
    if (text !== undefined) {
      if (ALLOCATABLE_BY_TEXT.size >= 4096) ALLOCATABLE_BY_TEXT.clear();
      ALLOCATABLE_BY_TEXT.set(text, v);
    }
  }
  if (typeof list === 'object' && list !== null) ALLOCATABLE_BY_LIST.set(list, v);
  return v;
}

/** nodeAllocatableVector's results (frozen: callers share them), by list object and by its JSON. */
const ALLOCATABLE_BY_LIST = new WeakMap<object, ResourceVector>();
const ALLOCATABLE_BY_TEXT = new Map<string, ResourceVector>();

/** NodeInfo.AddPod for the requested sum: `target += v` (mutates and returns target). */
export function addResourceVector(target: ResourceVector, v: ResourceVector): ResourceVector {
  target.milliCPU += v.milliCPU;
  target.memory += v.memory;
  target.ephemeralStorage += v.ephemeralStorage;
  target.allowedPodNumber += v.allowedPodNumber;
  for (const name of v.scalarNames) addScalar(target, name, v.scalarResources[name]);
  return target;
}

/** NodeInfo.RemovePod for the requested sum: `target -= v` (mutates and returns target). */
export function subtractResourceVector(target: ResourceVector, v: ResourceVector): ResourceVector {
  target.milliCPU -= v.milliCPU;
  target.memory -= v.memory;
  target.ephemeralStorage -= v.ephemeralStorage;
  target.allowedPodNumber -= v.allowedPodNumber;
  for (const name of v.scalarNames) addScalar(target, name, -v.scalarResources[name]);
  return target;
}

/** NodeInfo.Requested of a node running `podsOnNode`: the sum of their requests. */
export function requestedResourceVector(podsOnNode: readonly PodSpec[]): ResourceVector {
  const requested = emptyResourceVector();
  for (const pod of podsOnNode) addResourceVector(requested, resourceVectorOf(podRequests(pod)));
  return requested;
}

/**
 * fit.go fitsRequest: everything that keeps `podRequest` off a node with `allocatable` and
 * `requested` (the sum over its `podCount` pods), in upstream order. Allocation-free when it fits.
 */
export function insufficientResources(
  allocatable: ResourceVector,
  requested: ResourceVector,
  podCount: number,
  podRequest: ResourceVector,
  options?: NodeFitOptions,
): readonly InsufficientResource[] {
  let out: InsufficientResource[] | undefined;

  if (podCount + 1 > allocatable.allowedPodNumber) {
    out = [{ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: podCount, capacity: allocatable.allowedPodNumber }];
  }

  const scalarNames = podRequest.scalarNames;
  const hasScalar = scalarNames.length > 0;
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && !hasScalar) {
    return out ?? NO_INSUFFICIENT;
  }

  if (podRequest.milliCPU > 0 && podRequest.milliCPU > allocatable.milliCPU - requested.milliCPU) {
    (out ??= []).push({
      resourceName: 'cpu',
      reason: 'Insufficient cpu',
      requested: podRequest.milliCPU,
      used: requested.milliCPU,
      capacity: allocatable.milliCPU,
    });
  }
  if (podRequest.memory > 0 && podRequest.memory > allocatable.memory - requested.memory) {
    (out ??= []).push({
      resourceName: 'memory',
      reason: 'Insufficient memory',
      requested: podRequest.memory,
      used: requested.memory,
      capacity: allocatable.memory,
    });
  }
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > allocatable.ephemeralStorage - requested.ephemeralStorage) {
    (out ??= []).push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: podRequest.ephemeralStorage,
      used: requested.ephemeralStorage,
      capacity: allocatable.ephemeralStorage,
    });
  }

  if (hasScalar) {
    // Sorted names (see ResourceVector.scalarResources) instead of Go's random map order.
    for (let i = 0; i < scalarNames.length; i++) {
      const name = scalarNames[i];
      const quantity = podRequest.scalarResources[name];
      // Skip in case request quantity is zero
      if (quantity === 0) continue;
      if (isExtendedResourceName(name) && isIgnored(name, options)) continue;
      // A scalar resource the node does not list has allocatable 0.
      const capacity = allocatable.scalarResources[name] ?? 0;
      const used = requested.scalarResources[name] ?? 0;
      if (quantity > capacity - used) {
        (out ??= []).push({ resourceName: name, reason: `Insufficient ${name}`, requested: quantity, used, capacity });
      }
    }
  }
  return out ?? NO_INSUFFICIENT;
}

/** `insufficientResources` as the scheduler's reason strings; empty when the pod fits. */
export function fitsRequest(
  allocatable: ResourceVector,
  requested: ResourceVector,
  podCount: number,
  request: ResourceVector,
  options?: NodeFitOptions,
): readonly string[] {
  const insufficient = insufficientResources(allocatable, requested, podCount, request, options);
  return insufficient.length === 0 ? NO_REASONS : insufficient.map((r) => r.reason);
}

/**
 * The NodeResourcesFit filter: does `pod` fit on `node` next to `podsOnNode`, judged against
 * `node.status.allocatable`, and if not, the scheduler's reasons (`Too many pods`,
 * `Insufficient cpu`, `Insufficient memory`, `Insufficient ephemeral-storage`,
 * `Insufficient <scalar>`), in the scheduler's order.
 */
export function nodeFits(node: Node, podsOnNode: PodSpec[], pod: PodSpec, options?: NodeFitOptions): NodeFitResult {
  const reasons = fitsRequest(
    nodeAllocatableVector(node),
    requestedResourceVector(podsOnNode),
    podsOnNode.length,
    podResourceVector(pod),
    options,
  );
  return { fits: reasons.length === 0, reasons: [...reasons] };
}

function isIgnored(name: string, options: NodeFitOptions | undefined): boolean {
  if (options === undefined) return false;
  if (options.ignoredResources?.includes(name)) return true;
  const groups = options.ignoredResourceGroups;
  // rName is guaranteed to have a slash due to API validation.
  return groups !== undefined && groups.length > 0 && groups.includes(name.split('/')[0]);
}

const SCALAR_CACHE = new Map<string, boolean>();

/** pkg/scheduler/util IsScalarResourceName: extended, hugepages, prefixed native or attachable volumes. */
export function isScalarResourceName(name: string): boolean {
  let scalar = SCALAR_CACHE.get(name);
  if (scalar === undefined) {
    scalar =
      isExtendedResourceName(name) ||
      isHugePageResourceName(name) ||
      isPrefixedNativeResource(name) ||
      isAttachableVolumeResourceName(name);
    if (SCALAR_CACHE.size < 10_000) SCALAR_CACHE.set(name, scalar);
  }
  return scalar;
}
