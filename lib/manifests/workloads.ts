// Workloads → the pods a cluster would run, and how many to budget for.
// Replica budget, as the controllers and API defaulting decide it (Kubernetes v1.27):
// - Deployment, ReplicaSet, ReplicationController, StatefulSet: `spec.replicas` (API default 1),
//   or the `maxReplicas` of a HorizontalPodAutoscaler whose scaleTargetRef names it (same
//   namespace, kind, name and API group);
// - Deployment rollouts (strategy RollingUpdate, the default) add `maxSurge` pods (default 25%,
//   rounded up: deployment_util.go MaxSurge → ResolveFenceposts); Recreate, StatefulSet and
//   ReplicaSet have none; DaemonSet `maxSurge` (default 0) surges per node;
// - DaemonSet: one pod per eligible node (see daemon-set.ts), counted by the plan against the nodes;
// - Job: `parallelism` (default 1), at most `completions`; CronJob: its jobTemplate, one Job at a
//   time; `suspend: true` runs nothing; bare Pod: 1.
// Admission done here: namespace defaulting (`default`), RuntimeClass (overhead.podFixed → spec.overhead,
// scheduling.nodeSelector / tolerations merged), pod priority from PriorityClass objects.
import { createHash } from 'crypto';
import type { ManifestObject, PodSpec, ResourceList, Toleration } from '../scheduler/types';
import { daemonPodTolerations } from './daemon-set';
import { isListKind } from './list';
import type { ManifestSource } from './manifest-source';
import { IntOrPercent, resolveFenceposts, scaledValueFromIntOrPercent } from './int-or-percent';
import { ManifestError } from './manifest-error';
import { ManifestProblem, ProblemSeverity } from './problem';

export const DEFAULT_NAMESPACE = 'default';
/** Builtin priority classes (pkg/apis/scheduling/types.go). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = Object.freeze({
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
});

/** Kinds that run pods, in the order Helm and Argo CD apply them (InstallOrder / kindOrder). */
export const WORKLOAD_KINDS: readonly string[] = ['DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'StatefulSet', 'Job', 'CronJob'];

/** A workload and the pods it runs. */
export interface Workload {
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly name: string;
  /** `shop/storefront`. */
  readonly id: string;
  /** Position in the input. */
  readonly index: number;
  /** @default - unknown */
  readonly source?: ManifestSource;
  /** Pod labels (the template's; Deployments also get `pod-template-hash`). */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of the surge pods (a new ReplicaSet: another `pod-template-hash`). */
  readonly surgeLabels: Readonly<Record<string, string>>;
  /** Pod spec after admission (RuntimeClass applied; DaemonSet tolerations added). */
  readonly spec: PodSpec;
  /** Where the pod spec sits in the manifest: `spec.template.spec`, `spec.jobTemplate.spec.template.spec`, `spec`. */
  readonly specPath: string;
  /** Pods budgeted besides surge; for a DaemonSet, computed from the nodes (`daemonSet` is set). */
  readonly replicas: number;
  readonly replicasSource: string;
  /** Rollout surge pods this workload would add (Deployments; 0 otherwise). */
  readonly surge: number;
  /** `+2 surge (maxSurge 25%)`, '' when none. */
  readonly surgeSource: string;
  /** DaemonSet only: its rolling update maxSurge (default 0). */
  readonly daemonSet?: { readonly maxSurge: IntOrPercent };
  /** Scheduling priority (PriorityClass value); higher goes first. */
  readonly priority: number;
  /** First ordinal in pod names: StatefulSets name pods `<name>-0…`, the others `<name>-1…`. */
  readonly firstOrdinal: number;
}

/** Result of `workloadsOf`. */
export interface WorkloadSet {
  readonly workloads: Workload[];
  readonly problems: ManifestProblem[];
  /** Labels of Namespace objects among the inputs (for namespaceSelectors). */
  readonly namespaceLabels: Record<string, Record<string, string>>;
}

interface Indexed {
  readonly object: ManifestObject;
  readonly source?: ManifestSource;
  readonly index: number;
}

const get = (o: unknown, ...path: string[]): unknown => {
  let cur: unknown = o;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
};

function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function describe(o: ManifestObject): string {
  const ns = o.metadata?.namespace ?? DEFAULT_NAMESPACE;
  return `${o.kind} ${ns}/${o.metadata?.name ?? '<unnamed>'}`;
}

/** A stand-in for the controller's pod-template-hash: stable, 10 characters, differs per template. */
function templateHash(template: unknown, salt = ''): string {
  return createHash('sha256').update(salt + JSON.stringify(template ?? null)).digest('hex').slice(0, 10);
}

function nonNegativeInt(value: unknown, o: Indexed, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ManifestError(`must be a whole number ≥ 0, got ${JSON.stringify(value)}`, o.source, describe(o.object), field);
  }
  return value;
}

