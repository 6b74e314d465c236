import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { MetricAttributionSteps } from './metric-attribution-flow';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { ReconcileStep } from '../polling/reconcile-step';

/**
 * Creates or reuses the dataset group, then its metric attribution when the config has one. Input item: the plan's `datasetGroup`.
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
    // An existing dataset group gets the configured tags (its domain, which no call changes, was checked by the pre-flight).
    const tags = new ReconcileStep(this, 'Tags', {
      services: props.services, kind, slot: 'datasetGroup', action: 'tagResource', serviceConfig: '$.item.serviceConfig', derived: { resourceArn: '$.datasetGroup.arn' },
    });
    // The metric attribution right after the group, before any import of the run (metric-attribution-flow.ts).
    const attribution = new MetricAttributionSteps(this, 'MetricAttribution', props.services);
    attribution.next(output);
    const definition = ensure.next(tags).next(new sfn.Choice(this, 'Metric attribution?')
      .when(sfn.Condition.isPresent('$.item.metricAttribution'), attribution)
      .otherwise(output));
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: dataset group');
  }
}
