import { parseMaxAge } from './max-age';
import {
  BatchInferenceJobSection, BatchSegmentJobSection, CampaignSection, DataDeletionJobServiceConfig, DatasetExportJobServiceConfig,
  DatasetGroupServiceConfig, DatasetImportJobServiceConfig, MetricAttributionServiceConfig,
  DatasetType, EventTrackerServiceConfig, FilterServiceConfig, MetricsGate, PipelineConfig, RecommenderSection, SchemaServiceConfig,
  SmokeTest, SolutionSection, SolutionServiceConfig, SolutionVersionServiceConfig, DatasetServiceConfig,
} from './pipeline-config';
import { answersActionRecommendations, smokeTestRequest } from './use-case-requests';
import type { PlanKey, SameKeys } from '../../../src/contract/function-contract';

/** How many items a smoke test asks for when the config does not say. */
export const DEFAULT_SMOKE_TEST_RESULTS = 10;

/*
 * The config's defaults, applied here only: validation reads the config as it is given (and asks these functions
 * where a rule depends on a default), the plan is the config with every default filled in.
 */

/** Whether a solution trains a new version on this run: `createNewSolutionVersion`, true when absent. */
export function createsNewSolutionVersion(solution: SolutionSection): boolean {
  return solution.solutionVersion?.createNewSolutionVersion ?? true;
}

/** A smoke test with its defaults filled in; absent when the config has none. */
const withSmokeTestDefaults = <T extends { smokeTest?: SmokeTest }>(entry: T): T => (entry.smokeTest
  ? { ...entry, smokeTest: { ...entry.smokeTest, numResults: entry.smokeTest.numResults ?? DEFAULT_SMOKE_TEST_RESULTS } }
  : entry);

/**
 * A valid config with every default filled in, in the shape the state machines read. JSONPath fails on a
 * missing field, so every list and flag the state machines read is always present here.
 */
export interface ExecutionPlan {
  readonly datasetGroup: {
    readonly name: string;
    readonly isDomain: boolean;
    readonly serviceConfig: DatasetGroupServiceConfig;
    /** Absent when the config has none (the dataset group flow checks for it). */
    readonly metricAttribution?: { readonly serviceConfig: MetricAttributionServiceConfig };
  };
  readonly preprocessing: { readonly run: boolean; readonly jobName: string; readonly arguments: Record<string, string> };
  readonly datasets: ReadonlyArray<{
    readonly type: DatasetType;
    readonly schema: { readonly serviceConfig: SchemaServiceConfig; readonly schemaVersion: string };
    readonly dataset: { readonly serviceConfig: DatasetServiceConfig };
  }>;
  readonly imports: ReadonlyArray<{
    readonly datasetType: DatasetType;
    readonly createNewJob: boolean;
    readonly serviceConfig: DatasetImportJobServiceConfig;
  }>;
  /** The group's data jobs after the imports (the import flow runs them, `kind` telling which). */
  readonly exports: ReadonlyArray<{
    readonly kind: 'DATASET_EXPORT_JOB';
    readonly datasetType: DatasetType;
    readonly createNewJob: boolean;
    readonly serviceConfig: DatasetExportJobServiceConfig;
  }>;
  readonly dataDeletionJob: {
    readonly kind: 'DATA_DELETION_JOB';
    readonly createNewJob: boolean;
    /** Whether the solutions retrain after it (resolved by the pre-flight: only when the job runs in this execution). */
    readonly retrain: boolean;
    readonly serviceConfig: DataDeletionJobServiceConfig | Record<string, never>;
  };
  readonly filters: ReadonlyArray<{ readonly serviceConfig: FilterServiceConfig }>;
  readonly eventTracker: { readonly enabled: boolean; readonly serviceConfig: EventTrackerServiceConfig | Record<string, never> };
  readonly solutions: ReadonlyArray<{
    readonly serviceConfig: SolutionServiceConfig;
    readonly solutionVersion: {
      readonly createNewSolutionVersion: boolean;
      /** `maxAge` in seconds; 0 when absent, which trains on every run (every version is older than 0 s). */
      readonly maxAgeSeconds: number;
      readonly serviceConfig: SolutionVersionServiceConfig;
    };
    /**
     * `actionRecommendations: true` on a Next-Best-Action campaign: its smoke test calls GetActionRecommendations
     * (absent on any other campaign).
     */
    readonly campaigns: ReadonlyArray<CampaignSection & { readonly solutionversion: string; readonly actionRecommendations?: true }>;
    readonly batchInferenceJobs: readonly BatchInferenceJobSection[];
    readonly batchSegmentJobs: readonly BatchSegmentJobSection[];
    /** Absent when the config has none (the campaign flow checks for it). */
    readonly metricsGate?: MetricsGate;
  }>;
  readonly recommenders: readonly RecommenderSection[];
  /** Which parts have work to do, for the main state machine's choices. */
  readonly has: {
    readonly preprocessing: boolean;
    readonly exports: boolean;
    readonly dataDeletionJob: boolean;
    readonly filters: boolean;
    readonly eventTracker: boolean;
    readonly solutions: boolean;
    readonly recommenders: boolean;
  };
}

