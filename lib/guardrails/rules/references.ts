// Rule `references`: names that point at other objects resolve within the checked set —
// Service selectors and named targetPorts, Ingress backends, HPA scale targets, PDB selectors,
// probe ports, the ConfigMaps/Secrets a pod mounts or reads and its ServiceAccount (unless
// declared external).
// Semantics follow the consumers in Kubernetes 1.27: the endpoints controller (FindPort: a named targetPort is
// looked up by name and protocol in the pod's containers), kubelet (probe.ResolveContainerPort:
// a named probe port is looked up in the probed container, a numeric string is a number).
import { ExternalKind } from '../policy';
import { Rule } from '../rule';
import { arr, at, bool, JsonObject, joinQuote, num, obj, str, stringMap } from '../../kubernetes/private/json';
import { apiGroup } from '../../kubernetes/private/json';
import { formatSelector, InvalidSelectorError, LabelMatcher, labelSelectorMatcher, setMatcher } from '../../kubernetes/label-selector';
import { CheckedObject, inNamespace, RuleContext } from './context';

export function checkReferences(ctx: RuleContext): void {
  for (const o of ctx.objects) {
    if (o.group === '' && o.kind === 'Service') {
      checkService(ctx, o);
    } else if (o.group === 'networking.k8s.io' && o.kind === 'Ingress') {
      checkIngress(ctx, o);
    } else if (o.group === 'autoscaling' && o.kind === 'HorizontalPodAutoscaler') {
      checkScaleTarget(ctx, o);
    } else if (o.group === 'policy' && o.kind === 'PodDisruptionBudget') {
      checkDisruptionBudget(ctx, o);
    }
    if (o.podTemplate) {
      checkProbes(ctx, o);
      checkConfigReferences(ctx, o);
    }
  }
}

function report(ctx: RuleContext, o: CheckedObject, field: string, message: string): void {
  ctx.report(Rule.REFERENCES, o, field, message);
}

function checkService(ctx: RuleContext, o: CheckedObject): void {
  const spec = obj(o.manifest.spec) ?? {};
  const selector = stringMap(spec.selector);
  if (spec.type === 'ExternalName' || Object.keys(selector).length === 0) {
    return; // no selector: endpoints are managed by hand
  }
  // The endpoints controller selects with labels.SelectorFromSet: plain equality, no validation.
  const matches = setMatcher(selector);
  const selected = ctx.workloadsIn(o.namespace).filter((w) => matches(stringMap(w.podTemplate!.metadata.labels)));
  if (selected.length === 0) {
    report(ctx, o, 'spec.selector', `spec.selector ${formatSelector({ matchLabels: selector })} matches no pod template ${inNamespace(o.namespace)}: `
      + 'set it to the pod labels (spec.template.metadata.labels) of the workload the Service serves');
    return;
  }
  arr(spec.ports).forEach((p, i) => {
    const targetPort = obj(p)?.targetPort;
    if (typeof targetPort !== 'string' || /^[0-9]+$/.test(targetPort)) {
      return;
    }
    const protocol = str(obj(p)?.protocol) ?? 'TCP';
    for (const w of selected) {
      const found = arr(w.podTemplate!.spec.containers).some((c) => arr(obj(c)?.ports)
        .some((cp) => str(obj(cp)?.name) === targetPort && (str(obj(cp)?.protocol) ?? 'TCP') === protocol));
      if (!found) {
        const field = `spec.ports[${i}].targetPort`;
        report(ctx, o, field, `${field} "${targetPort}" names no ${protocol} container port of ${w.label}: `
          + `name a container port "${targetPort}" (${w.podTemplate!.specPath}.containers[*].ports[*].name) or use the port number`);
      }
    }
  });
}

function checkIngress(ctx: RuleContext, o: CheckedObject): void {
  const backends: Array<[string, unknown]> = [['spec.defaultBackend', at(o.manifest, 'spec', 'defaultBackend')]];
  arr(at(o.manifest, 'spec', 'rules')).forEach((rule, i) => {
    arr(at(rule, 'http', 'paths')).forEach((p, j) => backends.push([`spec.rules[${i}].http.paths[${j}].backend`, obj(p)?.backend]));
  });
  for (const [path, backend] of backends) {
    const service = obj(at(backend, 'service'));
    const name = str(service?.name);
    if (!service || name === undefined) {
      continue; // no backend, or a resource backend
    }
    const target = ctx.find('', 'Service', o.namespace, name);
    if (!target) {
      report(ctx, o, `${path}.service.name`, `${path}.service.name "${name}" names no Service ${inNamespace(o.namespace)}: `
        + 'add the Service to the app or fix the name');
      continue;
    }
    if (at(target.manifest, 'spec', 'type') === 'ExternalName') {
      continue;
    }
    const ports = arr(at(target.manifest, 'spec', 'ports')).map((p) => obj(p) ?? {});
    const available = ports.map((p) => (str(p.name) ? `${num(p.port)} (${str(p.name)})` : `${num(p.port)}`)).join(', ') || 'none';
    const number = num(at(service, 'port', 'number'));
    const portName = str(at(service, 'port', 'name'));
    if (number !== undefined && !ports.some((p) => num(p.port) === number)) {
      report(ctx, o, `${path}.service.port.number`, `${path}.service.port.number ${number} is not a port of ${target.label} `
        + `(ports: ${available}): use one of its ports`);
    } else if (portName !== undefined && !ports.some((p) => str(p.name) === portName)) {
      report(ctx, o, `${path}.service.port.name`, `${path}.service.port.name "${portName}" is not a port name of ${target.label} `
        + `(ports: ${available}): use one of its port names`);
    }
  }
}

