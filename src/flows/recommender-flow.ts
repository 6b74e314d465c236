import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { RecommendationSmokeTest } from '../model-checks/recommendation-smoke-test';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { ReconcileStep } from '../polling/reconcile-step';
import { personalizeCall } from '../steps/personalize-call';
import { skipUnless } from '../steps/skip-unless';

/**
 * Creates or reuses one recommender of a domain dataset group. A recommender that was stopped (INACTIVE, or
 * STOP PENDING / STOP IN_PROGRESS, waited out) is started again with StartRecommender and waited for, as the
 * config asks for a serving recommender. One that exists is then updated in place where the config changed its
 * recommenderConfig (UpdateRecommender), and gets the configured tags (ReconcileStep). Input item: one of the plan's
 * `recommenders`; context: `datasetGroupArn`. Output: `{ recommenderArn, created }`. Once it is ACTIVE, the item's `smokeTest` asks it for
 * recommendations (`SmokeTestFailed` on an error or an empty answer).
 * @internal
 */
export class RecommenderFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const kind = RESOURCE_KINDS.recommender;
    const recommender = PollEngine.named(this, 'Recommender', '$.item.serviceConfig.name', {
      kind,
      services,
      slot: 'recommender',
      create: { action: 'createRecommender', serviceConfig: '$.item.serviceConfig', derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
    });
    const start = personalizeCall(this, 'Start the recommender', {
      action: 'startRecommender',
      parameters: { RecommenderArn: sfn.JsonPath.stringAt('$.recommender.arn') },
      arnType: 'recommender',
      resultPath: sfn.JsonPath.DISCARD,
    });
    const started = PollEngine.untilReady(this, 'RecommenderStart', {
      kind: RESOURCE_KINDS.recommenderStart,
      services,
      slot: 'recommenderStart',
      arn: '$.recommender.arn',
      name: '$.recommender.name',
    });
    const output = new sfn.Pass(this, 'Output', { parameters: { 'recommenderArn.$': '$.recommender.arn', 'created.$': '$.recommender.created' } });
    const smokeTest = new RecommendationSmokeTest(this, 'SmokeTest', {
      services, kind, arn: '$.recommender.arn', name: '$.recommender.name', test: '$.item.smokeTest',
    });
    smokeTest.next(output);
    // A serving recommender is brought in line with the config: UpdateRecommender, waited for on
    // latestRecommenderUpdate, and its tags.
    const reconcile = new ReconcileStep(this, 'Reconcile', {
      services,
      kind,
      slot: 'recommender',
      action: 'updateRecommender',
      serviceConfig: '$.item.serviceConfig',
      derived: { recommenderArn: '$.recommender.arn' },
      updateKind: RESOURCE_KINDS.recommenderUpdate,
    });
    reconcile.next(smokeTest);
    start.next(started).next(reconcile);
    recommender.next(new sfn.Choice(this, 'Stopped?')
      .when(sfn.Condition.stringEquals('$.recommender.status', 'INACTIVE'), start)
      .otherwise(reconcile));
    const definition = skipUnless(this, services.events, '$.item.createRecommender', kind.id, '$.item.serviceConfig.name', recommender);
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: recommender');
  }
}