/** The plan's keys are the contract's (src/contract/function-contract.ts): the main state machine reads `$.plan.<key>`. */
export const PLAN_KEYS_CHECKED: SameKeys<ExecutionPlan, PlanKey> = true;

/** Fills in the defaults of a config that passed validation. */
export function toExecutionPlan(config: PipelineConfig, deployedGlueJobName?: string): ExecutionPlan {
  const group = config.datasetGroup;
  const domain = group.serviceConfig.domain;
  const solutions = (config.solutions ?? []).map((solution) => ({
    serviceConfig: solution.serviceConfig,
    solutionVersion: {
      createNewSolutionVersion: createsNewSolutionVersion(solution),
      maxAgeSeconds: solution.solutionVersion?.maxAge ? parseMaxAge(solution.solutionVersion.maxAge) : 0,
      serviceConfig: solution.solutionVersion?.serviceConfig ?? {},
    },
    campaigns: (solution.campaigns ?? []).map((campaign) => withSmokeTestDefaults({
      ...campaign,
      solutionversion: campaign.solutionversion ?? '',
      ...(answersActionRecommendations(solution.serviceConfig.recipeArn) ? { actionRecommendations: true as const } : {}),
    })),
    batchInferenceJobs: solution.batchInferenceJobs ?? [],
    batchSegmentJobs: solution.batchSegmentJobs ?? [],
    ...(solution.metricsGate ? { metricsGate: solution.metricsGate } : {}),
  }));
  const filters = (config.filters ?? []).map((filter) => ({ serviceConfig: filter.serviceConfig }));
  const exportItems = group.datasets.flatMap((d) => d.datasetExportJob
    ? [{ kind: 'DATASET_EXPORT_JOB' as const, datasetType: d.type, createNewJob: d.datasetExportJob.createNewJob, serviceConfig: d.datasetExportJob.serviceConfig }]
    : []);
  // A recommender's smoke test goes without the ids its use case does not use (use-case-requests.ts).
  const recommenders = (config.recommenders ?? []).map((r) => withSmokeTestDefaults(
    r.smokeTest ? { ...r, smokeTest: smokeTestRequest(r.smokeTest, r.serviceConfig.recipeArn) } : r));
  return {
    datasetGroup: {
      name: group.serviceConfig.name,
      isDomain: domain !== undefined,
      serviceConfig: group.serviceConfig,
      ...(group.metricAttribution ? { metricAttribution: { serviceConfig: group.metricAttribution.serviceConfig } } : {}),
    },
    preprocessing: {
      run: config.preprocessing?.run ?? false,
      jobName: config.preprocessing?.jobName ?? deployedGlueJobName ?? '',
      arguments: config.preprocessing?.arguments ?? {},
    },
    datasets: group.datasets.map((d) => ({
      type: d.type,
      schema: {
        serviceConfig: domain && !d.schema.serviceConfig.domain ? { ...d.schema.serviceConfig, domain } : d.schema.serviceConfig,
        schemaVersion: d.schema.schemaVersion,
      },
      dataset: { serviceConfig: d.dataset.serviceConfig },
    })),
    imports: group.datasets.flatMap((d) => d.datasetImportJob
      ? [{ datasetType: d.type, createNewJob: d.datasetImportJob.createNewJob, serviceConfig: d.datasetImportJob.serviceConfig }]
      : []),
    exports: exportItems,
    dataDeletionJob: {
      kind: 'DATA_DELETION_JOB',
      createNewJob: group.dataDeletionJob?.createNewJob ?? false,
      retrain: group.dataDeletionJob?.retrain ?? true,
      serviceConfig: group.dataDeletionJob?.serviceConfig ?? {},
    },
    filters,
    eventTracker: { enabled: config.eventTracker !== undefined, serviceConfig: config.eventTracker?.serviceConfig ?? {} },
    solutions,
    recommenders,
    has: {
      preprocessing: config.preprocessing?.run ?? false,
      exports: exportItems.length > 0,
      dataDeletionJob: group.dataDeletionJob !== undefined,
      filters: filters.length > 0,
      eventTracker: config.eventTracker !== undefined,
      solutions: solutions.length > 0,
      recommenders: recommenders.length > 0,
    },
  };
}
