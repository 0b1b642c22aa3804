// Cost of the answers of issue #9: `suggest` (per-pool node counts) and the reports on large plans.
// Run: node -r ./bin/ts-register.js bench/capacity-answers.ts   (prints figures; no assertions)
// NODES (10000) nodes of 4 cpu in one pool, REPLICAS (20000) pods of 1 cpu: plan without and
// with suggest, then the Markdown and SVG reports of a hand-built plan of REPORT_NODES (1000000).
import { performance } from 'perf_hooks';
import { CapacityPlan, planCapacity, SurgePolicy } from '../lib/capacity/plan';
import { renderCapacityMarkdown } from '../lib/capacity/report-markdown';
import { renderCapacitySvg } from '../lib/capacity/report-svg';
import type { ManifestObject } from '../lib/scheduler/types';

const NODES = Number(process.env.NODES ?? 10000);
const REPLICAS = Number(process.env.REPLICAS ?? 20000);
const REPORT_NODES = Number(process.env.REPORT_NODES ?? 1000000);

const web: ManifestObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas: REPLICAS,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '1', memory: '1Gi' } } }] } },
  },
};
const pools = [{ name: 'general', count: NODES, allocatable: { cpu: '4', memory: '16Gi' } }];

function time<T>(label: string, fn: () => T): T {
  const start = performance.now();
  const out = fn();
  console.log(`${label}: ${Math.round(performance.now() - start)} ms`);
  return out;
}

time(`plan, ${NODES} nodes, ${REPLICAS} pods`, () => planCapacity({ manifests: [web], pools, surge: SurgePolicy.NONE }));
const withSuggest = time(`plan + suggest, ${NODES} nodes, ${REPLICAS} pods`, () => planCapacity({ manifests: [web], pools, surge: SurgePolicy.NONE, suggest: true }));
console.log(`suggestions: ${JSON.stringify(withSuggest.suggestions)}`);

const GI = 1024 ** 3;
const usage = [
  { resource: 'cpu', requested: 0, allocatable: 4000, requestedText: '0', allocatableText: '4', percent: 0, fits: true },
  { resource: 'memory', requested: 0, allocatable: 16 * GI, requestedText: '0', allocatableText: '16Gi', percent: 0, fits: true },
  { resource: 'pods', requested: 0, allocatable: 110, requestedText: '0', allocatableText: '110', percent: 0, fits: true },
];
const nodes = new Array(REPORT_NODES);
for (let i = 0; i < REPORT_NODES; i++) nodes[i] = { name: `general-${i + 1}`, pool: 'general', pods: [], usage, unschedulable: false, taints: [], ready: true };
const big: CapacityPlan = { ...withSuggest, pools: [{ name: 'general', nodeCount: REPORT_NODES, usage, nodes }] };
const md = time(`Markdown report, ${REPORT_NODES} nodes`, () => renderCapacityMarkdown(big));
const svg = time(`SVG, ${REPORT_NODES} nodes`, () => renderCapacitySvg(big));
console.log(`sizes: Markdown ${md.length} bytes, SVG ${svg.length} bytes`);
