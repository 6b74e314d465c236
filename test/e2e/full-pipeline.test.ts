import { InferenceOption, RecommendationType } from '../../src';
import { RESOURCE_DETAIL_TYPE, PIPELINE_DETAIL_TYPE } from '../../src/steps/status-events';
import { ALL_OPTIONS, localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

const list = (runner: ReturnType<typeof localPipeline>, operation: string, key: string): any[] =>
  (runner.emulator.call(operation, {}) as Record<string, any[]>)[key];
const describe_ = (runner: ReturnType<typeof localPipeline>, operation: string, request: Record<string, unknown>): any =>
  Object.values(runner.emulator.call(operation, request) as Record<string, unknown>)[0];

describe.each(['input_media', 'input_retail'] as const)('the whole pipeline on %s', (sample) => {
  const config = sampleConfig(sample);
  const runner = localPipeline();
  let result: Awaited<ReturnType<typeof runner.run>>;
  beforeAll(async () => {
    result = await runner.run(config);
  });

  test('succeeds', () => {
    expect(result.status).toBe('SUCCEEDED');
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => e.detail.status)).toEqual(['STARTED', 'SUCCEEDED']);
  });

  test('runs the deployed Glue job (the config names none) with the config\'s arguments', () => {
    if (!config.preprocessing) return expect(runner.glue.runs).toEqual([]);
    const deployedJob = runner.glue.runs[0]?.jobName;
    expect(deployedJob).toMatch(/^PipelineGlueJob/);
    expect(runner.glue.runs).toEqual([expect.objectContaining({ jobName: deployedJob, arguments: config.preprocessing.arguments, state: 'SUCCEEDED' })]);
    const statuses = runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.kind === 'PREPROCESSING_JOB').map((e) => e.detail.status);
    expect(statuses).toEqual(['RUNNING', 'SUCCEEDED']);
  });

  test('creates the filters ACTIVE with their expressions', () => {
    const filters = list(runner, 'ListFilters', 'Filters');
    expect(filters.map((f) => [f.name, f.status])).toEqual(config.filters.map((f: any) => [f.serviceConfig.name, 'ACTIVE']));
    for (const filter of filters) {
      const expected = config.filters.find((f: any) => f.serviceConfig.name === filter.name).serviceConfig.filterExpression;
      expect(describe_(runner, 'DescribeFilter', { filterArn: filter.filterArn }).filterExpression).toBe(expected);
    }
  });

  test('creates the event tracker and reports its trackingId', () => {
    const [tracker] = list(runner, 'ListEventTrackers', 'eventTrackers');
    expect(tracker).toMatchObject({ name: config.eventTracker.serviceConfig.name, status: 'ACTIVE' });
    const { trackingId } = describe_(runner, 'DescribeEventTracker', { eventTrackerArn: tracker.eventTrackerArn });
    const ready = runner.eventsOf(RESOURCE_DETAIL_TYPE).find((e) => e.detail.kind === 'EVENT_TRACKER' && e.detail.status === 'ACTIVE');
    expect(ready?.detail.trackingId).toBe(trackingId);
  });

  test('creates each solution with its recipe and trains one version with its training mode', () => {
    const solutions = list(runner, 'ListSolutions', 'solutions');
    expect(solutions.map((s) => [s.name, s.recipeArn, s.status]).sort()).toEqual(
      config.solutions.map((s: any) => [s.serviceConfig.name, s.serviceConfig.recipeArn, 'ACTIVE']).sort());
    for (const solution of config.solutions) {
      const versions = (runner.emulator.call('ListSolutionVersions', { solutionArn: runner.emulator.arns.solution(solution.serviceConfig.name) }) as any).solutionVersions;
      expect(versions).toEqual([expect.objectContaining({ status: 'ACTIVE', trainingMode: solution.solutionVersion.serviceConfig?.trainingMode ?? 'FULL' })]);
      const event = runner.eventsOf(RESOURCE_DETAIL_TYPE).find((e) => e.detail.kind === 'SOLUTION_VERSION' && e.detail.status === 'ACTIVE' && e.detail.name === solution.serviceConfig.name);
      expect(event?.detail).toMatchObject({
        arn: versions[0].solutionVersionArn, created: true, metrics: expect.objectContaining({ coverage: expect.any(Number) }),
      });
    }
  });

  test('deploys the campaigns on their solution version with their minProvisionedTPS', () => {
    const configured = config.solutions.flatMap((s: any) =>
      (s.campaigns ?? []).map((c: any) => ({ solution: s.serviceConfig.name, ...c.serviceConfig })));
    const campaigns = list(runner, 'ListCampaigns', 'campaigns');
    expect(campaigns.map((c) => [c.name, c.status])).toEqual(configured.map((c: any) => [c.name, 'ACTIVE']));
    for (const expected of configured) {
      const campaign = describe_(runner, 'DescribeCampaign', { campaignArn: runner.emulator.arns.campaign(expected.name) });
      expect(campaign.solutionVersionArn).toMatch(new RegExp(`:solution/${expected.solution}/[0-9a-f]+$`));
      expect(campaign.minProvisionedTPS).toBe(expected.minProvisionedTPS);
    }
  });

  test('runs the batch jobs on their solution version with their input and output paths', () => {
    for (const [operation, key, section] of [['ListBatchInferenceJobs', 'batchInferenceJobs', 'batchInferenceJobs'], ['ListBatchSegmentJobs', 'batchSegmentJobs', 'batchSegmentJobs']]) {
      const configured = config.solutions.flatMap((s: any) =>
        (s[section] ?? []).map((j: any) => ({ solution: s.serviceConfig.name, ...j.serviceConfig })));
      const jobs = list(runner, operation, key);
      expect(jobs.map((j) => [j.jobName, j.status]).sort()).toEqual(configured.map((j: any) => [j.jobName, 'ACTIVE']).sort());
      for (const expected of configured) {
        const describeOp = operation.replace('List', 'Describe').replace(/s$/, '');
        const arnKey = key.replace(/s$/, 'Arn');
        const job = describe_(runner, describeOp, { [arnKey]: jobs.find((j) => j.jobName === expected.jobName)[arnKey] });
        expect(job.jobInput).toEqual(expected.jobInput);
        expect(job.jobOutput).toEqual(expected.jobOutput);
        expect(job.solutionVersionArn).toMatch(new RegExp(`:solution/${expected.solution}/`));
      }
    }
  });

  test('creates the recommenders with their domain recipes', () => {
    const recommenders = list(runner, 'ListRecommenders', 'recommenders');
    expect(recommenders.map((r) => [r.name, r.recipeArn, r.status])).toEqual(
      config.recommenders.map((r: any) => [r.serviceConfig.name, r.serviceConfig.recipeArn, 'ACTIVE']));
  });

  test('publishes an ACTIVE event for every resource it created', () => {
    const active = new Set(runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.status === 'ACTIVE').map((e) => `${e.detail.kind}/${e.detail.name}`));
    const expected = [
      `DATASET_GROUP/${config.datasetGroup.serviceConfig.name}`,
      ...config.filters.map((f: any) => `FILTER/${f.serviceConfig.name}`),
      `EVENT_TRACKER/${config.eventTracker.serviceConfig.name}`,
      ...config.solutions.map((s: any) => `SOLUTION/${s.serviceConfig.name}`),
      ...config.solutions.map((s: any) => `SOLUTION_VERSION/${s.serviceConfig.name}`),
      ...config.solutions.flatMap((s: any) => (s.campaigns ?? []).map((c: any) => `CAMPAIGN/${c.serviceConfig.name}`)),
      ...config.solutions.flatMap((s: any) => (s.batchInferenceJobs ?? []).map((j: any) => `BATCH_INFERENCE_JOB/${j.serviceConfig.jobName}`)),
      ...config.solutions.flatMap((s: any) => (s.batchSegmentJobs ?? []).map((j: any) => `BATCH_SEGMENT_JOB/${j.serviceConfig.jobName}`)),
      ...config.recommenders.map((r: any) => `RECOMMENDER/${r.serviceConfig.name}`),
    ];
    expect([...active]).toEqual(expect.arrayContaining(expected));
  });

  test('a second run with the same config creates no resource again, and trains each solution again (createNewSolutionVersion: true)', async () => {
    const before = runner.emulator.mutations().length;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const second = runner.emulator.mutations().slice(before).map((c) => c.operation);
    // Import and batch jobs of the same names are not repeated; each solution trains, its campaigns follow.
    const campaigns = config.solutions.flatMap((s: any) => s.campaigns ?? []).length;
    expect(second.sort()).toEqual([
      ...Array(config.solutions.length).fill('CreateSolutionVersion'),
      ...Array(campaigns).fill('UpdateCampaign'),
    ].sort());
  });
});

