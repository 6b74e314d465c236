import { Aspects, Duration, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ConfigReadAccess } from './config-read-access';
import { deadLetterQueue } from './dead-letter-queue';

/** What starts the pipeline when a config file is uploaded: the bucket, the prefix and suffix of the keys. */
export interface S3TriggeredRunsOptions {
  /**
   * The bucket the configs are uploaded to. It must send its events to EventBridge: the construct turns that on for a
   * bucket defined in this app (`s3.Bucket`); for an imported bucket, turn on "Send notifications to Amazon
   * EventBridge" yourself. Versioning on is recommended: each run then reads the
   * very version that was uploaded, and the STARTED event names it. When the bucket is encrypted with a KMS key it
   * knows (`bucket.encryptionKey`), the validator may decrypt with it, through S3 only.
   */
  readonly bucket: s3.IBucket;
  /**
   * Only keys under this prefix start a run; the validator may read these keys only. An empty string: the whole bucket.
   *
   * @default 'configs/'
   */
  readonly prefix?: string;
  /**
   * Only keys that end with it start a run (an empty string: any key under the prefix).
   *
   * @default '.json'
   */
  readonly suffix?: string;
  /**
   * How many times EventBridge retries a start that fails, 0 to 185; then the event goes to the dead-letter queue.
   *
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * How long EventBridge keeps trying to start the run, 1 minute to 24 hours; then the event goes to the dead-letter queue.
   *
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;
}

/** Props of `S3TriggeredRuns`. */
export interface S3TriggeredRunsProps extends S3TriggeredRunsOptions {
  /** The state machine a config upload starts: the pipeline's main one. */
  readonly stateMachine: sfn.IStateMachine;
  /** The pipeline's config validator, which reads the uploaded config; it is allowed to read under the prefix only. */
  readonly validateFunction: lambda.IFunction;
}

/**
 * Starts the pipeline when a config file is uploaded under a prefix of a bucket: S3's `Object Created` event on the
 * default bus → an EventBridge rule → `states:StartExecution` of the main state machine with the input
 * `{ "configLocation": { "bucket", "key", "versionId" } }`. The validator reads that object and validates it as
 * any config: a file that is not valid (or not JSON, or gone) fails the run in the validation state, with an
 * INVALID_CONFIG event naming the file.
 *
 * Two rules, one for objects with a version ID and one for objects without (a bucket without versioning): an input
 * template that names a path the event lacks is not documented to give valid JSON, so each rule's input only names
 * paths its events have.
 */
export class S3TriggeredRuns extends Construct {
  /** The rule for uploads to a versioned bucket: the input names the version uploaded. */
  public readonly versionedRule: events.Rule;
  /** The rule for uploads to a bucket without versioning: the input names the key only. */
  public readonly unversionedRule: events.Rule;
  /** The role EventBridge starts the state machine with: `states:StartExecution` on it only. */
  public readonly role: iam.Role;
  /** Where the events whose start failed after every retry go. */
  public readonly deadLetterQueue: sqs.Queue;
  /** The key prefix that starts a run. */
  public readonly prefix: string;
  /** The key suffix that starts a run. */
  public readonly suffix: string;

  constructor(scope: Construct, id: string, props: S3TriggeredRunsProps) {
    super(scope, id);
    this.prefix = props.prefix ?? 'configs/';
    this.suffix = props.suffix ?? '.json';
    validateOptions(props, this.prefix, this.suffix);

    if (props.bucket instanceof s3.Bucket) sendEventsToEventBridge(props.bucket);
    new ConfigReadAccess(this, 'ReadConfigs', {
      validateFunction: props.validateFunction,
      bucket: props.bucket,
      keyPattern: `${this.prefix}*`,
      wildcardReason: 'Uploaded config files have any name under the configured prefix; the validator reads (GetObject, GetObjectVersion) that prefix of that bucket only.',
    });

    this.role = new iam.Role(this, 'Role', {
      description: 'personalize-mlops: starts the pipeline when a config file is uploaded',
      // Confused deputy: EventBridge assumes it for a rule of this account only.
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
    });
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', 'the S3-triggered runs\' rules');

    const key = this.suffix === '' ? events.Match.prefix(this.prefix) : events.Match.wildcard(`${this.prefix}*${this.suffix}`);
    const rule = (ruleId: string, versioned: boolean): events.Rule => new events.Rule(this, ruleId, {
      description: `personalize-mlops: starts the pipeline on a config uploaded under ${this.prefix}${versioned ? '' : ' (bucket without versioning)'}`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.bucket.bucketName] },
          object: { 'key': key, 'version-id': [{ exists: versioned }] },
        },
      },
      targets: [new targets.SfnStateMachine(props.stateMachine, {
        role: this.role,
        input: events.RuleTargetInput.fromObject({
          configLocation: {
            bucket: events.EventField.fromPath('$.detail.bucket.name'),
            key: events.EventField.fromPath('$.detail.object.key'),
            ...(versioned ? { versionId: events.EventField.fromPath('$.detail.object.version-id') } : {}),
          },
        }),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: props.retryAttempts ?? 3,
        maxEventAge: props.maxEventAge ?? Duration.hours(1),
      })],
    });
    this.versionedRule = rule('VersionedUpload', true);
    this.unversionedRule = rule('UnversionedUpload', false);
  }
}

/**
 * Turns on a bucket's events to EventBridge with CloudFormation's own switch (`NotificationConfiguration.
 * EventBridgeConfiguration` of AWS::S3::Bucket), not with CDK's bucket-notifications custom resource, which would add
 * a Lambda function to the stack. A bucket that also has notifications CDK manages gets its whole notification
 * configuration rewritten by that custom resource (it is `Managed`): then that configuration turns EventBridge on too.
 */
function sendEventsToEventBridge(bucket: s3.Bucket): void {
  (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled', true);
  Aspects.of(bucket).add({
    visit(node) {
      if (node === bucket && bucket.node.tryFindChild('Notifications')?.node.tryFindChild('Resource')) bucket.enableEventBridgeNotification();
    },
  });
}

/** Checks the options before anything is built: each problem names the prop and the value. */
function validateOptions(props: S3TriggeredRunsOptions, prefix: string, suffix: string): void {
  if (!Token.isUnresolved(prefix) && (prefix.startsWith('/') || /[*?]/.test(prefix))) {
    throw new Error(`s3TriggeredRuns.prefix must be a key prefix (no leading /, no * or ?; empty for the whole bucket), got: ${JSON.stringify(prefix)}`);
  }
  if (!Token.isUnresolved(suffix) && /[*?]/.test(suffix)) {
    throw new Error(`s3TriggeredRuns.suffix must be the end of a key (no * or ?), got: ${JSON.stringify(suffix)}`);
  }
  const retries = props.retryAttempts;
  if (retries !== undefined && !Token.isUnresolved(retries) && (!Number.isInteger(retries) || retries < 0 || retries > 185)) {
    throw new Error(`s3TriggeredRuns.retryAttempts must be an integer from 0 to 185, got: ${retries}`);
  }
  const age = props.maxEventAge;
  if (age !== undefined && !age.isUnresolved() && (age.toSeconds({ integral: false }) < 60 || age.toSeconds({ integral: false }) > 86400)) {
    throw new Error(`s3TriggeredRuns.maxEventAge must be from 1 minute to 24 hours, got: ${age.toHumanString()}`);
  }
}
