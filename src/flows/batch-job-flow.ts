import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { reportRename } from '../steps/report-rename';
import { skipUnless } from '../steps/skip-unless';

/** Which batch job a flow runs. @internal */
export enum BatchJobType {
  INFERENCE = 'INFERENCE',
  SEGMENT = 'SEGMENT',
}

/** Props of a batch job flow. @internal */
export interface BatchJobFlowProps extends FlowProps {
  readonly type: BatchJobType;
}

/**
 * Runs (or reuses) one batch inference or batch segment job on the solution version chosen by the
 * training flow. Input item: one of a solution's `batchInferenceJobs` or `batchSegmentJobs` (its `jobName` may
 * be the pre-flight step's derived name); context: `solutionVersionArn`, `solutionName`. A job of that name
 * that ran on another solution is a conflict. Output: `{ jobArn, created }`.
 * @internal
 */
export class BatchJobFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: BatchJobFlowProps) {
    super(scope, id);
    const { services } = props;
    const inference = props.type === BatchJobType.INFERENCE;
    const kind = inference ? RESOURCE_KINDS.batchInferenceJob : RESOURCE_KINDS.batchSegmentJob;
    const job = PollEngine.named(this, 'BatchJob', '$.item.serviceConfig.jobName', {
      kind,
      services,
      slot: 'job',
      create: {
        action: inference ? 'createBatchInferenceJob' : 'createBatchSegmentJob',
        serviceConfig: '$.item.serviceConfig',
        derived: { solutionVersionArn: '$.context.solutionVersionArn' },
      },
    });
    const output = new sfn.Pass(this, 'Output', { parameters: { 'jobArn.$': '$.job.arn', 'created.$': '$.job.created' } });
    const flag = inference ? '$.item.createBatchInferenceJob' : '$.item.createBatchSegmentJob';
    const body = reportRename(this, services.events, kind.id, job.next(output));
    const definition = skipUnless(this, services.events, flag, kind.id, '$.item.serviceConfig.jobName', body);
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, `personalize-mlops: batch ${inference ? 'inference' : 'segment'} job`);
  }
}
