import { InvalidSelectorError, labelSelectorMatcher, requirementMatcher, setMatcher } from '../../lib/kubernetes/label-selector';

// Cases after staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go (TestRequirementConstructor,
// TestToString/Matches) and meta/v1 helpers_test.go (LabelSelectorAsSelector: nil vs empty).
describe('labels.Requirement', () => {
  test.each([
    ['x', 'In', ['foo'], { x: 'foo' }, true],
    ['x', 'In', ['foo'], { x: 'bar' }, false],
    ['x', 'In', ['foo'], {}, false],
    ['x', 'NotIn', ['foo'], {}, true],
    ['x', 'NotIn', ['foo'], { x: 'foo' }, false],
    ['x', 'Exists', [], { x: '' }, true],
    ['x', 'DoesNotExist', [], { x: '' }, false],
    ['x', 'Gt', ['1'], { x: '2' }, true],
    ['x', 'Gt', ['1'], { x: '1' }, false],
    ['x', 'Lt', ['1'], { x: '-1' }, true],
    ['x', 'Gt', ['1'], { x: 'a' }, false],
    ['x', 'Gt', ['1'], {}, false],
  ] as Array<[string, string, string[], Record<string, string>, boolean]>)('%s %s %p on %p → %p', (key, op, values, labels, want) => {
    expect(requirementMatcher(key, op, values)(labels)).toBe(want);
  });

  test.each([
    ['x', 'In', []],
    ['x', 'Exists', ['a']],
    ['x', 'Gt', ['1', '2']],
    ['x', 'Gt', ['a']],
    ['x=1', 'In', ['a']],
    ['x', 'In', ['a b']],
    ['x', 'Between', ['a']],
  ] as Array<[string, string, string[]]>)('fails to construct %s %s %p (NewRequirement error)', (key, op, values) => {
    expect(() => requirementMatcher(key, op, values)).toThrow(InvalidSelectorError);
  });
});

describe('LabelSelectorAsSelector', () => {
  test('GIVEN no selector THEN nothing matches; GIVEN {} THEN everything matches', () => {
    expect(labelSelectorMatcher(undefined)({ a: 'b' })).toBe(false);
    expect(labelSelectorMatcher({})({})).toBe(true);
  });

  test('GIVEN matchLabels and matchExpressions THEN they are ANDed; matchLabelKeys values are added', () => {
    const m = labelSelectorMatcher({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }, { 'pod-template-hash': 'abc' });
    expect(m({ app: 'web', 'pod-template-hash': 'abc' })).toBe(true);
    expect(m({ app: 'web', 'pod-template-hash': 'def' })).toBe(false);
    expect(m({ app: 'web', tier: 'db', 'pod-template-hash': 'abc' })).toBe(false);
  });

  test('fails on an operator a LabelSelector does not allow', () => {
    expect(() => labelSelectorMatcher({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow('"Gt" is not a valid label selector operator');
  });

  test('GIVEN a nodeSelector map THEN every key must be present with that value (SelectorFromSet)', () => {
    expect(setMatcher({ a: '' })({ a: '' })).toBe(true);
    expect(setMatcher({ a: '' })({})).toBe(false);
  });
});

// lib/guardrails/upstream/label-selector.ts used to be a second matcher: it let `In` and `NotIn`
// without values through (NotIn [] selected every pod, In [] none) and treated an invalid key or
// operator as "selects nothing". Upstream (apimachinery labels.NewRequirement, called by
// metav1.LabelSelectorAsSelector, Kubernetes 1.27) rejects all of them; these cases pin the one
// behaviour both the scheduler and the guardrails now share.
describe('where the two matchers disagreed: upstream rejects, it does not match', () => {
  test.each([
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'tier', operator: 'Between', values: ['a'] }] },
      '"Between" is not a valid label selector operator'],
    [{ matchLabels: { 'a b': 'x' } },
      'key: Invalid value: "a b": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character '
      + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
  ])('%j fails with %s', (selector, message) => {
    expect(() => labelSelectorMatcher(selector)).toThrow(new InvalidSelectorError(message));
  });
});
