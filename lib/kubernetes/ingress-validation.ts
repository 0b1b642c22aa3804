// Port of the Ingress checks in k8s.io/kubernetes/pkg/apis/networking/validation/validation.go
// (Kubernetes 1.27: ValidateIngressCreate, ValidateIngressSpec, validateIngressRules,
// validateHTTPIngressPath, validateIngressBackend, validateIngressTypedLocalObjectReference,
// validateIngressTLS, ValidateIngressClassName) for objects being created
// (IngressValidationOptions all false). The one home of these rules: the WebService constructor
// and any guardrail rule call these functions. Messages are upstream's.
import { parseIPSloppy } from './net';
import {
  isDNS1035Label, isDNS1123Subdomain, isValidPathSegmentName, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain,
} from './validation';

/** Path types an Ingress path may have (networking.PathType). */
export const SUPPORTED_PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** One finding: the field (e.g. `spec.rules[0].host`), the value and upstream's message. */
export interface IngressProblem {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/** validateIngressRules, for one rule's host: not an IP, a DNS-1123 subdomain or a `*.` wildcard one. */
export function validateIngressRuleHost(host: string): string[] {
  if (host.length === 0) {
    return [];
  }
  const errs: string[] = [];
  if (parseIPSloppy(host) !== undefined) {
    errs.push('must be a DNS name, not an IP address');
  }
  errs.push(...host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host));
  return errs;
}

/** validateIngressTLS, for one of `tls[].hosts` (no IP check upstream). */
export function validateIngressTlsHost(host: string): string[] {
  return host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
}

/** validateHTTPIngressPath without the backend: the path for its path type. */
export function validateIngressPath(path: string, pathType: string): string[] {
  const errs: string[] = [];
  switch (pathType) {
    case 'Exact':
    case 'Prefix':
      if (!path.startsWith('/')) {
        errs.push('must be an absolute path');
      }
      if (path.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES) {
          if (path.includes(seq)) {
            errs.push(`must not contain '${seq}'`);
          }
        }
        for (const suffix of INVALID_PATH_SUFFIXES) {
          if (path.endsWith(suffix)) {
            errs.push(`cannot end with '${suffix}'`);
          }
        }
      }
      break;
    case 'ImplementationSpecific':
      if (path.length > 0 && !path.startsWith('/')) {
        errs.push('must be an absolute path');
      }
      break;
    default:
      errs.push(`Unsupported value: ${JSON.stringify(pathType)}: supported values: ${SUPPORTED_PATH_TYPES.map((t) => JSON.stringify(t)).join(', ')}`);
  }
  return errs;
}

/** The Ingress class annotation that ValidateIngressCreate forbids beside `spec.ingressClassName`. */
const ANNOTATION_INGRESS_CLASS = 'kubernetes.io/ingress.class';

/**
 * validateIngressBackend: exactly one of `service` (a DNS-1035 name and a port name or number)
 * or `resource` (validateIngressTypedLocalObjectReference). Whether the Service exists is the
 * references guardrail's concern.
 */
export function validateIngressBackend(backend: unknown, field: string): IngressProblem[] {
  const b = asObject(backend) ?? {};
  const resource = asObject(b.resource);
  const service = asObject(b.service);
  const problems: IngressProblem[] = [];
  if (resource && service) {
    return [{ field, value: '', message: 'cannot set both resource and service backends' }];
  }
  if (resource) {
    if (typeof resource.apiGroup === 'string') {
      for (const message of isDNS1123Subdomain(resource.apiGroup)) problems.push({ field: `${field}.resource.apiGroup`, value: resource.apiGroup, message });
    }
    for (const key of ['kind', 'name']) {
      const v = typeof resource[key] === 'string' ? resource[key] as string : '';
      if (v === '') {
        problems.push({ field: `${field}.resource.${key}`, value: resource[key], message: `Required value: ${key} is required` });
      } else {
        for (const message of isValidPathSegmentName(v)) problems.push({ field: `${field}.resource.${key}`, value: v, message });
      }
    }
    return problems;
  }
  if (!service) {
    return [{ field, value: '', message: 'resource or service backend is required' }];
  }
  const name = typeof service.name === 'string' ? service.name : '';
  if (name === '') {
    problems.push({ field: `${field}.service.name`, value: service.name, message: 'Required value' });
  } else {
    for (const message of isDNS1035Label(name)) problems.push({ field: `${field}.service.name`, value: name, message });
  }
  const port = asObject(service.port) ?? {};
  const portName = typeof port.name === 'string' ? port.name : '';
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName !== '' && portNumber !== 0) {
    problems.push({ field, value: '', message: 'cannot set both port name & port number' });
  } else if (portName !== '') {
    for (const message of isValidPortName(portName)) problems.push({ field: `${field}.service.port.name`, value: portName, message });
  } else if (portNumber !== 0) {
    for (const message of isValidPortNum(portNumber)) problems.push({ field: `${field}.service.port.number`, value: portNumber, message });
  } else {
    problems.push({ field, value: service.port, message: 'Required value: port name or number is required' });
  }
  return problems;
}

