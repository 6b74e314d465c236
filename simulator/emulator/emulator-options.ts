import { ServiceLocation } from './personalize-arns';
import { StatusSpelling } from './status-spelling';
import { QuotaFacts, RESOURCE_KIND_FACTS } from '../../src/contract/resource-kinds';

/** The lifecycles whose length time mode models, one duration each. */
export type ResourceKind =
  | 'datasetGroup' | 'schema' | 'dataset' | 'datasetImportJob' | 'datasetUpdate' | 'filter' | 'eventTracker'
  | 'solution' | 'solutionUpdate' | 'solutionVersion' | 'solutionVersionStop' | 'campaign' | 'campaignUpdate'
  | 'batchInferenceJob' | 'batchSegmentJob' | 'recommender' | 'recommenderUpdate' | 'recommenderStart'
  | 'recommenderStop' | 'delete' | 'metricAttribution' | 'metricAttributionUpdate' | 'dataDeletionJob' | 'datasetExportJob';

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * How long each lifecycle takes in time mode, in seconds. The Personalize docs give no durations for
 * creations; every value here is ASSUMED (an order of magnitude seen in practice), except where noted.
 */
export const DEFAULT_DURATIONS: Readonly<Record<ResourceKind, number>> = {
  datasetGroup: MINUTE, // assumed
  schema: 0, // schemas have no status: source: API_DatasetSchema has no `status` member
  dataset: MINUTE, // assumed
  datasetImportJob: 20 * MINUTE, // assumed
  datasetUpdate: 5 * MINUTE, // assumed
  filter: 5 * MINUTE, // assumed
  eventTracker: MINUTE, // assumed
  solution: 2 * MINUTE, // assumed ("Solution updates can take a few minutes": updating-solution page, for updates)
  solutionUpdate: 5 * MINUTE, // assumed (updating-solution page: "Solution updates can take a few minutes")
  solutionVersion: 2 * HOUR, // assumed (training takes an hour or more in practice)
  solutionVersionStop: 5 * MINUTE, // assumed
  campaign: 15 * MINUTE, // assumed
  campaignUpdate: 15 * MINUTE, // assumed
  batchInferenceJob: 30 * MINUTE, // assumed
  batchSegmentJob: 30 * MINUTE, // assumed
  recommender: 2 * HOUR, // assumed (a recommender trains its models when created)
  recommenderUpdate: 30 * MINUTE, // assumed
  recommenderStart: 30 * MINUTE, // assumed
  recommenderStop: 5 * MINUTE, // assumed
  delete: MINUTE, // assumed
  metricAttribution: MINUTE, // assumed
  metricAttributionUpdate: MINUTE, // assumed
  dataDeletionJob: 2 * HOUR, // assumed (CreateDataDeletionJob: "it can take up to a day to delete all references")
  datasetExportJob: 20 * MINUTE, // assumed
};

/** Automatic training starts within one hour after the solution is ACTIVE: source: CreateSolutionRequest.performAutoTraining (SDK doc). */
export const FIRST_AUTOMATIC_TRAINING_DELAY_SECONDS = HOUR;

/** Service quotas the emulator enforces with LimitExceededException. */
export interface PersonalizeQuotas {
  /** Source: limits.html, account: "Total number of active schemas" 500. */
  readonly activeSchemas: number;
  /** Source: limits.html, account: "Total number of active dataset groups" 5 (adjustable). */
  readonly activeDatasetGroups: number;
  /** Source: limits.html, account: "Total number of pending or in progress dataset import jobs" 5. */
  readonly inProgressDatasetImportJobs: number;
  /** Source: limits.html, account: "Total number of pending or in progress batch inference jobs" 5 (adjustable). */
  readonly inProgressBatchInferenceJobs: number;
  /** Source: limits.html, account: "Total number of pending or in progress batch segment jobs" 5. */
  readonly inProgressBatchSegmentJobs: number;
  /** Source: limits.html, account: "Total number of pending or in progress solution versions" 20 (adjustable). */
  readonly inProgressSolutionVersions: number;
  /** Source: limits.html, per dataset group: "Total number of active solutions" 10 (adjustable). */
  readonly solutionsPerDatasetGroup: number;
  /** Source: limits.html, per dataset group: "Total number of active campaigns" 5 (adjustable). */
  readonly campaignsPerDatasetGroup: number;
  /** Source: limits.html, per dataset group: "Total number of recommenders" 5. */
  readonly recommendersPerDatasetGroup: number;
  /** Source: limits.html, per dataset group: "Total number of filters" 30 (adjustable). */
  readonly filtersPerDatasetGroup: number;
}

