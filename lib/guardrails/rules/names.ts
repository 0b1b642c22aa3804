// Rule `names`: the string formats the API server enforces on names (per kind), namespaces,
// labels, annotations, container/port/volume names, env var names and ConfigMap/Secret keys,
// with upstream's error text (see lib/kubernetes/validation.ts, lib/kubernetes/object-names.ts).
import { Rule } from '../rule';
import { arr, at, obj, str } from '../../kubernetes/private/json';
import {
  goLen, isConfigMapKey, isDNS1123Label, isEnvVarName, isQualifiedName, isValidLabelValue, isValidPortName,
  TOTAL_ANNOTATION_SIZE_LIMIT_B,
} from '../../kubernetes/validation';
import { NameFormat, nameFormatOf, validateNameFormat, validateObjectName } from '../../kubernetes/object-names';
import { CheckedObject, RuleContext } from './context';

export function checkNames(ctx: RuleContext): void {
  for (const o of ctx.objects) {
    const report = (field: string, message: string) => ctx.report(Rule.NAMES, o, field, message);
    checkObjectMeta(o, report);
    if (o.podTemplate) {
      checkLabelsAndAnnotations(o.podTemplate.metadata, o.podTemplate.metadataPath, report);
      checkPodSpec(o.podTemplate.spec, o.podTemplate.specPath, report);
    }
    checkLabels(at(o.manifest, 'spec', 'selector', 'matchLabels'), 'spec.selector.matchLabels', report);
    if (o.group === '' && o.kind === 'Service') {
      checkLabels(at(o.manifest, 'spec', 'selector'), 'spec.selector', report);
      checkServicePorts(arr(at(o.manifest, 'spec', 'ports')), report);
    }
    if (o.group === '' && (o.kind === 'ConfigMap' || o.kind === 'Secret')) {
      checkDataKeys(o, report);
    }
  }
}

type Report = (field: string, message: string) => void;

function checkObjectMeta(o: CheckedObject, report: Report): void {
  const metadata = obj(o.manifest.metadata) ?? {};
  if (o.name === undefined) {
    if (str(metadata.generateName) === undefined) {
      report('metadata.name', 'metadata.name is required: set a name, e.g. "my-app"');
    }
  } else {
    const errs = validateObjectName(o.group, o.kind, o.name);
    if (errs.length > 0) {
      report('metadata.name', invalid('metadata.name', o.name, errs, suggestObjectName(o.group, o.kind, o.name)));
    }
  }
  const namespace = str(metadata.namespace);
  if (namespace !== undefined) {
    const errs = isDNS1123Label(namespace);
    if (errs.length > 0) {
      report('metadata.namespace', invalid('metadata.namespace', namespace, errs, suggestName(NameFormat.DNS1123_LABEL, namespace)));
    }
  }
  checkLabelsAndAnnotations(metadata, 'metadata', report);
}

function checkLabelsAndAnnotations(metadata: unknown, path: string, report: Report): void {
  checkLabels(at(metadata, 'labels'), `${path}.labels`, report);
  const annotations = obj(at(metadata, 'annotations')) ?? {};
  let totalSize = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const errs = isQualifiedName(key.toLowerCase());
    if (errs.length > 0) {
      report(`${path}.annotations`, `${path}.annotations key ${JSON.stringify(key)} is invalid: ${errs.join('; ')}; rename it, e.g. "example.com/my-note"`);
    }
    totalSize += goLen(key) + goLen(typeof value === 'string' ? value : JSON.stringify(value) ?? '');
  }
  if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
    report(`${path}.annotations`, `${path}.annotations total ${totalSize} bytes, must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes: `
      + 'move large values into a ConfigMap');
  }
}

function checkLabels(labels: unknown, path: string, report: Report): void {
  for (const [key, value] of Object.entries(obj(labels) ?? {})) {
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length > 0) {
      report(path, `${path} key ${JSON.stringify(key)} is invalid: ${keyErrs.join('; ')}; rename it, e.g. "app.kubernetes.io/name"`);
    }
    if (typeof value === 'string') {
      const valueErrs = isValidLabelValue(value);
      if (valueErrs.length > 0) {
        report(`${path}[${key}]`, invalid(`${path}[${key}]`, value, valueErrs, suggestLabelValue(value)));
      }
    }
  }
}

