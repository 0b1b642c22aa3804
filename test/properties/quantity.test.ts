// Property-based tests (fast-check) of the quantity parser (issue 4): canonical strings round-trip,
// invalid strings are rejected and never mis-parsed, and whatever parses has exactly the value
// an independent BigInt evaluation of the decimal string gives. The ported upstream tables are in
// test/kubernetes/quantity.test.ts; these add random inputs around them.
import fc from 'fast-check';
import { InvalidQuantityError, parseQuantity, Quantity } from '../../lib/scheduler';

/** Upstream's documented quantity grammar (quantity.go splitRE). */
const SPLIT_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

const DECIMAL_SI: ReadonlyArray<readonly [string, number]> = [
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
];
const BINARY_SI: ReadonlyArray<readonly [string, number]> = [['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60]];

/** A suffix with its exact multiplier as [numerator, denominator], and whether it is binary. */
interface Suffix {
  readonly text: string;
  readonly num: bigint;
  readonly den: bigint;
  readonly binary: boolean;
  readonly decimalSI: boolean;
}
const pow10 = (e: number): [bigint, bigint] => (e >= 0 ? [10n ** BigInt(e), 1n] : [1n, 10n ** BigInt(-e)]);
const suffix: fc.Arbitrary<Suffix> = fc.oneof(
  fc.constantFrom(...DECIMAL_SI).map(([text, e]) => { const [num, den] = pow10(e); return { text, num, den, binary: false, decimalSI: true }; }),
  fc.constantFrom(...BINARY_SI).map(([text, e]) => ({ text, num: 1n << BigInt(e), den: 1n, binary: true, decimalSI: false })),
  fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 24 })).map(([e, sign, k]) => {
    const [num, den] = pow10(sign === '-' ? -k : k);
    return { text: `${e}${sign}${k}`, num, den, binary: false, decimalSI: false };
  }),
);

const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** `<sign><digits>[.<digits>]<suffix>`, at most 18 digits (19 hit upstream's int64 ErrNumeric quirk, ported in the tables). */
const decimalInput = fc.record({
  sign: fc.constantFrom('', '+', '-'),
  int: digits(1, 9),
  dot: fc.boolean(),
  frac: digits(0, 9),
  suffix,
});
type DecimalInput = typeof decimalInput extends fc.Arbitrary<infer T> ? T : never;

const text = (d: DecimalInput) => `${d.sign}${d.int}${d.dot ? `.${d.frac}` : ''}${d.suffix.text}`;

/** Division rounding away from zero. */
function divAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n > 0n ? q + 1n : q - 1n;
}
const clamp = (x: bigint) => (x > INT64_MAX ? INT64_MAX : x < INT64_MIN ? INT64_MIN : x);

/**
 * The value upstream ParseQuantity gives `d`, in nano-units, computed independently: the exact
 * decimal times the suffix, rounded away from zero to 1n (quantity.go: "if you want some
 * resources, you should get some resources"), binary values capped at MaxInt64 units.
 */
function expectedNanos(d: DecimalInput): bigint {
  const frac = d.dot ? d.frac : '';
  const mantissa = BigInt(d.int + frac);
  const num = mantissa * d.suffix.num * 1_000_000_000n;
  const den = 10n ** BigInt(frac.length) * d.suffix.den;
  let magnitude = divAway(num, den);
  if (d.suffix.binary && magnitude > INT64_MAX * 1_000_000_000n) {
    magnitude = INT64_MAX * 1_000_000_000n;
  }
  return d.sign === '-' ? -magnitude : magnitude;
}

/** True when upstream's fast path would read the number of `s` as an int64 and overflow (ErrNumeric). */
function overflowsFastPath(s: string): boolean {
  const digits_ = /^[+-]?0*([0-9]*)/.exec(s)![1];
  return digits_.length > 0 && digits_.length <= 19 && BigInt(digits_) > INT64_MAX;
}

describe('quantity round trip', () => {
  test('a canonical string parses back to itself and to the same value', () => {
    fc.assert(fc.property(decimalInput, (d) => {
      // GIVEN a random quantity and its canonical form
      const original = parseQuantity(text(d));
      // DecimalSI has no suffix past E upstream (prints a bare mantissa): keep below 1000E
      fc.pre(!(original.format === 'DecimalSI' && original.cmp(parseQuantity('1000E')) >= 0) && original.cmp(parseQuantity('-1000E')) > 0);
      const canonical = original.toString();
      // Upstream's int64 fast path reads a mantissa of 19 digits above MaxInt64 as ErrNumeric, even
      // one its own String() printed (pinned below): such canonical strings do not round-trip.
      fc.pre(!overflowsFastPath(canonical));

      // WHEN the canonical form is parsed
      const again = parseQuantity(canonical);

      // THEN it is equal to the original and prints itself, except that a BinarySI value with
      // no binary suffix (62.5Ki → "64000") comes back DecimalSI, as in Go; that form is then fixed
      expect(again.cmp(original)).toBe(0);
      expect(original.cmp(again)).toBe(0);
      if (again.toString() !== canonical) {
        expect([original.format, /^[+-]?[0-9]+$/.test(canonical)]).toEqual(['BinarySI', true]);
        const decimal = again.toString();
        expect(parseQuantity(decimal).toString()).toBe(decimal);
        expect(parseQuantity(decimal).cmp(original)).toBe(0);
      }
    }), { numRuns: 1500 });
  });

  test('upstream behaviour, kept: a BinarySI value without a binary suffix reparses as DecimalSI', () => {
    expect(parseQuantity('62.5Ki').toString()).toBe('64000');
    expect(parseQuantity('64000').toString()).toBe('64k');
    expect(parseQuantity('1.5Ki').toString()).toBe('1536');
    expect(parseQuantity('1536').toString()).toBe('1536');
  });

  test('upstream quirk, kept: a 19-digit canonical mantissa above MaxInt64 does not parse back', () => {
    // 8500.9Ti is not a whole number, so it prints in DecimalSI milli-units; Go does the same
    const canonical = parseQuantity('8500.9Ti').toString();
    expect(canonical).toBe('9346838396560998400m');
    expect(overflowsFastPath(canonical)).toBe(true);
    expect(() => parseQuantity(canonical)).toThrow(new InvalidQuantityError(canonical, 'unable to parse numeric part of quantity'));
  });

  test('value() is milliValue() / 1000 rounded away from zero', () => {
    fc.assert(fc.property(decimalInput, (d) => {
      const q = parseQuantity(text(d));
      const milli = q.milliValue();
      fc.pre(milli > INT64_MIN && milli < INT64_MAX); // saturated: consistency is not defined
      expect(q.value()).toBe(divAway(milli, 1000n));
      expect(q.value() === 0n).toBe(q.isZero());
      expect(q.sign()).toBe(milli === 0n ? 0 : milli > 0n ? 1 : -1);
    }), { numRuns: 1500 });
  });
});

