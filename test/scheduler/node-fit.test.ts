// Tables ported from kubernetes/kubernetes, for Kubernetes 1.27
//   pkg/scheduler/framework/plugins/noderesources/fit_test.go (read at commit 24fbb13e; the rows
//   below are the ones 1.27 shares): TestEnoughRequests (every case, with its InsufficientResource
//   details and status reasons), TestNotEnoughRequests, TestStorageRequests; and
//   TestRestartableInitContainers (1.28+), answered as 1.27 does.
// Upstream builds pods with newResourcePod(framework.Resource{...}) — one container per usage,
// requesting cpu (milli), memory, pods, ephemeral-storage and the scalars, zeros included — and
// nodes with makeAllocatableResources(milliCPU, memory, pods, extendedA, storage, hugePageA).
import { isExtendedResourceName } from '../../lib/kubernetes/resource-requirements';
import {
  emptyResourceVector,
  fitsRequest,
  insufficientResources,
  isScalarResourceName,
  Node,
  NodeFitOptions,
  nodeAllocatableVector,
  nodeFits,
  PodSpec,
  podResourceVector,
  requestedResourceVector,
  resourceVectorOf,
  parseResourceList,
  addResourceVector,
  subtractResourceVector,
  InvalidQuantityError,
} from '../../lib/scheduler';

const extendedResourceA = 'example.com/aaa';
const extendedResourceB = 'example.com/bbb';
const kubernetesIOResourceA = 'kubernetes.io/something';
const kubernetesIOResourceB = 'subdomain.kubernetes.io/something';
const hugePageResourceA = 'hugepages-2Mi';

interface Usage {
  readonly milliCPU?: number;
  readonly memory?: number;
  readonly allowedPodNumber?: number;
  readonly ephemeralStorage?: number;
  readonly scalar?: Record<string, number>;
}

function newResourcePod(...usage: Usage[]): PodSpec {
  return {
    containers: usage.map((u, i) => ({
      name: `c${i}`,
      resources: {
        requests: {
          'cpu': `${u.milliCPU ?? 0}m`,
          'memory': u.memory ?? 0,
          'pods': u.allowedPodNumber ?? 0,
          'ephemeral-storage': u.ephemeralStorage ?? 0,
          ...u.scalar,
        },
      },
    })),
  };
}

function newResourceInitPod(pod: PodSpec, ...usage: Usage[]): PodSpec {
  return { ...pod, initContainers: newResourcePod(...usage).containers };
}

function newResourceOverheadPod(pod: PodSpec, overhead: Record<string, string>): PodSpec {
  return { ...pod, overhead };
}

function makeNode(milliCPU: number, memory: number, pods: number, extendedA: number, storage: number, hugePageA: number): Node {
  return {
    metadata: { name: 'node' },
    status: {
      allocatable: {
        'cpu': `${milliCPU}m`,
        'memory': memory,
        'pods': pods,
        [extendedResourceA]: extendedA,
        'ephemeral-storage': storage,
        [hugePageResourceA]: hugePageA,
      },
    },
  };
}

/** [resource, requested, used, capacity] */
type Want = [string, number, number, number];

interface Row {
  readonly name: string;
  readonly pod: PodSpec;
  readonly onNode: PodSpec;
  readonly options?: NodeFitOptions;
  readonly want: Want[];
}

const reason = (name: string): string => (name === 'pods' ? 'Too many pods' : `Insufficient ${name}`);

