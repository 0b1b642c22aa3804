// Durations as the props that take them need them: cdk8s' own errors (`'1500 millis' cannot
// be converted into a whole number of seconds`, thrown at synth without a construct path)
// caught at our prop and said in our format (path, prop, value, fix).
import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { goDurationString, MAX_GO_DURATION_NANOS } from '../../kubernetes/go-duration';
import { propError } from './errors';

/** Go's math.MaxInt64: the largest value of an int64 `…Seconds` field (activeDeadlineSeconds, terminationGracePeriodSeconds). */
const MAX_INT64 = 9223372036854775807n;

/**
 * How cdk8s states a Duration in messages ("90 seconds"); a NaN amount, whose
 * toHumanString() is "", as its amount and unit ("NaN seconds").
 */
function durationText(value: Duration): string {
  const { amount, unit } = value as unknown as { amount: number; unit: { label: string } };
  return Number.isFinite(amount) ? value.toHumanString() : `${amount} ${unit.label}`;
}

/**
 * The duration in milliseconds, for every prop that reads one: a Duration of NaN or Infinity
 * (`Duration.seconds(NaN)`), or finer than a millisecond (`Duration.millis(1.5)`), is the
 * prop's error (path, prop, value, fix), never cdk8s' `'NaN seconds' cannot be converted into
 * a whole number of millis.`, which names neither construct nor prop.
 * @throws the project's prop error when it is not a Duration, not finite or not whole milliseconds
 */
export function durationMillis(scope: IConstruct, prop: string, value: unknown, fix: string): number {
  if (!(value instanceof Duration)) {
    throw propError(scope, prop, 'must be a Duration', value, fix);
  }
  const { amount } = value as unknown as { amount: number };
  if (!Number.isFinite(amount)) {
    throw propError(scope, prop, 'must be a finite duration', durationText(value), fix);
  }
  try {
    return value.toMilliseconds();
  } catch {
    throw propError(scope, prop, 'must be a whole number of milliseconds', durationText(value), fix);
  }
}

/**
 * The duration in whole seconds, as every Kubernetes `…Seconds` field takes it (an int64 at
 * most; int32 fields check their own bound after).
 * @throws the project's prop error when it is not a Duration, not whole seconds or past an int64
 */
export function wholeSeconds(scope: IConstruct, prop: string, value: Duration, fix: string): number {
  const millis = durationMillis(scope, prop, value, `${fix}, e.g. Duration.seconds(30)`);
  if (millis / 1000 >= 2 ** 63) {
    // Past int64 (1e20 seconds is also no longer whole milliseconds in a double): the bound, not "whole seconds".
    throw propError(scope, prop, `must be at most ${MAX_INT64} seconds (an int64)`, value.toHumanString(), `${fix}, e.g. Duration.seconds(30)`);
  }
  if (millis % 1000 !== 0) {
    throw propError(scope, prop, 'must be a whole number of seconds', value.toHumanString(), `${fix}, e.g. Duration.seconds(${Math.max(1, Math.round(millis / 1000))})`);
  }
  return value.toSeconds();
}

/**
 * `refreshInterval` as External Secrets Operator takes it: a metav1.Duration (Go
 * time.ParseDuration; 0 means no periodic refresh, sub-second values are valid), written as
 * time.Duration.String() writes it, which is also how the CRD states its default (`1h0m0s`).
 * A cdk8s Duration is a whole number of milliseconds ≥ 0; only one past Go's int64 nanoseconds
 * (about 292 years) cannot be a Go duration.
 */
export function refreshIntervalString(scope: IConstruct, prop: string, value: unknown): string {
  const millis = durationMillis(scope, prop, value, 'use e.g. Duration.hours(1), or Duration.seconds(0) to disable periodic refresh');
  const nanos = BigInt(millis) * 1_000_000n;
  if (nanos > MAX_GO_DURATION_NANOS) {
    throw propError(scope, prop, 'must be at most 2562047h47m16.854775807s (a Go duration is int64 nanoseconds)', (value as Duration).toHumanString(), 'use e.g. Duration.hours(1)');
  }
  return goDurationString(nanos);
}
