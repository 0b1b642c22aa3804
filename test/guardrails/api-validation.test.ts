// Rule api-validation (issue 10): the ports in lib/guardrails/upstream, with valid inputs that
// must pass (a check stricter than Kubernetes is a bug too). Upstream sources:
//   pkg/apis/core/validation/validation.go (ValidateResourceRequirements, ValidateConfigMap,
//   ValidateSecret), pkg/apis/networking/validation/validation.go (validateIngressRules,
//   validateHTTPIngressPath), pkg/apis/batch/validation/validation.go (validateTimeZone).
import fc from 'fast-check';
import { Rule } from '../../lib/guardrails';
import { validateIngressPath as validateHttpIngressPath, validateIngressRuleHost } from '../../lib/kubernetes/ingress-validation';
import { parseIPSloppy } from '../../lib/kubernetes/net';

const isIPAddress = (s: string): boolean => parseIPSloppy(s) !== undefined;
import { configMapDataSize, MAX_SECRET_SIZE, objectSize } from '../../lib/kubernetes/object-size';
import { isExtendedResourceName, isOvercommitAllowed, validateResourceRequirements } from '../../lib/kubernetes/resource-requirements';
import { loadLocation, timeZoneDatabaseVersion, validateTimeZone } from '../../lib/kubernetes/time-zone';
import { appWith, check, goodApp } from './fixtures';

type Json = { [key: string]: any };
const container = (o: Json) => o.spec.template.spec.containers[0];
const apiFindings = (objects: Json[]) => check(objects, { rules: [Rule.API_VALIDATION] }).map((f) => f.message);

