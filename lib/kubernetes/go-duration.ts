// Port of Go's time.Duration.String (Go 1.20, src/time/time.go): how a metav1.Duration is
// written back by a controller (`1h0m0s`, `1m30s`, `1.5s`, `500ms`, `0s`). Writing a duration
// field in this form keeps a GitOps diff quiet when an operator re-serializes the object.
// (Parsing, time.ParseDuration, is ported in cron.ts parseDuration.)

/** The largest time.Duration (int64 nanoseconds): about 292 years. */
export const MAX_GO_DURATION_NANOS = (1n << 63n) - 1n;

/** time.Duration(nanos).String(). */
export function goDurationString(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const neg = nanos < 0n;
  const u = neg ? -nanos : nanos;
  let out: string;
  if (u < 1_000_000_000n) {
    // Less than a second: the largest of ns, µs (U+00B5, as Go writes it) and ms that fits.
    const [unit, div, digits]: [string, bigint, number] = u < 1_000n ? ['ns', 1n, 0] : u < 1_000_000n ? ['\u00b5s', 1_000n, 3] : ['ms', 1_000_000n, 6];
    out = `${u / div}${fraction(u % div, digits)}${unit}`;
  } else {
    const secs = u / 1_000_000_000n;
    out = `${secs % 60n}${fraction(u % 1_000_000_000n, 9)}s`;
    if (secs >= 60n) out = `${(secs / 60n) % 60n}m${out}`;
    if (secs >= 3600n) out = `${secs / 3600n}h${out}`;
  }
  return neg ? `-${out}` : out;
}

/** fmtFrac: `.5` for 500 of 3 digits; '' when zero (trailing zeros dropped). */
function fraction(v: bigint, digits: number): string {
  if (digits === 0 || v === 0n) return '';
  return `.${v.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