function checkScaleTarget(ctx: RuleContext, o: CheckedObject): void {
  const ref = obj(at(o.manifest, 'spec', 'scaleTargetRef'));
  const kind = str(ref?.kind);
  const name = str(ref?.name);
  if (!ref || kind === undefined || name === undefined) {
    return; // the schema rule reports missing required fields
  }
  const apiVersion = str(ref.apiVersion);
  const found = apiVersion !== undefined
    ? ctx.find(apiGroup(apiVersion), kind, o.namespace, name)
    : ctx.objects.find((x) => x.kind === kind && x.namespace === o.namespace && x.name === name);
  if (!found) {
    report(ctx, o, 'spec.scaleTargetRef', `spec.scaleTargetRef ${apiVersion ? `${apiVersion} ` : ''}${kind} "${name}" names no object `
      + `${inNamespace(o.namespace)}: point it at a workload of the app`);
  }
}

function checkDisruptionBudget(ctx: RuleContext, o: CheckedObject): void {
  const selector = obj(at(o.manifest, 'spec', 'selector'));
  if (!selector) {
    report(ctx, o, 'spec.selector', 'spec.selector is not set, so the PodDisruptionBudget protects no pods: '
      + 'set it to the pod labels (spec.template.metadata.labels) of the workload it protects');
    return;
  }
  const labelSelector = {
    matchLabels: stringMap(selector.matchLabels),
    matchExpressions: arr(selector.matchExpressions).map((r) => ({
      key: str(obj(r)?.key) ?? '',
      operator: str(obj(r)?.operator) ?? '',
      values: arr(obj(r)?.values).map(String),
    })),
  };
  // The disruption controller selects with metav1.LabelSelectorAsSelector, which rejects what
  // labels.NewRequirement rejects (the API server's validation rejects the same selectors).
  let matches: LabelMatcher;
  try {
    matches = labelSelectorMatcher(labelSelector);
  } catch (e) {
    if (!(e instanceof InvalidSelectorError)) throw e;
    report(ctx, o, 'spec.selector', `spec.selector ${formatSelector(labelSelector)} is invalid: ${e.message}: `
      + 'the API server rejects it; fix the expression (In and NotIn need values, Exists and DoesNotExist take none)');
    return;
  }
  const selected = ctx.workloadsIn(o.namespace).some((w) => matches(stringMap(w.podTemplate!.metadata.labels)));
  if (!selected) {
    report(ctx, o, 'spec.selector', `spec.selector ${formatSelector(labelSelector)} matches no pod template ${inNamespace(o.namespace)}: `
      + 'set it to the pod labels (spec.template.metadata.labels) of the workload it protects');
  }
}

function checkProbes(ctx: RuleContext, o: CheckedObject): void {
  const template = o.podTemplate!;
  arr(template.spec.containers).forEach((c, i) => {
    const container = obj(c) ?? {};
    const ports = arr(container.ports).map((p) => obj(p) ?? {});
    const containerName = str(container.name) ?? '';
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
        const port = at(container, probe, handler, 'port');
        const field = `${template.specPath}.containers[${i}].${probe}.${handler}.port`;
        // A named port must be a port of the probed container (kubelet's ResolveContainerPort
        // fails the probe otherwise); a number needs no declaration: containerPort is
        // informational and the kubelet probes any port the process listens on.
        if (typeof port === 'string' && !/^[0-9]+$/.test(port) && !ports.some((p) => str(p.name) === port)) {
          report(ctx, o, field, `${field} "${port}" is not the name of a port of container "${containerName}" `
            + `(${describePorts(ports)}): name one of its ports "${port}" or probe the port number`);
        }
      }
    }
  });
}

function describePorts(ports: readonly JsonObject[]): string {
  if (ports.length === 0) {
    return 'it declares no ports';
  }
  return `ports: ${ports.map((p) => (str(p.name) ? `${num(p.containerPort)} (${str(p.name)})` : `${num(p.containerPort)}`)).join(', ')}`;
}