describe('resources (ValidateResourceRequirements)', () => {
  test.each([
    ['requests equal to limits', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }],
    ['limits only (requests default to them)', { limits: { 'cpu': '500m', 'nvidia.com/gpu': 2 } }],
    ['extended resource with request = limit', { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': 1 } }],
    ['cpu finer than a millicore (rounded up, not rejected)', { requests: { cpu: '0.0001' } }],
    ['fractional memory bytes', { requests: { memory: '1.5' } }],
    ['zero', { requests: { cpu: '0', memory: '0' } }],
    ['hugepages in whole pages, with memory', { requests: { 'memory': '1Gi', 'hugepages-2Mi': '4Mi' }, limits: { 'hugepages-2Mi': '4Mi' } }],
    ['kubernetes.io-prefixed native resource overcommitted', { requests: { 'kubernetes.io/foo': '1' }, limits: { 'kubernetes.io/foo': '2' } }],
    ['a 20-digit cpu (valid, if unschedulable)', { requests: { cpu: '12345678901234567890' } }],
  ])('accepts %s', (_name, resources) => {
    expect(validateResourceRequirements(resources)).toEqual([]);
  });

  test('helpers.go: which resources may be overcommitted and which are extended', () => {
    expect(['cpu', 'memory', 'ephemeral-storage', 'kubernetes.io/foo'].map(isOvercommitAllowed)).toEqual([true, true, true, true]);
    expect(['hugepages-2Mi', 'nvidia.com/gpu', 'example.com/dongle'].map(isOvercommitAllowed)).toEqual([false, false, false]);
    expect(['nvidia.com/gpu', 'cpu', 'kubernetes.io/x', 'requests.example.com/x'].map(isExtendedResourceName)).toEqual([true, false, false, false]);
  });

  test('quotes the value as written, never a re-rendered number', () => {
    const [p] = validateResourceRequirements({ requests: { cpu: '-12345678901234567890' } });
    expect(p).toEqual({ field: 'requests[cpu]', value: '"-12345678901234567890"', message: 'must be greater than or equal to 0', fix: 'use a quantity of 0 or more' });
  });

  test('hugepages: need cpu or memory, and a limit equal to the request', () => {
    expect(validateResourceRequirements({ requests: { 'hugepages-2Mi': '4Mi' }, limits: { 'hugepages-2Mi': '4Mi' } }).map((p) => p.message))
      .toEqual(['Forbidden: HugePages require cpu or memory']);
    expect(validateResourceRequirements({ requests: { 'memory': '1Gi', 'hugepages-1Gi': '1Gi' } }).map((p) => [p.field, p.message]))
      .toEqual([['limits', 'Required value: Limit must be set for non overcommitable resources']]);
  });

  // helpers.go IsHugePageResourceValueDivisible: an unparsable, non-positive or fractional-byte page
  // size is never divisible; Value() % pageSize.Value() truncates as Go's % does.
  test.each([
    ['a page size that is no quantity', 'hugepages-huge', '2Mi', ['2Mi is not positive integer multiple of hugepages-huge']],
    ['a page size of 0', 'hugepages-0', '0', ['0 is not positive integer multiple of hugepages-0']],
    ['a page size of a fraction of a byte', 'hugepages-500m', '1', ['1 is not positive integer multiple of hugepages-500m']],
    ['a negative whole number of pages (only the sign is wrong)', 'hugepages-2Mi', '-4Mi', ['must be greater than or equal to 0']],
    ['a negative fraction of pages', 'hugepages-2Mi', '-3Mi', ['must be greater than or equal to 0', '-3Mi is not positive integer multiple of hugepages-2Mi']],
    ['a value given in bytes (printed as quantity.String() does)', 'hugepages-2Mi', '3145728', ['3145728 is not positive integer multiple of hugepages-2Mi']],
  ])('hugepages: %s', (_name, name, value, messages) => {
    const problems = validateResourceRequirements({ requests: { memory: '1Gi', [name]: value }, limits: { [name]: value } });
    expect(problems.filter((p) => p.field === `limits[${name}]`).map((p) => p.message)).toEqual(messages);
  });

  test('hugepages: zero and whole pages, whatever the unit, are valid', () => {
    for (const value of ['0', '4Mi', '4194304', '1Gi']) {
      expect(validateResourceRequirements({ requests: { 'memory': '1Gi', 'hugepages-2Mi': value }, limits: { 'hugepages-2Mi': value } })).toEqual([]);
    }
  });

  test('rejects an unknown unprefixed resource name', () => {
    expect(validateResourceRequirements({ requests: { gpu: '1' } })).toEqual([
      { field: 'requests[gpu]', value: '"gpu"', message: 'must be a standard resource type or fully qualified', fix: 'use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource with a domain, e.g. example.com/gpu' },
      { field: 'requests[gpu]', value: '"gpu"', message: 'must be a standard resource for containers', fix: 'use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource with a domain, e.g. example.com/gpu' },
    ]);
  });
});

describe('object and data size', () => {
  test('a ConfigMap of exactly 1 MiB passes, one byte more fails', () => {
    expect(configMapDataSize({ a: 'x'.repeat(MAX_SECRET_SIZE) }, {})).toBe(MAX_SECRET_SIZE);
    expect(apiFindings(appWith('ConfigMap', (cm) => { cm.data = { a: 'x'.repeat(MAX_SECRET_SIZE) }; }))).toEqual([]);
    expect(apiFindings(appWith('ConfigMap', (cm) => { cm.data = { a: 'x'.repeat(MAX_SECRET_SIZE + 1) }; }))).toHaveLength(1);
  });

  test('binaryData counts decoded bytes', () => {
    expect(configMapDataSize({}, { b: Buffer.alloc(3000).toString('base64') })).toBe(3000);
  });

  test('objectSize counts strings by UTF-8 bytes, not by escapes', () => {
    expect(objectSize({ a: 'é"' })).toBe(JSON.stringify({ a: 'x' }).length + 2);
    expect(objectSize({ a: [1, null, true] })).toBe(JSON.stringify({ a: [1, null, true] }).length);
  });

  test('the good app passes', () => {
    expect(apiFindings(goodApp())).toEqual([]);
  });
});

describe('Ingress (networking validation)', () => {
  test.each(['*.example.com', 'shop.example.com', '999.1.1.1', 'a'])('accepts the host %s', (host) => {
    expect(validateIngressRuleHost(host)).toEqual([]);
  });

  test.each(['10.0.0.1', '010.000.000.001', '::1', 'fe80::1', '2001:db8::8a2e:370:7334', '::ffff:192.0.2.1'])('rejects the IP address %s as a host', (host) => {
    expect(validateIngressRuleHost(host)[0]).toBe('must be a DNS name, not an IP address');
  });

  test('ParseIPSloppy agrees on what is not an IP', () => {
    expect(['1.2.3', '256.1.1.1', ':::', '1:2:3:4:5:6:7:8:9', 'example.com'].map(isIPAddress)).toEqual([false, false, false, false, false]);
  });

  test.each([
    ['/', 'Prefix'], ['/api', 'Exact'], ['/a..b/', 'Prefix'], ['/.well-known/acme', 'Prefix'], ['/...', 'Prefix'],
    ['//anything/./goes', 'ImplementationSpecific'], ['', 'ImplementationSpecific'],
  ])('accepts the path %j with pathType %s', (path, pathType) => {
    expect(validateHttpIngressPath(path, pathType)).toEqual([]);
  });

  test.each([
    ['api', 'Prefix', ['must be an absolute path']],
    ['/a//b', 'Prefix', ["must not contain '//'"]],
    ['/a/./b', 'Exact', ["must not contain '/./'"]],
    ['/a/../b', 'Prefix', ["must not contain '/../'"]],
    ['/a%2fb', 'Prefix', ["must not contain '%2f'"]],
    ['/a%2Fb', 'Prefix', ["must not contain '%2F'"]],
    ['/a/..', 'Prefix', ["cannot end with '/..'"]],
    ['/a/.', 'Exact', ["cannot end with '/.'"]],
    ['api', 'ImplementationSpecific', ['must be an absolute path']],
  ])('rejects the path %j with pathType %s', (path, pathType, errs) => {
    expect(validateHttpIngressPath(path, pathType)).toEqual(errs);
  });
});

describe('CronJob timeZone (validateTimeZone, time.LoadLocation)', () => {
  test('the tz database is a recent IANA release', () => {
    expect(timeZoneDatabaseVersion()).toMatch(/^20[2-9]\d[a-z]$/);
  });

  test.each(['UTC', 'Etc/UTC', 'Europe/Berlin', 'America/Ciudad_Juarez', 'US/Pacific', 'Asia/Calcutta', 'Etc/GMT+5', 'EST5EDT', 'GMT0', 'Europe/Kyiv'])('accepts %s', (tz) => {
    expect(validateTimeZone(tz)).toEqual([]);
  });

  test.each([
    ['', ['timeZone must be nil or non-empty string']],
    ['Local', ['timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']],
    ['local', ['timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones', 'unknown time zone local']],
    ['europe/berlin', ['unknown time zone europe/berlin']],
    ['Europe/Berlinn', ['unknown time zone Europe/Berlinn']],
    ['SystemV/EST5', ['unknown time zone SystemV/EST5']],
    ['GMT+5', ['unknown time zone GMT+5']],
    ['../etc/passwd', ['unknown time zone ../etc/passwd']],
    ['America/Argentina/ComodRivadavia-', ['unknown time zone America/Argentina/ComodRivadavia-']],
    ['Europe/-Berlin', ['unknown time zone Europe/-Berlin']],
    ['Europe/Berlin Time', ['unknown time zone Europe/Berlin Time']],
  ])('rejects %j', (tz, errs) => {
    expect(validateTimeZone(tz)).toEqual(errs);
  });

  test('every zone of the tz database is accepted in its exact case, and refused in any other case', () => {
     
    const names = Object.keys((require('tzdata') as { zones: Record<string, unknown> }).zones);
    expect(names.length).toBeGreaterThan(500);
    for (const name of names) expect(validateTimeZone(name)).toEqual([]);
    fc.assert(fc.property(fc.constantFrom(...names.filter((n) => /[a-z]/i.test(n) && n !== 'Local')), fc.nat(), (name, i) => {
      const letters = [...name].map((c, j) => ({ c, j })).filter(({ c }) => /[a-z]/i.test(c));
      const { j } = letters[i % letters.length];
      const flipped = name.slice(0, j) + (name[j] === name[j].toLowerCase() ? name[j].toUpperCase() : name[j].toLowerCase()) + name.slice(j + 1);
      fc.pre(!names.includes(flipped));
      expect(validateTimeZone(flipped)).not.toEqual([]);
    }), { numRuns: 300 });
  });

  test('LoadLocation: the built-in names and the invalid ones', () => {
    expect([loadLocation(''), loadLocation('UTC'), loadLocation('Local')]).toEqual([undefined, undefined, undefined]);
    expect(loadLocation('a/../b')).toBe('time: invalid location name');
    expect(loadLocation('posix/Europe/Berlin')).toBeUndefined();
  });

  test('a raw CronJob with a valid zone passes', () => {
    // restartPolicy: a Job's pods must say OnFailure or Never (validateJobSpec, supported-values.ts).
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'n', namespace: 'shop' }, spec: { schedule: '0 3 * * *', timeZone: 'Europe/Berlin', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [] } } } } } };
    expect(apiFindings([cron])).toEqual([]);
  });
});

