import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { EnsureResource } from '../core/ensure-resource';
import { FlowServices } from '../core/flow-services';
import { createFlowStateMachine } from '../core/flow-state-machine';
import { RESOURCE_KINDS } from '../core/resource-kind';

/**
 * Runs (or reuses) one dataset import job. Input item: one of the plan's `imports`; context:
 * `datasetGroupName`. A job whose `createNewJob` is false is skipped with an event. Output:
 * `{ datasetType, jobArn, created }` (`jobArn` empty when skipped).
 * @internal
 */
export class DatasetImportFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const kind = RESOURCE_KINDS.datasetImportJob;
    const datasetArn = FlowServices.arnAt('dataset', '$.context.datasetGroupName', '$.item.datasetType');
    const importJob = new EnsureResource(this, 'ImportJob', {
      kind,
      bounds: services.bounds(kind, 'datasetImportJob'),
      services,
      slot: 'importJob',
      arn: FlowServices.arnAt(kind.arnType, '$.item.serviceConfig.jobName'),
      name: '$.item.serviceConfig.jobName',
      create: { action: 'createDatasetImportJob', serviceConfig: '$.item.serviceConfig', derived: { datasetArn } },
    });
    const imported = new sfn.Pass(this, 'Output', {
      parameters: { 'datasetType.$': '$.item.datasetType', 'jobArn.$': '$.importJob.arn', 'created.$': '$.importJob.created' },
    });
    const skipped = services.events.resource(this, 'Report skipped', {
      kind: kind.id, name: '$.item.serviceConfig.jobName', arn: '', status: 'SKIPPED', created: false, reason: 'createNewJob is false',
    }).next(new sfn.Pass(this, 'Output skipped', {
      parameters: { 'datasetType.$': '$.item.datasetType', 'jobArn': '', 'created': false },
    }));
    const definition = new sfn.Choice(this, 'Import requested?')
      .when(sfn.Condition.booleanEquals('$.item.createNewJob', true), importJob.next(imported))
      .otherwise(skipped);
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: dataset import job');
  }
}
