// plugin/pkg/admission/limitranger/admission.go (Kubernetes 1.27) and its admission_test.go cases
// (TestDefaultContainerResourceRequirements, TestMergePodResourceRequirements, TestPodLimitFunc),
// with SetDefaults_LimitRangeItem (pkg/apis/core/v1/defaults.go) applied to the LimitRange.
import { limitRangeOf, limitRanger } from '../../lib/manifests/limit-ranger';
import type { ManifestObject, PodSpec } from '../../lib/scheduler/types';

const range = (limits: unknown[]): ManifestObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'shop' }, spec: { limits } });
const pod = (resources: Record<string, unknown>, init?: Record<string, unknown>): PodSpec => ({
  containers: [{ name: 'main', resources }],
  ...(init ? { initContainers: [{ name: 'init', resources: init }] } : {}),
} as PodSpec);
const admit = (limits: unknown[], spec: PodSpec) => limitRanger(spec, [limitRangeOf(range(limits), 'shop')]);

describe('LimitRanger defaults', () => {
  test('fills defaultRequest and default of containers that set neither (mergeContainerResources)', () => {
    const r = admit([{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }], pod({}));
    expect(r.spec.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(r.defaulted).toEqual(['main: requests cpu, memory; limits cpu, memory']);
    expect(r.error).toBeUndefined();
  });

  test('keeps what the container sets; a limit without a request was already its request (SetDefaults_Pod)', () => {
    const r = admit([{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }], pod({ limits: { cpu: '2' } }));
    expect(r.spec.containers[0].resources).toEqual({ limits: { cpu: '2' } });
    expect(r.defaulted).toEqual([]);
  });

  test('SetDefaults_LimitRangeItem: default ← max, defaultRequest ← default, then ← min', () => {
    const r = admit([{ type: 'Container', max: { cpu: '1' }, min: { memory: '64Mi' } }], pod({}, {}));
    expect(r.spec.containers[0].resources).toEqual({ requests: { cpu: '1', memory: '64Mi' }, limits: { cpu: '1' } });
    expect(r.spec.initContainers?.[0].resources).toEqual({ requests: { cpu: '1', memory: '64Mi' }, limits: { cpu: '1' } });
  });

  test('a Pod-type item defaults nothing', () => {
    expect(admit([{ type: 'Pod', max: { cpu: '2' } }], pod({ requests: { cpu: '1' }, limits: { cpu: '1' } })).defaulted).toEqual([]);
  });
});

describe('LimitRanger validation (PodValidateLimitFunc), upstream messages', () => {
  test.each([
    [[{ type: 'Container', min: { cpu: '100m' } }], { requests: { cpu: '50m' } }, 'minimum cpu usage per Container is 100m, but request is 50m'],
    [[{ type: 'Container', min: { cpu: '100m' } }], { requests: { cpu: '200m' }, limits: { cpu: '50m' } }, 'minimum cpu usage per Container is 100m, but limit is 50m'],
    [[{ type: 'Container', max: { memory: '1Gi' } }], { requests: { memory: '2Gi' }, limits: { memory: '2Gi' } }, 'maximum memory usage per Container is 1Gi, but limit is 2Gi'],
    [[{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }], { requests: { cpu: '100m' }, limits: { cpu: '500m' } }, 'cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000'],
    [[{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }], { requests: { cpu: '100m' } }, 'cpu max limit to request ratio per Container is 2, but no limit is specified or limit is 0'],
    [[{ type: 'Pod', max: { cpu: '1' } }], { requests: { cpu: '2' }, limits: { cpu: '2' } }, 'maximum cpu usage per Pod is 1, but limit is 2'],
    [[{ type: 'Pod', min: { memory: '1Gi' } }], { limits: { cpu: '1' } }, 'minimum memory usage per Pod is 1Gi.  No request is specified'],
  ])('%j rejects %j: %s', (limits, resources, message) => {
    expect(admit(limits, pod(resources)).error).toBe(message);
  });

  test('several errors aggregate as [a, b] (utilerrors.NewAggregate)', () => {
    const r = admit([{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '200m' } }], pod({ requests: { cpu: '50m' }, limits: { cpu: '300m' } }));
    expect(r.error).toBe('[minimum cpu usage per Container is 100m, but request is 50m, maximum cpu usage per Container is 200m, but limit is 300m]');
  });

  test('a pod within min and max is admitted', () => {
    expect(admit([{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' } }], pod({ requests: { cpu: '200m' }, limits: { cpu: '500m' } })).error).toBeUndefined();
  });
});
