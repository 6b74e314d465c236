import type * as P from '@aws-sdk/client-personalize';
import { parseAvroRecord } from '../avro-schema';
import { EmulatorContext } from '../context';
import { expressionProblem, fieldsOf, FIELDS_PER_DATASET_GROUP } from '../filter-expressions';
import { CREATE_STATUSES } from '../lifecycle';
import { alreadyExists, invalidInput, PersonalizeError } from '../personalize-error';
import { checkName, checkTags } from '../validation';
import { Handlers } from './handler';

/** Filters and event trackers: the per-dataset-group helpers of real-time recommendations. */
export function filterAndTrackerHandlers(ctx: EmulatorContext): Handlers {
  return {
    CreateFilter: (r: P.CreateFilterRequest): P.CreateFilterResponse => {
      checkName(r.name, 'name');
      const group = ctx.activeParent(ctx.datasetGroups, r.datasetGroupArn, 'dataset group');
      const expression = r.filterExpression ?? '';
      // Source: "Filter expression structure and elements" (developer guide): INCLUDE|EXCLUDE ItemID|ActionID|UserID
      // WHERE <dataset>.<field> ...; keywords, elements and dataset names in any letter case (the CreateFilter API
      // reference's example reads `EXCLUDE itemId WHERE INTERACTIONS.event_type in (...)`).
      if (!/^\s*(INCLUDE|EXCLUDE)\s+(ITEM_?ID|ACTION_?ID|USER_?ID)\s+WHERE\s+\S/i.test(expression)) throw invalidInput(`Invalid filter expression: ${expression}`);
      // A referenced dataset must exist in the group (same page); quoted values are data, not references.
      const references = expression.replace(/"[^"]*"/g, '""');
      const datasetOf: Record<string, string> = { interactions: 'INTERACTIONS', items: 'ITEMS', users: 'USERS', currentuser: 'USERS', actions: 'ACTIONS', action_interactions: 'ACTION_INTERACTIONS' };
      for (const [, name] of references.matchAll(/\b(Action_Interactions|Interactions|Items|Users|CurrentUser|Actions)\./gi)) {
        const type = datasetOf[name.toLowerCase()];
        if (!ctx.exists(ctx.datasets, ctx.arns.dataset(group.name, type))) {
          throw invalidInput(`The filter expression references the ${name} dataset, which dataset group ${group.arn} does not have.`);
        }
      }
      // The dataset's current schema (an update in progress is not yet applied); fields read from it by type.
      const schemaOf = (type: string) => {
        const dataset = ctx.live(ctx.datasets).find((d) => d.arn === ctx.arns.dataset(group.name, type));
        const schema = dataset && ctx.schemas.get(String(dataset.data.schemaArn));
        return schema ? parseAvroRecord(schema.data.schema) : undefined;
      };
      const problem = expressionProblem(expression, schemaOf);
      if (problem) throw invalidInput(problem);
      checkTags(r.tags);
      // Names are unique per account and region: source: the ARN is `filter/<name>`.
      const arn = ctx.arns.filter(r.name!);
      if (ctx.exists(ctx.filters, arn)) throw alreadyExists('Filter', arn);
      // Source: filter expressions, "Guidelines and requirements": at most 20 distinct dataset fields across the group's filters.
      const groupFields = fieldsOf(expression);
      ctx.live(ctx.filters).filter((f) => f.data.datasetGroupArn === group.arn).forEach((f) => fieldsOf(f.data.filterExpression ?? '').forEach((k) => groupFields.add(k)));
      if (groupFields.size > FIELDS_PER_DATASET_GROUP) {
        throw invalidInput(`The filters of dataset group ${group.arn} can use at most ${FIELDS_PER_DATASET_GROUP} distinct dataset fields, got: ${groupFields.size}.`);
      }
      ctx.checkQuota(ctx.live(ctx.filters).filter((f) => f.data.datasetGroupArn === group.arn).length, ctx.options.quotas.filtersPerDatasetGroup,
        `filters in dataset group ${group.arn}`);
      ctx.filters.set(arn, ctx.store('filter', arn, r.name!, 'CreateFilter', CREATE_STATUSES, { filterArn: arn, name: r.name, datasetGroupArn: group.arn, filterExpression: expression }));
      return { filterArn: arn };
    },
    DescribeFilter: (r: P.DescribeFilterRequest): P.DescribeFilterResponse => ({ filter: ctx.view(ctx.get(ctx.filters, r.filterArn, 'filter')) }),
    ListFilters: (r: P.ListFiltersRequest) => ctx.list(ctx.filters, r, 'Filters', (s) => ctx.summary(s, ['filterArn', 'name', 'datasetGroupArn', 'status', 'failureReason']),
      (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
    DeleteFilter: (r: P.DeleteFilterRequest) => ctx.deleteResource(ctx.filters, r.filterArn, 'filter'),

    CreateEventTracker: (r: P.CreateEventTrackerRequest): P.CreateEventTrackerResponse => {
      checkName(r.name, 'name');
      const group = ctx.activeParent(ctx.datasetGroups, r.datasetGroupArn, 'dataset group');
      checkTags(r.tags);
      // Names unique per account and region: strict (the ARN holds an id, so the docs give no scope).
      const sameName = ctx.live(ctx.eventTrackers).find((t) => t.name === r.name);
      if (sameName) throw alreadyExists(`Event tracker named ${r.name}:`, sameName.arn);
      // Source: API_CreateEventTracker: "Only one event tracker can be associated with a dataset group. You will get an
      // error if you call CreateEventTracker using the same dataset group as an existing event tracker." Which error is
      // not said: option secondEventTrackerError, strict default LimitExceededException.
      const existing = ctx.live(ctx.eventTrackers).find((t) => t.data.datasetGroupArn === group.arn);
      if (existing) {
        throw new PersonalizeError(ctx.options.secondEventTrackerError,
          `Dataset group ${group.arn} already has event tracker ${existing.arn}: only one event tracker can be associated with a dataset group.`);
      }
      // The ARN holds an 8-hex id, not the name: source: public code `event-tracker/d2e0162e`. Seeded by a counter: repeatable.
      const arn = ctx.arns.eventTracker(ctx.deterministicId(`${ctx.arns.account}#event-tracker#${ctx.next('event-tracker')}`, 8));
      const trackingId = uuidLike(ctx.deterministicId(arn, 32));
      ctx.eventTrackers.set(arn, ctx.store('eventTracker', arn, r.name!, 'CreateEventTracker', CREATE_STATUSES, {
        eventTrackerArn: arn, name: r.name, datasetGroupArn: group.arn, trackingId, accountId: ctx.arns.account,
      }));
      return { eventTrackerArn: arn, trackingId };
    },
    DescribeEventTracker: (r: P.DescribeEventTrackerRequest): P.DescribeEventTrackerResponse =>
      ({ eventTracker: ctx.view(ctx.get(ctx.eventTrackers, r.eventTrackerArn, 'event tracker')) }),
    // Source: API_ListEventTrackers (`datasetGroupArn` filters; EventTrackerSummary has no datasetGroupArn).
    ListEventTrackers: (r: P.ListEventTrackersRequest) => ctx.list(ctx.eventTrackers, r, 'eventTrackers', (s) => ctx.summary(s, ['eventTrackerArn', 'name', 'status']),
      (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
    DeleteEventTracker: (r: P.DeleteEventTrackerRequest) => ctx.deleteResource(ctx.eventTrackers, r.eventTrackerArn, 'event tracker'),
  };
}

/** A tracking id shaped like the service's (a UUID: source: public code `8522dc75-1234-1234-1234-0317c07ab6f8`). */
function uuidLike(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