test('a raw Deployment with a negative request is reported', () => {
  expect(apiFindings(appWith('Deployment', (d) => { container(d).resources.requests.memory = '-1Gi'; }))).toEqual([
    'spec.template.spec.containers[0].resources.requests[memory] "-1Gi" is invalid: must be greater than or equal to 0; use a quantity of 0 or more',
  ]);
});

// pkg/apis/core/validation/validation.go (1.27) validateContainerPorts, validateServicePort and
// ValidateService's nodePort checks, after SetDefaults_Service (lib/kubernetes/port-validation.ts).
describe('ports (validateServicePort, ValidateService nodePorts, validateContainerPorts)', () => {
  test('accepts ports 1 and 65535, a named targetPort, and hostPort/nodePort/targetPort 0 or "" (unset: defaulted)', () => {
    expect(apiFindings(appWith('Service', (s) => {
      s.spec.ports = [{ name: 'a', port: 1, targetPort: 'http', nodePort: 0 }, { name: 'b', port: 65535, targetPort: 0 }, { name: 'c', port: 80, targetPort: '' }];
    }))).toEqual([]);
    expect(apiFindings(appWith('Deployment', (d) => { container(d).ports = [{ containerPort: 65535, hostPort: 0 }]; }))).toEqual([]);
    // The names rule's IsValidPortName check of a named targetPort leaves "" alone too (it defaults to port).
    expect(check(appWith('Service', (s) => { s.spec.ports = [{ port: 80, targetPort: '' }]; }), { rules: [Rule.NAMES] }).map((f) => f.message)).toEqual([]);
  });

  test('rejects a Service port 0 and a targetPort 70000 with IsValidPortNum\'s sentence', () => {
    expect(apiFindings(appWith('Service', (s) => { s.spec.ports = [{ port: 0, targetPort: 70000 }]; }))).toEqual([
      'spec.ports[0].port 0 is invalid: must be between 1 and 65535, inclusive; use a port between 1 and 65535',
      'spec.ports[0].targetPort 70000 is invalid: must be between 1 and 65535, inclusive; '
        + 'use a port between 1 and 65535, a container port name, or leave targetPort out (it defaults to port)',
    ]);
  });

  test('containerPort 0 is `Required value` (validateContainerPorts), containerPort and hostPort 70000 out of range', () => {
    expect(apiFindings(appWith('Deployment', (d) => { container(d).ports = [{ containerPort: 0 }, { containerPort: 70000, hostPort: 70000 }]; }))).toEqual([
      'spec.template.spec.containers[0].ports[0].containerPort is invalid: Required value; set the port the container listens on, 1 to 65535',
      'spec.template.spec.containers[0].ports[1].containerPort 70000 is invalid: must be between 1 and 65535, inclusive; use a port between 1 and 65535',
      'spec.template.spec.containers[0].ports[1].hostPort 70000 is invalid: must be between 1 and 65535, inclusive; use a port between 1 and 65535, or leave hostPort out',
    ]);
  });

  test('a nodePort on a ClusterIP Service (also by default) is Forbidden; one no range can hold, and a duplicate per protocol, are reported', () => {
    expect(apiFindings(appWith('Service', (s) => { delete s.spec.type; s.spec.ports = [{ name: 'a', port: 80, nodePort: 30080 }]; }))).toEqual([
      "spec.ports[0].nodePort is invalid: Forbidden: may not be used when `type` is 'ClusterIP'; remove nodePort, or set spec.type to NodePort or LoadBalancer",
    ]);
    expect(apiFindings(appWith('Service', (s) => {
      s.spec.type = 'NodePort';
      s.spec.ports = [
        { name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }, { name: 'c', port: 82, nodePort: 30080, protocol: 'UDP' },
        { name: 'd', port: 83, nodePort: 70000 },
      ];
    }))).toEqual([
      'spec.ports[1].nodePort is invalid: Duplicate value: 30080; give each port of the same protocol its own nodePort',
      'spec.ports[3].nodePort 70000 is invalid: provided port is not in the valid range; '
        + 'use a port in the cluster\'s --service-node-port-range (30000-32767 by default), or leave nodePort out to have one allocated',
    ]);
  });
});

