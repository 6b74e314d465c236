import { DEFAULT_DURATIONS } from '../../simulator/emulator/emulator-options';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PIPELINE_DETAIL_TYPE, RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { localPipeline, rankingOnly, sampleConfig } from '../helpers/pipeline-fixture';

/** Re-runs do what the config says: training semantics, failed jobs recovered without edits, seed-style configs. */
type Runner = ReturnType<typeof localPipeline>;
const describeCampaign = (runner: Runner, name: string): any =>
  (runner.emulator.call('DescribeCampaign', { campaignArn: runner.emulator.arns.campaign(name) }) as any).campaign;
const versionsOf = (runner: Runner, solution: string): any[] =>
  (runner.emulator.call('ListSolutionVersions', { solutionArn: runner.emulator.arns.solution(solution) }) as any).solutionVersions;
const renamedEvents = (runner: Runner) => runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.status === 'RENAMED').map((e) => e.detail);

describe('training semantics', () => {
  test('createNewSolutionVersion true trains a new version on every run and the campaign moves to it', async () => {
    const runner = localPipeline();
    const config = rankingOnly();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const firstVersion = describeCampaign(runner, 'FilmNightRankingCampaign').solutionVersionArn;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(versionsOf(runner, 'FilmNightRanking')).toHaveLength(2);
    const campaign = describeCampaign(runner, 'FilmNightRankingCampaign');
    expect(campaign.solutionVersionArn).not.toBe(firstVersion);
    expect(campaign.solutionVersionArn).toBe(versionsOf(runner, 'FilmNightRanking').find((v) => v.solutionVersionArn !== firstVersion).solutionVersionArn);
    // The batch job of the same name is not repeated.
    expect(runner.emulator.count('CreateBatchInferenceJob')).toBe(1);
  });

  test('createNewSolutionVersion false trains nothing and keeps the campaign on the latest ACTIVE version', async () => {
    const runner = localPipeline();
    const config = rankingOnly();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    const before = runner.emulator.mutations().length;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.mutations().slice(before)).toEqual([]);
    const version = runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.kind === 'SOLUTION_VERSION' && e.detail.status === 'ACTIVE').pop();
    expect(version?.detail).toMatchObject({ created: false, arn: versionsOf(runner, 'FilmNightRanking')[0].solutionVersionArn });
  });

  test('a failed solution version is trained again by the next run', async () => {
    const runner = localPipeline();
    const config = rankingOnly();
    runner.emulator.faults.failCreate({ operation: 'CreateSolutionVersion', failureReason: 'Internal training error', times: 1 });
    const first = await runner.run(config);
    expect(first).toMatchObject({ status: 'FAILED', error: 'SolutionVersionFailed' });
    expect(first.cause).toContain('Internal training error');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(versionsOf(runner, 'FilmNightRanking').map((v) => v.status).sort()).toEqual(['ACTIVE', 'CREATE FAILED']);
    expect(describeCampaign(runner, 'FilmNightRankingCampaign').status).toBe('ACTIVE');
  });
});

