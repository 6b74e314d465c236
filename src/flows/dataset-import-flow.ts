import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { FlowServices } from '../core/flow-services';
import { createFlowStateMachine } from '../core/flow-state-machine';
import { PollEngine } from '../core/poll-engine';
import { reportRename } from '../core/report-rename';
import { RESOURCE_KINDS } from '../core/resource-kind';
import { skipUnless } from '../core/skip-unless';

/**
 * Runs (or reuses) one dataset import job. Input item: one of the plan's `imports` (its `jobName` may be the
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
      create: { action: 'createDatasetImportJob', serviceConfig: '$.item.serviceConfig', derived: { datasetArn } },
    });
    const imported = new sfn.Pass(this, 'Output', {
      parameters: { 'datasetType.$': '$.item.datasetType', 'jobArn.$': '$.importJob.arn', 'created.$': '$.importJob.created' },
    });
    const body = reportRename(this, services.events, kind.id, importJob.next(imported));
    const definition = skipUnless(this, services.events, '$.item.createNewJob', kind.id, '$.item.serviceConfig.jobName', body);
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: dataset import job');
  }
}