describe('differential: parsed value against an exact BigInt evaluation', () => {
  test('<digits>.<digits><suffix> parses to exactly the decimal value (nano-rounded, binary capped)', () => {
    fc.assert(fc.property(decimalInput, (d) => {
      // GIVEN the independently computed value
      const nanos = expectedNanos(d);

      // WHEN parsed
      const q = parseQuantity(text(d));

      // THEN the same value, and milli/whole units rounded away from zero, saturated at int64
      expect(q.cmp(Quantity.fromScaled(nanos, -9))).toBe(0);
      expect(q.milliValue()).toBe(clamp(divAway(nanos, 1_000_000n)));
      expect(q.value()).toBe(clamp(divAway(nanos, 1_000_000_000n)));
    }), { numRuns: 2000 });
  });
});

describe('invalid quantity strings', () => {
  // apimachinery#165 (closed unfixed): with no digit before the suffix, upstream's scanner reads
  // the number as 0, so `k`, `Mi` or `-` parse as zero. Ported as is; such strings are the only
  // ones outside the grammar that parse, and then only ever as zero.
  const NO_NUMBER = /^[+-]?[eEinumkKMGTP]*[-+]?[0-9]*$/;

  function rejected(s: string): boolean {
    try {
      parseQuantity(s);
      return false;
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidQuantityError);
      expect((e as Error).message.startsWith(`invalid quantity ${JSON.stringify(s)}: `)).toBe(true);
      return true;
    }
  }

  test('random strings outside upstream\'s grammar are rejected (or, without any number, read as zero)', () => {
    const alphabet = fc.constantFrom(...'0123456789..+-eEinumkKMGTPbBx %_'.split(''));
    const candidate = fc.array(alphabet, { maxLength: 12 }).map((a) => a.join('')).filter((s) => !SPLIT_RE.test(s));
    fc.assert(fc.property(candidate, (s) => {
      if (!rejected(s)) {
        expect(NO_NUMBER.test(s)).toBe(true);
        expect(parseQuantity(s).isZero()).toBe(true);
      }
    }), { numRuns: 2000 });
    expect(parseQuantity('Ki').isZero()).toBe(true); // the quirk, pinned
  });

  test('random strings with a number outside upstream\'s grammar are always rejected', () => {
    const candidate = fc.string({ maxLength: 16 }).filter((s) => !SPLIT_RE.test(s) && !NO_NUMBER.test(s));
    fc.assert(fc.property(candidate, (s) => {
      expect(rejected(s)).toBe(true);
    }), { numRuns: 2000 });
  });

  const plain = fc.record({ sign: fc.constantFrom('', '-'), int: digits(1, 6), frac: digits(1, 3) }).map((p) => `${p.sign}${p.int}.${p.frac}`);

  test.each([
    ['an inserted space', fc.tuple(plain, fc.nat(), fc.constantFrom(' ', '\t', '\n')).map(([s, i, ws]) => { const at = i % (s.length + 1); return s.slice(0, at) + ws + s.slice(at); })],
    ['a second dot', fc.tuple(plain, fc.nat()).map(([s, i]) => { const at = i % (s.length + 1); return s.slice(0, at) + '.' + s.slice(at); })],
    ['a bad suffix', fc.tuple(plain, fc.constantFrom('K', 'Mb', 'iB', 'KB', 'KiB', 'mi', 'ki', 'Kii', 'k8', 'Ei3', 'e', 'E+', 'e1.5', 'b', 'G i'))
      .map(([s, suffix_]) => s + suffix_)],
    ['trailing junk', fc.tuple(plain, fc.constantFrom('', 'm', 'Mi', 'e3'), fc.constantFrom('x', '%', '_', '/', ';', 'Z', ',', 'μ', 'm!'))
      .map(([s, suffix_, junk]) => s + suffix_ + junk)],
  ] as const)('a valid number with %s is rejected', (_what, mutated) => {
    fc.assert(fc.property(mutated, (s) => {
      expect(rejected(s)).toBe(true);
    }), { numRuns: 500 });
  });
});