const TEST_ENOUGH_REQUESTS: Row[] = [
  { name: 'no resources requested always fits', pod: { containers: [] }, onNode: newResourcePod({ milliCPU: 10, memory: 20 }), want: [] },
  {
    name: 'too many resources fails',
    pod: newResourcePod({ milliCPU: 1, memory: 1 }),
    onNode: newResourcePod({ milliCPU: 10, memory: 20 }),
    want: [['cpu', 1, 10, 10], ['memory', 1, 20, 20]],
  },
  {
    name: 'too many resources fails due to init container cpu',
    pod: newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 3, memory: 1 }),
    onNode: newResourcePod({ milliCPU: 8, memory: 19 }),
    want: [['cpu', 3, 8, 10]],
  },
  {
    name: 'too many resources fails due to highest init container cpu',
    pod: newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 3, memory: 1 }, { milliCPU: 2, memory: 1 }),
    onNode: newResourcePod({ milliCPU: 8, memory: 19 }),
    want: [['cpu', 3, 8, 10]],
  },
  {
    name: 'too many resources fails due to init container memory',
    pod: newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 3 }),
    onNode: newResourcePod({ milliCPU: 9, memory: 19 }),
    want: [['memory', 3, 19, 20]],
  },
  {
    name: 'too many resources fails due to highest init container memory',
    pod: newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 3 }, { milliCPU: 1, memory: 2 }),
    onNode: newResourcePod({ milliCPU: 9, memory: 19 }),
    want: [['memory', 3, 19, 20]],
  },
  {
    name: "init container fits because it's the max, not sum, of containers and init containers",
    pod: newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 1 }),
    onNode: newResourcePod({ milliCPU: 9, memory: 19 }),
    want: [],
  },
  {
    name: "multiple init containers fit because it's the max, not sum, of containers and init containers",
    pod: newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 1 }, { milliCPU: 1, memory: 1 }),
    onNode: newResourcePod({ milliCPU: 9, memory: 19 }),
    want: [],
  },
  { name: 'both resources fit', pod: newResourcePod({ milliCPU: 1, memory: 1 }), onNode: newResourcePod({ milliCPU: 5, memory: 5 }), want: [] },
  {
    name: 'one resource memory fits',
    pod: newResourcePod({ milliCPU: 2, memory: 1 }),
    onNode: newResourcePod({ milliCPU: 9, memory: 5 }),
    want: [['cpu', 2, 9, 10]],
  },
  {
    name: 'one resource cpu fits',
    pod: newResourcePod({ milliCPU: 1, memory: 2 }),
    onNode: newResourcePod({ milliCPU: 5, memory: 19 }),
    want: [['memory', 2, 19, 20]],
  },
  { name: 'equal edge case', pod: newResourcePod({ milliCPU: 5, memory: 1 }), onNode: newResourcePod({ milliCPU: 5, memory: 19 }), want: [] },
  {
    name: 'equal edge case for init container',
    pod: newResourceInitPod(newResourcePod({ milliCPU: 4, memory: 1 }), { milliCPU: 5, memory: 1 }),
    onNode: newResourcePod({ milliCPU: 5, memory: 19 }),
    want: [],
  },
  {
    name: 'extended resource fits',
    pod: newResourcePod({ scalar: { [extendedResourceA]: 1 } }),
    onNode: newResourcePod({}),
    want: [],
  },
  {
    name: 'extended resource fits for init container',
    pod: newResourceInitPod(newResourcePod({}), { scalar: { [extendedResourceA]: 1 } }),
    onNode: newResourcePod({}),
    want: [],
  },
  {
    name: 'extended resource capacity enforced',
    pod: newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 10 } }),
    onNode: newResourcePod({ scalar: { [extendedResourceA]: 0 } }),
    want: [[extendedResourceA, 10, 0, 5]],
  },
  {
    name: 'extended resource capacity enforced for init container',
    pod: newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 10 } }),
    onNode: newResourcePod({ scalar: { [extendedResourceA]: 0 } }),
    want: [[extendedResourceA, 10, 0, 5]],
  },
  {
    name: 'extended resource allocatable enforced',
    pod: newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 1 } }),
    onNode: newResourcePod({ scalar: { [extendedResourceA]: 5 } }),
    want: [[extendedResourceA, 1, 5, 5]],
  },
  {
    name: 'extended resource allocatable enforced for init container',
    pod: newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 1 } }),
    onNode: newResourcePod({ scalar: { [extendedResourceA]: 5 } }),
    want: [[extendedResourceA, 1, 5, 5]],
  },
  {
    name: 'extended resource allocatable enforced for multiple containers',
    pod: newResourcePod(
      { milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 3 } },
      { milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 3 } },
    ),
    onNode: newResourcePod({ scalar: { [extendedResourceA]: 2 } }),
    want: [[extendedResourceA, 6, 2, 5]],
  },
  {
    name: 'extended resource allocatable admits multiple init containers',
    pod: newResourceInitPod(
      newResourcePod({}),
      { milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 3 } },
      { milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 3 } },
    ),
    onNode: newResourcePod({ scalar: { [extendedResourceA]: 2 } }),
    want: [],
  },
  {
    name: 'extended resource allocatable enforced for multiple init containers',
    pod: newResourceInitPod(
      newResourcePod({}),
      { milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 6 } },
      { milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 3 } },
    ),
    onNode: newResourcePod({ scalar: { [extendedResourceA]: 2 } }),
    want: [[extendedResourceA, 6, 2, 5]],
  },
  {
    name: 'extended resource allocatable enforced for unknown resource',
    pod: newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedResourceB]: 1 } }),
    onNode: newResourcePod({}),
    want: [[extendedResourceB, 1, 0, 0]],
  },
  {
    name: 'extended resource allocatable enforced for unknown resource for init container',
    pod: newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [extendedResourceB]: 1 } }),
    onNode: newResourcePod({}),
    want: [[extendedResourceB, 1, 0, 0]],
  },
  {
    name: 'kubernetes.io resource capacity enforced',
    pod: newResourcePod({ milliCPU: 1, memory: 1, scalar: { [kubernetesIOResourceA]: 10 } }),
    onNode: newResourcePod({}),
    want: [[kubernetesIOResourceA, 10, 0, 0]],
  },
  {
    name: 'kubernetes.io resource capacity enforced for init container',
    pod: newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [kubernetesIOResourceB]: 10 } }),
    onNode: newResourcePod({}),
    want: [[kubernetesIOResourceB, 10, 0, 0]],
  },
  {
    name: 'hugepages resource capacity enforced',
    pod: newResourcePod({ milliCPU: 1, memory: 1, scalar: { [hugePageResourceA]: 10 } }),
    onNode: newResourcePod({ scalar: { [hugePageResourceA]: 0 } }),
    want: [[hugePageResourceA, 10, 0, 5]],
  },
  {
    name: 'hugepages resource capacity enforced for init container',
    pod: newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [hugePageResourceA]: 10 } }),
    onNode: newResourcePod({ scalar: { [hugePageResourceA]: 0 } }),
    want: [[hugePageResourceA, 10, 0, 5]],
  },
  {
    name: 'hugepages resource allocatable enforced for multiple containers',
    pod: newResourcePod(
      { milliCPU: 1, memory: 1, scalar: { [hugePageResourceA]: 3 } },
      { milliCPU: 1, memory: 1, scalar: { [hugePageResourceA]: 3 } },
    ),
    onNode: newResourcePod({ scalar: { [hugePageResourceA]: 2 } }),
    want: [[hugePageResourceA, 6, 2, 5]],
  },
  {
    name: 'skip checking ignored extended resource',
    pod: newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedResourceB]: 1 } }),
    onNode: newResourcePod({}),
    options: { ignoredResources: ['example.com/bbb'] },
    want: [],
  },
  {
    name: 'resources + pod overhead fits',
    pod: newResourceOverheadPod(newResourcePod({ milliCPU: 1, memory: 1 }), { cpu: '3m', memory: '13' }),
    onNode: newResourcePod({ milliCPU: 5, memory: 5 }),
    want: [],
  },
  {
    name: 'requests + overhead does not fit for memory',
    pod: newResourceOverheadPod(newResourcePod({ milliCPU: 1, memory: 1 }), { cpu: '1m', memory: '15' }),
    onNode: newResourcePod({ milliCPU: 5, memory: 5 }),
    want: [['memory', 16, 5, 20]],
  },
  {
    name: 'skip checking ignored extended resource via resource groups',
    pod: newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedResourceB]: 1, [kubernetesIOResourceA]: 1 } }),
    onNode: newResourcePod({}),
    options: { ignoredResourceGroups: ['example.com'] },
    want: [[kubernetesIOResourceA, 1, 0, 0]],
  },
  {
    name: 'skip checking extended resource request with quantity zero via resource groups',
    pod: newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedResourceA]: 0 } }),
    onNode: newResourcePod({ scalar: { [extendedResourceA]: 6 } }),
    want: [],
  },
  {
    name: 'skip checking resource request with quantity zero',
    pod: newResourcePod({ scalar: { [extendedResourceA]: 1 } }),
    onNode: newResourcePod({ milliCPU: 20, memory: 30, scalar: { [extendedResourceA]: 1 } }),
    want: [],
  },
];

