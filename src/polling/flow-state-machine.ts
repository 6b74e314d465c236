import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { PollEngine } from './poll-engine';
import { HISTORY_EVENT_BUDGET, HISTORY_EVENT_LIMIT } from '../kinds/poll-schedule';
import { substituteDefinitionReferences } from '../steps/definition-substitutions';

/** Settings every state machine of a pipeline shares. @internal */
export interface StateMachineSettings {
  readonly logRetention: logs.RetentionDays;
  readonly includeExecutionDataInLogs: boolean;
  readonly tracing: boolean;
  /** Encrypts the log groups. */
  readonly encryptionKey?: kms.IKey;
}

/**
 * The poll engines built under `scope`, and the worst case in history events of one of their executions: each loop
 * runs as one execution of the poll machine (src/polling/poll-machine.ts), so the costliest loop is what one execution
 * may need.
 * @internal
 */
export function pollLoopsOf(scope: IConstruct): { loops: PollEngine[]; worstCaseEvents: number } {
  const loops = scope.node.findAll().filter((c): c is PollEngine => c instanceof PollEngine);
  return { loops, worstCaseEvents: loops.reduce((most, loop) => Math.max(most, loop.worstCaseEvents), 0) };
}

/**
 * The one history-budget check: the worst case of every poll loop a state machine starts (each one execution of the
 * poll machine) must fit Step Functions' history limit with room to spare; settings whose worst case does not are
 * rejected at synth time, naming each loop and its `polling` key.
 */
function checkHistoryBudget(comment: string, loopsScope: IConstruct): void {
  const { loops, worstCaseEvents } = pollLoopsOf(loopsScope);
  if (worstCaseEvents <= HISTORY_EVENT_BUDGET) return;
  const detail = loops.filter((l) => l.worstCaseEvents > HISTORY_EVENT_BUDGET)
    .map((l) => `${l.exclusiveBranch ? `${l.exclusiveBranch}: ` : ''}${l.label} (polling.${l.pollingKey}: ${l.schedule.polls} polls over ${l.schedule.settings.timeout.toHumanString()}, up to ${l.worstCaseEvents} events)`)
    .join(', ');
  throw new Error(`polling: the ${comment.replace(/^personalize-mlops: /, '').replace(/[;,].*$/, '')} state machine could need ${worstCaseEvents} history events in one execution `
    + `(${detail}; each poll loop is one execution of the poll machine); Step Functions allows ${HISTORY_EVENT_LIMIT} and the pipeline keeps to ${HISTORY_EVENT_BUDGET}: raise maxInterval or lower timeout of those kinds`);
}

/**
 * A state machine of the pipeline: standard type, logged at level ALL to its own log group, traced.
 * Its name is left to CloudFormation so two pipelines never collide. Its poll engines (under `loopsScope`) must fit
 * Step Functions' history limit with room to spare (see checkHistoryBudget).
 * @internal
 */
export function createFlowStateMachine(
  scope: Construct, id: string, definition: sfn.IChainable, settings: StateMachineSettings, comment: string,
  loopsScope: IConstruct = scope,
  /** Values the definition names as `${name}` (Step Functions' DefinitionSubstitutions). @default - none */
  substitutions?: Record<string, string>,
): sfn.StateMachine {
  checkHistoryBudget(comment, loopsScope);
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: settings.logRetention, removalPolicy: RemovalPolicy.DESTROY, encryptionKey: settings.encryptionKey,
  });
  const machine = new sfn.StateMachine(scope, id, {
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
    definitionSubstitutions: substitutions,
    comment,
    tracingEnabled: settings.tracing,
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: settings.includeExecutionDataInLogs },
  });
  substituteDefinitionReferences(machine);
  return machine;
}