function checkPodSpec(spec: unknown, path: string, report: Report): void {
  const containerNames = new Set<string>();
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(at(spec, list)).forEach((c, i) => {
      const cPath = `${path}.${list}[${i}]`;
      const name = str(obj(c)?.name);
      if (name !== undefined) {
        const errs = isDNS1123Label(name);
        if (errs.length > 0) {
          report(`${cPath}.name`, invalid(`${cPath}.name`, name, errs, suggestName(NameFormat.DNS1123_LABEL, name)));
        } else if (containerNames.has(name)) {
          report(`${cPath}.name`, `${cPath}.name ${JSON.stringify(name)} is used by another container of this pod: give each container its own name`);
        }
        containerNames.add(name);
      }
      checkContainerPorts(arr(obj(c)?.ports), cPath, report);
      checkEnv(obj(c) ?? {}, cPath, report);
    });
  }
  const volumeNames = new Set<string>();
  arr(at(spec, 'volumes')).forEach((v, i) => {
    const name = str(obj(v)?.name);
    const vPath = `${path}.volumes[${i}].name`;
    if (name === undefined) {
      return;
    }
    const errs = isDNS1123Label(name);
    if (errs.length > 0) {
      report(vPath, invalid(vPath, name, errs, suggestName(NameFormat.DNS1123_LABEL, name)));
    } else if (volumeNames.has(name)) {
      report(vPath, `${vPath} ${JSON.stringify(name)} is used by another volume of this pod: give each volume its own name`);
    }
    volumeNames.add(name);
  });
}

function checkContainerPorts(ports: readonly unknown[], containerPath: string, report: Report): void {
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const name = str(obj(p)?.name);
    const field = `${containerPath}.ports[${i}].name`;
    if (name === undefined || name === '') {
      return;
    }
    const errs = isValidPortName(name);
    if (errs.length > 0) {
      report(field, invalid(field, name, errs, suggestPortName(name)));
    } else if (names.has(name)) {
      report(field, `${field} ${JSON.stringify(name)} is used by another port of this container: give each port its own name`);
    }
    names.add(name);
  });
}

function checkEnv(container: { readonly [k: string]: unknown }, containerPath: string, report: Report): void {
  arr(container.env).forEach((e, i) => {
    const name = str(obj(e)?.name);
    const field = `${containerPath}.env[${i}].name`;
    if (name !== undefined) {
      const errs = isEnvVarName(name);
      if (errs.length > 0) {
        report(field, invalid(field, name, errs, suggestEnvVarName(name)));
      }
    }
  });
  arr(container.envFrom).forEach((e, i) => {
    const prefix = str(obj(e)?.prefix);
    const field = `${containerPath}.envFrom[${i}].prefix`;
    if (prefix !== undefined && prefix !== '') {
      const errs = isEnvVarName(prefix);
      if (errs.length > 0) {
        report(field, invalid(field, prefix, errs, suggestEnvVarName(prefix)));
      }
    }
  });
}

