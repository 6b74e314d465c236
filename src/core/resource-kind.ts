import { Duration } from 'aws-cdk-lib';
import { PollingKey } from './poll-schedule';
import { allSpellings } from './status-spellings';

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
}

/** Polls closely: the interval stays within 1 % of the resource's age, so the delay adds ~0.5 % on average. */
export const CLOSE_GROWTH = 0.01;
/** Polls loosely, for waits off the critical path (another training to end): within 10 % of the age. */
export const LOOSE_GROWTH = 0.1;

// DELETE PENDING and DELETE IN_PROGRESS are neither: the loop waits them out, then creates the resource again.
// Statuses: the `Status` member of each resource in the Personalize API reference (Data Types). Every list holds
// every spelling: the sources write both `CREATE STOPPED` and `CREATE_STOPPED` (see status-spellings.ts).
const CREATE_FAILED = allSpellings(['CREATE FAILED', 'CREATE STOPPED']);
const OF_THIS_GROUP: ResourceOwner = { field: 'DatasetGroupArn', expected: 'datasetGroupArn', label: 'dataset group' };

const seconds = Duration.seconds;
const minutes = Duration.minutes;
const hours = Duration.hours;

interface Polling { readonly initial: Duration; readonly max: Duration; readonly timeout: Duration }
const QUICK: Polling = { initial: seconds(5), max: seconds(30), timeout: minutes(30) };

const kind = (
  id: string, label: string, arnType: string, responseKey: string, polling: Polling, pollingKey: PollingKey,
  extra: Partial<ResourceKind> = {},
): ResourceKind => ({
  id,
  label,
  arnType,
  describeAction: `describe${responseKey}`,
  arnParameter: `${responseKey}Arn`,
  statusField: `${responseKey}.Status`,
  failureReasonField: `${responseKey}.FailureReason`,
  readyStatuses: ['ACTIVE'],
  failedStatuses: CREATE_FAILED,
  initialInterval: polling.initial,
  maxInterval: polling.max,
  timeout: polling.timeout,
  growth: CLOSE_GROWTH,
  pollingKey,
  ...extra,
  owner: extra.owner ? { ...extra.owner, field: `${responseKey}.${extra.owner.field}` } : undefined,
});

const SOLUTION_VERSION = kind('SOLUTION_VERSION', 'Solution version', 'solution', 'SolutionVersion',
  { initial: seconds(30), max: minutes(10), timeout: hours(48) }, 'solutionVersion',
  // Solution version statuses (API reference, SolutionVersion): CREATE PENDING > CREATE IN_PROGRESS > ACTIVE
  // or CREATE FAILED; CREATE STOPPING > CREATE STOPPED.
  { failedStatuses: allSpellings(['CREATE FAILED', 'CREATE STOPPING', 'CREATE STOPPED']) });
const CAMPAIGN_POLLING: Polling = { initial: seconds(10), max: minutes(2), timeout: hours(3) };
const BATCH_POLLING: Polling = { initial: seconds(30), max: minutes(10), timeout: hours(48) };

