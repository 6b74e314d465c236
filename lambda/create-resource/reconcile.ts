import {
  DescribeMetricAttributionCommand, ListMetricAttributionMetricsCommand, UpdateMetricAttributionCommand,
  DescribeCampaignCommand, DescribeRecommenderCommand, DescribeSolutionCommand, ListTagsForResourceCommand, PersonalizeClient,
  TagResourceCommand, UntagResourceCommand, UpdateCampaignCommand, UpdateRecommenderCommand, UpdateSolutionCommand,
} from '@aws-sdk/client-personalize';
import { Tag } from '../shared/config/pipeline-config';
import { campaignDiff, FieldChange, recommenderDiff, ResourceDiff, solutionDiff, tagDiff } from '../shared/reconcile';
import { metricAttributionDiff } from '../shared/reconcile/metric-attribution-diff';

type Request = Record<string, unknown>;

/**
 * What a reconcile did: the changes it applied (each field with its old and new value and the call that applied it),
 * and whether an Update call was made (or one was already in progress), so the flow waits on its `latest...Update`.
 */
export interface ReconcileResult {
  readonly updating: boolean;
  readonly changed: boolean;
  readonly changes: FieldChange[];
}

/**
 * Makes the resource's tags the configured ones: ListTagsForResource, then TagResource for keys added or with
 * another value and UntagResource for keys the config no longer has (see `tagDiff`). No call but the list when
 * they agree, none at all when the config has no `tags`.
 */
async function reconcileTags(client: PersonalizeClient, resourceArn: string, configured: unknown): Promise<FieldChange[]> {
  if (!Array.isArray(configured)) return [];
  const { tags = [] } = await client.send(new ListTagsForResourceCommand({ resourceArn }));
  const diff = tagDiff(configured as Tag[], tags);
  if (diff.add.length > 0) await client.send(new TagResourceCommand({ resourceArn, tags: diff.add }));
  if (diff.removeKeys.length > 0) await client.send(new UntagResourceCommand({ resourceArn, tagKeys: diff.removeKeys }));
  return diff.changes;
}

/** The Update call (when the diff has one), then the tags. */
async function apply(
  client: PersonalizeClient, arn: string, request: Request, diff: ResourceDiff, update: (updateRequest: Request) => Promise<unknown>,
): Promise<ReconcileResult> {
  if (diff.updateRequest) await update(diff.updateRequest);
  const tagChanges = await reconcileTags(client, arn, request.tags);
  const changes = [...diff.changes, ...tagChanges];
  return { updating: diff.updateRequest !== undefined || diff.updateUnderWay, changed: changes.length > 0, changes };
}

/**
 * The reconcile of each kind an Update call reaches: a fresh Describe (the pre-flight's view may be stale by now:
 * another execution may have changed the resource since), the comparison the pre-flight made (lambda/shared/reconcile),
 * the Update call when a field differs, the tags. The request is the config's serviceConfig with the ARN the flow
 * derived. Changes no Update call takes were refused by the pre-flight before anything was created; they are not
 * looked at here.
 */
export const RECONCILERS = {
  async updateSolution(client: PersonalizeClient, request: Request): Promise<ReconcileResult & { solutionArn: string }> {
    const solutionArn = String(request.solutionArn);
    const { solution = {} } = await client.send(new DescribeSolutionCommand({ solutionArn }));
    const diff = solutionDiff(request as any, solution);
    const result = await apply(client, solutionArn, request, diff, (u) => client.send(new UpdateSolutionCommand({ solutionArn, ...u })));
    return { ...result, solutionArn };
  },
  async updateRecommender(client: PersonalizeClient, request: Request): Promise<ReconcileResult & { recommenderArn: string }> {
    const recommenderArn = String(request.recommenderArn);
    const { recommender = {} } = await client.send(new DescribeRecommenderCommand({ recommenderArn }));
    const diff = recommenderDiff(request as any, recommender);
    const update = (u: Request) => client.send(new UpdateRecommenderCommand({ recommenderArn, ...u } as any));
    const result = await apply(client, recommenderArn, request, diff, update);
    return { ...result, recommenderArn };
  },
  /** `solutionVersionArn` is the version the campaign should serve (the flow's target). */
  async updateCampaign(client: PersonalizeClient, request: Request): Promise<ReconcileResult & { campaignArn: string }> {
    const campaignArn = String(request.campaignArn);
    const { campaign = {} } = await client.send(new DescribeCampaignCommand({ campaignArn }));
    const diff = campaignDiff(request as any, campaign, String(request.solutionVersionArn ?? ''));
    const result = await apply(client, campaignArn, request, diff, (u) => client.send(new UpdateCampaignCommand({ campaignArn, ...u })));
    return { ...result, campaignArn };
  },
  /**
   * A metric attribution: its metrics (ListMetricAttributionMetrics: DescribeMetricAttribution has none) and output
   * config against the config's; one UpdateMetricAttribution with `addMetrics` / `removeMetrics` from the difference.
   * It takes no tags (API reference, CreateMetricAttribution).
   */
  async updateMetricAttribution(client: PersonalizeClient, request: Request): Promise<ReconcileResult & { metricAttributionArn: string }> {
    const metricAttributionArn = String(request.metricAttributionArn);
    const [{ metricAttribution = {} }, { metrics = [] }] = await Promise.all([
      client.send(new DescribeMetricAttributionCommand({ metricAttributionArn })),
      client.send(new ListMetricAttributionMetricsCommand({ metricAttributionArn, maxResults: 100 })),
    ]);
    const diff = metricAttributionDiff(request as any, { ...metricAttribution, metrics });
    if (diff.updateRequest) await client.send(new UpdateMetricAttributionCommand({ metricAttributionArn, ...diff.updateRequest } as any));
    const updating = diff.updateRequest !== undefined || diff.updateUnderWay;
    return { updating, changed: diff.changes.length > 0, changes: diff.changes, metricAttributionArn };
  },
  /** A kind no Update call reaches (dataset group, dataset, filter, event tracker): its tags only. */
  async tagResource(client: PersonalizeClient, request: Request): Promise<ReconcileResult & { resourceArn: string }> {
    const resourceArn = String(request.resourceArn);
    const changes = await reconcileTags(client, resourceArn, request.tags);
    return { updating: false, changed: changes.length > 0, changes, resourceArn };
  },
};
