import { Aws, CfnResource, IAspect, Aspects, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct, IConstruct } from 'constructs';
import { ConfigReadAccess } from './config-read-access';
import { FleetRunsOptions } from './fleet-runs-options';
import { createFlowStateMachine, StateMachineSettings } from '../polling/flow-state-machine';
import { executionArnOf } from '../steps/run-flow';
import { StatusEvents } from '../steps/status-events';
import { acknowledge, flatten } from '../wiring/nag-acknowledgements';

/** The template metadata key that tells what a state machine is for (the fleet's is `fleet`). @internal */
const ROLE_METADATA_KEY = 'personalize-mlops:role';

/** Props of `FleetRuns`. @internal */
export interface FleetRunsProps extends FleetRunsOptions {
  /** The pipeline's main state machine: each config runs as its own execution of it. */
  readonly stateMachine: sfn.StateMachine;
  /** The pipeline's config validator, which reads each config; it is allowed to read under the prefix only. */
  readonly validateFunction: lambda.IFunction;
  /** Publishes the FLEET_COMPLETED event. */
  readonly events: StatusEvents;
  readonly settings: StateMachineSettings;
}

/**
 * The fleet state machine: its input is `{}` (every config under the prefix) or `{ "prefix": "<narrower prefix>" }`.
 * A Distributed Map lists the prefix (ItemReader over S3 objects), runs each `.json` key as a child execution of the
 * main state machine with the input an S3-triggered run gets (`{ configLocation: { bucket, key } }`), at most
 * `maxConcurrency` at a time, and writes the Map Run's results to S3 (ResultWriter). The fleet then reads those
 * results back into its output, a summary per config (key, execution, status, error and cause), and publishes one
 * FLEET_COMPLETED event. Each run's own timeouts bound it; the fleet adds none.
 * @internal
 */
