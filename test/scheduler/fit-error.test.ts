import { fitErrorMessage, sortedReasonStrings, reasonHistogram } from '../../lib/scheduler/fit-error';

// Ported from pkg/scheduler/framework/types_test.go (TestFitError_Error). PostFilter messages
// use the v1.27 separator " %v." (later releases dropped the trailing dot).
describe('FitError.Error() (upstream TestFitError_Error)', () => {
  const three = (a: string, b: string, c: string) => [[a], [b], [c]];
  test('nodes failed Prefilter plugin', () => {
    expect(fitErrorMessage(3, { preFilterMsg: 'Node(s) failed PreFilter plugin FalsePreFilter', nodeReasons: three('x', 'y', 'z') })).toBe(
      '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.',
    );
  });
  test('nodes failed Prefilter plugin and the preemption also failed', () => {
    expect(
      fitErrorMessage(3, { preFilterMsg: 'Node(s) failed PreFilter plugin FalsePreFilter', postFilterMsg: 'Error running PostFilter plugin FailedPostFilter', nodeReasons: [] }),
    ).toBe('0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter.');
  });
  test('nodes failed one Filter plugin with an empty PostFilterMsg', () => {
    const f = 'Node(s) failed Filter plugin FalseFilter-1';
    expect(fitErrorMessage(3, { nodeReasons: three(f, f, f) })).toBe('0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.');
  });
  test('nodes failed two Filter plugins with an empty PostFilterMsg', () => {
    const f1 = 'Node(s) failed Filter plugin FalseFilter-1';
    const f2 = 'Node(s) failed Filter plugin FalseFilter-2';
    expect(fitErrorMessage(3, { nodeReasons: three(f1, f1, f2) })).toBe(
      '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1.',
    );
  });
  test('failed to Permit on node', () => {
    expect(fitErrorMessage(1, { nodeReasons: [['Node failed Permit plugin Permit-1']] })).toBe('0/1 nodes are available: 1 Node failed Permit plugin Permit-1.');
  });
});

describe('FitError histogram order', () => {
  test('GIVEN counts with different digit lengths WHEN sorted THEN Go sort.Strings byte order puts "10 …" before "2 …"', () => {
    const nodeReasons = [...Array(10).fill(['Insufficient memory']), ['Insufficient cpu'], ['Insufficient cpu']];
    expect(sortedReasonStrings(reasonHistogram(nodeReasons))).toEqual(['10 Insufficient memory', '2 Insufficient cpu']);
  });
  test('GIVEN one node with two reasons WHEN counted THEN each reason counts that node', () => {
    expect(fitErrorMessage(2, { nodeReasons: [['Insufficient cpu', 'Insufficient memory'], ['Insufficient cpu']] })).toBe(
      '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.',
    );
  });
});