interface ConfigReference {
  readonly kind: ExternalKind;
  readonly name: string;
  readonly field: string;
  readonly optional: boolean;
  readonly key?: string;
}

function checkConfigReferences(ctx: RuleContext, o: CheckedObject): void {
  for (const ref of configReferences(o)) {
    if (ref.optional) {
      continue; // kubelet starts the pod without it
    }
    const target = ctx.find('', ref.kind, o.namespace, ref.name);
    if (!target) {
      if (!o.policy.isExternal(ref.kind, ref.name)) {
        const kindKey = Object.entries(ExternalKind).find(([, v]) => v === ref.kind)![0];
        report(ctx, o, ref.field, `${ref.field} "${ref.name}" names no ${ref.kind} ${inNamespace(o.namespace)}: add the ${ref.kind} to the app `
          + `or declare it with Guardrails.of(scope).declareExternal(ExternalKind.${kindKey}, "${ref.name}")`);
      }
      continue;
    }
    if (ref.key !== undefined) {
      const dataFields = ref.kind === ExternalKind.SECRET ? ['data', 'stringData'] : ['data', 'binaryData'];
      const keys = dataFields.flatMap((f) => Object.keys(obj(target.manifest[f]) ?? {}));
      if (!keys.includes(ref.key)) {
        const keyField = ref.field.replace(/\.name$/, '.key');
        report(ctx, o, keyField, `${keyField} "${ref.key}" is not a key of ${target.label} (keys: ${joinQuote(keys) || 'none'}): `
          + `use one of its keys or add "${ref.key}" to it`);
      }
    }
  }
}

function configReferences(o: CheckedObject): ConfigReference[] {
  const template = o.podTemplate!;
  const spec = template.spec;
  const base = template.specPath;
  const refs: ConfigReference[] = [];
  const add = (kind: ExternalKind, source: unknown, nameKey: string, field: string, key?: string) => {
    const name = str(obj(source)?.[nameKey]);
    if (name !== undefined) {
      refs.push({ kind, name, field: `${field}.${nameKey}`, optional: bool(obj(source)?.optional) === true, key });
    }
  };
  arr(spec.volumes).forEach((v, i) => {
    const path = `${base}.volumes[${i}]`;
    add(ExternalKind.CONFIG_MAP, at(v, 'configMap'), 'name', `${path}.configMap`);
    add(ExternalKind.SECRET, at(v, 'secret'), 'secretName', `${path}.secret`);
    arr(at(v, 'projected', 'sources')).forEach((s, j) => {
      add(ExternalKind.CONFIG_MAP, at(s, 'configMap'), 'name', `${path}.projected.sources[${j}].configMap`);
      add(ExternalKind.SECRET, at(s, 'secret'), 'name', `${path}.projected.sources[${j}].secret`);
    });
  });
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[list]).forEach((c, i) => {
      const path = `${base}.${list}[${i}]`;
      arr(obj(c)?.envFrom).forEach((e, j) => {
        add(ExternalKind.CONFIG_MAP, at(e, 'configMapRef'), 'name', `${path}.envFrom[${j}].configMapRef`);
        add(ExternalKind.SECRET, at(e, 'secretRef'), 'name', `${path}.envFrom[${j}].secretRef`);
      });
      arr(obj(c)?.env).forEach((e, j) => {
        const cm = at(e, 'valueFrom', 'configMapKeyRef');
        const secret = at(e, 'valueFrom', 'secretKeyRef');
        add(ExternalKind.CONFIG_MAP, cm, 'name', `${path}.env[${j}].valueFrom.configMapKeyRef`, str(obj(cm)?.key));
        add(ExternalKind.SECRET, secret, 'name', `${path}.env[${j}].valueFrom.secretKeyRef`, str(obj(secret)?.key));
      });
    });
  }
  arr(spec.imagePullSecrets).forEach((s, i) => add(ExternalKind.SECRET, s, 'name', `${base}.imagePullSecrets[${i}]`));
  // The pod's ServiceAccount (admission rejects the pod when it does not exist); `default` is
  // created in every namespace by the ServiceAccount controller. `serviceAccount` is the
  // deprecated alias the API server still reads when `serviceAccountName` is empty.
  const serviceAccountField = str(spec.serviceAccountName) ? 'serviceAccountName' : 'serviceAccount';
  const serviceAccount = str(spec[serviceAccountField]);
  if (serviceAccount !== undefined && serviceAccount !== '' && serviceAccount !== 'default') {
    refs.push({ kind: ExternalKind.SERVICE_ACCOUNT, name: serviceAccount, field: `${base}.${serviceAccountField}`, optional: false });
  }
  return refs;
}
