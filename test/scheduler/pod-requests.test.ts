// Tables ported from kubernetes/kubernetes, for Kubernetes 1.27 (pkg/api/v1/resource/helpers_test.go
// there; read at staging/src/k8s.io/component-helpers/resource/helpers_test.go, commit 6c5cf687,
// whose restartable-init-container rows are 1.28+ and appear below with 1.27's answer):
//   TestPodRequestsAndLimits (requests half), TestPodRequestsAndLimitsWithoutOverhead,
//   TestPodResourceRequests (all cases without container status), and TestPodResourceLimits
//   (cases without status), which become request cases here because API defaulting
//   (pkg/apis/core/v1/defaults.go SetDefaults_Pod) turns limits-only containers into requests;
//   plus the worked example in the comment on noderesources/fit.go computePodResourceRequest.
// Where our answer differs from the upstream helper's, the reason is API defaulting, which the
// upstream helper tests skip (their pods are not defaulted); those rows say so.
import {
  Container,
  InvalidQuantityError,
  NON_ZERO_DEFAULT_REQUESTS,
  parseQuantity,
  PodSpec,
  podRequests,
  PodRequestsOptions,
  QuantityList,
  ResourceList,
} from '../../lib/scheduler';

const req = (requests: ResourceList, extra: Partial<Container> = {}): Container => ({
  name: extra.name ?? 'c',
  ...extra,
  resources: { requests },
});
const lim = (limits: ResourceList, extra: Partial<Container> = {}): Container => ({
  name: extra.name ?? 'c',
  ...extra,
  resources: { limits },
});
const sidecar = { restartPolicy: 'Always' };

/** Compares by exact value (Go's equality.Semantic on quantities). */
function expectRequests(got: QuantityList, expected: ResourceList): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) {
    expect({ name, cmp: got[name].cmp(parseQuantity(String(value))) }).toEqual({ name, cmp: 0 });
  }
}

interface Row {
  readonly name: string;
  readonly spec: PodSpec;
  readonly options?: PodRequestsOptions;
  readonly expected: ResourceList;
}

// getPod(name, podResources{...}) from helpers_test.go: one container plus overhead.
function getPod(r: { cpuRequest?: string; cpuLimit?: string; memoryRequest?: string; memoryLimit?: string; cpuOverhead?: string; memoryOverhead?: string }): PodSpec {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const overhead: Record<string, string> = {};
  if (r.cpuRequest) requests.cpu = r.cpuRequest;
  if (r.memoryRequest) requests.memory = r.memoryRequest;
  if (r.cpuLimit) limits.cpu = r.cpuLimit;
  if (r.memoryLimit) limits.memory = r.memoryLimit;
  if (r.cpuOverhead) overhead.cpu = r.cpuOverhead;
  if (r.memoryOverhead) overhead.memory = r.memoryOverhead;
  return { containers: [{ name: 'foo', resources: { requests, limits } }], overhead };
}

const TEST_POD_REQUESTS_AND_LIMITS: Row[] = [
  // upstream expects {} (an undefaulted pod); defaulting turns the 9-core limit into a request
  { name: 'just-limit-no-overhead (defaulted)', spec: getPod({ cpuLimit: '9' }), expected: { cpu: '9' } },
  { name: 'just-overhead', spec: getPod({ cpuOverhead: '5', memoryOverhead: '5' }), expected: { cpu: '5', memory: '5' } },
  {
    name: 'req-and-overhead',
    spec: getPod({ cpuRequest: '1', memoryRequest: '10', cpuOverhead: '5', memoryOverhead: '5' }),
    expected: { cpu: '6', memory: '15' },
  },
  {
    name: 'all-req-lim-and-overhead',
    spec: getPod({ cpuRequest: '1', cpuLimit: '2', memoryRequest: '10', memoryLimit: '12', cpuOverhead: '5', memoryOverhead: '5' }),
    expected: { cpu: '6', memory: '15' },
  },
  {
    name: 'req-some-lim-and-overhead',
    spec: getPod({ cpuRequest: '1', cpuLimit: '2', memoryRequest: '10', cpuOverhead: '5', memoryOverhead: '5' }),
    expected: { cpu: '6', memory: '15' },
  },
];

