// The facts about each kind of Personalize resource, as plain data: no aws-cdk-lib import, so the Lambda handlers
// (lambda/), the emulator and runner (simulator/) and the CLI (cli/) read the same table the construct (src/) builds
// its state machines from. Everything a kind means to the pipeline is derived from its entry here: the poll
// loop's describe call, status field and defaults (src/kinds/resource-kind.ts), the tear-down's listing and
// deletable kinds (src/teardown/), the create function's IAM actions (src/wiring/pipeline-functions.ts) and the
// actions it accepts (lambda/create-resource/actions.ts, checked by a test), the polling defaults' documentation
// (src/pipeline/polling.ts, checked by a test), and the summary table of the emulator's resources (simulator/, cli/).
// Names are the API reference's: operations PascalCase (`CreateDatasetGroup`), members as the API writes them.

/** The kind as reported in events and verdicts. @internal */
export type KindId = 'DATASET_GROUP' | 'METRIC_ATTRIBUTION' | 'SCHEMA' | 'DATASET' | 'DATASET_IMPORT_JOB' | 'DATA_DELETION_JOB'
| 'DATASET_EXPORT_JOB' | 'FILTER' | 'EVENT_TRACKER' | 'SOLUTION' | 'SOLUTION_VERSION' | 'CAMPAIGN' | 'BATCH_INFERENCE_JOB'
| 'BATCH_SEGMENT_JOB' | 'RECOMMENDER';

/** The `polling` keys of the pipeline's props: one per kind of resource it polls. @internal */
export type PollingKey = 'datasetGroup' | 'dataset' | 'datasetImportJob' | 'filter' | 'eventTracker' | 'solution'
| 'solutionVersion' | 'campaign' | 'batchInferenceJob' | 'batchSegmentJob' | 'recommender';

/** The request member of a List call that names the parent whose resources it lists. @internal */
export type ListParent = 'datasetGroupArn' | 'datasetArn' | 'solutionArn' | 'solutionVersionArn';

/** A poll loop's default waits, in seconds. @internal */
export interface PollDefaults {
  /** The default first interval between two checks. */
  readonly initialSeconds: number;
  /** The default longest interval between two checks. */
  readonly maxSeconds: number;
  /** The default poll timeout. */
  readonly timeoutSeconds: number;
  /** The interval is at most this share of the resource's age. */
  readonly growth: number;
}

/** How a kind's resources are listed (API reference, each List* action). @internal */
export interface ListFacts {
  /** The List operation, e.g. `ListRecommenders`. */
  readonly action: string;
  /** The response member that holds the summaries, as the API writes it: `recommenders`, but `Filters`. */
  readonly key: string;
  /** The request member that names the parent; none for kinds listed account-wide. */
  readonly parent?: ListParent;
  /** The summary's name member (`name`, `jobName`); none for kinds whose summaries have no name. */
  readonly nameField?: string;
  /** The summary's ARN member, e.g. `recommenderArn`. */
  readonly arnField: string;
}

/** Which parent a resource found by name must belong to, read from its describe response. @internal */
export interface OwnerFacts {
  /** The describe response member (under the resource's key) that names the parent, e.g. `DatasetGroupArn`. */
  readonly field: string;
  /** When set, the parent is the `/`-separated segment of that index of the field. */
  readonly segment?: number;
  /** The context field the parent must equal, e.g. `datasetGroupArn`. */
  readonly expected: string;
  /** The parent in words. */
  readonly label: string;
}

/** A wait on a resource other than its creation (an update, a restart), polled as the kind is. @internal */
export interface WaitFacts {
  /** The wait in words, for state names and messages, e.g. `Campaign update`. */
  readonly label: string;
  /** The wait in the polling docs, e.g. `a campaign update`. */
  readonly inWords: string;
  /** Where its status is, under the resource's key, e.g. `LatestCampaignUpdate.Status`. @default - the kind's */
  readonly statusField?: string;
  /** Statuses that end the wait successfully, as the API reference writes them. @default ['ACTIVE'] */
  readonly readyStatuses?: readonly string[];
  /** Statuses that end the wait with a failure, as the API reference writes them. */
  readonly failedStatuses: readonly string[];
  /** Its own defaults. @default - the kind's */
  readonly polling?: PollDefaults;
}