describe('TestEnoughRequests', () => {
  const node = makeNode(10, 20, 32, 5, 20, 5);

  test.each(TEST_ENOUGH_REQUESTS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    // Filter status reasons
    const result = nodeFits(node, [row.onNode], row.pod, row.options);
    expect(result.reasons).toEqual(row.want.map(([name]) => reason(name)));
    expect(result.fits).toBe(row.want.length === 0);
    // fitsRequest(computePodResourceRequest(pod), nodeInfo, …) details
    const got = insufficientResources(
      nodeAllocatableVector(node),
      requestedResourceVector([row.onNode]),
      1,
      podResourceVector(row.pod),
      row.options,
    );
    expect(got).toEqual(
      row.want.map(([resourceName, requested, used, capacity]) => ({ resourceName, reason: reason(resourceName), requested, used, capacity })),
    );
  });
});

describe('TestNotEnoughRequests', () => {
  // allocatable: makeAllocatableResources(10, 20, 1, 0, 0, 0) — room for one pod, taken
  const node = makeNode(10, 20, 1, 0, 0, 0);
  test.each([
    ["even without specified resources, predicate fails when there's no space for additional pod", { containers: [] }, newResourcePod({ milliCPU: 10, memory: 20 })],
    ["even if both resources fit, predicate fails when there's no space for additional pod", newResourcePod({ milliCPU: 1, memory: 1 }), newResourcePod({ milliCPU: 5, memory: 5 })],
    ["even for equal edge case, predicate fails when there's no space for additional pod", newResourcePod({ milliCPU: 5, memory: 1 }), newResourcePod({ milliCPU: 5, memory: 19 })],
    [
      "even for equal edge case, predicate fails when there's no space for additional pod due to init container",
      newResourceInitPod(newResourcePod({ milliCPU: 5, memory: 1 }), { milliCPU: 5, memory: 1 }),
      newResourcePod({ milliCPU: 5, memory: 19 }),
    ],
  ] as Array<[string, PodSpec, PodSpec]>)('%s', (_name, pod, onNode) => {
    expect(nodeFits(node, [onNode], pod)).toEqual({ fits: false, reasons: ['Too many pods'] });
    expect(insufficientResources(nodeAllocatableVector(node), requestedResourceVector([onNode]), 1, podResourceVector(pod))).toEqual([
      { resourceName: 'pods', reason: 'Too many pods', requested: 1, used: 1, capacity: 1 },
    ]);
  });
});

