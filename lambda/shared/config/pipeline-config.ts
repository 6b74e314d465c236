/**
 * The input of the pipeline's main state machine: one JSON document that names every Amazon Personalize
 * resource to create or reuse.
 *
 * This file is the source of truth of the config contract. `schema/pipeline-config.schema.json` is generated
 * from it (`npx projen schema`) and a test keeps the two in agreement. Every `serviceConfig` object holds the
 * members of the matching Personalize API request (`Create*Request` in `@aws-sdk/client-personalize`) in the
 * API's own camelCase spelling, every member a user may set; unknown fields are rejected as typos. The members
 * that name a parent resource are derived by the pipeline and left out: `datasetGroupArn`, `schemaArn`,
 * `datasetType` (from the dataset's `type`), `datasetArn`, `solutionArn` and `solutionVersionArn`. Objects such
 * as `solutionConfig`, `campaignConfig` and `recommenderConfig` are passed through as they are, whatever they hold.
 */

/**
 * A name of a Personalize resource.
 * @pattern ^[a-zA-Z0-9][a-zA-Z0-9\-_]*$
 * @minLength 1
 * @maxLength 63
 */
export type ResourceName = string;

/**
 * An Amazon S3 URI.
 * @pattern ^s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9](/.*)?$
 */
export type S3Uri = string;

/**
 * The ARN of an IAM role that Amazon Personalize assumes.
 * @pattern ^arn:aws[a-z\-]*:iam::[0-9]{12}:role/[\w+=,.@\-/]+$
 */
export type RoleArn = string;

/**
 * The ARN of an AWS KMS key.
 * @pattern ^arn:aws[a-z\-]*:kms:[a-z0-9\-]+:[0-9]{12}:(key|alias)/.+$
 */
export type KmsKeyArn = string;

/**
 * The ARN of an Amazon Personalize recipe, for example `arn:aws:personalize:::recipe/aws-user-personalization`.
 * @pattern ^arn:aws[a-z\-]*:personalize:::recipe/[a-zA-Z0-9][a-zA-Z0-9\-_]*$
 */
export type RecipeArn = string;

/**
 * The ARN of an Amazon Personalize resource of this account.
 * @pattern ^arn:aws[a-z\-]*:personalize:[a-z0-9\-]+:[0-9]{12}:[a-z\-]+/.+$
 */
export type PersonalizeArn = string;

/** A resource tag. */
export interface Tag {
  /**
   * The tag's key.
   * @minLength 1
   * @maxLength 128
   */
  tagKey: string;
  /**
   * The tag's value.
   * @maxLength 256
   */
  tagValue: string;
}

/** The domain of a domain dataset group. */
export type Domain = 'ECOMMERCE' | 'VIDEO_ON_DEMAND';

/** The type of a dataset. */
export type DatasetType = 'INTERACTIONS' | 'ITEMS' | 'USERS' | 'ACTIONS' | 'ACTION_INTERACTIONS';

/** The whole pipeline config. */
export interface PipelineConfig {
  /** The JSON Schema this file follows (editors use it to complete and check the file). */
  $schema?: string;
  /** The Glue job to run before anything is created. */
  preprocessing?: PreprocessingConfig;
  /** The dataset group and its datasets. */
  datasetGroup: DatasetGroupSection;
  /** Filters of the dataset group. */
  filters?: FilterSection[];
  /** The event tracker of the dataset group. */
  eventTracker?: EventTrackerSection;
  /** Custom solutions, each with its solution version, campaigns and batch jobs. */
  solutions?: SolutionSection[];
  /** Recommenders (domain dataset groups only). */
  recommenders?: RecommenderSection[];
}

/** The Glue preprocessing step. */
export interface PreprocessingConfig {
  /**
   * The name of the Glue job to run; may be left out when the pipeline deployed the bundled job.
   * @minLength 1
   * @maxLength 255
   */
  jobName?: string;
  /** Whether to run the job in this execution. */
  run: boolean;
  /** Job arguments, passed to the job run as they are (keys usually start with `--`). */
  arguments?: Record<string, string>;
}

