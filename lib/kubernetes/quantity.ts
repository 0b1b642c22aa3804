// Port of Kubernetes 1.27's `resource.Quantity` (k8s.io/apimachinery v0.27):
//   staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity, CanonicalizeBytes,
//   String, Add, Sub, Cmp, RoundUp, ScaledValue/Value/MilliValue),
//   .../resource/suffix.go (suffix table), .../resource/amount.go + math.go (canonical digits).
// Read at commits 143ac994 (quantity.go) / 7125a5f0 (suffix.go); the parse, format and rounding
// rules ported here are the ones v0.27 ships (test/kubernetes/quantity.test.ts names the one table
// that upstream added later, for behaviour 1.27 already has).
//
// Go keeps a quantity either as an int64 mantissa with a base-10 scale or as an inf.Dec; both
// describe one exact decimal value, and every observable result (value, format, String()) is a
// function of that value. Here the value is always `unscaled × 10^scale` with a bigint mantissa,
// so arithmetic is exact; binary suffixes multiply the mantissa by 2^n exactly.

/** How a quantity prints; kept from the parsed suffix, as Go's `resource.Format`. */
export enum QuantityFormat {
  /** `12e6` */
  DECIMAL_EXPONENT = 'DecimalExponent',
  /** `12Mi` (12 × 2^20) */
  BINARY_SI = 'BinarySI',
  /** `12M` (12 × 10^6) */
  DECIMAL_SI = 'DecimalSI',
}

/** Upstream error texts (quantity.go ErrFormatWrong / ErrNumeric / ErrSuffix). */
const SPLIT_RE_STRING = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE_STRING}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/**
 * Thrown by `parseQuantity`; names the input, upstream's reason and, when known, the field
 * (`invalid quantity "1Mb" at spec.containers[0].resources.requests[memory]: …`).
 */
export class InvalidQuantityError extends Error {
  constructor(
    public readonly input: string,
    public readonly reason: string,
    /** Where the quantity was read, e.g. `spec.containers[0].resources.requests[cpu]`. */
    public readonly field?: string,
  ) {
    super(`invalid quantity ${JSON.stringify(input)}${field ? ` at ${field}` : ''}: ${reason}`);
    this.name = 'InvalidQuantityError';
  }
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const NANO = -9;
const MILLI = -3;
/** math.go maxInt64Factors: the most decimal digits an int64 holds. */
const MAX_INT64_FACTORS = 19;
const SUFFIX_CHARS = 'eEinumkKMGTP';

const POW10_CACHE: bigint[] = [];
function pow10(n: number): bigint {
  if (n < 64) {
    return (POW10_CACHE[n] ??= 10n ** BigInt(n));
  }
  return 10n ** BigInt(n);
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function digitCount(x: bigint): number {
  return x === 0n ? 0 : abs(x).toString().length;
}

function clampInt64(x: bigint): bigint {
  return x > INT64_MAX ? INT64_MAX : x < INT64_MIN ? INT64_MIN : x;
}

/** Divides by 10^n rounding away from zero (math.go negativeScaleInt64 / inf.RoundUp). */
function divPow10AwayFromZero(x: bigint, n: number): { result: bigint; exact: boolean } {
  if (n <= 0) return { result: x * pow10(-n), exact: true };
  if (n > digitCount(x) + 1) {
    // |x| < 10^n: only the rounding unit is left.
    return { result: x === 0n ? 0n : x > 0n ? 1n : -1n, exact: x === 0n };
  }
  const d = pow10(n);
  const q = x / d; // truncates toward zero
  const r = x % d;
  if (r === 0n) return { result: q, exact: true };
  return { result: x > 0n ? q + 1n : q - 1n, exact: false };
}

/** suffix.go: decimal suffix by base-10 exponent, for printing DecimalSI. */
const DECIMAL_SUFFIX_BY_EXPONENT = new Map<number, string>([
  [-9, 'n'], [-6, 'u'], [-3, 'm'], [0, ''], [3, 'k'], [6, 'M'], [9, 'G'], [12, 'T'], [15, 'P'], [18, 'E'],
]);
const DECIMAL_EXPONENT_BY_SUFFIX = new Map<string, number>(
  [...DECIMAL_SUFFIX_BY_EXPONENT].map(([e, s]) => [s, e]),
);
/** suffix.go: binary suffixes by power of two. */
const BINARY_SUFFIX_BY_EXPONENT = new Map<number, string>([
  [10, 'Ki'], [20, 'Mi'], [30, 'Gi'], [40, 'Ti'], [50, 'Pi'], [60, 'Ei'],
]);
const BINARY_EXPONENT_BY_SUFFIX = new Map<string, number>(
  [...BINARY_SUFFIX_BY_EXPONENT].map(([e, s]) => [s, e]),
);

interface InterpretedSuffix {
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

/** suffix.go suffixHandler.interpret. */
function interpretSuffix(s: string): InterpretedSuffix | undefined {
  const dec = DECIMAL_EXPONENT_BY_SUFFIX.get(s);
  if (dec !== undefined) return { base: 10, exponent: dec, format: QuantityFormat.DECIMAL_SI };
  const bin = BINARY_EXPONENT_BY_SUFFIX.get(s);
  if (bin !== undefined) return { base: 2, exponent: bin, format: QuantityFormat.BINARY_SI };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    // strconv.ParseInt(s[1:], 10, 64): optional sign, then at least one ASCII digit.
    if (!/^[+-]?[0-9]+$/.test(s.slice(1))) return undefined;
    const parsed = BigInt(s.slice(1));
    if (parsed > 9223372036854775807n || parsed < -9223372036854775808n) return undefined; // ParseInt range error
    // `return 10, int32(parsed), DecimalExponent, true`: Go truncates to int32, so 1.27 reads
    // `1e4294967297` as `1e1` (test/kubernetes/quantity.test.ts pins it).
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: QuantityFormat.DECIMAL_EXPONENT };
  }
  return undefined;
}

export interface ScannedQuantity {
  readonly positive: boolean;
  readonly value: string;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * quantity.go parseQuantityString: a fast scanner, ported branch for branch; `undefined` where
 * upstream returns ErrFormatWrong.
 * @internal exported for the ported TestParseQuantityString table
 */
export function parseQuantityString(str: string): ScannedQuantity | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;

  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }

