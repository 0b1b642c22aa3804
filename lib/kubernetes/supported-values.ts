// Port of the Kubernetes 1.27 API server's checks of enumerated fields (field.NotSupported,
// `Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"`), which the OpenAPI
// definitions the `schema` rule reads do not carry (they have no enums). Upstream, release-1.27:
//   pkg/apis/core/validation/validation.go: validateContainerCommon (terminationMessagePolicy,
//     validatePullPolicy, validateContainerPorts' protocol: supportedPortProtocols.List()),
//     ValidatePodSpec (validateRestartPolicy, validateDNSPolicy, validatePreemptionPolicy),
//     ValidatePodTemplateSpecForRC (restartPolicy must be Always), ValidateService (type:
//     supportedServiceType.List(), sessionAffinity, validateServicePort's protocol,
//     validateServiceExternalTrafficPolicy (and its Invalid `may only be set for
//     externally-accessible services` on a ClusterIP Service), validateServiceInternalTrafficFieldsValue,
//     validateServiceClusterIPsRelatedFields' ipFamilyPolicy), ValidatePersistentVolumeClaimSpec
//     (accessModes with ReadWriteOncePod, beta and on in 1.27; volumeMode);
//   pkg/apis/apps/validation/validation.go: ValidateDeploymentStrategy, ValidateStatefulSetSpec
//     (podManagementPolicy and updateStrategy are field.Invalid there; the claim retention
//     policy), ValidateDaemonSetUpdateStrategy,
//     and the `Always` restartPolicy of ValidatePodTemplateSpecForReplicaSet, ValidateDaemonSetSpec
//     and ValidateStatefulSetSpec;
//   pkg/apis/batch/validation/validation.go: validateJobSpec (restartPolicy OnFailure or Never,
//     completionMode), validateConcurrencyPolicy;
//   pkg/apis/networking/validation/validation.go: ValidateNetworkPolicyPort (protocol),
//     ValidateNetworkPolicySpec (policyTypes);
//   pkg/apis/autoscaling/validation/validation.go: validateMetricSpec (type:
//     validMetricSourceTypes.List()), validateMetricTarget (field.Invalid).
// Supported values are listed in upstream's order: sorted where upstream passes a set's List(),
// as written where it passes a literal slice.
//
// Defaults run before validation (pkg/apis/*/v1/defaults.go), so an absent field is never an
// error where it is defaulted: imagePullPolicy, terminationMessagePolicy, protocol (TCP),
// restartPolicy (Always), dnsPolicy, Service type/sessionAffinity/internalTrafficPolicy (and
// externalTrafficPolicy on NodePort/LoadBalancer), strategy and update strategy types,
// podManagementPolicy, concurrencyPolicy, completionMode, volumeMode. An empty string in a
// value-typed field is defaulted the same way; in a pointer field (volumeMode, completionMode,
// internalTrafficPolicy, NetworkPolicy protocol) it is kept and is unsupported. A Job's pods get
// restartPolicy Always by default too, which validateJobSpec then refuses (`Required value`).
//
// One finding per field: where a workload's rule on restartPolicy applies (Always for
// Deployments…, OnFailure or Never for Jobs), only that one is reported, not also
// validateRestartPolicy's. StatefulSets are checked like the other workloads although 1.27's
// ValidatePodTemplateSpecForStatefulSet skips ValidatePodTemplateSpec (and volumeClaimTemplates
// are not validated): the StatefulSet is stored, and each pod or claim it creates is refused.
// Values that are not strings are the schema rule's. Not ported: explicit "" in
// preemptionPolicy, ipFamilyPolicy and HPA metric types (kept out rather than guessed).
import { arr, at, isObject, str } from './private/json';
import type { SchedulingProblem } from './pod-scheduling-validation';

/** One problem: same shape as the other ports of validation.go (formatSchedulingProblem prints it). */
export type SupportedValueProblem = SchedulingProblem;

/** How a pod template's restartPolicy is constrained by the object that holds it. */
export enum RestartPolicyRule {
  /** A Pod or PodTemplate: validateRestartPolicy only. */
  ANY = 'any',
  /** Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController: `Always`. */
  ALWAYS = 'always',
  /** Job, CronJob: `OnFailure` or `Never`. */
  JOB = 'job',
}