/** The dataset group section. */
export interface DatasetGroupSection {
  /** Fields of `CreateDatasetGroup`. */
  serviceConfig: DatasetGroupServiceConfig;
  /** The datasets of the group, at most one of each type. */
  datasets: DatasetSection[];
  /**
   * The group's metric attribution (one per dataset group): created right after the dataset group, before any import of
   * the run, as Personalize reports only on data imported after it exists. Changed on a re-run: `metrics` and
   * `metricsOutputConfig` applied in place (UpdateMetricAttribution, `addMetrics` / `removeMetrics` from the difference).
   */
  metricAttribution?: MetricAttributionSection;
  /**
   * A data deletion job: removes the users listed in an S3 CSV from every dataset of the group, after this run's
   * imports and before any training; with `retrain`, every solution with a `solutionVersion` entry then trains a FULL
   * version and its campaigns move to it.
   */
  dataDeletionJob?: DataDeletionJobSection;
}

/** The metric attribution of the dataset group. */
export interface MetricAttributionSection {
  /** Fields of `CreateMetricAttribution`; the pipeline derives `datasetGroupArn`. */
  serviceConfig: MetricAttributionServiceConfig;
}

/** Fields of `CreateMetricAttribution`; `datasetGroupArn` is derived. */
export interface MetricAttributionServiceConfig {
  /** The name of the metric attribution. */
  name: ResourceName;
  /**
   * The metrics: each an event type and a function, `SUM(<Interactions|Items>.<COLUMN>)` or `SAMPLECOUNT()`. Changed on a
   * re-run: applied in place (UpdateMetricAttribution: metrics added, removed, or removed and added again under the same
   * name when their event type or expression changed).
   * @minItems 1
   * @maxItems 10
   */
  metrics: MetricAttribute[];
  /** Where the metrics go: CloudWatch always (with `roleArn`), S3 too with `s3DataDestination`. Changed on a re-run: applied in place. */
  metricsOutputConfig: MetricAttributionOutput;
}

/** A metric of a metric attribution. */
export interface MetricAttribute {
  /**
   * The event type it counts, e.g. `click`.
   * @minLength 1
   * @maxLength 256
   */
  eventType: string;
  /**
   * `SUM(Items.PRICE)`, `SUM(Interactions.<COLUMN>)` or `SAMPLECOUNT()`.
   * @minLength 1
   * @maxLength 256
   */
  expression: string;
  /**
   * The metric's name in the reports, e.g. `REVENUE`.
   * @minLength 1
   * @maxLength 256
   */
  metricName: string;
}

/** The output of a metric attribution. */
export interface MetricAttributionOutput {
  /** The role Personalize assumes to publish to CloudWatch (and write to S3). */
  roleArn: RoleArn;
  /** An S3 location for the metrics too; absent: CloudWatch only. */
  s3DataDestination?: S3DataConfig;
}

/** A data deletion job of the dataset group. */
export interface DataDeletionJobSection {
  /** Fields of `CreateDataDeletionJob`; the pipeline derives `datasetGroupArn`. */
  serviceConfig: DataDeletionJobServiceConfig;
  /**
   * Whether to run the job. A job whose name exists and did not fail is not repeated (give a new `jobName` for a new
   * list of users); one that failed runs again under a derived name.
   */
  createNewJob: boolean;
  /**
   * Whether every solution of the group with a `solutionVersion` entry trains a FULL version after the job (whatever its
   * `createNewSolutionVersion` and `maxAge` say) and its campaigns move to it, so no model still holds the deleted users.
   * Only when the job runs (or is still running) in this execution: a job that completed earlier retrains nothing.
   * @default true
   */
  retrain?: boolean;
}

/** Fields of `CreateDataDeletionJob`; `datasetGroupArn` is derived. */
export interface DataDeletionJobServiceConfig {
  /** The name of the data deletion job. */
  jobName: ResourceName;
  /** The CSV of user ids to delete (one `USER_ID` column). */
  dataSource: DataSource;
  /** The role Personalize assumes to read the CSV. */
  roleArn: RoleArn;
  /** Tags of the job, set when it is created (a job that exists keeps the tags it was created with). */
  tags?: Tag[];
}