function flatten(manifests: readonly ManifestObject[], sources?: readonly (ManifestSource | undefined)[]): Indexed[] {
  const out: Indexed[] = [];
  const visit = (o: ManifestObject, source: ManifestSource | undefined) => {
    if (isListKind(o)) {
      (o.items as ManifestObject[]).forEach((item, listIndex) => visit(item, source ? { ...source, listIndex } : { listIndex }));
    } else {
      out.push({ object: o, source, index: out.length });
    }
  };
  manifests.forEach((m, i) => visit(m, sources?.[i]));
  return out;
}

/** Finds the workloads of a set of manifests, with their pod templates and replica budget. */
export function workloadsOf(manifests: readonly ManifestObject[], sources?: readonly (ManifestSource | undefined)[]): WorkloadSet {
  const objects = flatten(manifests, sources);
  const problems: ManifestProblem[] = [];
  const warn = (o: Indexed, message: string, field?: string, severity = ProblemSeverity.WARNING) =>
    problems.push({ severity, object: describe(o.object), ...(o.source ? { source: o.source } : {}), ...(field ? { field } : {}), message });

  const runtimeClasses = new Map<string, ManifestObject>();
  const priorityClasses = new Map<string, number>();
  let globalDefaultPriority: number | undefined;
  const namespaceLabels: Record<string, Record<string, string>> = {};
  const hpas: Indexed[] = [];
  const present = new Set<string>();
  for (const o of objects) {
    const { kind, metadata } = o.object;
    const name = metadata?.name;
    if (kind === 'RuntimeClass' && name) runtimeClasses.set(name, o.object);
    if (kind === 'PriorityClass' && name) {
      const value = get(o.object, 'value');
      if (typeof value === 'number') {
        priorityClasses.set(name, value);
        if (get(o.object, 'globalDefault') === true) globalDefaultPriority = value;
      }
    }
    if (kind === 'Namespace' && name) namespaceLabels[name] = { ...(metadata?.labels ?? {}) };
    if (kind === 'HorizontalPodAutoscaler') hpas.push(o);
    present.add(`${kind}/${metadata?.namespace ?? DEFAULT_NAMESPACE}/${name}`);
  }

  const workloads: Workload[] = [];
  for (const o of objects) {
    if (!WORKLOAD_KINDS.includes(o.object.kind)) continue;
    // `kubectl get all -o yaml` lists Deployments, their ReplicaSets and their Pods: count each pod once.
    const owner = (o.object.metadata?.ownerReferences as Array<{ kind?: string; name?: string; controller?: boolean }> | undefined)?.find((r) => r.controller);
    if (owner && present.has(`${owner.kind}/${o.object.metadata?.namespace ?? DEFAULT_NAMESPACE}/${owner.name}`)) continue;
    workloads.push(workloadOf(o, hpas, runtimeClasses, priorityClasses, globalDefaultPriority, warn));
  }

  for (const h of hpas) {
    const ref = get(h.object, 'spec', 'scaleTargetRef') as { kind?: string; name?: string; apiVersion?: string } | undefined;
    const ns = h.object.metadata?.namespace ?? DEFAULT_NAMESPACE;
    const target = workloads.find((w) => w.kind === ref?.kind && w.name === ref?.name && w.namespace === ns);
    if (!target) warn(h, `scaleTargetRef ${ref?.kind ?? '?'} ${ns}/${ref?.name ?? '?'} is not among the inputs`, 'spec.scaleTargetRef');
  }
  return { workloads, problems, namespaceLabels };
}

