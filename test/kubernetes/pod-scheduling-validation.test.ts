// lib/kubernetes/pod-scheduling-validation.ts against Kubernetes 1.27's tables in
// kubernetes/kubernetes pkg/apis/core/validation/validation_test.go:
//   - TestValidatePod (successCases and errorCases: the toleration and node-affinity rows; each
//     errorCase names the field its error must be on, `expectedError`);
//   - TestValidateTopologySpreadConstraints (every row, with `wantFieldErrors` as exact errors;
//     upstream validates under the path "field", ours under "spec.topologySpreadConstraints");
// and the replica bounds of pkg/apis/autoscaling/validation (TestValidateHorizontalPodAutoscaler).
// Rows newer than 1.27 are left out and said so; valid inputs must pass: a check stricter than
// Kubernetes is a bug too.
import { formatSchedulingProblem, validateHpaReplicas, validateLabelSelector, validateNodeTaintList, validatePodScheduling } from '../../lib/kubernetes/pod-scheduling-validation';

const errors = (spec: unknown) => validatePodScheduling(spec).map(formatSchedulingProblem);
const fields = (spec: unknown) => validatePodScheduling(spec).map((p) => p.field);

describe('ValidateTolerations (TestValidatePod)', () => {
  test.each([
    ['populate forgiveness tolerations with exists operator', { key: 'foo', operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: 60 }],
    ['populate forgiveness tolerations with equal operator', { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoExecute', tolerationSeconds: 60 }],
    ['populate tolerations equal operator', { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }],
    ['populate tolerations exists operator', { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
    ['empty key with Exists operator is OK (match all taint keys)', { operator: 'Exists', effect: 'NoSchedule' }],
    ['empty operator is OK (defaults to Equal)', { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    ['empty effect is OK (match all taint effects)', { key: 'foo', operator: 'Equal', value: 'bar' }],
    ['negative tolerationSeconds is OK', { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -2 }],
  ])('accepts: %s', (_name, toleration) => {
    expect(errors({ tolerations: [toleration] })).toEqual([]);
  });

  test.each([
    ['invalid toleration key', { key: 'nospecialchars^=@', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, 'spec.tolerations[0].key'],
    ['invalid toleration operator', { key: 'foo', operator: 'In', value: 'bar', effect: 'NoSchedule' }, 'spec.tolerations[0].operator'],
    ["value must be empty when `operator` is 'Exists'", { key: 'foo', operator: 'Exists', value: 'bar', effect: 'NoSchedule' }, 'spec.tolerations[0].operator'],
    ["operator must be 'Exists' when `key` is empty", { operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, 'spec.tolerations[0].operator'],
    ["effect must be 'NoExecute' when `TolerationSeconds` is set", { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 20 },
      'spec.tolerations[0].effect'],
  ])('rejects: %s', (_name, toleration, expectedField) => {
    expect(fields({ tolerations: [toleration] })).toEqual([expectedField]);
  });

  test('the messages, as field.Error prints them', () => {
    expect(errors({ tolerations: [
      { key: 'gpu', operator: 'In', value: 'x' },
      { key: 'gpu', operator: 'Exists', value: 'x' },
      { operator: 'Equal' },
      { key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 1 },
      { key: 'gpu', operator: 'Exists', effect: 'NoRun' },
      { key: 'gpu', value: 'a b' },
    ] })).toEqual([
      'spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
      'spec.tolerations[1].operator: Invalid value: "x": value must be empty when `operator` is \'Exists\'',
      'spec.tolerations[2].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[3].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      'spec.tolerations[4].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'spec.tolerations[5].operator: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', '
        + 'and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
    ]);
  });
});

describe('validateNodeAffinity (TestValidatePod)', () => {
  const req = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';
  const requiredTerm = (term: object) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } } });

  test('accepts the success cases: required and preferred terms, matchFields metadata.name', () => {
    expect(errors({ affinity: { nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: 'key2', operator: 'In', values: ['value1', 'value2'] }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host1'] }] },
      ] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } }],
    } } })).toEqual([]);
  });

  test.each([
    ["operator can't be null", requiredTerm({ matchExpressions: [{ key: 'key1' }] }), `${req}.nodeSelectorTerms[0].matchExpressions[0].operator`],
    ['key is invalid', requiredTerm({ matchExpressions: [{ key: 'invalid key ___@#', operator: 'Exists' }] }), `${req}.nodeSelectorTerms[0].matchExpressions[0].key`],
    ['more values for field selector', requiredTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host1', 'host2'] }] }),
      `${req}.nodeSelectorTerms[0].matchFields[0].values`],
    ['field selector, invalid operator', requiredTerm({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }), `${req}.nodeSelectorTerms[0].matchFields[0].operator`],
    ['field selector, invalid key', requiredTerm({ matchFields: [{ key: 'metadata.namespace', operator: 'In', values: ['ns1'] }] }), `${req}.nodeSelectorTerms[0].matchFields[0].key`],
    ['nodeSelectorTerms must have at least one term', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } },
      `${req}.nodeSelectorTerms`],
    ['preferredSchedulingTerm weight should be in range 1-100',
      { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 199, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } }] } } },
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight'],
  ])('rejects: %s', (_name, spec, expectedField) => {
    expect(fields(spec)).toEqual([expectedField]);
  });

  test('the messages of ValidateNodeSelectorRequirement, ValidateNodeFieldSelectorRequirement and ValidateNodeSelector', () => {
    const m = `${req}.nodeSelectorTerms[0].matchExpressions`;
    const f = `${req}.nodeSelectorTerms[0].matchFields`;
    expect(errors(requiredTerm({
      matchExpressions: [
        { key: 'zone', operator: 'In', values: [] },
        { key: 'zone', operator: 'Exists', values: ['a'] },
        { key: 'cpus', operator: 'Lt', values: ['1', '2'] },
        { key: 'zone', operator: 'Equals', values: ['a'] },
      ],
      matchFields: [
        { key: 'metadata.name', operator: 'NotIn', values: ['a', 'b'] },
        { key: 'metadata.name', operator: 'In', values: ['Bad_Node'] },
        { key: 'metadata.uid', operator: 'Exists' },
      ],
    }))).toEqual([
      `${m}[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      `${m}[1].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
      `${m}[2].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
      `${m}[3].operator: Invalid value: "Equals": not a valid selector operator`,
      `${f}[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`,
      `${f}[1].values[0]: Invalid value: "Bad_Node": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `${f}[2].operator: Invalid value: "Exists": not a valid selector operator`,
      `${f}[2].key: Invalid value: "metadata.uid": not a valid field selector key`,
    ]);
    expect(errors({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }))
      .toEqual([`${req}.nodeSelectorTerms: Required value: must have at least one node selector term`]);
  });

  test('1.27 counts Gt/Lt values and does not check node-affinity values as label values', () => {
    expect(errors(requiredTerm({ matchExpressions: [{ key: 'cpus', operator: 'Gt', values: ['x'] }, { key: 'zone', operator: 'In', values: ['a b'] }] }))).toEqual([]);
  });

  test('preferred terms: weight 1-100 (0 is out of range) and their expressions', () => {
    const p = 'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution';
    expect(errors({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
      { weight: 100, preference: { matchExpressions: [{ key: 'zone', operator: 'NotIn' }] } },
    ] } } })).toEqual([
      `${p}[0].weight: Invalid value: 0: must be in the range 1-100`,
      `${p}[1].preference.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
    ]);
  });
});

describe('validatePodAffinity / validatePodAntiAffinity (TestValidatePod, 1.27 rows)', () => {
  const term = { labelSelector: { matchExpressions: [{ key: 'key2', operator: 'In', values: ['value1', 'value2'] }] }, namespaces: ['ns'], topologyKey: 'zone' };
  test('accepts required and weighted terms', () => {
    expect(errors({ affinity: {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term }] },
    } })).toEqual([]);
  });
  test.each([
    ['weight should be in range 1-100', { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 109, podAffinityTerm: term }] } },
      ['spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 109: must be in the range 1-100']],
    ['values should be empty if the operator is Exists',
      { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { ...term, labelSelector: { matchExpressions: [{ key: 'key2', operator: 'Exists', values: ['value1', 'value2'] }] } } }] } },
      ['spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'']],
    ['namespaceSelector In operator must include values',
      { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { ...term, namespaceSelector: { matchExpressions: [{ key: 'key2', operator: 'In' }] } } }] } },
      ['spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespaceSelector.matchExpressions[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\'']],
    ['namespace should be valid', { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term, namespaces: ['INVALID_NAMESPACE'] }] } },
      ['spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespace: Invalid value: "INVALID_NAMESPACE": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')']],
  ])('rejects: %s', (_name, affinity, expected) => {
    expect(errors({ affinity })).toEqual(expected);
  });
  test('empty topologyKey is not allowed: Required, then ValidateLabelName of ""', () => {
    expect(errors({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term, topologyKey: '' }] } } })).toEqual([
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
    ]);
  });
});

describe('validateTopologySpreadConstraints (TestValidateTopologySpreadConstraints)', () => {
  const f0 = 'spec.topologySpreadConstraints[0]';
  const tsc = (...constraints: object[]) => ({ topologySpreadConstraints: constraints });
  const rows: Array<[string, object[], string[]]> = [
    ['all required fields ok', [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 3 }], []],
    ['missing MaxSkew', [{ topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule' }], [`${f0}.maxSkew: Invalid value: 0: must be greater than zero`]],
    ['negative MaxSkew', [{ maxSkew: -1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule' }], [`${f0}.maxSkew: Invalid value: -1: must be greater than zero`]],
    ['can use MinDomains with ScheduleAnyway, when MinDomains = nil', [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: null }], []],
    ['negative minDomains is invalid', [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: -1 }],
      [`${f0}.minDomains: Invalid value: -1: must be greater than zero`]],
    ['cannot use non-nil MinDomains with ScheduleAnyway', [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 10 }],
      [`${f0}.minDomains: Invalid value: 10: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`]],
    ['use negative MinDomains with ScheduleAnyway(invalid)', [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: -1 }], [
      `${f0}.minDomains: Invalid value: -1: must be greater than zero`,
      `${f0}.minDomains: Invalid value: -1: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`,
    ]],
    ['missing TopologyKey', [{ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }], [`${f0}.topologyKey: Required value: can not be empty`]],
    ['missing scheduling mode', [{ maxSkew: 1, topologyKey: 'k8s.io/zone' }],
      [`${f0}.whenUnsatisfiable: Unsupported value: "": supported values: "DoNotSchedule", "ScheduleAnyway"`]],
    ['unsupported scheduling mode', [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'N/A' }],
      [`${f0}.whenUnsatisfiable: Unsupported value: "N/A": supported values: "DoNotSchedule", "ScheduleAnyway"`]],
    ['multiple constraints ok with all required fields', [
      { maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule' },
      { maxSkew: 2, topologyKey: 'k8s.io/node', whenUnsatisfiable: 'ScheduleAnyway' },
    ], []],
    ['multiple constraints missing TopologyKey on partial ones', [
      { maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' },
      { maxSkew: 2, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule' },
    ], [`${f0}.topologyKey: Required value: can not be empty`]],
    ['duplicate constraints', [
      { maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule' },
      { maxSkew: 2, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule' },
    ], [`${f0}.{topologyKey, whenUnsatisfiable}: Duplicate value: "{k8s.io/zone, DoNotSchedule}"`]],
    ['supported policy name set on NodeAffinityPolicy and NodeTaintsPolicy',
      [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore' }], []],
    ['unsupported policy name set on NodeAffinityPolicy',
      [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: 'Unknown', nodeTaintsPolicy: 'Ignore' }],
      [`${f0}.nodeAffinityPolicy: Unsupported value: "Unknown": supported values: "Honor", "Ignore"`]],
    ['unsupported policy name set on NodeTaintsPolicy',
      [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Unknown' }],
      [`${f0}.nodeTaintsPolicy: Unsupported value: "Unknown": supported values: "Honor", "Ignore"`]],
    ["key in MatchLabelKeys isn't correctly defined",
      [{ maxSkew: 1, topologyKey: 'k8s.io/zone', labelSelector: {}, whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['/simple'] }],
      [`${f0}.matchLabelKeys[0]: Invalid value: "/simple": prefix part must be non-empty`]],
    ['key exists in both matchLabelKeys and labelSelector', [{
      maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['foo'],
      labelSelector: { matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['value1', 'value2'] }] },
    }], [`${f0}.matchLabelKeys[0]: Invalid value: "foo": exists in both matchLabelKeys and labelSelector`]],
    ['key in MatchLabelKeys is forbidden to be specified when labelSelector is not set',
      [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['foo'] }],
      [`${f0}.matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`]],
    ['invalid matchLabels set on labelSelector (AllowInvalidTopologySpreadConstraintLabelSelector false: a create)',
      [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'foo' } } }],
      [`${f0}.labelSelector.matchLabels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`]],
    ['valid matchLabels set on labelSelector',
      [{ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { foo: 'foo' } } }], []],
  ];
  test.each(rows)('%s', (_name, constraints, expected) => {
    expect(errors(tsc(...constraints))).toEqual(expected);
  });

  test('1.27 does not check topologyKey as a label key (ValidateTopologyKey: non-empty only)', () => {
    expect(errors(tsc({ maxSkew: 1, topologyKey: 'not a/qualified/name', whenUnsatisfiable: 'DoNotSchedule' }))).toEqual([]);
  });

  test('three equal constraints: the duplicate is on each one that a later one repeats', () => {
    const c = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' };
    expect(fields(tsc(c, c, c))).toEqual(['spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}', 'spec.topologySpreadConstraints[1].{topologyKey, whenUnsatisfiable}']);
  });
});

describe('ValidateLabelSelector (apimachinery meta/v1/validation, AllowInvalidLabelValueInSelector false)', () => {
  test('operators, keys and values', () => {
    expect(validateLabelSelector({ matchLabels: { app: 'a b' }, matchExpressions: [
      { key: 'app', operator: 'Gt', values: ['1'] },
      { key: 'app', operator: 'In', values: ['ok', 'not ok'] },
    ] }, 's').map(formatSchedulingProblem)).toEqual([
      's.matchLabels: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
      's.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator',
      's.matchExpressions[1].values[1]: Invalid value: "not ok": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
    ]);
    expect(validateLabelSelector(undefined, 's')).toEqual([]);
    expect(validateLabelSelector({}, 's')).toEqual([]);
  });
});

describe('nodeSelector (ValidatePodSpec: ValidateLabels on spec.nodeSelector)', () => {
  test('accepts prefixed keys and empty values', () => {
    expect(errors({ nodeSelector: { 'topology.kubernetes.io/zone': 'eu-west-1a', 'acme.io/flag': '' } })).toEqual([]);
  });
  test('rejects a bad value and a bad key, both on spec.nodeSelector as upstream reports them', () => {
    expect(errors({ nodeSelector: { zone: 'eu west' } })).toEqual([
      'spec.nodeSelector: Invalid value: "eu west": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
    ]);
    expect(errors({ nodeSelector: { 'bad key': 'a' } })).toEqual([
      'spec.nodeSelector: Invalid value: "bad key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
    ]);
  });
  test('a value that is not a string (a decoding error upstream) names its key in the fix', () => {
    expect(validatePodScheduling({ nodeSelector: { zone: 5 } })).toEqual([
      { field: 'spec.nodeSelector', value: '5', message: 'must be a string', fix: 'quote the value of "zone": "5"' },
    ]);
  });
});

describe('ValidatePodSpec order: nodeSelector, affinity, topologySpreadConstraints, tolerations', () => {
  test('the first problem is the one upstream lists first', () => {
    expect(fields({
      tolerations: [{ operator: 'Equal' }],
      topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }],
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] } },
      nodeSelector: { zone: 'a b' },
    })).toEqual([
      'spec.nodeSelector',
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
      'spec.topologySpreadConstraints[0].maxSkew',
      'spec.tolerations[0].operator',
    ]);
  });
});

describe('validateHorizontalPodAutoscalerSpec replica bounds (pkg/apis/autoscaling/validation)', () => {
  const hpa = (spec: object) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', spec });
  const hpaErrors = (spec: object, scaleToZero?: boolean) => validateHpaReplicas(hpa(spec), { scaleToZero }).map(formatSchedulingProblem);
  test.each([
    [{ minReplicas: 1, maxReplicas: 5 }],
    [{ minReplicas: 2, maxReplicas: 2 }],
    [{ maxReplicas: 3 }],
  ])('accepts %j', (spec) => {
    expect(hpaErrors(spec)).toEqual([]);
  });
  test.each([
    [{ minReplicas: -1, maxReplicas: 5 }, ['spec.minReplicas: Invalid value: -1: must be greater than or equal to 1']],
    [{ minReplicas: 0, maxReplicas: 5 }, ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1']],
    [{ minReplicas: 7, maxReplicas: 5 }, ['spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`']],
    [{ maxReplicas: 0 }, ['spec.maxReplicas: Invalid value: 0: must be greater than 0']],
    [{ minReplicas: 1, maxReplicas: 0 }, [
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
      'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`',
    ]],
  ])('rejects %j (default feature gates)', (spec, expected) => {
    expect(hpaErrors(spec)).toEqual(expected);
  });
  test('HPAScaleToZero (alpha, off by default in 1.27) lowers the bound to 0', () => {
    expect(hpaErrors({ minReplicas: 0, maxReplicas: 3 }, true)).toEqual([]);
    expect(hpaErrors({ minReplicas: -1, maxReplicas: 3 }, true)).toEqual(['spec.minReplicas: Invalid value: -1: must be greater than or equal to 0']);
  });
});

