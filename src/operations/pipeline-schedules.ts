import { Duration, RemovalPolicy, Stack, TimeZone, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ConfigReadAccess } from './config-read-access';
import { deadLetterQueue } from './dead-letter-queue';

/** A pipeline config stored in S3, as a schedule starts the pipeline with it. */
export interface StoredConfigLocation {
  /** The bucket. When it is encrypted with a KMS key it knows (`bucket.encryptionKey`), the validator may decrypt with it. */
  readonly bucket: s3.IBucket;
  /** The object key of the config file. */
  readonly key: string;
  /**
   * One version of the object.
   *
   * @default - the latest version when the schedule fires
   */
  readonly versionId?: string;
}

/**
 * One schedule that starts the main state machine with a stored config: either `inlineConfig` or `configLocation`.
 */
export interface PipelineSchedule {
  /** Names the schedule in its construct ids and description: 1 to 40 letters, digits and hyphens, unique among the schedules. */
  readonly name: string;
  /**
   * When it fires: an EventBridge Scheduler expression, `cron(minutes hours day-of-month month day-of-week year)`,
   * `rate(value unit)` or `at(yyyy-mm-ddThh:mm:ss)`, e.g. `cron(0 3 ? * SUN *)` for 03:00 every Sunday.
   */
  readonly expression: string;
  /**
   * The config, as JSON text, given as the execution input as it is. It is checked to be a JSON object at synth
   * and validated as any config when the pipeline runs.
   *
   * @default - none: `configLocation` must be given
   */
  readonly inlineConfig?: string;
  /**
   * A config stored in S3: the execution input is `{ "configLocation": { "bucket", "key", "versionId"? } }` and the
   * validator reads the object. The validator may read this object only.
   *
   * @default - none: `inlineConfig` must be given
   */
  readonly configLocation?: StoredConfigLocation;
  /**
   * The time zone of `expression`, an IANA name such as `Europe/Paris`.
   *
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * How late after the scheduled time Scheduler may start the run, to spread load; `Duration.minutes(0)` starts it
   * on time. At most 1440 minutes.
   *
   * @default Duration.minutes(15)
   */
  readonly flexibleWindow?: Duration;
  /**
   * Whether the schedule fires.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * How many times Scheduler retries a start that fails (throttling, a transient error), 0 to 185; then the start
   * goes to the dead-letter queue.
   *
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * How long Scheduler keeps trying to start the run, 1 minute to 24 hours; then the start goes to the dead-letter queue.
   *
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;
}

/** Props of `PipelineSchedules`. */
export interface PipelineSchedulesProps {
  /** The schedules, at least one. */
  readonly schedules: PipelineSchedule[];
  /** The state machine the schedules start: the pipeline's main one. */
  readonly stateMachine: sfn.IStateMachine;
  /** The pipeline's config validator, which reads the stored configs; it is allowed to read exactly those. */
  readonly validateFunction: lambda.IFunction;
  /**
   * A customer-managed key that encrypts the schedules (their input holds the inline configs); each schedule's
   * role may decrypt with it.
   *
   * @default - the schedules are encrypted with an AWS-owned key
   */
  readonly encryptionKey?: kms.IKey;
}

/** Ids of the construct's own children, which a schedule's scope must not take. */
const RESERVED = ['Group', 'DeadLetterQueue'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const EXPRESSION = /^(cron\((\S+\s+){5}\S+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\))$/;

/**
 * EventBridge Scheduler schedules that start the pipeline's main state machine with a stored config (inline, or an
 * S3 object), e.g. a weekly full retraining and a daily incremental import. The schedules share a schedule group;
 * each has its own role, allowed `states:StartExecution` on that state machine only and assumable by Scheduler for
 * this group only; a start that still fails after the retries goes to the dead-letter queue.
 */
export class PipelineSchedules extends Construct {
  /** The group of the schedules. */
  public readonly scheduleGroup: scheduler.ScheduleGroup;
  /** The schedules, in the order given. */
  public readonly schedules: scheduler.Schedule[] = [];
  /** The role of each schedule, in the order given. */
  public readonly roles: iam.Role[] = [];
  /** Where the starts that failed after every retry go. */
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: PipelineSchedulesProps) {
    super(scope, id);
    validateSchedules(props.schedules);
    const stack = Stack.of(this);
    // Its name is derived from its path: a group left behind would block the next deployment of the same stack.
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'Group', { removalPolicy: RemovalPolicy.DESTROY });
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', 'the pipeline\'s schedules');

