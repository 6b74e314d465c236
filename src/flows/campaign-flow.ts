import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { EnsureResource } from '../core/ensure-resource';
import { createFlowStateMachine } from '../core/flow-state-machine';
import { invokeCreateFunction } from '../core/invoke-create-function';
import { RESOURCE_KINDS } from '../core/resource-kind';
import { skipUnless } from '../core/skip-unless';

/**
 * Creates a campaign on the solution version, or moves an existing campaign to it (or to a new
 * minProvisionedTPS) with UpdateCampaign and waits on `latestCampaignUpdate.status` (the campaign's own
 * status stays ACTIVE during an update).
 * Input item: one of a solution's `campaigns`; context: `solutionVersionArn`. The item's `solutionversion`,
 * when not empty, wins over the context's. Output: `{ campaignArn, solutionVersionArn, created }`.
 * @internal
 */
export class CampaignFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const kind = RESOURCE_KINDS.campaign;
    const campaign = EnsureResource.named(this, 'Campaign', '$.item.serviceConfig.name', {
      kind,
      services,
      slot: 'campaign',
      create: { action: 'createCampaign', serviceConfig: '$.item.serviceConfig', derived: { solutionVersionArn: '$.target.arn' } },
    });
    const pollUpdate = new EnsureResource(this, 'CampaignUpdate', {
      kind: RESOURCE_KINDS.campaignUpdate,
      services,
      slot: 'campaignUpdate',
      arn: '$.campaign.arn',
      name: '$.campaign.name',
      readyEventFields: { solutionVersionArn: '$.target.arn' },
    });
    const update = invokeCreateFunction(this, 'Update campaign', services, {
      action: 'updateCampaign',
      serviceConfig: '$.item.serviceConfig',
      derived: { campaignArn: '$.campaign.arn', solutionVersionArn: '$.target.arn' },
    });
    const output = new sfn.Pass(this, 'Output', {
      parameters: { 'campaignArn.$': '$.campaign.arn', 'solutionVersionArn.$': '$.target.arn', 'created.$': '$.campaign.created' },
    });
    update.next(pollUpdate);
    pollUpdate.next(output);

    const latestUpdate = '$.campaign.description.Campaign.LatestCampaignUpdate';
    // An update to this version that is under way is waited for; one that failed is made again.
    const updateFailed = sfn.Condition.or(...RESOURCE_KINDS.campaignUpdate.failedStatuses.map((s) => sfn.Condition.stringEquals(`${latestUpdate}.Status`, s)));
    const updateUnderWay = new sfn.Choice(this, 'Update to it under way?')
      .when(sfn.Condition.and(sfn.Condition.stringEqualsJsonPath(`${latestUpdate}.SolutionVersionArn`, '$.target.arn'), sfn.Condition.not(updateFailed)), pollUpdate)
      .otherwise(update);
    // On the right version, the campaign is updated only when the config asks for another minProvisionedTPS.
    // Nested choices, so no comparison reads a field the config left out.
    const configuredTps = '$.item.serviceConfig.minProvisionedTPS';
    const tpsAsConfigured = new sfn.Choice(this, 'TPS as configured?')
      .when(sfn.Condition.not(sfn.Condition.isPresent(configuredTps)), output)
      .when(sfn.Condition.numberEqualsJsonPath('$.campaign.description.Campaign.MinProvisionedTPS', configuredTps), output)
      .otherwise(update);
    const onTarget = new sfn.Choice(this, 'On the solution version?')
      .when(sfn.Condition.stringEqualsJsonPath('$.campaign.description.Campaign.SolutionVersionArn', '$.target.arn'), tpsAsConfigured)
      .when(sfn.Condition.isPresent(latestUpdate), updateUnderWay)
      .otherwise(update);

    const target = new sfn.Choice(this, 'Version named?')
      .when(sfn.Condition.stringEquals('$.item.solutionversion', ''), new sfn.Pass(this, 'Use the solution flow version', {
        parameters: { 'arn.$': '$.context.solutionVersionArn' }, resultPath: '$.target',
      }).next(campaign))
      .otherwise(new sfn.Pass(this, 'Use the named version', { parameters: { 'arn.$': '$.item.solutionversion' }, resultPath: '$.target' }).next(campaign));
    campaign.next(onTarget);
    const definition = skipUnless(this, services.events, '$.item.createCampaign', kind.id, '$.item.serviceConfig.name', target);
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: campaign');
  }
}
