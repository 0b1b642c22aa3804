// ResourceQuota of a namespace against the pods and objects planned for it, Kubernetes v1.27:
//   pkg/quota/v1/evaluator/core/pods.go  PodUsageFunc (pods, count/pods, requests.* and the
//     `cpu`/`memory`/… synonyms from PodRequests incl. overhead, limits.* from PodLimits),
//     Constraints / enforcePodContainerConstraints (quota on cpu or memory requires every
//     container to set it: `must specify requests.cpu for: main`)
//   pkg/quota/v1/generic/evaluator.go  object count `count/<resource>.<group>`
//   staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go  the
//     `exceeded quota: <name>, requested: …, used: …, limited: …` wording
// The check is the plan's inequality at the namespace level: Σ usage of the namespace's pods at
// their budget ≤ spec.hard, in exact quantities. Quotas with `scopes` or `scopeSelector` are not
// modelled (reported, not checked): checking them unscoped would be stricter than Kubernetes.
import { podRequests } from '../scheduler/pod-requests';
import { Quantity, quantityOf } from '../kubernetes/quantity';
import type { ManifestObject, PodSpec, ResourceList } from '../scheduler/types';
import { apiGroup } from '../kubernetes/private/json';

/** One pod template of the namespace and how many of its pods the plan budgets. */
export interface QuotaPod {
  readonly spec: PodSpec;
  readonly count: number;
}

/** One line of a quota: used (at budget) vs hard. */
export interface QuotaUsage {
  /** `requests.cpu`, `pods`, `count/deployments.apps`. */
  readonly resource: string;
  /** Exact quantity string. */
  readonly used: string;
  readonly hard: string;
  readonly fits: boolean;
}

const COMPUTE = ['cpu', 'memory', 'ephemeral-storage'];
/** pods.go validationSet: quota on these makes every container name them. */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

// Kinds whose plural is not kind + s (lower case), for count/<resource>.<group>.
const PLURALS: Readonly<Record<string, string>> = { Ingress: 'ingresses', NetworkPolicy: 'networkpolicies', PodDisruptionBudget: 'poddisruptionbudgets', Endpoints: 'endpoints' };

/** `deployments.apps`, `pods`: the resource name of an object in `count/…`. */
export function countResourceOf(o: ManifestObject): string {
  const lower = o.kind.toLowerCase();
  const plural = PLURALS[o.kind] ?? (/(s|x|ch|sh)$/.test(lower) ? `${lower}es` : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`);
  const group = apiGroup(o.apiVersion);
  return group === '' ? plural : `${plural}.${group}`;
}

/** resourcehelper.PodLimits: Σ container limits, max with init containers, overhead added where a limit exists. */
function podLimits(spec: PodSpec): Record<string, Quantity> {
  const out: Record<string, Quantity> = {};
  for (const c of spec.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) out[k] = k in out ? out[k].add(quantityOf(v)) : quantityOf(v);
  }
  for (const c of spec.initContainers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) {
      const q = quantityOf(v);
      if (!(k in out) || q.cmp(out[k]) > 0) out[k] = q;
    }
  }
  for (const [k, v] of Object.entries(spec.overhead ?? {})) if (k in out) out[k] = out[k].add(quantityOf(v));
  return out;
}

/** PodUsageFunc for one pod, over the resources named in `hard`. */
function podUsage(spec: PodSpec, hard: readonly string[]): Record<string, Quantity> {
  const requests = podRequests(spec);
  const limits = podLimits(spec);
  const usage: Record<string, Quantity> = { 'pods': Quantity.fromValue(1n), 'count/pods': Quantity.fromValue(1n) };
  for (const name of hard) {
    if (name.startsWith('requests.')) {
      const r = requests[name.slice('requests.'.length)];
      if (r) usage[name] = r;
    } else if (name.startsWith('limits.')) {
      const l = limits[name.slice('limits.'.length)];
      if (l) usage[name] = l;
    } else if (COMPUTE.includes(name) && requests[name]) {
      usage[name] = requests[name];
    }
  }
  return usage;
}

/** Constraints: containers that do not set a resource a quota on cpu/memory requires. */
export function quotaConstraints(spec: PodSpec, hard: readonly string[]): string | undefined {
  const required = hard.filter((h) => VALIDATION_SET.has(h));
  if (required.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits ?? {};
    const requests: ResourceList = { ...limits, ...(c.resources?.requests ?? {}) }; // SetDefaults_Pod
    const has = new Set<string>();
    for (const r of ['cpu', 'memory']) {
      if (requests[r] !== undefined) has.add(r).add(`requests.${r}`);
      if (limits[r] !== undefined) has.add(`limits.${r}`);
    }
    for (const r of required) {
      if (!has.has(r)) {
        if (!missing.has(r)) missing.set(r, new Set());
        missing.get(r)!.add(c.name);
      }
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing].map(([r, names]) => `${r} for: ${[...names].sort().join(',')}`).sort();
  return `must specify ${parts.join('; ')}`;
}

/** Σ usage of `pods` (and object counts of `objects`) vs the quota's spec.hard. */
export function quotaUsage(quota: ManifestObject, pods: readonly QuotaPod[], objects: readonly ManifestObject[]): QuotaUsage[] {
  const hardList = ((quota.spec as { hard?: ResourceList } | undefined)?.hard ?? {}) as ResourceList;
  const names = Object.keys(hardList).sort();
  const used: Record<string, Quantity> = {};
  for (const name of names) used[name] = Quantity.ZERO;
  for (const p of pods) {
    if (p.count === 0) continue;
    const u = podUsage(p.spec, names);
    const times = BigInt(p.count);
    for (const name of names) {
      const q = u[name];
      if (!q) continue;
      const { unscaled, scale } = q._parts();
      used[name] = used[name].add(Quantity.fromScaled(unscaled * times, scale, q.format));
    }
  }
  for (const o of objects) {
    const key = `count/${countResourceOf(o)}`;
    if (key in used && key !== 'count/pods') used[key] = used[key].add(Quantity.fromValue(1n));
    // Core synonyms (pkg/quota/v1/evaluator/core: services, secrets, configmaps, persistentvolumeclaims, replicationcontrollers, resourcequotas).
    const core = apiGroup(o.apiVersion) === '' ? countResourceOf(o) : '';
    if (core && core !== 'pods' && core in used) used[core] = used[core].add(Quantity.fromValue(1n));
  }
  return names.map((name) => {
    const hard = quantityOf(hardList[name], `spec.hard[${name}]`);
    return { resource: name, used: used[name].toString(), hard: hard.toString(), fits: used[name].cmp(hard) <= 0 };
  });
}