/** Fields of `CreateDatasetGroup`. */
export interface DatasetGroupServiceConfig {
  /** The name of the dataset group. */
  name: ResourceName;
  /**
   * The domain of a domain dataset group; leave it out for a custom dataset group. Changed on a re-run: refused (no
   * Update call takes it).
   */
  domain?: Domain;
  /** A KMS key to encrypt the datasets with. */
  kmsKeyArn?: KmsKeyArn;
  /** The role Personalize assumes to use the KMS key. */
  roleArn?: RoleArn;
  /**
   * Tags of the dataset group. Changed on a re-run: applied in place (TagResource, UntagResource: the resource gets exactly
   * these); left out: its tags are left alone.
   */
  tags?: Tag[];
}

/** One dataset with its schema and import job. */
export interface DatasetSection {
  /** The type of the dataset. */
  type: DatasetType;
  /** The schema of the dataset. */
  schema: SchemaSection;
  /** The dataset itself. */
  dataset: DatasetDetails;
  /** The bulk import of data into the dataset. */
  datasetImportJob?: DatasetImportJobSection;
  /** An export of the dataset's data to S3, after the run's imports. */
  datasetExportJob?: DatasetExportJobSection;
}

/** A dataset export job. */
export interface DatasetExportJobSection {
  /** Fields of `CreateDatasetExportJob`; the pipeline derives `datasetArn`. */
  serviceConfig: DatasetExportJobServiceConfig;
  /** Whether to run the export. A job whose name exists and did not fail is not repeated: give a new `jobName` for a new export. */
  createNewJob: boolean;
}

/** Fields of `CreateDatasetExportJob`; `datasetArn` is derived. */
export interface DatasetExportJobServiceConfig {
  /** The name of the export job. */
  jobName: ResourceName;
  /** Which data: BULK (imported by import jobs), PUT (recorded incrementally: event tracker, PutItems, PutUsers) or ALL; the service's default is PUT. */
  ingestionMode?: 'BULK' | 'PUT' | 'ALL';
  /** The role Personalize assumes to write to the output bucket. */
  roleArn: RoleArn;
  /** Where the data goes. */
  jobOutput: DatasetExportJobOutput;
  /** Tags of the job, set when it is created (a job that exists keeps the tags it was created with). */
  tags?: Tag[];
}

/** The output of a dataset export job. */
export interface DatasetExportJobOutput {
  /** The S3 location. */
  s3DataDestination: S3DataConfig;
}

/** A dataset schema. */
export interface SchemaSection {
  /** Fields of `CreateSchema`; `schema` is the Avro schema as a JSON object. */
  serviceConfig: SchemaServiceConfig;
  /**
   * A label of the schema's revision. Personalize schemas cannot change: to change a schema, give it a new
   * name (and a new label); the pipeline creates it and moves the existing dataset to it (UpdateDataset).
   * @minLength 1
   */
  schemaVersion: string;
}

/** Fields of `CreateSchema`. */
export interface SchemaServiceConfig {
  /** The name of the schema. */
  name: ResourceName;
  /** The Avro schema. */
  schema: AvroSchema;
  /** The domain of the schema; defaults to the dataset group's domain. */
  domain?: Domain;
}

/** An Avro record schema of a Personalize dataset. */
export interface AvroSchema {
  /** Always `record`. */
  type: 'record';
  /** The record name. */
  name: string;
  /** The record namespace. */
  namespace?: string;
  /**
   * The fields of the record.
   * @minItems 1
   */
  fields: AvroField[];
  /** The Avro schema version. */
  version?: string;
}

/** A field of an Avro schema. */
export interface AvroField {
  /**
   * The field name.
   * @pattern ^[A-Za-z_][A-Za-z0-9_]*$
   */
  name: string;
  /** The Avro type: a name such as `string`, or a union such as `["null", "string"]`. */
  type: AvroTypeName | AvroTypeName[];
  /** Whether the field is categorical. */
  categorical?: boolean;
  /** Whether the field is free text. */
  textual?: boolean;
  /** The default value. */
  default?: string | number | boolean | null;
}

