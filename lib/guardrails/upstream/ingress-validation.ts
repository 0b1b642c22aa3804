// Port of the Ingress host and path checks of the Kubernetes 1.27 API server:
//   pkg/apis/networking/validation/validation.go: validateIngressRules (host),
//     validateIngressTLS (hosts), validateHTTPIngressRuleValue, validateHTTPIngressPath,
//     invalidPathSequences, invalidPathSuffixes, supportedPathTypes;
//   k8s.io/apimachinery/pkg/util/validation/validation.go: IsWildcardDNS1123Subdomain;
//   k8s.io/utils/net: ParseIPSloppy (IPv4 with leading zeros, IPv6).
// One place for both the guardrail and the constructs (WebService's ingressHost/ingressPath).
import { DNS1123_SUBDOMAIN_MAX_LENGTH, goLen, isDNS1123Subdomain, maxLenError, regexError } from './validation';

/** networking.PathType values. */
export const SUPPORTED_PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'] as const;
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const wildcardDNS1123SubdomainFmt = `\\*\\.${dns1123SubdomainFmt}`;
const wildcardDNS1123SubdomainErrMsg = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const wildcardDNS1123SubdomainRegexp = new RegExp(`^${wildcardDNS1123SubdomainFmt}$`);

/** IsWildcardDNS1123Subdomain */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!wildcardDNS1123SubdomainRegexp.test(value)) {
    errs.push(regexError(wildcardDNS1123SubdomainErrMsg, wildcardDNS1123SubdomainFmt, '*.example.com'));
  }
  return errs;
}

/** k8s.io/utils/net ParseIPSloppy(s) != nil: dotted IPv4 (leading zeros allowed) or IPv6. */
export function isIPAddress(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    return v4.slice(1).every((p) => Number(p) <= 255);
  }
  if (!s.includes(':') || /[^0-9A-Fa-f:.]/.test(s)) {
    return false;
  }
  // IPv6: at most one "::", 8 groups (or fewer with "::"), an optional trailing IPv4.
  let rest = s;
  let groupsFromV4 = 0;
  const lastColon = rest.lastIndexOf(':');
  const tail = rest.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPAddress(tail) || tail.includes(':')) return false;
    rest = rest.slice(0, lastColon + 1) + '0';
    groupsFromV4 = 1;
  }
  const doubles = rest.split('::');
  if (doubles.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = doubles.flatMap(groups);
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = all.length + groupsFromV4;
  return doubles.length === 2 ? count <= 8 : count === 8;
}

/** validateIngressRules, for one rule's `host` (non-empty): upstream's error texts. */
export function validateIngressRuleHost(host: string): string[] {
  const errs: string[] = [];
  if (isIPAddress(host)) {
    errs.push('must be a DNS name, not an IP address');
  }
  errs.push(...(host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host)));
  return errs;
}

/** validateIngressTLS, for one of `tls[].hosts`: upstream's error texts (no IP check there). */
export function validateIngressTlsHost(host: string): string[] {
  return host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
}

/** validateHTTPIngressPath's `path` checks for a path type: upstream's error texts. */
export function validateHttpIngressPath(path: string, pathType: string): string[] {
  const errs: string[] = [];
  switch (pathType) {
    case 'Exact':
    case 'Prefix':
      if (!path.startsWith('/')) {
        errs.push('must be an absolute path');
      }
      if (path.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES) {
          if (path.includes(seq)) errs.push(`must not contain '${seq}'`);
        }
        for (const suffix of INVALID_PATH_SUFFIXES) {
          if (path.endsWith(suffix)) errs.push(`cannot end with '${suffix}'`);
        }
      }
      break;
    case 'ImplementationSpecific':
      if (path.length > 0 && !path.startsWith('/')) {
        errs.push('must be an absolute path');
      }
      break;
    default:
      // pathType itself is reported by the schema (an enum) / NotSupported upstream.
      break;
  }
  return errs;
}
