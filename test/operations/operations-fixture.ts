import { App, Duration, Environment, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';
import { PipelineAlarms, PipelineAlarmsOptions, PipelineSchedule, PipelineSchedules, S3TriggeredRuns, S3TriggeredRunsOptions } from '../../src/operations';
import { PipelineFunctions } from '../../src/wiring/pipeline-functions';

/** A small valid config for a pipeline deployed with no optional flow. */
export const MINIMAL_CONFIG = {
  datasetGroup: {
    serviceConfig: { name: 'ops-group' },
    datasets: [],
  },
};

/** What the three operations parts are given, as the pipeline will give it (scoped under the pipeline). */
export interface OperationsOptions {
  readonly schedules?: PipelineSchedule[];
  readonly s3TriggeredRuns?: S3TriggeredRunsOptions;
  readonly alarms?: PipelineAlarmsOptions;
}

/** A pipeline and its operations parts. */
export interface WithOperations {
  readonly pipeline: PersonalizeMlOpsPipeline;
  readonly schedules?: PipelineSchedules;
  readonly s3TriggeredRuns?: S3TriggeredRuns;
  readonly alarms?: PipelineAlarms;
}

/** The pipeline's validator (the construct keeps its functions internal). */
export function validatorOf(pipeline: PersonalizeMlOpsPipeline): lambda.Function {
  return (pipeline.node.findChild('Functions') as PipelineFunctions).validateConfig;
}

/**
 * Adds the operations parts to a pipeline as `PersonalizeMlOpsPipeline` wires them: children of the pipeline, given
 * its main state machine, bus, event source, key and validator.
 */
export function addOperations(pipeline: PersonalizeMlOpsPipeline, options: OperationsOptions, encryptionKey?: kms.IKey): WithOperations {
  const stateMachine = pipeline.stateMachine;
  const validateFunction = validatorOf(pipeline);
  return {
    pipeline,
    schedules: options.schedules ? new PipelineSchedules(pipeline, 'Schedules', { schedules: options.schedules, stateMachine, validateFunction, encryptionKey }) : undefined,
    s3TriggeredRuns: options.s3TriggeredRuns ? new S3TriggeredRuns(pipeline, 'S3TriggeredRuns', { ...options.s3TriggeredRuns, stateMachine, validateFunction }) : undefined,
    alarms: options.alarms
      ? new PipelineAlarms(pipeline, 'Alarms', { ...options.alarms, stateMachine, eventBus: pipeline.eventBus, eventSource: pipeline.eventSource, encryptionKey })
      : undefined,
  };
}

/** Every operations option on, with buckets of the given stack. */
export function everyOperation(stack: Stack, prefix = ''): OperationsOptions {
  const configs = s3.Bucket.fromBucketName(stack, `${prefix}ConfigBucket`, 'my-pipeline-configs');
  return {
    schedules: [
      { name: 'weekly-full', expression: 'cron(0 3 ? * SUN *)', timeZone: 'Europe/Paris', configLocation: { bucket: configs, key: 'schedules/full.json' } },
      { name: 'daily-import', expression: 'rate(1 day)', inlineConfig: JSON.stringify(MINIMAL_CONFIG), flexibleWindow: Duration.minutes(30) },
    ],
    s3TriggeredRuns: { bucket: configs },
    alarms: { emailAddress: 'ops@example.com' },
  };
}

/** A stack with one pipeline and the operations parts. */
export function synthOperations(
  options: OperationsOptions | ((stack: Stack) => OperationsOptions),
  pipelineProps: PersonalizeMlOpsPipelineProps = {},
  env: Environment = { account: '123456789012', region: 'us-east-1' },
): WithOperations & { stack: Stack; template: Template } {
  const app = new App();
  const stack = new Stack(app, 'Ops', { env });
  const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', pipelineProps);
  const parts = addOperations(pipeline, typeof options === 'function' ? options(stack) : options, pipelineProps.encryptionKey);
  return { ...parts, stack, template: Template.fromStack(stack) };
}
