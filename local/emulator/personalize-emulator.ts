import { createHash } from 'node:crypto';
import type * as P from '@aws-sdk/client-personalize';
import { FaultInjector } from './fault-injector';
import { BATCH_JOB_STATUSES, CREATE_FAILED, CREATE_STATUSES, DELETED, Lifecycle, UPDATE_STATUSES } from './lifecycle';
import { PersonalizeArns, ServiceLocation } from './personalize-arns';
import { alreadyExists, inUse, invalidInput, notFound, PersonalizeError } from './personalize-error';
import { recipeNameOf, RECIPES } from './recipes';

/** Options of the emulator. */
export interface PersonalizeEmulatorOptions {
  /** Partition, region and account of every ARN. @default aws, us-east-1, 123456789012 */
  readonly location?: ServiceLocation;
  /** How many describes a resource needs to move one status on. @default 1 */
  readonly describesPerStatus?: number;
}

/** One call the emulator answered (or refused). */
export interface EmulatorCall {
  readonly operation: string;
  readonly request: Record<string, unknown>;
  readonly error?: string;
}

/** A stored resource: its API fields plus the lifecycle that drives its status. */
interface Stored<T> {
  readonly arn: string;
  readonly name: string;
  readonly created: Date;
  updated: Date;
  lifecycle?: Lifecycle;
  data: T;
}

type Handler = (request: any) => unknown;

/** A campaign with the update in progress, if any. */
interface StoredCampaign extends Stored<P.Campaign> {
  update?: { lifecycle: Lifecycle; data: P.CampaignUpdateSummary };
}

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/;
const S3_PATTERN = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const ROLE_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const DATASET_TYPES = ['INTERACTIONS', 'ITEMS', 'USERS', 'ACTIONS', 'ACTION_INTERACTIONS'];
const DOMAINS = ['ECOMMERCE', 'VIDEO_ON_DEMAND'];

/**
 * An in-memory Amazon Personalize that follows the real API: operation names, request and response shapes
 * (typed with the SDK's own types), ARN formats, status strings, error names, name rules, parents that must
 * be ACTIVE, duplicate names, and statuses that move on as the resource is described.
 */
export class PersonalizeEmulator {
  /** Faults to inject. */
  readonly faults = new FaultInjector();
  /** Every call, in order. */
  readonly calls: EmulatorCall[] = [];
  /** ARN builders for this emulator's location. */
  readonly arns: PersonalizeArns;

  private readonly describesPerStatus: number;
  private readonly datasetGroups = new Map<string, Stored<P.DatasetGroup>>();
  private readonly schemas = new Map<string, Stored<P.DatasetSchema>>();
  private readonly datasets = new Map<string, Stored<P.Dataset>>();
  private readonly importJobs = new Map<string, Stored<P.DatasetImportJob>>();
  private readonly filters = new Map<string, Stored<P.Filter>>();
  private readonly eventTrackers = new Map<string, Stored<P.EventTracker>>();
  private readonly solutions = new Map<string, Stored<P.Solution>>();
  private readonly solutionVersions = new Map<string, Stored<P.SolutionVersion>>();
  private readonly campaigns = new Map<string, StoredCampaign>();
  private readonly batchInferenceJobs = new Map<string, Stored<P.BatchInferenceJob>>();
  private readonly batchSegmentJobs = new Map<string, Stored<P.BatchSegmentJob>>();
  private readonly recommenders = new Map<string, Stored<P.Recommender>>();
  private clock = Date.UTC(2026, 0, 1);
  private versionCounter = 0;
  private readonly handlers: Record<string, Handler>;