/**
 * ValidateIngressSpec over a plain `spec` (as in a manifest), each finding with its field path,
 * and, given the object's `metadata`, ValidateIngressCreate's class annotation check.
 */
export function validateIngressSpec(spec: unknown, metadata?: unknown): IngressProblem[] {
  const problems: IngressProblem[] = [];
  const s = asObject(spec);
  if (!s) {
    return problems;
  }
  const annotations = asObject(asObject(metadata)?.annotations);
  if (annotations && typeof annotations[ANNOTATION_INGRESS_CLASS] === 'string' && typeof s.ingressClassName === 'string') {
    problems.push({ field: `annotations.${ANNOTATION_INGRESS_CLASS}`, value: annotations[ANNOTATION_INGRESS_CLASS], message: 'can not be set when the class field is also set' });
  }
  const hasDefaultBackend = asObject(s.defaultBackend) !== undefined;
  if (asArray(s.rules).length === 0 && !hasDefaultBackend) {
    problems.push({ field: 'spec', value: s, message: 'either `defaultBackend` or `rules` must be specified' });
  }
  if (hasDefaultBackend) {
    for (const p of validateIngressBackend(s.defaultBackend, 'spec.defaultBackend')) problems.push(p);
  }
  asArray(s.rules).forEach((rule, i) => {
    const r = asObject(rule);
    if (!r) {
      return;
    }
    if (typeof r.host === 'string') {
      for (const message of validateIngressRuleHost(r.host)) {
        problems.push({ field: `spec.rules[${i}].host`, value: r.host, message });
      }
    }
    const http = asObject(r.http);
    if (!http) {
      return;
    }
    const paths = asArray(http.paths);
    if (paths.length === 0) {
      problems.push({ field: `spec.rules[${i}].http.paths`, value: http.paths, message: 'Required value' });
    }
    paths.forEach((p, j) => {
      const path = asObject(p);
      if (!path) {
        return;
      }
      if (typeof path.pathType !== 'string') {
        problems.push({ field: `spec.rules[${i}].http.paths[${j}].pathType`, value: path.pathType, message: 'Required value: pathType must be specified' });
        return;
      }
      const field = SUPPORTED_PATH_TYPES.includes(path.pathType) ? 'path' : 'pathType';
      const value = field === 'path' ? path.path : path.pathType;
      for (const message of validateIngressPath(typeof path.path === 'string' ? path.path : '', path.pathType)) {
        problems.push({ field: `spec.rules[${i}].http.paths[${j}].${field}`, value, message });
      }
      for (const b of validateIngressBackend(path.backend, `spec.rules[${i}].http.paths[${j}].backend`)) problems.push(b);
    });
  });
  asArray(s.tls).forEach((tls, i) => {
    const t = asObject(tls);
    if (!t) {
      return;
    }
    asArray(t.hosts).forEach((host, j) => {
      if (typeof host === 'string') {
        for (const message of validateIngressTlsHost(host)) {
          problems.push({ field: `spec.tls[${i}].hosts[${j}]`, value: host, message });
        }
      }
    });
    if (typeof t.secretName === 'string' && t.secretName.length > 0) {
      for (const message of isDNS1123Subdomain(t.secretName)) {
        problems.push({ field: `spec.tls[${i}].secretName`, value: t.secretName, message });
      }
    }
  });
  if (typeof s.ingressClassName === 'string') {
    for (const message of isDNS1123Subdomain(s.ingressClassName)) {
      problems.push({ field: 'spec.ingressClassName', value: s.ingressClassName, message });
    }
  }
  return problems;
}

function asObject(x: unknown): { [key: string]: unknown } | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? x as { [key: string]: unknown } : undefined;
}

function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}
