import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { createFlowStateMachine } from '../core/flow-state-machine';
import { PollEngine } from '../core/poll-engine';
import { RESOURCE_KINDS } from '../core/resource-kind';

/**
 * Creates or reuses the dataset group. Input item: the plan's `datasetGroup`.
 * Output: `{ datasetGroupArn, datasetGroupName, created }`.
 * @internal
 */
export class DatasetGroupFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const kind = RESOURCE_KINDS.datasetGroup;
    const ensure = PollEngine.named(this, 'DatasetGroup', '$.item.name', {
      kind,
      services: props.services,
      slot: 'datasetGroup',
      create: { action: 'createDatasetGroup', serviceConfig: '$.item.serviceConfig' },
    });
    const output = new sfn.Pass(this, 'Output', {
      parameters: { 'datasetGroupArn.$': '$.datasetGroup.arn', 'datasetGroupName.$': '$.datasetGroup.name', 'created.$': '$.datasetGroup.created' },
    });
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', ensure.next(output), props.settings, 'personalize-mlops: dataset group');
  }
}