/** What an Update action may change (API reference, the action's Request Syntax). @internal */
export interface UpdateFacts {
  /** The Update operation, e.g. `UpdateCampaign`. */
  readonly action: string;
  /** Its request members besides the resource's ARN: what a changed config can reach without a new resource. */
  readonly fields: readonly string[];
  /** The API reference page. */
  readonly source: string;
  /** Whether the pipeline makes this call today (through the create function); false: known, not yet used. */
  readonly used: boolean;
  /** How the update is waited out. */
  readonly wait: WaitFacts;
}

/** A service quota on a kind (Personalize developer guide, "Endpoints and quotas"). @internal */
export interface QuotaFacts {
  /** What is counted: resources being created (PENDING or IN_PROGRESS), active ones, or all. */
  readonly counts: 'IN_PROGRESS' | 'ACTIVE' | 'TOTAL';
  /** Where: per account and region, or per dataset group. */
  readonly per: 'ACCOUNT' | 'DATASET_GROUP';
  /** The default limit. */
  readonly limit: number;
  /** Whether a quota increase can be requested; undefined where the source does not say. */
  readonly adjustable?: boolean;
  /** The page, and how sure the number is. */
  readonly source: string;
}

/** Where and when the tear-down deletes a kind. @internal */
export interface TeardownFacts {
  /** The Delete operation, e.g. `DeleteCampaign`. */
  readonly deleteAction: string;
  /** Its step: a kind is deleted after every kind of a lower step (API reference, each Delete*). */
  readonly step: number;
  /**
   * Statuses in which the delete call is made; in any other the deletion loop waits. Absent for kinds without a
   * status (schemas: deleted at once, kept while a dataset uses them).
   */
  readonly deletableStatuses?: readonly string[];
}

/** Everything the pipeline knows about one kind of Personalize resource. @internal */
export interface KindFacts {
  readonly id: KindId;
  /** The kind in words, for state names and messages, e.g. `Dataset group`. */
  readonly label: string;
  /** The ARN's resource type, e.g. `dataset-group`. */
  readonly arnType: string;
  /** The API's name of the resource: its describe response's key and the stem of its operations, e.g. `DatasetGroup`. */
  readonly apiName: string;
  /** The Create operation. */
  readonly createAction: string;
  /** The Describe operation. */
  readonly describeAction: string;
  /** Whether the describe response has a status (schemas have none). */
  readonly hasStatus: boolean;
  /** Statuses that end the creation's wait successfully, as the API reference writes them. */
  readonly readyStatuses: readonly string[];
  /** Statuses that end the creation's wait with a failure, as the API reference writes them. */
  readonly failedStatuses: readonly string[];
  readonly list: ListFacts;
  readonly owner?: OwnerFacts;
  /** Which `polling` prop overrides the defaults. */
  readonly pollingKey: PollingKey;
  readonly polling: PollDefaults;
  /** Other waits on the kind (a restart), beside its creation and update. */
  readonly otherWaits?: readonly WaitFacts[];
  readonly update?: UpdateFacts;
  readonly teardown?: TeardownFacts;
  /** Quotas that bound how many the pipeline may create, or have under way, at once; none where none is documented. */
  readonly quotas: readonly QuotaFacts[];
  /** Whether the Create operation takes `tags`. */
  readonly tags: boolean;
}

/** Polls closely: the interval stays within 1 % of the resource's age, so the delay adds ~0.5 % on average. @internal */
export const CLOSE_GROWTH = 0.01;
/** Polls loosely, for waits off the critical path (another training to end): within 10 % of the age. @internal */
export const LOOSE_GROWTH = 0.1;