/** An Avro primitive type name that Personalize accepts. */
export type AvroTypeName = 'null' | 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean';

/** The dataset part of a dataset section. */
export interface DatasetDetails {
  /** Fields of `CreateDataset`; the pipeline derives `schemaArn`, `datasetGroupArn` and `datasetType` (from `type`). */
  serviceConfig: DatasetServiceConfig;
}

/** Fields of `CreateDataset`; `schemaArn`, `datasetGroupArn` and `datasetType` are derived. */
export interface DatasetServiceConfig {
  /** The name of the dataset. */
  name: ResourceName;
  /**
   * Tags of the dataset. Changed on a re-run: applied in place (TagResource, UntagResource: the resource gets exactly
   * these); left out: its tags are left alone.
   */
  tags?: Tag[];
}

/** A dataset import job. */
export interface DatasetImportJobSection {
  /** Fields of `CreateDatasetImportJob`; the pipeline derives `datasetArn`. */
  serviceConfig: DatasetImportJobServiceConfig;
  /**
   * Whether to run the import. A job whose name already exists is reused, not repeated: give a new
   * `jobName` to import new data.
   */
  createNewJob: boolean;
}

/** Fields of `CreateDatasetImportJob`; `datasetArn` is derived. */
export interface DatasetImportJobServiceConfig {
  /** The name of the import job. */
  jobName: ResourceName;
  /** Where the data is. */
  dataSource: DataSource;
  /** The role Personalize assumes to read the data (optional in `CreateDatasetImportJobRequest`). */
  roleArn?: RoleArn;
  /** FULL replaces the dataset's bulk data; INCREMENTAL adds to it. */
  importMode?: 'FULL' | 'INCREMENTAL';
  /** Whether to publish attribution metrics to S3. */
  publishAttributionMetricsToS3?: boolean;
  /** Tags of the import job, set when it is created (an import job that exists keeps the tags it was created with). */
  tags?: Tag[];
}

/** The source of an import. */
export interface DataSource {
  /** The S3 URI of a CSV file or folder. */
  dataLocation: S3Uri;
}

/** A filter. */
export interface FilterSection {
  /** Fields of `CreateFilter`; the pipeline derives `datasetGroupArn`. */
  serviceConfig: FilterServiceConfig;
}

/** Fields of `CreateFilter`; `datasetGroupArn` is derived. */
export interface FilterServiceConfig {
  /** The name of the filter. */
  name: ResourceName;
  /**
   * The filter expression, e.g. `EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")`. Keywords, the
   * ItemID/ActionID/UserID element and dataset names may be written in any letter case. Changed on a re-run:
   * refused (no Update call takes it: give the new expression a new filter name).
   * @minLength 1
   * @maxLength 2500
   */
  filterExpression: string;
  /**
   * Tags of the filter. Changed on a re-run: applied in place (TagResource, UntagResource: the resource gets exactly
   * these); left out: its tags are left alone.
   */
  tags?: Tag[];
}

/** The event tracker. */
export interface EventTrackerSection {
  /** Fields of `CreateEventTracker`; the pipeline derives `datasetGroupArn`. */
  serviceConfig: EventTrackerServiceConfig;
}

/** Fields of `CreateEventTracker`; `datasetGroupArn` is derived. */
export interface EventTrackerServiceConfig {
  /** The name of the event tracker. */
  name: ResourceName;
  /**
   * Tags of the event tracker. Changed on a re-run: applied in place (TagResource, UntagResource: the resource gets exactly
   * these); left out: its tags are left alone.
   */
  tags?: Tag[];
}

/** A custom solution with what is built on it. */
export interface SolutionSection {
  /** Fields of `CreateSolution`; the pipeline derives `datasetGroupArn`. */
  serviceConfig: SolutionServiceConfig;
  /** Whether and how to train a solution version. */
  solutionVersion?: SolutionVersionSection;
  /** Campaigns deployed from the solution's version. */
  campaigns?: CampaignSection[];
  /** Batch inference jobs run on the solution's version. */
  batchInferenceJobs?: BatchInferenceJobSection[];
  /** Batch segment jobs run on the solution's version. */
  batchSegmentJobs?: BatchSegmentJobSection[];
  /**
   * A rule a campaign's new solution version must pass before the campaign moves to it; absent: campaigns move to
   * every version this execution chooses.
   */
  metricsGate?: MetricsGate;
}

