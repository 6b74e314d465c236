import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { EnsureResource } from '../core/ensure-resource';
import { createFlowStateMachine } from '../core/flow-state-machine';
import { RESOURCE_KINDS } from '../core/resource-kind';
import { skipUnless } from '../core/skip-unless';

/**
 * Creates or reuses one recommender of a domain dataset group. Input item: one of the plan's
 * `recommenders`; context: `datasetGroupArn`. Output: `{ recommenderArn, created }`.
 * @internal
 */
export class RecommenderFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const kind = RESOURCE_KINDS.recommender;
    const recommender = EnsureResource.named(this, 'Recommender', '$.item.serviceConfig.name', {
      kind,
      services,
      slot: 'recommender',
      create: { action: 'createRecommender', serviceConfig: '$.item.serviceConfig', derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
    });
    const output = new sfn.Pass(this, 'Output', { parameters: { 'recommenderArn.$': '$.recommender.arn', 'created.$': '$.recommender.created' } });
    const definition = skipUnless(this, services.events, '$.item.createRecommender', kind.id, '$.item.serviceConfig.name', recommender.next(output));
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: recommender');
  }
}