  // strip leading zeros
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] !== '0') break;
    pos++;
  }

  // extract the numerator
  let num = '';
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str.slice(0, end), num: str.slice(pos, end), denom: '', suffix: '' };
    if (!isDigit(str[i])) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num.length === 0) num = '0';

  // handle a denominator
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str.slice(0, end), num, denom: str.slice(pos, end), suffix: '' };
      if (!isDigit(str[i])) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);

  // grab the elements of the suffix
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!SUFFIX_CHARS.includes(str[i])) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!isDigit(str[i])) break;
  }
  // a non-digit after the exponent sign: not a valid exponent
  return undefined;
}

/**
 * A Kubernetes resource quantity (`500m`, `1Gi`, `2`), exact and immutable.
 * Mirrors Go's `resource.Quantity`: same parsing, rounding, comparison and canonical printing.
 */
export class Quantity {
  /** Zero, DecimalSI — what `resource.Quantity{}` behaves like when added to. */
  public static readonly ZERO = new Quantity(0n, 0, QuantityFormat.DECIMAL_SI);

  /** Go's NewMilliQuantity: `milli / 1000`. */
  public static fromMilli(milli: bigint, format: QuantityFormat = QuantityFormat.DECIMAL_SI): Quantity {
    return new Quantity(milli, MILLI, format);
  }

  /** Go's NewQuantity: a whole number of units. */
  public static fromValue(value: bigint, format: QuantityFormat = QuantityFormat.DECIMAL_SI): Quantity {
    return new Quantity(value, 0, format);
  }

  /** Go's NewScaledQuantity (with a format): `unscaled × 10^scale`. */
  public static fromScaled(unscaled: bigint, scale: number, format: QuantityFormat = QuantityFormat.DECIMAL_SI): Quantity {
    return new Quantity(unscaled, scale, format);
  }

  private constructor(
    /** value = unscaled × 10^scale */
    private readonly unscaled: bigint,
    private readonly scale: number,
    public readonly format: QuantityFormat,
    /** Go caches the input string when it is already canonical-looking (quantity.go `s`). */
    private cached?: string,
  ) {}

