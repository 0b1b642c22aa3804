// Durations as the props that take them need them: cdk8s' own errors (`'1500 millis' cannot
// be converted into a whole number of seconds`, thrown at synth without a construct path)
// caught at our prop and said in our format (path, prop, value, fix).
import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
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
