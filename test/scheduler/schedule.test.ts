import { ClusterScheduler, PodTemplate } from '../../lib/scheduler/schedule';
import type { Node, PodSpec, Taint } from '../../lib/scheduler/types';

const node = (name: string, cpu: string, extra: { labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; pods?: number } = {}): Node => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(extra.labels ?? {}) } },
  spec: { taints: extra.taints, unschedulable: extra.unschedulable },
  status: { allocatable: { cpu, memory: '8Gi', pods: extra.pods ?? 110 } },
});
const template = (spec: Partial<PodSpec>, labels: Record<string, string> = { app: 'web' }, namespace = 'shop'): PodTemplate => ({
  namespace,
  labels,
  spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }], ...spec },
});

describe('ClusterScheduler', () => {
  test('GIVEN equal nodes WHEN replicas are scheduled THEN LeastAllocated spreads them and ties go to the first node', () => {
    const s = new ClusterScheduler([node('a', '4'), node('b', '4')]);
    const t = template({});
    const placed = [1, 2, 3, 4].map((i) => s.schedule(t, `shop/web-${i}`).nodeName);
    expect(placed).toEqual(['a', 'b', 'a', 'b']);
    expect(s.podsOnNode).toEqual([['shop/web-1', 'shop/web-3'], ['shop/web-2', 'shop/web-4']]);
    expect(s.requested[0].milliCPU).toBe(2000);
  });

  test('fails with the scheduler message when no node has room: resources, taints, cordon', () => {
    const s = new ClusterScheduler([
      node('a', '1'),
      node('gpu', '8', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      node('old', '8', { unschedulable: true }),
    ]);
    const t = template({ containers: [{ name: 'c', resources: { requests: { cpu: '2' } } }] });
    expect(s.schedule(t, 'shop/web-1')).toEqual({
      nodeIndex: -1,
      message: '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable.',
      reasons: [
        { reason: 'Insufficient cpu', count: 1 },
        { reason: 'node(s) had untolerated taint {dedicated: gpu}', count: 1 },
        { reason: 'node(s) were unschedulable', count: 1 },
      ],
    });
  });

  test('GIVEN required anti-affinity on hostname WHEN more replicas than nodes THEN the extra replica fails with the anti-affinity reason', () => {
    const s = new ClusterScheduler([node('a', '8'), node('b', '8')]);
    const t = template({
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] } },
    });
    expect(s.schedule(t, 'shop/web-1').nodeName).toBe('a');
    expect(s.schedule(t, 'shop/web-2').nodeName).toBe('b');
    expect(s.schedule(t, 'shop/web-3').message).toBe("0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules.");
    // Another workload is kept off by the existing pods' anti-affinity only if it matches their selector.
    const other = template({}, { app: 'web' }, 'shop');
    expect(s.schedule(other, 'shop/other-1').message).toBe("0/2 nodes are available: 2 node(s) didn't satisfy existing pods anti-affinity rules.");
    expect(s.schedule(template({}, { app: 'api' }), 'shop/api-1').nodeIndex).toBeGreaterThanOrEqual(0);
  });

  test('GIVEN DoNotSchedule spread on hostname with maxSkew 1 WHEN a node is full THEN the skew blocks the others', () => {
    const s = new ClusterScheduler([node('a', '1'), node('b', '8'), node('c', '8')]);
    const t = template({
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    });
    expect([1, 2, 3].map((i) => s.schedule(t, `shop/web-${i}`).nodeName)).toEqual(['b', 'c', 'a']);
    // a is full (1 cpu); every node has 1 pod, so b and c both pass: the tie goes to b.
    expect(s.schedule(t, 'shop/web-4').nodeName).toBe('b');
    // now counts are a=1, b=2, c=1: b would be 3−1=2 > 1, a has no cpu, c passes.
    expect(s.schedule(t, 'shop/web-5').nodeName).toBe('c');
    // a=1,b=2,c=2: b,c skew 3−1 = 2 > 1; a lacks cpu.
    expect(s.schedule(t, 'shop/web-6').message).toBe("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match pod topology spread constraints.");
  });

  test('GIVEN a spread constraint on a label some nodes lack THEN those nodes fail with (missing required label)', () => {
    const s = new ClusterScheduler([node('a', '1', { labels: { zone: 'z1' } }), node('b', '8')]);
    const t = template({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] });
    expect(s.schedule(t, 'shop/web-1').nodeName).toBe('a');
    expect(s.schedule(t, 'shop/web-2').message).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints (missing required label).",
    );
  });

  test('GIVEN a pod pinned by matchFields metadata.name (a DaemonSet pod) THEN only its node is evaluated and counted', () => {
    const s = new ClusterScheduler([node('a', '1'), node('b', '1'), node('c', '1')]);
    const pinned = template({
      containers: [{ name: 'c', resources: { requests: { cpu: '2' } } }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }] } } },
    });
    expect(s.schedule(pinned, 'kube-system/agent-b').message).toBe('0/3 nodes are available: 1 Insufficient cpu.');
  });

  test('GIVEN host ports WHEN two pods bind the same port THEN the second goes elsewhere or fails with the NodePorts reason', () => {
    const s = new ClusterScheduler([node('a', '8')]);
    const t = template({ containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    expect(s.schedule(t, 'p1').nodeName).toBe('a');
    expect(s.schedule(t, 'p2').message).toBe("0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.");
  });

  test('GIVEN a node limited to 1 pod WHEN a second pod comes THEN Too many pods', () => {
    const s = new ClusterScheduler([node('a', '8', { pods: 1 })]);
    s.schedule(template({}), 'p1');
    expect(s.schedule(template({}), 'p2').message).toBe('0/1 nodes are available: 1 Too many pods.');
  });

  test('GIVEN required pod affinity to itself WHEN the first pod comes THEN it may go anywhere, later ones follow it', () => {
    const s = new ClusterScheduler([node('a', '8', { labels: { zone: 'z1' } }), node('b', '8', { labels: { zone: 'z2' } })]);
    const t = template({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchLabels: { app: 'web' } } }] } } });
    expect([1, 2, 3].map((i) => s.schedule(t, `p${i}`).nodeName)).toEqual(['a', 'a', 'a']);
    const stranger = template({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchLabels: { app: 'db' } } }] } } });
    expect(s.schedule(stranger, 'q').message).toBe("0/2 nodes are available: 2 node(s) didn't match pod affinity rules.");
  });
});

