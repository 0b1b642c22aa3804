// Port of the effective pod request kube-scheduler 1.27 uses:
//   pkg/api/v1/resource/helpers.go  PodRequests (Kubernetes 1.27; noderesources/fit.go
//   computePodResourceRequest calls it): containers summed, init containers by max, overhead added,
// preceded by the API defaulting every Pod gets on create:
//   pkg/apis/core/v1/defaults.go  SetDefaults_Pod (requests default to limits, per resource).
//
// 1.27, not later: Container has no `restartPolicy` in 1.27 (restartable init containers,
// "sidecars", arrived with SidecarContainers in 1.28), so an init container is always counted by
// max; a `restartPolicy` written on one is dropped by a 1.27 API server and ignored here
// (test/scheduler/pod-requests.test.ts pins both answers). Pod-level `spec.resources` (1.32+)
// and in-place-resize status resources (running pods only) are out of scope.
import { InvalidQuantityError, Quantity, quantityOf } from '../kubernetes/quantity';
import type { Container, PodSpec, ResourceList } from './types';

/** A resource list of parsed quantities, as Go's `v1.ResourceList`. */
export type QuantityList = Record<string, Quantity>;

/** Options of `podRequests`, after component-helpers `PodResourcesOptions`. */
export interface PodRequestsOptions {
  /**
   * Leave `spec.overhead` out of the sum.
   * @default false
   */
  readonly excludeOverhead?: boolean;
  /**
   * Values for resources a container does not request at all (an explicit zero stays zero).
   * The scheduler's scoring passes `NON_ZERO_DEFAULT_REQUESTS` here.
   * @default - missing requests count as nothing
   */
  readonly nonMissingContainerRequests?: QuantityList;
}

/** pkg/scheduler/util: DefaultMilliCPURequest (100m). */
export const DEFAULT_MILLI_CPU_REQUEST = 100n;
/** pkg/scheduler/util: DefaultMemoryRequest (200Mi). */
export const DEFAULT_MEMORY_REQUEST = 200n * 1024n * 1024n;
/**
 * What scoring (LeastAllocated, BalancedAllocation) and NodeInfo.NonZeroRequested assume for a
 * container that requests no cpu or memory, as `NonMissingContainerRequests`.
 */
export const NON_ZERO_DEFAULT_REQUESTS: QuantityList = Object.freeze({
  cpu: Quantity.fromMilli(DEFAULT_MILLI_CPU_REQUEST),
  memory: Quantity.fromValue(DEFAULT_MEMORY_REQUEST),
});

/**
 * The effective resource request of a pod, as kube-scheduler 1.27 computes it: containers
 * summed; then, per resource, the max of that sum and every init container; `spec.overhead`
 * added. Containers that only set limits count their limits, as API defaulting makes them
 * requests. Throws `InvalidQuantityError` naming the field for an invalid quantity.
 */
export function podRequests(spec: PodSpec, options: PodRequestsOptions = {}): QuantityList {
  const nonMissing = options.nonMissingContainerRequests;
  const hasNonMissing = nonMissing !== undefined && Object.keys(nonMissing).length > 0;
  const reqs = emptyList();

  (spec.containers ?? []).forEach((container, i) => {
    let containerReqs = defaultedRequests(container, `spec.containers[${i}]`);
    if (hasNonMissing) containerReqs = applyNonMissing(containerReqs, nonMissing);
    addResourceList(reqs, containerReqs);
  });

  // init containers define the minimum of any resource
  (spec.initContainers ?? []).forEach((container, i) => {
    let containerReqs = defaultedRequests(container, `spec.initContainers[${i}]`);
    if (hasNonMissing) containerReqs = applyNonMissing(containerReqs, nonMissing);
    maxResourceList(reqs, containerReqs);
  });

  if (!options.excludeOverhead && spec.overhead !== undefined && spec.overhead !== null) {
    addResourceList(reqs, parseResourceList(spec.overhead, 'spec.overhead'));
  }
  return reqs;
}

/**
 * A container's requests after SetDefaults_Pod: a resource with a limit and no request gets the
 * limit as its request.
 */
export function defaultedRequests(container: Container, field = 'container'): QuantityList {
  const resources = container.resources;
  const requests = parseResourceList(resources?.requests, `${field}.resources.requests`);
  const limits = resources?.limits;
  if (limits === undefined || limits === null) return requests;
  for (const [name, value] of Object.entries(limits)) {
    // Every limit is read, also one beside a request: the API server rejects a bad one either way.
    const limit = nonNegative(value, `${field}.resources.limits[${name}]`);
    if (!Object.hasOwn(requests, name)) requests[name] = limit;
  }
  return requests;
}

/**
 * A quantity that must not be negative (ValidateNonnegativeQuantity, pkg/apis/core/validation):
 * the API server rejects a negative request, limit or overhead, so it must never free room here.
 */
function nonNegative(value: string | number, field: string): Quantity {
  const q = quantityOf(value, field);
  if (q.sign() < 0) {
    throw new InvalidQuantityError(String(value), 'must be greater than or equal to 0', field);
  }
  return q;
}

/** Parses a manifest resource list (`{ cpu: '500m', memory: 2 }`); errors name the field. */
export function parseResourceList(list: ResourceList | undefined | null, field = 'resources'): QuantityList {
  const out = emptyList();
  if (list === undefined || list === null) return out;
  for (const [name, value] of Object.entries(list)) {
    out[name] = nonNegative(value, `${field}[${name}]`); // Go's field.Path Key: `requests[cpu]`
  }
  return out;
}

/** Resource names are map keys: no prototype, so `constructor` or `__proto__` stay plain keys. */
function emptyList(): QuantityList {
  return Object.create(null) as QuantityList;
}

/** helpers.go applyNonMissing: a copy with missing resources filled in. */
function applyNonMissing(reqs: QuantityList, nonMissing: QuantityList): QuantityList {
  const cp = Object.assign(emptyList(), reqs);
  for (const [name, value] of Object.entries(nonMissing)) {
    if (!Object.hasOwn(reqs, name)) cp[name] = value;
  }
  return cp;
}

/** helpers.go addResourceList: list += newList, per resource. */
function addResourceList(list: QuantityList, newList: QuantityList): void {
  for (const [name, quantity] of Object.entries(newList)) {
    list[name] = Object.hasOwn(list, name) ? list[name].add(quantity) : quantity;
  }
}

/** helpers.go maxResourceList: list = max(list, newList), per resource in newList. */
function maxResourceList(list: QuantityList, newList: QuantityList): void {
  for (const [name, quantity] of Object.entries(newList)) {
    if (!Object.hasOwn(list, name) || quantity.cmp(list[name]) > 0) list[name] = quantity;
  }
}
