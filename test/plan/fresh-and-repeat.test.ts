import { DAY, MEDIA, planOf, PlannerFixture, RETAIL } from './planner-fixture';
import { seedPlan } from './seed-account';

describe('preflight on a fresh account', () => {
  const fixture = new PlannerFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  test.each([['media', MEDIA], ['retail', RETAIL]])('plans to create everything of the %s sample and to train every solution', async (_, config) => {
    const plan = planOf(config);
    const result = await fixture.preflight(plan);
    expect(result).toMatchObject({ ok: true, problems: [], message: '' });
    const actions = new Set(result.verdicts.map((v) => v.action));
    expect([...actions].sort()).toEqual(['CREATE', 'TRAIN']);
    expect(result.verdicts.filter((v) => v.action === 'TRAIN').map((v) => v.name)).toEqual(plan.solutions.map((s) => s.serviceConfig.name));
    expect(result.plan.eventTracker.arn).toBe('');
    for (const solution of result.plan.solutions) expect(solution.training).toMatchObject({ train: true, versionArn: '' });
    for (const job of result.plan.imports) expect(job.serviceConfig.jobName).toBe(job.configuredJobName);
  });

  test('gives one verdict per configured resource, in config order', async () => {
    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.verdicts.map((v) => `${v.kind} ${v.path}`)).toEqual([
      'DATASET_GROUP datasetGroup',
      'SCHEMA datasetGroup.datasets[0].schema', 'DATASET datasetGroup.datasets[0].dataset',
      'SCHEMA datasetGroup.datasets[1].schema', 'DATASET datasetGroup.datasets[1].dataset',
      'SCHEMA datasetGroup.datasets[2].schema', 'DATASET datasetGroup.datasets[2].dataset',
      'DATASET_IMPORT_JOB datasetGroup.datasets[0].datasetImportJob',
      'DATASET_IMPORT_JOB datasetGroup.datasets[1].datasetImportJob',
      'DATASET_IMPORT_JOB datasetGroup.datasets[2].datasetImportJob',
      'FILTER filters[0]', 'FILTER filters[1]',
      'EVENT_TRACKER eventTracker',
      'SOLUTION solutions[0]', 'SOLUTION_VERSION solutions[0].solutionVersion', 'CAMPAIGN solutions[0].campaigns[0]',
      'BATCH_INFERENCE_JOB solutions[0].batchInferenceJobs[0]',
      'SOLUTION solutions[1]', 'SOLUTION_VERSION solutions[1].solutionVersion', 'BATCH_INFERENCE_JOB solutions[1].batchInferenceJobs[0]',
      'SOLUTION solutions[2]', 'SOLUTION_VERSION solutions[2].solutionVersion', 'BATCH_SEGMENT_JOB solutions[2].batchSegmentJobs[0]',
      'RECOMMENDER recommenders[0]', 'RECOMMENDER recommenders[1]',
    ]);
  });

  test('skips what the config does not ask to run, without looking it up', async () => {
    const config = JSON.parse(JSON.stringify(MEDIA));
    config.datasetGroup.datasets[0].datasetImportJob.createNewJob = false;
    config.solutions[0].campaigns[0].createCampaign = false;
    config.solutions[0].batchInferenceJobs[0].createBatchInferenceJob = false;
    config.recommenders[0].createRecommender = false;
    const before = fixture.emulator.calls.length;
    const result = await fixture.preflight(planOf(config));
    const described = fixture.emulator.calls.slice(before).map((c) => JSON.stringify(c.request));
    expect(result.verdicts.filter((v) => v.action === 'SKIP').map((v) => v.path)).toEqual([
      'datasetGroup.datasets[0].datasetImportJob', 'solutions[0].campaigns[0]', 'solutions[0].batchInferenceJobs[0]', 'recommenders[0]',
    ]);
    for (const name of ['FilmNightInteractionsImport20240101', 'FilmNightRankingCampaign', 'FilmNightReRanking20240101', 'FilmNightMostPopular/']) {
      expect(described.filter((request) => request.includes(name))).toEqual([]);
    }
  });
});

describe('preflight after a run created everything', () => {
  const fixture = new PlannerFixture();
  const plan = planOf(MEDIA);
  let seeded: ReturnType<typeof seedPlan>;
  beforeAll(async () => {
    await fixture.start();
    seeded = seedPlan(fixture.emulator, plan);
  });
  afterAll(() => fixture.stop());

  test('reuses every resource and trains the solutions whose createNewSolutionVersion is true', async () => {
    const result = await fixture.preflight(plan, new Date(fixture.versionCreatedAt(seeded.versionArns.FilmNightRanking) + DAY));
    expect(result.ok).toBe(true);
    const byAction = (action: string) => result.verdicts.filter((v) => v.action === action).map((v) => v.kind);
    expect(byAction('CREATE')).toEqual([]);
    expect(byAction('TRAIN')).toEqual(['SOLUTION_VERSION', 'SOLUTION_VERSION', 'SOLUTION_VERSION']);
    // The campaign moves to the version this execution trains.
    expect(byAction('UPDATE')).toEqual(['CAMPAIGN']);
    expect(byAction('REUSE')).toHaveLength(result.verdicts.length - 4);
    for (const verdict of result.verdicts.filter((v) => v.action === 'REUSE')) expect(verdict.arn).toMatch(/^arn:aws:personalize:us-east-1:123456789012:/);
    expect(result.verdicts.find((v) => v.kind === 'CAMPAIGN')?.reason).toBe('moves to the version trained in this execution');
    expect(result.verdicts.find((v) => v.kind === 'SOLUTION_VERSION')?.reason).toBe('createNewSolutionVersion is true (latest ACTIVE version is 1 day old)');
  });

  test('puts the existing event tracker\'s ARN in the plan', async () => {
    const result = await fixture.preflight(plan);
    expect(result.plan.eventTracker).toMatchObject({ enabled: true, arn: seeded.eventTrackerArn });
    expect(result.verdicts.find((v) => v.kind === 'EVENT_TRACKER')).toMatchObject({ action: 'REUSE', arn: seeded.eventTrackerArn });
  });

  test('reuses the latest ACTIVE version when createNewSolutionVersion is false, and the campaign stays on it', async () => {
    const config = JSON.parse(JSON.stringify(MEDIA));
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    const result = await fixture.preflight(planOf(config));
    const versionArn = seeded.versionArns.FilmNightRanking;
    expect(result.plan.solutions[0].training).toEqual({ train: false, versionArn, reason: expect.stringMatching(/^createNewSolutionVersion is false; latest ACTIVE version is .* old$/) });
    expect(result.verdicts.find((v) => v.path === 'solutions[0].solutionVersion')).toMatchObject({ action: 'REUSE', arn: versionArn });
    expect(result.verdicts.find((v) => v.kind === 'CAMPAIGN')).toMatchObject({ action: 'REUSE' });
  });

  test('plans a campaign update when the configured minProvisionedTPS changes', async () => {
    const config = JSON.parse(JSON.stringify(MEDIA));
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    config.solutions[0].campaigns[0].serviceConfig.minProvisionedTPS = 3;
    const result = await fixture.preflight(planOf(config));
    expect(result.verdicts.find((v) => v.kind === 'CAMPAIGN')).toMatchObject({ action: 'UPDATE', reason: 'minProvisionedTPS 1 → 3 (UpdateCampaign)' });
  });
});
