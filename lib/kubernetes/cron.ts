// Ports the CronJob `spec.schedule` check of Kubernetes 1.27: validateScheduleFormat in
// pkg/apis/batch/validation/validation.go, which parses the schedule with robfig/cron/v3
// v3.0.1 `ParseStandard` (parser.go: Parse, normalizeFields, getField, getRange, parseIntOrName,
// mustParseInt, parseDescriptor; spec.go: the field bounds), Go's strconv.Atoi for numbers and
// time.ParseDuration for `@every`. Each problem keeps the upstream error text (`upstream`) and
// adds the project's sentence and fix, so the API server's verdict is known at synth time.
import { loadLocation as goLoadLocation } from './time-zone';

/** One reason Kubernetes 1.27 rejects a schedule. */
export interface ScheduleProblem {
  /** The detail the API server would report (robfig's `err.Error()`, or validation.go's text). */
  readonly upstream: string;
  /** Our sentence, to follow `schedule `: `minute field "61" is out of range 0-59`. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

interface Bounds {
  readonly field: string;
  readonly min: number;
  readonly max: number;
  readonly names?: { readonly [name: string]: number };
  readonly namesHint?: string;
}

// spec.go: the bounds of each field (day-of-week is 0-6: robfig rejects 7).
const MINUTES: Bounds = { field: 'minute', min: 0, max: 59 };
const HOURS: Bounds = { field: 'hour', min: 0, max: 23 };
const DOM: Bounds = { field: 'day-of-month', min: 1, max: 31 };
const MONTHS: Bounds = {
  field: 'month', min: 1, max: 12, namesHint: 'JAN-DEC',
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = {
  field: 'day-of-week', min: 0, max: 6, namesHint: 'SUN-SAT',
  names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 },
};

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const EXAMPLE_FIX = 'use e.g. Cron.schedule({ minute: \'0\', hour: \'3\' })';
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

class CronError extends Error {
  constructor(public readonly detail: ScheduleProblem) {
    super(detail.upstream);
  }
}

const fail = (upstream: string, problem: string, fix: string): never => {
  throw new CronError({ upstream, problem, fix });
};

/**
 * validation.go validateScheduleFormat (1.27) plus the `Required` check before it: the first
 * problem the API server reports for `schedule` with `timeZone`, or undefined when it accepts it.
 */
export function validateSchedule(schedule: string, timeZone: string | undefined): ScheduleProblem | undefined {
  if (schedule.length === 0) {
    return { upstream: 'Required value', problem: 'must be a cron expression', fix: EXAMPLE_FIX };
  }
  const parsed = parseStandard(schedule);
  if (parsed) {
    return parsed;
  }
  if (schedule.includes('TZ') && timeZone !== undefined) {
    return {
      upstream: 'cannot use both timeZone field and TZ or CRON_TZ in schedule',
      problem: 'must not contain TZ or CRON_TZ when timeZone is set',
      fix: 'remove the TZ= prefix from the schedule and keep timeZone',
    };
  }
  return undefined;
}

/** robfig/cron/v3 ParseStandard: undefined when the spec parses, else why not. */
export function parseStandard(spec: string): ScheduleProblem | undefined {
  try {
    parse(spec);
    return undefined;
  } catch (e) {
    if (e instanceof CronError) {
      return e.detail;
    }
    throw e;
  }
}

/** What a schedule fires on: robfig's SpecSchedule bits, or ConstantDelaySchedule (`@every`). */
type Parsed =
  | { readonly every: bigint }
  | { readonly fields: ReadonlyArray<ReadonlySet<number>>; readonly domStar: boolean; readonly dowStar: boolean };

// parser.go parseDescriptor: the standard descriptors as the fields they set.
const DESCRIPTOR_SPECS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

/** parser.go Parse with the standard options (Minute | Hour | Dom | Month | Dow | Descriptor). */
function parse(input: string): Parsed {
  let spec = input;
  if (spec.length === 0) {
    fail('empty spec string', 'must be a cron expression', EXAMPLE_FIX);
  }
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    if (i === -1) {
      // Upstream slices spec[eq+1:-1] and panics; the API server answers 500.
      fail('runtime error: slice bounds out of range', `has the time zone prefix "${spec}" and no fields after it`,
        'remove the prefix and set timeZone instead');
    }
    const name = spec.slice(eq + 1, i);
    const problem = loadLocation(name);
    if (problem) {
      fail(`provided bad location ${name}: ${problem}`, `names the unknown time zone "${name}"`,
        'remove the prefix and set timeZone to an IANA name, e.g. "Europe/Berlin"');
    }
    spec = spec.slice(i).trim();
  }
  if (spec.startsWith('@')) {
    parseDescriptor(spec);
    const standard = DESCRIPTOR_SPECS[spec];
    if (standard !== undefined) return parse(standard);
    // ConstantDelaySchedule (constantdelay.go Every): whole seconds, at least one.
    const nanos = durationNanos(spec.slice('@every '.length)) as bigint;
    const seconds = nanos / 1_000_000_000n;
    return { every: seconds < 1n ? 1n : seconds };
  }
  const fields = spec.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) {
    fail(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`, 'must be a cron expression with 5 fields', EXAMPLE_FIX);
  }
  const sets = [MINUTES, HOURS, DOM, MONTHS, DOW].map((bounds, n) => getField(fields[n], bounds));
  return { fields: sets.map((f) => f.values), domStar: sets[2].star, dowStar: sets[4].star };
}

/** parser.go getField: a comma-separated list of ranges (empty items are skipped, as FieldsFunc does). */
function getField(field: string, r: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(',').filter((e) => e.length > 0)) {
    const range = getRange(expr, r);
    for (let v = range.start; v <= range.end; v += range.step) values.add(Number(v));
    star = star || range.star;
  }
  return { values, star };
}

/** parser.go getRange: `number | number "-" number [ "/" number ]`, `*` and `?` for the whole range. */
function getRange(expr: string, r: Bounds): { start: bigint; end: bigint; step: bigint; star: boolean } {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  const where = `${r.field} field "${expr}"`;
  let start: bigint;
  let end: bigint;
  let step: bigint;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = BigInt(r.min);
    end = BigInt(r.max);
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r, where, expr);
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      end = parseIntOrName(lowAndHigh[1], r, where, expr);
    } else {
      return fail(`too many hyphens: ${expr}`, `${where} has more than one "-"`, 'write a range as a-b, e.g. "1-5"');
    }
  }
  if (rangeAndStep.length === 1) {
    step = 1n;
  } else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1], r, where, expr);
    // Special handling: "N/step" means "N-max/step".
    if (singleDigit) {
      end = BigInt(r.max);
    }
    if (step > 1n) {
      star = false; // the starBit only marks an unstepped `*`
    }
  } else {
    return fail(`too many slashes: ${expr}`, `${where} has more than one "/"`, 'write a step as */n or a-b/n, e.g. "*/15"');
  }
  const outOfRange = `${where} is out of range ${r.min}-${r.max}`;
  if (start < BigInt(r.min)) {
    fail(`beginning of range (${start}) below minimum (${r.min}): ${expr}`, outOfRange, rangeFix(r));
  }
  if (end > BigInt(r.max)) {
    fail(`end of range (${end}) above maximum (${r.max}): ${expr}`, outOfRange, rangeFix(r));
  }
  if (start > end) {
    fail(`beginning of range (${start}) beyond end of range (${end}): ${expr}`, `${where} starts after it ends`,
      'put the smaller value first: ranges do not wrap around');
  }
  if (step === 0n) {
    fail(`step of range should be a positive number: ${expr}`, `${where} has step 0`, 'use a step of 1 or more, e.g. "*/15"');
  }
  return { start, end, step, star };
}

function rangeFix(r: Bounds): string {
  return `use a value from ${r.min} to ${r.max}${r.namesHint ? ` or ${r.namesHint}` : ''}`;
}

/** parser.go parseIntOrName: a (case-insensitive) month or weekday name, else a number. */
function parseIntOrName(expr: string, r: Bounds, where: string, range: string): bigint {
  const named = r.names?.[expr.toLowerCase()];
  if (named !== undefined && Object.prototype.hasOwnProperty.call(r.names, expr.toLowerCase())) {
    return BigInt(named);
  }
  return mustParseInt(expr, r, where, range);
}

/** parser.go mustParseInt: strconv.Atoi, then no negatives. */
function mustParseInt(expr: string, r: Bounds, where: string, range: string): bigint {
  const parsed = atoi(expr);
  if (typeof parsed === 'string') {
    const problem = expr === range ? `${where} is not a number` : `${where} has ${JSON.stringify(expr)}, which is not a number`;
    fail(`failed to parse int from ${expr}: ${parsed}`, problem, rangeFix(r));
  }
  const num = parsed as bigint;
  if (num < 0n) {
    fail(`negative number (${num}) not allowed: ${expr}`, `${where} has the negative number ${num}`, 'use a step of 1 or more, e.g. "*/15"');
  }
  return num;
}

/** Go strconv.Atoi (base 10, int64): the value, or the error text. */
function atoi(s: string): bigint | string {
  const syntax = `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  const range = `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`;
  let digits = s;
  let negative = false;
  if (digits[0] === '+' || digits[0] === '-') {
    negative = digits[0] === '-';
    digits = digits.slice(1);
  }
  if (digits.length === 0) {
    return syntax;
  }
  let n = 0n;
  for (const c of digits) {
    if (c < '0' || c > '9') {
      return syntax;
    }
    n = n * 10n + BigInt(c.charCodeAt(0) - 48);
    if (n > UINT64_MAX) {
      return range; // ParseUint stops at the first overflow, before later syntax errors
    }
  }
  if (negative ? n > INT64_MAX + 1n : n > INT64_MAX) {
    return range;
  }
  return negative ? -n : n;
}

/** parser.go parseDescriptor. */
function parseDescriptor(descriptor: string): void {
  if (DESCRIPTORS.has(descriptor)) {
    return;
  }
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    const duration = descriptor.slice(every.length);
    const problem = parseDuration(duration);
    if (problem) {
      fail(`failed to parse duration ${descriptor}: ${problem}`, `has the @every duration ${JSON.stringify(duration)}, which is not a Go duration`,
        'use units h, m, s, ms, us or ns, e.g. "@every 1h30m"');
    }
    return;
  }
  fail(`unrecognized descriptor: ${descriptor}`, `has the unknown descriptor ${JSON.stringify(descriptor)}`,
    'use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>');
}

