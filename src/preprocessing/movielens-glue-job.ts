import * as path from 'node:path';
import { ArnFormat, Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { allowLogsToUseKey } from '../wiring/allow-logs-to-use-key';

/** The folder of the bundled Glue job. */
const JOB_DIR = path.join(__dirname, '..', '..', 'glue_job');

/**
 * What Glue does with the job's bookmark: the values of its `--job-bookmark-option` argument.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/monitor-continuations.html
 */
export enum GlueJobBookmarkOption {
  /** Remember what was processed; a run reads only what is new since the last committed run. */
  ENABLE = 'job-bookmark-enable',
  /** Keep no bookmark; every run reads everything. */
  DISABLE = 'job-bookmark-disable',
  /** Read what is new since the last bookmark without moving it. */
  PAUSE = 'job-bookmark-pause',
}

/** Settings of the bundled MovieLens-to-Personalize Glue job. */
export interface MovieLensGlueJobProps {
  /** Where the raw MovieLens files are (`ratings.csv`, `movies.csv`, optional `users.csv`), e.g. `s3://bucket/raw/`. */
  readonly inputPrefix: string;
  /** Where the job writes `interactions/`, `items/` and `users/`, e.g. `s3://bucket/personalize/`. */
  readonly outputPrefix: string;
  /**
   * The Glue version.
   *
   * @default '5.0'
   */
  readonly glueVersion?: string;
  /**
   * The worker type.
   *
   * @default 'G.1X'
   */
  readonly workerType?: string;
  /**
   * The number of workers.
   *
   * @default 2
   */
  readonly numberOfWorkers?: number;
  /**
   * How long a run may take.
   *
   * @default Duration.hours(1)
   */
  readonly timeout?: Duration;
  /**
   * Ratings at or above this are kept, as 'watch' events.
   *
   * @default 0
   */
  readonly watchThreshold?: number;
  /**
   * Ratings at or above this become 'like' events.
   *
   * @default 4
   */
  readonly likeThreshold?: number;
  /**
   * The job's bookmark option (`--job-bookmark-option`).
   *
   * The job rewrites whole outputs from whole inputs on every run, so it has no use for a bookmark (and its Spark
   * DataFrame reads carry no `transformation_ctx` for a bookmark to track).
   *
   * @default GlueJobBookmarkOption.DISABLE
   */
  readonly jobBookmarkOption?: GlueJobBookmarkOption;
  /**
   * The KMS key that encrypts the job's CloudWatch logs and job bookmarks (its security configuration).
   *
   * @default - the pipeline's `encryptionKey`, or a new key with rotation
   */
  readonly encryptionKey?: kms.IKey;
}

/** Splits `s3://bucket/prefix/` into its bucket and key prefix, or says what is wrong. */
function parseS3Prefix(prop: string, uri: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.*)$/.exec(uri);
  if (!match) throw new Error(`${prop} must be an S3 URI such as s3://bucket/folder/, got: ${uri}`);
  const prefix = match[2] === '' || match[2].endsWith('/') ? match[2] : `${match[2]}/`;
  return { bucket: match[1], prefix };
}

/**
 * The bundled Glue job (`glue_job/`), deployed from assets, with a role that may read the input prefix and
 * write the output prefix only.
 */