const twoContainers: Container[] = [
  { name: 'foobar', resources: { requests: { cpu: '1', memory: '5' }, limits: { cpu: '2', memory: '10' } } },
  { name: 'foobar2', resources: { requests: { cpu: '4', memory: '12' }, limits: { cpu: '8', memory: '24' } } },
];
const TEST_WITHOUT_OVERHEAD: Row[] = [
  {
    name: 'two container no overhead - should just be sum of containers',
    spec: { containers: twoContainers },
    options: { excludeOverhead: true },
    expected: { cpu: '5', memory: '17' },
  },
  {
    name: "two container with overhead - shouldn't consider overhead",
    spec: { containers: twoContainers, overhead: { cpu: '3', memory: '8' } },
    options: { excludeOverhead: true },
    expected: { cpu: '5', memory: '17' },
  },
  {
    name: 'two container with overhead, massive init - should just be the largest init',
    spec: {
      containers: twoContainers,
      overhead: { cpu: '3', memory: '8' },
      initContainers: [
        { name: 'small-init', resources: { requests: { cpu: '1', memory: '5' }, limits: { cpu: '1', memory: '5' } } },
        { name: 'big-init', resources: { requests: { cpu: '40', memory: '120' }, limits: { cpu: '80', memory: '240' } } },
      ],
    },
    options: { excludeOverhead: true },
    expected: { cpu: '40', memory: '120' },
  },
];

const TEST_POD_RESOURCE_REQUESTS: Row[] = [
  {
    name: 'nil options, larger init container',
    spec: { initContainers: [req({ cpu: '4' })], containers: [req({ cpu: '1' })] },
    expected: { cpu: '4' },
  },
  {
    name: 'nil options, larger containers',
    spec: { initContainers: [req({ cpu: '2' })], containers: [req({ cpu: '2' }), req({ cpu: '3' })] },
    expected: { cpu: '5' },
  },
  {
    name: 'pod overhead excluded',
    spec: { overhead: { cpu: '1' }, initContainers: [req({ cpu: '2' })], containers: [req({ cpu: '2' }), req({ cpu: '3' })] },
    options: { excludeOverhead: true },
    expected: { cpu: '5' },
  },
  {
    name: 'pod overhead included',
    spec: {
      overhead: { cpu: '1', memory: '1Gi' },
      initContainers: [{ name: 'i', resources: { requests: { cpu: '2' }, limits: { cpu: '2' } } }],
      containers: [req({ cpu: '2' }), req({ cpu: '3' })],
    },
    expected: { cpu: '6', memory: '1Gi' },
  },
];

// TestPodResourceLimits: limits-only pods; after defaulting their requests equal the limits.
const TEST_POD_RESOURCE_LIMITS_AS_REQUESTS: Row[] = [
  {
    name: 'nil options, larger init container',
    spec: { initContainers: [lim({ cpu: '4' })], containers: [lim({ cpu: '1' })] },
    expected: { cpu: '4' },
  },
  {
    name: 'nil options, larger containers',
    spec: { initContainers: [lim({ cpu: '2' })], containers: [lim({ cpu: '2' }), lim({ cpu: '3' })] },
    expected: { cpu: '5' },
  },
  {
    name: 'pod overhead excluded',
    spec: { overhead: { cpu: '1' }, initContainers: [lim({ cpu: '2' })], containers: [lim({ cpu: '2' }), lim({ cpu: '3' })] },
    options: { excludeOverhead: true },
    expected: { cpu: '5' },
  },
  {
    // upstream's limit is cpu 6 only (overhead joins non-zero limits only); requests always get it
    name: 'pod overhead included (requests always get the overhead)',
    spec: { overhead: { cpu: '1', memory: '1Gi' }, initContainers: [lim({ cpu: '2' })], containers: [lim({ cpu: '2' }), lim({ cpu: '3' })] },
    expected: { cpu: '6', memory: '1Gi' },
  },
  {
    name: 'no limited containers should result in no limits for the pod',
    spec: { initContainers: [], containers: [{ name: 'unlimited' }] },
    expected: {},
  },
  {
    name: "one limited and one unlimited container should result in the limited container's limits for the pod",
    spec: { initContainers: [], containers: [lim({ cpu: '2', memory: '2Gi' }), { name: 'unlimited' }] },
    expected: { cpu: '2', memory: '2Gi' },
  },
  {
    name: "one limited and one unlimited init container should result in the limited init container's limits for the pod",
    spec: { initContainers: [lim({ cpu: '2', memory: '2Gi' }), { name: 'unlimited-init' }], containers: [lim({ cpu: '1', memory: '1Gi' })] },
    expected: { cpu: '2', memory: '2Gi' },
  },
];

