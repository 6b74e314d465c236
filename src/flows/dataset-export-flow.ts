import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { PollEngine } from '../polling/poll-engine';
import { FlowServices } from '../steps/flow-services';

/**
 * One dataset export job (API reference, CreateDatasetExportJob: BULK, PUT or ALL data of a dataset to S3), created or
 * reused as import jobs are: a job of that name that did not fail is not repeated, one that failed runs under the
 * pre-flight's derived name. A branch of the dataset import flow (the group's data jobs share its state machine):
 * input item one of the plan's `exports`; context `datasetGroupName`. Output: `{ datasetType, jobArn, created }`.
 * @internal
 */
export class DatasetExportSteps extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, services: FlowServices) {
    super(scope, id);
    const job = PollEngine.named(this, 'ExportJob', '$.item.serviceConfig.jobName', {
      kind: RESOURCE_KINDS.datasetExportJob,
      services,
      slot: 'exportJob',
      exclusiveBranch: 'DATASET_EXPORT_JOB',
      create: {
        action: 'createDatasetExportJob',
        serviceConfig: '$.item.serviceConfig',
        derived: { datasetArn: FlowServices.arnAt('dataset', '$.context.datasetGroupName', '$.item.datasetType') },
      },
    });
    const output = new sfn.Pass(this, 'Export output', {
      parameters: { 'datasetType.$': '$.item.datasetType', 'jobArn.$': '$.exportJob.arn', 'created.$': '$.exportJob.created' },
    });
    job.next(output);
    this.startState = job.startState;
    this.endStates = [output];
  }
}
