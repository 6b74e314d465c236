import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { EnsureResource } from './ensure-resource';
import { HISTORY_EVENT_BUDGET, HISTORY_EVENT_LIMIT } from './poll-schedule';

/** Settings every state machine of a pipeline shares. @internal */
export interface StateMachineSettings {
  readonly logRetention: logs.RetentionDays;
  readonly includeExecutionDataInLogs: boolean;
  readonly tracing: boolean;
  /** Encrypts the log groups. */
  readonly encryptionKey?: kms.IKey;
}

/** The poll loops built under `scope`, and their worst case in history events per execution. @internal */
export function pollLoopsOf(scope: IConstruct): { loops: EnsureResource[]; worstCaseEvents: number } {
  const loops = scope.node.findAll().filter((c): c is EnsureResource => c instanceof EnsureResource);
  return { loops, worstCaseEvents: loops.reduce((sum, loop) => sum + loop.worstCaseEvents, 0) };
}

/**
 * A state machine of the pipeline: standard type, logged at level ALL to its own log group, traced.
 * Its name is left to CloudFormation so two pipelines never collide. Its poll loops must fit Step Functions'
 * history limit with room to spare: settings whose worst case does not are rejected here, at synth time.
 * @internal
 */
export function createFlowStateMachine(
  scope: Construct, id: string, definition: sfn.IChainable, settings: StateMachineSettings, comment: string,
  loopsScope: IConstruct = scope,
): sfn.StateMachine {
  const { loops, worstCaseEvents } = pollLoopsOf(loopsScope);
  if (worstCaseEvents > HISTORY_EVENT_BUDGET) {
    const detail = loops.filter((l) => l.worstCaseEvents > 0)
      .map((l) => `${l.node.id} (polling.${l.pollingKey}: ${l.schedule.polls} polls over ${l.schedule.settings.timeout.toHumanString()}, up to ${l.worstCaseEvents} events)`)
      .join(', ');
    throw new Error(`polling: the ${comment.replace(/^personalize-mlops: /, '')} state machine could need ${worstCaseEvents} history events in one execution `
      + `(${detail}); Step Functions allows ${HISTORY_EVENT_LIMIT} and the pipeline keeps to ${HISTORY_EVENT_BUDGET}: raise maxInterval or lower timeout of those kinds`);
  }
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