const COMPUTE_POD_RESOURCE_REQUEST_EXAMPLE: Row[] = [
  {
    // noderesources/fit.go, comment on computePodResourceRequest: "Result: CPU: 3, Memory: 3G"
    name: 'init containers by max, containers summed',
    spec: {
      initContainers: [req({ cpu: '2', memory: '1G' }, { name: 'IC1' }), req({ cpu: '2', memory: '3G' }, { name: 'IC2' })],
      containers: [req({ cpu: '2', memory: '1G' }, { name: 'C1' }), req({ cpu: '1', memory: '1G' }, { name: 'C2' })],
    },
    expected: { cpu: '3', memory: '3G' },
  },
];

describe.each([
  ['TestPodRequestsAndLimits', TEST_POD_REQUESTS_AND_LIMITS],
  ['TestPodRequestsAndLimitsWithoutOverhead', TEST_WITHOUT_OVERHEAD],
  ['TestPodResourceRequests', TEST_POD_RESOURCE_REQUESTS],
  ['TestPodResourceLimits (limits defaulted into requests)', TEST_POD_RESOURCE_LIMITS_AS_REQUESTS],
  ['computePodResourceRequest example', COMPUTE_POD_RESOURCE_REQUEST_EXAMPLE],
])('%s', (_table, rows) => {
  test.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    expectRequests(podRequests(row.spec, row.options), row.expected);
  });
});

// The restartable-init-container rows of TestPodResourceRequests and TestPodResourceLimits
// (helpers_test.go after 1.28). Kubernetes 1.27 has no Container.restartPolicy (SidecarContainers
// came in 1.28): its API server drops the field and its scheduler counts every init container by
// max. 1.27 wins; `later` is what the 1.28+ tables expect, kept to show the difference.
const SIDECAR_ROWS_AS_1_27: Array<Row & { readonly later: ResourceList }> = [
  {
    name: 'restartable init container',
    spec: { initContainers: [req({ cpu: '1' }, { name: 'restartable-init-1', ...sidecar })], containers: [req({ cpu: '1' }, { name: 'container-1' })] },
    expected: { cpu: '1' },
    later: { cpu: '2' },
  },
  {
    name: 'multiple restartable init containers',
    spec: {
      initContainers: [
        req({ cpu: '5' }, { name: 'init-1' }),
        req({ cpu: '1' }, { name: 'restartable-init-1', ...sidecar }),
        req({ cpu: '2' }, { name: 'restartable-init-2', ...sidecar }),
        req({ cpu: '3' }, { name: 'restartable-init-3', ...sidecar }),
      ],
      containers: [req({ cpu: '1' }, { name: 'container-1' })],
    },
    expected: { cpu: '5' },
    later: { cpu: '7' },
  },
  {
    name: 'multiple restartable and regular init containers',
    spec: {
      initContainers: [
        req({ cpu: '5' }, { name: 'init-1' }),
        req({ cpu: '1' }, { name: 'restartable-init-1', ...sidecar }),
        req({ cpu: '2' }, { name: 'restartable-init-2', ...sidecar }),
        req({ cpu: '5' }, { name: 'init-2' }),
        req({ cpu: '3' }, { name: 'restartable-init-3', ...sidecar }),
      ],
      containers: [req({ cpu: '1' }, { name: 'container-1' })],
    },
    expected: { cpu: '5' },
    later: { cpu: '8' },
  },
  {
    name: 'restartable-init, init and regular',
    spec: {
      initContainers: [req({ cpu: '10' }, { name: 'restartable-init-1', ...sidecar }), req({ cpu: '200' }, { name: 'init-1' })],
      containers: [req({ cpu: '100' }, { name: 'container-1' })],
    },
    expected: { cpu: '200' },
    later: { cpu: '210' },
  },
  {
    name: 'multiple restartable init containers (limits only)',
    spec: {
      initContainers: [lim({ cpu: '5' }), lim({ cpu: '1' }, sidecar), lim({ cpu: '2' }, sidecar), lim({ cpu: '3' }, sidecar)],
      containers: [lim({ cpu: '1' })],
    },
    expected: { cpu: '5' },
    later: { cpu: '7' },
  },
];

describe('Kubernetes 1.27 wins: an init container with restartPolicy Always is an ordinary init container', () => {
  test.each(SIDECAR_ROWS_AS_1_27.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const got = podRequests(row.spec, row.options);
    expectRequests(got, row.expected);
    // the 1.28+ answer differs: this row is here because 1.27 and later disagree
    expect(got.cpu.cmp(parseQuantity(String(row.later.cpu)))).not.toBe(0);
  });
});

