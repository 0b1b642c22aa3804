// The one Levenshtein distance behind every "did you mean …?" (component props, schema fields, CLI options).
import { editDistance } from '../../lib/kubernetes/private/edit-distance';

test.each([
  ['', '', 0], ['replica', 'replicas', 1], ['replicas', 'replica', 1], ['spce', 'spec', 2], ['kitten', 'sitting', 3],
  ['--headrom', '--headroom', 1], ['abc', 'abc', 0], ['', 'abc', 3],
])('editDistance(%j, %j) is %d', (a, b, d) => {
  expect(editDistance(a, b)).toBe(d);
});

test('past the limit, limit + 1 (early, whatever the full distance)', () => {
  expect(editDistance('kitten', 'sitting', 2)).toBe(3);
  expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  expect(editDistance('kitten', 'sitting', 3)).toBe(3);
});
