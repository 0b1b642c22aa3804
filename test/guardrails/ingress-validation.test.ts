// Tables derived from Kubernetes 1.27: k8s.io/apimachinery/pkg/util/validation/validation_test.go
// (TestIsWildcardDNS1123Subdomain), k8s.io/utils/net/ipnet_test.go + parse tests (ParseIPSloppy,
// ParseCIDRSloppy) and pkg/apis/networking/validation/validation_test.go (Ingress host, path
// and TLS cases of TestValidateIngress*).
import { checkManifests, Rule } from '../../lib/guardrails';
import {
  validateIngressPath, validateIngressRuleHost, validateIngressSpec, validateIngressTlsHost,
} from '../../lib/kubernetes/ingress-validation';
import { maskSize, netContains, parseCIDRSloppy, parseIPSloppy } from '../../lib/kubernetes/net';
import { isWildcardDNS1123Subdomain } from '../../lib/kubernetes/validation';

describe('IsWildcardDNS1123Subdomain', () => {
  test.each(['*.example.com', '*.bar.com', '*.foo.bar.com', '*.1.2'])('%s is valid', (v) => {
    expect(isWildcardDNS1123Subdomain(v)).toEqual([]);
  });
  test.each(['*.*.bar.com', '*.foo.*.com', '*bar.com', 'f*.bar.com', '*', 'example.com', '*.Example.com'])('%s is invalid', (v) => {
    expect(isWildcardDNS1123Subdomain(v)).toHaveLength(1);
  });
  test('length over 253 is a second error', () => {
    expect(isWildcardDNS1123Subdomain(`*.${'a.'.repeat(126)}com`)[0]).toBe('must be no more than 253 characters');
  });
});