    for (const entry of props.schedules) {
      // One scope per schedule: its role, its read access and the schedule itself.
      const each = new Construct(this, entry.name);
      const role = new iam.Role(each, 'Role', {
        description: `personalize-mlops: starts the pipeline on schedule ${entry.name}`,
        // Confused deputy: Scheduler assumes it for a schedule of this account and this group only.
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn } },
        }),
      });
      const location = entry.configLocation;
      if (location) {
        new ConfigReadAccess(each, 'ReadConfig', { validateFunction: props.validateFunction, bucket: location.bucket, keyPattern: location.key });
      }
      const input = location
        ? scheduler.ScheduleTargetInput.fromObject({
          configLocation: { bucket: location.bucket.bucketName, key: location.key, ...(location.versionId ? { versionId: location.versionId } : {}) },
        })
        : scheduler.ScheduleTargetInput.fromObject(JSON.parse(entry.inlineConfig!));
      const window = entry.flexibleWindow ?? Duration.minutes(15);
      this.roles.push(role);
      this.schedules.push(new scheduler.Schedule(each, 'Schedule', {
        description: `personalize-mlops: ${entry.name}, ${entry.expression}`,
        scheduleGroup: this.scheduleGroup,
        schedule: scheduler.ScheduleExpression.expression(entry.expression, TimeZone.of(entry.timeZone ?? 'UTC')),
        timeWindow: window.toMinutes() === 0 ? scheduler.TimeWindow.off() : scheduler.TimeWindow.flexible(window),
        enabled: entry.enabled ?? true,
        key: props.encryptionKey,
        target: new targets.StepFunctionsStartExecution(props.stateMachine, {
          role,
          input,
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: entry.retryAttempts ?? 3,
          maxEventAge: entry.maxEventAge ?? Duration.hours(1),
        }),
      }));
    }
  }
}

/** Checks the schedules before anything is built: each problem names the prop and the value. */
function validateSchedules(schedules: PipelineSchedule[]): void {
  if (schedules.length === 0) throw new Error('schedules must list at least one schedule (leave it out for none), got: []');
  const seen = new Set<string>();
  schedules.forEach((s, i) => {
    const at = `schedules[${i}]`;
    if (!NAME.test(s.name)) throw new Error(`${at}.name must be 1 to 40 letters, digits and hyphens, starting with a letter or digit, got: ${s.name}`);
    if (RESERVED.includes(s.name)) throw new Error(`${at}.name must not be ${RESERVED.join(' or ')} (the construct's own ids), got: ${s.name}`);
    if (seen.has(s.name)) throw new Error(`${at}.name must be unique among the schedules, got: ${s.name} twice`);
    seen.add(s.name);
    if (!Token.isUnresolved(s.expression) && !EXPRESSION.test(s.expression)) {
      throw new Error(`${at}.expression must be cron(<6 fields>), rate(<n> minute[s]|hour[s]|day[s]) or at(yyyy-mm-ddThh:mm:ss), got: ${s.expression}`);
    }
    if ((s.inlineConfig === undefined) === (s.configLocation === undefined)) {
      throw new Error(`${at} must have exactly one of inlineConfig and configLocation, got: ${s.inlineConfig === undefined ? 'neither' : 'both'}`);
    }
    if (s.inlineConfig !== undefined) {
      let config: unknown;
      try {
        config = JSON.parse(s.inlineConfig);
      } catch (error) {
        throw new Error(`${at}.inlineConfig must be JSON text, got: ${(error as Error).message}`);
      }
      if (typeof config !== 'object' || config === null || Array.isArray(config)) {
        throw new Error(`${at}.inlineConfig must be a JSON object (the pipeline config), got: ${s.inlineConfig.slice(0, 80)}`);
      }
      if ('configLocation' in config) throw new Error(`${at}.inlineConfig must be a pipeline config, not a configLocation (use configLocation), got: ${s.inlineConfig.slice(0, 80)}`);
    }
    const key = s.configLocation?.key;
    if (key !== undefined && !Token.isUnresolved(key) && (key === '' || key.startsWith('/') || /[*?]/.test(key))) {
      throw new Error(`${at}.configLocation.key must be an object key (not empty, no leading /, no * or ?), got: ${key}`);
    }
    if (s.timeZone !== undefined && !Token.isUnresolved(s.timeZone) && !isTimeZone(s.timeZone)) {
      throw new Error(`${at}.timeZone must be an IANA time zone such as Europe/Paris, got: ${s.timeZone}`);
    }
    const window = s.flexibleWindow;
    if (window !== undefined && !window.isUnresolved()) {
      const minutes = window.toMinutes({ integral: false });
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
        throw new Error(`${at}.flexibleWindow must be whole minutes from 0 to 1440, got: ${window.toHumanString()}`);
      }
    }
    const retries = s.retryAttempts;
    if (retries !== undefined && !Token.isUnresolved(retries) && (!Number.isInteger(retries) || retries < 0 || retries > 185)) {
      throw new Error(`${at}.retryAttempts must be an integer from 0 to 185, got: ${retries}`);
    }
    const age = s.maxEventAge;
    if (age !== undefined && !age.isUnresolved() && (age.toSeconds({ integral: false }) < 60 || age.toSeconds({ integral: false }) > 86400)) {
      throw new Error(`${at}.maxEventAge must be from 1 minute to 24 hours, got: ${age.toHumanString()}`);
    }
  });
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
