// The one Levenshtein distance behind every "did you mean …?" (component props, schema fields, CLI options).
import { closest, editDistance } from '../../lib/kubernetes/private/edit-distance';

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

test.each([
  ['replica', ['ports', 'replicas', 'resources'], 'replicas'],
  ['Port', ['port', 'ports'], 'port'], // case first
  ['--headrom', ['--nodes', '--headroom', '--help'], '--headroom'],
  ['--hel', ['--help', '--helm'], '--help'], // ties: the first
  ['spce', ['spec'], undefined], // a transposition is 2 edits, more than a third of 4 letters
  ['xyz', ['spec', 'kind'], undefined],
])('closest(%j, %j) is %j', (name, candidates, expected) => {
  expect(closest(name, candidates)).toBe(expected);
});

test('closest picks the nearest candidate, not the first one close enough', () => {
  expect(closest('--surges', ['--surge-x', '--surge'])).toBe('--surge');
});
