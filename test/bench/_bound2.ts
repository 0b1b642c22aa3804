import { planCapacity } from '../../lib/capacity/plan';
const dep = (replicas: number, cpu: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas, strategy: { type: 'Recreate' }, selector: {}, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'm', resources: { requests: { cpu, memory: '128Mi' } } }] } } } });
const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' }, spec: { selector: {}, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } } };
const n = Number(process.argv[2]);
const t = Date.now();
const p = planCapacity({ manifests: [ds, dep(Number(process.argv[3]), process.argv[4])], pools: [{ name: 'general', count: n, allocatable: { cpu: '4', memory: '16Gi' } }, { name: 'small', count: 2, allocatable: { cpu: '1', memory: '1Gi' } }] });
console.log(JSON.stringify({ fits: p.fits, failures: p.failures.slice(0, 3), nfail: p.failures.length, pools: p.pools.map((x) => [x.name, x.nodeCount, x.nodes.length, x.elidedNodes]), ds: p.workloads[0].replicas, usage: p.usage.map((u) => `${u.resource} ${u.requestedText}/${u.allocatableText}`) }));
console.log('ms', Date.now() - t, 'rss MB', Math.round(process.memoryUsage().rss / 1e6));
