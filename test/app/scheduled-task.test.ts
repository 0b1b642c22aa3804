import { Cron, Duration } from 'cdk8s';
import { ConcurrencyPolicy } from 'cdk8s-plus-27';
import { ResourcePreset, Resources, ScheduledTask, ScheduledTaskProps, SecretRef } from '../../lib/app';
import { Manifest, RESOURCES, kinds, only, podSpec, restrictedViolations, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-report:1.8.2';
const NIGHTLY = Cron.schedule({ minute: '30', hour: '2' });

function report(props: Partial<ScheduledTaskProps> = {}, overrides?: Parameters<typeof shopChart>[1]) {
  const chart = shopChart({}, overrides);
  const task = new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: NIGHTLY, ...props });
  return { chart, task, manifests: (): Manifest[] => synthValid(chart) };
}

describe('ScheduledTask', () => {
  test('nightly report: a CronJob with explicit defaults and restricted pods', () => {
    // GIVEN / WHEN
    const { manifests } = report({
      timeZone: 'Europe/Berlin',
      activeDeadline: Duration.hours(1),
      secretEnv: { DB_PASSWORD: SecretRef.of('shop-db', 'password') },
    });
    const all = manifests();

    // THEN
    expect(all).toMatchSnapshot();
    expect(kinds(all)).toEqual(['Namespace/shop', 'CronJob/shop-report']);
    const cronJob = only(all, 'CronJob');
    expect(cronJob.spec).toMatchObject({
      schedule: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 1800,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      suspend: false,
      jobTemplate: { spec: { backoffLimit: 6, activeDeadlineSeconds: 3600 } },
    });
    const spec = podSpec(cronJob);
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.topologySpreadConstraints).toBeUndefined();
    expect(spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' } });
    expect(restrictedViolations(spec)).toEqual([]);
  });

  test('concurrency, history limits, retries and suspension are set as given', () => {
    const { manifests, task } = report({
      concurrencyPolicy: ConcurrencyPolicy.REPLACE,
      startingDeadline: Duration.minutes(5),
      backoffLimit: 0,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 5,
      suspend: true,
    });
    expect(task.concurrencyPolicy).toBe(ConcurrencyPolicy.REPLACE);
    expect(only(manifests(), 'CronJob').spec).toMatchObject({
      concurrencyPolicy: 'Replace',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 5,
      suspend: true,
      jobTemplate: { spec: { backoffLimit: 0 } },
    });
  });

  test('the environment can override resources', () => {
    const { manifests } = report({}, { report: { resources: Resources.preset(ResourcePreset.LARGE) } });
    expect(podSpec(only(manifests(), 'CronJob')).containers[0].resources).toEqual({
      limits: { memory: '2048Mi' }, requests: { cpu: '2', memory: '2048Mi' },
    });
  });

  test.each<[string, Partial<ScheduledTaskProps>, string]>([
    ['a 4-field schedule', { schedule: { expressionString: '0 3 * *' } as Cron }, '[shop/report] schedule must be a cron expression with 5 fields, got "0 3 * *": use e.g. Cron.schedule({ minute: \'0\', hour: \'3\' })'],
    ['minute 61 (robfig/cron: end of range (61) above maximum (59))', { schedule: Cron.schedule({ minute: '61', hour: '3' }) }, '[shop/report] schedule minute field "61" is out of range 0-59, got "61 3 * * *": use a value from 0 to 59'],
    ['a letter as the hour', { schedule: Cron.schedule({ minute: '0', hour: 'x' }) }, '[shop/report] schedule hour field "x" is not a number, got "0 x * * *": use a value from 0 to 23'],
    ['day of week 7 (robfig/cron days run 0-6)', { schedule: Cron.schedule({ minute: '0', hour: '3', weekDay: '7' }) }, '[shop/report] schedule day-of-week field "7" is out of range 0-6, got "0 3 * * 7": use a value from 0 to 6 or SUN-SAT'],
    ['TZ= in the schedule with timeZone set', { schedule: { expressionString: 'TZ=UTC 0 3 * * *' } as Cron, timeZone: 'Europe/Berlin' }, '[shop/report] schedule must not contain TZ or CRON_TZ when timeZone is set, got "TZ=UTC 0 3 * * *": remove the TZ= prefix from the schedule and keep timeZone'],
    ['a starting deadline of 2.5 s (startingDeadlineSeconds is whole seconds)', { startingDeadline: Duration.millis(2500) }, '[shop/report] startingDeadline must be a whole number of seconds, got "2 seconds 500 millis": use whole seconds, e.g. Duration.seconds(3)'],
    ['a negative backoffLimit', { backoffLimit: -1 }, '[shop/report] backoffLimit must be an integer between 0 and 2147483647, got -1: use 0 or more retries'],
    ['a negative history limit', { failedJobsHistoryLimit: -1 }, '[shop/report] failedJobsHistoryLimit must be an integer between 0 and 2147483647, got -1: use 0 or more'],
    ['a time zone with spaces', { timeZone: 'Central European' }, '[shop/report] timeZone must be a time zone of the tz database (unknown time zone Central European), got "Central European": use e.g. "Europe/Berlin" or "UTC", with its exact case'],
    // issue 10: validateTimeZone + time.LoadLocation, not a pattern
    ['a time zone in the wrong case', { timeZone: 'europe/berlin' }, '[shop/report] timeZone must be a time zone of the tz database (unknown time zone europe/berlin), got "europe/berlin": use e.g. "Europe/Berlin" or "UTC", with its exact case'],
    ['a time zone the tz database lacks', { timeZone: 'Mars/Olympus_Mons' }, '[shop/report] timeZone must be a time zone of the tz database (unknown time zone Mars/Olympus_Mons), got "Mars/Olympus_Mons": use e.g. "Europe/Berlin" or "UTC", with its exact case'],
    ['timeZone Local', { timeZone: 'Local' }, '[shop/report] timeZone must be a time zone of the tz database (timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones), got "Local": use e.g. "Europe/Berlin" or "UTC", with its exact case'],
    ['an empty timeZone', { timeZone: '' }, '[shop/report] timeZone must be a time zone of the tz database (timeZone must be nil or non-empty string), got "": use e.g. "Europe/Berlin" or "UTC", with its exact case'],
    ['a name longer than CronJobs allow', { name: 'r'.repeat(48) }, `[shop/report] name makes the ScheduledTask object name "shop-${'r'.repeat(48)}" longer than 52 characters, got "${'r'.repeat(48)}": shorten the component or app name`],
  ])('fails on %s', (_, props, message) => {
    expect(() => report(props)).toThrow(message);
  });

  test.each([
    ['weekday names and a stepped range', Cron.schedule({ minute: '*/15', hour: '9-17/2', weekDay: 'MON-FRI' }), '*/15 9-17/2 * * MON-FRI'],
    ['a month list by name', Cron.schedule({ minute: '0', hour: '3', day: '1', month: 'jan,jul' }), '0 3 1 jan,jul *'],
    ['Cron.weekly()', Cron.weekly(), '0 0 * * 0'],
  ])('accepts what the API server accepts: %s', (_, schedule, expected) => {
    // WHEN a task is built with a schedule robfig/cron ParseStandard accepts
    // THEN it synthesizes with the schedule unchanged
    expect(only(report({ schedule }).manifests(), 'CronJob').spec.schedule).toBe(expected);
  });

  test('fails on a replicas override', () => {
    expect(() => report({}, { report: { maxReplicas: 3 } }))
      .toThrow('[production/shop/report] maxReplicas (override from environment "production") does not apply to a ScheduledTask, got 3: remove it from the environment\'s overrides for "report"');
  });
});
