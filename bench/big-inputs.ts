// Big but valid inputs (issue 10, "Scale and resources"): time and memory of reading N YAML
// documents, and of the Markdown report of a pool of N nodes.
// Run: node -r ./bin/ts-register.js bench/big-inputs.ts   (DOCS=150000 NODES=200000; prints figures, no assertions)
// Measured 2026-12-02 on the shared 2-core machine: 150,000 documents (9.0 MB) in 6.3 s at 148 MB
// RSS (parseAllDocuments before: 6.4 s, 553 MB); 200,000-node report 0.8 s (before: stack overflow).
import { performance } from 'perf_hooks';
import { planCapacity } from '../lib/capacity/plan';
import { renderCapacityMarkdown } from '../lib/capacity/report-markdown';
import { parseManifests } from '../lib/manifests/load-yaml';
import type { ManifestObject } from '../lib/scheduler/types';

const DOCS = Number(process.env.DOCS ?? 150_000);
const NODES = Number(process.env.NODES ?? 200_000);
const mb = () => Math.round(process.memoryUsage().rss / 1e6);

const text = Array.from({ length: DOCS }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`).join('---\n');
let t = performance.now();
const objects = parseManifests(text, 'big.yaml');
console.log(`parseManifests: ${objects.length} YAML documents (${(text.length / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s, rss ${mb()} MB`);

const web = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x:1', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } },
} as ManifestObject;
const plan = planCapacity({ manifests: [web], pools: [{ name: 'general', count: 2, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }] });
const big = { ...plan, pools: [{ ...plan.pools[0], nodeCount: NODES, nodes: Array.from({ length: NODES }, () => plan.pools[0].nodes[1]) }] };
t = performance.now();
const report = renderCapacityMarkdown(big, {});
console.log(`renderCapacityMarkdown: ${NODES} nodes, ${(report.length / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s, rss ${mb()} MB`);
