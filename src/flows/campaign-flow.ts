import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { MetricsGate } from '../model-checks/metrics-gate';
import { RecommendationSmokeTest } from '../model-checks/recommendation-smoke-test';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { ReconcileStep } from '../polling/reconcile-step';
import { skipUnless } from '../steps/skip-unless';

/**
 * Creates a campaign on the solution version, or moves an existing campaign to it (or to a new
 * minProvisionedTPS or campaignConfig) with one UpdateCampaign and waits on `latestCampaignUpdate.status` (the
 * campaign's own status stays ACTIVE during an update), then publishes one `UPDATED` event with the changes. With `campaignConfig.syncWithLatestSolutionVersion: true` the
 * campaign is deployed on `<solutionArn>/$LATEST`, the form the API requires for it (API reference,
 * CreateCampaign and UpdateCampaign: solutionVersionArn), and Personalize moves it to each new version itself.
 * A campaign of that name that serves another solution is a conflict (names are unique per account).
 * Input item: one of a solution's `campaigns`; context: `solutionArn`, `solutionName`, `solutionVersionArn`.
 * The item's `solutionversion`, when not empty, wins over the context's. Output: `{ campaignArn, solutionVersionArn, created }`.
 * Before a campaign moves to the training flow's version, the solution's metrics gate (`$.context.metricsGate`) may
 * keep it where it is and fail the flow (`MetricsGateRejected`); once the campaign serves its version, the item's
 * `smokeTest` asks it for recommendations (`SmokeTestFailed` on an error or an empty answer).
 * @internal
 */
export class CampaignFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const kind = RESOURCE_KINDS.campaign;
    const campaign = PollEngine.named(this, 'Campaign', '$.item.serviceConfig.name', {
      kind,
      services,
      slot: 'campaign',
      create: { action: 'createCampaign', serviceConfig: '$.item.serviceConfig', derived: { solutionVersionArn: '$.target.arn' } },
    });
    // One step updates an existing campaign: the create function compares the version it serves, its minProvisionedTPS
    // and campaignConfig with the target and the config, makes one UpdateCampaign for what differs (and the tag calls),
    // and the flow waits on latestCampaignUpdate (an update under way, too) and reports what changed.
    const update = new ReconcileStep(this, 'Reconcile', {
      services,
      kind,
      slot: 'campaign',
      action: 'updateCampaign',
      serviceConfig: '$.item.serviceConfig',
      derived: { campaignArn: '$.campaign.arn', solutionVersionArn: '$.target.arn' },
      updateKind: RESOURCE_KINDS.campaignUpdate,
      readyEventFields: { solutionVersionArn: '$.target.arn' },
    });
    const output = new sfn.Pass(this, 'Output', {
      parameters: { 'campaignArn.$': '$.campaign.arn', 'solutionVersionArn.$': '$.target.arn', 'created.$': '$.campaign.created' },
    });
    const smokeTest = new RecommendationSmokeTest(this, 'SmokeTest', {
      services, kind, arn: '$.campaign.arn', name: '$.campaign.name', test: '$.item.smokeTest', actionRecommendations: '$.item.actionRecommendations',
    });
    smokeTest.next(output);
    update.next(smokeTest);

    const description = '$.campaign.description.Campaign';
    const latestUpdate = `${description}.LatestCampaignUpdate`;
    // Every move to another version passes the metrics gate first (a TPS change on the same version does not).
    const gate = new MetricsGate(this, 'MetricsGate', {
      services, name: '$.campaign.name', arn: '$.campaign.arn', currentVersion: `${description}.SolutionVersionArn`, targetVersion: '$.target.arn',
    });
    gate.next(update);
    // An update to this version that is under way is waited for (the reconcile sees it and waits); one that failed is made again.
    const updateFailed = sfn.Condition.or(...RESOURCE_KINDS.campaignUpdate.failedStatuses.map((s) => sfn.Condition.stringEquals(`${latestUpdate}.Status`, s)));
    const updateUnderWay = new sfn.Choice(this, 'Update to it under way?')
      .when(sfn.Condition.not(sfn.Condition.isPresent(`${latestUpdate}.SolutionVersionArn`)), gate)
      .when(sfn.Condition.not(sfn.Condition.isPresent(`${latestUpdate}.Status`)), gate)
      .when(sfn.Condition.and(sfn.Condition.stringEqualsJsonPath(`${latestUpdate}.SolutionVersionArn`, '$.target.arn'), sfn.Condition.not(updateFailed)), update)
      .otherwise(gate);
    // On the right version, the reconcile updates the campaign only where the config differs (minProvisionedTPS,
    // campaignConfig, tags); a campaign this execution created is as configured.
    const onVersion = new sfn.Choice(this, 'On the solution version?')
      .when(sfn.Condition.not(sfn.Condition.isPresent(`${description}.SolutionVersionArn`)), update)
      .when(sfn.Condition.stringEqualsJsonPath(`${description}.SolutionVersionArn`, '$.target.arn'), update)
      .when(sfn.Condition.isPresent(latestUpdate), updateUnderWay)
      .otherwise(gate);
    // A campaign that follows the latest version by itself is on target whatever version it serves now.
    const syncing = `${description}.CampaignConfig.SyncWithLatestSolutionVersion`;
    const onTarget = new sfn.Choice(this, 'Syncs with the latest version?')
      .when(sfn.Condition.and(sfn.Condition.booleanEquals('$.target.sync', true), sfn.Condition.isPresent(syncing)), new sfn.Choice(this, 'Campaign syncs too?')
        .when(sfn.Condition.booleanEquals(syncing, true), update)
        .otherwise(update))
      .otherwise(onVersion);

    const sync = '$.item.serviceConfig.campaignConfig.syncWithLatestSolutionVersion';
    const useLatest = new sfn.Pass(this, 'Use the solution\'s $LATEST', {
      parameters: { 'arn.$': "States.Format('{}/$LATEST', $.context.solutionArn)", 'sync': true }, resultPath: '$.target',
    });
    const useFlowVersion = new sfn.Pass(this, 'Use the training flow version', {
      parameters: { 'arn.$': '$.context.solutionVersionArn', 'sync': false }, resultPath: '$.target',
    });
    // Nested: the config may leave the flag out or give it another type.
    const syncRequested = new sfn.Choice(this, 'Sync requested?')
      .when(sfn.Condition.not(sfn.Condition.isPresent(sync)), useFlowVersion)
      .otherwise(new sfn.Choice(this, 'Sync flag a boolean?')
        .when(sfn.Condition.not(sfn.Condition.isBoolean(sync)), useFlowVersion)
        .otherwise(new sfn.Choice(this, 'Sync on?')
          .when(sfn.Condition.booleanEquals(sync, true), useLatest)
          .otherwise(useFlowVersion)));
    const target = new sfn.Choice(this, 'Version named?')
      .when(sfn.Condition.stringEquals('$.item.solutionversion', ''), syncRequested)
      .otherwise(new sfn.Pass(this, 'Use the named version', {
        parameters: { 'arn.$': '$.item.solutionversion', 'sync': false }, resultPath: '$.target',
      }).next(campaign));
    useLatest.next(campaign);
    useFlowVersion.next(campaign);
    campaign.next(onTarget);
    const definition = skipUnless(this, services.events, '$.item.createCampaign', kind.id, '$.item.serviceConfig.name', target);
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: campaign');
  }
}
