// Workloads → the pods a cluster would run, and how many to budget for.
// Replica budget, as the controllers and API defaulting decide it (Kubernetes v1.27):
// - Deployment, ReplicaSet, ReplicationController, StatefulSet: `spec.replicas` (API default 1),
//   or the `maxReplicas` of a HorizontalPodAutoscaler whose scaleTargetRef names it (same
//   namespace, kind, name and API group);
// - Deployment rollouts (strategy RollingUpdate, the default) add `maxSurge` pods (default 25%,
//   rounded up: deployment_util.go MaxSurge → ResolveFenceposts); Recreate, StatefulSet and
//   ReplicaSet have none; DaemonSet `maxSurge` (default 0) surges per node;
// - DaemonSet: one pod per eligible node (see daemon-set.ts), counted by the plan against the nodes;
// - an HPA on a workload with `replicas: 0` is disabled (pkg/controller/podautoscaler/horizontal.go
//   reconcileAutoscaler: `scale.Spec.Replicas == 0 && minReplicas != 0` → ScalingActive=False): budget 0;
// - KEDA ScaledObject: like an HPA, `maxReplicaCount` (default 100, keda.sh/docs/2.x/reference/scaledobject-spec)
//   of its scaleTargetRef (default kind Deployment, apps/v1);
// - Argo Rollouts `Rollout` (argoproj.io): `spec.template` or the Deployment of `spec.workloadRef`,
//   `spec.replicas` (default 1); canary surge maxSurge/maxUnavailable (defaults 25%/25%) resolved
//   like a Deployment's, or a full second ReplicaSet with canary trafficRouting and blueGreen
//   (`previewReplicaCount` when set), whose old pods stay until the new ones are ready;
// - Job: `parallelism` (default 1), at most `completions`; CronJob: its jobTemplate; with
//   `concurrencyPolicy: Allow` (the default) Jobs overlap: ⌈activeDeadlineSeconds / shortest
//   schedule interval⌉ Jobs at once (a lower bound of one Job, with a warning, without a deadline);
//   Forbid and Replace: one Job; `suspend: true` runs nothing; a Job's status (from a cluster
//   dump) lowers it: finished → 0, else min(parallelism, completions − succeeded); bare Pod: 1,
//   0 in phase Succeeded/Failed (kube-scheduler ignores terminal pods).
// Object identity is group/kind/namespace/name (namespace from `options.namespace` when unset,
// like `kubectl -n`): the same object twice is bad input. Objects of other kinds that carry a pod
// template (`spec.template.spec`, `spec.podSpec`, `spec.containers`, a nested `podTemplate`), and
// custom resources whose operator runs pods from their own fields (prometheus-operator's
// Prometheus, Alertmanager, ThanosRuler, PrometheusAgent; Strimzi's Kafka, KafkaConnect,
// KafkaMirrorMaker2, KafkaBridge; a `spec.replicas`, or one a level down as `spec.kafka.replicas`;
// `instances`/`count`/`size` next to `resources`), are listed as not counted, with a warning.
// Built-in kinds in an apiVersion Kubernetes 1.27 no longer serves (`batch/v1beta1` CronJob,
// `extensions/v1beta1` Deployment, `autoscaling/v2beta2` HPA) are rejected by the API server: an
// error, and they run or change nothing (workloads among them are listed as not counted).
// Admission done here: namespace defaulting (`default`), RuntimeClass (overhead.podFixed → spec.overhead,
// scheduling.nodeSelector / tolerations merged), pod priority from PriorityClass objects.
import { MAX_INT32 } from '../kubernetes/validation';
import { createHash } from 'crypto';
import { shortestInterval, validateSchedule } from '../kubernetes/cron';
import type { ManifestObject, PodSpec, ResourceList, Toleration } from '../scheduler/types';
import { LimitRange, limitRangeOf, limitRanger } from '../manifests/limit-ranger';
import { InvalidQuantityError } from '../kubernetes/quantity';
import { daemonPodTolerations } from './daemon-set';
import { isListKind } from './list';
import { describeSource, ManifestSource } from './manifest-source';
import { IntOrPercent, resolveFenceposts, scaledValueFromIntOrPercent } from './int-or-percent';
import { ManifestError } from './manifest-error';
import { validateRollingUpdate } from '../kubernetes/rolling-update-validation';
import { describeProblem } from '../kubernetes/pod-scheduling-validation';
import { ManifestProblem, ProblemSeverity } from './problem';
import { unservedBuiltinVersion } from '../kubernetes/served-versions';
import { isClusterScoped } from '../kubernetes/cluster-scoped';
import { apiGroup } from '../kubernetes/private/json';