const MINUTE = 60;
const HOUR = 3600;
const QUICK: PollDefaults = { initialSeconds: 5, maxSeconds: 30, timeoutSeconds: 30 * MINUTE, growth: CLOSE_GROWTH };
const CAMPAIGN: PollDefaults = { initialSeconds: 10, maxSeconds: 2 * MINUTE, timeoutSeconds: 3 * HOUR, growth: CLOSE_GROWTH };
const LONG: PollDefaults = { initialSeconds: 30, maxSeconds: 10 * MINUTE, timeoutSeconds: 48 * HOUR, growth: CLOSE_GROWTH };

// Statuses: the `Status` member of each resource in the Personalize API reference (Data Types). DELETE PENDING and
// DELETE IN_PROGRESS are neither ready nor failed: the loop waits them out, then creates the resource again.
const ACTIVE = ['ACTIVE'];
const CREATE_FAILED = ['CREATE FAILED', 'CREATE STOPPED'];
// Deletable in their end states (API reference, each Delete* action: a resource being created, updated, stopped or
// started answers ResourceInUseException).
const ENDED = ['ACTIVE', 'CREATE FAILED'];
const OF_THIS_GROUP: OwnerFacts = { field: 'DatasetGroupArn', expected: 'datasetGroupArn', label: 'dataset group' };
// A version's ARN is solution/<solution name>/<id> (or /$LATEST): the solution's name is its segment 1.
const OF_THIS_SOLUTION: OwnerFacts = { field: 'SolutionVersionArn', segment: 1, expected: 'solutionName', label: 'solution' };

const LIMITS = 'https://docs.aws.amazon.com/personalize/latest/dg/limits.html';
const inProgress = (limit: number, adjustable: boolean | undefined, quote: string): QuotaFacts =>
  ({ counts: 'IN_PROGRESS', per: 'ACCOUNT', limit, adjustable, source: `${LIMITS}: "${quote}"` });
const perGroup = (limit: number, adjustable: boolean | undefined, quote: string): QuotaFacts =>
  ({ counts: 'ACTIVE', per: 'DATASET_GROUP', limit, adjustable, source: `${LIMITS}: "${quote}"` });
const api = (action: string) => `https://docs.aws.amazon.com/personalize/latest/dg/API_${action}.html`;

/** The operations of a kind whose API name is `name`, as the API reference spells them. */
const ops = <N extends string>(name: N) => ({ apiName: name, createAction: `Create${name}` as `Create${N}`, describeAction: `Describe${name}` as `Describe${N}` });
/** A List call's facts: `ListRecommenders` answering `recommenders`, each summary `{ name, recommenderArn }`. */
const listOf = (name: string, parent?: ListParent, nameField: string | null = 'name'): ListFacts => ({
  action: `List${name}s`,
  key: `${name.charAt(0).toLowerCase()}${name.slice(1)}s`,
  parent,
  nameField: nameField ?? undefined,
  arnField: `${name.charAt(0).toLowerCase()}${name.slice(1)}Arn`,
});

/**
 * The resource kinds, one entry each, in the order the pipeline creates them (and the summary table lists them).
 * Adding a kind: one entry here, then its flow's declarative lines (src/flows/), its family in the emulator
 * (simulator/emulator/families/) and its tests; see docs/architecture.md, "Adding a resource kind".
 * @internal
 */
