import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { ReconcileStep } from '../polling/reconcile-step';

/**
 * Creates or reuses one filter. An existing filter with another expression is an error that names both
 * expressions (filters cannot be updated: give the new expression a new name). Input item: one of the
 * plan's `filters`; context: `datasetGroupArn`. Output: `{ filterArn, created }`.
 * @internal
 */
export class FilterFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const kind = RESOURCE_KINDS.filter;
    const filter = PollEngine.named(this, 'Filter', '$.item.serviceConfig.name', {
      kind,
      services,
      slot: 'filter',
      create: { action: 'createFilter', serviceConfig: '$.item.serviceConfig', derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
    });
    // The loop's own failure ending reports this one too.
    const mismatch = filter.failures.explain('Explain expression mismatch', {
      error: 'FilterExpressionMismatch',
      event: {
        kind: kind.id,
        name: '$.filter.name',
        arn: '$.filter.arn',
        status: 'CONFLICT',
        created: false,
        cause: "States.Format('Filter {} exists with expression [{}] but the config asks for [{}]; filters cannot change, so give the new expression a new filter name', $.filter.name, $.filter.description.Filter.FilterExpression, $.item.serviceConfig.filterExpression)",
      },
    });
    const output = new sfn.Pass(this, 'Output', { parameters: { 'filterArn.$': '$.filter.arn', 'created.$': '$.filter.created' } });
    const tags = new ReconcileStep(this, 'Tags', {
      services, kind, slot: 'filter', action: 'tagResource', serviceConfig: '$.item.serviceConfig', derived: { resourceArn: '$.filter.arn' },
    });
    tags.next(output);
    const definition = filter.next(new sfn.Choice(this, 'Same expression?')
      .when(sfn.Condition.stringEqualsJsonPath('$.filter.description.Filter.FilterExpression', '$.item.serviceConfig.filterExpression'), tags)
      .otherwise(mismatch));
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: filter');
  }
}
