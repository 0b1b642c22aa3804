// lib/kubernetes/pod-scheduling-validation.ts: port of ValidateTolerations,
// validateNodeSelectorRequirement and validateTopologySpreadConstraints
// (kubernetes/kubernetes pkg/apis/core/validation/validation.go, release-1.27) and the replica
// bounds of validateHorizontalPodAutoscalerSpec (pkg/apis/autoscaling/validation/validation.go).
// Valid inputs must pass: a check stricter than Kubernetes is a bug too.
import { validateHpaReplicas, validatePodScheduling } from '../../lib/kubernetes/pod-scheduling-validation';

const fields = (spec: unknown) => validatePodScheduling(spec).map((p) => `${p.field}: ${p.value ? `${p.value} ` : ''}${p.message}`);

describe('ValidateTolerations', () => {
  test.each([
    ['Equal with a value', { key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
    ['no operator (Equal) and no value', { key: 'gpu' }],
    ['Exists without key (match all)', { operator: 'Exists' }],
    ['tolerationSeconds with NoExecute', { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    ['an empty effect (all effects)', { key: 'gpu', operator: 'Exists', effect: '' }],
  ])('accepts %s', (_name, toleration) => {
    expect(fields({ tolerations: [toleration] })).toEqual([]);
  });

  test.each([
    ['an unknown operator', { key: 'gpu', operator: 'In', value: 'x' }, ['spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"']],
    ['Exists with a value', { key: 'gpu', operator: 'Exists', value: 'x' }, ['spec.tolerations[0].operator: "x" value must be empty when `operator` is \'Exists\'']],
    ['no key with Equal', { operator: 'Equal' }, ['spec.tolerations[0].operator: "Equal" operator must be Exists when `key` is empty, which means "match all values and all keys"']],
    ['tolerationSeconds without NoExecute', { key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 1 },
      ['spec.tolerations[0].effect: "NoSchedule" effect must be \'NoExecute\' when `tolerationSeconds` is set']],
    ['an unknown effect', { key: 'gpu', operator: 'Exists', effect: 'NoRun' },
      ['spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
  ])('rejects %s', (_name, toleration, expected) => {
    expect(fields({ tolerations: [toleration] })).toEqual(expected);
  });
});

describe('validateNodeSelectorRequirement', () => {
  const required = (expr: unknown) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr] }] } } } });
  const at = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]';

  test.each([
    ['In with values', { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] }],
    ['Exists without values', { key: 'gpu', operator: 'Exists' }],
    ['Gt with one non-integer value (1.27 checks the count only)', { key: 'cpus', operator: 'Gt', values: ['x'] }],
  ])('accepts %s', (_name, expr) => {
    expect(fields(required(expr))).toEqual([]);
  });

  test.each([
    ['In without values', { key: 'zone', operator: 'In', values: [] }, [`${at}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`]],
    ['Exists with values', { key: 'zone', operator: 'Exists', values: ['a'] }, [`${at}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`]],
    ['Lt with two values', { key: 'cpus', operator: 'Lt', values: ['1', '2'] }, [`${at}.values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`]],
    ['an unknown operator', { key: 'zone', operator: 'Equals', values: ['a'] },
      [`${at}.operator: Unsupported value: "Equals": supported values: "DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"`]],
  ])('rejects %s', (_name, expr, expected) => {
    expect(fields(required(expr))).toEqual(expected);
  });

  test('preferred terms: weight 1-100 and their expressions', () => {
    const spec = { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
      { weight: 100, preference: { matchExpressions: [{ key: 'zone', operator: 'NotIn' }] } },
    ] } } };
    expect(fields(spec)).toEqual([
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: 0 must be in the range 1-100',
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[1].preference.matchExpressions[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\'',
    ]);
  });
});

describe('validateTopologySpreadConstraints', () => {
  const ok = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { a: 'b' } } };

  test('accepts a constraint, and minDomains with DoNotSchedule', () => {
    expect(fields({ topologySpreadConstraints: [ok, { ...ok, topologyKey: 'kubernetes.io/hostname', minDomains: 2 }] })).toEqual([]);
  });

  test.each([
    ['maxSkew 0', { ...ok, maxSkew: 0 }, ['spec.topologySpreadConstraints[0].maxSkew: 0 must be greater than zero']],
    ['no topologyKey', { ...ok, topologyKey: '' }, ['spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty']],
    ['an unknown whenUnsatisfiable', { ...ok, whenUnsatisfiable: 'Never' },
      ['spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"']],
    ['minDomains with ScheduleAnyway', { ...ok, whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 },
      ['spec.topologySpreadConstraints[0].minDomains: 2 can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway']],
  ])('rejects %s', (_name, constraint, expected) => {
    expect(fields({ topologySpreadConstraints: [constraint] })).toEqual(expected);
  });

  test('rejects the same topologyKey and whenUnsatisfiable twice', () => {
    expect(fields({ topologySpreadConstraints: [ok, ok] })).toEqual([
      'spec.topologySpreadConstraints[1].{topologyKey, whenUnsatisfiable}: "topology.kubernetes.io/zone, DoNotSchedule" Duplicate value',
    ]);
  });
});

describe('validateHorizontalPodAutoscalerSpec replica bounds', () => {
  const hpa = (spec: object) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', spec });
  test.each([
    [{ minReplicas: 2, maxReplicas: 2 }],
    [{ maxReplicas: 3 }],
    [{ minReplicas: 0, maxReplicas: 3 }], // HPAScaleToZero (alpha): left to the capacity check
  ])('accepts %j', (spec) => {
    expect(validateHpaReplicas(hpa(spec))).toEqual([]);
  });
  test('rejects maxReplicas 0 and maxReplicas below minReplicas', () => {
    expect(validateHpaReplicas(hpa({ maxReplicas: 0 })).map((p) => p.message)).toEqual(['must be greater than 0']);
    expect(validateHpaReplicas(hpa({ minReplicas: 5, maxReplicas: 2 })).map((p) => `${p.field}: ${p.value} ${p.message}`))
      .toEqual(['spec.maxReplicas: 2 must be greater than or equal to `minReplicas`']);
  });
});

describe('nodeSelector (ValidateLabels)', () => {
  test('accepts prefixed keys and empty values', () => {
    expect(fields({ nodeSelector: { 'topology.kubernetes.io/zone': 'eu-west-1a', 'acme.io/flag': '' } })).toEqual([]);
  });
  test('rejects a number, a bad value and a bad key', () => {
    expect(fields({ nodeSelector: { zone: 5 } })).toEqual(['spec.nodeSelector[zone]: 5 must be a string']);
    expect(fields({ nodeSelector: { zone: 'eu west' } })).toEqual([
      'spec.nodeSelector[zone]: "eu west" a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
    ]);
    expect(fields({ nodeSelector: { 'bad key': 'a' } })).toHaveLength(1);
  });
});