export const DEFAULT_NAMESPACE = 'default';
/** Builtin priority classes (pkg/apis/scheduling/types.go). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = Object.freeze({
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
});

/** Kinds that run pods, in the order Helm and Argo CD apply them (InstallOrder / kindOrder). */
export const WORKLOAD_KINDS: readonly string[] = ['DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'StatefulSet', 'Job', 'CronJob', 'Rollout'];

/** API group of Argo Rollouts. */
const ARGO_GROUP = 'argoproj.io';
/** KEDA ScaledObject `maxReplicaCount` default (keda.sh/docs/2.x/reference/scaledobject-spec). */
export const KEDA_DEFAULT_MAX_REPLICA_COUNT = 100;

/** Options of `workloadsOf`. */
export interface WorkloadsOptions {
  /**
   * Namespace of objects that do not set one (like `kubectl -n`).
   * @default 'default'
   */
  readonly namespace?: string;
}

/** An object with a pod template that the check does not model: its pods are not counted. */
export interface NotCountedObject {
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly name: string;
  /** @default - unknown */
  readonly source?: ManifestSource;
  /** Where its pod template is: `spec.template.spec`, `spec.podSpec`, `spec.containers`; `spec` or `spec.<part>` when its operator builds the pods from its own fields. */
  readonly field: string;
  /**
   * Why its pods are not counted, as the report says it: ``its operator runs pods from `spec`, kind
   * not modelled``, ``apiVersion batch/v1beta1 is not served by Kubernetes 1.27 …``.
   * @default - derived from `field` (plans written before this field existed)
   */
  readonly reason?: string;
}

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
  /**
   * Pods the rollout may take down before surge pods are ready (resolved maxUnavailable; 0 when
   * the old pods stay until the new ones are ready: maxUnavailable 0, blueGreen, DaemonSet surge).
   * A surge pod that cannot be placed stalls the rollout only when this is 0.
   */
  readonly maxUnavailable: number;
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
  /** Objects with a pod template of a kind not modelled: not counted (each also has a warning). */
  readonly notCounted: NotCountedObject[];
  /** ResourceQuota objects, with their namespace resolved. */
  readonly resourceQuotas: NamespacedObject[];
  /** Every namespaced object, with its namespace resolved (for `count/…` quotas). */
  readonly namespaced: NamespacedObject[];
}

