import type * as P from '@aws-sdk/client-personalize';
import { EmulatorContext } from '../context';
import { CREATE_FAILED, CREATE_STATUSES, DATASET_GROUP_DELETE_STATUSES } from '../lifecycle';
import { alreadyExists, invalidInput } from '../personalize-error';
import { checkName, checkTags, DOMAINS } from '../validation';
import { Handlers } from './handler';

/** CreateDatasetGroup, DescribeDatasetGroup, ListDatasetGroups, DeleteDatasetGroup. */
export function datasetGroupHandlers(ctx: EmulatorContext): Handlers {
  return {
    CreateDatasetGroup: (r: P.CreateDatasetGroupRequest): P.CreateDatasetGroupResponse => {
      checkName(r.name, 'name');
      // Source: API_CreateDatasetGroup `domain` (ECOMMERCE | VIDEO_ON_DEMAND).
      if (r.domain !== undefined && !DOMAINS.includes(r.domain)) throw invalidInput(`Invalid domain ${r.domain}. Valid values: ${DOMAINS.join(', ')}.`);
      checkTags(r.tags);
      // Names are unique per account and region: source: the ARN is `dataset-group/<name>` (no group, no id).
      const arn = ctx.arns.datasetGroup(r.name!);
      if (ctx.exists(ctx.datasetGroups, arn)) throw alreadyExists('Dataset group', arn);
      ctx.checkQuota(ctx.live(ctx.datasetGroups).length, ctx.options.quotas.activeDatasetGroups, 'active dataset groups');
      ctx.datasetGroups.set(arn, ctx.store('datasetGroup', arn, r.name!, 'CreateDatasetGroup', CREATE_STATUSES, {
        datasetGroupArn: arn, name: r.name, domain: r.domain, roleArn: r.roleArn, kmsArn: r.kmsKeyArn,
      }));
      return { datasetGroupArn: arn, domain: r.domain };
    },
    DescribeDatasetGroup: (r: P.DescribeDatasetGroupRequest): P.DescribeDatasetGroupResponse =>
      ({ datasetGroup: ctx.view(ctx.get(ctx.datasetGroups, r.datasetGroupArn, 'dataset group')) }),
    ListDatasetGroups: (r: P.ListDatasetGroupsRequest) =>
      ctx.list(ctx.datasetGroups, r, 'datasetGroups', (s) => ctx.summary(s, ['datasetGroupArn', 'name', 'status', 'domain', 'failureReason'])),
    // Source: API_DeleteDatasetGroup: delete its event trackers, solutions and datasets first (and recommenders, filters: strict).
    // Its deletion shows DELETE PENDING only, then the group is not found: source: API_DatasetGroup `status`.
    DeleteDatasetGroup: (r: P.DeleteDatasetGroupRequest) => ctx.deleteResource(ctx.datasetGroups, r.datasetGroupArn, 'dataset group', (arn) => {
      // Strict: its metric attribution too (API_DeleteMetricAttribution exists; the group's delete page is silent).
      const children = [ctx.datasets, ctx.solutions, ctx.filters, ctx.eventTrackers, ctx.recommenders, ctx.metricAttributions]
        .flatMap((store) => ctx.live(store as Map<string, any>))
        .filter((child) => (child.data as { datasetGroupArn?: string }).datasetGroupArn === arn);
      return children.length ? `it still has ${children.map((c) => c.arn).join(', ')}` : undefined;
    }, ['ACTIVE', CREATE_FAILED], DATASET_GROUP_DELETE_STATUSES),
  };
}