  /** @internal used by parseQuantity */
  public static _create(unscaled: bigint, scale: number, format: QuantityFormat, cached?: string): Quantity {
    return new Quantity(unscaled, scale, format, cached);
  }

  public isZero(): boolean {
    return this.unscaled === 0n;
  }

  public sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled > 0n ? 1 : -1;
  }

  /** Go's Cmp: -1, 0 or 1. */
  public cmp(y: Quantity): -1 | 0 | 1 {
    const xs = this.sign();
    const ys = y.sign();
    if (xs !== ys) return xs > ys ? 1 : -1;
    if (xs === 0) return 0;
    // Settle by magnitude before aligning scales, so `1e2000000` vs `1m` stays cheap (amount.go cmpDec).
    const xMag = digitCount(this.unscaled) + this.scale;
    const yMag = digitCount(y.unscaled) + y.scale;
    if (xMag !== yMag) return (xMag > yMag ? xs : -xs) as -1 | 1;
    const [a, b] = align(this, y);
    return a === b ? 0 : a > b ? 1 : -1;
  }

  /** Go's Add; the result keeps this format, or takes y's when this is zero. */
  public add(y: Quantity): Quantity {
    const format = this.isZero() ? y.format : this.format;
    if (y.isZero()) return new Quantity(this.unscaled, this.scale, format);
    if (this.isZero()) return new Quantity(y.unscaled, y.scale, format);
    const [a, b, scale] = align(this, y);
    return new Quantity(a + b, scale, format);
  }

  /** Go's Sub; the result keeps this format, or takes y's when this is zero. */
  public sub(y: Quantity): Quantity {
    return this.add(y.neg());
  }

  /** Go's Neg. */
  public neg(): Quantity {
    return new Quantity(-this.unscaled, this.scale, this.format);
  }

  /** The larger of the two (this one on ties), as component-helpers maxResourceList keeps it. */
  public max(y: Quantity): Quantity {
    return y.cmp(this) > 0 ? y : this;
  }

  /**
   * Go's ScaledValue: ceil(q / 10^scale), rounding away from zero, saturated to the int64 range
   * (Go returns an int64; the newest upstream saturates instead of wrapping).
   */
  public scaledValue(scale: number): bigint {
    if (this.unscaled === 0n) return 0n;
    const shift = this.scale - scale;
    if (shift >= 0) {
      if (digitCount(this.unscaled) + shift > MAX_INT64_FACTORS + 1) {
        return this.unscaled > 0n ? INT64_MAX : INT64_MIN;
      }
      return clampInt64(this.unscaled * pow10(shift));
    }
    return clampInt64(divPow10AwayFromZero(this.unscaled, -shift).result);
  }

  /** Go's Value(): whole units, rounded away from zero (`1500m` → 2). */
  public value(): bigint {
    return this.scaledValue(0);
  }

  /** Go's MilliValue(): thousandths, rounded away from zero (`1n` → 1). */
  public milliValue(): bigint {
    return this.scaledValue(MILLI);
  }

  /**
   * Go's RoundUp: the value rounded away from zero to a multiple of 10^scale, and whether that
   * was exact. A value already at a finer-or-equal scale is unchanged.
   */
  public roundUp(scale: number): { quantity: Quantity; exact: boolean } {
    if (this.scale >= scale) return { quantity: this, exact: true };
    const { result, exact } = divPow10AwayFromZero(this.unscaled, scale - this.scale);
    return { quantity: new Quantity(result, scale, this.format, exact ? this.cached : undefined), exact };
  }

  /** Go's String(): the canonical form (`1500m`, `1536Mi`, `1k`, `1e3`). */
  public toString(): string {
    if (this.cached === undefined) {
      const [number, suffix] = this.canonicalize();
      this.cached = number + suffix;
    }
    return this.cached;
  }

  /** Serialises as Go's MarshalJSON does: the canonical string. */
  public toJSON(): string {
    return this.toString();
  }

  /** quantity.go CanonicalizeBytes: [number, suffix]. */
  public canonicalize(): [string, string] {
    if (this.isZero()) return ['0', ''];
    let format = this.format;
    let rounded: bigint | undefined;
    if (format === QuantityFormat.BINARY_SI) {
      if (this.cmp(Quantity.fromValue(-1024n)) > 0 && this.cmp(Quantity.fromValue(1024n)) < 0) {
        // This avoids rounding and hopefully confusion, too.
        format = QuantityFormat.DECIMAL_SI;
      } else {
        const r = this.roundUp(0);
        if (!r.exact) {
          // Don't lose precision-- show as DecimalSI
          format = QuantityFormat.DECIMAL_SI;
        } else {
          rounded = r.quantity.scaledValueExact(0);
        }
      }
    } else if (format !== QuantityFormat.DECIMAL_SI && format !== QuantityFormat.DECIMAL_EXPONENT) {
      format = QuantityFormat.DECIMAL_EXPONENT;
    }

    if (format === QuantityFormat.BINARY_SI && rounded !== undefined) {
      // amount.go AsCanonicalBase1024Bytes
      let amount = rounded;
      let times = 0;
      while (abs(amount) >= 1024n && amount % 1024n === 0n) {
        amount /= 1024n;
        times++;
      }
      // Upstream has no suffix past Ei and prints the bare number then (suffix lookup fails).
      return [amount.toString(), BINARY_SUFFIX_BY_EXPONENT.get(times * 10) ?? ''];
    }

    // amount.go AsCanonicalBytes: move factors of ten into the exponent, then lower the
    // exponent to a multiple of three.
    let amount = this.unscaled;
    let exponent = this.scale;
    while (abs(amount) >= 10n && amount % 10n === 0n) {
      amount /= 10n;
      exponent++;
    }
    while (exponent % 3 !== 0) {
      amount *= 10n;
      exponent--;
    }
    if (format === QuantityFormat.DECIMAL_EXPONENT) {
      return [amount.toString(), exponent === 0 ? '' : `e${exponent}`];
    }
    // DecimalSI: upstream has no suffix beyond E (10^18) or below n and then prints no suffix.
    return [amount.toString(), DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? ''];
  }

  /** The value as an approximate JS number (for percentages in reports; never for fit decisions). */
  public toNumber(): number {
    return Number(this.unscaled) * 10 ** this.scale;
  }

  /** Exact integer value at `scale`; only for values known to be multiples of 10^scale. */
  private scaledValueExact(scale: number): bigint {
    const shift = this.scale - scale;
    return shift >= 0 ? this.unscaled * pow10(shift) : this.unscaled / pow10(-shift);
  }

  /** @internal mantissa and exponent, for tests and fast paths. */
  public _parts(): { unscaled: bigint; scale: number } {
    return { unscaled: this.unscaled, scale: this.scale };
  }
}

