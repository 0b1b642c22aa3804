import { createHash } from 'crypto';
import { ApiObject, Duration } from 'cdk8s';
import { Job } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { Component, ComponentProps } from './component';
import { wholeSeconds } from './private/durations';
import { checkInteger, checkKnownProps } from './private/validation';
import { MAX_INT32 } from '../kubernetes/validation';

export interface MigrationProps extends ComponentProps {
  /**
   * Retries of a failed run before the Job is marked failed (`spec.backoffLimit`, an int32 of 0
   * or more, as the API server takes it). Kept small: a migration that fails twice rarely
   * succeeds the third time, and a failed Job holds the rollout back.
   * @default 2
   */
  readonly backoffLimit?: number;
  /**
   * How long the Job may run before it is stopped and marked failed
   * (`spec.activeDeadlineSeconds`, whole seconds, 0 or more).
   * @default - no deadline
   */
  readonly activeDeadline?: Duration;
  /**
   * Delete the finished Job after this long (`spec.ttlSecondsAfterFinished`, whole seconds, 0 to
   * 2147483647). Not with `GitOps`: Argo CD and Flux would recreate the deleted Job from `dist/`
   * and run the migration again, so `GitOps` fails synth when a Migration it deploys sets it.
   * @default - the Job is kept (GitOps tools prune it once its name leaves `dist/`)
   */
  readonly ttlAfterFinished?: Duration;
}

/** The props of MigrationProps beyond ComponentProps (the type keeps the list complete). */
const MIGRATION_PROPS: { readonly [K in Exclude<keyof MigrationProps, keyof ComponentProps>]-?: true } = {
  backoffLimit: true,
  activeDeadline: true,
  ttlAfterFinished: true,
};

/**
 * A one-off task that runs to completion before the new version of the app's other components
 * rolls out (a database migration): a `batch/v1` Job whose pods get the secure defaults of every
 * component and `restartPolicy: Never`.
 *
 * The Job is named `<app>-<component>-<hash>`, the hash being the first 10 hex digits of the
 * SHA-256 of its pod template: a Job's template is immutable, so a new image, version, command,
 * env or config gives a new Job (which runs), and an unchanged one keeps its name (and does not
 * run again). With `GitOps` and Argo CD the Job is in sync wave -1: after the Namespace, and
 * applied after the ConfigMaps, Secrets and ServiceAccounts of that wave (Argo CD orders a wave
 * by kind), before the workloads of wave 0, which Argo CD applies only once the Job has completed.
 */
export class Migration extends Component {
  /** Retries of a failed run (default 2). */
  public readonly backoffLimit: number;
  public readonly activeDeadline?: Duration;
  public readonly ttlAfterFinished?: Duration;
  /** The cdk8s-plus Job. Its `name` is the base name: the written name adds the hash (see `jobName`). */
  public readonly job: Job;
  private readonly baseName: string;

  constructor(scope: Construct, id: string, props: MigrationProps) {
    // The Job controller labels its pods `job-name: <Job name>` (a label value: at most 63
    // characters), and the name gets `-` and a 10-digit hash: 52 characters are left.
    super(scope, id, props, { kind: 'Migration', overrides: ['resources'], maxNameLength: 52 });
    if (new.target === Migration) checkKnownProps(this, 'Migration', props, MIGRATION_PROPS);
    this.baseName = this.resourceName;
    this.backoffLimit = props.backoffLimit ?? 2;
    // batch/validation validateJobSpec: backoffLimit, activeDeadlineSeconds and
    // ttlSecondsAfterFinished are ValidateNonnegativeField; backoffLimit and the TTL are int32,
    // activeDeadlineSeconds int64 (pkg/apis/batch/types.go).
    checkInteger(this, 'backoffLimit', this.backoffLimit, 0, MAX_INT32, 'use 0 or more retries, e.g. 2');
    if (props.activeDeadline !== undefined) {
      wholeSeconds(this, 'activeDeadline', props.activeDeadline, 'use whole seconds');
      this.activeDeadline = props.activeDeadline;
    }
    if (props.ttlAfterFinished !== undefined) {
      const ttl = wholeSeconds(this, 'ttlAfterFinished', props.ttlAfterFinished, 'use whole seconds');
      checkInteger(this, 'ttlAfterFinished', ttl, 0, MAX_INT32, 'use at most 2147483647 seconds (about 68 years), or leave it out to keep the Job');
      this.ttlAfterFinished = props.ttlAfterFinished;
    }

    this.job = new Job(this, 'Job', {
      ...this.workloadProps(),
      backoffLimit: this.backoffLimit,
      activeDeadline: this.activeDeadline,
      ttlAfterFinished: this.ttlAfterFinished,
    });
    this.configureWorkload(this.job, '/spec/template');
    const l1 = ApiObject.of(this.job);
    // The name depends on the finished template (JSON patches included), which exists only once
    // the object is resolved: the hash is added to the resolved manifest, every time it is made.
    const render = l1.toJson.bind(l1);
    l1.toJson = () => {
      const json = render();
      json.metadata.name = `${this.baseName}-${templateHash(json.spec?.template)}`;
      return json;
    };
  }

  /** The name of the Job as written: `<app>-<component>-<hash of the pod template>`. */
  public get jobName(): string {
    return ApiObject.of(this.job).toJson().metadata.name;
  }
}

/** The Migration whose Job `apiObject` is; undefined for any other object. */
export function migrationOfJob(apiObject: IConstruct): Migration | undefined {
  const owner = apiObject.node.scope?.node.scope; // the ApiObject's Job, then the Job's Migration
  return owner instanceof Migration && ApiObject.of(owner.job) === apiObject ? owner : undefined;
}

/** First 10 hex digits of the SHA-256 of the template as JSON with sorted keys: the same template, the same hash. */
function templateHash(template: unknown): string {
  return createHash('sha256').update(canonicalJson(template)).digest('hex').slice(0, 10);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const o = value as { [key: string]: unknown };
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