function workloadOf(
  o: Indexed,
  hpas: readonly Indexed[],
  runtimeClasses: ReadonlyMap<string, ManifestObject>,
  priorityClasses: ReadonlyMap<string, number>,
  globalDefaultPriority: number | undefined,
  warn: (o: Indexed, message: string, field?: string, severity?: ProblemSeverity) => void,
): Workload {
  const obj = o.object;
  const kind = obj.kind;
  const namespace = obj.metadata?.namespace ?? DEFAULT_NAMESPACE;
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || name === '') throw new ManifestError('metadata.name is required', o.source, describe(obj), 'metadata.name');
  const id = `${namespace}/${name}`;

  let specPath: string;
  let template: unknown;
  if (kind === 'Pod') {
    specPath = 'spec';
    template = { metadata: obj.metadata, spec: obj.spec };
  } else if (kind === 'CronJob') {
    specPath = 'spec.jobTemplate.spec.template.spec';
    template = get(obj, 'spec', 'jobTemplate', 'spec', 'template');
  } else {
    specPath = 'spec.template.spec';
    template = get(obj, 'spec', 'template');
  }
  const rawSpec = get(template, 'spec') as PodSpec | undefined;
  if (typeof rawSpec !== 'object' || rawSpec === null || !Array.isArray(rawSpec.containers)) {
    throw new ManifestError('a pod spec with containers is required', o.source, describe(obj), `${specPath}.containers`);
  }
  const templateLabels = (get(template, 'metadata', 'labels') as Record<string, string> | undefined) ?? {};

  // Replicas.
  let replicas: number;
  let replicasSource: string;
  let surge = 0;
  let surgeSource = '';
  let daemonSet: Workload['daemonSet'];
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'StatefulSet': {
      const explicit = get(obj, 'spec', 'replicas');
      replicas = nonNegativeInt(explicit, o, 'spec.replicas', 1);
      replicasSource = explicit === undefined || explicit === null ? 'spec.replicas (default 1)' : 'spec.replicas';
      const hpa = hpaFor(obj, namespace, hpas, o, warn);
      if (hpa) {
        replicas = hpa.maxReplicas;
        replicasSource = `HorizontalPodAutoscaler ${namespace}/${hpa.name} maxReplicas`;
      }
      if (kind === 'Deployment') {
        const strategy = (get(obj, 'spec', 'strategy', 'type') as string | undefined) ?? 'RollingUpdate';
        if (strategy === 'RollingUpdate' && replicas > 0) {
          const maxSurge = (get(obj, 'spec', 'strategy', 'rollingUpdate', 'maxSurge') as IntOrPercent | undefined) ?? '25%';
          const maxUnavailable = (get(obj, 'spec', 'strategy', 'rollingUpdate', 'maxUnavailable') as IntOrPercent | undefined) ?? '25%';
          try {
            surge = resolveFenceposts(maxSurge, maxUnavailable, replicas).surge;
          } catch (e) {
            throw new ManifestError((e as Error).message, o.source, describe(obj), 'spec.strategy.rollingUpdate.maxSurge');
          }
          if (surge > 0) surgeSource = `+${surge} surge (maxSurge ${maxSurge})`;
        }
      }
      break;
    }
    case 'DaemonSet': {
      replicas = 0; // one per eligible node, counted against the nodes
      replicasSource = 'one per eligible node';
      const strategy = (get(obj, 'spec', 'updateStrategy', 'type') as string | undefined) ?? 'RollingUpdate';
      const maxSurge = strategy === 'RollingUpdate' ? ((get(obj, 'spec', 'updateStrategy', 'rollingUpdate', 'maxSurge') as IntOrPercent | undefined) ?? 0) : 0;
      try {
        scaledValueFromIntOrPercent(maxSurge, 1, true);
      } catch (e) {
        throw new ManifestError((e as Error).message, o.source, describe(obj), 'spec.updateStrategy.rollingUpdate.maxSurge');
      }
      daemonSet = { maxSurge };
      break;
    }
    case 'Job':
    case 'CronJob': {
      const jobPath = kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec'] : ['spec'];
      const field = (f: string) => [...jobPath, f].join('.');
      const suspended = get(obj, 'spec', 'suspend') === true || (kind === 'CronJob' && get(obj, ...jobPath, 'suspend') === true);
      const parallelism = nonNegativeInt(get(obj, ...jobPath, 'parallelism'), o, field('parallelism'), 1);
      const completionsRaw = get(obj, ...jobPath, 'completions');
      const completions = completionsRaw === undefined || completionsRaw === null ? undefined : nonNegativeInt(completionsRaw, o, field('completions'), 1);
      if (suspended) {
        replicas = 0;
        replicasSource = kind === 'CronJob' && get(obj, 'spec', 'suspend') === true ? 'spec.suspend' : field('suspend');
      } else if (completions !== undefined && completions < parallelism) {
        replicas = completions;
        replicasSource = field('completions');
      } else {
        replicas = parallelism;
        replicasSource = get(obj, ...jobPath, 'parallelism') === undefined ? `${field('parallelism')} (default 1)` : field('parallelism');
      }
      break;
    }
    default: // Pod
      replicas = 1;
      replicasSource = 'bare Pod';
  }

  // Admission: RuntimeClass, then the DaemonSet controller's tolerations.
  let spec = applyRuntimeClass(rawSpec, runtimeClasses, o, specPath, warn);
  if (kind === 'DaemonSet') {
    spec = { ...spec, tolerations: daemonPodTolerations(spec) };
  }

  // Priority (the Priority admission plugin resolves priorityClassName into spec.priority).
  let priority = 0;
  if (typeof spec.priority === 'number') priority = spec.priority;
  else if (typeof spec.priorityClassName === 'string' && spec.priorityClassName !== '') {
    const value = priorityClasses.get(spec.priorityClassName) ?? SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
    if (value === undefined) warn(o, `PriorityClass ${spec.priorityClassName} is not among the inputs: priority 0 assumed`, `${specPath}.priorityClassName`);
    else priority = value;
  } else if (globalDefaultPriority !== undefined) priority = globalDefaultPriority;

  const labels: Record<string, string> = { ...templateLabels };
  const surgeLabels: Record<string, string> = { ...templateLabels };
  if (kind === 'Deployment') {
    labels['pod-template-hash'] = templateHash(template);
    surgeLabels['pod-template-hash'] = templateHash(template, 'next-rollout:');
  }

  return {
    kind,
    apiVersion: obj.apiVersion,
    namespace,
    name,
    id,
    index: o.index,
    ...(o.source ? { source: o.source } : {}),
    labels,
    surgeLabels,
    spec,
    specPath,
    replicas,
    replicasSource,
    surge,
    surgeSource,
    ...(daemonSet ? { daemonSet } : {}),
    priority,
    firstOrdinal: kind === 'StatefulSet' ? 0 : 1,
  };
}