describe('scheduling fields (ValidatePodSpec) and HPA bounds, on raw objects', () => {
  test('a toleration with operator In and an HPA whose maxReplicas is below minReplicas are findings with the field', () => {
    expect(apiFindings(appWith('Deployment', (d) => { d.spec.template.spec.tolerations = [{ key: 'gpu', operator: 'In' }]; }))).toEqual([
      'spec.template.spec.tolerations[0].operator is invalid: Unsupported value: "In": supported values: "Equal", "Exists"; use operator: Equal (the default) or Exists',
    ]);
    expect(apiFindings(appWith('HorizontalPodAutoscaler', (h) => { h.spec.minReplicas = 5; h.spec.maxReplicas = 2; }))).toEqual([
      'spec.maxReplicas 2 is invalid: must be greater than or equal to `minReplicas`; raise maxReplicas to at least 5 or lower minReplicas',
    ]);
    expect(apiFindings(appWith('HorizontalPodAutoscaler', (h) => { h.spec.minReplicas = 0; }))).toEqual([
      'spec.minReplicas 0 is invalid: must be greater than or equal to 1; use minReplicas: 1 or more (0 needs the HPAScaleToZero feature gate, '
        + 'alpha and off in 1.27: exempt the object from this rule where a cluster turns it on)',
    ]);
  });
});

