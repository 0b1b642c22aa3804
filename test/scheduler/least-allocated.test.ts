import { leastAllocatedCpuMemoryScore, leastAllocatedScore, leastRequestedScore, MAX_NODE_SCORE, nonZeroRequests } from '../../lib/scheduler/least-allocated';
import type { PodSpec } from '../../lib/scheduler/types';

// st.MakePod().Req(a).Req(b): one container per Req.
const pod = (...reqs: Array<Record<string, string>>): PodSpec => ({ containers: reqs.map((requests, i) => ({ name: `c${i}`, resources: { requests } })) });
const node = (cpu: string, memory: string) => ({ milliCPU: Number(cpu) * 1000, memory: Number(memory) });

/** NodeResourcesFit LeastAllocated score of `requested` on a node running `existing`. */
function score(requested: PodSpec, n: { milliCPU: number; memory: number }, existing: PodSpec[]): number {
  const used = existing.map(nonZeroRequests).reduce((a, b) => ({ milliCPU: a.milliCPU + b.milliCPU, memory: a.memory + b.memory }), { milliCPU: 0, memory: 0 });
  const p = nonZeroRequests(requested);
  return leastAllocatedCpuMemoryScore(used.milliCPU, used.memory, n.milliCPU, n.memory, p.milliCPU, p.memory);
}

// Ported from pkg/scheduler/framework/plugins/noderesources/least_allocated_test.go
// (TestLeastAllocatedScoringStrategy), cases with the default resources (cpu, memory weight 1).
describe('LeastAllocated (upstream TestLeastAllocatedScoringStrategy)', () => {
  const twoContainers = pod({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' });
  const rows: Array<[string, PodSpec, Array<[string, string]>, PodSpec[][], number[]]> = [
    ['nothing scheduled, nothing requested', pod(), [['4000', '10000'], ['4000', '10000']], [[], []], [MAX_NODE_SCORE, MAX_NODE_SCORE]],
    ['nothing scheduled, resources requested, differently sized nodes', twoContainers, [['4000', '10000'], ['6000', '10000']], [[], []], [37, 50]],
    ['no resources requested, pods scheduled', pod(), [['4000', '10000'], ['4000', '10000']], [[pod(), pod()], [pod(), pod()]], [MAX_NODE_SCORE, MAX_NODE_SCORE]],
    [
      'no resources requested, pods scheduled with resources',
      pod(),
      [['10000', '20000'], ['10000', '20000']],
      [[pod({ cpu: '3000', memory: '0' }), pod({ cpu: '3000', memory: '0' })], [pod({ cpu: '3000', memory: '0' }), pod({ cpu: '3000', memory: '5000' })]],
      [70, 57],
    ],
    ['resources requested, pods scheduled with resources', twoContainers, [['10000', '20000'], ['10000', '20000']], [[pod({ cpu: '3000', memory: '0' })], [pod({ cpu: '3000', memory: '5000' })]], [57, 45]],
    ['resources requested, pods scheduled with resources, differently sized nodes', twoContainers, [['10000', '20000'], ['10000', '50000']], [[pod({ cpu: '3000', memory: '0' })], [pod({ cpu: '3000', memory: '5000' })]], [57, 60]],
    ['requested resources exceed node capacity', pod({ cpu: '3000', memory: '0' }), [['4000', '10000'], ['4000', '10000']], [[pod({ cpu: '3000', memory: '0' })], [pod({ cpu: '3000', memory: '5000' })]], [50, 25]],
    ['zero node resources, pods scheduled with resources', pod(), [['0', '0'], ['0', '0']], [[pod({ cpu: '3000', memory: '0' })], [pod({ cpu: '3000', memory: '5000' })]], [0, 0]],
  ];
  test.each(rows)('%s', (_name, requested, nodes, existing, want) => {
    // GIVEN nodes with existing pods WHEN the requested pod is scored THEN the upstream scores
    expect(nodes.map(([cpu, memory], i) => score(requested, node(cpu, memory), existing[i]))).toEqual(want);
  });

  test('nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes', () => {
    // Node1: (25 * 1 + 50 * 2) / 3 = 41; Node2: (50 * 1 + 50 * 2) / 3 = 50 — weights memory 2, cpu 1.
    const p = nonZeroRequests(pod({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }));
    expect(leastAllocatedScore([p.memory, p.milliCPU], [10000, 4_000_000], [2, 1])).toBe(41);
    expect(leastAllocatedScore([p.memory, p.milliCPU], [10000, 6_000_000], [2, 1])).toBe(50);
  });

  test('GIVEN containers without requests WHEN scored THEN each counts 100m cpu and 200Mi memory (GetNonzeroRequests)', () => {
    expect(nonZeroRequests({ containers: [{ name: 'a' }, { name: 'b', resources: { requests: { cpu: '0' } } }] })).toEqual({ milliCPU: 100, memory: 2 * 200 * 1024 * 1024 });
  });

  test('GIVEN huge memory values WHEN scored THEN integer division stays exact', () => {
    expect(leastRequestedScore(1, 2 ** 52)).toBe(99);
    expect(leastRequestedScore(2 ** 52 - 1, 2 ** 52)).toBe(0);
  });
});