function hpaFor(
  obj: ManifestObject,
  namespace: string,
  hpas: readonly Indexed[],
  o: Indexed,
  warn: (o: Indexed, message: string, field?: string, severity?: ProblemSeverity) => void,
): { name: string; maxReplicas: number } | undefined {
  let found: { name: string; maxReplicas: number } | undefined;
  for (const h of hpas) {
    if ((h.object.metadata?.namespace ?? DEFAULT_NAMESPACE) !== namespace) continue;
    const ref = get(h.object, 'spec', 'scaleTargetRef') as { kind?: string; name?: string; apiVersion?: string } | undefined;
    if (!ref || ref.kind !== obj.kind || ref.name !== obj.metadata?.name) continue;
    if (groupOf(ref.apiVersion) !== groupOf(obj.apiVersion)) {
      warn(h, `scaleTargetRef apiVersion ${ref.apiVersion ?? '(none)'} is not the API group of ${obj.kind} ${namespace}/${obj.metadata?.name} (${obj.apiVersion}): not counted`, 'spec.scaleTargetRef.apiVersion');
      continue;
    }
    const maxReplicas = get(h.object, 'spec', 'maxReplicas');
    if (typeof maxReplicas !== 'number' || !Number.isInteger(maxReplicas) || maxReplicas < 1) {
      throw new ManifestError(`maxReplicas must be a whole number ≥ 1, got ${JSON.stringify(maxReplicas)}`, h.source, describe(h.object), 'spec.maxReplicas');
    }
    if (found) {
      warn(o, `more than one HorizontalPodAutoscaler targets it (${found.name}, ${h.object.metadata?.name}): the larger maxReplicas is budgeted`);
      if (maxReplicas <= found.maxReplicas) continue;
    }
    found = { name: String(h.object.metadata?.name), maxReplicas };
  }
  return found;
}