export const RESOURCE_KIND_FACTS = {
  datasetGroup: {
    id: 'DATASET_GROUP',
    label: 'Dataset group',
    arnType: 'dataset-group',
    ...ops('DatasetGroup'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: CREATE_FAILED,
    list: listOf('DatasetGroup'),
    pollingKey: 'datasetGroup',
    polling: QUICK,
    // DeleteDatasetGroup: its event trackers, solutions, datasets (and, strictly, recommenders and filters) first.
    teardown: { deleteAction: 'DeleteDatasetGroup', step: 5, deletableStatuses: ENDED },
    quotas: [{ counts: 'ACTIVE', per: 'ACCOUNT', limit: 5, adjustable: true, source: `${LIMITS}: "Total number of active dataset groups"` }],
    tags: true,
  },
  // Metric attributions (API reference, CreateMetricAttribution, DescribeMetricAttribution, MetricAttribution): one per
  // dataset group, created before the interactions it reports on are imported ("Amazon Personalize won't report on data
  // that you imported before you created it": developer guide, metric-attribution-requirements.html).
  metricAttribution: {
    id: 'METRIC_ATTRIBUTION',
    label: 'Metric attribution',
    arnType: 'metric-attribution',
    ...ops('MetricAttribution'),
    hasStatus: true,
    // The API reference lists no status values for MetricAttribution; the creation statuses of every other kind are
    // modelled (CREATE PENDING > CREATE IN_PROGRESS > ACTIVE -or- CREATE FAILED), see docs/emulator.md.
    readyStatuses: ACTIVE,
    failedStatuses: CREATE_FAILED,
    list: listOf('MetricAttribution', 'datasetGroupArn'),
    owner: OF_THIS_GROUP,
    pollingKey: 'datasetGroup',
    polling: QUICK,
    update: {
      action: 'UpdateMetricAttribution',
      fields: ['addMetrics', 'removeMetrics', 'metricsOutputConfig'],
      source: api('UpdateMetricAttribution'),
      used: true,
      // No latest...Update member: the attribution's own status shows the update (strict reading: anything but ACTIVE
      // is waited out; UPDATE FAILED or CREATE FAILED fails the wait).
      wait: { label: 'Metric attribution update', inWords: 'a metric attribution update', failedStatuses: ['CREATE FAILED', 'UPDATE FAILED'] },
    },
    // DeleteMetricAttribution (API reference): deleted beside filters and trackers, before the dataset group.
    teardown: { deleteAction: 'DeleteMetricAttribution', step: 3, deletableStatuses: ENDED },
    quotas: [{ counts: 'TOTAL', per: 'DATASET_GROUP', limit: 1, source: `${api('CreateMetricAttribution')} (one per dataset group: strict reading, see docs/emulator.md)` }],
    // CreateMetricAttribution's request has no tags member (API reference, CreateMetricAttribution).
    tags: false,
  },
  schema: {
    id: 'SCHEMA',
    label: 'Schema',
    arnType: 'schema',
    ...ops('Schema'),
    hasStatus: false,
    readyStatuses: ACTIVE,
    failedStatuses: CREATE_FAILED,
    list: listOf('Schema'),
    pollingKey: 'dataset',
    polling: QUICK,
    // DeleteSchema: every dataset that uses it first (API reference, DeleteSchema).
    teardown: { deleteAction: 'DeleteSchema', step: 6 },
    quotas: [{ counts: 'ACTIVE', per: 'ACCOUNT', limit: 500, source: `${LIMITS}: "Total number of active schemas"` }],
    // CreateSchema's request has no tags member (API reference, CreateSchema).
    tags: false,
  },
  dataset: {
    id: 'DATASET',
    label: 'Dataset',
    arnType: 'dataset',
    ...ops('Dataset'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: CREATE_FAILED,
    list: listOf('Dataset', 'datasetGroupArn'),
    pollingKey: 'dataset',
    polling: QUICK,
    update: {
      action: 'UpdateDataset',
      fields: ['schemaArn'],
      source: api('UpdateDataset'),
      used: true,
      // A schema change's progress is in Dataset.LatestDatasetUpdate (API reference, DatasetUpdateSummary);
      // Dataset.Status keeps its CREATE and DELETE states only.
      wait: { label: 'Dataset update', inWords: 'a schema change', statusField: 'LatestDatasetUpdate.Status', failedStatuses: ['CREATE FAILED', 'UPDATE FAILED'] },
    },
    // Filters reference datasets in their expressions (Filter expression structure): deleted before them.
    teardown: { deleteAction: 'DeleteDataset', step: 4, deletableStatuses: ENDED },
    // One dataset of each type per dataset group (API reference, CreateDatasetGroup); no count quota documented.
    quotas: [],
    tags: true,
  },
  datasetImportJob: {
    id: 'DATASET_IMPORT_JOB',
    label: 'Dataset import job',
    arnType: 'dataset-import-job',
    ...ops('DatasetImportJob'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: CREATE_FAILED,
    list: listOf('DatasetImportJob', 'datasetArn', 'jobName'),
    // The job's dataset ARN is dataset/<dataset group name>/<TYPE> (API reference, Dataset).
    owner: { field: 'DatasetArn', segment: 1, expected: 'datasetGroupName', label: 'dataset group' },
    pollingKey: 'datasetImportJob',
    polling: { initialSeconds: 10, maxSeconds: 5 * MINUTE, timeoutSeconds: 24 * HOUR, growth: CLOSE_GROWTH },
    // Not adjustable: developer guide, "Common error messages" (LimitExceededException on CreateDatasetImportJob).
    quotas: [inProgress(5, false, 'Total number of pending or in progress dataset import jobs')],
    tags: true,
  },
  // Data deletion jobs (API reference, CreateDataDeletionJob, DataDeletionJob): PENDING > IN_PROGRESS > COMPLETED or
  // FAILED; they have no delete action: the tear-down lists them as undeletable. "Until the job completes, Amazon
  // Personalize continues to use the data when training" (CreateDataDeletionJob): the models keep the users until
  // the next full training.
  dataDeletionJob: {
    id: 'DATA_DELETION_JOB',
    label: 'Data deletion job',
    arnType: 'data-deletion-job',
    ...ops('DataDeletionJob'),
    hasStatus: true,
    readyStatuses: ['COMPLETED'],
    failedStatuses: ['FAILED'],
    list: listOf('DataDeletionJob', 'datasetGroupArn', 'jobName'),
    owner: OF_THIS_GROUP,
    pollingKey: 'datasetImportJob',
    polling: { initialSeconds: 10, maxSeconds: 5 * MINUTE, timeoutSeconds: 24 * HOUR, growth: CLOSE_GROWTH },
    // No quota documented for data deletion jobs on the quotas page: none modelled (see docs/emulator.md).
    quotas: [],
    tags: true,
  },
  // Dataset export jobs (API reference, CreateDatasetExportJob, DatasetExportJob): CREATE PENDING > CREATE IN_PROGRESS >
  // ACTIVE -or- CREATE FAILED; no delete action: listed as undeletable.
  datasetExportJob: {
    id: 'DATASET_EXPORT_JOB',
    label: 'Dataset export job',
    arnType: 'dataset-export-job',
    ...ops('DatasetExportJob'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: ['CREATE FAILED'],
    list: listOf('DatasetExportJob', 'datasetArn', 'jobName'),
    // The job's dataset ARN is dataset/<dataset group name>/<TYPE> (API reference, Dataset).
    owner: { field: 'DatasetArn', segment: 1, expected: 'datasetGroupName', label: 'dataset group' },
    pollingKey: 'datasetImportJob',
    polling: { initialSeconds: 10, maxSeconds: 5 * MINUTE, timeoutSeconds: 24 * HOUR, growth: CLOSE_GROWTH },
    // No quota for export jobs in the text we could search (docs/emulator.md): none modelled.
    quotas: [],
    tags: true,
  },
  filter: {
    id: 'FILTER',
    label: 'Filter',
    arnType: 'filter',
    ...ops('Filter'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: CREATE_FAILED,
    list: { ...listOf('Filter', 'datasetGroupArn'), key: 'Filters' },
    owner: OF_THIS_GROUP,
    pollingKey: 'filter',
    polling: QUICK,
    teardown: { deleteAction: 'DeleteFilter', step: 3, deletableStatuses: ENDED },
    // The number is not confirmed by the text we could search (docs/emulator.md): model the stricter reading.
    quotas: [{ ...perGroup(30, true, 'Total number of filters'), source: `${LIMITS} (number unconfirmed; see docs/emulator.md)` }],
    tags: true,
  },
  eventTracker: {
    id: 'EVENT_TRACKER',
    label: 'Event tracker',
    arnType: 'event-tracker',
    ...ops('EventTracker'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: CREATE_FAILED,
    list: listOf('EventTracker', 'datasetGroupArn'),
    pollingKey: 'eventTracker',
    polling: QUICK,
    teardown: { deleteAction: 'DeleteEventTracker', step: 3, deletableStatuses: ENDED },
    quotas: [{ counts: 'TOTAL', per: 'DATASET_GROUP', limit: 1, source: `${api('CreateEventTracker')}: "Only one event tracker can be associated with a dataset group"` }],
    tags: true,
  },
  solution: {
    id: 'SOLUTION',
    label: 'Solution',
    arnType: 'solution',
    ...ops('Solution'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: CREATE_FAILED,
    list: listOf('Solution', 'datasetGroupArn'),
    owner: OF_THIS_GROUP,
    pollingKey: 'solution',
    polling: QUICK,
    update: {
      action: 'UpdateSolution',
      fields: ['performAutoTraining', 'performIncrementalUpdate', 'solutionUpdateConfig'],
      source: api('UpdateSolution'),
      used: true,
      // A solution update: CREATE PENDING > CREATE IN_PROGRESS > ACTIVE -or- CREATE FAILED, in latestSolutionUpdate.
      wait: { label: 'Solution update', inWords: 'a solution update', statusField: 'LatestSolutionUpdate.Status', failedStatuses: ['CREATE FAILED'] },
    },
    // DeleteDataset is refused while a solution version of the group trains; DeleteDatasetGroup needs solutions gone.
    teardown: { deleteAction: 'DeleteSolution', step: 2, deletableStatuses: ENDED },
    quotas: [perGroup(10, true, 'Total number of active solutions')],
    tags: true,
  },
  solutionVersion: {
    id: 'SOLUTION_VERSION',
    label: 'Solution version',
    arnType: 'solution',
    ...ops('SolutionVersion'),
    hasStatus: true,
    // API reference, SolutionVersion: CREATE PENDING > CREATE IN_PROGRESS > ACTIVE or CREATE FAILED; CREATE
    // STOPPING > CREATE STOPPED.
    readyStatuses: ACTIVE,
    failedStatuses: ['CREATE FAILED', 'CREATE STOPPING', 'CREATE STOPPED'],
    // Summaries have no name: a version is solution/<name>/<id>.
    list: listOf('SolutionVersion', 'solutionArn', null),
    pollingKey: 'solutionVersion',
    polling: LONG,
    quotas: [inProgress(20, true, 'Total number of pending or in progress solution versions')],
    tags: true,
  },
  campaign: {
    id: 'CAMPAIGN',
    label: 'Campaign',
    arnType: 'campaign',
    ...ops('Campaign'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: CREATE_FAILED,
    list: listOf('Campaign', 'solutionArn'),
    owner: OF_THIS_SOLUTION,
    pollingKey: 'campaign',
    polling: CAMPAIGN,
    update: {
      action: 'UpdateCampaign',
      fields: ['solutionVersionArn', 'minProvisionedTPS', 'campaignConfig'],
      source: api('UpdateCampaign'),
      used: true,
      // Campaign updates: Campaign.LatestCampaignUpdate (API reference, CampaignUpdateSummary).
      wait: { label: 'Campaign update', inWords: 'a campaign update', statusField: 'LatestCampaignUpdate.Status', failedStatuses: ['CREATE FAILED', 'UPDATE FAILED'] },
    },
    // A campaign holds its solution (DeleteSolution: delete its campaigns first).
    teardown: { deleteAction: 'DeleteCampaign', step: 1, deletableStatuses: ENDED },
    quotas: [perGroup(5, true, 'Total number of active campaigns')],
    tags: true,
  },
  // Batch job statuses: PENDING > IN PROGRESS > ACTIVE or CREATE FAILED (API reference, BatchInferenceJob). Jobs
  // have no delete action: the tear-down lists them as undeletable.
  batchInferenceJob: {
    id: 'BATCH_INFERENCE_JOB',
    label: 'Batch inference job',
    arnType: 'batch-inference-job',
    ...ops('BatchInferenceJob'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: ['CREATE FAILED'],
    list: listOf('BatchInferenceJob', 'solutionVersionArn', 'jobName'),
    owner: OF_THIS_SOLUTION,
    pollingKey: 'batchInferenceJob',
    polling: LONG,
    quotas: [inProgress(5, true, 'Total number of pending or in progress batch inference jobs')],
    tags: true,
  },
  batchSegmentJob: {
    id: 'BATCH_SEGMENT_JOB',
    label: 'Batch segment job',
    arnType: 'batch-segment-job',
    ...ops('BatchSegmentJob'),
    hasStatus: true,
    readyStatuses: ACTIVE,
    failedStatuses: ['CREATE FAILED'],
    list: listOf('BatchSegmentJob', 'solutionVersionArn', 'jobName'),
    owner: OF_THIS_SOLUTION,
    pollingKey: 'batchSegmentJob',
    polling: LONG,
    quotas: [inProgress(5, undefined, 'Total number of pending or in progress batch segment jobs')],
    tags: true,
  },
  // Recommender statuses (API reference, Recommender): CREATE PENDING > CREATE IN_PROGRESS > ACTIVE or CREATE FAILED;
  // STOP PENDING > STOP IN_PROGRESS > INACTIVE > START PENDING > START IN_PROGRESS > ACTIVE. A stopped (INACTIVE)
  // recommender ends the creation's wait too: the flow starts it.
  recommender: {
    id: 'RECOMMENDER',
    label: 'Recommender',
    arnType: 'recommender',
    ...ops('Recommender'),
    hasStatus: true,
    readyStatuses: ['ACTIVE', 'INACTIVE'],
    failedStatuses: CREATE_FAILED,
    list: listOf('Recommender', 'datasetGroupArn'),
    owner: OF_THIS_GROUP,
    pollingKey: 'recommender',
    polling: { initialSeconds: 10, maxSeconds: 5 * MINUTE, timeoutSeconds: 12 * HOUR, growth: CLOSE_GROWTH },
    otherWaits: [{ label: 'Recommender start', inWords: 'a restart', failedStatuses: ['CREATE FAILED', 'START FAILED'], polling: { ...CAMPAIGN, growth: 0.02 } }],
    update: {
      action: 'UpdateRecommender',
      fields: ['recommenderConfig'],
      source: api('UpdateRecommender'),
      used: true,
      // "To track the status of this update, use the latestRecommenderUpdate returned in DescribeRecommender."
      // Polled loosely (growth 0.05): a change of training columns retrains the models (hours), a rate change takes
      // minutes; the flow's history budget holds this wait beside the creation's and the restart's.
      wait: {
        label: 'Recommender update',
        inWords: 'a recommender update',
        statusField: 'LatestRecommenderUpdate.Status',
        failedStatuses: ['CREATE FAILED', 'UPDATE FAILED'],
        polling: { initialSeconds: 10, maxSeconds: 10 * MINUTE, timeoutSeconds: 12 * HOUR, growth: 0.05 },
      },
    },
    // Recommenders hold nothing; a stopped (INACTIVE) one can be deleted: DeleteRecommender names no state it must be in.
    teardown: { deleteAction: 'DeleteRecommender', step: 1, deletableStatuses: [...ENDED, 'INACTIVE'] },
    quotas: [{ counts: 'TOTAL', per: 'DATASET_GROUP', limit: 5, source: `${LIMITS}: "Total number of recommenders"` }],
    tags: true,
  },
} as const satisfies Record<string, KindFacts>;

/** The keys of the table, e.g. `datasetGroup`. @internal */
export type KindKey = keyof typeof RESOURCE_KIND_FACTS;

/** The table's entries, in its order. @internal */
export const KIND_FACTS: readonly KindFacts[] = Object.values(RESOURCE_KIND_FACTS);

/** An operation as the SDK integrations and the create function name it: `CreateDatasetGroup` → `createDatasetGroup`. @internal */
export function camelCaseAction(operation: string): string {
  return `${operation.charAt(0).toLowerCase()}${operation.slice(1)}`;
}

/** A member as Step Functions' SDK integrations name it: `datasetGroupArn` → `DatasetGroupArn`. @internal */
export function pascalCaseMember(member: string): string {
  return `${member.charAt(0).toUpperCase()}${member.slice(1)}`;
}

/**
 * The operations the create function makes with a user's serviceConfig: every kind's Create, and the Updates the
 * pipeline uses. The create function accepts exactly these (a test holds lambda/create-resource/actions.ts to it),
 * and its role is allowed exactly these.
 * @internal
 */
export const CREATE_FUNCTION_OPERATIONS: readonly string[] = KIND_FACTS.flatMap((kind) => [
  kind.createAction, ...(kind.update?.used ? [kind.update.action] : []),
]);

type Entry = (typeof RESOURCE_KIND_FACTS)[KindKey];
type UsedUpdate<E> = E extends { readonly update: { readonly used: true; readonly action: infer A extends string } } ? Uncapitalize<A> : never;
/**
 * The create function's action names (`createDatasetGroup`, `updateCampaign`, ...), from the table, and `tagResource`
 * (the tags of a resource that exists, reconciled on an update).
 * @internal
 */
export type CreateFunctionAction = Uncapitalize<Entry['createAction']> | UsedUpdate<Entry> | 'tagResource';

/** The resource type of the ARN a kind's Create or Update answers with. @internal */
export function arnTypeOfOperation(operation: string): string {
  const kind = KIND_FACTS.find((k) => k.createAction === operation || k.update?.action === operation);
  if (!kind) throw new Error(`${operation} is not a Create or Update of a resource kind`);
  return kind.arnType;
}

/** Durations in the words of the polling docs: 30 → `30 seconds`, 120 → `2 minutes`, 86400 → `24 hours`. */
function inWords(seconds: number): string {
  const [value, unit] = seconds % HOUR === 0 ? [seconds / HOUR, 'hour'] : seconds % MINUTE === 0 ? [seconds / MINUTE, 'minute'] : [seconds, 'second'];
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

/**
 * The `@default` text of a `PipelinePolling` key (src/pipeline/polling.ts), from the defaults of the kinds it
 * overrides: `from 5 seconds growing to 30 seconds, for up to 30 minutes (a schema change: the same)`. A test
 * holds the docs to it.
 * @internal
 */
export function pollingDefaultText(key: PollingKey): string {
  const kind = KIND_FACTS.find((k) => k.pollingKey === key && k.hasStatus);
  if (!kind) throw new Error(`no kind is polled with polling.${key}`);
  const p = kind.polling;
  const waits = [...(kind.update?.used ? [kind.update.wait] : []), ...(kind.otherWaits ?? [])].map((wait) => {
    const w = wait.polling;
    return w && (w.initialSeconds !== p.initialSeconds || w.maxSeconds !== p.maxSeconds || w.timeoutSeconds !== p.timeoutSeconds)
      ? `${wait.inWords}: from ${inWords(w.initialSeconds)} to ${inWords(w.maxSeconds)}, ${inWords(w.timeoutSeconds)}`
      : `${wait.inWords}: the same`;
  });
  return `from ${inWords(p.initialSeconds)} growing to ${inWords(p.maxSeconds)}, for up to ${inWords(p.timeoutSeconds)}${waits.length ? ` (${waits.join('; ')})` : ''}`;
}
