import { Duration } from 'aws-cdk-lib';
import { PollingKey } from './poll-schedule';
import { allSpellings } from './status-spellings';
import { camelCaseAction, KindFacts, LOOSE_GROWTH, PollDefaults, RESOURCE_KIND_FACTS, WaitFacts } from '../contract/resource-kinds';

export { CLOSE_GROWTH, LOOSE_GROWTH } from '../contract/resource-kinds';

/** Which parent a resource found by name must belong to, read from its describe response. @internal */
export interface ResourceOwner {
  /** The describe response field that names the parent, e.g. `Solution.DatasetGroupArn`. */
  readonly field: string;
  /**
   * When set, the parent is the `/`-separated segment of that index of the field (a solution version ARN
   * `...:solution/<name>/<id>` gives the solution's name at 1; a dataset ARN gives its group's name at 1).
   */
  readonly segment?: number;
  /** The context field the parent must equal, e.g. `datasetGroupArn`. */
  readonly expected: string;
  /** The parent in words, e.g. `dataset group`. */
  readonly label: string;
}

/**
 * What the poll loop needs to know about one kind of Personalize resource: how to describe it, where its
 * status and failure reason are, which statuses end the wait, its ARN's resource type, and how it is polled.
 * @internal
 */
export interface ResourceKind {
  /** The kind as reported in events, e.g. `DATASET_GROUP`. */
  readonly id: string;
  /** The kind in words, for state names and messages, e.g. `Dataset group`. */
  readonly label: string;
  /** The ARN's resource type, e.g. `dataset-group`. */
  readonly arnType: string;
  /** The describe action of the SDK integration, e.g. `describeDatasetGroup`. */
  readonly describeAction: string;
  /** The describe request's ARN field, e.g. `DatasetGroupArn`. */
  readonly arnParameter: string;
  /** Where the status is in the describe response, e.g. `DatasetGroup.Status`; none for kinds without status. */
  readonly statusField?: string;
  /** Where the failure reason is in the describe response. */
  readonly failureReasonField?: string;
  /** Statuses that end the wait successfully, in every spelling (`allSpellings`). */
  readonly readyStatuses: string[];
  /** Statuses that end the wait with a failure, in every spelling (`allSpellings`). */
  readonly failedStatuses: string[];
  /**
   * The delete action, for kinds the pipeline may delete: a resource of such a kind that an earlier run left
   * failed is deleted and created again. Jobs cannot be deleted; a failed job is retried under a new name.
   */
  readonly deleteAction?: string;
  /** The parent a resource found by its name must belong to. */
  readonly owner?: ResourceOwner;
  /** The default first interval between two checks. */
  readonly initialInterval: Duration;
  /** The default longest interval between two checks. */
  readonly maxInterval: Duration;
  /** The default poll timeout. */
  readonly timeout: Duration;
  /** How fast the interval grows with the resource's age (the interval is at most this share of the age). */
  readonly growth: number;
  /** A multiple of the max interval, for waits off the critical path. @default 1 */
  readonly maxIntervalScale?: number;
  /** Which `PipelinePolling` setting overrides the defaults. */
  readonly pollingKey: PollingKey;
  /** The table entry the kind is built from (src/contract/resource-kinds.ts). */
  readonly facts: KindFacts;
}

// Built from the table (src/contract/resource-kinds.ts): the facts are plain data there, shared with lambda/ and
// simulator/; here they become the poll loop's describe call, status paths and Durations. Every status list holds every
// spelling: the sources write both `CREATE STOPPED` and `CREATE_STOPPED` (see status-spellings.ts).

const polled = (polling: PollDefaults) => ({
  initialInterval: Duration.seconds(polling.initialSeconds),
  maxInterval: Duration.seconds(polling.maxSeconds),
  timeout: Duration.seconds(polling.timeoutSeconds),
  growth: polling.growth,
});

/** The poll loop's view of a kind's creation. @internal */
export function kindOf(facts: KindFacts): ResourceKind {
  const key = facts.apiName;
  return {
    id: facts.id,
    label: facts.label,
    arnType: facts.arnType,
    describeAction: camelCaseAction(facts.describeAction),
    arnParameter: `${key}Arn`,
    statusField: facts.hasStatus ? `${key}.Status` : undefined,
    failureReasonField: facts.hasStatus ? `${key}.FailureReason` : undefined,
    readyStatuses: allSpellings(facts.readyStatuses),
    failedStatuses: allSpellings(facts.failedStatuses),
    // A kind the pipeline may delete: a resource of it that an earlier run left failed is deleted and created again.
    deleteAction: facts.hasStatus && facts.teardown ? camelCaseAction(facts.teardown.deleteAction) : undefined,
    owner: facts.owner ? { ...facts.owner, field: `${key}.${facts.owner.field}` } : undefined,
    ...polled(facts.polling),
    pollingKey: facts.pollingKey,
    facts,
  };
}