/** Both mantissas at the smaller scale. */
function align(x: Quantity, y: Quantity): [bigint, bigint, number] {
  const a = x._parts();
  const b = y._parts();
  if (a.scale === b.scale) return [a.unscaled, b.unscaled, a.scale];
  if (a.scale > b.scale) return [a.unscaled * pow10(a.scale - b.scale), b.unscaled, b.scale];
  return [a.unscaled, b.unscaled * pow10(b.scale - a.scale), a.scale];
}

/** quantity.go ParseQuantity, without the cache. */
function parseUncached(str: string): Quantity {
  const fail = (reason: string): never => {
    throw new InvalidQuantityError(str, reason);
  };
  if (str.length === 0) return fail(ERR_FORMAT_WRONG);
  if (str === '0') return Quantity._create(0n, 0, QuantityFormat.DECIMAL_SI, str);

  const scanned = parseQuantityString(str) ?? fail(ERR_FORMAT_WRONG);
  const { positive, value, num, denom } = scanned;
  const { base, exponent, format: parsedFormat } = interpretSuffix(scanned.suffix) ?? fail(ERR_SUFFIX);
  let format = parsedFormat;

  // Fast path: the number fits an int64 mantissa (same conditions as upstream, because they
  // decide whether the input string is kept as the printed form).
  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (format === QuantityFormat.BINARY_SI) {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      // Go: int32(float32(exponent)*3/10); exponents are multiples of 10 so this is exact.
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  }

  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = num + denom;
      const parsed = BigInt(shifted);
      // strconv.ParseInt(shifted, 10, 64) fails past int64: upstream reports ErrNumeric.
      if (parsed > INT64_MAX) return fail(ERR_NUMERIC);
      const product = parsed * mantissa;
      if (product <= INT64_MAX) {
        const result = positive ? product : -product;
        // if the number is in canonical form, reuse the string
        let keep = false;
        if (format === QuantityFormat.BINARY_SI) {
          keep = exponent % 10 === 0 && (parsed & 7n) !== 0n;
        } else {
          keep = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        }
        return Quantity._create(result, scale, format, keep ? str : undefined);
      }
    }
  }

  // Slow path: exact decimal (inf.Dec in Go).
  if (!/[0-9]/.test(value)) return fail(ERR_NUMERIC);
  let unscaled = BigInt(num + denom);
  let amountScale = -denom.length;
  if (base === 10) {
    amountScale += exponent;
  } else {
    unscaled *= 1n << BigInt(exponent);
  }

  // This rounds non-zero values up to the minimum representable value (1n), under the
  // theory that if you want some resources, you should get some resources.
  if (unscaled !== 0n && amountScale < NANO) {
    unscaled = divPow10AwayFromZero(unscaled, NANO - amountScale).result;
    amountScale = NANO;
  }

  // The max is just a simple cap (BinarySI only, as upstream).
  let amount = Quantity._create(unscaled, amountScale, format);
  const maxAllowed = Quantity.fromValue(INT64_MAX);
  if (format === QuantityFormat.BINARY_SI && amount.cmp(maxAllowed) > 0) {
    amount = Quantity._create(INT64_MAX, 0, format);
  }
  if (format === QuantityFormat.BINARY_SI && amount.cmp(Quantity.fromValue(1n)) < 0 && amount.sign() > 0) {
    // This avoids rounding and hopefully confusion, too.
    format = QuantityFormat.DECIMAL_SI;
  }
  const parts = amount._parts();
  return Quantity._create(positive ? parts.unscaled : -parts.unscaled, parts.scale, format);
}