describe('TestStorageRequests', () => {
  const node = makeNode(10, 20, 32, 5, 20, 5);
  test.each([
    ['empty storage requested, and pod fits', newResourcePod({ milliCPU: 1, memory: 1 }), newResourcePod({ milliCPU: 2, memory: 10 }), []],
    [
      'storage ephemeral local storage request exceeds allocatable',
      newResourcePod({ ephemeralStorage: 25 }),
      newResourcePod({ milliCPU: 2, memory: 2 }),
      ['Insufficient ephemeral-storage'],
    ],
    [
      'ephemeral local storage is sufficient',
      newResourceInitPod(newResourcePod({ ephemeralStorage: 5 })),
      newResourcePod({ milliCPU: 2, memory: 2, ephemeralStorage: 10 }),
      [],
    ],
    ['pod fits', newResourcePod({ ephemeralStorage: 10 }), newResourcePod({ milliCPU: 2, memory: 2 }), []],
  ] as Array<[string, PodSpec, PodSpec, string[]]>)('%s', (_name, pod, onNode, reasons) => {
    expect(nodeFits(node, [onNode], pod)).toEqual({ fits: reasons.length === 0, reasons });
  });
});

// 1.28+ only: with SidecarContainers disabled, 1.28+ rejects such a pod in PreFilter ("Pod has a
// restartable init container and the SidecarContainers feature is disabled"). 1.27 has no such
// check and no such field: the pod fits as any other (1.27 wins).
describe('TestRestartableInitContainers rows, as Kubernetes 1.27 answers them', () => {
  // allocatable: makeAllocatableResources(0, 0, 1, 0, 0, 0), no pods on the node
  const node = makeNode(0, 0, 1, 0, 0, 0);
  test.each([
    ['allow pod without restartable init containers', { containers: [{ name: 'regular' }] }],
    [
      'allow pod with restartable init containers',
      { containers: [{ name: 'regular' }], initContainers: [{ name: 'restartable-init', restartPolicy: 'Always' }] },
    ],
  ] as Array<[string, PodSpec]>)('%s', (_name, pod) => {
    expect(nodeFits(node, [], pod)).toEqual({ fits: true, reasons: [] });
  });
});