describe('ClusterScheduler score cache', () => {
  test('GIVEN random clusters and workloads WHEN scheduled with and without the per-template cache THEN placements and messages are identical', () => {
    const fc = require('fast-check') as typeof import('fast-check');
    const nodeArb = fc.record({ cpu: fc.integer({ min: 1, max: 16 }), gi: fc.integer({ min: 1, max: 64 }), pods: fc.integer({ min: 1, max: 20 }), tainted: fc.boolean() });
    const tplArb = fc.record({
      // Few distinct shapes, so equivalent templates share score caches.
      milli: fc.oneof(fc.constantFrom(0, 500, 1000, 2500), fc.integer({ min: 0, max: 4000 })),
      mi: fc.oneof(fc.constantFrom(0, 512, 2048), fc.integer({ min: 0, max: 8192 })),
      replicas: fc.integer({ min: 1, max: 12 }),
      tolerates: fc.boolean(),
      port: fc.boolean(),
      anti: fc.constantFrom('none', 'self', 'zone', 'other'),
    });
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 40 }), fc.array(tplArb, { minLength: 1, maxLength: 8 }), (nodeSpecs, tplSpecs) => {
        const nodes = nodeSpecs.map((n, i) =>
          node(`n${i}`, String(n.cpu), { pods: n.pods, labels: { zone: `z${i % 3}` }, taints: n.tainted ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] : undefined }),
        );
        nodes.forEach((n, i) => ((n.status!.allocatable as Record<string, string>).memory = `${nodeSpecs[i].gi}Gi`));
        const templates = tplSpecs.map((t, i) =>
          template(
            {
              containers: [{ name: 'c', resources: { requests: { cpu: `${t.milli}m`, memory: `${t.mi}Mi` } }, ...(t.port ? { ports: [{ containerPort: 80, hostPort: 8000 + (i % 2) }] } : {}) }],
              ...(t.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
              ...(t.anti === 'none'
                ? {}
                : {
                    affinity: {
                      podAntiAffinity: {
                        requiredDuringSchedulingIgnoredDuringExecution: [
                          { topologyKey: t.anti === 'zone' ? 'zone' : 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: t.anti === 'other' ? 'w0' : `w${i}` } } },
                        ],
                      },
                    },
                  }),
            },
            { app: `w${i}` },
          ),
        );
        const inOrder = templates.flatMap((t, i) => Array.from({ length: tplSpecs[i].replicas }, (_, r) => [t, `w${i}-${r}`] as const));
        const interleaved = [...inOrder].sort((a, b) => Number(a[1].split('-')[1]) - Number(b[1].split('-')[1]));
        for (const order of [inOrder, interleaved]) {
          const run = (exhaustive: boolean) => {
            const s = new ClusterScheduler(nodes, { exhaustive });
            return order.map(([t, name]) => s.schedule(t, name));
          };
          expect(run(false)).toEqual(run(true));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('ClusterScheduler spread and affinity details', () => {
  test('GIVEN minDomains above the number of domains WHEN spreading THEN the global minimum counts as 0', () => {
    const s = new ClusterScheduler([node('a', '8', { labels: { zone: 'z1' } }), node('b', '8', { labels: { zone: 'z2' } })]);
    const t = template({
      topologySpreadConstraints: [{ maxSkew: 1, minDomains: 3, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    });
    expect(s.schedule(t, 'p1').nodeName).toBe('a');
    expect(s.schedule(t, 'p2').nodeName).toBe('b');
    expect(s.schedule(t, 'p3').message).toBe("0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints.");
  });

  test('GIVEN ScheduleAnyway constraints THEN they do not filter', () => {
    const s = new ClusterScheduler([node('a', '8')]);
    const t = template({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] });
    expect([1, 2, 3].map((i) => s.schedule(t, `p${i}`).nodeName)).toEqual(['a', 'a', 'a']);
  });

  test('GIVEN anti-affinity with a namespaceSelector THEN pods in selected namespaces count', () => {
    const s = new ClusterScheduler([node('a', '8')], { namespaceLabels: { shop: { team: 'x' } } });
    s.schedule(template({}, { app: 'db' }, 'shop'), 'shop/db-0');
    const t = template(
      { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } }, namespaceSelector: { matchLabels: { team: 'x' } } }] } } },
      { app: 'cache' },
      'other',
    );
    expect(s.schedule(t, 'other/cache-1').message).toBe("0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules.");
  });

  test('GIVEN a pod pinned to a node that does not exist THEN the v1.27 snapshot error is the message', () => {
    const s = new ClusterScheduler([node('a', '8')]);
    const pinned = template({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gone'] }] }] } } } });
    expect(s.schedule(pinned, 'p').message).toBe('nodeinfo not found for node name "gone"');
  });

  test('GIVEN a pod pinned to a missing node and an existing one THEN 1.27 reports the missing node (later versions would place it on the existing one)', () => {
    // pkg/scheduler/schedule_one.go findNodesThatFitPod at release-1.27: NodeInfos().Get(n) for
    // every PreFilterResult name, returning its error.
    const s = new ClusterScheduler([node('a', '8')]);
    const pinned = template({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gone', 'a'] }] }] } } } });
    const outcome = s.schedule(pinned, 'p');
    expect(outcome).toEqual({ nodeIndex: -1, message: 'nodeinfo not found for node name "gone"', reasons: [] });
    expect(s.podCountOn(0)).toBe(0);
  });
});

describe('ClusterScheduler: placement and explanation agree', () => {
  // One filter chain decides where a pod goes and explains why it goes nowhere. Before each pod,
  // ask the chain about every node (filterNode); then schedule it: a placed pod lands on a node
  // the chain passes (which one is the score's business, tested elsewhere), and a pod that fits
  // nowhere gets exactly the histogram of the chain's reasons.
  test('GIVEN random clusters and workloads THEN a placed pod is on a node every filter passes, and an unplaced one lists every node\'s first rejecting filter', () => {
    const fc = require('fast-check') as typeof import('fast-check');
    const nodeArb = fc.record({
      cpu: fc.integer({ min: 1, max: 8 }), pods: fc.integer({ min: 1, max: 6 }), tainted: fc.boolean(), cordoned: fc.boolean(), zone: fc.integer({ min: 0, max: 2 }),
    });
    const tplArb = fc.record({
      milli: fc.constantFrom(0, 250, 1000, 3000), replicas: fc.integer({ min: 1, max: 8 }), tolerates: fc.boolean(), port: fc.boolean(),
      anti: fc.constantFrom('none', 'self', 'zone'), spread: fc.boolean(), zoneSelector: fc.constantFrom(undefined, 'z0', 'z1'), gpu: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 12 }), fc.array(tplArb, { minLength: 1, maxLength: 5 }), (nodeSpecs, tplSpecs) => {
        const nodes = nodeSpecs.map((n, i) => {
          const built = node(`n${i}`, String(n.cpu), {
            pods: n.pods, labels: { zone: `z${n.zone}` }, unschedulable: n.cordoned,
            taints: n.tainted ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] : undefined,
          });
          if (i % 4 === 0) (built.status!.allocatable as Record<string, string | number>)['nvidia.com/gpu'] = 1;
          return built;
        });
        const templates = tplSpecs.map((t, i) => template(
          {
            containers: [{
              name: 'c',
              resources: { requests: { cpu: `${t.milli}m`, ...(t.gpu ? { 'nvidia.com/gpu': '1' } : {}) } },
              ...(t.port ? { ports: [{ containerPort: 80, hostPort: 8080 }] } : {}),
            }],
            ...(t.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
            ...(t.zoneSelector ? { nodeSelector: { zone: t.zoneSelector } } : {}),
            ...(t.spread ? { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: `w${i}` } } }] } : {}),
            ...(t.anti === 'none' ? {} : {
              affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: t.anti === 'zone' ? 'zone' : 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: `w${i}` } } }] } },
            }),
          },
          { app: `w${i}` },
        ));
        const s = new ClusterScheduler(nodes);
        templates.forEach((t, i) => {
          for (let r = 0; r < tplSpecs[i].replicas; r++) {
            const verdicts = nodes.map((_, k) => s.filterNode(t, k));
            const feasible = verdicts.flatMap((v, k) => (v.length === 0 ? [k] : []));
            const outcome = s.schedule(t, `w${i}-${r}`);
            if (feasible.length > 0) {
              expect(feasible).toContain(outcome.nodeIndex);
            } else {
              expect(outcome.nodeIndex).toBe(-1);
              const counts = new Map<string, number>();
              for (const v of verdicts) for (const reason of v) counts.set(reason, (counts.get(reason) ?? 0) + 1);
              expect(new Map(outcome.reasons!.map((x) => [x.reason, x.count]))).toEqual(counts);
              expect(outcome.message!.startsWith(`0/${nodes.length} nodes are available: `)).toBe(true);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
