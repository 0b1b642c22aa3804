// Capacity simulation speed (issue #5 target: 10,000 pods on 1,000 nodes ≤ 0.5 s in process).
// Run: npx ts-node --transpile-only bench/capacity-sim.ts   (prints figures; no assertions)
// Builds 1,000 Node objects (as `kubectl get nodes -o yaml` would list them) and 500 Deployments
// × 20 replicas with distinct requests, then times planCapacity and the bare scheduling loop.
import { performance } from 'perf_hooks';
import { planCapacity } from '../lib/capacity/plan';
import { simulate } from '../lib/capacity/simulate';
import { poolOfNode } from '../lib/manifests/nodes';
import { workloadsOf } from '../lib/manifests/workloads';
import type { ManifestObject, Node } from '../lib/scheduler/types';

const NODES = Number(process.env.NODES ?? 1000);
const DEPLOYMENTS = Number(process.env.DEPLOYMENTS ?? 500);
const REPLICAS = Number(process.env.REPLICAS ?? 20);
const RUNS = Number(process.env.RUNS ?? 7);

function nodes(): Node[] {
  return Array.from({ length: NODES }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `ip-10-0-${Math.floor(i / 250)}-${i % 250}.ec2.internal`,
      labels: {
        'kubernetes.io/hostname': `ip-10-0-${Math.floor(i / 250)}-${i % 250}.ec2.internal`,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': `eu-west-1${'abc'[i % 3]}`,
        'eks.amazonaws.com/nodegroup': i % 10 === 0 ? 'large' : 'general',
      },
    },
    spec: {},
    status: {
      capacity: { cpu: i % 10 === 0 ? '16' : '8', memory: i % 10 === 0 ? '64Gi' : '32Gi', pods: '110' },
      allocatable: { cpu: i % 10 === 0 ? '15890m' : '7910m', memory: i % 10 === 0 ? '63Gi' : '31Gi', pods: '110', 'ephemeral-storage': '95Gi' },
    },
  }));
}

function manifests(antiAffinity: boolean): ManifestObject[] {
  return Array.from({ length: DEPLOYMENTS }, (_, d) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `svc-${d}`, namespace: `team-${d % 20}` },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: `svc-${d}` } },
      template: {
        metadata: { labels: { app: `svc-${d}` } },
        spec: {
          ...(antiAffinity
            ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: `svc-${d}` } } }] } } }
            : {}),
          containers: [
            { name: 'app', image: 'app:1', resources: { requests: { cpu: `${100 + (d % 7) * 50}m`, memory: `${256 + (d % 5) * 128}Mi` }, limits: { memory: '1Gi' } } },
            { name: 'proxy', image: 'envoy:1', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
          ],
        },
      },
    },
  }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const nodeObjects = nodes();
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function scenario(label: string, antiAffinity: boolean): void {
  const objects = manifests(antiAffinity);
  const planTimes: number[] = [];
  const simTimes: number[] = [];
  let pods = 0;
  let placed = 0;
  for (let run = 0; run < RUNS; run++) {
    // Fresh objects each run, so no cache from a previous run helps.
    const ns = JSON.parse(JSON.stringify(nodeObjects)) as Node[];
    const ms = JSON.parse(JSON.stringify(objects)) as ManifestObject[];
    const t0 = performance.now();
    const plan = planCapacity({ manifests: ms, nodes: ns });
    planTimes.push(performance.now() - t0);
    pods = plan.workloads.reduce((n, w) => n + w.replicas + w.surge, 0);
    placed = plan.workloads.reduce((n, w) => n + w.placed, 0);

    const ms2 = JSON.parse(JSON.stringify(objects)) as ManifestObject[];
    const { workloads } = workloadsOf(ms2);
    const poolNodes = ns.map((node) => ({ node, pool: poolOfNode(node) }));
    const t1 = performance.now();
    simulate(workloads, poolNodes, { surgeFor: new Set() });
    simTimes.push(performance.now() - t1);
  }
  console.log(`${label}: ${pods} pods (${DEPLOYMENTS} Deployments × ${REPLICAS} replicas + largest rollout surge) on ${NODES} nodes, ${RUNS} runs`);
  console.log(`  planCapacity (workloads, simulation, figures): median ${fmt(median(planTimes))}, min ${fmt(Math.min(...planTimes))}, first (cold) ${fmt(planTimes[0])}`);
  console.log(`  scheduling loop only (${DEPLOYMENTS * REPLICAS} pods):      median ${fmt(median(simTimes))}, min ${fmt(Math.min(...simTimes))}`);
  console.log(`  placed ${placed} of ${pods}`);
}

scenario('capacity simulation', false);
scenario('with required hostname anti-affinity on every Deployment', true);
