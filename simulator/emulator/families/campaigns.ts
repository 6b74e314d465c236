import type * as P from '@aws-sdk/client-personalize';
import { EmulatorContext, StoredCampaign, StoredVersion } from '../context';
import { CREATE_FAILED, CREATE_STATUSES } from '../lifecycle';
import { alreadyExists, inUse, invalidInput } from '../personalize-error';
import { checkTags, checkName } from '../validation';
import { Handlers } from './handler';
import { latestActiveVersion } from './solutions';

const LATEST = '/$LATEST';

/** What a campaign's solutionVersionArn names: a version, or a solution's latest one. */
interface Target { version: StoredVersion; latestOf?: string }

/**
 * Resolves `solutionVersionArn`: a version ARN, or `<solutionArn>/$LATEST` (source: CreateCampaignRequest /
 * UpdateCampaignRequest.solutionVersionArn, SDK doc). With syncWithLatestSolutionVersion the `$LATEST` form is required
 * (source: CampaignConfig.syncWithLatestSolutionVersion: "you must specify the ARN of your solution ... in
 * SolutionArn/$LATEST format"); without it `$LATEST` is allowed and resolves once (docs: "To specify the latest
 * solution version of your solution ...").
 */
function resolveTarget(ctx: EmulatorContext, solutionVersionArn: string | undefined, sync: boolean): Target {
  const arn = solutionVersionArn ?? '';
  if (arn.endsWith(LATEST)) {
    const solution = ctx.activeParent(ctx.solutions, arn.slice(0, -LATEST.length), 'solution');
    const version = latestActiveVersion(ctx, solution.arn);
    // Strict (docs silent): `$LATEST` of a solution with no ACTIVE version is invalid input.
    if (!version) throw invalidInput(`Solution ${solution.arn} has no ACTIVE solution version for ${arn} to deploy.`);
    return { version, latestOf: solution.arn };
  }
  if (sync) {
    throw invalidInput(`With campaignConfig.syncWithLatestSolutionVersion true, solutionVersionArn must be <solutionArn>/$LATEST, got: ${arn}.`);
  }
  return { version: ctx.activeParent(ctx.solutionVersions, solutionVersionArn, 'solution version') };
}

/** The dataset group of a campaign (through its solution version). */
const groupOf = (ctx: EmulatorContext, campaign: StoredCampaign) => ctx.solutionVersions.get(campaign.deployedVersionArn)?.data.datasetGroupArn;

/** Starts an update (manual or automatic) of a campaign. */
function startUpdate(ctx: EmulatorContext, campaign: StoredCampaign, data: P.CampaignUpdateSummary, at = ctx.now()): void {
  const reason = ctx.faults.failureFor('UpdateCampaign', campaign.name);
  // Source: API_CampaignUpdateSummary `status`: CREATE PENDING > CREATE IN_PROGRESS > ACTIVE -or- CREATE FAILED.
  const lifecycle = ctx.begin('campaignUpdate', campaign.name, campaign.arn, CREATE_STATUSES, reason ? { status: CREATE_FAILED, reason } : undefined, at);
  campaign.update = { lifecycle, data, created: at };
}

/** A finished update takes effect; until then the campaign serves the previous version (source: API_UpdateCampaign note). */
function applyUpdate(campaign: StoredCampaign): void {
  const update = campaign.update;
  if (!update || update.applied || update.lifecycle.status !== 'ACTIVE') return;
  update.applied = true;
  const { solutionVersionArn, minProvisionedTPS, campaignConfig } = update.data;
  campaign.deployedVersionArn = solutionVersionArn ?? campaign.deployedVersionArn;
  campaign.data = { ...campaign.data, minProvisionedTPS, campaignConfig };
}

/**
 * Campaigns that follow `$LATEST` update themselves when a newer version of their solution is ACTIVE: source:
 * campaigns page, "Automatic campaign updates" ("the campaign automatically updates to deploy the latest automatically
 * or manually trained solution version"); the update shows in latestCampaignUpdate. Time mode starts it when the
 * version became ACTIVE (after any update in progress); describe mode at the next call.
 */
export function syncCampaigns(ctx: EmulatorContext): void {
  for (const campaign of ctx.live(ctx.campaigns)) {
    if (!campaign.sync || campaign.deletedAt !== undefined) continue;
    applyUpdate(campaign);
    const latest = latestActiveVersion(ctx, campaign.sync.solutionArn);
    if (!latest || latest.arn === campaign.sync.lastVersionArn) continue;
    if (ctx.statusOf(campaign) !== 'ACTIVE' || (campaign.update && !campaign.update.lifecycle.settled)) continue;
    const at = ctx.timed
      ? Math.max(latest.lifecycle?.endedAt ?? 0, campaign.lifecycle?.endedAt ?? 0, campaign.update?.lifecycle.endedAt ?? 0)
      : ctx.now();
    campaign.sync = { ...campaign.sync, lastVersionArn: latest.arn };
    const { minProvisionedTPS, campaignConfig } = campaign.data;
    startUpdate(ctx, campaign, { solutionVersionArn: latest.arn, minProvisionedTPS, campaignConfig }, at);
  }
}