/** An input object and its namespace (defaulted). */
export interface NamespacedObject {
  readonly object: ManifestObject;
  readonly namespace: string;
  /** @default - unknown */
  readonly source?: ManifestSource;
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

// The namespace of objects without one, for the duration of one synchronous `workloadsOf` call
// (set and restored there), so every message and identity uses the same defaulting.
let defaultNamespace = DEFAULT_NAMESPACE;

function namespaceOf(o: ManifestObject): string {
  const ns = o.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : defaultNamespace;
}

function describe(o: ManifestObject): string {
  return `${o.kind} ${namespaceOf(o)}/${o.metadata?.name ?? '<unnamed>'}`;
}

/** group/kind/namespace/name; '' namespace for cluster-scoped kinds. */
function identityOf(o: ManifestObject): string {
  const ns = isClusterScoped(o.kind) ? '' : namespaceOf(o);
  return `${apiGroup(o.apiVersion)}/${o.kind}/${ns}/${o.metadata?.name}`;
}

/** A stand-in for the controller's pod-template-hash: stable, 10 characters, differs per template. */
function templateHash(template: unknown, salt = ''): string {
  return createHash('sha256').update(salt + JSON.stringify(template ?? null)).digest('hex').slice(0, 10);
}

function nonNegativeInt(value: unknown, o: Indexed, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && Number.isFinite(Number(value)) && Math.abs(Number(value)) <= Number.MAX_SAFE_INTEGER && value.trim() !== '') {
    // A number the loader would have kept as a number: the user quoted it (`replicas: "3"`), a
    // string the API server cannot decode into an int32.
    const leaf = field.slice(field.lastIndexOf('.') + 1);
    throw new ManifestError(`expected a whole number, got the string ${JSON.stringify(value)}: write it unquoted, e.g. ${leaf}: ${value}`, o.source, describe(o.object), field);
  }
  if (typeof value === 'string' && /^\+?[0-9]+(\.[0-9]*)?([eE]\+?[0-9]+)?$/.test(value)) {
    // A number past 2^53 keeps its text as written (load-yaml): quote it as written.
    throw new ManifestError(`must be at most ${MAX_INT32} (an int32), got ${value}`, o.source, describe(o.object), field);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    const shown = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value); // NaN, not null
    throw new ManifestError(`must be a whole number ≥ 0, got ${shown}`, o.source, describe(o.object), field);
  }
  if (value > MAX_INT32) {
    // Every count read here is an int32 in the API (replicas, parallelism, completions…): the API server cannot decode more.
    throw new ManifestError(`must be at most ${MAX_INT32} (an int32), got ${JSON.stringify(value)}`, o.source, describe(o.object), field);
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
export function workloadsOf(manifests: readonly ManifestObject[], sources?: readonly (ManifestSource | undefined)[], options: WorkloadsOptions = {}): WorkloadSet {
  const previous = defaultNamespace;
  defaultNamespace = options.namespace ?? DEFAULT_NAMESPACE;
  try {
    return readWorkloads(flatten(manifests, sources));
  } finally {
    defaultNamespace = previous;
  }
}

function readWorkloads(objects: readonly Indexed[]): WorkloadSet {
  const problems: ManifestProblem[] = [];
  const warn = (o: Indexed, message: string, field?: string, severity = ProblemSeverity.WARNING) =>
    problems.push({ severity, object: describe(o.object), ...(o.source ? { source: o.source } : {}), ...(field ? { field } : {}), message });

  const runtimeClasses = new Map<string, ManifestObject>();
  const priorityClasses = new Map<string, number>();
  let globalDefaultPriority: number | undefined;
  const namespaceLabels: Record<string, Record<string, string>> = {};
  const hpas: Indexed[] = [];
  const present = new Set<string>();
  const seen = new Map<string, Indexed>();
  const deployments = new Map<string, Indexed>();
  const limitRanges = new Map<string, LimitRange[]>();
  const resourceQuotas: NamespacedObject[] = [];
  const namespaced: NamespacedObject[] = [];
  const unserved = new Map<Indexed, readonly string[]>();
  for (const o of objects) {
    const { kind, metadata } = o.object;
    const name = metadata?.name;
    const servedAs = unservedBuiltinVersion(o.object.apiVersion, kind);
    if (servedAs) {
      // The API server rejects it (`no matches for kind`): it never exists, so it runs no pods and
      // sets no replicas, priority, overhead, defaults or quota.
      unserved.set(o, servedAs);
      const effect = WORKLOAD_KINDS.includes(kind) ? 'runs no pods' : 'has no effect on the pods';
      warn(o, `${o.object.apiVersion} is not served by Kubernetes 1.27 (it serves ${kind} as ${servedAs.join(' or ')}): the API server rejects this object, so it ${effect}; write apiVersion: ${servedAs[0]}`, 'apiVersion', ProblemSeverity.ERROR);
      continue;
    }
    if (typeof name === 'string' && name !== '' && typeof kind === 'string') {
      const key = identityOf(o.object);
      const first = seen.get(key);
      if (first) {
        const a = describeSource(first.source) || `input object ${first.index + 1}`;
        const b = describeSource(o.source) || `input object ${o.index + 1}`;
        throw new ManifestError(
          `the same object (group/kind/namespace/name) is given twice, at ${a} and at ${b}: Kubernetes applies it once; remove one copy or give them different names or namespaces`,
          o.source, describe(o.object), 'metadata.name',
        );
      }
      seen.set(key, o);
    }
    if (kind === 'Deployment' && apiGroup(o.object.apiVersion) === 'apps' && name) deployments.set(`${namespaceOf(o.object)}/${name}`, o);
    if (typeof kind === 'string' && !isClusterScoped(kind)) namespaced.push({ object: o.object, namespace: namespaceOf(o.object), ...(o.source ? { source: o.source } : {}) });
    if (kind === 'ResourceQuota' && apiGroup(o.object.apiVersion) === '') resourceQuotas.push({ object: o.object, namespace: namespaceOf(o.object), ...(o.source ? { source: o.source } : {}) });
    if (kind === 'LimitRange' && apiGroup(o.object.apiVersion) === '') {
      const ns = namespaceOf(o.object);
      let range: LimitRange;
      try {
        range = limitRangeOf(o.object, ns);
      } catch (e) {
        if (e instanceof InvalidQuantityError) throw new ManifestError(new InvalidQuantityError(e.input, e.reason).message, o.source, describe(o.object), e.field);
        throw e;
      }
      limitRanges.set(ns, [...(limitRanges.get(ns) ?? []), range]);
    }
    if (kind === 'RuntimeClass' && name) runtimeClasses.set(name, o.object);
    if (kind === 'PriorityClass' && name) {
      const value = get(o.object, 'value');
      if (typeof value === 'number') {
        priorityClasses.set(name, value);
        if (get(o.object, 'globalDefault') === true) globalDefaultPriority = value;
      }
    }
    if (kind === 'Namespace' && name) namespaceLabels[name] = { ...(metadata?.labels ?? {}) };
    if (kind === 'HorizontalPodAutoscaler' || (kind === 'ScaledObject' && apiGroup(o.object.apiVersion) === 'keda.sh')) hpas.push(o);
    present.add(`${kind}/${namespaceOf(o.object)}/${name}`);
  }

  const workloads: Workload[] = [];
  const notCounted: NotCountedObject[] = [];
  const listNotCounted = (o: Indexed, field: string, reason: string) => notCounted.push({
    kind: o.object.kind,
    apiVersion: o.object.apiVersion,
    namespace: namespaceOf(o.object),
    name: String(o.object.metadata?.name ?? ''),
    ...(o.source ? { source: o.source } : {}),
    field,
    reason,
  });
  for (const o of objects) {
    const servedAs = unserved.get(o);
    if (servedAs) {
      if (WORKLOAD_KINDS.includes(o.object.kind)) {
        listNotCounted(o, o.object.kind === 'CronJob' ? 'spec.jobTemplate.spec.template.spec' : o.object.kind === 'Pod' ? 'spec' : 'spec.template.spec',
          `apiVersion ${o.object.apiVersion} is not served by Kubernetes 1.27 (use ${servedAs[0]}): the API server rejects it, so it runs no pods`);
      }
      continue;
    }
    if (!isWorkload(o.object)) {
      const found = podTemplateField(o.object);
      if (found) {
        const { field, operator } = found;
        listNotCounted(o, field, operator ? `its operator runs pods from \`${field}\`, kind not modelled` : `pod template at \`${field}\`, kind not modelled`);
        warn(o, operator
          ? `its operator runs pods from ${field === 'spec' ? 'its spec' : field} (${field === 'spec' ? 'replicas, resources' : 'replicas'}) but its kind is not modelled: those pods are not counted; check them separately`
          : `has a pod template (${field}) but its kind is not modelled: the pods its controller runs are not counted; check them separately`, field);
      }
      continue;
    }
    // `kubectl get all -o yaml` lists Deployments, their ReplicaSets and their Pods: count each pod once.
    const owner = (o.object.metadata?.ownerReferences as Array<{ kind?: string; name?: string; controller?: boolean }> | undefined)?.find((r) => r.controller);
    if (owner && present.has(`${owner.kind}/${namespaceOf(o.object)}/${owner.name}`)) continue;
    workloads.push(workloadOf(o, hpas, runtimeClasses, priorityClasses, globalDefaultPriority, warn, deployments, limitRanges));
  }

  for (const h of hpas) {
    const ref = scaleTargetOf(h);
    const ns = namespaceOf(h.object);
    const target = workloads.find((w) => w.kind === ref.kind && w.name === ref.name && w.namespace === ns);
    if (!target) warn(h, `scaleTargetRef ${ref.kind} ${ns}/${ref.name ?? '?'} is not among the inputs`, 'spec.scaleTargetRef');
  }
  return { workloads, problems, namespaceLabels, notCounted, resourceQuotas, namespaced };
}

function isWorkload(o: ManifestObject): boolean {
  if (!WORKLOAD_KINDS.includes(o.kind)) return false;
  if (o.kind === 'Rollout') return apiGroup(o.apiVersion) === ARGO_GROUP;
  // Built-in kinds: core (Pod, ReplicationController), apps, batch (versions 1.27 no longer serves
  // are set apart before: served-versions.ts).
  return ['', 'apps', 'batch'].includes(apiGroup(o.apiVersion));
}

/**
 * Custom resources whose operator runs pods built from fields of their own, with no pod template
 * in the object: prometheus-operator's StatefulSets (pkg/prometheus/statefulset.go,
 * pkg/alertmanager/statefulset.go, pkg/thanos/statefulset.go) take `spec.replicas`,
 * `spec.resources`, `spec.nodeSelector`… of the resource; kube-prometheus' `Prometheus` and
 * `Alertmanager` set no `spec.containers` at all.
 */
const OPERATOR_POD_KINDS = new Set([
  'monitoring.coreos.com/Prometheus', 'monitoring.coreos.com/PrometheusAgent', 'monitoring.coreos.com/Alertmanager', 'monitoring.coreos.com/ThanosRuler',
  // Strimzi (api/src/main/java/io/strimzi/api/kafka/model): a Kafka runs its brokers (from
  // `spec.kafka.replicas` or its KafkaNodePools) and the entity operator, cruise control and
  // exporter Deployments its spec asks for; the others are one Deployment or pod set each.
  'kafka.strimzi.io/Kafka', 'kafka.strimzi.io/KafkaConnect', 'kafka.strimzi.io/KafkaMirrorMaker2', 'kafka.strimzi.io/KafkaBridge',
]);

/** Depth to which a custom resource's `spec` is searched for a nested pod template. */
const NESTED_TEMPLATE_DEPTH = 5;

/**
 * Where an object of another kind keeps a pod template, or undefined; `operator` when there is
 * no template and its operator builds the pods from the object's own fields.
 */
function podTemplateField(o: ManifestObject): { field: string; operator: boolean } | undefined {
  const template = (field: string) => ({ field, operator: false });
  const operator = (field: string) => ({ field, operator: true });
  if (['PodTemplate'].includes(o.kind) && apiGroup(o.apiVersion) === '') return undefined; // a template only, runs nothing
  if (Array.isArray(get(o, 'spec', 'template', 'spec', 'containers'))) return template('spec.template.spec');
  if (Array.isArray(get(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers'))) return template('spec.jobTemplate.spec.template.spec');
  if (typeof get(o, 'spec', 'podSpec') === 'object' && get(o, 'spec', 'podSpec') !== null) return template('spec.podSpec');
  if (Array.isArray(get(o, 'spec', 'containers'))) return template('spec.containers');
  const group = apiGroup(o.apiVersion);
  if (!isCustomGroup(group)) return undefined;
  if (OPERATOR_POD_KINDS.has(`${group}/${o.kind}`)) return operator('spec');
  const spec = get(o, 'spec');
  const nested = nestedTemplate(spec, 'spec', NESTED_TEMPLATE_DEPTH);
  if (nested) return template(nested);
  if (!isObject(spec)) return undefined;
  // An operator's replica count: `spec.replicas` (Strimzi KafkaNodePool, RabbitmqCluster), or
  // `instances`/`count`/`size` next to container `resources` (CloudNativePG `Cluster`).
  if (typeof spec.replicas === 'number') return operator('spec');
  if (isObject(spec.resources) && ['instances', 'count', 'size'].some((k) => typeof spec[k] === 'number')) return operator('spec');
  // One level down, one component each: Strimzi `spec.kafka.replicas`/`spec.zookeeper.replicas`,
  // TiDB Operator `spec.pd.replicas`, `spec.tikv.replicas`.
  for (const [key, part] of Object.entries(spec)) {
    if (isObject(part) && typeof part.replicas === 'number' && !PATTERN_KEYS.has(key)) return operator(`spec.${key}`);
  }
  return undefined;
}

/**
 * A group served by CustomResourceDefinitions whose objects may run pods: has a dot, is not a
 * built-in `*.k8s.io` group, and is not a policy engine's (Kyverno and Gatekeeper policies hold
 * `spec.containers` patterns and patches, not pods).
 */
function isCustomGroup(group: string): boolean {
  if (!group.includes('.') || group.endsWith('.k8s.io') || group === 'k8s.io') return false;
  return !(group === 'kyverno.io' || group.endsWith('.kyverno.io') || group === 'wgpolicyk8s.io' || group.endsWith('gatekeeper.sh'));
}

/** Keys under which custom resources keep patterns or patches of pods, not pods. */
const PATTERN_KEYS = new Set(['pattern', 'anyPattern', 'patchStrategicMerge', 'patchesJson6902', 'patches', 'match', 'exclude', 'preconditions']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The path of a pod template nested in a custom resource (`podTemplate`, `template.spec.containers`, `containers`), bounded in depth. */
function nestedTemplate(v: unknown, at: string, depth: number): string | undefined {
  if (depth < 0) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && i < 100; i++) {
      const found = nestedTemplate(v[i], `${at}[${i}]`, depth - 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(v)) return undefined;
  if (Array.isArray(v.containers) && v.containers.some(isObject)) return `${at}.containers`;
  for (const key of ['podTemplate', 'podSpec', 'template']) {
    if (isObject(v[key])) {
      const t = v[key] as Record<string, unknown>;
      if (Array.isArray(t.containers) || isObject(t.spec)) return `${at}.${key}`;
    }
  }
  for (const [key, child] of Object.entries(v)) {
    if (PATTERN_KEYS.has(key)) continue;
    const found = nestedTemplate(child, `${at}.${key}`, depth - 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The pods a Job from a cluster dump still runs (pkg/controller/job/job_controller.go, v1.27):
 * none once finished (`IsJobFinished`: condition Complete or Failed with status True); else
 * manageJob's wantActive — with completions, min(parallelism, completions − status.succeeded);
 * without, status.active once a pod has succeeded. Undefined when the status says nothing.
 */
function jobProgress(obj: ManifestObject, completions: number | undefined, planned: number): { replicas: number; replicasSource: string } | undefined {
  const conditions = get(obj, 'status', 'conditions');
  if (Array.isArray(conditions)) {
    const done = conditions.find((c) => isObject(c) && (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') as { type: string } | undefined;
    if (done) return { replicas: 0, replicasSource: `status.conditions ${done.type}: a finished Job runs no pods` };
  }
  const succeeded = get(obj, 'status', 'succeeded');
  if (typeof succeeded !== 'number' || !Number.isInteger(succeeded) || succeeded <= 0) return undefined;
  if (completions !== undefined) {
    const left = Math.max(0, completions - succeeded);
    return left < planned ? { replicas: left, replicasSource: `spec.completions − status.succeeded (${completions} − ${succeeded})` } : undefined;
  }
  const active = get(obj, 'status', 'active');
  const running = typeof active === 'number' && Number.isInteger(active) && active >= 0 ? Math.min(active, planned) : 0;
  return { replicas: running, replicasSource: `status.active (${running}): after a success no new pods start` };
}

/** An HPA's or ScaledObject's target (KEDA defaults: kind Deployment, apiVersion apps/v1). */
function scaleTargetOf(h: Indexed): { kind: string; name?: string; apiVersion?: string } {
  const ref = (get(h.object, 'spec', 'scaleTargetRef') ?? {}) as { kind?: string; name?: string; apiVersion?: string };
  if (h.object.kind === 'ScaledObject') return { kind: ref.kind ?? 'Deployment', name: ref.name, apiVersion: ref.apiVersion ?? 'apps/v1' };
  return { kind: ref.kind ?? '?', name: ref.name, apiVersion: ref.apiVersion };
}

function workloadOf(
  o: Indexed,
  hpas: readonly Indexed[],
  runtimeClasses: ReadonlyMap<string, ManifestObject>,
  priorityClasses: ReadonlyMap<string, number>,
  globalDefaultPriority: number | undefined,
  warn: (o: Indexed, message: string, field?: string, severity?: ProblemSeverity) => void,
  deployments: ReadonlyMap<string, Indexed>,
  limitRanges: ReadonlyMap<string, readonly LimitRange[]>,
): Workload {
  const obj = o.object;
  const kind = obj.kind;
  const namespace = namespaceOf(obj);
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
  } else if (kind === 'Rollout' && get(obj, 'spec', 'template') === undefined && get(obj, 'spec', 'workloadRef') !== undefined) {
    // Argo Rollouts workloadRef: the pod template of a Deployment in the same namespace.
    const ref = get(obj, 'spec', 'workloadRef') as { kind?: string; name?: string };
    const target = ref.kind === 'Deployment' ? deployments.get(`${namespace}/${ref.name}`) : undefined;
    if (!target) {
      throw new ManifestError(`workloadRef ${ref.kind ?? '?'} ${namespace}/${ref.name ?? '?'} is not among the inputs: its pod template cannot be counted; add the Deployment to the inputs`, o.source, describe(obj), 'spec.workloadRef');
    }
    specPath = 'spec.template.spec';
    template = get(target.object, 'spec', 'template');
  } else {
    specPath = 'spec.template.spec';
    template = get(obj, 'spec', 'template');
  }
  const rawSpec = get(template, 'spec') as PodSpec | undefined;
  if (typeof rawSpec !== 'object' || rawSpec === null || !Array.isArray(rawSpec.containers)) {
    throw new ManifestError('a pod spec with containers is required', o.source, describe(obj), `${specPath}.containers`);
  }
  const templateLabels = (get(template, 'metadata', 'labels') as Record<string, string> | undefined) ?? {};

  // Rolling-update fields the API server rejects (maxSurge -1, maxUnavailable "110%", a negative
  // partition: lib/kubernetes/rolling-update-validation.ts, the `api-validation` rule's check)
  // are bad input: no surge is budgeted from them.
  const [rollingUpdateProblem] = validateRollingUpdate(obj, apiGroup(obj.apiVersion), kind);
  if (rollingUpdateProblem) {
    const p = rollingUpdateProblem;
    throw new ManifestError(describeProblem(p), o.source, describe(obj), p.field);
  }

  // Replicas.
  let replicas: number;
  let replicasSource: string;
  let surge = 0;
  let surgeSource = '';
  let daemonSet: Workload['daemonSet'];
  let maxUnavailable = 0;
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'StatefulSet':
    case 'Rollout': {
      const explicit = get(obj, 'spec', 'replicas');
      replicas = nonNegativeInt(explicit, o, 'spec.replicas', 1);
      replicasSource = explicit === undefined || explicit === null ? 'spec.replicas (default 1)' : 'spec.replicas';
      const hpa = hpaFor(obj, namespace, hpas, o, warn);
      if (hpa && hpa.disabled) {
        replicasSource = `spec.replicas 0: ${hpa.label} ${namespace}/${hpa.name} is disabled (ScalingActive=False)`;
      } else if (hpa) {
        replicas = hpa.maxReplicas;
        replicasSource = `${hpa.label} ${namespace}/${hpa.name} ${hpa.field}`;
      }
      if (kind === 'Deployment') {
        const strategy = (get(obj, 'spec', 'strategy', 'type') as string | undefined) || 'RollingUpdate';
        if (strategy === 'RollingUpdate') {
          const fence = fenceposts(o, ['spec', 'strategy', 'rollingUpdate'], '25%', '25%', replicas);
          if (replicas > 0) {
            surge = fence.surge;
            maxUnavailable = fence.unavailable;
            if (surge > 0) surgeSource = `+${surge} surge (maxSurge ${fence.maxSurge})`;
          }
        }
      }
      if (kind === 'Rollout') {
        ({ surge, surgeSource, maxUnavailable } = argoRolloutSurge(o, replicas));
      }
      break;
    }
    case 'DaemonSet': {
      replicas = 0; // one per eligible node, counted against the nodes
      replicasSource = 'one per eligible node';
      // SetDefaults_DaemonSet: type RollingUpdate, maxSurge 0 (validated above).
      const strategy = (get(obj, 'spec', 'updateStrategy', 'type') as string | undefined) || 'RollingUpdate';
      const maxSurge = strategy === 'RollingUpdate' ? ((get(obj, 'spec', 'updateStrategy', 'rollingUpdate', 'maxSurge') as IntOrPercent | undefined) ?? 0) : 0;
      try {
        scaledValueFromIntOrPercent(maxSurge, 100, true); // a value no IntOrString decodes from (1.5, true)
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
      if (kind === 'Job' && replicas > 0) {
        const progress = jobProgress(obj, completions, replicas);
        if (progress) ({ replicas, replicasSource } = progress);
      }
      if (kind === 'CronJob' && replicas > 0) {
        const jobs = concurrentJobs(o, warn);
        if (jobs.count !== 1) {
          replicas *= jobs.count;
          replicasSource = `${replicasSource} × ${jobs.source}`;
        } else if (jobs.source) {
          replicasSource = `${replicasSource}, ${jobs.source}`;
        }
      }
      break;
    }
    default: { // Pod
      // kube-scheduler does not see terminal pods (pkg/scheduler/scheduler.go newPodInformer:
      // `status.phase!=Succeeded,status.phase!=Failed`), nor does kubelet count them: a
      // `kubectl get pods -o yaml` dump's finished pods hold nothing.
      const phase = get(obj, 'status', 'phase');
      const terminal = phase === 'Succeeded' || phase === 'Failed';
      replicas = terminal ? 0 : 1;
      replicasSource = terminal ? `bare Pod, status.phase ${phase}: a finished pod holds no resources` : 'bare Pod';
    }
  }

  // Admission: RuntimeClass, then the DaemonSet controller's tolerations.
  let spec = applyRuntimeClass(rawSpec, runtimeClasses, o, specPath, warn);
  // LimitRanger (plugin/pkg/admission/limitranger): defaults, then min/max/ratio validation.
  const ranges = limitRanges.get(namespace) ?? [];
  if (ranges.length > 0) {
    let admitted;
    try {
      admitted = limitRanger(spec, ranges);
    } catch (e) {
      if (e instanceof InvalidQuantityError) throw new ManifestError(new InvalidQuantityError(e.input, e.reason).message, o.source, describe(obj), specPath);
      throw e;
    }
    spec = admitted.spec;
    if (admitted.error !== undefined) {
      const names = ranges.map((r) => `${r.namespace}/${r.name}`).join(', ');
      warn(o, `LimitRange ${names} rejects its pods: pods "${kind === 'Pod' ? name : `${name}-…`}" is forbidden: ${admitted.error}`, specPath, ProblemSeverity.ERROR);
    }
  }
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
    maxUnavailable,
    priority,
    firstOrdinal: kind === 'StatefulSet' ? 0 : 1,
  };
}

interface Scaler {
  readonly name: string;
  /** `HorizontalPodAutoscaler`, `ScaledObject`. */
  readonly label: string;
  /** `maxReplicas`, `maxReplicaCount`. */
  readonly field: string;
  readonly maxReplicas: number;
  /** HPA on a target with `replicas: 0` (and minReplicas ≠ 0): scaling is disabled. */
  readonly disabled: boolean;
}

function hpaFor(
  obj: ManifestObject,
  namespace: string,
  hpas: readonly Indexed[],
  o: Indexed,
  warn: (o: Indexed, message: string, field?: string, severity?: ProblemSeverity) => void,
): Scaler | undefined {
  let found: Scaler | undefined;
  for (const h of hpas) {
    if (namespaceOf(h.object) !== namespace) continue;
    const ref = scaleTargetOf(h);
    if (ref.kind !== obj.kind || ref.name !== obj.metadata?.name) continue;
    if (apiGroup(ref.apiVersion) !== apiGroup(obj.apiVersion)) {
      warn(h, `scaleTargetRef apiVersion ${ref.apiVersion ?? '(none)'} is not the API group of ${obj.kind} ${namespace}/${obj.metadata?.name} (${obj.apiVersion}): not counted`, 'spec.scaleTargetRef.apiVersion');
      continue;
    }
    const keda = h.object.kind === 'ScaledObject';
    const field = keda ? 'maxReplicaCount' : 'maxReplicas';
    const raw = get(h.object, 'spec', field);
    const maxReplicas = keda && (raw === undefined || raw === null) ? KEDA_DEFAULT_MAX_REPLICA_COUNT : raw;
    if (typeof maxReplicas !== 'number' || !Number.isInteger(maxReplicas) || maxReplicas < 1) {
      throw new ManifestError(`${field} must be a whole number ≥ 1, got ${JSON.stringify(raw)}`, h.source, describe(h.object), `spec.${field}`);
    }
    // horizontal.go reconcileAutoscaler: `scale.Spec.Replicas == 0 && minReplicas != 0` disables
    // scaling (minReplicas defaults to 1). KEDA scales its targets from zero itself.
    const minReplicas = get(h.object, 'spec', 'minReplicas') ?? 1;
    const disabled = !keda && get(obj, 'spec', 'replicas') === 0 && minReplicas !== 0;
    const label = keda ? 'ScaledObject' : 'HorizontalPodAutoscaler';
    if (found) {
      warn(o, `more than one autoscaler targets it (${found.name}, ${h.object.metadata?.name}): the larger maximum is budgeted`);
      if (maxReplicas <= found.maxReplicas) continue;
    }
    found = { name: String(h.object.metadata?.name), label, field, maxReplicas, disabled };
  }
  return found;
}

/**
 * ResolveFenceposts (deployment_util.go): maxSurge rounds up, maxUnavailable down, and both 0
 * after rounding makes maxUnavailable 1. A Deployment's written values were checked before
 * (validateRollingUpdate, ValidateRollingUpdateDeployment); an Argo Rollouts canary's both-0 is
 * refused here, as its controller does (pkg/apis/rollouts/validation: InvalidMaxSurgeMaxUnavailable).
 */
function fenceposts(o: Indexed, path: readonly string[], surgeDefault: IntOrPercent, unavailableDefault: IntOrPercent, replicas: number) {
  const maxSurge = (get(o.object, ...path, 'maxSurge') as IntOrPercent | undefined) ?? surgeDefault;
  const maxUnavailable = (get(o.object, ...path, 'maxUnavailable') as IntOrPercent | undefined) ?? unavailableDefault;
  const at = (f: string) => [...path, f].join('.');
  // getIntOrPercentValue: the number as written (a percentage's digits); an error names its own field.
  const scaled = (value: IntOrPercent, roundUp: boolean, field: string): number => {
    try {
      return scaledValueFromIntOrPercent(value, 100, roundUp);
    } catch (e) {
      throw new ManifestError((e as Error).message, o.source, describe(o.object), at(field));
    }
  };
  const written = { surge: scaled(maxSurge, true, 'maxSurge'), unavailable: scaled(maxUnavailable, false, 'maxUnavailable') };
  if (written.surge === 0 && written.unavailable === 0) {
    throw new ManifestError(
      `MaxSurge and MaxUnavailable both can not be zero (got maxSurge ${JSON.stringify(maxSurge)}, maxUnavailable ${JSON.stringify(maxUnavailable)}): the Argo Rollouts controller rejects it; set maxSurge: 1 or maxUnavailable: 1`,
      o.source, describe(o.object), at('maxSurge'),
    );
  }
  const resolved = resolveFenceposts(maxSurge, maxUnavailable, replicas);
  return { maxSurge, surge: resolved.surge, unavailable: resolved.unavailable };
}

/** Argo Rollouts: canary like a Deployment (defaults 25%/25%); trafficRouting and blueGreen keep every old pod until the new ReplicaSet is ready. */
function argoRolloutSurge(o: Indexed, replicas: number): { surge: number; surgeSource: string; maxUnavailable: number } {
  if (replicas === 0) return { surge: 0, surgeSource: '', maxUnavailable: 0 };
  const blueGreen = get(o.object, 'spec', 'strategy', 'blueGreen');
  if (blueGreen !== undefined && blueGreen !== null) {
    const preview = nonNegativeInt(get(blueGreen, 'previewReplicaCount'), o, 'spec.strategy.blueGreen.previewReplicaCount', replicas);
    return { surge: preview, surgeSource: preview > 0 ? `+${preview} surge (blueGreen: a second ReplicaSet)` : '', maxUnavailable: 0 };
  }
  if (get(o.object, 'spec', 'strategy', 'canary', 'trafficRouting') !== undefined) {
    return { surge: replicas, surgeSource: `+${replicas} surge (canary with trafficRouting: the stable ReplicaSet stays at full size)`, maxUnavailable: 0 };
  }
  const fence = fenceposts(o, ['spec', 'strategy', 'canary'], '25%', '25%', replicas);
  return { surge: fence.surge, surgeSource: fence.surge > 0 ? `+${fence.surge} surge (canary maxSurge ${fence.maxSurge})` : '', maxUnavailable: fence.unavailable };
}

/**
 * How many Jobs of a CronJob run at once (cronjob_controllerv2.go): Forbid and Replace one;
 * Allow (the default) starts a Job at every scheduled time whatever still runs, so with
 * `activeDeadlineSeconds` D and the schedule's shortest interval I, at most ⌈D / I⌉ overlap.
 */
function concurrentJobs(o: Indexed, warn: (o: Indexed, message: string, field?: string, severity?: ProblemSeverity) => void): { count: number; source: string } {
  const policy = (get(o.object, 'spec', 'concurrencyPolicy') as string | undefined) ?? 'Allow';
  if (policy !== 'Allow') return { count: 1, source: `concurrencyPolicy ${policy}: one Job at a time` };
  const schedule = get(o.object, 'spec', 'schedule');
  const timeZone = get(o.object, 'spec', 'timeZone') as string | undefined;
  if (typeof schedule !== 'string' || validateSchedule(schedule, timeZone) !== undefined) {
    throw new ManifestError(`must be a valid cron schedule, got ${JSON.stringify(schedule)}: the API server rejects it; write e.g. "0 3 * * *"`, o.source, describe(o.object), 'spec.schedule');
  }
  const interval = shortestInterval(schedule);
  if (interval === undefined) return { count: 0, source: 'the schedule never fires' };
  const deadline = get(o.object, 'spec', 'jobTemplate', 'spec', 'activeDeadlineSeconds');
  if (typeof deadline !== 'number' || !Number.isInteger(deadline) || deadline < 1) {
    warn(o, `concurrencyPolicy Allow lets Jobs overlap (schedule every ${interval}s at the shortest) and no activeDeadlineSeconds bounds how long one runs: one Job is budgeted, a lower bound; set spec.jobTemplate.spec.activeDeadlineSeconds or concurrencyPolicy: Forbid`, 'spec.concurrencyPolicy');
    return { count: 1, source: 'one Job (lower bound: concurrencyPolicy Allow without activeDeadlineSeconds)' };
  }
  const count = Math.ceil(deadline / interval);
  return { count, source: `${count} overlapping Job${count === 1 ? '' : 's'} (concurrencyPolicy Allow: activeDeadlineSeconds ${deadline} / shortest interval ${interval}s)` };
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