/**
 * A metric of `GetSolutionMetrics`; for each, higher is better (source: Amazon Personalize developer guide,
 * "Evaluating a solution version with metrics", working-with-training-metrics.html). Which ones a version reports
 * depends on its recipe (recipe-metrics.ts): the ranking metrics for item recipes, `hit` and `recall` for
 * USER_SEGMENTATION, `trend_prediction_accuracy` for Trending-Now, `precision`, `recall` and
 * `area_under_the_curve` for Next-Best-Action.
 */
export type SolutionMetricName =
  | 'coverage'
  | 'mean_reciprocal_rank_at_25'
  | 'normalized_discounted_cumulative_gain_at_5'
  | 'normalized_discounted_cumulative_gain_at_10'
  | 'normalized_discounted_cumulative_gain_at_25'
  | 'precision_at_5'
  | 'precision_at_10'
  | 'precision_at_25'
  | 'average_rewards_at_k'
  | 'normalized_discounted_cumulative_gain_with_event_weights_at_k'
  | 'trend_prediction_accuracy'
  | 'hit'
  | 'recall'
  | 'precision'
  | 'area_under_the_curve';

/**
 * The metrics gate: a campaign moves to a new solution version only when the version's `metric` is at least the
 * one of the version the campaign serves now less `margin`, or at least `floor`. A campaign without a current
 * version (created now) always passes.
 */
export interface MetricsGate {
  /** The metric compared, e.g. `normalized_discounted_cumulative_gain_at_10`. */
  metric: SolutionMetricName;
  /**
   * How much worse than the current version's metric the new version's may be and still pass. The pre-flight check
   * subtracts it from the metric of the version the campaign serves then; if the campaign serves another version
   * when the gate runs, the gate compares with that version's metric as it is (margin 0).
   * @default 0
   * @minimum 0
   */
  margin?: number;
  /**
   * An absolute bar: a version whose metric is at least this passes, whatever the current version's.
   * @minimum 0
   * @maximum 1
   */
  floor?: number;
}

/** Fields of `CreateSolution`; `datasetGroupArn` is derived. */
export interface SolutionServiceConfig {
  /** The name of the solution. */
  name: ResourceName;
  /** The recipe; required unless `performAutoML` is true. Changed on a re-run: refused (no Update call takes it). */
  recipeArn?: RecipeArn;
  /** The event type to train on. Changed on a re-run: refused (no Update call takes it). */
  eventType?: string;
  /** Whether to run hyperparameter optimisation. Changed on a re-run: refused (no Update call takes it). */
  performHPO?: boolean;
  /** Whether to let Personalize choose the recipe (legacy). Changed on a re-run: refused (no Update call takes it). */
  performAutoML?: boolean;
  /**
   * Whether Personalize trains new versions by itself; the service's default is true (every 7 days unless
   * `solutionConfig.autoTrainingConfig.schedulingExpression` says otherwise). Changed on a re-run: applied in place
   * (UpdateSolution); left out, it is true.
   * @default true
   */
  performAutoTraining?: boolean;
  /**
   * Whether to train incremental updates (Semantic-Similarity recipe only). Changed on a re-run: applied in place
   * (UpdateSolution); left out: left as it is.
   */
  performIncrementalUpdate?: boolean;
  /**
   * `solutionConfig` of `CreateSolution` (including `autoTrainingConfig`), passed as it is. Changed on a re-run:
   * `autoTrainingConfig` and `eventsConfig` are applied in place (UpdateSolution; a schedule left out is
   * `rate(7 days)`, an events config left out is left as it is); a change of any other member is refused (no Update
   * call takes it), a member left out is not compared.
   */
  solutionConfig?: Record<string, unknown>;
  /**
   * Tags of the solution. Changed on a re-run: applied in place (TagResource, UntagResource: the resource gets exactly
   * these); left out: its tags are left alone.
   */
  tags?: Tag[];
}