describe('ParseIPSloppy / ParseCIDRSloppy (k8s.io/utils/net, Go 1.16 net with leading zeros)', () => {
  const hex = (ip: Uint8Array | undefined) => ip === undefined ? undefined : Buffer.from(ip).toString('hex');
  test.each<[string, string | undefined]>([
    ['1.2.3.4', '00000000000000000000ffff01020304'],
    ['010.002.003.004', '00000000000000000000ffff0a020304'], // leading zeros are decimal, not octal
    ['0.0.0.0', '00000000000000000000ffff00000000'],
    ['::1', '00000000000000000000000000000001'],
    ['::', '00000000000000000000000000000000'],
    ['2001:db8::68', '20010db8000000000000000000000068'],
    ['::ffff:1.2.3.4', '00000000000000000000ffff01020304'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
    ['256.0.0.1', undefined],
    ['1.2.3', undefined],
    ['1.2.3.4.5', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['1::2::3', undefined],
    ['fe80::1%eth0', undefined],
    ['example.com', undefined],
    ['', undefined],
  ])('ParseIPSloppy(%j)', (input, expected) => {
    expect(hex(parseIPSloppy(input))).toBe(expected);
  });

  test.each<[string, string | undefined, number]>([
    ['10.0.0.0/8', '0a000000', 8],
    ['10.1.2.3/8', '0a000000', 8], // host bits are masked, not an error
    ['010.0.0.0/8', '0a000000', 8],
    ['0.0.0.0/0', '00000000', 0],
    ['192.168.1.1/32', 'c0a80101', 32],
    ['2001:db8::/32', '20010db8000000000000000000000000', 32],
    ['::/0', '00000000000000000000000000000000', 0],
    ['10.0.0.0/33', undefined, 0],
    ['10.0.0.0', undefined, 0],
    ['10.0.0.0/', undefined, 0],
    ['10.0.0.0/-1', undefined, 0],
    ['10.0.0.0/8x', undefined, 0],
    ['2001:db8::/129', undefined, 0],
    ['bad/8', undefined, 0],
  ])('ParseCIDRSloppy(%j)', (input, network, ones) => {
    const parsed = parseCIDRSloppy(input);
    expect(hex(parsed?.net.ip)).toBe(network);
    if (parsed) {
      expect(maskSize(parsed.net.mask)).toBe(ones);
    }
  });

  test('IPNet.Contains', () => {
    const net = parseCIDRSloppy('192.168.0.0/24')!.net;
    expect(netContains(net, parseCIDRSloppy('192.168.0.128/25')!.net.ip)).toBe(true);
    expect(netContains(net, parseCIDRSloppy('192.168.1.0/24')!.net.ip)).toBe(false);
    expect(netContains(net, parseIPSloppy('::1')!)).toBe(false);
    expect(netContains(parseCIDRSloppy('fd00::/8')!.net, parseIPSloppy('fd00:1::')!)).toBe(true);
  });
});

describe('Ingress validation (networking/validation.go)', () => {
  test.each<[string, string[]]>([
    ['foo.bar.com', []],
    ['*.bar.com', []],
    ['127.0.0.1', ['must be a DNS name, not an IP address']],
    ['', []], // no host: the rule applies to every host
  ])('rule host %j', (host, errors) => {
    expect(validateIngressRuleHost(host)).toEqual(errors);
  });

  test('an IPv6 host is an IP and not a subdomain', () => {
    expect(validateIngressRuleHost('::1')).toHaveLength(2);
    expect(validateIngressRuleHost('::1')[0]).toBe('must be a DNS name, not an IP address');
  });

  test('TLS hosts: wildcards allowed, no IP check (upstream checks only the DNS form)', () => {
    expect(validateIngressTlsHost('*.bar.com')).toEqual([]);
    expect(validateIngressTlsHost('127.0.0.1')).toEqual([]);
    expect(validateIngressTlsHost('*.*.bar.com')).toHaveLength(1);
  });

  test.each<[string, string, string[]]>([
    ['/', 'Prefix', []],
    ['/foo', 'Exact', []],
    ['/foo/bar/baz', 'Prefix', []],
    ['foo', 'Prefix', ['must be an absolute path']],
    ['', 'Exact', ['must be an absolute path']],
    ['/foo//bar', 'Prefix', ["must not contain '//'"]],
    ['/foo/./bar', 'Prefix', ["must not contain '/./'"]],
    ['/foo/../bar', 'Exact', ["must not contain '/../'"]],
    ['/foo%2fbar', 'Prefix', ["must not contain '%2f'"]],
    ['/foo%2Fbar', 'Prefix', ["must not contain '%2F'"]],
    ['/foo/..', 'Prefix', ["cannot end with '/..'"]],
    ['/foo/.', 'Prefix', ["cannot end with '/.'"]],
    ['/foo/../', 'Prefix', ["must not contain '/../'"]],
    ['', 'ImplementationSpecific', []],
    ['/foo//bar', 'ImplementationSpecific', []],
    ['foo', 'ImplementationSpecific', ['must be an absolute path']],
    ['/', 'Regex', ['Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"']],
  ])('path %j (%s)', (path, pathType, errors) => {
    expect(validateIngressPath(path, pathType)).toEqual(errors);
  });

  test('validateIngressSpec names each field, for a guardrail rule', () => {
    expect(validateIngressSpec({
      ingressClassName: 'Nginx',
      rules: [
        { host: '10.0.0.1', http: { paths: [{ path: '/a//b', pathType: 'Prefix', backend: {} }] } },
        { host: 'ok.example.com', http: { paths: [{ path: '/' }] } },
      ],
      tls: [{ hosts: ['*.*.example.com'], secretName: 'Bad' }],
    }).map((p) => `${p.field}=${JSON.stringify(p.value)}: ${p.message.slice(0, 40)}`)).toEqual([
      'spec.rules[0].host="10.0.0.1": must be a DNS name, not an IP address',
      'spec.rules[0].http.paths[0].path="/a//b": must not contain \'//\'',
      'spec.rules[0].http.paths[0].backend="": resource or service backend is required',
      'spec.rules[1].http.paths[0].pathType=undefined: Required value: pathType must be specifi',
      'spec.tls[0].hosts[0]="*.*.example.com": a wildcard DNS-1123 subdomain must start',
      'spec.tls[0].secretName="Bad": a lowercase RFC 1123 subdomain must cons',
      'spec.ingressClassName="Nginx": a lowercase RFC 1123 subdomain must cons',
    ]);
  });
});

// validateIngressBackend / ValidateIngressSpec / ValidateIngressCreate rows of TestValidateIngress and
// TestValidateIngressCreate (pkg/apis/networking/validation/validation_test.go, 1.27).
describe('validateIngressBackend, ValidateIngressSpec and ValidateIngressCreate (1.27)', () => {
  const show = (spec: unknown, metadata?: unknown) => validateIngressSpec(spec, metadata).map((p) => `${p.field}=${JSON.stringify(p.value)}: ${p.message}`);
  const rule = (backend: unknown) => ({ rules: [{ host: 'foo.bar.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] });
  const b = 'spec.rules[0].http.paths[0].backend';
  test.each<[string, unknown, string[]]>([
    ['a service with a port number', { service: { name: 'default-backend', port: { number: 80 } } }, []],
    ['a service with a port name', { service: { name: 'default-backend', port: { name: 'http' } } }, []],
    ['a resource', { resource: { apiGroup: 'example.com', kind: 'foo', name: 'bar' } }, []],
    ['both resource and service', { service: { name: 'a', port: { number: 80 } }, resource: { apiGroup: 'example.com', kind: 'foo', name: 'bar' } },
      [`${b}="": cannot set both resource and service backends`]],
    ['neither', {}, [`${b}="": resource or service backend is required`]],
    ['both port name and number', { service: { name: 'a', port: { name: 'http', number: 80 } } }, [`${b}="": cannot set both port name & port number`]],
    ['no port', { service: { name: 'a' } }, [`${b}=undefined: Required value: port name or number is required`]],
    ['a service name that is not a DNS-1035 label', { service: { name: '1-backend', port: { number: 80 } } },
      [`${b}.service.name="1-backend": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`]],
    ['no service name', { service: { port: { number: 80 } } }, [`${b}.service.name=undefined: Required value`]],
    ['port number 0x10000', { service: { name: 'a', port: { number: 65536 } } }, [`${b}.service.port.number=65536: must be between 1 and 65535, inclusive`]],
    ['an invalid port name', { service: { name: 'a', port: { name: 'http--web' } } }, [`${b}.service.port.name="http--web": must not contain consecutive hyphens`]],
    ['a resource without kind and name', { resource: { apiGroup: 'example.com' } },
      [`${b}.resource.kind=undefined: Required value: kind is required`, `${b}.resource.name=undefined: Required value: name is required`]],
    ['a resource with a bad apiGroup and a name with "/"', { resource: { apiGroup: 'Example.com', kind: 'foo', name: 'a/b' } }, [
      `${b}.resource.apiGroup="Example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `${b}.resource.name="a/b": may not contain '/'`,
    ]],
  ])('backend: %s', (_name, backend, expected) => {
    expect(show(rule(backend))).toEqual(expected);
  });

  test('neither rules nor defaultBackend; a defaultBackend alone is enough and is checked', () => {
    expect(show({})).toEqual(['spec={}: either `defaultBackend` or `rules` must be specified']);
    expect(show({ defaultBackend: { service: { name: 'web', port: { number: 80 } } } })).toEqual([]);
    expect(show({ defaultBackend: { service: { name: 'web' } } })).toEqual(['spec.defaultBackend=undefined: Required value: port name or number is required']);
  });

  test('ValidateIngressCreate: the class annotation cannot be set beside spec.ingressClassName', () => {
    const spec = { ingressClassName: 'nginx', ...rule({ service: { name: 'web', port: { number: 80 } } }) };
    expect(show(spec, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }))
      .toEqual(['annotations.kubernetes.io/ingress.class="nginx": can not be set when the class field is also set']);
    expect(show(spec, { annotations: { other: 'x' } })).toEqual([]);
    const { ingressClassName: _unused, ...withoutClass } = spec;
    expect(show(withoutClass, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } })).toEqual([]);
  });
});

describe('guardrail: Ingress hosts and paths on any Ingress (names rule)', () => {
  const ingress = (spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec });
  const backend = { service: { name: 'web', port: { number: 80 } } };

  test('an escape-hatch Ingress with an IP host and a bad path is reported with the field and fix', () => {
    const findings = checkManifests([{ manifest: ingress({
      rules: [{ host: '192.0.2.1', http: { paths: [{ path: '/a/../b', pathType: 'Prefix', backend }] } }],
      tls: [{ hosts: ['*.example.com'], secretName: 'web-tls' }],
    }) as any }], { rules: [Rule.NAMES] });
    expect(findings.map((f) => [f.field, f.message])).toEqual([
      ['spec.rules[0].host', 'spec.rules[0].host "192.0.2.1" is invalid: must be a DNS name, not an IP address; use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address'],
      ['spec.rules[0].http.paths[0].path', 'spec.rules[0].http.paths[0].path "/a/../b" is invalid: must not contain \'/../\'; use an absolute path such as "/" or "/api" without "//", "/./", "/../" or "%2f"'],
    ]);
  });

  test('a backend and the class annotation are reported with their own fixes', () => {
    const manifest = { ...ingress({ ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'Web', port: { number: 80 } } } }] } }] }),
      metadata: { name: 'web', namespace: 'shop', annotations: { 'kubernetes.io/ingress.class': 'nginx' } } };
    expect(checkManifests([{ manifest: manifest as any }], { rules: [Rule.NAMES] }).map((f) => [f.field, f.message])).toEqual([
      ['annotations.kubernetes.io/ingress.class', 'annotations.kubernetes.io/ingress.class "nginx" is invalid: can not be set when the class field is also set; remove the kubernetes.io/ingress.class annotation (spec.ingressClassName replaces it)'],
      ['spec.rules[0].http.paths[0].backend.service.name', 'spec.rules[0].http.paths[0].backend.service.name "Web" is invalid: a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\'); use the name of a Service in the same namespace (a DNS-1035 label, e.g. "storefront")'],
    ]);
  });

  test('a valid Ingress (wildcard host, ImplementationSpecific regex path) has no findings', () => {
    expect(checkManifests([{ manifest: ingress({
      rules: [{ host: '*.example.com', http: { paths: [{ path: '/api(/|$)(.*)', pathType: 'ImplementationSpecific', backend }] } }],
    }) as any }], { rules: [Rule.NAMES] })).toEqual([]);
  });
});
