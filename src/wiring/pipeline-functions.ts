import * as path from 'node:path';
import { CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { newestNodeRuntime } from './lambda-runtime';
import { DEPLOYED_FEATURES_ENV, DeployedFeatures, HANDLER_IDS, HANDLER_METADATA_KEY, HandlerId } from '../contract/function-contract';
import { arnTypeOfOperation, CREATE_FUNCTION_OPERATIONS, KIND_FACTS } from '../contract/resource-kinds';
import { FlowServices } from '../steps/flow-services';

/** The folder of the bundled handlers (`assets/lambda/<name>/index.js`, made by `npx projen bundle:lambda`). */
const ASSETS = path.join(__dirname, '..', '..', 'assets', 'lambda');

export { HANDLER_METADATA_KEY };

/** Props of the pipeline's functions. @internal */
export interface PipelineFunctionsProps {
  readonly logRetention: logs.RetentionDays;
  /** Which flows are deployed, for the validator. */
  readonly deployedFeatures: DeployedFeatures;
  /** Roles the create function may pass to Personalize. */
  readonly passableRoleArns: string[];
  /** Encrypts the functions' log groups. */
  readonly encryptionKey?: kms.IKey;
  /**
   * The Glue jobs the preprocessing flow may start, for the pre-flight's `glue:GetJob`; absent without preprocessing.
   */
  readonly glueJobArns?: string[];
  /** The bundled Glue job, whose input files the pre-flight lists; absent when the pipeline deploys none. */
  readonly bundledGlueJob?: { readonly name: string; readonly inputPrefix: string; readonly outputPrefix: string };
  /** The functions' runtime (validated by the pipeline). @default - the newest Node.js runtime aws-cdk-lib knows */
  readonly runtime?: lambda.Runtime;
}

/**
 * The pipeline's functions: the config validator, the pre-flight check (read-only calls that only the account
 * can answer, before anything is created), and the create function that makes the create and update calls
 * whose input is a user's serviceConfig.
 * @internal
 */
export class PipelineFunctions extends Construct {
  readonly validateConfig: lambda.Function;
  readonly preflight: lambda.Function;
  readonly createResource: lambda.Function;

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    // cdk-nag's AwsSolutions-L1 wants the newest runtime of the app's aws-cdk-lib, which moves with its releases.
    const runtime = props.runtime ?? newestNodeRuntime();
    const common = (name: HandlerId): lambda.FunctionProps => {
      const logGroup = new logs.LogGroup(this, `${name}-logs`, { retention: props.logRetention, encryptionKey: props.encryptionKey });
      // Its own role, allowed to write to its own log group only (no AWSLambdaBasicExecutionRole).
      const role = new iam.Role(this, `${name}-role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      logGroup.grantWrite(role);
      return {
        runtime,
        architecture: lambda.Architecture.ARM_64,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(path.join(ASSETS, name)),
        memorySize: 256,
        timeout: Duration.seconds(30),
        tracing: lambda.Tracing.ACTIVE,
        logGroup,
        role,
      };
    };
    this.validateConfig = new lambda.Function(this, 'ValidateConfig', {
      ...common(HANDLER_IDS.validateConfig),
      description: 'personalize-mlops: validates a pipeline config before anything is created',
      environment: { [DEPLOYED_FEATURES_ENV]: JSON.stringify(props.deployedFeatures) },
    });
    const stack = Stack.of(this);
    this.preflight = new lambda.Function(this, 'Preflight', {
      ...common(HANDLER_IDS.preflight),
      description: 'personalize-mlops: checks a config against the account (read-only) before anything is created',
      // Many read-only calls, paced under the service's rate: more time than a create call.
      timeout: Duration.minutes(5),
      environment: {
        PERSONALIZE_ARN_PREFIX: `arn:${stack.partition}:personalize:${stack.region}:${stack.account}`,
        ...(props.bundledGlueJob ? { BUNDLED_GLUE_JOB: stack.toJsonString(props.bundledGlueJob) } : {}),
      },
    });
    this.preflight.addToRolePolicy(new iam.PolicyStatement({
      // GetSolutionMetrics: the metrics gate's threshold, from the version a campaign serves.
      actions: ['personalize:Describe*', 'personalize:GetSolutionMetrics'],
      resources: [`arn:${stack.partition}:personalize:${stack.region}:${stack.account}:*`, `arn:${stack.partition}:personalize:::recipe/*`],
    }));
    // List actions name no resource type in the service authorization reference: they take `*`.
    this.preflight.addToRolePolicy(new iam.PolicyStatement({ actions: ['personalize:List*'], resources: ['*'] }));
    // The Glue job a run starts exists: GetJob on exactly the jobs the preprocessing flow may start.
    if (props.glueJobArns) this.preflight.addToRolePolicy(new iam.PolicyStatement({ actions: ['glue:GetJob'], resources: props.glueJobArns }));
    const input = /^s3:\/\/([^/]+)\/(.*)$/.exec(props.bundledGlueJob?.inputPrefix ?? '');
    if (input) {
      // The bundled job's input files are there: listed (ListObjectsV2 needs s3:ListBucket), never read, under its input prefix only.
      this.preflight.addToRolePolicy(new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [`arn:${stack.partition}:s3:::${input[1]}`],
        conditions: { StringLike: { 's3:prefix': [`${input[2]}*`] } },
      }));
    }
    this.createResource = new lambda.Function(this, 'CreateResource', {
      ...common(HANDLER_IDS.createResource),
      description: 'personalize-mlops: creates and updates Personalize resources from a config serviceConfig',
    });
    // Names the handler in the template, so tools (the local runner) can tell the functions apart.
    const handlers = [
      [this.validateConfig, HANDLER_IDS.validateConfig], [this.preflight, HANDLER_IDS.preflight], [this.createResource, HANDLER_IDS.createResource],
    ] as const;
    for (const [fn, name] of handlers) {
      (fn.node.defaultChild as CfnResource).addMetadata(HANDLER_METADATA_KEY, name);
    }

    // The operations the create function makes, from the kind table: every kind's Create and the Updates the pipeline
    // uses. Creates name their parents (dataset group, schema, solution version...) too: every Personalize type the
    // pipeline touches, scoped to this account and region.
    const types = [...new Set(CREATE_FUNCTION_OPERATIONS.map(arnTypeOfOperation))];
    // An Update reconciles (lambda/create-resource/reconcile.ts): it describes the resource again, and makes its tags
    // the configured ones (ListTagsForResource, TagResource, UntagResource), on the same resource types.
    const reconcileReads = KIND_FACTS.filter((kind) => kind.update?.used).map((kind) => kind.describeAction);
    const tagActions = ['TagResource', 'UntagResource', 'ListTagsForResource'];
    this.createResource.addToRolePolicy(new iam.PolicyStatement({
      actions: [...CREATE_FUNCTION_OPERATIONS, ...reconcileReads, ...tagActions].map((operation) => `personalize:${operation}`),
      resources: [...types.map((type) => FlowServices.iamArn(this, type)), `arn:${Stack.of(this).partition}:personalize:::recipe/*`],
    }));
    // A create refused for the import quota ranks its turn by its group's import progress (lambda/create-resource/quota-turn.ts):
    // List actions name no resource type in the service authorization reference: they take `*`.
    this.createResource.addToRolePolicy(new iam.PolicyStatement({
      actions: ['personalize:ListDatasets', 'personalize:ListDatasetImportJobs'],
      resources: ['*'],
    }));
    this.createResource.addToRolePolicy(new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: props.passableRoleArns,
      conditions: { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } },
    }));
  }
}
