import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { PollEngine } from '../polling/poll-engine';
import { FlowServices } from '../steps/flow-services';

/**
 * The dataset group's data deletion job (API reference, CreateDataDeletionJob: removes the users of an S3 CSV from
 * every dataset of the group), run after the run's imports and before any training, and waited for until COMPLETED
 * (FAILED: a failure event with the service's reason, and the run trains nothing on the data it did not delete). Its
 * COMPLETED event carries `numDeleted`. Re-run semantics as import jobs. A branch of the dataset import flow: input item
 * the plan's `dataDeletionJob`; context `datasetGroupArn`. Output: `{ jobArn, created, numDeleted }`.
 * @internal
 */
export class DataDeletionSteps extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, services: FlowServices) {
    super(scope, id);
    const job = PollEngine.named(this, 'DeletionJob', '$.item.serviceConfig.jobName', {
      kind: RESOURCE_KINDS.dataDeletionJob,
      services,
      slot: 'deletionJob',
      exclusiveBranch: 'DATA_DELETION_JOB',
      create: { action: 'createDataDeletionJob', serviceConfig: '$.item.serviceConfig', derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
    });
    // numDeleted is reported by a COMPLETED job only (API reference, DataDeletionJob).
    const output = new sfn.Pass(this, 'Deletion output', {
      parameters: { 'jobArn.$': '$.deletionJob.arn', 'created.$': '$.deletionJob.created', 'numDeleted.$': '$.deletionJob.description.DataDeletionJob.NumDeleted' },
    });
    const noCount = new sfn.Pass(this, 'Deletion output, no count', {
      parameters: { 'jobArn.$': '$.deletionJob.arn', 'created.$': '$.deletionJob.created', 'numDeleted': -1 },
    });
    job.next(new sfn.Choice(this, 'Count reported?')
      .when(sfn.Condition.isPresent('$.deletionJob.description.DataDeletionJob.NumDeleted'), output)
      .otherwise(noCount));
    this.startState = job.startState;
    this.endStates = [output, noCount];
  }
}
