// pkg/quota/v1/evaluator/core/pods.go (PodUsageFunc, Constraints) and the generic object-count
// evaluator (Kubernetes 1.27): exact sums of the namespace's pods at their budget vs spec.hard.
import { countResourceOf, quotaConstraints, quotaUsage } from '../../lib/manifests/resource-quota';
import type { ManifestObject, PodSpec } from '../../lib/scheduler/types';

const quota = (hard: Record<string, string>): ManifestObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'shop' }, spec: { hard } });
const spec = (requests: Record<string, string>, limits: Record<string, string> = {}): PodSpec => ({ containers: [{ name: 'main', resources: { requests, limits } }] } as PodSpec);

test('sums requests, limits and pods of every budgeted pod, in exact quantities', () => {
  const usage = quotaUsage(quota({ 'requests.cpu': '2', 'cpu': '2', 'limits.memory': '1Gi', 'pods': '5', 'requests.memory': '1Gi' }), [
    { spec: spec({ cpu: '300m', memory: '100Mi' }, { memory: '200Mi' }), count: 3 },
    { spec: spec({ cpu: '1100m', memory: '1Mi' }), count: 1 },
  ], []);
  expect(usage).toEqual([
    { resource: 'cpu', used: '2', hard: '2', fits: true },
    { resource: 'limits.memory', used: '600Mi', hard: '1Gi', fits: true },
    { resource: 'pods', used: '4', hard: '5', fits: true },
    { resource: 'requests.cpu', used: '2', hard: '2', fits: true },
    { resource: 'requests.memory', used: '301Mi', hard: '1Gi', fits: true },
  ]);
});

test('over hard is reported per resource', () => {
  expect(quotaUsage(quota({ 'requests.cpu': '1' }), [{ spec: spec({ cpu: '600m' }), count: 2 }], [])).toEqual([{ resource: 'requests.cpu', used: '1200m', hard: '1', fits: false }]);
});

test('count/<resource>.<group> and core synonyms count the namespace objects', () => {
  const objs: ManifestObject[] = [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a' } },
  ];
  expect(quotaUsage(quota({ 'count/deployments.apps': '1', 'services': '1', 'count/ingresses.networking.k8s.io': '5' }), [], objs)).toEqual([
    { resource: 'count/deployments.apps', used: '2', hard: '1', fits: false },
    { resource: 'count/ingresses.networking.k8s.io', used: '1', hard: '5', fits: true },
    { resource: 'services', used: '1', hard: '1', fits: true },
  ]);
  expect(countResourceOf({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: {} })).toBe('networkpolicies.networking.k8s.io');
  expect(countResourceOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).toBe('configmaps');
});

test('Constraints: a quota on cpu or memory needs every container to set it', () => {
  expect(quotaConstraints(spec({ memory: '1Gi' }), ['requests.cpu', 'limits.memory', 'pods'])).toBe('must specify limits.memory for: main; requests.cpu for: main');
  expect(quotaConstraints(spec({}, { cpu: '1' }), ['requests.cpu', 'cpu'])).toBeUndefined();
  expect(quotaConstraints(spec({}), ['pods', 'requests.nvidia.com/gpu'])).toBeUndefined();
});

test('fails naming spec.hard[<resource>] (Go field.Path Key) of an invalid hard quantity', () => {
  expect(() => quotaUsage(quota({ 'requests.cpu': '2 cores' }), [{ spec: spec({ cpu: '1' }), count: 1 }], []))
    .toThrow('invalid quantity "2 cores" at spec.hard[requests.cpu]: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'');
});
