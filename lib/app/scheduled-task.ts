import { ApiObject, Cron, Duration, JsonPatch } from 'cdk8s';
import { ConcurrencyPolicy, CronJob } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Component, ComponentProps } from './component';
import { validateSchedule } from '../kubernetes/cron';
import { propError } from './private/errors';
import { checkEnum, checkInteger, checkKnownProps } from './private/validation';
import { MAX_INT32 } from '../kubernetes/validation';
import { validateTimeZone } from '../kubernetes/time-zone';
import { wholeSeconds } from './private/durations';

export interface ScheduledTaskProps extends ComponentProps {
  /** When to run, e.g. `Cron.schedule({ minute: '0', hour: '3' })` (03:00 every day). */
  readonly schedule: Cron;
  /**
   * IANA time zone of the schedule, e.g. `Europe/Berlin`.
   * @default - the time zone of kube-controller-manager (UTC on most clusters)
   */
  readonly timeZone?: string;
  /**
   * What to do when a run is due while the previous one still runs.
   * @default ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /**
   * How late a run may start (e.g. after a control-plane outage) before it is skipped: whole
   * seconds, 0 or more (the API server's rule). Under 10 seconds the CronJob controller, which
   * looks every 10 seconds, may skip runs. cdk8s-plus defaults to 10 seconds, which skips runs
   * on any hiccup.
   * @default Duration.minutes(30)
   */
  readonly startingDeadline?: Duration;
  /**
   * How long one run may take before it is stopped (whole seconds, 0 or more).
   * @default - no deadline
   */
  readonly activeDeadline?: Duration;
  /**
   * Retries of a failed run.
   * @default 6
   */
  readonly backoffLimit?: number;
  /**
   * Finished successful Jobs kept for inspection.
   * @default 3
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Failed Jobs kept for inspection.
   * @default 1
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Create the CronJob suspended (no runs until resumed).
   * @default false
   */
  readonly suspend?: boolean;
}

/** The props of ScheduledTaskProps beyond ComponentProps (the type keeps the list complete). */
const SCHEDULED_TASK_PROPS: { readonly [K in Exclude<keyof ScheduledTaskProps, keyof ComponentProps>]-?: true } = {
  schedule: true,
  timeZone: true,
  concurrencyPolicy: true,
  startingDeadline: true,
  activeDeadline: true,
  backoffLimit: true,
  successfulJobsHistoryLimit: true,
  failedJobsHistoryLimit: true,
  suspend: true,
};

/** A job run on a schedule: a CronJob whose pods get the same secure defaults as every component. */
export class ScheduledTask extends Component {
  public readonly cronJob: CronJob;
  public readonly schedule: Cron;
  public readonly concurrencyPolicy: ConcurrencyPolicy;
  public readonly startingDeadline: Duration;
  public readonly backoffLimit: number;
  public readonly successfulJobsHistoryLimit: number;
  public readonly failedJobsHistoryLimit: number;

  constructor(scope: Construct, id: string, props: ScheduledTaskProps) {
    // CronJob names are limited to 52 characters: the Jobs it creates append 11.
    super(scope, id, props, { kind: 'ScheduledTask', overrides: ['resources'], maxNameLength: 52 });
    if (new.target === ScheduledTask) checkKnownProps(this, 'ScheduledTask', props, SCHEDULED_TASK_PROPS);
    this.schedule = props.schedule;
    if (typeof props.schedule?.expressionString !== 'string') {
      throw propError(this, 'schedule', 'must be a cdk8s Cron', props.schedule, cronFix(props.schedule));
    }
    // The API server's own check (robfig/cron ParseStandard), so a bad schedule fails here, not at apply.
    const scheduleProblem = validateSchedule(props.schedule.expressionString, props.timeZone);
    if (scheduleProblem) {
      throw propError(this, 'schedule', scheduleProblem.problem, props.schedule.expressionString, scheduleProblem.fix);
    }
    // The API server's validateTimeZone (tz database, exact case, not Local), not a pattern.
    const timeZoneProblem = props.timeZone === undefined ? undefined
      : typeof props.timeZone !== 'string' ? 'must be a string' : validateTimeZone(props.timeZone)[0];
    if (timeZoneProblem !== undefined) {
      throw propError(this, 'timeZone', `must be a time zone of the tz database (${timeZoneProblem})`, props.timeZone, 'use e.g. "Europe/Berlin" or "UTC", with its exact case');
    }
    checkEnum(this, 'concurrencyPolicy', props.concurrencyPolicy, ConcurrencyPolicy, 'ConcurrencyPolicy');
    this.concurrencyPolicy = props.concurrencyPolicy ?? ConcurrencyPolicy.FORBID;
    this.startingDeadline = props.startingDeadline ?? Duration.minutes(30);
    this.backoffLimit = props.backoffLimit ?? 6;
    this.successfulJobsHistoryLimit = props.successfulJobsHistoryLimit ?? 3;
    this.failedJobsHistoryLimit = props.failedJobsHistoryLimit ?? 1;
    checkInteger(this, 'backoffLimit', this.backoffLimit, 0, MAX_INT32, 'use 0 or more retries');
    checkInteger(this, 'successfulJobsHistoryLimit', this.successfulJobsHistoryLimit, 0, MAX_INT32, 'use 0 or more');
    checkInteger(this, 'failedJobsHistoryLimit', this.failedJobsHistoryLimit, 0, MAX_INT32, 'use 0 or more');
    // batch/validation validateCronJobSpec / validateJobSpec: startingDeadlineSeconds and
    // activeDeadlineSeconds are int64 and ValidateNonnegativeField; a Duration is never negative.
    const startingDeadlineSeconds = wholeSeconds(this, 'startingDeadline', this.startingDeadline, 'use whole seconds');
    if (props.activeDeadline !== undefined) {
      wholeSeconds(this, 'activeDeadline', props.activeDeadline, 'use whole seconds');
    }

    this.cronJob = new CronJob(this, 'CronJob', {
      ...this.workloadProps(),
      schedule: props.schedule,
      timeZone: props.timeZone,
      concurrencyPolicy: this.concurrencyPolicy,
      // cdk8s-plus refuses less than 10 seconds (the API server does not): patched below.
      startingDeadline: startingDeadlineSeconds < 10 ? Duration.seconds(10) : this.startingDeadline,
      activeDeadline: props.activeDeadline,
      backoffLimit: this.backoffLimit,
      successfulJobsRetained: this.successfulJobsHistoryLimit,
      failedJobsRetained: this.failedJobsHistoryLimit,
      suspend: props.suspend ?? false,
    });
    if (startingDeadlineSeconds < 10) {
      ApiObject.of(this.cronJob).addJsonPatch(JsonPatch.replace('/spec/startingDeadlineSeconds', startingDeadlineSeconds));
    }
    this.configureWorkload(this.cronJob, '/spec/jobTemplate/spec/template');
  }
}

/** How to write a schedule given as something else than a Cron: a crontab string becomes the Cron.schedule call. */
function cronFix(schedule: unknown): string {
  const fields = typeof schedule === 'string' ? schedule.trim().split(/\s+/) : [];
  if (fields.length !== 5) {
    return 'use e.g. Cron.schedule({ minute: \'0\', hour: \'3\' }) from cdk8s';
  }
  const names = ['minute', 'hour', 'day', 'month', 'weekDay'];
  const options = fields.map((f, i) => (f === '*' ? '' : `${names[i]}: '${f}'`)).filter((o) => o !== '');
  return options.length === 0 ? 'use Cron.everyMinute() from cdk8s' : `use Cron.schedule({ ${options.join(', ')} }) from cdk8s`;
}