describe('failed jobs recover on re-run, without config edits and without duplicates', () => {
  test('a failed import job: the next run imports under <name>-2, reports both names, and repeats nothing else', async () => {
    const runner = localPipeline();
    const config = rankingOnly();
    const jobName = config.datasetGroup.datasets[0].datasetImportJob.serviceConfig.jobName;
    runner.emulator.faults.failCreate({ operation: 'CreateDatasetImportJob', name: jobName, failureReason: 'Access denied to s3://personalize-mlops-demo-data/media/interactions/', times: 1 });
    const first = await runner.run(config);
    expect(first).toMatchObject({ status: 'FAILED', error: 'DatasetImportJobFailed' });
    // Training needs the data: nothing after the imports ran.
    expect(runner.emulator.count('CreateSolutionVersion')).toBe(0);

    const second = await runner.run(config);
    expect(second.status).toBe('SUCCEEDED');
    expect(renamedEvents(runner)).toEqual([expect.objectContaining({ kind: 'DATASET_IMPORT_JOB', name: `${jobName}-2`, previousName: jobName })]);
    const imports = runner.emulator.calls.filter((c) => c.operation === 'CreateDatasetImportJob' && !c.error).map((c) => c.request.jobName);
    expect(imports.filter((n) => n === `${jobName}-2`)).toHaveLength(1);
    expect(new Set(imports).size).toBe(imports.length);

    // A third run repeats no job: the derived name is found ACTIVE and reused.
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('CreateDatasetImportJob')).toBe(imports.length);
  });

  test('a failed batch inference job: the next run runs it under <name>-2 and reports both names', async () => {
    const runner = localPipeline();
    const config = rankingOnly();
    const jobName = config.solutions[0].batchInferenceJobs[0].serviceConfig.jobName;
    runner.emulator.faults.failCreate({ operation: 'CreateBatchInferenceJob', name: jobName, failureReason: 'Input file has no itemId field', times: 1 });
    expect((await runner.run(config))).toMatchObject({ status: 'FAILED', error: 'BatchInferenceJobFailed' });
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(renamedEvents(runner)).toEqual([expect.objectContaining({ kind: 'BATCH_INFERENCE_JOB', name: `${jobName}-2`, previousName: jobName })]);
    const jobs = (runner.emulator.call('ListBatchInferenceJobs', {}) as any).batchInferenceJobs.map((j: any) => [j.jobName, j.status]).sort();
    expect(jobs).toEqual([[jobName, 'CREATE FAILED'], [`${jobName}-2`, 'ACTIVE']]);
    expect(runner.emulator.count('CreateDatasetImportJob')).toBe(3);
  });
});

describe('configs in the seed\'s own style run', () => {
  test('filter expressions in other letter case, empty lists and seed flags pass validation and run', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    delete config.preprocessing;
    config.filters = [
      { serviceConfig: { name: 'SeedStyleWatched', filterExpression: 'INCLUDE ItemID WHERE Interactions.event_type IN ("Watch")' } },
      { serviceConfig: { name: 'SeedStyleNotPurchased', filterExpression: 'EXCLUDE itemId WHERE INTERACTIONS.event_type in ("Purchase")' } },
    ];
    config.solutions = [config.solutions[0]];
    config.solutions[0].campaigns[0].solutionversion = '';
    config.solutions[0].batchSegmentJobs = [];
    config.recommenders = [];
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'SUCCEEDED' });
    const filters = (runner.emulator.call('ListFilters', {}) as any).Filters.map((f: any) => [f.name, f.status]);
    expect(filters).toEqual([['SeedStyleWatched', 'ACTIVE'], ['SeedStyleNotPurchased', 'ACTIVE']]);
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => e.detail.status)).toEqual(['STARTED', 'SUCCEEDED']);
  });
});

describe('the freshness rule (solutionVersion.maxAge)', () => {
  /** An emulator on the wall clock (the pre-flight check reads the time in the function) where everything is ready at once. */
  const wallClockEmulator = () => new PersonalizeEmulator({
    clock: () => Date.now(),
    durations: Object.fromEntries(Object.keys(DEFAULT_DURATIONS).map((kind) => [kind, 0])) as any,
  });

  test('a version younger than maxAge is reused; one older is retrained', async () => {
    const runner = localPipeline(undefined, wallClockEmulator());
    const config = rankingOnly();
    config.solutions[0].serviceConfig.performAutoTraining = false;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(versionsOf(runner, 'FilmNightRanking')).toHaveLength(1);

    config.solutions[0].solutionVersion.maxAge = '7 days';
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(versionsOf(runner, 'FilmNightRanking')).toHaveLength(1);
    const reused = runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.kind === 'SOLUTION_VERSION' && e.detail.status === 'ACTIVE').pop();
    expect(reused?.detail.created).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    config.solutions[0].solutionVersion.maxAge = '1 second';
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(versionsOf(runner, 'FilmNightRanking')).toHaveLength(2);
  });
});
