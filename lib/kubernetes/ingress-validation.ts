// Port of the Ingress checks in k8s.io/kubernetes/pkg/apis/networking/validation/validation.go
// (Kubernetes 1.27: validateIngressRules, validateHTTPIngressPath, validateIngressTLS,
// ValidateIngressClassName) for objects being created. The one home of these rules: the
// WebService constructor and any guardrail rule call these functions. Messages are upstream's.
import { parseIPSloppy } from './net';
import { isDNS1123Subdomain, isWildcardDNS1123Subdomain } from './validation';

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

/**
 * The host, path and TLS checks of ValidateIngressSpec over a plain `spec` (as in a manifest),
 * each finding with its field path. Backends are the references guardrail's concern.
 */
export function validateIngressSpec(spec: unknown): IngressProblem[] {
  const problems: IngressProblem[] = [];
  const s = asObject(spec);
  if (!s) {
    return problems;
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
