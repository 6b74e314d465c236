import { copyOf, MEDIA, planOf, PlannerFixture } from './planner-fixture';
import { seedPlan } from './seed-account';
import { derivedJobName } from '../../planner';

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/;

describe('derived job names', () => {
  test('append -<n>, cutting the base so the name stays within 63 characters', () => {
    expect(derivedJobName('Import1', 2)).toBe('Import1-2');
    const long = `A${'b'.repeat(62)}`;
    for (const n of [2, 10, 123]) {
      const name = derivedJobName(long, n);
      expect(name).toHaveLength(63);
      expect(name.endsWith(`-${n}`)).toBe(true);
      expect(name).toMatch(NAME_PATTERN);
    }
  });
});

describe('an import job whose name ended CREATE FAILED', () => {
  const fixture = new PlannerFixture();
  const [interactions, items, users] = MEDIA.datasetGroup.datasets
    .map((d: { datasetImportJob: { serviceConfig: { jobName: string } } }) => d.datasetImportJob.serviceConfig.jobName);
  beforeAll(async () => {
    await fixture.start();
    const { emulator } = fixture;
    for (const name of [interactions, items, users]) emulator.faults.failCreate({ operation: 'CreateDatasetImportJob', name, failureReason: 'Access denied to S3', times: 1 });
    seedPlan(emulator, planOf({ datasetGroup: MEDIA.datasetGroup }));
    const importInto = (type: string, jobName: string) => fixture.call('CreateDatasetImportJob', {
      jobName,
      datasetArn: emulator.arns.dataset('FilmNightDatasetGroup', type),
      dataSource: { dataLocation: 's3://bucket/data.csv' },
      roleArn: 'arn:aws:iam::123456789012:role/R',
    });
    // Interactions: the job run under -2 before succeeded. Users: -2 failed as well.
    importInto('INTERACTIONS', `${interactions}-2`);
    emulator.faults.failCreate({ operation: 'CreateDatasetImportJob', name: `${users}-2`, failureReason: 'Access denied to S3', times: 1 });
    importInto('USERS', `${users}-2`);
    emulator.settleAll();
  });
  afterAll(() => fixture.stop());

  test('runs under the first derived name that is free, or reuses the one that ran', async () => {
    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.ok).toBe(true);
    expect(result.plan.imports.map((j) => [j.configuredJobName, j.serviceConfig.jobName])).toEqual([
      [interactions, `${interactions}-2`],
      [items, `${items}-2`],
      [users, `${users}-3`],
    ]);
    const verdicts = result.verdicts.filter((v) => v.kind === 'DATASET_IMPORT_JOB');
    expect(verdicts.map((v) => v.action)).toEqual(['RENAME', 'RENAME', 'RENAME']);
    expect(verdicts[0]).toMatchObject({
      name: `${interactions}-2`,
      arn: fixture.emulator.arns.datasetImportJob(`${interactions}-2`),
      reason: `dataset import job ${interactions} ended CREATE FAILED; reuses ${interactions}-2 (status ACTIVE), which ran in its place before`,
    });
    expect(verdicts[1].reason).toBe(`dataset import job ${items} ended CREATE FAILED and its name cannot be used again; creates ${items}-2 instead`);
    expect(verdicts[1].arn).toBeUndefined();
    expect(verdicts[2].name).toBe(`${users}-3`);
  });

  test('leaves the name alone when the job is not to run', async () => {
    const config = copyOf(MEDIA);
    config.datasetGroup.datasets[1].datasetImportJob.createNewJob = false;
    const result = await fixture.preflight(planOf(config));
    expect(result.plan.imports[1]).toMatchObject({ configuredJobName: items, serviceConfig: { jobName: items } });
    expect(result.verdicts.find((v) => v.path === 'datasetGroup.datasets[1].datasetImportJob')?.action).toBe('SKIP');
  });
});

describe('a batch job whose name ended CREATE FAILED', () => {
  const fixture = new PlannerFixture();
  const reRanking = MEDIA.solutions[0].batchInferenceJobs[0].serviceConfig;
  const similar = MEDIA.solutions[1].batchInferenceJobs[0].serviceConfig;
  const audiences = MEDIA.solutions[2].batchSegmentJobs[0].serviceConfig;
  beforeAll(async () => {
    await fixture.start();
    const { emulator } = fixture;
    const fail = (operation: string, name: string) => emulator.faults.failCreate({ operation, name, failureReason: 'Output bucket not found', times: 1 });
    fail('CreateBatchInferenceJob', reRanking.jobName);
    fail('CreateBatchInferenceJob', similar.jobName);
    fail('CreateBatchSegmentJob', audiences.jobName);
    const { versionArns } = seedPlan(emulator, planOf(MEDIA));
    // Re-ranking: -2 failed too. Similar items: -2 ran.
    fail('CreateBatchInferenceJob', `${reRanking.jobName}-2`);
    fixture.call('CreateBatchInferenceJob', { ...reRanking, jobName: `${reRanking.jobName}-2`, solutionVersionArn: versionArns.FilmNightRanking });
    fixture.call('CreateBatchInferenceJob', { ...similar, jobName: `${similar.jobName}-2`, solutionVersionArn: versionArns.FilmNightSimilarItems });
    emulator.settleAll();
  });
  afterAll(() => fixture.stop());

  test('runs under the first derived name that is free, or reuses the one that ran', async () => {
    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.ok).toBe(true);
    const [ranking, similarItems, segments] = result.plan.solutions;
    expect(ranking.batchInferenceJobs[0]).toMatchObject({ configuredJobName: reRanking.jobName, serviceConfig: { jobName: `${reRanking.jobName}-3` } });
    expect(similarItems.batchInferenceJobs[0]).toMatchObject({ configuredJobName: similar.jobName, serviceConfig: { jobName: `${similar.jobName}-2` } });
    expect(segments.batchSegmentJobs[0]).toMatchObject({ configuredJobName: audiences.jobName, serviceConfig: { jobName: `${audiences.jobName}-2` } });
    const verdicts = result.verdicts.filter((v) => v.kind.startsWith('BATCH_'));
    expect(verdicts.map((v) => [v.kind, v.action, v.name])).toEqual([
      ['BATCH_INFERENCE_JOB', 'RENAME', `${reRanking.jobName}-3`],
      ['BATCH_INFERENCE_JOB', 'RENAME', `${similar.jobName}-2`],
      ['BATCH_SEGMENT_JOB', 'RENAME', `${audiences.jobName}-2`],
    ]);
    expect(verdicts[1]).toMatchObject({ arn: fixture.emulator.arns.batchInferenceJob(`${similar.jobName}-2`), reason: expect.stringContaining(`reuses ${similar.jobName}-2 (status ACTIVE)`) });
    expect(verdicts[2].reason).toBe(`batch segment job ${audiences.jobName} ended CREATE FAILED and its name cannot be used again; creates ${audiences.jobName}-2 instead`);
  });

  test('a job that did not fail is reused, never repeated', async () => {
    const config = copyOf(MEDIA);
    config.solutions[1].batchInferenceJobs[0].serviceConfig.jobName = `${similar.jobName}-2`;
    const result = await fixture.preflight(planOf(config));
    expect(result.verdicts.find((v) => v.path === 'solutions[1].batchInferenceJobs[0]')).toMatchObject({
      action: 'REUSE', name: `${similar.jobName}-2`, reason: `batch inference job ${similar.jobName}-2 exists (status ACTIVE) and is not repeated`,
    });
  });
});