export class FleetRuns extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly prefix: string;
  readonly resultsPrefix: string;

  constructor(scope: Construct, id: string, props: FleetRunsProps) {
    super(scope, id);
    this.prefix = props.prefix ?? 'fleet/';
    this.resultsPrefix = props.resultsPrefix ?? 'fleet-results/';
    const maxConcurrency = props.maxConcurrency ?? 5;
    const tolerated = props.toleratedFailurePercentage ?? 100;
    validateFleetOptions(this.prefix, this.resultsPrefix, maxConcurrency, tolerated);

    new ConfigReadAccess(this, 'ReadConfigs', {
      validateFunction: props.validateFunction,
      bucket: props.bucket,
      keyPattern: `${this.prefix}*`,
      wildcardReason: 'A fleet runs every config under its prefix, whatever its name; the validator reads (GetObject, GetObjectVersion) that prefix of that bucket only.',
    });

    const bucketName = props.bucket.bucketName;
    // ResultWriter's Prefix is joined to the map run's id with a slash (`<Prefix>/<id>/manifest.json`).
    const resultsPrefix = this.resultsPrefix.replace(/\/+$/, '');

    // Which prefix: the configured one, or a narrower one given at start (never one outside it).
    const refused = new sfn.Pass(this, 'Fleet: prefix refused', {
      parameters: { 'message.$': `States.Format('input.prefix must be a key prefix under ${this.prefix}, got: {}', States.JsonToString($.prefix))` },
    }).next(new sfn.Fail(this, 'Fleet: input refused', { error: 'InvalidFleetInput', causePath: '$.message' }));
    const given = new sfn.Pass(this, 'Fleet: given prefix', { parameters: { 'prefix.$': '$.prefix' } });
    const whole = new sfn.Pass(this, 'Fleet: configured prefix', { result: sfn.Result.fromObject({ prefix: this.prefix }) });
    const choosePrefix = new sfn.Choice(this, 'Fleet: which prefix?')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.prefix'), sfn.Condition.isString('$.prefix'), sfn.Condition.stringMatches('$.prefix', `${this.prefix}*`)), given)
      .when(sfn.Condition.isPresent('$.prefix'), refused)
      .otherwise(whole);

    // One config: a child execution of the main state machine, named in the item so its ARN is known if it fails.
    const run = new tasks.StepFunctionsStartExecution(this, 'Run config', {
      stateMachine: props.stateMachine,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      name: sfn.JsonPath.stringAt('$.executionName'),
      input: sfn.TaskInput.fromObject({ configLocation: { 'bucket.$': '$.bucket', 'key.$': '$.key' } }),
      resultSelector: { 'executionArn.$': '$.ExecutionArn', 'status.$': '$.Status' },
      resultPath: '$.run',
    });
    run.addRetry({ errors: ['StepFunctions.ExecutionLimitExceeded', 'StepFunctions.SdkClientException'], maxAttempts: 5, backoffRate: 2 });
    run.next(new sfn.Pass(this, 'Config ran', { parameters: { 'key.$': '$.key', 'executionArn.$': '$.run.executionArn', 'status.$': '$.run.status' } }));
    const processor = new sfn.Choice(this, 'Is a config?')
      .when(sfn.Condition.stringMatches('$.key', '*.json'), run)
      .otherwise(new sfn.Pass(this, 'Not a config', { parameters: { 'key.$': '$.key', 'status': 'SKIPPED' } }));

    const runConfigs = new FleetMap(this, 'Fleet: run configs', {
      itemReader: new PrefixListing({ bucket: props.bucket, prefix: sfn.JsonPath.stringAt('$.prefix') }),
      itemSelector: { 'bucket': bucketName, 'key.$': '$$.Map.Item.Value.Key', 'executionName.$': 'States.UUID()' },
      maxConcurrency,
      toleratedFailurePercentage: tolerated,
      label: 'Fleet',
      resultPath: '$.mapRun',
    }, { bucket: bucketName, prefix: resultsPrefix });
    runConfigs.itemProcessor(processor);

    // The Map Run's results, read back: the manifest names a file per status, each a JSON array of child executions.
    const readManifest = getObject(this, 'Fleet: read manifest', bucketName, '$.mapRun.ResultWriterDetails.Key', 'manifest', '$.manifest');
    const listFiles = new sfn.Pass(this, 'Fleet: result files', {
      parameters: { 'prefix.$': '$.prefix', 'manifestKey.$': '$.mapRun.ResultWriterDetails.Key', 'files.$': '$.manifest.manifest.ResultFiles.*[*]' },
    });
    const readFiles = new sfn.Map(this, 'Fleet: read results', { itemsPath: '$.files', resultPath: '$.files' });
    readFiles.itemProcessor(getObject(this, 'Fleet: read result file', bucketName, '$.Key', 'runs'));
    const flattenRuns = new sfn.Pass(this, 'Fleet: every run', {
      parameters: { 'prefix.$': '$.prefix', 'manifestKey.$': '$.manifestKey', 'runs.$': '$.files[*].runs[*]' },
    });

    // Each child execution as a config's line: its processor's output, or its failure with the run's ARN.
    const failed = new sfn.Pass(this, 'Config failed: input', {
      parameters: { 'item.$': 'States.StringToJson($.Input)', 'error.$': '$.Error', 'cause.$': '$.Cause' },
    }).next(new sfn.Pass(this, 'Config failed', {
      parameters: {
        'key.$': '$.item.key',
        'executionArn.$': executionArnOf(this, props.stateMachine, '$.item.executionName'),
        'status': 'FAILED',
        'error.$': '$.error',
        'cause.$': '$.cause',
      },
    }));
    const line = new sfn.Choice(this, 'Config outcome?')
      .when(sfn.Condition.stringEquals('$.Status', 'SUCCEEDED'),
        new sfn.Pass(this, 'Config succeeded', { parameters: { 'line.$': 'States.StringToJson($.Output)' }, outputPath: '$.line' }))
      .otherwise(failed);
    const lines = new sfn.Map(this, 'Fleet: each config', { itemsPath: '$.runs', resultPath: '$.configs' });
    lines.itemProcessor(line);

    const tally = new sfn.Pass(this, 'Fleet: tally', {
      parameters: {
        'prefix.$': '$.prefix',
        'configs.$': '$.configs',
        'manifestKey.$': '$.manifestKey',
        'succeeded.$': "$.configs[?(@.status == 'SUCCEEDED')]",
        'failures.$': "$.configs[?(@.status == 'FAILED')]",
        'skipped.$': "$.configs[?(@.status == 'SKIPPED')]",
      },
    });
    const summary = new sfn.Pass(this, 'Fleet: summary', {
      parameters: {
        'prefix.$': '$.prefix',
        'total.$': 'States.ArrayLength($.configs)',
        'succeeded.$': 'States.ArrayLength($.succeeded)',
        'failed.$': 'States.ArrayLength($.failures)',
        'skipped.$': 'States.ArrayLength($.skipped)',
        'configs.$': '$.configs',
        'failures.$': '$.failures',
        'results': { 'bucket': bucketName, 'manifestKey.$': '$.manifestKey' },
      },
    });
    const completed = props.events.pipeline(this, 'Fleet: completed', {
      status: 'FLEET_COMPLETED',
      fleetStatus: 'SUCCEEDED',
      prefix: '$.prefix',
      total: '$.total',
      succeeded: '$.succeeded',
      failed: '$.failed',
      skipped: '$.skipped',
      failures: '$.failures',
      results: '$.results',
    });

    // The Map Run failed (over the tolerated share, or the prefix could not be listed or the results written).
    const failedFleet = props.events.pipeline(this, 'Fleet: failed', {
      status: 'FLEET_COMPLETED',
      fleetStatus: 'FAILED',
      prefix: '$.prefix',
      error: '$.failure.Error',
      cause: '$.failure.Cause',
      resultsPrefix: `s3://${bucketName}/${resultsPrefix}/`,
    }).next(new sfn.Fail(this, 'Fleet: fail', { errorPath: '$.failure.Error', causePath: '$.failure.Cause' }));
    for (const state of [runConfigs, readManifest, readFiles]) state.addCatch(failedFleet, { errors: ['States.ALL'], resultPath: '$.failure' });

    for (const chosen of [given, whole]) chosen.next(runConfigs);
    runConfigs.next(readManifest);
    readManifest.next(listFiles).next(readFiles).next(flattenRuns).next(lines).next(tally).next(summary).next(completed);

    this.stateMachine = createFlowStateMachine(this, 'StateMachine', choosePrefix, props.settings,
      `personalize-mlops: fleet; input is {} or { "prefix": "<a prefix under ${this.prefix}>" }`);
    (this.stateMachine.node.defaultChild as CfnResource).addMetadata(ROLE_METADATA_KEY, 'fleet');

    const access = new iam.Policy(this, 'ResultsAccess', { statements: this.s3Statements(props.bucket, resultsPrefix) });
    access.attachToRole(this.stateMachine.role);
    Aspects.of(access).add(new AcknowledgeWildcards(/^s3:/, 'The Map Run writes its results (and the fleet reads them back) under the results prefix of the fleet\'s bucket only, in files Step Functions names.'));
    // CDK's grant to a Distributed Map's own child workflow executions, which Step Functions names.
    Aspects.of(this.stateMachine).add(new AcknowledgeWildcards(/^states:(DescribeExecution|StopExecution|RedriveExecution)$/,
      'The Distributed Map starts, stops and redrives the child workflow executions of this fleet state machine, which Step Functions names (CDK DistributedMap grant).'));
  }

  /** Listing under the prefix only, the ResultWriter's access under the results prefix only, and the bucket's key through S3. */
  private s3Statements(bucket: s3.IBucket, resultsPrefix: string): iam.PolicyStatement[] {
    const statements = [
      // ItemReader (Map), IAM policies: s3:ListBucket on the bucket; the condition keeps it to the prefix.
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${this.prefix}*`] } } }),
      // ResultWriter (Map), IAM policies: PutObject, GetObject, ListMultipartUploadParts, AbortMultipartUpload.
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        resources: [bucket.arnForObjects(`${resultsPrefix}/*`)],
      }),
    ];
    if (bucket.encryptionKey) {
      statements.push(new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [bucket.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }));
    }
    return statements;
  }
}

/** The S3 objects of a prefix; the fleet's own policy grants the listing, under the prefix only (not the whole bucket). */
class PrefixListing extends sfn.S3ObjectsItemReader {
  providePolicyStatements(): iam.PolicyStatement[] {
    return [];
  }
}

/**
 * A Distributed Map whose ResultWriter is rendered here (`arn:<partition>:states:::s3:putObject` with Bucket and
 * Prefix, as the Step Functions developer guide's "ResultWriter (Map)" gives it), so that its access is the fleet's
 * own policy, scoped to the results prefix, whether or not the app sets aws-cdk-lib's ResultWriterV2 feature flag.
 */
class FleetMap extends sfn.DistributedMap {
  constructor(scope: Construct, id: string, props: sfn.DistributedMapProps, private readonly results: { bucket: string; prefix: string }) {
    super(scope, id, props);
  }

  toStateJson(queryLanguage?: sfn.QueryLanguage): object {
    return {
      ...super.toStateJson(queryLanguage),
      ResultWriter: { Resource: `arn:${Aws.PARTITION}:states:::s3:putObject`, Parameters: { Bucket: this.results.bucket, Prefix: this.results.prefix } },
    };
  }
}

/**
 * An S3 GetObject of a JSON object through the SDK integration, parsed into `{ <field>: ... }`. Raw ASL: the fleet's
 * own policy grants it (under the results prefix), where CallAwsService would add a grant of its own.
 */
function getObject(scope: Construct, id: string, bucket: string, keyPath: string, field: string, resultPath?: string): sfn.CustomState {
  return new sfn.CustomState(scope, id, {
    stateJson: {
      Type: 'Task',
      Resource: `arn:${Aws.PARTITION}:states:::aws-sdk:s3:getObject`,
      Parameters: { 'Bucket': bucket, 'Key.$': keyPath },
      ResultSelector: { [`${field}.$`]: 'States.StringToJson($.Body)' },
      ...(resultPath ? { ResultPath: resultPath } : {}),
    },
  });
}

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 findings of the resource wildcards of one policy, when every statement
 * that has the wildcard allows only the given actions (see `config-read-access.ts` for why it writes the metadata).
 */
class AcknowledgeWildcards implements IAspect {
  constructor(private readonly actions: RegExp, private readonly reason: string) {}

  visit(node: IConstruct): void {
    if (!(node instanceof iam.CfnPolicy)) return;
    const document = Stack.of(node).resolve(node.policyDocument) as { Statement?: Array<{ Effect?: string; Action?: unknown; Resource?: unknown }> };
    const allowed = new Map<string, boolean>();
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      const only = list(statement.Action).every((a) => this.actions.test(String(a)));
      for (const resource of list(statement.Resource).map(flatten).filter((r) => r.includes('*'))) {
        allowed.set(resource, (allowed.get(resource) ?? true) && only);
      }
    }
    const findings = [...allowed].filter(([, only]) => only).map(([resource]) => resource);
    if (findings.length > 0) acknowledge(node, Object.fromEntries(findings.map((f) => [`AwsSolutions-IAM5[Resource::${f}]`, this.reason])));
  }
}

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A key prefix the fleet can list and name in an intrinsic: not empty, no leading `/`, none of `* ? ' { } \`. */
const PREFIX = /^[^/*?'{}\\][^*?'{}\\]*$/;

/** Checks the options before anything is built: each problem names the prop and the value. */
function validateFleetOptions(prefix: string, resultsPrefix: string, maxConcurrency: number, tolerated: number): void {
  if (!Token.isUnresolved(prefix) && !PREFIX.test(prefix)) {
    throw new Error(`fleet.prefix must be a non-empty key prefix (no leading /; no * ? ' { } or \\), got: ${JSON.stringify(prefix)}`);
  }
  if (!Token.isUnresolved(resultsPrefix) && !PREFIX.test(resultsPrefix)) {
    throw new Error(`fleet.resultsPrefix must be a non-empty key prefix (no leading /; no * ? ' { } or \\), got: ${JSON.stringify(resultsPrefix)}`);
  }
  if (!Token.isUnresolved(prefix) && !Token.isUnresolved(resultsPrefix) && (resultsPrefix.startsWith(prefix) || prefix.startsWith(resultsPrefix))) {
    throw new Error(`fleet.resultsPrefix must be outside fleet.prefix (${JSON.stringify(prefix)}), or results would be read as configs, got: ${JSON.stringify(resultsPrefix)}`);
  }
  if (!Token.isUnresolved(maxConcurrency) && (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 10000)) {
    throw new Error(`fleet.maxConcurrency must be an integer from 1 to 10000, got: ${maxConcurrency}`);
  }
  if (!Token.isUnresolved(tolerated) && !(tolerated >= 0 && tolerated <= 100)) {
    throw new Error(`fleet.toleratedFailurePercentage must be a number from 0 to 100, got: ${tolerated}`);
  }
}