export class MovieLensGlueJob extends Construct {
  /** The Glue job. */
  public readonly job: glue.CfnJob;
  /** The job's name (generated, so two pipelines never collide). */
  public readonly jobName: string;
  /** The role the job runs as. */
  public readonly role: iam.Role;
  /** The key of the job's security configuration. */
  public readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: MovieLensGlueJobProps) {
    super(scope, id);
    const input = Token.isUnresolved(props.inputPrefix) ? undefined : parseS3Prefix('glueJob.inputPrefix', props.inputPrefix);
    const output = Token.isUnresolved(props.outputPrefix) ? undefined : parseS3Prefix('glueJob.outputPrefix', props.outputPrefix);
    if (!input || !output) throw new Error('glueJob.inputPrefix and glueJob.outputPrefix must be literal S3 URIs (they scope the job role)');
    const watch = props.watchThreshold ?? 0;
    const like = props.likeThreshold ?? 4;
    if (!(watch >= 0 && like <= 5 && watch <= like)) {
      throw new Error(`glueJob thresholds must satisfy 0 <= watchThreshold <= likeThreshold <= 5, got: ${watch} and ${like}`);
    }
    const bookmark = props.jobBookmarkOption ?? GlueJobBookmarkOption.DISABLE;
    if (!Object.values(GlueJobBookmarkOption).includes(bookmark)) {
      throw new Error(`glueJob.jobBookmarkOption must be one of ${Object.values(GlueJobBookmarkOption).join(', ')}, got: ${bookmark}`);
    }
    const workers = props.numberOfWorkers ?? 2;
    if (!Number.isInteger(workers) || workers < 2) throw new Error(`glueJob.numberOfWorkers must be an integer of at least 2, got: ${workers}`);

    const script = new s3assets.Asset(this, 'Script', { path: path.join(JOB_DIR, 'movielens_to_personalize.py') });
    // Glue names --extra-py-files by their S3 keys (asset hashes), so the modules, the SQL and the file layout
    // travel as one zip on the Python path, where the modules find their files (pkgutil.get_data).
    const library = new s3assets.Asset(this, 'Library', { path: JOB_DIR, exclude: ['tests', '__pycache__', '*.pyc', 'README.md'] });

    const partition = Stack.of(this).partition;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: 'personalize-mlops: the MovieLens preprocessing Glue job',
    });
    script.grantRead(this.role);
    library.grantRead(this.role);
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [`arn:${partition}:s3:::${input.bucket}/${input.prefix}*`],
    }));
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`arn:${partition}:s3:::${output.bucket}/${output.prefix}*`],
    }));
    for (const { bucket, prefix } of [input, output]) {
      this.role.addToPolicy(new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [`arn:${partition}:s3:::${bucket}`],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      }));
    }
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws-glue/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    }));

    // Logs and bookmarks encrypted with KMS, S3 output with S3-managed keys.
    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: 'personalize-mlops: the MovieLens Glue job\'s logs and bookmarks',
    });
    const stack = Stack.of(this);
    allowLogsToUseKey(this, this.encryptionKey, '/aws-glue/*');
    this.encryptionKey.grantEncryptDecrypt(this.role);
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:AssociateKmsKey'],
      resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws-glue/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    }));
    const security = new glue.CfnSecurityConfiguration(this, 'SecurityConfiguration', {
      // A name is required: derived from the construct path, so it is unique per pipeline and stable.
      name: Names.uniqueResourceName(this, { maxLength: 128 }),
      encryptionConfiguration: {
        cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn: this.encryptionKey.keyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn: this.encryptionKey.keyArn },
        s3Encryptions: [{ s3EncryptionMode: 'SSE-S3' }],
      },
    });

    this.job = new glue.CfnJob(this, 'Job', {
      securityConfiguration: security.ref,
      role: this.role.roleArn,
      description: 'personalize-mlops: MovieLens files to Amazon Personalize datasets',
      command: { name: 'glueetl', pythonVersion: '3', scriptLocation: script.s3ObjectUrl },
      glueVersion: props.glueVersion ?? '5.0',
      workerType: props.workerType ?? 'G.1X',
      numberOfWorkers: workers,
      timeout: Math.ceil((props.timeout ?? Duration.hours(1)).toMinutes()),
      maxRetries: 0,
      defaultArguments: {
        '--input_prefix': `s3://${input.bucket}/${input.prefix}`,
        '--output_prefix': `s3://${output.bucket}/${output.prefix}`,
        '--watch_threshold': String(watch),
        '--like_threshold': String(like),
        '--extra-py-files': library.s3ObjectUrl,
        '--job-language': 'python',
        // Glue's own arguments: https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html
        '--job-bookmark-option': bookmark,
        '--enable-metrics': 'true',
        // Glue 5.0 logs in real time anyway; this keeps an older `glueVersion` logging while it runs.
        '--enable-continuous-cloudwatch-log': 'true',
      },
    });
    this.jobName = this.job.ref;
  }
}