/** How the solution version is chosen. */
export interface SolutionVersionSection {
  /**
   * Whether the pipeline trains a new version. When true, a version is trained on every run (unless `maxAge`
   * is set and the latest ACTIVE version is younger); when false, the latest ACTIVE version is used, and a run
   * for a solution without one is refused before anything is created.
   */
  createNewSolutionVersion: boolean;
  /**
   * With `createNewSolutionVersion` true, train only when the latest ACTIVE version is older than this,
   * e.g. `"7 days"`, `"12 hours"`, `"30 minutes"`; absent: train on every run.
   */
  maxAge?: MaxAge;
  /** Fields of `CreateSolutionVersion`; the pipeline derives `solutionArn`. */
  serviceConfig?: SolutionVersionServiceConfig;
}

/**
 * A duration: `<integer> <second|minute|hour|day|week>(s)`.
 * @pattern ^[1-9][0-9]* (second|minute|hour|day|week)s?$
 */
export type MaxAge = string;

/** Fields of `CreateSolutionVersion`; `solutionArn` is derived. */
export interface SolutionVersionServiceConfig {
  /** The name of the solution version. */
  name?: ResourceName;
  /** FULL retrains on all data; UPDATE (User-Personalization and HRNN-Coldstart only) updates items. */
  trainingMode?: 'FULL' | 'UPDATE';
  /** Tags of the solution version, set when it is created (a solution version that exists keeps the tags it was created with). */
  tags?: Tag[];
}

/** A campaign. */
export interface CampaignSection {
  /** Whether to create (or update) the campaign. */
  createCampaign: boolean;
  /**
   * The ARN of the solution version to deploy; empty or absent means the solution's version chosen by this
   * execution.
   */
  solutionversion?: string;
  /** Fields of `CreateCampaign`; the pipeline derives `solutionVersionArn`. */
  serviceConfig: CampaignServiceConfig;
  /**
   * A `GetRecommendations` call once the campaign is ACTIVE on its version (`GetActionRecommendations`, with
   * `userId`, on a Next-Best-Action campaign); absent: none.
   */
  smokeTest?: SmokeTest;
}

/**
 * A recommendation smoke test: one `GetRecommendations` call (personalize-runtime) for a user and/or an item; an
 * error or an empty answer fails the run. Give `userId` for user recommendations (USER_PERSONALIZATION recipes and
 * use cases), `itemId` for related items (RELATED_ITEMS); at least one of the two. A recommender's use case says
 * which it needs (both for "Because you watched X", `userId` for "Most popular", ...); a Next-Best-Action campaign
 * is asked with `GetActionRecommendations` and takes `userId` only.
 */
export interface SmokeTest {
  /**
   * The user to get recommendations for.
   * @minLength 1
   * @maxLength 256
   */
  userId?: string;
  /**
   * The item to get related items for.
   * @minLength 1
   * @maxLength 256
   */
  itemId?: string;
  /**
   * How many items to ask for; 10 when absent.
   * @asType integer
   * @minimum 1
   * @maximum 500
   * @default 10
   */
  numResults?: number;
}

/** Fields of `CreateCampaign`; `solutionVersionArn` is derived. */
export interface CampaignServiceConfig {
  /** The name of the campaign. */
  name: ResourceName;
  /**
   * The minimum provisioned transactions per second. Changed on a re-run: applied in place (UpdateCampaign); left
   * out, it is 1 (the service's default).
   * @asType integer
   * @minimum 1
   */
  minProvisionedTPS?: number;
  /**
   * `campaignConfig` of `CreateCampaign`, passed as it is. Changed on a re-run: applied in place (UpdateCampaign,
   * with or without a new solution version); `syncWithLatestSolutionVersion` left out is false, any other member left
   * out is left as it is.
   */
  campaignConfig?: Record<string, unknown>;
  /**
   * Tags of the campaign. Changed on a re-run: applied in place (TagResource, UntagResource: the resource gets exactly
   * these); left out: its tags are left alone.
   */
  tags?: Tag[];
}