/** Campaigns: create, update (manual and automatic), describe, list, delete. */
export function campaignHandlers(ctx: EmulatorContext): Handlers {
  /**
   * What DescribeCampaign shows: with sync, solutionVersionArn stays `<solutionArn>/$LATEST` (strict: docs silent; the
   * deployed version is in latestCampaignUpdate.solutionVersionArn); without, the version serving now.
   */
  const shownVersion = (c: StoredCampaign) => (c.sync ? `${c.sync.solutionArn}${LATEST}` : c.deployedVersionArn);

  /**
   * `latestCampaignUpdate` "is only returned when the campaign has had at least one UpdateCampaign call" (source: SDK
   * Campaign.latestCampaignUpdate and DescribeCampaignResponse.campaign). Whether an automatic update of a campaign
   * never updated by a call shows there is not documented: strict, it does not (the update runs unseen).
   */
  const describe = (arn: string | undefined): P.Campaign => {
    const campaign = ctx.get(ctx.campaigns, arn, 'campaign');
    applyUpdate(campaign);
    const view = { ...ctx.view(campaign), solutionVersionArn: shownVersion(campaign) };
    if (!campaign.update) return view;
    if (!campaign.updateCalled) {
      campaign.update.lifecycle.observe();
      return view;
    }
    const latestCampaignUpdate = ctx.updateView(campaign.update);
    campaign.update.lifecycle.observe();
    return { ...view, latestCampaignUpdate };
  };

  return {
    CreateCampaign: (r: P.CreateCampaignRequest): P.CreateCampaignResponse => {
      checkName(r.name, 'name');
      const sync = r.campaignConfig?.syncWithLatestSolutionVersion === true;
      const target = resolveTarget(ctx, r.solutionVersionArn, sync);
      // Source: API_CreateCampaign `minProvisionedTPS`: integer, minimum 1.
      if (r.minProvisionedTPS !== undefined && (!Number.isInteger(r.minProvisionedTPS) || r.minProvisionedTPS < 1)) throw invalidInput(`minProvisionedTPS must be an integer of at least 1, got ${r.minProvisionedTPS}.`);
      checkTags(r.tags);
      // Source: CreateCampaignRequest.name: "The campaign name must be unique within your account."
      const arn = ctx.arns.campaign(r.name!);
      if (ctx.exists(ctx.campaigns, arn)) throw alreadyExists('Campaign', arn);
      const group = target.version.data.datasetGroupArn;
      ctx.checkQuota(ctx.live(ctx.campaigns).filter((c) => groupOf(ctx, c) === group).length, ctx.options.quotas.campaignsPerDatasetGroup,
        `active campaigns in dataset group ${group}`);
      const record = ctx.store('campaign', arn, r.name!, 'CreateCampaign', CREATE_STATUSES, {
        campaignArn: arn,
        name: r.name,
        solutionVersionArn: target.version.arn,
        minProvisionedTPS: r.minProvisionedTPS ?? 1,
        campaignConfig: r.campaignConfig,
      });
      ctx.campaigns.set(arn, {
        ...record,
        deployedVersionArn: target.version.arn,
        sync: sync && target.latestOf ? { solutionArn: target.latestOf, lastVersionArn: target.version.arn } : undefined,
      });
      return { campaignArn: arn };
    },
    UpdateCampaign: (r: P.UpdateCampaignRequest): P.UpdateCampaignResponse => {
      const campaign = ctx.get(ctx.campaigns, r.campaignArn, 'campaign');
      applyUpdate(campaign);
      // Source: API_UpdateCampaign: "the campaign status must be ACTIVE or CREATE FAILED".
      const status = ctx.statusOf(campaign);
      if (status !== 'ACTIVE' && status !== CREATE_FAILED) throw inUse(`The campaign ${campaign.arn} must be ACTIVE or CREATE FAILED to be updated (status: ${status}).`);
      // Strict (docs silent): one update at a time.
      if (campaign.update && !campaign.update.lifecycle.settled) throw inUse(`Campaign ${campaign.arn} is already being updated.`);
      const campaignConfig = r.campaignConfig ?? campaign.data.campaignConfig;
      const sync = campaignConfig?.syncWithLatestSolutionVersion === true;
      const requested = r.solutionVersionArn ?? (sync ? shownVersion(campaign) : campaign.deployedVersionArn);
      const target = resolveTarget(ctx, requested, sync);
      campaign.sync = sync && target.latestOf ? { solutionArn: target.latestOf, lastVersionArn: target.version.arn } : undefined;
      campaign.updateCalled = true;
      startUpdate(ctx, campaign, {
        solutionVersionArn: target.version.arn,
        minProvisionedTPS: r.minProvisionedTPS ?? campaign.data.minProvisionedTPS,
        campaignConfig,
      });
      return { campaignArn: campaign.arn };
    },
    DescribeCampaign: (r: P.DescribeCampaignRequest): P.DescribeCampaignResponse => ({ campaign: describe(r.campaignArn) }),
    ListCampaigns: (r: P.ListCampaignsRequest) => ctx.list(ctx.campaigns, r, 'campaigns', (s) => ctx.summary(s, ['campaignArn', 'name', 'status', 'failureReason']),
      (s) => !r.solutionArn || s.deployedVersionArn.startsWith(`${r.solutionArn}/`) || s.sync?.solutionArn === r.solutionArn),
    DeleteCampaign: (r: P.DeleteCampaignRequest) => ctx.deleteResource(ctx.campaigns, r.campaignArn, 'campaign'),
  };
}
