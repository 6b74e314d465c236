import {
  BatchInferenceJob, BatchSegmentJob, Campaign, Dataset, DatasetGroup, DatasetImportJob, DatasetSchema,
  DescribeBatchInferenceJobCommand, DescribeBatchSegmentJobCommand, DescribeCampaignCommand, DescribeDatasetCommand,
  DescribeDatasetGroupCommand, DescribeDatasetImportJobCommand, DescribeFilterCommand, DescribeRecipeCommand,
  DescribeRecommenderCommand, DescribeSchemaCommand, DescribeSolutionCommand, EventTrackerSummary, Filter,
  DataDeletionJob, DatasetExportJob, DescribeDataDeletionJobCommand, DescribeDatasetExportJobCommand,
  FilterSummary, GetSolutionMetricsCommand, ListTagsForResourceCommand, paginateListEventTrackers, paginateListFilters, paginateListSolutionVersions,
  PersonalizeClient,
  Recipe, Recommender, Solution, SolutionVersionSummary, Tag,
} from '@aws-sdk/client-personalize';
import { CallLimiter } from './call-limiter';

/**
 * The planner's only door to the account: read-only Describe and List calls, each at most once per ARN
 * (answers are shared by the checks that need them), at most `concurrency` at a time. A resource that does
 * not exist is `undefined`; every other error (AccessDenied, throttling left after the SDK's retries) is
 * thrown as the SDK raised it, with its name, for the state machine's Retry and Catch.
 */
export class AccountReader {
  private readonly limiter: CallLimiter;
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(private readonly client: PersonalizeClient, concurrency = 5) {
    this.limiter = new CallLimiter(concurrency);
  }

  datasetGroup(arn: string): Promise<DatasetGroup | undefined> {
    return this.describe(arn, async () => (await this.client.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn }))).datasetGroup);
  }

  dataDeletionJob(arn: string): Promise<DataDeletionJob | undefined> {
    const call = async () => (await this.client.send(new DescribeDataDeletionJobCommand({ dataDeletionJobArn: arn }))).dataDeletionJob;
    return this.describe(arn, call);
  }

  datasetExportJob(arn: string): Promise<DatasetExportJob | undefined> {
    const call = async () => (await this.client.send(new DescribeDatasetExportJobCommand({ datasetExportJobArn: arn }))).datasetExportJob;
    return this.describe(arn, call);
  }

  schema(arn: string): Promise<DatasetSchema | undefined> {
    return this.describe(arn, async () => (await this.client.send(new DescribeSchemaCommand({ schemaArn: arn }))).schema);
  }

  dataset(arn: string): Promise<Dataset | undefined> {
    return this.describe(arn, async () => (await this.client.send(new DescribeDatasetCommand({ datasetArn: arn }))).dataset);
  }

  datasetImportJob(arn: string): Promise<DatasetImportJob | undefined> {
    return this.describe(arn, async () =>
      (await this.client.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }))).datasetImportJob);
  }

  filter(arn: string): Promise<Filter | undefined> {
    return this.describe(arn, async () => (await this.client.send(new DescribeFilterCommand({ filterArn: arn }))).filter);
  }

  solution(arn: string): Promise<Solution | undefined> {
    return this.describe(arn, async () => (await this.client.send(new DescribeSolutionCommand({ solutionArn: arn }))).solution);
  }

  campaign(arn: string): Promise<Campaign | undefined> {
    return this.describe(arn, async () => (await this.client.send(new DescribeCampaignCommand({ campaignArn: arn }))).campaign);
  }

  batchInferenceJob(arn: string): Promise<BatchInferenceJob | undefined> {
    return this.describe(arn, async () =>
      (await this.client.send(new DescribeBatchInferenceJobCommand({ batchInferenceJobArn: arn }))).batchInferenceJob);
  }

  batchSegmentJob(arn: string): Promise<BatchSegmentJob | undefined> {
    return this.describe(arn, async () => (await this.client.send(new DescribeBatchSegmentJobCommand({ batchSegmentJobArn: arn }))).batchSegmentJob);
  }

  recommender(arn: string): Promise<Recommender | undefined> {
    return this.describe(arn, async () => (await this.client.send(new DescribeRecommenderCommand({ recommenderArn: arn }))).recommender);
  }

  recipe(arn: string): Promise<Recipe | undefined> {
    return this.describe(arn, async () => (await this.client.send(new DescribeRecipeCommand({ recipeArn: arn }))).recipe);
  }

  /**
   * The metrics of a solution version (GetSolutionMetrics, read-only); `undefined` when the version does not exist
   * or is not ACTIVE (the API answers ResourceInUseException then: API reference, GetSolutionMetrics, Errors).
   */
  solutionMetrics(solutionVersionArn: string): Promise<Record<string, number> | undefined> {
    return this.once(`metrics:${solutionVersionArn}`, () => this.limiter.run(async () => {
      try {
        return (await this.client.send(new GetSolutionMetricsCommand({ solutionVersionArn }))).metrics;
      } catch (error) {
        if (['ResourceNotFoundException', 'ResourceInUseException'].includes((error as Error)?.name)) return undefined;
        throw error;
      }
    }));
  }

  /** The tags of a resource (ListTagsForResource: no Describe* returns them); none for a resource that does not exist. */
  tags(resourceArn: string): Promise<Tag[]> {
    return this.once(`tags:${resourceArn}`, () => this.limiter.run(async () => {
      try {
        return (await this.client.send(new ListTagsForResourceCommand({ resourceArn }))).tags ?? [];
      } catch (error) {
        if ((error as Error)?.name === 'ResourceNotFoundException') return [];
        throw error;
      }
    }));
  }

  /** Every version of a solution, all pages, in the service's order (which the planner does not rely on). */
  solutionVersions(solutionArn: string): Promise<SolutionVersionSummary[]> {
    return this.once(`versions:${solutionArn}`, () =>
      this.collect(paginateListSolutionVersions({ client: this.client }, { solutionArn }), (page) => page.solutionVersions));
  }

  /** The event trackers of a dataset group, all pages. */
  eventTrackers(datasetGroupArn: string): Promise<EventTrackerSummary[]> {
    return this.once(`trackers:${datasetGroupArn}`, () =>
      this.collect(paginateListEventTrackers({ client: this.client }, { datasetGroupArn }), (page) => page.eventTrackers));
  }

  /** The filters of a dataset group, all pages (a summary has no expression: DescribeFilter has it). */
  filters(datasetGroupArn: string): Promise<FilterSummary[]> {
    return this.once(`filters:${datasetGroupArn}`, () =>
      this.collect(paginateListFilters({ client: this.client }, { datasetGroupArn }), (page) => page.Filters));
  }

  private describe<T>(arn: string, call: () => Promise<T | undefined>): Promise<T | undefined> {
    return this.once(arn, () => this.limiter.run(async () => {
      try {
        return await call();
      } catch (error) {
        if ((error as Error)?.name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    }));
  }

  /** Pages through a paginator one request at a time, each request taking a slot of the limiter. */
  private async collect<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
    const iterator = pages[Symbol.asyncIterator]();
    const all: T[] = [];
    for (;;) {
      const next = await this.limiter.run(() => iterator.next());
      if (next.done) return all;
      all.push(...(pick(next.value) ?? []));
    }
  }

  private once<T>(key: string, call: () => Promise<T>): Promise<T> {
    let answer = this.answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = call();
      this.answers.set(key, answer);
    }
    return answer;
  }
}