/** Input of a batch job. */
export interface BatchJobInput {
  /** Where the input is. */
  s3DataSource: S3DataConfig;
}

/** Output of a batch job. */
export interface BatchJobOutput {
  /** Where the output goes. */
  s3DataDestination: S3DataConfig;
}

/** An S3 location of a batch job. */
export interface S3DataConfig {
  /** The S3 URI. */
  path: S3Uri;
  /** A KMS key for the data. */
  kmsKeyArn?: KmsKeyArn;
}

/** A batch inference job. */
export interface BatchInferenceJobSection {
  /** Fields of `CreateBatchInferenceJob`; the pipeline derives `solutionVersionArn`. */
  serviceConfig: BatchInferenceJobServiceConfig;
  /** Whether to run the job. A job whose name exists is reused. */
  createBatchInferenceJob: boolean;
}

/** Fields that batch inference and batch segment jobs share; `solutionVersionArn` is derived. */
export interface BatchJobServiceConfig {
  /** The name of the job. */
  jobName: ResourceName;
  /** The role Personalize assumes to read the input and write the output. */
  roleArn: RoleArn;
  /** The input. */
  jobInput: BatchJobInput;
  /** The output. */
  jobOutput: BatchJobOutput;
  /** A filter to apply, by ARN. */
  filterArn?: PersonalizeArn;
  /** Tags of the job, set when it is created (a job that exists keeps the tags it was created with). */
  tags?: Tag[];
}

/** Fields of `CreateBatchInferenceJob`. */
export interface BatchInferenceJobServiceConfig extends BatchJobServiceConfig {
  /**
   * The number of recommendations per input line.
   * @asType integer
   * @minimum 1
   * @maximum 500
   */
  numResults?: number;
  /** `batchInferenceJobConfig`, passed as it is. */
  batchInferenceJobConfig?: Record<string, unknown>;
  /** The job mode. */
  batchInferenceJobMode?: 'BATCH_INFERENCE' | 'THEME_GENERATION';
  /** `themeGenerationConfig`, passed as it is. */
  themeGenerationConfig?: Record<string, unknown>;
}

/** A batch segment job. */
export interface BatchSegmentJobSection {
  /** Fields of `CreateBatchSegmentJob`; the pipeline derives `solutionVersionArn`. */
  serviceConfig: BatchSegmentJobServiceConfig;
  /** Whether to run the job. A job whose name exists is reused. */
  createBatchSegmentJob: boolean;
}

/** Fields of `CreateBatchSegmentJob`. */
export interface BatchSegmentJobServiceConfig extends BatchJobServiceConfig {
  /**
   * The number of users per segment.
   * @asType integer
   * @minimum 1
   */
  numResults?: number;
}

/** A recommender of a domain dataset group. */
export interface RecommenderSection {
  /** Fields of `CreateRecommender`; the pipeline derives `datasetGroupArn`. */
  serviceConfig: RecommenderServiceConfig;
  /** Whether to create the recommender. */
  createRecommender: boolean;
  /** A `GetRecommendations` call once the recommender is ACTIVE; absent: none. */
  smokeTest?: SmokeTest;
}

/** Fields of `CreateRecommender`; `datasetGroupArn` is derived. */
export interface RecommenderServiceConfig {
  /** The name of the recommender. */
  name: ResourceName;
  /**
   * The domain recipe (use case), for example `arn:aws:personalize:::recipe/aws-vod-most-popular`. Changed on a
   * re-run: refused (no Update call takes it).
   */
  recipeArn: RecipeArn;
  /**
   * `recommenderConfig`, passed as it is. Changed on a re-run: applied in place (UpdateRecommender, the configured
   * members over the current ones); `minRecommendationRequestsPerSecond` left out is 1, any other member left out is
   * left as it is.
   */
  recommenderConfig?: Record<string, unknown>;
  /**
   * Tags of the recommender. Changed on a re-run: applied in place (TagResource, UntagResource: the resource gets exactly
   * these); left out: its tags are left alone.
   */
  tags?: Tag[];
}
