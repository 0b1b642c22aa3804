import { planCapacity } from './lib/capacity/plan';
import { renderCapacityMarkdown } from './lib/capacity/report-markdown';
import { renderCapacitySvg } from './lib/capacity/report-svg';
const n = Number(process.argv[2]);
let t = Date.now();
const plan = planCapacity({
  manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a' }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x:1', resources: { requests: { cpu: '100m', memory: '100Mi' } } }] } } } } as any],
  pools: [{ name: 'general', count: n, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } } as any],
});
console.log('plan', Date.now() - t, 'ms', plan.fits);
t = Date.now();
try { const md = renderCapacityMarkdown(plan, {}); console.log('md', Date.now() - t, 'ms', md.length); } catch (e) { console.log('md ERR', (e as Error).message); }
t = Date.now();
try { const svg = renderCapacitySvg(plan, {}); console.log('svg', Date.now() - t, 'ms', svg.length); } catch (e) { console.log('svg ERR', (e as Error).message); }
