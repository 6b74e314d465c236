import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Settings every state machine of a pipeline shares. @internal */
export interface StateMachineSettings {
  readonly logRetention: logs.RetentionDays;
  readonly includeExecutionDataInLogs: boolean;
  readonly tracing: boolean;
  /** Encrypts the log groups. */
  readonly encryptionKey?: kms.IKey;
}

/**
 * A state machine of the pipeline: standard type, logged at level ALL to its own log group, traced.
 * Its name is left to CloudFormation so two pipelines never collide.
 * @internal
 */
export function createFlowStateMachine(
  scope: Construct, id: string, definition: sfn.IChainable, settings: StateMachineSettings, comment: string,
): sfn.StateMachine {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: settings.logRetention, removalPolicy: RemovalPolicy.DESTROY, encryptionKey: settings.encryptionKey,
  });
  return new sfn.StateMachine(scope, id, {
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
    comment,
    tracingEnabled: settings.tracing,
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: settings.includeExecutionDataInLogs },
  });
}
