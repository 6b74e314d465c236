import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { ReconcileStep } from '../polling/reconcile-step';
import { FlowServices } from '../steps/flow-services';
import { invokeCreateFunction } from '../steps/invoke-create-function';

/**
 * Creates or reuses one dataset and its schema. Input item: one of the plan's `datasets`; context:
 * `datasetGroupArn`, `datasetGroupName`. Output: `{ type, datasetArn, schemaArn, created }`.
 * @internal
 */
export class DatasetFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const schema = PollEngine.named(this, 'Schema', '$.item.schema.serviceConfig.name', {
      kind: RESOURCE_KINDS.schema,
      services,
      slot: 'schema',
      create: { action: 'createSchema', serviceConfig: '$.item.schema.serviceConfig' },
    });
    const dataset = PollEngine.createOrReuse(this, 'Dataset', {
      kind: RESOURCE_KINDS.dataset,
      services,
      slot: 'dataset',
      arn: FlowServices.arnAt('dataset', '$.context.datasetGroupName', '$.item.type'),
      name: '$.item.dataset.serviceConfig.name',
      create: {
        action: 'createDataset',
        serviceConfig: '$.item.dataset.serviceConfig',
        derived: { datasetGroupArn: '$.context.datasetGroupArn', schemaArn: '$.schema.arn', datasetType: '$.item.type' },
      },
    });
    const output = new sfn.Pass(this, 'Output', {
      parameters: { 'type.$': '$.item.type', 'datasetArn.$': '$.dataset.arn', 'schemaArn.$': '$.schema.arn', 'created.$': '$.dataset.created' },
    });
    // Schemas cannot change: a new schema comes with a new name, and the existing dataset moves to it.
    const moveToSchema = invokeCreateFunction(this, 'Move the dataset to the schema', services, {
      action: 'updateDataset',
      derived: { datasetArn: '$.dataset.arn', schemaArn: '$.schema.arn' },
    });
    const update = PollEngine.untilReady(this, 'DatasetUpdate', {
      kind: RESOURCE_KINDS.datasetUpdate,
      services,
      slot: 'datasetUpdate',
      arn: '$.dataset.arn',
      name: '$.dataset.name',
      readyEventFields: { schemaArn: '$.schema.arn' },
    });
    // An existing dataset gets the configured tags.
    const tags = new ReconcileStep(this, 'Tags', {
      services, kind: RESOURCE_KINDS.dataset, slot: 'dataset', action: 'tagResource', serviceConfig: '$.item.dataset.serviceConfig', derived: { resourceArn: '$.dataset.arn' },
    });
    tags.next(output);
    moveToSchema.next(update).next(tags);
    const onSchema = new sfn.Choice(this, 'On the configured schema?')
      .when(sfn.Condition.stringEqualsJsonPath('$.dataset.description.Dataset.SchemaArn', '$.schema.arn'), tags)
      .otherwise(moveToSchema);
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', schema.next(dataset).next(onSchema), props.settings, 'personalize-mlops: schema and dataset');
  }
}
