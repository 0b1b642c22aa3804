import { collapsedFailureLines, replicaRanges } from '../../lib/capacity/collapse';
import type { UnplacedPod } from '../../lib/capacity/plan';
import { distinctTexts, exactResourceValue, readableBytes, readableResourceValue } from '../../lib/capacity/units';

const KI = 1024;
const MI = 1024 ** 2;
const GI = 1024 ** 3;

describe('readable units', () => {
  test.each([
    ['memory', 7244284 * KI, '6.9Gi'],
    ['memory', 16 * GI, '16Gi'],
    ['memory', 512 * MI, '512Mi'],
    ['memory', 2560 * MI, '2.5Gi'],
    ['memory', 1500 * 1000 ** 2, '1.5G'], // written in decimal units: read back in them
    ['memory', 1000 ** 3, '1G'],
    ['memory', 900, '900'],
    ['memory', 0, '0'],
    ['memory', 1023.96 * MI, '1Gi'], // rounds up past the unit: the next unit
    ['ephemeral-storage', 100 * GI, '100Gi'],
    ['hugepages-2Mi', 4 * MI, '4Mi'],
    ['cpu', 1500, '1500m'],
    ['cpu', 4000, '4'],
    ['cpu', 250, '250m'],
    ['pods', 110, '110'],
    ['nvidia.com/gpu', 2, '2'],
  ])('%s %d reads %s', (resource, value, text) => {
    expect(readableResourceValue(resource, value)).toBe(text);
  });

  test('exact values are the canonical Kubernetes quantity', () => {
    expect(exactResourceValue('memory', 7244284 * KI)).toBe('7244284Ki');
    expect(exactResourceValue('cpu', 1500)).toBe('1500m');
    expect(readableBytes(-2 * GI)).toBe('-2Gi');
  });

  test('two different values that would read alike are both exact', () => {
    expect(distinctTexts('memory', 16 * GI + 1, 16 * GI)).toEqual(['17179869185', '16Gi']);
    expect(distinctTexts('memory', 7244284 * KI, 16 * GI)).toEqual(['6.9Gi', '16Gi']);
  });
});

describe('identical failures collapse', () => {
  const pod = (replica: number, detail: string, surge = false): UnplacedPod => ({
    pod: `shop/web-${replica}`,
    workload: 'Deployment shop/web',
    surge,
    message: `shop/web (Deployment, replica ${replica} of 60${surge ? ', rollout surge' : ''}): ${detail}`,
    reasons: [],
    replica,
    of: 60,
    detail,
  });
  const CPU = '0/3 nodes are available: 3 Insufficient cpu.';
  const MEM = '0/3 nodes are available: 3 Insufficient memory.';

  test('pods of one workload failing alike are one line with the replica range', () => {
    const pods = [55, 56, 57, 58, 59, 60].map((r) => pod(r, CPU));
    expect(collapsedFailureLines(pods)).toEqual(['shop/web (Deployment), replicas 55–60 of 60: 0/3 nodes are available: 3 Insufficient cpu.']);
  });

  test('different messages and surge pods stay apart; one pod keeps its own line', () => {
    const pods = [pod(50, CPU), pod(51, MEM), pod(52, CPU), pod(53, CPU), pod(61, CPU, true)];
    expect(collapsedFailureLines(pods)).toEqual([
      'shop/web (Deployment), replicas 50, 52–53 of 60: 0/3 nodes are available: 3 Insufficient cpu.',
      'shop/web (Deployment, replica 51 of 60): 0/3 nodes are available: 3 Insufficient memory.',
      'shop/web (Deployment, replica 61 of 60, rollout surge): 0/3 nodes are available: 3 Insufficient cpu.',
    ]);
  });

  test.each([
    [[1], '1'],
    [[1, 2], '1–2'],
    [[1, 3, 4, 5, 9], '1, 3–5, 9'],
    [[5, 1, 2], '1–2, 5'],
  ])('replicaRanges(%j) is %s', (replicas, text) => {
    expect(replicaRanges(replicas)).toBe(text);
  });

  test('a million identical failures are one line, without spreading them as arguments', () => {
    const detail = '0/3 nodes are available: 3 Insufficient cpu.';
    const pods: UnplacedPod[] = [];
    for (let r = 1; r <= 1_000_000; r++) pods.push({ pod: `shop/web-${r}`, workload: 'Deployment shop/web', surge: false, message: '', reasons: [], replica: r, of: 1_000_000, detail });
    expect(collapsedFailureLines(pods)).toEqual([`shop/web (Deployment), replicas 1–1000000 of 1000000: ${detail}`]);
  });
});
