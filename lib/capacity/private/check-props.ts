// Prop checks shared by CapacityCheck (constructor) and toFitNodePools (matcher): bad pools fail
// where they are written, with the prop, the value and the fix, instead of deep in the plan.
import { isDNS1123Label } from '../../kubernetes/validation';
import type { NodePool } from '../../manifests/node-pool';
import { REPEATED_ZONE_FIX, repeatedZone, ZONE_LABEL } from '../../manifests/nodes';
import { InvalidQuantityError, quantityOf } from '../../kubernetes/quantity';
import { Headroom, HeadroomKind } from '../headroom';
import { MissingRequestsLevel, SurgePolicy } from '../plan';
import type { CapacityCheckOptions } from '../plan-scope';

// Node names are `<pool>-<n>` and must be DNS subdomains; pool names are kept to one DNS label.
const POOL_NAME_MAX_LENGTH = 53;
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * Checks pools and options as props: returns the first problem as
 * `<prop> must …, got <value>: <fix>`, or undefined when they are valid.
 */
export function checkCapacityProps(pools: readonly NodePool[], options: CapacityCheckOptions, poolsProp = 'nodePools'): string | undefined {
  // Enum props cast through `as any` (JavaScript) would otherwise fall back to a default silently.
  for (const [prop, value, values, enumName] of [
    ['surge', options.surge, SurgePolicy, 'SurgePolicy'],
    ['missingRequests', options.missingRequests, MissingRequestsLevel, 'MissingRequestsLevel'],
  ] as const) {
    if (value !== undefined && !(Object.values(values) as string[]).includes(value)) {
      return `${prop} must be one of ${Object.values(values).map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}: `
        + `use ${Object.keys(values).map((k) => `${enumName}.${k}`).join(', ')}`;
    }
  }
  const headroom = options.headroom;
  if (typeof headroom === 'number' && !(Number.isInteger(headroom) && headroom >= 0)) {
    return `headroom must be a whole number of nodes ≥ 0, got ${headroom}: use e.g. 1 for N+1`;
  }
  let resolved: Headroom;
  try {
    resolved = Headroom.of(headroom);
  } catch (e) {
    return (e as Error).message;
  }
  if (resolved.kind === HeadroomKind.PER_POOL && (options.nodes ?? []).length === 0) {
    const names = pools.map((p) => p.name);
    const unknown = resolved.pools.find((p) => !names.includes(p));
    if (unknown !== undefined) {
      return `headroom names pool ${JSON.stringify(unknown)}, which is not in ${poolsProp} (${names.join(', ')}): use one of those names`;
    }
  }
  if (pools.length === 0 && (options.nodes ?? []).length === 0) {
    return `${poolsProp} must list at least one pool, got []: add e.g. { name: 'general', count: 3, allocatable: { cpu: '3920m', memory: '14Gi' } }`;
  }
  const seen = new Set<string>();
  for (const [i, pool] of pools.entries()) {
    const at = `${poolsProp}[${i}]`;
    if (typeof pool.name !== 'string' || pool.name.length > POOL_NAME_MAX_LENGTH || isDNS1123Label(pool.name).length > 0) {
      return `${at}.name must be a lowercase DNS label of at most 53 characters, got ${JSON.stringify(pool.name)}: use e.g. 'general'`;
    }
    if (seen.has(pool.name)) {
      return `${at}.name must be unique, got ${JSON.stringify(pool.name)} twice: give each pool its own name`;
    }
    seen.add(pool.name);
    if (!(Number.isInteger(pool.count) && pool.count >= 0)) {
      return `${at}.count must be a whole number of nodes ≥ 0, got ${pool.count}: use e.g. 3`;
    }
    if (!Number.isSafeInteger(pool.count)) {
      return `${at}.count must be at most ${Number.MAX_SAFE_INTEGER} nodes (past 2^53 a count is not exact), got ${pool.count}: use the real node count`;
    }
    if (pool.allocatable === undefined && pool.capacity === undefined) {
      return `${at} (${pool.name}) must set allocatable or capacity, got neither: add e.g. allocatable: { cpu: '3920m', memory: '14Gi' }`;
    }
    for (const field of ['allocatable', 'capacity', 'reserved'] as const) {
      for (const [resource, value] of Object.entries(pool[field] ?? {})) {
        const problem = quantityProblem(value);
        if (problem) {
          return `${at}.${field}['${resource}'] must be a Kubernetes quantity, got ${JSON.stringify(value)} (${problem}): write e.g. '3500m', '4' or '16Gi'`;
        }
      }
    }
    if (pool.maxPods !== undefined && !(Number.isInteger(pool.maxPods) && pool.maxPods >= 0)) {
      return `${at}.maxPods must be a whole number ≥ 0, got ${pool.maxPods}: use e.g. 110 (the kubelet default)`;
    }
    for (const [z, zone] of (pool.zones ?? []).entries()) {
      if (typeof zone !== 'string' || !/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(zone)) {
        return `${at}.zones[${z}] must be a zone name (a label value), got ${JSON.stringify(zone)}: use e.g. 'eu-west-1a'`;
      }
    }
    const zoneLabel = pool.labels?.[ZONE_LABEL];
    if ((pool.zones ?? []).length > 0 && zoneLabel !== undefined) {
      return `${at}.zones (pool ${pool.name}) must not be set with the label ${ZONE_LABEL}, got zones ${JSON.stringify(pool.zones)} and the label ${JSON.stringify(zoneLabel)}: `
        + 'keep zones (nodes spread over them) or the label (every node in that zone), not both';
    }
    const repeated = repeatedZone(pool.zones ?? []);
    if (repeated) {
      return `${at}.zones[${repeated.index}] (pool ${pool.name}) must not repeat a zone, got ${JSON.stringify(pool.zones![repeated.index])}, also zones[${repeated.first}]: ${REPEATED_ZONE_FIX}`;
    }
    for (const [t, taint] of (pool.taints ?? []).entries()) {
      if (!TAINT_EFFECTS.includes(taint.effect)) {
        return `${at}.taints[${t}].effect must be one of ${TAINT_EFFECTS.join(', ')}, got ${JSON.stringify(taint.effect)}: use e.g. 'NoSchedule'`;
      }
    }
  }
  return undefined;
}

function quantityProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return `a ${typeof value}`;
  }
  try {
    const q = quantityOf(value);
    return q.sign() < 0 ? 'negative' : undefined;
  } catch (e) {
    if (e instanceof InvalidQuantityError) {
      return e.reason;
    }
    throw e;
  }
}