// pkg/apis/apps/validation/validation.go (1.27) ValidateRollingUpdateDeployment,
// ValidateRollingUpdateDaemonSet, validateRollingUpdateStatefulSet (lib/kubernetes/rolling-update-validation.ts).
describe('rolling updates (ValidateRollingUpdateDeployment, …DaemonSet, …StatefulSet)', () => {
  const ds = (rollingUpdate: Json) => ({
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ops' },
    spec: { selector: { matchLabels: { app: 'agent' } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } } },
  });
  const sts = (updateStrategy: Json) => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'data' },
    spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, updateStrategy, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } } },
  });

  test.each([[0, '25%'], ['0%', '100%'], ['25%', 0], [1, '0%'], ['200%', 1]])('accepts a Deployment with maxSurge %j, maxUnavailable %j', (maxSurge, maxUnavailable) => {
    expect(apiFindings(appWith('Deployment', (d) => { d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } }; }))).toEqual([]);
  });

  test('accepts a surging DaemonSet, a StatefulSet partition 0 and its maxUnavailable (MaxUnavailableStatefulSet off in 1.27: dropped)', () => {
    expect(apiFindings([ds({ maxSurge: '100%', maxUnavailable: 0 }), ds({ maxUnavailable: '100%' }), sts({ rollingUpdate: { partition: 0, maxUnavailable: -1 } })])).toEqual([]);
  });

  test('reports a Deployment maxSurge -1, maxUnavailable "110%", both 0', () => {
    expect(apiFindings(appWith('Deployment', (d) => { d.spec.strategy = { rollingUpdate: { maxSurge: -1 } }; }))).toEqual([
      'spec.strategy.rollingUpdate.maxSurge -1 is invalid: must be greater than or equal to 0; use 0 or more pods, or a percentage such as "25%"',
    ]);
    expect(apiFindings(appWith('Deployment', (d) => { d.spec.strategy = { rollingUpdate: { maxUnavailable: '110%' } }; }))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable "110%" is invalid: must not be greater than 100%; use at most "100%"',
    ]);
    expect(apiFindings(appWith('Deployment', (d) => { d.spec.strategy = { rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } }; }))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable 0 is invalid: may not be 0 when `maxSurge` is 0; allow one pod down (maxUnavailable: 1) or one extra pod (maxSurge: 1)',
    ]);
  });

  test('reports a DaemonSet maxSurge with the default maxUnavailable 1, and a StatefulSet partition -1', () => {
    expect(apiFindings([ds({ maxSurge: 1 }), sts({ type: 'RollingUpdate', rollingUpdate: { partition: -1 } })])).toEqual([
      'spec.updateStrategy.rollingUpdate.maxSurge 1 is invalid: may not be set when maxUnavailable is non-zero; set maxUnavailable: 0 to surge (maxUnavailable defaults to 1), or remove maxSurge',
      'spec.updateStrategy.rollingUpdate.partition -1 is invalid: must be greater than or equal to 0; use 0 to update every pod, or an ordinal (pods at or above it are updated)',
    ]);
  });
});

