import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { EnsureResource } from '../core/ensure-resource';
import { explainAndFail } from '../core/explain-and-fail';
import { createFlowStateMachine } from '../core/flow-state-machine';
import { RESOURCE_KINDS } from '../core/resource-kind';

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
    const filter = EnsureResource.named(this, 'Filter', '$.item.serviceConfig.name', {
      kind,
      services,
      slot: 'filter',
      create: { action: 'createFilter', serviceConfig: '$.item.serviceConfig', derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
    });
    const mismatch = explainAndFail(this, 'expression mismatch', {
      events: services.events,
      cause: "States.Format('Filter {} exists with expression [{}] but the config asks for [{}]; filters cannot change, so give the new expression a new filter name', $.filter.name, $.filter.description.Filter.FilterExpression, $.item.serviceConfig.filterExpression)",
      resultPath: '$.mismatch',
      event: { kind: kind.id, name: '$.filter.name', arn: '$.filter.arn', status: 'CONFLICT', created: false },
      error: 'FilterExpressionMismatch',
    });
    const output = new sfn.Pass(this, 'Output', { parameters: { 'filterArn.$': '$.filter.arn', 'created.$': '$.filter.created' } });
    const definition = filter.next(new sfn.Choice(this, 'Same expression?')
      .when(sfn.Condition.stringEqualsJsonPath('$.filter.description.Filter.FilterExpression', '$.item.serviceConfig.filterExpression'), output)
      .otherwise(mismatch));
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: filter');
  }
}