/** The default limit of a kind's quota, from the kind table (src/contract/resource-kinds.ts: each with its limits.html quote). */
function tableLimit(kind: keyof typeof RESOURCE_KIND_FACTS, counts: QuotaFacts['counts']): number {
  const quota = RESOURCE_KIND_FACTS[kind].quotas.find((q) => q.counts === counts);
  if (!quota) throw new Error(`the kind table has no ${counts} quota for ${kind}`);
  return quota.limit;
}

/** The documented defaults (limits.html), as the kind table holds them: one source for the pipeline and the emulator. */
export const DEFAULT_QUOTAS: Readonly<PersonalizeQuotas> = {
  activeSchemas: tableLimit('schema', 'ACTIVE'),
  activeDatasetGroups: tableLimit('datasetGroup', 'ACTIVE'),
  inProgressDatasetImportJobs: tableLimit('datasetImportJob', 'IN_PROGRESS'),
  inProgressBatchInferenceJobs: tableLimit('batchInferenceJob', 'IN_PROGRESS'),
  inProgressBatchSegmentJobs: tableLimit('batchSegmentJob', 'IN_PROGRESS'),
  inProgressSolutionVersions: tableLimit('solutionVersion', 'IN_PROGRESS'),
  solutionsPerDatasetGroup: tableLimit('solution', 'ACTIVE'),
  campaignsPerDatasetGroup: tableLimit('campaign', 'ACTIVE'),
  recommendersPerDatasetGroup: tableLimit('recommender', 'TOTAL'),
  filtersPerDatasetGroup: tableLimit('filter', 'ACTIVE'),
};

/** What CreateEventTracker answers for a second tracker in a dataset group (the docs only say "an error"). */
export type SecondEventTrackerError = 'LimitExceededException' | 'ResourceAlreadyExistsException';

/** Options of the emulator. */
export interface PersonalizeEmulatorOptions {
  /** Partition, region and account of every ARN. @default aws, us-east-1, 123456789012 */
  readonly location?: ServiceLocation;
  /** Describe-count mode (no clock): how many describes a resource needs to move one status on. @default 1 */
  readonly describesPerStatus?: number;
  /** Time mode: the current time in ms since epoch; statuses then follow each resource's age. @default - describe-count mode */
  readonly clock?: () => number;
  /** Time mode: seconds per lifecycle, overriding DEFAULT_DURATIONS. @default DEFAULT_DURATIONS */
  readonly durations?: Partial<Record<ResourceKind, number>>;
  /** Quotas, overriding DEFAULT_QUOTAS. @default DEFAULT_QUOTAS */
  readonly quotas?: Partial<PersonalizeQuotas>;
  /** The error of a second event tracker in a dataset group (docs silent: strict default). @default 'LimitExceededException' */
  readonly secondEventTrackerError?: SecondEventTrackerError;
  /**
   * How statuses are spelled in answers: `space` (`CREATE STOPPED`, the SDK model) or `underscore` (`CREATE_STOPPED`,
   * the StopSolutionVersionCreation API reference). The sources disagree: strict, the pipeline must match both.
   * @default 'space'
   */
  readonly statusSpelling?: StatusSpelling;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly location: ServiceLocation;
  readonly describesPerStatus: number;
  readonly clock?: () => number;
  readonly durations: Readonly<Record<ResourceKind, number>>;
  readonly quotas: Readonly<PersonalizeQuotas>;
  readonly secondEventTrackerError: SecondEventTrackerError;
  readonly statusSpelling: StatusSpelling;
}

/** Applies the defaults, validating what was given. */
export function resolveOptions(options: PersonalizeEmulatorOptions): ResolvedOptions {
  const describesPerStatus = options.describesPerStatus ?? 1;
  if (!Number.isInteger(describesPerStatus) || describesPerStatus < 1) {
    throw new Error(`describesPerStatus must be an integer of at least 1, got: ${describesPerStatus}`);
  }
  for (const [kind, seconds] of Object.entries(options.durations ?? {})) {
    if (!(kind in DEFAULT_DURATIONS)) throw new Error(`durations.${kind} is not a resource kind, expected one of ${Object.keys(DEFAULT_DURATIONS).join(', ')}`);
    if (typeof seconds !== 'number' || !(seconds >= 0)) throw new Error(`durations.${kind} must be a number of seconds >= 0, got: ${seconds}`);
  }
  if (options.statusSpelling !== undefined && !['space', 'underscore'].includes(options.statusSpelling)) {
    throw new Error(`statusSpelling must be 'space' or 'underscore', got: ${options.statusSpelling}`);
  }
  return {
    location: options.location ?? { partition: 'aws', region: 'us-east-1', account: '123456789012' },
    describesPerStatus,
    clock: options.clock,
    durations: { ...DEFAULT_DURATIONS, ...options.durations },
    quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
    secondEventTrackerError: options.secondEventTrackerError ?? 'LimitExceededException',
    statusSpelling: options.statusSpelling ?? 'space',
  };
}
