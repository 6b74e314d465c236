import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DataDeletionSteps } from './data-deletion-flow';
import { DatasetExportSteps } from './dataset-export-flow';
import { FlowProps } from './flow-props';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { FlowServices } from '../steps/flow-services';
import { reportRename } from '../steps/report-rename';
import { skipUnless } from '../steps/skip-unless';

/**
 * Runs (or reuses) one dataset import job, or another data job of the group (an item whose `kind` is
 * DATASET_EXPORT_JOB or DATA_DELETION_JOB: dataset-export-flow.ts, data-deletion-flow.ts). Input item: one of the plan's `imports` (its `jobName` may be the
 * pre-flight step's derived name, see reportRename); context: `datasetGroupName`. A job whose `createNewJob` is
 * false is skipped with an event. A job of that name that imports into another dataset group's dataset is a
 * conflict. Output: `{ datasetType, jobArn, created }`.
 * @internal
 */
export class DatasetImportFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const kind = RESOURCE_KINDS.datasetImportJob;
    const datasetArn = FlowServices.arnAt('dataset', '$.context.datasetGroupName', '$.item.datasetType');
    const importJob = PollEngine.named(this, 'ImportJob', '$.item.serviceConfig.jobName', {
      kind,
      services,
      slot: 'importJob',
      exclusiveBranch: kind.id,
      create: { action: 'createDatasetImportJob', serviceConfig: '$.item.serviceConfig', derived: { datasetArn } },
    });
    const imported = new sfn.Pass(this, 'Output', {
      parameters: { 'datasetType.$': '$.item.datasetType', 'jobArn.$': '$.importJob.arn', 'created.$': '$.importJob.created' },
    });
    // The group's other data jobs share this state machine (an item's `kind` says which): one branch each.
    const exportJob = new DatasetExportSteps(this, 'ExportJob', services);
    const deletionJob = new DataDeletionSteps(this, 'DeletionJob', services);
    const job = '$.job.id';
    const dispatch = new sfn.Choice(this, 'Which job?')
      .when(sfn.Condition.stringEquals(job, RESOURCE_KINDS.datasetExportJob.id), exportJob)
      .when(sfn.Condition.stringEquals(job, RESOURCE_KINDS.dataDeletionJob.id), deletionJob)
      .otherwise(importJob.next(imported));
    const body = reportRename(this, services.events, job, dispatch);
    const which = new sfn.Choice(this, 'Job kind given?')
      .when(sfn.Condition.isPresent('$.item.kind'), new sfn.Pass(this, 'Job kind', { parameters: { 'id.$': '$.item.kind' }, resultPath: '$.job' }))
      .otherwise(new sfn.Pass(this, 'Import job', { parameters: { id: kind.id }, resultPath: '$.job' }))
      .afterwards();
    const definition = which.next(skipUnless(this, services.events, '$.item.createNewJob', job, '$.item.serviceConfig.jobName', body));
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: dataset import job');
  }
}