  constructor(options: PersonalizeEmulatorOptions = {}) {
    this.arns = new PersonalizeArns(options.location ?? { partition: 'aws', region: 'us-east-1', account: '123456789012' });
    this.describesPerStatus = options.describesPerStatus ?? 1;
    this.handlers = {
      CreateDatasetGroup: (r: P.CreateDatasetGroupRequest) => this.createDatasetGroup(r),
      DescribeDatasetGroup: (r: P.DescribeDatasetGroupRequest): P.DescribeDatasetGroupResponse => ({ datasetGroup: this.view(this.get(this.datasetGroups, r.datasetGroupArn, 'dataset group')) }),
      ListDatasetGroups: (r: P.ListDatasetGroupsRequest) => this.list(this.datasetGroups, r, 'datasetGroups', (s) => this.summary(s, ['datasetGroupArn', 'name', 'status', 'domain', 'failureReason'])),
      CreateSchema: (r: P.CreateSchemaRequest) => this.createSchema(r),
      DescribeSchema: (r: P.DescribeSchemaRequest): P.DescribeSchemaResponse => ({ schema: this.view(this.get(this.schemas, r.schemaArn, 'schema')) }),
      ListSchemas: (r: P.ListSchemasRequest) => this.list(this.schemas, r, 'schemas', (s) => this.summary(s, ['schemaArn', 'name', 'domain'])),
      CreateDataset: (r: P.CreateDatasetRequest) => this.createDataset(r),
      DescribeDataset: (r: P.DescribeDatasetRequest): P.DescribeDatasetResponse => ({ dataset: this.view(this.get(this.datasets, r.datasetArn, 'dataset')) }),
      UpdateDataset: (r: P.UpdateDatasetRequest) => this.updateDataset(r),
      ListDatasets: (r: P.ListDatasetsRequest) => this.list(this.datasets, r, 'datasets', (s) => this.summary(s, ['datasetArn', 'name', 'datasetType', 'status']), (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
      CreateDatasetImportJob: (r: P.CreateDatasetImportJobRequest) => this.createDatasetImportJob(r),
      DescribeDatasetImportJob: (r: P.DescribeDatasetImportJobRequest): P.DescribeDatasetImportJobResponse => ({ datasetImportJob: this.view(this.get(this.importJobs, r.datasetImportJobArn, 'dataset import job')) }),
      ListDatasetImportJobs: (r: P.ListDatasetImportJobsRequest) => this.list(this.importJobs, r, 'datasetImportJobs', (s) => this.summary(s, ['datasetImportJobArn', 'jobName', 'status', 'importMode', 'failureReason']), (s) => !r.datasetArn || s.data.datasetArn === r.datasetArn),
      CreateFilter: (r: P.CreateFilterRequest) => this.createFilter(r),
      DescribeFilter: (r: P.DescribeFilterRequest): P.DescribeFilterResponse => ({ filter: this.view(this.get(this.filters, r.filterArn, 'filter')) }),
      ListFilters: (r: P.ListFiltersRequest) => this.list(this.filters, r, 'Filters', (s) => this.summary(s, ['filterArn', 'name', 'datasetGroupArn', 'status', 'failureReason']), (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
      CreateEventTracker: (r: P.CreateEventTrackerRequest) => this.createEventTracker(r),
      DescribeEventTracker: (r: P.DescribeEventTrackerRequest): P.DescribeEventTrackerResponse => ({ eventTracker: this.view(this.get(this.eventTrackers, r.eventTrackerArn, 'event tracker')) }),
      ListEventTrackers: (r: P.ListEventTrackersRequest) => this.list(this.eventTrackers, r, 'eventTrackers', (s) => this.summary(s, ['eventTrackerArn', 'name', 'status']), (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
      CreateSolution: (r: P.CreateSolutionRequest) => this.createSolution(r),
      DescribeSolution: (r: P.DescribeSolutionRequest): P.DescribeSolutionResponse => ({ solution: this.describeSolution(r.solutionArn) }),
      ListSolutions: (r: P.ListSolutionsRequest) => this.list(this.solutions, r, 'solutions', (s) => this.summary(s, ['solutionArn', 'name', 'status', 'recipeArn']), (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
      CreateSolutionVersion: (r: P.CreateSolutionVersionRequest) => this.createSolutionVersion(r),
      DescribeSolutionVersion: (r: P.DescribeSolutionVersionRequest): P.DescribeSolutionVersionResponse => ({ solutionVersion: this.view(this.get(this.solutionVersions, r.solutionVersionArn, 'solution version')) }),
      ListSolutionVersions: (r: P.ListSolutionVersionsRequest) => this.list(this.solutionVersions, r, 'solutionVersions', (s) => this.summary(s, ['solutionVersionArn', 'status', 'trainingMode', 'trainingType', 'failureReason']), (s) => !r.solutionArn || s.data.solutionArn === r.solutionArn),
      GetSolutionMetrics: (r: P.GetSolutionMetricsRequest) => this.getSolutionMetrics(r),
      CreateCampaign: (r: P.CreateCampaignRequest) => this.createCampaign(r),
      UpdateCampaign: (r: P.UpdateCampaignRequest) => this.updateCampaign(r),
      DescribeCampaign: (r: P.DescribeCampaignRequest): P.DescribeCampaignResponse => ({ campaign: this.describeCampaign(r.campaignArn) }),
      ListCampaigns: (r: P.ListCampaignsRequest) => this.list(this.campaigns, r, 'campaigns', (s) => this.summary(s, ['campaignArn', 'name', 'status', 'failureReason']), (s) => !r.solutionArn || s.data.solutionVersionArn?.startsWith(`${r.solutionArn}/`) === true),
      CreateBatchInferenceJob: (r: P.CreateBatchInferenceJobRequest) => this.createBatchJob(this.batchInferenceJobs, 'batch inference job', r, 'CreateBatchInferenceJob'),
      DescribeBatchInferenceJob: (r: P.DescribeBatchInferenceJobRequest): P.DescribeBatchInferenceJobResponse => ({ batchInferenceJob: this.view(this.get(this.batchInferenceJobs, r.batchInferenceJobArn, 'batch inference job')) }),
      ListBatchInferenceJobs: (r: P.ListBatchInferenceJobsRequest) => this.list(this.batchInferenceJobs, r, 'batchInferenceJobs', (s) => this.summary(s, ['batchInferenceJobArn', 'jobName', 'status', 'solutionVersionArn', 'failureReason'])),
      CreateBatchSegmentJob: (r: P.CreateBatchSegmentJobRequest) => this.createBatchJob(this.batchSegmentJobs, 'batch segment job', r, 'CreateBatchSegmentJob'),
      DescribeBatchSegmentJob: (r: P.DescribeBatchSegmentJobRequest): P.DescribeBatchSegmentJobResponse => ({ batchSegmentJob: this.view(this.get(this.batchSegmentJobs, r.batchSegmentJobArn, 'batch segment job')) }),
      ListBatchSegmentJobs: (r: P.ListBatchSegmentJobsRequest) => this.list(this.batchSegmentJobs, r, 'batchSegmentJobs', (s) => this.summary(s, ['batchSegmentJobArn', 'jobName', 'status', 'solutionVersionArn', 'failureReason'])),
      CreateRecommender: (r: P.CreateRecommenderRequest) => this.createRecommender(r),
      DescribeRecommender: (r: P.DescribeRecommenderRequest): P.DescribeRecommenderResponse => ({ recommender: this.view(this.get(this.recommenders, r.recommenderArn, 'recommender')) }),
      DeleteDatasetGroup: (r: P.DeleteDatasetGroupRequest) => this.deleteResource(this.datasetGroups, r.datasetGroupArn, 'dataset group', (arn) =>
        [...this.datasets.values(), ...this.solutions.values(), ...this.filters.values(), ...this.eventTrackers.values(),
          ...this.recommenders.values()]
          .some((child) => (child.data as { datasetGroupArn?: string }).datasetGroupArn === arn)),
      DeleteDataset: (r: P.DeleteDatasetRequest) => this.deleteResource(this.datasets, r.datasetArn, 'dataset'),
      DeleteFilter: (r: P.DeleteFilterRequest) => this.deleteResource(this.filters, r.filterArn, 'filter'),
      DeleteEventTracker: (r: P.DeleteEventTrackerRequest) => this.deleteResource(this.eventTrackers, r.eventTrackerArn, 'event tracker'),
      DeleteSolution: (r: P.DeleteSolutionRequest) => this.deleteResource(this.solutions, r.solutionArn, 'solution', (arn) =>
        [...this.campaigns.values()].some((c) => c.data.solutionVersionArn?.startsWith(`${arn}/`))),
      DeleteCampaign: (r: P.DeleteCampaignRequest) => this.deleteResource(this.campaigns, r.campaignArn, 'campaign'),
      DeleteRecommender: (r: P.DeleteRecommenderRequest) => this.deleteResource(this.recommenders, r.recommenderArn, 'recommender'),
      ListRecommenders: (r: P.ListRecommendersRequest) => this.list(this.recommenders, r, 'recommenders', (s) => this.summary(s, ['recommenderArn', 'name', 'recipeArn', 'status', 'datasetGroupArn']), (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
    };
  }

  /** The operations this emulator answers, by their API names (`CreateDatasetGroup`, ...). */
  get operations(): string[] {
    return Object.keys(this.handlers);
  }

  /**
   * Answers one API call, by operation name, with a camelCase request as the SDK sends it. Errors are
   * thrown as PersonalizeError with the service's error name.
   */
  call(operation: string, request: Record<string, unknown> = {}): unknown {
    const handler = this.handlers[operation];
    try {
      if (!handler) throw new PersonalizeError('InvalidInputException', `Unknown operation ${operation}`);
      this.faults.beforeCall(operation);
      this.clock += 1000;
      const response = handler(request ?? {});
      this.calls.push({ operation, request });
      if (this.faults.losesRace(operation)) {
        // What the service answers the slower of two callers: a solution version has no name to collide on,
        // so the solution is busy training the other caller's version.
        throw operation === 'CreateSolutionVersion'
          ? inUse(`Solution ${String(request.solutionArn)} already has a solution version being created.`)
          : new PersonalizeError('ResourceAlreadyExistsException', `${operation}: the resource was created by another caller a moment ago.`);
      }
      return response;
    } catch (error) {
      this.calls.push({ operation, request, error: (error as Error).name });
      throw error;
    }
  }

  /** How many successful calls of an operation were answered. */
  count(operation: string): number {
    return this.calls.filter((c) => c.operation === operation && !c.error).length;
  }

  /** Every successful create and update call, in order. */
  mutations(): EmulatorCall[] {
    return this.calls.filter((c) => /^(Create|Update)/.test(c.operation) && !c.error);
  }

  /** Moves every resource to its final status, as the passing of time would. */
  settleAll(): void {
    const stores: Array<Map<string, Stored<any>>> = [
      this.datasetGroups, this.datasets, this.importJobs, this.filters, this.eventTrackers, this.solutions,
      this.solutionVersions, this.campaigns, this.batchInferenceJobs, this.batchSegmentJobs, this.recommenders,
    ];
    for (const store of stores) for (const item of store.values()) item.lifecycle?.settle();
    for (const campaign of this.campaigns.values()) campaign.update?.lifecycle.settle();
  }

  // ---- dataset groups, schemas, datasets, imports ----

  private createDatasetGroup(r: P.CreateDatasetGroupRequest): P.CreateDatasetGroupResponse {
    this.checkName(r.name, 'name');
    if (r.domain !== undefined && !DOMAINS.includes(r.domain)) throw invalidInput(`Invalid domain ${r.domain}. Valid values: ${DOMAINS.join(', ')}.`);
    this.checkTags(r.tags);
    const arn = this.arns.datasetGroup(r.name!);
    if (this.exists(this.datasetGroups, arn)) throw alreadyExists('Dataset group', arn);
    this.datasetGroups.set(arn, this.store(arn, r.name!, 'CreateDatasetGroup', CREATE_STATUSES, { datasetGroupArn: arn, name: r.name, domain: r.domain, roleArn: r.roleArn, kmsArn: r.kmsKeyArn }));
    return { datasetGroupArn: arn, domain: r.domain };
  }

  private createSchema(r: P.CreateSchemaRequest): P.CreateSchemaResponse {
    this.checkName(r.name, 'name');
    if (r.domain !== undefined && !DOMAINS.includes(r.domain)) throw invalidInput(`Invalid domain ${r.domain}.`);
    let avro: any;
    try {
      avro = JSON.parse(r.schema ?? '');
    } catch {
      throw invalidInput('The schema is not valid JSON.');
    }
    if (avro?.type !== 'record' || !Array.isArray(avro.fields) || avro.fields.length === 0) {
      throw invalidInput('The schema must be an Avro record with at least one field.');
    }
    const arn = this.arns.schema(r.name!);
    if (this.exists(this.schemas, arn)) throw alreadyExists('Schema', arn);
    this.schemas.set(arn, this.store(arn, r.name!, 'CreateSchema', undefined, { schemaArn: arn, name: r.name, schema: r.schema, domain: r.domain }));
    return { schemaArn: arn };
  }

  private createDataset(r: P.CreateDatasetRequest): P.CreateDatasetResponse {
    this.checkName(r.name, 'name');
    if (!DATASET_TYPES.includes(String(r.datasetType).toUpperCase())) throw invalidInput(`Invalid datasetType ${r.datasetType}. Valid values: ${DATASET_TYPES.join(', ')}.`);
    const group = this.activeParent(this.datasetGroups, r.datasetGroupArn, 'dataset group');
    const schema = this.get(this.schemas, r.schemaArn, 'schema');
    if ((schema.data.domain ?? undefined) !== (group.data.domain ?? undefined)) {
      throw invalidInput(`The schema's domain (${schema.data.domain ?? 'none'}) must match the dataset group's domain (${group.data.domain ?? 'none'}).`);
    }
    this.checkTags(r.tags);
    const type = String(r.datasetType).toUpperCase();
    const arn = this.arns.dataset(group.name, type);
    if (this.exists(this.datasets, arn)) throw alreadyExists('Dataset', arn);
    this.datasets.set(arn, this.store(arn, r.name!, 'CreateDataset', CREATE_STATUSES, {
      datasetArn: arn, name: r.name, datasetType: type, datasetGroupArn: group.arn, schemaArn: schema.arn,
    }));
    return { datasetArn: arn };
  }

  private updateDataset(r: P.UpdateDatasetRequest): P.UpdateDatasetResponse {
    const dataset = this.activeParent(this.datasets, r.datasetArn, 'dataset');
    const schema = this.get(this.schemas, r.schemaArn, 'schema');
    dataset.data = { ...dataset.data, schemaArn: schema.arn };
    dataset.lifecycle = new Lifecycle(UPDATE_STATUSES, this.describesPerStatus);
    dataset.updated = new Date(this.clock);
    return { datasetArn: dataset.arn };
  }

  private createDatasetImportJob(r: P.CreateDatasetImportJobRequest): P.CreateDatasetImportJobResponse {
    this.checkName(r.jobName, 'jobName');
    const dataset = this.activeParent(this.datasets, r.datasetArn, 'dataset');
    if (!S3_PATTERN.test(r.dataSource?.dataLocation ?? '')) throw invalidInput(`Invalid dataLocation ${r.dataSource?.dataLocation}; expected an S3 URI.`);
    if (r.roleArn !== undefined && !ROLE_PATTERN.test(r.roleArn)) throw invalidInput(`Invalid roleArn ${r.roleArn}.`);
    const mode = r.importMode ?? 'FULL';
    if (!['FULL', 'INCREMENTAL'].includes(mode)) throw invalidInput(`Invalid importMode ${mode}.`);
    const jobs = [...this.importJobs.values()].filter((j) => j.data.datasetArn === dataset.arn);
    if (jobs.some((j) => j.lifecycle && !j.lifecycle.settled)) throw inUse(`An import job is already in progress for dataset ${dataset.arn}.`);
    if (mode === 'INCREMENTAL' && !jobs.some((j) => j.lifecycle?.status === 'ACTIVE')) {
      throw invalidInput(`You can only use FULL import mode for dataset ${dataset.arn}: it has no bulk data yet.`);
    }
    this.checkTags(r.tags);
    const arn = this.arns.datasetImportJob(r.jobName!);
    if (this.exists(this.importJobs, arn)) throw alreadyExists('Dataset import job', arn);
    this.importJobs.set(arn, this.store(arn, r.jobName!, 'CreateDatasetImportJob', CREATE_STATUSES, {
      datasetImportJobArn: arn,
      jobName: r.jobName,
      datasetArn: dataset.arn,
      dataSource: r.dataSource,
      roleArn: r.roleArn,
      importMode: mode,
      publishAttributionMetricsToS3: r.publishAttributionMetricsToS3,
    }));
    return { datasetImportJobArn: arn };
  }

  // ---- filters, event trackers ----

  private createFilter(r: P.CreateFilterRequest): P.CreateFilterResponse {
    this.checkName(r.name, 'name');
    const group = this.activeParent(this.datasetGroups, r.datasetGroupArn, 'dataset group');
    const expression = r.filterExpression ?? '';
    if (!/^\s*(INCLUDE|EXCLUDE)\s+(ItemID|ActionID|UserID)\s+WHERE\s+\S/.test(expression)) throw invalidInput(`Invalid filter expression: ${expression}`);
    for (const [, dataset] of expression.matchAll(/\b(Interactions|Items|Users|Actions)\./g)) {
      const type = dataset.toUpperCase();
      if (!this.datasets.has(this.arns.dataset(group.name, type))) {
        throw invalidInput(`The filter expression references the ${dataset} dataset, which dataset group ${group.arn} does not have.`);
      }
    }
    this.checkTags(r.tags);
    const arn = this.arns.filter(r.name!);
    if (this.exists(this.filters, arn)) throw alreadyExists('Filter', arn);
    this.filters.set(arn, this.store(arn, r.name!, 'CreateFilter', CREATE_STATUSES, { filterArn: arn, name: r.name, datasetGroupArn: group.arn, filterExpression: expression }));
    return { filterArn: arn };
  }

  private createEventTracker(r: P.CreateEventTrackerRequest): P.CreateEventTrackerResponse {
    this.checkName(r.name, 'name');
    const group = this.activeParent(this.datasetGroups, r.datasetGroupArn, 'dataset group');
    const existing = [...this.eventTrackers.values()].find((t) => t.data.datasetGroupArn === group.arn && t.lifecycle?.status !== DELETED);
    if (existing) throw alreadyExists(`Dataset group ${group.arn} already has event tracker`, existing.arn);
    const arn = this.arns.eventTracker(r.name!);
    if (this.exists(this.eventTrackers, arn)) throw alreadyExists('Event tracker', arn);
    this.checkTags(r.tags);
    const trackingId = this.deterministicId(arn, 36);
    this.eventTrackers.set(arn, this.store(arn, r.name!, 'CreateEventTracker', CREATE_STATUSES, {
      eventTrackerArn: arn, name: r.name, datasetGroupArn: group.arn, trackingId, accountId: this.arns.of('').split(':')[4],
    }));
    return { eventTrackerArn: arn, trackingId };
  }

  // ---- solutions and versions ----

  private createSolution(r: P.CreateSolutionRequest): P.CreateSolutionResponse {
    this.checkName(r.name, 'name');
    const group = this.activeParent(this.datasetGroups, r.datasetGroupArn, 'dataset group');
    if (!r.performAutoML) {
      const recipe = recipeNameOf(r.recipeArn);
      if (!recipe || !RECIPES[recipe]) throw invalidInput(`Invalid recipeArn ${r.recipeArn}.`);
      if (RECIPES[recipe].domain) throw invalidInput(`Recipe ${r.recipeArn} is a domain use case: create a recommender, not a solution.`);
    }
    this.checkTags(r.tags);
    const arn = this.arns.solution(r.name!);
    if (this.exists(this.solutions, arn)) throw alreadyExists('Solution', arn);
    this.solutions.set(arn, this.store(arn, r.name!, 'CreateSolution', CREATE_STATUSES, {
      solutionArn: arn,
      name: r.name,
      datasetGroupArn: group.arn,
      recipeArn: r.recipeArn,
      eventType: r.eventType,
      performHPO: r.performHPO ?? false,
      performAutoML: r.performAutoML ?? false,
      performAutoTraining: r.performAutoTraining,
      solutionConfig: r.solutionConfig,
    }));
    return { solutionArn: arn };
  }

  private describeSolution(arn: string | undefined): P.Solution {
    const solution = this.view(this.get(this.solutions, arn, 'solution'));
    const versions = [...this.solutionVersions.values()].filter((v) => v.data.solutionArn === solution.solutionArn);
    const latest = versions[versions.length - 1];
    if (!latest) return solution;
    const { solutionVersionArn, status, trainingMode, trainingType, failureReason, creationDateTime, lastUpdatedDateTime } = this.peek(latest);
    const latestSolutionVersion = { solutionVersionArn, status, trainingMode, trainingType, failureReason, creationDateTime, lastUpdatedDateTime };
    return { ...solution, latestSolutionVersion };
  }

  private createSolutionVersion(r: P.CreateSolutionVersionRequest): P.CreateSolutionVersionResponse {
    if (r.name !== undefined) this.checkName(r.name, 'name');
    const solution = this.activeParent(this.solutions, r.solutionArn, 'solution');
    const mode = r.trainingMode ?? 'FULL';
    if (!['FULL', 'UPDATE'].includes(mode)) throw invalidInput(`Invalid trainingMode ${mode}.`);
    const versions = [...this.solutionVersions.values()].filter((v) => v.data.solutionArn === solution.arn);
    if (versions.some((v) => v.lifecycle && !v.lifecycle.settled)) throw inUse(`Solution ${solution.arn} already has a solution version being created.`);
    if (mode === 'UPDATE') {
      const recipe = recipeNameOf(solution.data.recipeArn);
      if (!recipe || !RECIPES[recipe]?.supportsUpdate) throw invalidInput(`trainingMode UPDATE is not supported for recipe ${solution.data.recipeArn}.`);
      if (!versions.some((v) => v.lifecycle?.status === 'ACTIVE' && v.data.trainingMode === 'FULL')) throw invalidInput(`trainingMode UPDATE needs an ACTIVE solution version trained with FULL for solution ${solution.arn}.`);
    }
    this.checkTags(r.tags);
    const id = this.deterministicId(`${solution.arn}#${++this.versionCounter}`, 8);
    const arn = this.arns.solutionVersion(solution.name, id);
    const dataFailure = this.trainingDataProblem(solution.data.datasetGroupArn!, solution.data.recipeArn);
    const record = this.store(arn, r.name ?? id, 'CreateSolutionVersion', CREATE_STATUSES, {
      solutionVersionArn: arn,
      name: r.name,
      solutionArn: solution.arn,
      recipeArn: solution.data.recipeArn,
      datasetGroupArn: solution.data.datasetGroupArn,
      trainingMode: mode as P.TrainingMode,
      trainingType: 'MANUAL' as P.TrainingType,
      performHPO: solution.data.performHPO,
      eventType: solution.data.eventType,
    }, dataFailure);
    this.solutionVersions.set(arn, record);
    return { solutionVersionArn: arn };
  }

  /** Training fails, as in the service, when the dataset group has no imported interactions. */
  private trainingDataProblem(datasetGroupArn: string, recipeArn: string | undefined): string | undefined {
    const type = recipeNameOf(recipeArn) === 'aws-next-best-action' ? 'ACTION_INTERACTIONS' : 'INTERACTIONS';
    const group = this.datasetGroups.get(datasetGroupArn);
    const dataset = group && this.datasets.get(this.arns.dataset(group.name, type));
    const imported = dataset && [...this.importJobs.values()].some((j) => j.data.datasetArn === dataset.arn && j.lifecycle?.status === 'ACTIVE');
    return imported ? undefined : `Insufficient data: the ${type} dataset of ${datasetGroupArn} has no imported records.`;
  }

  private getSolutionMetrics(r: P.GetSolutionMetricsRequest): P.GetSolutionMetricsResponse {
    const version = this.get(this.solutionVersions, r.solutionVersionArn, 'solution version');
    if (this.peek(version).status !== 'ACTIVE') throw inUse(`Solution version ${version.arn} is not ACTIVE.`);
    const seed = parseInt(this.deterministicId(version.arn, 6), 16) / 0xffffff;
    const metric = (base: number) => Math.round((base + seed * 0.1) * 10000) / 10000;
    return {
      solutionVersionArn: version.arn,
      metrics: {
        coverage: metric(0.2),
        mean_reciprocal_rank_at_25: metric(0.1),
        normalized_discounted_cumulative_gain_at_5: metric(0.12),
        normalized_discounted_cumulative_gain_at_10: metric(0.15),
        normalized_discounted_cumulative_gain_at_25: metric(0.2),
        precision_at_5: metric(0.05),
        precision_at_10: metric(0.04),
        precision_at_25: metric(0.03),
      },
    };
  }

  // ---- campaigns ----

  private createCampaign(r: P.CreateCampaignRequest): P.CreateCampaignResponse {
    this.checkName(r.name, 'name');
    const version = this.activeParent(this.solutionVersions, r.solutionVersionArn, 'solution version');
    if (r.minProvisionedTPS !== undefined && (!Number.isInteger(r.minProvisionedTPS) || r.minProvisionedTPS < 1)) throw invalidInput(`minProvisionedTPS must be an integer of at least 1, got ${r.minProvisionedTPS}.`);
    this.checkTags(r.tags);
    const arn = this.arns.campaign(r.name!);
    if (this.exists(this.campaigns, arn)) throw alreadyExists('Campaign', arn);
    this.campaigns.set(arn, this.store(arn, r.name!, 'CreateCampaign', CREATE_STATUSES, {
      campaignArn: arn, name: r.name, solutionVersionArn: version.arn, minProvisionedTPS: r.minProvisionedTPS ?? 1, campaignConfig: r.campaignConfig,
    }));
    return { campaignArn: arn };
  }

  private updateCampaign(r: P.UpdateCampaignRequest): P.UpdateCampaignResponse {
    const campaign = this.activeParent(this.campaigns, r.campaignArn, 'campaign') as StoredCampaign;
    if (campaign.update && !campaign.update.lifecycle.settled) throw inUse(`Campaign ${campaign.arn} is already being updated.`);
    const version = r.solutionVersionArn ? this.activeParent(this.solutionVersions, r.solutionVersionArn, 'solution version') : undefined;
    const failure = this.faults.failureFor('UpdateCampaign', campaign.name);
    const lifecycle = new Lifecycle(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'], this.describesPerStatus, failure ? { status: CREATE_FAILED, reason: failure } : undefined);
    const data: P.CampaignUpdateSummary = {
      solutionVersionArn: version?.arn ?? campaign.data.solutionVersionArn,
      minProvisionedTPS: r.minProvisionedTPS ?? campaign.data.minProvisionedTPS,
      campaignConfig: r.campaignConfig ?? campaign.data.campaignConfig,
      creationDateTime: new Date(this.clock),
    };
    campaign.update = { lifecycle, data };
    return { campaignArn: campaign.arn };
  }

  private describeCampaign(arn: string | undefined): P.Campaign {
    const campaign = this.campaigns.get(arn ?? '');
    const view = this.view(this.get(this.campaigns, arn, 'campaign'));
    if (!campaign?.update) return view;
    const status = campaign.update.lifecycle.status;
    campaign.update.lifecycle.observe();
    if (status === 'ACTIVE') {
      // The update is applied when it completes; until then the campaign keeps serving the old version.
      const { solutionVersionArn, minProvisionedTPS, campaignConfig } = campaign.update.data;
      campaign.data = { ...campaign.data, solutionVersionArn, minProvisionedTPS, campaignConfig };
    }
    return {
      ...view,
      solutionVersionArn: campaign.data.solutionVersionArn,
      minProvisionedTPS: campaign.data.minProvisionedTPS,
      latestCampaignUpdate: {
        ...campaign.update.data, status, failureReason: campaign.update.lifecycle.failureReason, lastUpdatedDateTime: new Date(this.clock),
      },
    };
  }

  // ---- batch jobs, recommenders ----

  private createBatchJob(
    store: Map<string, Stored<any>>, what: string, r: P.CreateBatchInferenceJobRequest | P.CreateBatchSegmentJobRequest, operation: string,
  ) {
    this.checkName(r.jobName, 'jobName');
    const version = this.activeParent(this.solutionVersions, r.solutionVersionArn, 'solution version');
    if (!ROLE_PATTERN.test(r.roleArn ?? '')) throw invalidInput(`Invalid roleArn ${r.roleArn}.`);
    if (!S3_PATTERN.test(r.jobInput?.s3DataSource?.path ?? '')) throw invalidInput(`Invalid jobInput.s3DataSource.path ${r.jobInput?.s3DataSource?.path}.`);
    if (!S3_PATTERN.test(r.jobOutput?.s3DataDestination?.path ?? '')) throw invalidInput(`Invalid jobOutput.s3DataDestination.path ${r.jobOutput?.s3DataDestination?.path}.`);
    const recipe = RECIPES[recipeNameOf(version.data.recipeArn) ?? ''];
    const segment = operation === 'CreateBatchSegmentJob';
    if (segment !== (recipe?.type === 'USER_SEGMENTATION')) {
      throw invalidInput(`A ${what} cannot use solution version ${version.arn} of recipe ${version.data.recipeArn}.`);
    }
    if (r.filterArn && !this.filters.has(r.filterArn)) throw notFound('filter', r.filterArn);
    this.checkTags(r.tags);
    const arn = segment ? this.arns.batchSegmentJob(r.jobName!) : this.arns.batchInferenceJob(r.jobName!);
    if (this.exists(store, arn)) throw alreadyExists(what, arn);
    const { tags, ...fields } = r;
    void tags;
    store.set(arn, this.store(arn, r.jobName!, operation, BATCH_JOB_STATUSES, { ...fields, [segment ? 'batchSegmentJobArn' : 'batchInferenceJobArn']: arn, numResults: r.numResults ?? (segment ? 100 : 25) }));
    return segment ? { batchSegmentJobArn: arn } : { batchInferenceJobArn: arn };
  }

  private createRecommender(r: P.CreateRecommenderRequest): P.CreateRecommenderResponse {
    this.checkName(r.name, 'name');
    const group = this.activeParent(this.datasetGroups, r.datasetGroupArn, 'dataset group');
    if (!group.data.domain) throw invalidInput(`Dataset group ${group.arn} is not a domain dataset group: recommenders need one.`);
    const recipe = RECIPES[recipeNameOf(r.recipeArn) ?? ''];
    if (!recipe || recipe.domain !== group.data.domain) throw invalidInput(`Recipe ${r.recipeArn} is not a ${group.data.domain} use case.`);
    this.checkTags(r.tags);
    const arn = this.arns.recommender(r.name!);
    if (this.exists(this.recommenders, arn)) throw alreadyExists('Recommender', arn);
    this.recommenders.set(arn, this.store(arn, r.name!, 'CreateRecommender', CREATE_STATUSES, {
      recommenderArn: arn,
      name: r.name,
      datasetGroupArn: group.arn,
      recipeArn: r.recipeArn,
      recommenderConfig: r.recommenderConfig ?? { minRecommendationRequestsPerSecond: 1 },
    }));
    return { recommenderArn: arn };
  }

  // ---- shared machinery ----

  private store<T>(arn: string, name: string, operation: string, statuses: string[] | undefined, data: T, failureReason?: string): Stored<T> {
    const failure = this.faults.failureFor(operation, name) ?? failureReason;
    const ending = failure ? { status: CREATE_FAILED, reason: failure } : undefined;
    const lifecycle = statuses ? new Lifecycle(statuses, this.describesPerStatus, ending) : undefined;
    const now = new Date(this.clock);
    return { arn, name, created: now, updated: now, lifecycle, data: this.withoutUndefined(data) };
  }

  private get<T>(store: Map<string, Stored<T>>, arn: string | undefined, what: string): Stored<T> {
    const item = store.get(arn ?? '');
    if (item?.lifecycle?.status === DELETED) store.delete(item.arn);
    if (!item || item.lifecycle?.status === DELETED) throw notFound(what, String(arn));
    return item;
  }

  /** Whether a resource of that ARN exists (one whose deletion finished does not). */
  private exists<T>(store: Map<string, Stored<T>>, arn: string): boolean {
    if (store.get(arn)?.lifecycle?.status === DELETED) store.delete(arn);
    return store.has(arn);
  }

  /**
   * Deletes a resource as the service does: it must not be in the middle of a change, nor have children
   * (`hasChildren`); it goes DELETE PENDING, DELETE IN_PROGRESS, and then is not found.
   */
  private deleteResource<T>(
    store: Map<string, Stored<T>>, arn: string | undefined, what: string, hasChildren?: (arn: string) => boolean,
  ): Record<string, never> {
    const item = this.get(store, arn, what);
    const status = item.lifecycle?.status ?? 'ACTIVE';
    if (!['ACTIVE', CREATE_FAILED].includes(status)) throw inUse(`The ${what} ${item.arn} cannot be deleted while it is ${status}.`);
    if (hasChildren?.(item.arn)) throw inUse(`The ${what} ${item.arn} still has resources that depend on it.`);
    item.lifecycle = new Lifecycle(['DELETE PENDING', 'DELETE IN_PROGRESS', DELETED], this.describesPerStatus);
    item.updated = new Date(this.clock);
    return {};
  }

  /** A parent must exist and be ACTIVE before a child is created from it. */
  private activeParent<T>(store: Map<string, Stored<T>>, arn: string | undefined, what: string): Stored<T> {
    const item = this.get(store, arn, what);
    const status = item.lifecycle?.status ?? 'ACTIVE';
    if (status !== 'ACTIVE') throw inUse(`The ${what} ${item.arn} is not ACTIVE (status: ${status}).`);
    return item;
  }

  /** A describe: the resource is shown as it is, then time moves it one status on. */
  private view<T>(item: Stored<T>): T {
    const shown = this.peek(item);
    item.lifecycle?.observe();
    return shown;
  }

  /** The resource as it is now, without moving it on. */
  private peek<T>(item: Stored<T>): T {
    const status = item.lifecycle?.status;
    const reason = item.lifecycle?.failureReason;
    return this.withoutUndefined({
      ...item.data,
      ...(status !== undefined ? { status } : {}),
      ...(reason !== undefined ? { failureReason: reason } : {}),
      creationDateTime: item.created,
      lastUpdatedDateTime: item.updated,
    }) as T;
  }

  private summary<T>(item: Stored<T>, fields: string[]): Record<string, unknown> {
    const full = this.peek(item) as Record<string, unknown>;
    return Object.fromEntries([...fields, 'creationDateTime', 'lastUpdatedDateTime'].filter((f) => full[f] !== undefined).map((f) => [f, full[f]]));
  }

  private list<T>(
    store: Map<string, Stored<T>>, request: { maxResults?: number; nextToken?: string }, key: string,
    toSummary: (s: Stored<T>) => unknown, where: (s: Stored<T>) => boolean = () => true,
  ) {
    const all = [...store.values()].filter((item) => item.lifecycle?.status !== DELETED).filter(where);
    const start = request.nextToken ? Number.parseInt(request.nextToken, 10) : 0;
    if (Number.isNaN(start) || start < 0 || start > all.length) throw new PersonalizeError('InvalidNextTokenException', 'The token is not valid.');
    const size = request.maxResults ?? 100;
    const page = all.slice(start, start + size).map(toSummary);
    const next = start + size < all.length ? String(start + size) : undefined;
    return { [key]: page, ...(next ? { nextToken: next } : {}) };
  }

  private checkName(name: string | undefined, field: string): void {
    if (typeof name !== 'string' || name.length < 1 || name.length > 63 || !NAME_PATTERN.test(name)) {
      throw invalidInput(`1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*`);
    }
  }

  private checkTags(tags: P.Tag[] | undefined): void {
    if (!tags) return;
    if (tags.length > 50) throw new PersonalizeError('TooManyTagsException', 'A resource can have at most 50 tags.');
    for (const tag of tags) {
      if (!tag.tagKey || tag.tagKey.length > 128 || (tag.tagValue ?? '').length > 256) throw invalidInput(`Invalid tag ${JSON.stringify(tag)}.`);
    }
  }

  /** Ids and tracking ids derived from the ARN, so runs are repeatable. */
  private deterministicId(seed: string, length: number): string {
    return createHash('sha256').update(seed).digest('hex').slice(0, length);
  }

  private withoutUndefined<T>(value: T): T {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)) as T;
  }
}