describe('reason order and resource classes', () => {
  test('GIVEN a pod short of everything WHEN filtered THEN reasons follow upstream order with scalars sorted', () => {
    const node: Node = {
      metadata: { name: 'n1' },
      status: { allocatable: { 'cpu': '1', 'memory': '1Gi', 'pods': '1', 'ephemeral-storage': '1Gi', 'nvidia.com/gpu': '1', 'hugepages-1Gi': '1Gi' } },
    };
    const onNode: PodSpec = { containers: [{ name: 'x', resources: { requests: { cpu: '100m' } } }] };
    const pod: PodSpec = {
      containers: [
        {
          name: 'big',
          resources: {
            requests: { 'nvidia.com/gpu': 2, 'hugepages-1Gi': '2Gi', 'cpu': '1', 'memory': '2Gi', 'ephemeral-storage': '2Gi', 'amd.com/gpu': 1 },
          },
        },
      ],
    };
    expect(nodeFits(node, [onNode], pod)).toEqual({
      fits: false,
      reasons: [
        'Too many pods',
        'Insufficient cpu',
        'Insufficient memory',
        'Insufficient ephemeral-storage',
        'Insufficient amd.com/gpu',
        'Insufficient hugepages-1Gi',
        'Insufficient nvidia.com/gpu',
      ],
    });
  });

  test('GIVEN limits-only containers WHEN filtered THEN their limits count as requests', () => {
    const node: Node = { metadata: { name: 'n' }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: 110 } } };
    const pod: PodSpec = { containers: [{ name: 'c', resources: { limits: { cpu: '3', memory: '1Gi' } } }] };
    expect(nodeFits(node, [], pod)).toEqual({ fits: false, reasons: ['Insufficient cpu'] });
  });

  test('GIVEN a node without allocatable WHEN filtered THEN it admits no pod (allocatable is all zero)', () => {
    expect(nodeFits({ metadata: { name: 'bare' } }, [], { containers: [] })).toEqual({ fits: false, reasons: ['Too many pods'] });
  });

  test('GIVEN an overcommitted node WHEN the pod asks no cpu THEN cpu is not a reason (request > 0 guard)', () => {
    const node: Node = { metadata: { name: 'n' }, status: { allocatable: { cpu: '1', memory: '1Gi', pods: 10 } } };
    const onNode: PodSpec = { containers: [{ name: 'c', resources: { requests: { cpu: '2' } } }] };
    const pod: PodSpec = { containers: [{ name: 'c', resources: { requests: { memory: '1Mi' } } }] };
    expect(nodeFits(node, [onNode], pod)).toEqual({ fits: true, reasons: [] });
  });

  test('GIVEN sub-unit quantities WHEN converted THEN cpu rounds up to 1m and bytes round up to 1', () => {
    const v = resourceVectorOf(parseResourceList({ 'cpu': '1n', 'memory': '0.5', 'ephemeral-storage': '100m', 'example.com/x': '1m' }));
    expect(v).toEqual({
      milliCPU: 1,
      memory: 1,
      ephemeralStorage: 1,
      allowedPodNumber: 0,
      scalarResources: { 'example.com/x': 1 },
      scalarNames: ['example.com/x'],
    });
  });

  test('GIVEN resource names WHEN classified THEN only scalar names are tracked', () => {
    expect(resourceVectorOf(parseResourceList({ foo: '1', 'requests.example.com/x': '1', 'attachable-volumes-aws-ebs': '39' })).scalarResources).toEqual({
      'attachable-volumes-aws-ebs': 39,
    });
    expect(isExtendedResourceName('nvidia.com/gpu')).toBe(true);
    expect(isExtendedResourceName('kubernetes.io/something')).toBe(false);
    expect(isExtendedResourceName('cpu')).toBe(false);
    expect(isExtendedResourceName('requests.example.com/x')).toBe(false);
    expect(isExtendedResourceName('Example.com/x')).toBe(false); // prefix must be a DNS subdomain
    expect(isExtendedResourceName('example.com/a/b')).toBe(false);
    expect(isScalarResourceName('hugepages-2Mi')).toBe(true);
    expect(isScalarResourceName('subdomain.kubernetes.io/something')).toBe(true);
    expect(isScalarResourceName('storage')).toBe(false);
  });

  test('fails naming the node field of an invalid allocatable quantity', () => {
    const node: Node = { metadata: { name: 'n7' }, status: { allocatable: { cpu: '4 cores' } } };
    expect(() => nodeFits(node, [], { containers: [] })).toThrow(InvalidQuantityError);
    expect(() => nodeFits(node, [], { containers: [] })).toThrow('invalid quantity "4 cores" at Node n7 status.allocatable[cpu]: ');
  });
});

