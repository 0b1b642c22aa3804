import { resolveFenceposts, scaledValueFromIntOrPercent } from '../../lib/manifests/int-or-percent';

// Ported from staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr_test.go (TestGetScaledValueFromIntOrPercent).
describe('GetScaledValueFromIntOrPercent (upstream table)', () => {
  const rows: Array<[number | string, number, boolean, number | 'error']> = [
    [123, 0, false, 123],
    ['90%', 100, true, 90],
    ['90%', 95, true, 86],
    ['90%', 95, false, 85],
    ['%', 0, false, 'error'],
    ['90#', 0, false, 'error'],
    ['#%', 0, false, 'error'],
    ['90', 0, false, 'error'],
  ];
  test.each(rows)('%p of %p (roundUp %p) → %p', (input, total, roundUp, want) => {
    if (want === 'error') expect(() => scaledValueFromIntOrPercent(input, total, roundUp)).toThrow(/invalid value for IntOrString/);
    else expect(scaledValueFromIntOrPercent(input, total, roundUp)).toBe(want);
  });

  test('GIVEN the default 25% maxSurge WHEN replicas vary THEN percentages round up like float64 math.Ceil', () => {
    expect([1, 2, 3, 4, 5, 6, 10, 13].map((r) => scaledValueFromIntOrPercent('25%', r, true))).toEqual([1, 1, 1, 1, 2, 2, 3, 4]);
    expect([1, 2, 3, 4, 5, 6, 10, 13].map((r) => scaledValueFromIntOrPercent('25%', r, false))).toEqual([0, 0, 0, 1, 1, 1, 2, 3]);
  });
});

// Ported from pkg/controller/deployment/util/deployment_util_test.go (TestResolveFenceposts).
describe('ResolveFenceposts (upstream table)', () => {
  const rows: Array<[string | undefined, string | undefined, number, [number, number] | 'error']> = [
    ['0%', '0%', 0, [0, 1]],
    ['39%', '39%', 10, [4, 3]],
    ['oops', '39%', 10, 'error'],
    ['55%', 'urg', 10, 'error'],
    [undefined, '39%', 10, [0, 3]],
    ['39%', undefined, 10, [4, 0]],
    [undefined, undefined, 10, [0, 1]],
  ];
  test.each(rows)('maxSurge %p maxUnavailable %p desired %p', (surge, unavailable, desired, want) => {
    if (want === 'error') expect(() => resolveFenceposts(surge, unavailable, desired)).toThrow();
    else expect(resolveFenceposts(surge, unavailable, desired)).toEqual({ surge: want[0], unavailable: want[1] });
  });
});