/** The RuntimeClass admission plugin: overhead.podFixed → spec.overhead; scheduling merged. */
function applyRuntimeClass(
  spec: PodSpec,
  runtimeClasses: ReadonlyMap<string, ManifestObject>,
  o: Indexed,
  specPath: string,
  warn: (o: Indexed, message: string, field?: string, severity?: ProblemSeverity) => void,
): PodSpec {
  const rcName = spec.runtimeClassName;
  if (!rcName) {
    if (spec.overhead !== undefined && spec.overhead !== null) {
      warn(o, "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead", `${specPath}.overhead`, ProblemSeverity.ERROR);
    }
    return spec;
  }
  const rc = runtimeClasses.get(rcName);
  if (!rc) {
    warn(o, `RuntimeClass ${rcName} is not among the inputs: its pod overhead and scheduling are not counted`, `${specPath}.runtimeClassName`);
    return spec;
  }
  let out: PodSpec = spec;
  const podFixed = get(rc, 'overhead', 'podFixed') as ResourceList | undefined;
  if (podFixed) {
    if (spec.overhead !== undefined && spec.overhead !== null && JSON.stringify(spec.overhead) !== JSON.stringify(podFixed)) {
      warn(o, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead", `${specPath}.overhead`, ProblemSeverity.ERROR);
    }
    out = { ...out, overhead: { ...podFixed } };
  } else if (spec.overhead !== undefined && spec.overhead !== null) {
    warn(o, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead', `${specPath}.overhead`, ProblemSeverity.ERROR);
  }
  const scheduling = get(rc, 'scheduling') as { nodeSelector?: Record<string, string>; tolerations?: Toleration[] } | undefined;
  if (scheduling?.nodeSelector) {
    const merged: Record<string, string> = { ...(out.nodeSelector ?? {}) };
    for (const [k, v] of Object.entries(scheduling.nodeSelector)) {
      if (merged[k] !== undefined && merged[k] !== v) {
        warn(o, `conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${v}; pod.spec.nodeSelector[${k}] = ${merged[k]}`, `${specPath}.nodeSelector`, ProblemSeverity.ERROR);
      }
      merged[k] = v;
    }
    out = { ...out, nodeSelector: merged };
  }
  if (scheduling?.tolerations && scheduling.tolerations.length > 0) {
    const tolerations = [...(out.tolerations ?? [])];
    for (const t of scheduling.tolerations) if (!tolerations.some((x) => JSON.stringify(x) === JSON.stringify(t))) tolerations.push(t);
    out = { ...out, tolerations };
  }
  return out;
}