/** sets.NewString(…).List(): sorted byte-wise, as Go sorts strings. */
const sorted = (values: string[]): readonly string[] => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export const PORT_PROTOCOLS = sorted(['TCP', 'UDP', 'SCTP']);
export const PULL_POLICIES = sorted(['Always', 'IfNotPresent', 'Never']);
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const JOB_RESTART_POLICIES = ['OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const SERVICE_TYPES = sorted(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
const SESSION_AFFINITIES = sorted(['ClientIP', 'None']);
const EXTERNAL_TRAFFIC_POLICIES = sorted(['Cluster', 'Local']);
const INTERNAL_TRAFFIC_POLICIES = sorted(['Cluster', 'Local']);
const IP_FAMILY_POLICIES = sorted(['SingleStack', 'PreferDualStack', 'RequireDualStack']);
const ACCESS_MODES = sorted(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
const VOLUME_MODES = sorted(['Block', 'Filesystem']);
const DEPLOYMENT_STRATEGIES = ['Recreate', 'RollingUpdate'];
const PVC_RETENTION_POLICIES = ['Retain', 'Delete'];
const DAEMONSET_STRATEGIES = ['RollingUpdate', 'OnDelete'];
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
const COMPLETION_MODES = ['NonIndexed', 'Indexed'];
const NETWORK_POLICY_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];
const METRIC_SOURCE_TYPES = sorted(['Object', 'Pods', 'Resource', 'External', 'ContainerResource']);
const METRIC_TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'];

/** Go's %q of a string (strconv.Quote); JSON agrees for the printable ASCII that manifests hold. */
const quote = (v: string): string => JSON.stringify(v);
const list = (values: readonly string[]): string => values.map(quote).join(', ');

/** The fix: the supported value that differs only in case (`tcp` → "TCP"), or the list. */
function fixFor(value: string, values: readonly string[], unset?: string): string {
  const near = values.find((v) => v.toLowerCase() === value.toLowerCase());
  if (near) return `use ${quote(near)}`;
  const one = values.length === 1 ? `use ${quote(values[0])}` : `use one of ${list(values)}`;
  return unset ? `${one}, or leave it out (${unset})` : one;
}

/** field.NotSupported as ErrorBody prints it, with a fix. */
export function notSupported(field: string, value: string, values: readonly string[], unset?: string): SupportedValueProblem {
  return { field, value: '', message: `Unsupported value: ${quote(value)}: supported values: ${list(values)}`, fix: fixFor(value, values, unset) };
}

/** A string field checked against `values`; absent (and, where `emptyIsDefaulted`, "") is fine. */
function check(out: SupportedValueProblem[], field: string, value: unknown, values: readonly string[], emptyIsDefaulted: boolean, unset?: string): void {
  if (typeof value !== 'string' || (emptyIsDefaulted && value === '')) return;
  if (!values.includes(value)) out.push(notSupported(field, value, values, unset));
}

/**
 * The enumerated fields of a pod spec (ValidatePodSpec, validateContainerCommon), fields relative
 * to the pod (`spec.containers[0].imagePullPolicy`), with the restartPolicy rule of its workload.
 */
export function validatePodSpecValues(spec: unknown, rule: RestartPolicyRule = RestartPolicyRule.ANY): SupportedValueProblem[] {
  const out: SupportedValueProblem[] = [];
  for (const containers of ['initContainers', 'containers']) {
    arr(at(spec, containers)).forEach((c, i) => {
      const f = `spec.${containers}[${i}]`;
      check(out, `${f}.terminationMessagePolicy`, at(c, 'terminationMessagePolicy'), TERMINATION_MESSAGE_POLICIES, true, 'it defaults to "File"');
      arr(at(c, 'ports')).forEach((p, j) => {
        check(out, `${f}.ports[${j}].protocol`, at(p, 'protocol'), PORT_PROTOCOLS, true, 'it defaults to "TCP"');
      });
      check(out, `${f}.imagePullPolicy`, at(c, 'imagePullPolicy'), PULL_POLICIES, true, 'it defaults from the image tag');
    });
  }
  const restart = at(spec, 'restartPolicy');
  if (rule === RestartPolicyRule.JOB) {
    // validateJobSpec: "" is defaulted to Always first (SetDefaults_PodSpec), so both are Required.
    if (restart === undefined || restart === null || restart === 'Always' || restart === '') {
      out.push({
        field: 'spec.restartPolicy', value: '', message: `Required value: valid values: ${list(JOB_RESTART_POLICIES)}`,
        fix: 'set restartPolicy to "OnFailure" (retry in the same pod) or "Never" (a new pod per retry)',
      });
    } else if (typeof restart === 'string' && !JOB_RESTART_POLICIES.includes(restart)) {
      out.push(notSupported('spec.restartPolicy', restart, JOB_RESTART_POLICIES));
    }
  } else if (rule === RestartPolicyRule.ALWAYS) {
    if (typeof restart === 'string' && restart !== '' && restart !== 'Always') {
      out.push(notSupported('spec.restartPolicy', restart, ['Always'], 'it defaults to "Always"'));
    }
  } else {
    check(out, 'spec.restartPolicy', restart, RESTART_POLICIES, true, 'it defaults to "Always"');
  }
  check(out, 'spec.dnsPolicy', at(spec, 'dnsPolicy'), DNS_POLICIES, true, 'it defaults to "ClusterFirst"');
  check(out, 'spec.preemptionPolicy', at(spec, 'preemptionPolicy'), PREEMPTION_POLICIES, true, 'it comes from the PriorityClass');
  return out;
}

/** Go's %#v of an internal strategy struct whose RollingUpdate pointer is nil or set. */
function goStruct(type: string, value: string, rollingUpdateType: string, rollingUpdate: unknown): string {
  const pointer = rollingUpdate === undefined || rollingUpdate === null ? 'nil' : '0x…';
  return `apps.${type}{Type:${quote(value)}, RollingUpdate:(*apps.${rollingUpdateType})(${pointer})}`;
}

/** ValidatePersistentVolumeClaimSpec's accessModes and volumeMode, for a claim spec at `base`. */
function validateClaimSpec(spec: unknown, base: string, out: SupportedValueProblem[]): void {
  for (const mode of arr(at(spec, 'accessModes'))) {
    if (typeof mode === 'string' && !ACCESS_MODES.includes(mode)) out.push(notSupported(`${base}.accessModes`, mode, ACCESS_MODES));
  }
  check(out, `${base}.volumeMode`, at(spec, 'volumeMode'), VOLUME_MODES, false, 'it defaults to "Filesystem"');
}

function validateService(s: unknown, out: SupportedValueProblem[]): void {
  const type = at(s, 'spec', 'type');
  check(out, 'spec.type', type, SERVICE_TYPES, true, 'it defaults to "ClusterIP"');
  check(out, 'spec.sessionAffinity', at(s, 'spec', 'sessionAffinity'), SESSION_AFFINITIES, true, 'it defaults to "None"');
  arr(at(s, 'spec', 'ports')).forEach((p, i) => {
    check(out, `spec.ports[${i}].protocol`, at(p, 'protocol'), PORT_PROTOCOLS, true, 'it defaults to "TCP"');
  });
  const ipFamilyPolicy = at(s, 'spec', 'ipFamilyPolicy');
  if (type !== 'ExternalName' && ipFamilyPolicy !== '') {
    check(out, 'spec.ipFamilyPolicy', ipFamilyPolicy, IP_FAMILY_POLICIES, true, 'it defaults to "SingleStack"');
  }
  // validateServiceExternalTrafficPolicy: supported values only on externally-accessible
  // Services (NodePort, LoadBalancer, or ClusterIP with externalIPs); elsewhere it is Invalid.
  const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer'
    || ((type === undefined || type === '' || type === 'ClusterIP') && arr(at(s, 'spec', 'externalIPs')).length > 0);
  const etp = at(s, 'spec', 'externalTrafficPolicy');
  if (externallyAccessible) {
    check(out, 'spec.externalTrafficPolicy', etp, EXTERNAL_TRAFFIC_POLICIES, true, 'it defaults to "Cluster"');
  } else if (type !== 'ExternalName' && typeof etp === 'string' && etp !== '') {
    out.push({
      field: 'spec.externalTrafficPolicy', value: quote(etp), message: 'may only be set for externally-accessible services',
      fix: 'remove externalTrafficPolicy: it applies to NodePort and LoadBalancer Services, and to ClusterIP Services with externalIPs',
    });
  }
  check(out, 'spec.internalTrafficPolicy', at(s, 'spec', 'internalTrafficPolicy'), INTERNAL_TRAFFIC_POLICIES, false, 'it defaults to "Cluster"');
}

function validateDeploymentStrategy(d: unknown, out: SupportedValueProblem[]): void {
  const strategy = at(d, 'spec', 'strategy');
  const type = at(strategy, 'type');
  if (typeof type !== 'string' || type === '') return; // SetDefaults_Deployment: RollingUpdate
  if (type === 'Recreate') {
    if (isObject(at(strategy, 'rollingUpdate'))) {
      out.push({ field: 'spec.strategy.rollingUpdate', value: '', message: "Forbidden: may not be specified when strategy `type` is 'Recreate'", fix: 'remove rollingUpdate, or use type RollingUpdate' });
    }
  } else if (type !== 'RollingUpdate') {
    // NotSupported(fldPath, strategy, …): the whole struct is the bad value.
    const value = goStruct('DeploymentStrategy', type, 'RollingUpdateDeployment', at(strategy, 'rollingUpdate'));
    out.push({ field: 'spec.strategy', value: '', message: `Unsupported value: ${value}: supported values: ${list(DEPLOYMENT_STRATEGIES)}`, fix: `set strategy.type: ${fixFor(type, DEPLOYMENT_STRATEGIES, 'it defaults to "RollingUpdate"')}` });
  }
}

function validateStatefulSet(s: unknown, out: SupportedValueProblem[]): void {
  const policy = at(s, 'spec', 'podManagementPolicy');
  if (typeof policy === 'string' && policy !== '' && policy !== 'OrderedReady' && policy !== 'Parallel') {
    out.push({ field: 'spec.podManagementPolicy', value: quote(policy), message: "must be 'OrderedReady' or 'Parallel'", fix: fixFor(policy, ['OrderedReady', 'Parallel'], 'it defaults to "OrderedReady"') });
  }
  const strategy = at(s, 'spec', 'updateStrategy');
  const type = at(strategy, 'type');
  if (typeof type === 'string' && type !== '' && type !== 'RollingUpdate' && type !== 'OnDelete') {
    out.push({
      field: 'spec.updateStrategy', value: goStruct('StatefulSetUpdateStrategy', type, 'RollingUpdateStatefulSetStrategy', at(strategy, 'rollingUpdate')),
      message: "must be 'RollingUpdate' or 'OnDelete'", fix: `set updateStrategy.type: ${fixFor(type, ['RollingUpdate', 'OnDelete'], 'it defaults to "RollingUpdate"')}`,
    });
  }
  // ValidatePersistentVolumeClaimRetentionPolicy (StatefulSetAutoDeletePVC, beta and on in 1.27);
  // SetDefaults_StatefulSet fills an empty policy with Retain.
  for (const when of ['whenDeleted', 'whenScaled']) {
    check(out, `spec.persistentVolumeClaimRetentionPolicy.${when}`, at(s, 'spec', 'persistentVolumeClaimRetentionPolicy', when), PVC_RETENTION_POLICIES, true, 'it defaults to "Retain"');
  }
  arr(at(s, 'spec', 'volumeClaimTemplates')).forEach((t, i) => validateClaimSpec(at(t, 'spec'), `spec.volumeClaimTemplates[${i}].spec`, out));
}

function validateDaemonSet(d: unknown, out: SupportedValueProblem[]): void {
  const strategy = at(d, 'spec', 'updateStrategy');
  const type = at(strategy, 'type');
  if (typeof type === 'string' && type !== '' && !DAEMONSET_STRATEGIES.includes(type)) {
    const value = goStruct('DaemonSetUpdateStrategy', type, 'RollingUpdateDaemonSet', at(strategy, 'rollingUpdate'));
    out.push({ field: 'spec.updateStrategy', value: '', message: `Unsupported value: ${value}: supported values: ${list(DAEMONSET_STRATEGIES)}`, fix: `set updateStrategy.type: ${fixFor(type, DAEMONSET_STRATEGIES, 'it defaults to "RollingUpdate"')}` });
  }
}

function validateJobSpec(spec: unknown, base: string, out: SupportedValueProblem[]): void {
  check(out, `${base}.completionMode`, at(spec, 'completionMode'), COMPLETION_MODES, false, 'it defaults to "NonIndexed"');
}

function validateNetworkPolicy(np: unknown, out: SupportedValueProblem[]): void {
  for (const direction of ['ingress', 'egress']) {
    arr(at(np, 'spec', direction)).forEach((rule, i) => {
      arr(at(rule, 'ports')).forEach((p, j) => {
        check(out, `spec.${direction}[${i}].ports[${j}].protocol`, at(p, 'protocol'), NETWORK_POLICY_PROTOCOLS, false, 'it defaults to "TCP"');
      });
    });
  }
  const types = arr(at(np, 'spec', 'policyTypes'));
  if (types.length > POLICY_TYPES.length) return; // Invalid: may not specify more than two policyTypes (not ported)
  types.forEach((t, i) => check(out, `spec.policyTypes[${i}]`, t, POLICY_TYPES, false));
}

/** validateMetricSpec's type and, for the first source present, validateMetricTarget's type. */
function validateHpaMetrics(hpa: unknown, out: SupportedValueProblem[]): void {
  arr(at(hpa, 'spec', 'metrics')).forEach((m, i) => {
    const f = `spec.metrics[${i}]`;
    const type = at(m, 'type');
    if (typeof type === 'string' && type !== '' && !METRIC_SOURCE_TYPES.includes(type)) out.push(notSupported(`${f}.type`, type, METRIC_SOURCE_TYPES));
    const source = ['object', 'external', 'pods', 'resource', 'containerResource'].find((k) => isObject(at(m, k)));
    if (!source) return;
    const targetType = at(m, source, 'target', 'type');
    if (typeof targetType === 'string' && targetType !== '' && !METRIC_TARGET_TYPES.includes(targetType)) {
      out.push({ field: `${f}.${source}.target.type`, value: quote(targetType), message: 'must be either Utilization, Value, or AverageValue', fix: fixFor(targetType, METRIC_TARGET_TYPES) });
    }
  });
}

/**
 * The enumerated fields of an object outside its pod template (Service, Deployment, StatefulSet,
 * DaemonSet, Job, CronJob, PersistentVolumeClaim, NetworkPolicy, HorizontalPodAutoscaler), fields
 * relative to the object.
 */
export function validateObjectValues(manifest: unknown, group: string, kind: string): SupportedValueProblem[] {
  const out: SupportedValueProblem[] = [];
  const id = `${group}/${kind}`;
  if (id === '/Service') validateService(manifest, out);
  else if (id === '/PersistentVolumeClaim') validateClaimSpec(at(manifest, 'spec'), 'spec', out);
  else if (id === 'apps/Deployment') validateDeploymentStrategy(manifest, out);
  else if (id === 'apps/StatefulSet') validateStatefulSet(manifest, out);
  else if (id === 'apps/DaemonSet') validateDaemonSet(manifest, out);
  else if (id === 'batch/Job') validateJobSpec(at(manifest, 'spec'), 'spec', out);
  else if (id === 'batch/CronJob') {
    check(out, 'spec.concurrencyPolicy', at(manifest, 'spec', 'concurrencyPolicy'), CONCURRENCY_POLICIES, true, 'it defaults to "Allow"');
    validateJobSpec(at(manifest, 'spec', 'jobTemplate', 'spec'), 'spec.jobTemplate.spec', out);
  } else if (id === 'networking.k8s.io/NetworkPolicy') validateNetworkPolicy(manifest, out);
  else if (id === 'autoscaling/HorizontalPodAutoscaler' && str(at(manifest, 'apiVersion')) !== 'autoscaling/v1') validateHpaMetrics(manifest, out);
  return out;
}

/** The restartPolicy rule for the pod template of a `group/kind`. */
export function restartPolicyRule(group: string, kind: string): RestartPolicyRule {
  const id = `${group}/${kind}`;
  if (id === 'batch/Job' || id === 'batch/CronJob') return RestartPolicyRule.JOB;
  if (['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', '/ReplicationController'].includes(id)) return RestartPolicyRule.ALWAYS;
  return RestartPolicyRule.ANY;
}