/** The poll loop's view of another wait on a kind (an update, a restart): its status field, statuses and defaults. @internal */
export function waitOf(facts: KindFacts, wait: WaitFacts): ResourceKind {
  const key = facts.apiName;
  const statusPath = wait.statusField ?? 'Status';
  return {
    ...kindOf(facts),
    label: wait.label,
    statusField: `${key}.${statusPath}`,
    failureReasonField: `${key}.${statusPath.replace(/Status$/, 'FailureReason')}`,
    readyStatuses: allSpellings(wait.readyStatuses ?? ['ACTIVE']),
    failedStatuses: allSpellings(wait.failedStatuses),
    deleteAction: undefined,
    owner: undefined,
    ...polled(wait.polling ?? facts.polling),
  };
}

const F = RESOURCE_KIND_FACTS;
const SOLUTION_VERSION = kindOf(F.solutionVersion);

/** The resource kinds of the pipeline, and the other waits its flows poll. @internal */
export const RESOURCE_KINDS = {
  datasetGroup: kindOf(F.datasetGroup),
  metricAttribution: kindOf(F.metricAttribution),
  metricAttributionUpdate: waitOf(F.metricAttribution, F.metricAttribution.update.wait),
  schema: kindOf(F.schema),
  dataset: kindOf(F.dataset),
  datasetUpdate: waitOf(F.dataset, F.dataset.update.wait),
  datasetImportJob: kindOf(F.datasetImportJob),
  dataDeletionJob: kindOf(F.dataDeletionJob),
  datasetExportJob: kindOf(F.datasetExportJob),
  filter: kindOf(F.filter),
  eventTracker: kindOf(F.eventTracker),
  solution: kindOf(F.solution),
  solutionUpdate: waitOf(F.solution, F.solution.update.wait),
  solutionVersion: SOLUTION_VERSION,
  /** Another training of the solution, waited out (whatever its end) before this execution trains. */
  solutionVersionUnderWay: {
    ...SOLUTION_VERSION,
    label: 'Training under way',
    readyStatuses: ['ACTIVE', ...SOLUTION_VERSION.failedStatuses],
    failedStatuses: [],
    growth: LOOSE_GROWTH,
    maxIntervalScale: 6,
  },
  campaign: kindOf(F.campaign),
  campaignUpdate: waitOf(F.campaign, F.campaign.update.wait),
  batchInferenceJob: kindOf(F.batchInferenceJob),
  batchSegmentJob: kindOf(F.batchSegmentJob),
  recommender: kindOf(F.recommender),
  recommenderStart: waitOf(F.recommender, F.recommender.otherWaits[0]),
  recommenderUpdate: waitOf(F.recommender, F.recommender.update.wait),
  /**
   * A training the tear-down stops, waited out until it has ended. StopSolutionVersionCreation moves CREATE PENDING to
   * CREATE STOPPED and CREATE IN_PROGRESS to CREATE STOPPING, then CREATE STOPPED (API reference,
   * StopSolutionVersionCreation); a training that ended meanwhile is ACTIVE or CREATE FAILED. Any of those ends the
   * wait; none is a failure of the tear-down.
   */
  trainingToStop: {
    ...SOLUTION_VERSION,
    label: 'Training to stop',
    readyStatuses: allSpellings(['ACTIVE', 'CREATE FAILED', 'CREATE STOPPED']),
    failedStatuses: [],
  },
  /** A recommender the cost autopilot stops: ready once INACTIVE (API reference, StopRecommender: STOP PENDING > STOP IN_PROGRESS > INACTIVE). */
  recommenderStop: {
    ...kindOf(F.recommender),
    label: 'Recommender stop',
    readyStatuses: allSpellings(['INACTIVE']),
    failedStatuses: allSpellings(['CREATE FAILED']),
    deleteAction: undefined,
    owner: undefined,
  },
} satisfies Record<string, ResourceKind>;

/** DATASET_IMPORT_JOB → DatasetImportJob: errors are DatasetImportJobFailed, DatasetImportJobTimeout, ... @internal */
export function errorPrefix(kind: ResourceKind): string {
  return kind.id.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}

/** Whether a wait reads its status from the resource's latest update (an update's wait), not from the resource. @internal */
export function readsLatestUpdate(kind: ResourceKind): boolean {
  return kind.statusField !== undefined && kind.statusField !== `${kind.facts.apiName}.Status`;
}

/** The name of a poll kind: its key in RESOURCE_KINDS. @internal */
export type PollKindName = keyof typeof RESOURCE_KINDS;

/** The entry of RESOURCE_KINDS that polls a kind's creation (its table entry's own label), for code that starts from the table. @internal */
export function creationKindOf(facts: KindFacts): ResourceKind {
  const kind = (Object.values(RESOURCE_KINDS) as ResourceKind[]).find((k) => k.facts === facts && k.label === facts.label);
  if (!kind) throw new Error(`RESOURCE_KINDS has no entry for the creation of ${facts.id}`);
  return kind;
}