describe('bounded on huge input', () => {
  test('150,000 bad selector expressions are all reported, without overflowing the stack', () => {
    const matchExpressions = Array.from({ length: 150_000 }, () => ({ key: 'app', operator: 'Exists', values: ['x'] }));
    const problems = validatePodScheduling({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions } }] });
    expect(problems).toHaveLength(150_000);
    expect(problems[149_999].field).toBe('spec.topologySpreadConstraints[0].labelSelector.matchExpressions[149999].values');
  });
});

// validateNodeTaints, against the taint rows of TestValidateNode (pkg/apis/core/validation/
// validation_test.go, 1.27): the upstream test names each errorCase and the fields its errors
// may be on (spec.taints[0].key / .value / .effect); the duplicate is on spec.taints[1] itself.
describe('validateNodeTaintList (TestValidateNode taint rows)', () => {
  test.each([
    ['dedicated-node1', [{ key: 'dedicated', value: 'special-user-1', effect: 'NoSchedule' }]],
    ['dedicated-node2 (two effects of one key)', [{ key: 'dedicated', value: 'special-user-1', effect: 'NoSchedule' }, { key: 'dedicated', value: 'special-user-1', effect: 'NoExecute' }]],
    ['no value', [{ key: 'nvidia.com/gpu', effect: 'PreferNoSchedule' }]],
    ['none', []],
  ])('accepts %s', (_name, taints) => {
    expect(validateNodeTaintList(taints)).toEqual([]);
  });

  test.each([
    ['missing-taint-key', [{ key: '', value: 'special-user-1', effect: 'NoSchedule' }], ['[0].key: Invalid value: "": name part must be non-empty',
      '[0].key: Invalid value: "": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')']],
    ['bad-taint-key', [{ key: 'NoUppercaseOrSpecialCharsLike=Equals', value: 'special-user-1', effect: 'NoSchedule' }],
      ['[0].key: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')']],
    ['bad-taint-value', [{ key: 'dedicated', value: 'some\\bad\\value', effect: 'NoSchedule' }],
      ['[0].value: Invalid value: "some\\\\bad\\\\value": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')']],
    ['missing-taint-effect', [{ key: 'dedicated', value: 'special-user-3', effect: '' }], ['[0].effect: Required value']],
    ['invalid-taint-effect', [{ key: 'dedicated', value: 'special-user-3', effect: 'NoScheduleNoAdmit' }],
      ['[0].effect: Unsupported value: "NoScheduleNoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    ['duplicated-taints-with-same-key-effect', [{ key: 'dedicated', value: 'special-user-1', effect: 'NoSchedule' }, { key: 'dedicated', value: 'special-user-2', effect: 'NoSchedule' }],
      ['[1]: Duplicate value: {"key":"dedicated","value":"special-user-2","effect":"NoSchedule"}: taints must be unique by key and effect pair']],
  ])('rejects %s', (_name, taints, expected) => {
    expect(validateNodeTaintList(taints).map(formatSchedulingProblem)).toEqual(expected);
  });
});
