// Durations as the props that take them need them: cdk8s' own errors (`'1500 millis' cannot
// be converted into a whole number of seconds`, thrown at synth without a construct path)
// caught at our prop and said in our format (path, prop, value, fix).
import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { goDurationString, MAX_GO_DURATION_NANOS } from '../../kubernetes/go-duration';
import { propError } from './errors';

/**
 * The duration in whole seconds, as every Kubernetes `…Seconds` field takes it.
 * @throws the project's prop error when it is not a Duration or not whole seconds
 */
export function wholeSeconds(scope: IConstruct, prop: string, value: Duration, fix: string): number {
  if (!(value instanceof Duration)) {
    throw propError(scope, prop, 'must be a Duration', value, `${fix}, e.g. Duration.seconds(30)`);
  }
  try {
    return value.toSeconds();
  } catch {
    throw propError(scope, prop, 'must be a whole number of seconds', value.toHumanString(), `${fix}, e.g. Duration.seconds(${Math.max(1, Math.round(value.toMilliseconds() / 1000))})`);
  }
}

/**
 * `refreshInterval` as External Secrets Operator takes it: a metav1.Duration (Go
 * time.ParseDuration; 0 means no periodic refresh, sub-second values are valid), written as
 * time.Duration.String() writes it, which is also how the CRD states its default (`1h0m0s`).
 * A cdk8s Duration is a whole number of milliseconds ≥ 0; only one past Go's int64 nanoseconds
 * (about 292 years) cannot be a Go duration.
 */
export function refreshIntervalString(scope: IConstruct, prop: string, value: unknown): string {
  if (!(value instanceof Duration)) {
    throw propError(scope, prop, 'must be a Duration', value, 'use e.g. Duration.hours(1), or Duration.seconds(0) to disable periodic refresh');
  }
  const nanos = BigInt(value.toMilliseconds()) * 1_000_000n;
  if (nanos > MAX_GO_DURATION_NANOS) {
    throw propError(scope, prop, 'must be at most 2562047h47m16.854775807s (a Go duration is int64 nanoseconds)', value.toHumanString(), 'use e.g. Duration.hours(1)');
  }
  return goDurationString(nanos);
}