const UNITS: { readonly [unit: string]: bigint } = {
  'ns': 1n, 'us': 1_000n, '\u00b5s': 1_000n, '\u03bcs': 1_000n, 'ms': 1_000_000n,
  's': 1_000_000_000n, 'm': 60_000_000_000n, 'h': 3_600_000_000_000n,
};

/** Go time.ParseDuration (Go 1.20): undefined when valid, else the error text. */
export function parseDuration(orig: string): string | undefined {
  const d = durationNanos(orig);
  return typeof d === 'string' ? d : undefined;
}

/** Go time.ParseDuration (Go 1.20): the duration in nanoseconds, else the error text. */
function durationNanos(orig: string): bigint | string {
  const invalid = `time: invalid duration ${JSON.stringify(orig)}`;
  const limit = 1n << 63n;
  let s = orig;
  let d = 0n;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') {
    return 0n;
  }
  if (s === '') {
    return invalid;
  }
  const isDigit = (c: string) => c >= '0' && c <= '9';
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) {
      return invalid;
    }
    // leadingInt
    let i = 0;
    let v = 0n;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > limit / 10n) {
        return invalid;
      }
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > limit) {
        return invalid;
      }
    }
    const pre = i > 0;
    s = s.slice(i);
    // leadingFraction
    let post = false;
    let f = 0n;
    let scale = 1;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let overflow = false;
      let fi = 0;
      for (; fi < s.length && isDigit(s[fi]); fi++) {
        if (overflow) {
          continue;
        }
        if (f > (limit - 1n) / 10n) {
          overflow = true; // keep consuming digits, ignore their value
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(fi) - 48);
        if (y > limit) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = fi > 0;
      s = s.slice(fi);
    }
    if (!pre && !post) {
      return invalid;
    }
    let u = 0;
    for (; u < s.length && !(s[u] === '.' || isDigit(s[u])); u++);
    if (u === 0) {
      return `time: missing unit in duration ${JSON.stringify(orig)}`;
    }
    const name = s.slice(0, u);
    s = s.slice(u);
    const unit = UNITS[name];
    if (unit === undefined || !Object.prototype.hasOwnProperty.call(UNITS, name)) {
      return `time: unknown unit ${JSON.stringify(name)} in duration ${JSON.stringify(orig)}`;
    }
    if (v > limit / unit) {
      return invalid;
    }
    v *= unit;
    if (f > 0n) {
      // float64 like upstream: nanosecond accurate for fractions of hours
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > limit) {
        return invalid;
      }
    }
    d += v;
    if (d > limit) {
      return invalid;
    }
  }
  if (!neg && d > limit - 1n) {
    return invalid;
  }
  return neg ? -d : d;
}