/** The resource kinds of the pipeline. @internal */
export const RESOURCE_KINDS = {
  datasetGroup: kind('DATASET_GROUP', 'Dataset group', 'dataset-group', 'DatasetGroup', QUICK, 'datasetGroup', { deleteAction: 'deleteDatasetGroup' }),
  schema: { ...kind('SCHEMA', 'Schema', 'schema', 'Schema', QUICK, 'dataset'), statusField: undefined, failureReasonField: undefined },
  dataset: kind('DATASET', 'Dataset', 'dataset', 'Dataset', QUICK, 'dataset', { deleteAction: 'deleteDataset' }),
  // A schema change's progress is in Dataset.LatestDatasetUpdate (API reference, DatasetUpdateSummary);
  // Dataset.Status keeps its CREATE and DELETE states only.
  datasetUpdate: {
    ...kind('DATASET', 'Dataset update', 'dataset', 'Dataset', QUICK, 'dataset'),
    statusField: 'Dataset.LatestDatasetUpdate.Status',
    failureReasonField: 'Dataset.LatestDatasetUpdate.FailureReason',
    failedStatuses: allSpellings(['CREATE FAILED', 'UPDATE FAILED']),
  },
  datasetImportJob: kind('DATASET_IMPORT_JOB', 'Dataset import job', 'dataset-import-job', 'DatasetImportJob',
    { initial: seconds(10), max: minutes(5), timeout: hours(24) }, 'datasetImportJob',
    // The job's dataset ARN is dataset/<dataset group name>/<TYPE> (API reference, Dataset).
    { owner: { field: 'DatasetArn', segment: 1, expected: 'datasetGroupName', label: 'dataset group' } }),
  filter: kind('FILTER', 'Filter', 'filter', 'Filter', QUICK, 'filter', { deleteAction: 'deleteFilter', owner: OF_THIS_GROUP }),
  eventTracker: kind('EVENT_TRACKER', 'Event tracker', 'event-tracker', 'EventTracker', QUICK, 'eventTracker', { deleteAction: 'deleteEventTracker' }),
  solution: kind('SOLUTION', 'Solution', 'solution', 'Solution', QUICK, 'solution', { deleteAction: 'deleteSolution', owner: OF_THIS_GROUP }),
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
  campaign: kind('CAMPAIGN', 'Campaign', 'campaign', 'Campaign', CAMPAIGN_POLLING, 'campaign', {
    deleteAction: 'deleteCampaign',
    // A campaign's solution version ARN is solution/<solution name>/<id> (or /$LATEST).
    owner: { field: 'SolutionVersionArn', segment: 1, expected: 'solutionName', label: 'solution' },
  }),
  // Campaign updates: Campaign.LatestCampaignUpdate (API reference, CampaignUpdateSummary).
  campaignUpdate: {
    ...kind('CAMPAIGN', 'Campaign update', 'campaign', 'Campaign', CAMPAIGN_POLLING, 'campaign'),
    statusField: 'Campaign.LatestCampaignUpdate.Status',
    failureReasonField: 'Campaign.LatestCampaignUpdate.FailureReason',
    failedStatuses: allSpellings(['CREATE FAILED', 'UPDATE FAILED']),
  },
  // Batch job statuses: PENDING > IN PROGRESS > ACTIVE or CREATE FAILED (API reference, BatchInferenceJob).
  batchInferenceJob: kind('BATCH_INFERENCE_JOB', 'Batch inference job', 'batch-inference-job', 'BatchInferenceJob', BATCH_POLLING, 'batchInferenceJob', {
    failedStatuses: allSpellings(['CREATE FAILED']),
    owner: { field: 'SolutionVersionArn', segment: 1, expected: 'solutionName', label: 'solution' },
  }),
  batchSegmentJob: kind('BATCH_SEGMENT_JOB', 'Batch segment job', 'batch-segment-job', 'BatchSegmentJob', BATCH_POLLING, 'batchSegmentJob', {
    failedStatuses: allSpellings(['CREATE FAILED']),
    owner: { field: 'SolutionVersionArn', segment: 1, expected: 'solutionName', label: 'solution' },
  }),
  // Recommender statuses (API reference, Recommender): CREATE PENDING > CREATE IN_PROGRESS > ACTIVE or CREATE
  // FAILED; STOP PENDING > STOP IN_PROGRESS > INACTIVE > START PENDING > START IN_PROGRESS > ACTIVE. A stopped
  // (INACTIVE) recommender ends this wait too: the flow starts it.
  recommender: kind('RECOMMENDER', 'Recommender', 'recommender', 'Recommender',
    { initial: seconds(10), max: minutes(5), timeout: hours(12) }, 'recommender',
    { deleteAction: 'deleteRecommender', owner: OF_THIS_GROUP, readyStatuses: ['ACTIVE', 'INACTIVE'] }),
  recommenderStart: {
    ...kind('RECOMMENDER', 'Recommender start', 'recommender', 'Recommender', CAMPAIGN_POLLING, 'recommender'),
    failedStatuses: allSpellings(['CREATE FAILED', 'START FAILED']),
    growth: 0.02,
  },
};