// Quantity.UnmarshalJSON (apimachinery pkg/api/resource/quantity.go): `null` is the zero Quantity,
// so the API server accepts `cpu: null` (stored as "0"): neither the schema nor api-validation refuses it.
describe('a null quantity (Quantity.UnmarshalJSON reads it as 0)', () => {
  test('requests cpu: null passes every rule; a null limit is a limit of 0, as upstream', () => {
    expect(check(appWith('Deployment', (d) => { container(d).resources = { requests: { cpu: null, memory: '128Mi' }, limits: { memory: '128Mi' } }; }))
      .map((f) => f.message)).toEqual([]);
    expect(check(appWith('Deployment', (d) => { container(d).resources = { requests: { cpu: '100m' }, limits: { cpu: null } }; }), { rules: [Rule.SCHEMA, Rule.API_VALIDATION] })
      .map((f) => f.message)).toEqual([
      'spec.template.spec.containers[0].resources.requests "100m" is invalid: must be less than or equal to cpu limit of 0; lower the cpu request or raise its limit',
    ]);
  });

  test('the schema still refuses a quantity of another JSON type, naming string or number', () => {
    expect(check(appWith('Deployment', (d) => { container(d).resources = { requests: { cpu: true } }; }), { rules: [Rule.SCHEMA] }).map((f) => f.message)).toEqual([
      'spec.template.spec.containers[0].resources.requests[cpu] must be string or number, got true',
    ]);
  });
});
