// Rule `api-validation`: what the Kubernetes 1.27 API server's validation rejects beyond the
// schema, checked at synth so a GitOps sync never fails far from the line that caused it.
// Each check is a port in lib/kubernetes/ (named there after its upstream function):
//   - container resources (ValidateResourceRequirements): negative quantities, requests above
//     limits, extended resources and hugepages that are overcommitted or fractional;
//   - ConfigMap and Secret data over 1 MiB (ValidateConfigMap, ValidateSecret), a ConfigMap key
//     in both data and binaryData, and any object over etcd's 1.5 MiB request limit;
//   (Ingress hosts and paths: rules/ingress.ts, part of the `names` rule);
//   - CronJob `timeZone` (validateTimeZone: in the tz database, case-sensitive; not `Local`);
//   - port numbers (lib/kubernetes/port-validation.ts): Service ports, targetPorts (0 defaults
//     to port) and nodePorts (validateServicePort, ValidateService: none on a ClusterIP Service,
//     no duplicates), container ports (0 is `Required value`) and hostPorts (0 is unset)
//     (validateContainerPorts);
//   - nodeSelector, node and pod (anti-)affinity, topology spread and tolerations
//     (ValidatePodSpec), and an HPA's replica bounds: minReplicas below 1, maxReplicas below 1
//     or below minReplicas (lib/kubernetes/pod-scheduling-validation.ts);
//   - Deployment, DaemonSet and StatefulSet rolling updates (ValidateRollingUpdateDeployment,
//     ValidateRollingUpdateDaemonSet, validateRollingUpdateStatefulSet:
//     lib/kubernetes/rolling-update-validation.ts): a negative or malformed maxSurge or
//     maxUnavailable, both 0, over 100%, a negative partition.
import { Rule } from '../rule';
import { arr, at, obj } from '../../kubernetes/private/json';
import { rebase } from '../../manifests/pod-template';
import {
  configMapDataSize, MAX_REQUEST_BYTES, MAX_SECRET_SIZE, objectSize, secretDataSize, tooLongError,
} from '../../kubernetes/object-size';
import { validateResourceRequirements } from '../../kubernetes/resource-requirements';
import { validateTimeZone } from '../../kubernetes/time-zone';
import { validateContainerPorts, validateServicePorts } from '../../kubernetes/port-validation';
import { validateHpaReplicas, validatePodScheduling } from '../../kubernetes/pod-scheduling-validation';
import { validateRollingUpdate } from '../../kubernetes/rolling-update-validation';
import { restartPolicyRule, validateObjectValues, validatePodSpecValues } from '../../kubernetes/supported-values';
import { CheckedObject, RuleContext } from './context';

const CONTAINER_LISTS = ['initContainers', 'containers'];

export function checkApiValidation(ctx: RuleContext): void {
  for (const o of ctx.objects) {
    checkResources(ctx, o);
    checkDataSize(ctx, o);
    checkCronJob(ctx, o);
    checkPorts(ctx, o);
    checkScheduling(ctx, o);
    checkSupportedValues(ctx, o);
    checkRollingUpdate(ctx, o);
    checkObjectSize(ctx, o);
  }
}

function report(ctx: RuleContext, o: CheckedObject, field: string, value: string, message: string, fix: string): void {
  const shown = value === '' ? '' : ` ${value}`;
  ctx.report(Rule.API_VALIDATION, o, field, `${field}${shown} is invalid: ${message}; ${fix}`);
}

function checkResources(ctx: RuleContext, o: CheckedObject): void {
  const template = o.podTemplate;
  if (!template) return;
  for (const list of CONTAINER_LISTS) {
    arr(template.spec[list]).forEach((container, i) => {
      const base = rebase(template, `spec.${list}[${i}].resources`);
      for (const p of validateResourceRequirements(at(container, 'resources'))) {
        report(ctx, o, p.field ? `${base}.${p.field}` : base, p.value, p.message, p.fix);
      }
    });
  }
}