describe('API defaulting (SetDefaults_Pod): requests default to limits per resource', () => {
  test('GIVEN a cpu request and a memory limit WHEN computing THEN memory counts its limit and cpu its request', () => {
    const got = podRequests({ containers: [{ name: 'c', resources: { requests: { cpu: '100m' }, limits: { cpu: '2', memory: '1Gi' } } }] });
    expectRequests(got, { cpu: '100m', memory: '1Gi' });
  });

  test('GIVEN an explicit zero request WHEN a limit exists THEN the zero stays (the key exists)', () => {
    const got = podRequests({ containers: [{ name: 'c', resources: { requests: { cpu: 0 }, limits: { cpu: '2' } } }] });
    expectRequests(got, { cpu: '0' });
  });

  test('GIVEN limits-only init containers WHEN computing THEN they are defaulted too', () => {
    const got = podRequests({ initContainers: [lim({ 'nvidia.com/gpu': 2 })], containers: [req({ cpu: 1 })] });
    expectRequests(got, { cpu: '1', 'nvidia.com/gpu': '2' });
  });
});

describe('NonMissingContainerRequests (scoring defaults)', () => {
  test('GIVEN a container without requests THEN it counts 100m cpu and 200Mi memory', () => {
    const got = podRequests({ containers: [{ name: 'c' }, req({ cpu: '250m' })] }, { nonMissingContainerRequests: NON_ZERO_DEFAULT_REQUESTS });
    expectRequests(got, { cpu: '350m', memory: '400Mi' });
    // NewQuantity(DefaultMemoryRequest, DecimalSI), as upstream: prints as plain bytes
    expect(got.memory.toString()).toBe('419430400');
    expect(got.memory.value()).toBe(400n * 1024n * 1024n);
  });

  test('GIVEN an explicit zero request THEN it is not replaced', () => {
    const got = podRequests({ containers: [req({ cpu: '0', memory: '0' })] }, { nonMissingContainerRequests: NON_ZERO_DEFAULT_REQUESTS });
    expectRequests(got, { cpu: '0', memory: '0' });
  });

  test('GIVEN an init container without requests THEN its defaults count by max (1.27: restartPolicy Always changes nothing; 1.28+ would add them: 1100m, 1224Mi)', () => {
    const got = podRequests(
      { initContainers: [{ name: 's', restartPolicy: 'Always' }], containers: [req({ cpu: '1', memory: '1Gi' })] },
      { nonMissingContainerRequests: NON_ZERO_DEFAULT_REQUESTS },
    );
    expectRequests(got, { cpu: '1', memory: '1Gi' });
  });
});

describe('podRequests output', () => {
  test('GIVEN mixed spellings WHEN summed THEN the result prints canonically', () => {
    const got = podRequests({ containers: [req({ cpu: '0.5', memory: '512Mi' }), req({ cpu: 1, memory: '1Gi' })] });
    expect(got.cpu.toString()).toBe('1500m');
    expect(got.memory.toString()).toBe('1536Mi');
    expect(got.cpu.milliValue()).toBe(1500n);
  });

  test('GIVEN a pod without containers WHEN computing THEN it requests nothing', () => {
    expect(Object.keys(podRequests({ containers: [] }))).toEqual([]);
  });

  test('GIVEN odd resource names WHEN computing THEN they stay plain keys', () => {
    const requests = JSON.parse('{"constructor":"1","__proto__":"2"}') as ResourceList;
    const got = podRequests({ containers: [req(requests), req(requests)] });
    expect(Object.keys(got).sort()).toEqual(['__proto__', 'constructor']);
    expect(got['constructor'].value()).toBe(2n);
    expect(got['__proto__'].value()).toBe(4n);
  });

  test('fails naming the field of an invalid quantity', () => {
    const spec: PodSpec = { containers: [req({ cpu: '1' }), { name: 'bad', resources: { limits: { memory: '1Gb' } } }] };
    expect(() => podRequests(spec)).toThrow(InvalidQuantityError);
    expect(() => podRequests(spec)).toThrow('invalid quantity "1Gb" at spec.containers[1].resources.limits[memory]: ');
  });

  test('fails naming the overhead field', () => {
    expect(() => podRequests({ containers: [], overhead: { cpu: '1 ' } })).toThrow(
      'invalid quantity "1 " at spec.overhead[cpu]: ',
    );
  });
});