describe('pipeline behaviour', () => {
  test('new data trains a new version and moves the campaign to it through an update', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const campaignArn = runner.emulator.arns.campaign('FilmNightRankingCampaign');
    const firstVersion = describe_(runner, 'DescribeCampaign', { campaignArn }).solutionVersionArn;

    const next = sampleConfig('input_media');
    next.datasetGroup.datasets[0].datasetImportJob.serviceConfig.jobName = 'FilmNightInteractionsImport20240201';
    next.datasetGroup.datasets[0].datasetImportJob.serviceConfig.importMode = 'INCREMENTAL';
    for (const solution of next.solutions) {
      for (const job of [...solution.batchInferenceJobs, ...solution.batchSegmentJobs]) job.serviceConfig.jobName = job.serviceConfig.jobName.replace('20240101', '20240201');
    }
    const eventsBefore = runner.events.length;
    expect((await runner.run(next)).status).toBe('SUCCEEDED');

    expect(runner.emulator.count('CreateSolutionVersion')).toBe(6);
    expect(runner.emulator.count('UpdateCampaign')).toBe(1);
    expect(runner.emulator.count('CreateCampaign')).toBe(1);
    const campaign = describe_(runner, 'DescribeCampaign', { campaignArn });
    expect(campaign.status).toBe('ACTIVE');
    expect(campaign.solutionVersionArn).not.toBe(firstVersion);
    expect(campaign.latestCampaignUpdate).toMatchObject({ status: 'ACTIVE', solutionVersionArn: campaign.solutionVersionArn });
    const updateEvents = runner.events.slice(eventsBefore).filter((e) => e.detail.kind === 'CAMPAIGN').map((e) => e.detail.status);
    // Then one UPDATED event names what the update changed (the version served, old and new).
    expect(updateEvents).toEqual(['ACTIVE', 'CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE', 'UPDATED']);
  });

  test('a new minProvisionedTPS in the config updates the campaign, once', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    for (const solution of config.solutions) solution.solutionVersion.createNewSolutionVersion = false;
    config.solutions[0].campaigns[0].serviceConfig.minProvisionedTPS = 3;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('UpdateCampaign')).toBe(1);
    const campaign = describe_(runner, 'DescribeCampaign', { campaignArn: runner.emulator.arns.campaign('FilmNightRankingCampaign') });
    expect(campaign).toMatchObject({ minProvisionedTPS: 3, latestCampaignUpdate: { status: 'ACTIVE', minProvisionedTPS: 3 } });
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('UpdateCampaign')).toBe(1);
    expect(runner.emulator.count('CreateSolutionVersion')).toBe(3);
  });

  test('createNewSolutionVersion false reuses the latest version, and fails clearly, before any create, when there is none', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    config.solutions = [config.solutions[0]];
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(result.cause).toContain('solutions[0].solutionVersion.createNewSolutionVersion');
    expect(result.cause).toContain('FilmNightRanking');
    expect(runner.emulator.mutations()).toEqual([]);
    config.solutions[0].solutionVersion.createNewSolutionVersion = true;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('CreateSolutionVersion')).toBe(1);
  });

  test('a batch inference job that ends CREATE FAILED fails the execution with its reason', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    runner.emulator.faults.failCreate({ operation: 'CreateBatchInferenceJob', name: 'FilmNightSimilarItems20240101', failureReason: 'Input file has no itemId field' });
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'BatchInferenceJobFailed' });
    expect(result.cause).toContain('FilmNightSimilarItems20240101');
    expect(result.cause).toContain('Input file has no itemId field');
    const failure = runner.eventsOf(RESOURCE_DETAIL_TYPE).find((e) => e.detail.status === 'CREATE FAILED');
    expect(failure?.detail).toMatchObject({ kind: 'BATCH_INFERENCE_JOB', failureReason: 'Input file has no itemId field' });
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).pop()?.detail).toMatchObject({ status: 'FAILED', error: 'BatchInferenceJobFailed' });
  });

  test('a failed Glue job fails the pipeline with the job run error; nothing that needs its output runs', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    config.preprocessing.jobName = 'team-owned-preprocessing';
    runner.glue.failJob('team-owned-preprocessing', 'FileNotFoundException: s3://personalize-mlops-demo-data/raw/ml-latest-small/ratings.csv');
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreprocessingJobFailed' });
    expect(result.cause).toContain('FileNotFoundException');
    // The dataset group, datasets and solutions need no Glue output and were made beside it; imports were not started.
    expect(runner.emulator.count('CreateDatasetGroup')).toBe(1);
    expect(runner.emulator.count('CreateDatasetImportJob')).toBe(0);
    expect(runner.emulator.count('CreateSolutionVersion')).toBe(0);
    expect(runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.kind === 'PREPROCESSING_JOB').pop()?.detail).toMatchObject({ status: 'FAILED' });
  });

  test('a filter that exists with another expression is an error naming both expressions', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    config.filters[0].serviceConfig.filterExpression = 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")';
    const before = runner.emulator.mutations().length;
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(runner.emulator.mutations().length).toBe(before);
    expect(result.cause).toContain('IN ("watch", "like")');
    expect(result.cause).toContain('IN ("click")');
  });

  test('recommenders on a custom dataset group are rejected before any create', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    delete config.datasetGroup.serviceConfig.domain;
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toContain('recommenders[0]: recommenders need a domain dataset group');
    expect(runner.emulator.mutations()).toEqual([]);
  });

  test('a config with filters on a pipeline deployed without filters is rejected clearly', async () => {
    const runner = localPipeline({ ...ALL_OPTIONS, enableFilters: false });
    const result = await runner.run(sampleConfig('input_media'));
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toContain('filters: this pipeline was deployed without the flow for it (construct prop enableFilters: true)');
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => e.detail)).toEqual([expect.objectContaining({ status: 'INVALID_CONFIG', cause: result.cause })]);
    expect(runner.emulator.mutations()).toEqual([]);
  });

  test('a pipeline with only campaigns runs a config whose other sections are empty', async () => {
    const runner = localPipeline({ recommendationConfig: [{ type: RecommendationType.SOLUTIONS, inferenceOptions: [InferenceOption.CAMPAIGNS] }] });
    const config = sampleConfig('input_media');
    delete config.preprocessing;
    config.filters = [];
    delete config.eventTracker;
    config.recommenders = [];
    config.solutions = [config.solutions[0]];
    config.solutions[0].batchInferenceJobs = [];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(list(runner, 'ListCampaigns', 'campaigns').map((c) => c.name)).toEqual(['FilmNightRankingCampaign']);
  });
});