function checkServicePorts(ports: readonly unknown[], report: Report): void {
  const names = new Set<string>();
  ports.forEach((p, i) => {
    // validateServicePort (1.27): appProtocol is a qualified name, nothing more.
    const appProtocol = obj(p)?.appProtocol;
    if (typeof appProtocol === 'string') {
      const protocolErrs = isQualifiedName(appProtocol);
      if (protocolErrs.length > 0) {
        const a = `spec.ports[${i}].appProtocol`;
        report(a, `${a} ${JSON.stringify(appProtocol)} is invalid: ${protocolErrs.join('; ')}; use e.g. "http", "h2c" or "kubernetes.io/h2c"`);
      }
    }
    const field = `spec.ports[${i}].name`;
    const name = str(obj(p)?.name) ?? '';
    if (name === '') {
      if (ports.length > 1) {
        report(field, `${field} is required when a Service has more than one port: name each port, e.g. "http"`);
      }
      return;
    }
    const errs = isDNS1123Label(name);
    if (errs.length > 0) {
      report(field, invalid(field, name, errs, suggestName(NameFormat.DNS1123_LABEL, name)));
    } else if (names.has(name)) {
      report(field, `${field} ${JSON.stringify(name)} is used by another port of this Service: give each port its own name`);
    }
    names.add(name);
    const targetPort = obj(p)?.targetPort;
    if (typeof targetPort === 'string' && targetPort !== '') { // "" defaults to port (SetDefaults_ServicePort)
      const targetErrs = isValidPortName(targetPort);
      if (targetErrs.length > 0) {
        const t = `spec.ports[${i}].targetPort`;
        report(t, invalid(t, targetPort, targetErrs, suggestPortName(targetPort)));
      }
    }
  });
}

function checkDataKeys(o: CheckedObject, report: Report): void {
  const fields = o.kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  const seen = new Set<string>();
  for (const field of fields) {
    for (const key of Object.keys(obj(o.manifest[field]) ?? {})) {
      const errs = isConfigMapKey(key);
      if (errs.length > 0) {
        report(`${field}[${key}]`, `${field} key ${JSON.stringify(key)} is invalid: ${errs.join('; ')}; rename it, e.g. "config.yaml"`);
      } else if (o.kind === 'ConfigMap' && seen.has(key)) {
        report(`${field}[${key}]`, `${field} key ${JSON.stringify(key)} is also a key of data: keep it in one of data and binaryData`);
      }
      seen.add(key);
    }
  }
}

function invalid(field: string, value: string, errs: readonly string[], suggestion: string | undefined): string {
  const example = suggestion !== undefined && suggestion !== value ? `, e.g. ${JSON.stringify(suggestion)}` : '';
  return `${field} ${JSON.stringify(value)} is invalid: ${errs.join('; ')}; rename it${example}`;
}

/** A close valid name for a `kind` object (format and length), or undefined. */
function suggestObjectName(group: string, kind: string, name: string): string | undefined {
  const limit = group === 'batch' ? (kind === 'CronJob' ? 52 : 63) : Infinity;
  const s = (suggestName(nameFormatOf(group, kind), name) ?? name).slice(0, limit).replace(/[-.]+$/, '');
  return s !== '' && validateObjectName(group, kind, s).length === 0 ? s : undefined;
}

/** A close valid name in `format`, or undefined when none comes out of `name`. */
export function suggestName(format: NameFormat, name: string): string | undefined {
  const label = (s: string, max: number) => s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-')
    .slice(0, max).replace(/^-+|-+$/g, '');
  let suggestion: string;
  switch (format) {
    case NameFormat.DNS1123_LABEL:
      suggestion = label(name, 63);
      break;
    case NameFormat.DNS1035_LABEL:
      suggestion = label(name.replace(/^[^A-Za-z]+/, ''), 63);
      break;
    case NameFormat.PATH_SEGMENT:
      suggestion = name.replace(/[/%]/g, '-');
      break;
    default:
      suggestion = name.split('.').map((part) => label(part, 63)).filter((part) => part !== '').join('.').slice(0, 253).replace(/[.-]+$/, '');
  }
  return suggestion !== '' && validateNameFormat(format, suggestion).length === 0 ? suggestion : undefined;
}

function suggestPortName(name: string): string | undefined {
  const s = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').slice(0, 15).replace(/^-+|-+$/g, '');
  return isValidPortName(s).length === 0 ? s : undefined;
}

function suggestEnvVarName(name: string): string | undefined {
  const s = name.replace(/[^-._a-zA-Z0-9]/g, '_').replace(/^([0-9])/, '_$1').replace(/^\.\.+/, '_');
  return s !== '' && isEnvVarName(s).length === 0 ? s : undefined;
}

function suggestLabelValue(value: string): string | undefined {
  const s = value.replace(/[^-A-Za-z0-9_.]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return isValidLabelValue(s).length === 0 ? s : undefined;
}
