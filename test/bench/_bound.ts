import { planCapacity } from '../../lib/capacity/plan';
const dep = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas, selector: {}, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'm', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } } } });
const which = process.argv[2];
const t = Date.now();
if (which === 'nodes') {
  const p = planCapacity({ manifests: [dep(10)], pools: [{ name: 'general', count: Number(process.argv[3]), allocatable: { cpu: '4', memory: '16Gi' } }] });
  console.log(p.fits, p.pools[0].nodes.length);
} else {
  const p = planCapacity({ manifests: [dep(Number(process.argv[3]))], pools: [{ name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi' } }] });
  console.log(p.fits, p.failures.length, p.unplaced.length);
}
console.log('ms', Date.now() - t, 'rss MB', Math.round(process.memoryUsage().rss / 1e6));