function checkDataSize(ctx: RuleContext, o: CheckedObject): void {
  if (o.group !== '') return;
  if (o.kind === 'ConfigMap') {
    const data = obj(o.manifest.data) ?? {};
    const binaryData = obj(o.manifest.binaryData) ?? {};
    for (const key of Object.keys(data)) {
      if (Object.hasOwn(binaryData, key)) {
        report(ctx, o, `data[${key}]`, JSON.stringify(key), 'duplicate of key present in binaryData', 'keep the key in one of data and binaryData');
      }
    }
    const size = configMapDataSize(data, binaryData);
    if (size > MAX_SECRET_SIZE) {
      report(ctx, o, 'data', '', `${tooLongError(MAX_SECRET_SIZE)} (data and binaryData hold ${size})`, 'split the ConfigMap, or mount large files from a volume or an image');
    }
  } else if (o.kind === 'Secret') {
    const size = secretDataSize(obj(o.manifest.data) ?? {}, obj(o.manifest.stringData) ?? {});
    if (size > MAX_SECRET_SIZE) {
      report(ctx, o, 'data', '', `${tooLongError(MAX_SECRET_SIZE)} (data and stringData hold ${size})`, 'split the Secret');
    }
  }
}

function checkObjectSize(ctx: RuleContext, o: CheckedObject): void {
  const size = objectSize(o.manifest);
  if (size > MAX_REQUEST_BYTES) {
    ctx.report(Rule.API_VALIDATION, o, '', `the object is ${size} bytes, over etcd's default request limit of ${MAX_REQUEST_BYTES} bytes (1.5 MiB), `
      + 'so the API server cannot store it (etcdserver: request is too large): split it into smaller objects');
  }
}

function checkCronJob(ctx: RuleContext, o: CheckedObject): void {
  if (o.group !== 'batch' || o.kind !== 'CronJob') return;
  const timeZone = at(o.manifest, 'spec', 'timeZone');
  if (typeof timeZone !== 'string') return; // nil is valid; other types are the schema's
  for (const m of validateTimeZone(timeZone)) {
    report(ctx, o, 'spec.timeZone', JSON.stringify(timeZone), m, 'use a tz database name such as "Europe/Berlin" or "Etc/UTC", spelled with its exact case');
  }
}

function checkPorts(ctx: RuleContext, o: CheckedObject): void {
  const problems = o.group === '' && o.kind === 'Service' ? validateServicePorts(o.manifest) : [];
  const template = o.podTemplate;
  if (template) {
    for (const list of CONTAINER_LISTS) {
      arr(template.spec[list]).forEach((container, i) => {
        for (const p of validateContainerPorts(at(container, 'ports'), rebase(template, `spec.${list}[${i}].ports`))) problems.push(p);
      });
    }
  }
  for (const p of problems) {
    report(ctx, o, p.field, p.value, p.message, p.fix);
  }
}

function checkScheduling(ctx: RuleContext, o: CheckedObject): void {
  const template = o.podTemplate;
  const problems = template ? validatePodScheduling(template.spec).map((p) => ({ ...p, field: rebase(template, p.field) }))
    : o.group === 'autoscaling' && o.kind === 'HorizontalPodAutoscaler' ? validateHpaReplicas(o.manifest) : [];
  for (const p of problems) {
    report(ctx, o, p.field, p.value, p.message, p.fix);
  }
}

function checkSupportedValues(ctx: RuleContext, o: CheckedObject): void {
  const problems = validateObjectValues(o.manifest, o.group, o.kind);
  const template = o.podTemplate;
  if (template) {
    for (const p of validatePodSpecValues(template.spec, restartPolicyRule(o.group, o.kind))) problems.push({ ...p, field: rebase(template, p.field) });
  }
  for (const p of problems) {
    report(ctx, o, p.field, p.value, p.message, p.fix);
  }
}

function checkRollingUpdate(ctx: RuleContext, o: CheckedObject): void {
  for (const p of validateRollingUpdate(o.manifest, o.group, o.kind)) {
    report(ctx, o, p.field, p.value, p.message, p.fix);
  }
}