/** Go time.LoadLocation against the tz database: the one port, in guardrails/upstream/time-zone. */
const loadLocation = goLoadLocation;

const DAY_MINUTES = 24 * 60;

/**
 * The shortest time in seconds between two consecutive runs of a valid schedule, as robfig/cron/v3
 * SpecSchedule.Next fires it (spec.go: day-of-month and day-of-week are ANDed when either is `*`,
 * else ORed), in UTC (a daylight-saving change can shorten one interval by the shift; not
 * modelled), or undefined when the schedule never fires. Days are walked over 28 years
 * (2001–2028: every weekday/date alignment and leap day). Throws on an invalid schedule: call
 * `validateSchedule` first.
 */
export function shortestInterval(schedule: string): number | undefined {
  const parsed = parse(schedule);
  if ('every' in parsed) return Number(parsed.every);
  const [minutes, hours, dom, months, dow] = parsed.fields;
  const times: number[] = [];
  for (const h of [...hours].sort((a, b) => a - b)) for (const m of [...minutes].sort((a, b) => a - b)) times.push(h * 60 + m);
  let best = Infinity;
  for (let i = 1; i < times.length; i++) best = Math.min(best, times[i] - times[i - 1]);
  const first = times[0];
  const last = times[times.length - 1];
  let previousDay: number | undefined;
  const start = Date.UTC(2001, 0, 1);
  const end = Date.UTC(2029, 0, 1);
  for (let t = start, day = 0; t < end; t += 86_400_000, day++) {
    const date = new Date(t);
    if (!months.has(date.getUTCMonth() + 1)) continue;
    const domMatch = dom.has(date.getUTCDate());
    const dowMatch = dow.has(date.getUTCDay());
    const fires = parsed.domStar || parsed.dowStar ? domMatch && dowMatch : domMatch || dowMatch;
    if (!fires) continue;
    if (previousDay !== undefined) best = Math.min(best, (day - previousDay) * DAY_MINUTES - last + first);
    previousDay = day;
  }
  if (previousDay === undefined) return undefined;
  return best === Infinity ? undefined : best * 60;
}