const PARSE_CACHE = new Map<string, Quantity>();
const PARSE_CACHE_LIMIT = 10_000;

/**
 * Parses a Kubernetes quantity exactly as apimachinery's `ParseQuantity` does.
 * Throws `InvalidQuantityError` (`invalid quantity "1Mb": …`) on invalid input.
 */
export function parseQuantity(s: string): Quantity {
  if (typeof s !== 'string') {
    throw new InvalidQuantityError(String(s), `expected a string, got ${typeof s}`);
  }
  const hit = PARSE_CACHE.get(s);
  if (hit !== undefined) return hit;
  const q = parseUncached(s);
  if (PARSE_CACHE.size >= PARSE_CACHE_LIMIT) PARSE_CACHE.clear();
  PARSE_CACHE.set(s, q);
  return q;
}

/**
 * Parses a quantity as written in a manifest: a string, or a YAML/JSON number (`cpu: 2`), which
 * is read from its decimal string form as the API server reads the JSON number, or `null` (YAML
 * `~` or an empty value), which Quantity.UnmarshalJSON reads as zero
 * (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go: `null` leaves the zero
 * Quantity, stored and served as "0"). `field` names where it was read, for the error message.
 */
export function quantityOf(q: string | number | null, field?: string): Quantity {
  try {
    if (q === null) return parseQuantity('0');
    if (typeof q === 'number') {
      if (!Number.isFinite(q)) throw new InvalidQuantityError(String(q), ERR_FORMAT_WRONG);
      return parseQuantity(String(q));
    }
    return parseQuantity(q);
  } catch (e) {
    if (field !== undefined && e instanceof InvalidQuantityError && e.field === undefined) {
      throw new InvalidQuantityError(e.input, e.reason, field);
    }
    throw e;
  }
}

/** Milli-units of a manifest quantity (`"250m"` → 250n, `2` → 2000n), rounded up like MilliValue(). */
export function toMilli(q: string | number | null): bigint {
  return quantityOf(q).milliValue();
}

/** Whole units of a manifest quantity (`"1Ki"` → 1024n), rounded up like Value(). */
export function toValue(q: string | number | null): bigint {
  return quantityOf(q).value();
}