describe('building blocks for the simulation', () => {
  test('GIVEN vectors WHEN pods are added and removed THEN fitsRequest matches nodeFits on the same state', () => {
    const node: Node = { metadata: { name: 'n' }, status: { allocatable: { 'cpu': '4', 'memory': '8Gi', 'pods': 3, 'nvidia.com/gpu': 1 } } };
    const web: PodSpec = { containers: [{ name: 'w', resources: { requests: { cpu: '1500m', memory: '3Gi' } } }] };
    const gpu: PodSpec = { containers: [{ name: 'g', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { 'nvidia.com/gpu': 1 } } }] };
    const allocatable = nodeAllocatableVector(node);
    const requested = emptyResourceVector();
    const placed: PodSpec[] = [];
    for (const pod of [web, gpu, web, gpu, web]) {
      const request = podResourceVector(pod);
      const reasons = fitsRequest(allocatable, requested, placed.length, request);
      expect([...reasons]).toEqual(nodeFits(node, placed, pod).reasons);
      if (reasons.length === 0) {
        addResourceVector(requested, request);
        placed.push(pod);
      }
    }
    expect(placed).toEqual([web, gpu, web]);
    expect(requested).toEqual({
      milliCPU: 4000,
      memory: 7 * 1024 ** 3,
      ephemeralStorage: 0,
      allowedPodNumber: 0,
      scalarResources: { 'nvidia.com/gpu': 1 },
      scalarNames: ['nvidia.com/gpu'],
    });
    expect([...fitsRequest(allocatable, requested, placed.length, podResourceVector(gpu))]).toEqual([
      'Too many pods',
      'Insufficient cpu',
      'Insufficient nvidia.com/gpu',
    ]);
    subtractResourceVector(requested, podResourceVector(web));
    expect(requested.milliCPU).toBe(2500);
    expect(requested.memory).toBe(4 * 1024 ** 3);
  });

  test('GIVEN scalars added in any order WHEN accumulated THEN scalarNames stay sorted and match the keys', () => {
    const target = emptyResourceVector();
    addResourceVector(target, resourceVectorOf(parseResourceList({ 'z.io/b': 1 })));
    addResourceVector(target, resourceVectorOf(parseResourceList({ 'a.io/c': 2, 'hugepages-2Mi': '4Mi' })));
    addResourceVector(target, resourceVectorOf(parseResourceList({ 'z.io/b': 3 })));
    expect(target.scalarNames).toEqual(['a.io/c', 'hugepages-2Mi', 'z.io/b']);
    expect(target.scalarResources).toEqual({ 'a.io/c': 2, 'hugepages-2Mi': 4 * 1024 * 1024, 'z.io/b': 4 });
  });

  test('GIVEN a fitting pod WHEN checked many times THEN the shared empty result is returned', () => {
    const allocatable = nodeAllocatableVector({ metadata: { name: 'n' }, status: { allocatable: { cpu: '64', memory: '256Gi', pods: 110 } } });
    const request = podResourceVector({ containers: [{ name: 'c', resources: { requests: { cpu: '250m', memory: '512Mi' } } }] });
    const a = fitsRequest(allocatable, emptyResourceVector(), 0, request);
    const b = fitsRequest(allocatable, emptyResourceVector(), 5, request);
    expect(a).toHaveLength(0);
    expect(a).toBe(b);
  });
});
