import { Duration } from 'aws-cdk-lib';
import { EmulatorCall, PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PIPELINE_DETAIL_TYPE, RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { ALL_OPTIONS, localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

/**
 * Faults × resource kinds, executed on the media sample. Transient faults must be survived in one run;
 * permanent ones must fail the execution with the reason in the error and in a bus event, and a re-run with
 * the fault gone must succeed without creating again anything that succeeded.
 */
interface Target {
  /** The kind's create operation. */
  readonly create: string;
  /** Its describe operation, as the state machines call it. */
  readonly describe: string;
  /** The resource of the media sample the fault hits (absent: the first one). */
  readonly name?: string;
  /** The error a CREATE FAILED of this kind ends the execution with. */
  readonly error: string;
  /** Jobs cannot be deleted: the re-run retries a failed job under a derived name (`<name>-2`). */
  readonly job?: boolean;
}

const TARGETS: Target[] = [
  { create: 'CreateDatasetGroup', describe: 'DescribeDatasetGroup', name: 'FilmNightDatasetGroup', error: 'DatasetGroupFailed' },
  { create: 'CreateDataset', describe: 'DescribeDataset', name: 'FilmNightItems', error: 'DatasetFailed' },
  {
    create: 'CreateDatasetImportJob',
    describe: 'DescribeDatasetImportJob',
    name: 'FilmNightUsersImport20240101',
    error: 'DatasetImportJobFailed',
    job: true,
  },
  { create: 'CreateFilter', describe: 'DescribeFilter', name: 'FilmNightByGenre', error: 'FilterFailed' },
  { create: 'CreateEventTracker', describe: 'DescribeEventTracker', name: 'FilmNightEventTracker', error: 'EventTrackerFailed' },
  { create: 'CreateSolution', describe: 'DescribeSolution', name: 'FilmNightSimilarItems', error: 'SolutionFailed' },
  { create: 'CreateSolutionVersion', describe: 'DescribeSolutionVersion', error: 'SolutionVersionFailed' },
  { create: 'CreateCampaign', describe: 'DescribeCampaign', name: 'FilmNightRankingCampaign', error: 'CampaignFailed' },
  {
    create: 'CreateBatchInferenceJob',
    describe: 'DescribeBatchInferenceJob',
    name: 'FilmNightSimilarItems20240101',
    error: 'BatchInferenceJobFailed',
    job: true,
  },
  {
    create: 'CreateBatchSegmentJob',
    describe: 'DescribeBatchSegmentJob',
    name: 'FilmNightAudiences20240101',
    error: 'BatchSegmentJobFailed',
    job: true,
  },
  { create: 'CreateRecommender', describe: 'DescribeRecommender', name: 'FilmNightMostPopular', error: 'RecommenderFailed' },
];
const SCHEMA: Target = { create: 'CreateSchema', describe: 'DescribeSchema', error: '' };

/** What a create call made: the operation and the resource's name (a solution version: its solution). */
const keyOf = (call: EmulatorCall) => `${call.operation}:${call.request.name ?? call.request.jobName ?? call.request.solutionArn}`;

/** Creates of `after` that repeat a create of `before`, other than the `allowed` ones. */
function duplicates(before: EmulatorCall[], after: EmulatorCall[], allowed: string[] = []): string[] {
  const done = new Set(before.filter((c) => c.operation.startsWith('Create')).map(keyOf));
  return after.filter((c) => c.operation.startsWith('Create')).map(keyOf).filter((key) => done.has(key) && !allowed.includes(key));
}

describe('transient faults are survived in one run, creating each resource once', () => {
  const cases: Array<[string, string, (runner: ReturnType<typeof localPipeline>) => void]> = [];
  for (const target of [...TARGETS, SCHEMA]) {
    cases.push([target.create, 'throttled 4 times', (r) => r.emulator.faults.throttle(target.create, 4)]);
    cases.push([target.describe, 'throttled 4 times', (r) => r.emulator.faults.throttle(target.describe, 4)]);
    cases.push([target.create, 'a parent not yet ACTIVE (ResourceInUseException) twice', (r) =>
      r.emulator.faults.error({ operation: target.create, errorName: 'ResourceInUseException', message: 'The parent is not ACTIVE yet', times: 2 })]);
    cases.push([target.create, 'LimitExceededException twice', (r) =>
      r.emulator.faults.error({ operation: target.create, errorName: 'LimitExceededException', message: 'Too many resources in progress', times: 2 })]);
    cases.push([target.create, 'a race: another execution creates it first', (r) => r.emulator.faults.race(target.create)]);
  }

  test.each(cases)('%s %s', async (_operation, _fault, inject) => {
    const runner = localPipeline();
    inject(runner);
    const result = await runner.run(sampleConfig('input_media'));
    expect(result).toMatchObject({ status: 'SUCCEEDED' });
    const creates = runner.emulator.mutations().filter((c) => c.operation.startsWith('Create')).map(keyOf);
    // A training another execution started is never adopted: it is waited out, and this execution trains too.
    const adoptedNever = _operation === 'CreateSolutionVersion' && _fault.startsWith('a race') ? 1 : 0;
    expect(creates.length).toBe(new Set(creates).size + adoptedNever);
    expect(creates.length).toBe(25 + adoptedNever);
  });
});

describe('permanent faults fail with the reason, and a re-run recovers without duplicates', () => {
  test.each(TARGETS.map((t) => [t.create, t]))('%s ends CREATE FAILED', async (_operation, target) => {
    const runner = localPipeline();
    const reason = `Injected failure of ${target.create}`;
    runner.emulator.faults.failCreate({ operation: target.create, name: target.name, failureReason: reason, times: 1 });
    const config = sampleConfig('input_media');
    const first = await runner.run(config);
    expect(first).toMatchObject({ status: 'FAILED', error: target.error });
    expect(first.cause).toContain(reason);
    if (target.name) expect(first.cause).toContain(target.name);
    expect(runner.eventsOf(RESOURCE_DETAIL_TYPE).some((e) => e.detail.status === 'CREATE FAILED' && e.detail.failureReason === reason)).toBe(true);
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).pop()?.detail).toMatchObject({ status: 'FAILED', error: target.error });

    const firstCalls = runner.emulator.mutations();
    const second = await runner.run(config);
    expect(second).toMatchObject({ status: 'SUCCEEDED' });
    const failedKey = firstCalls.filter((c) => c.operation === target.create).map(keyOf).find((key) => !target.name || key.endsWith(`:${target.name}`))!;
    // Each solution trains on every run (createNewSolutionVersion: true); the rest is created once.
    const trainings = config.solutions.map((s: any) => `CreateSolutionVersion:${runner.emulator.arns.solution(s.serviceConfig.name)}`);
    expect(duplicates(firstCalls, runner.emulator.mutations().slice(firstCalls.length), [failedKey, ...trainings])).toEqual([]);
    if (target.job) {
      // Same config, no edit: the failed job's name is taken for good, so the re-run uses a derived one and says so.
      const renamed = runner.eventsOf(RESOURCE_DETAIL_TYPE).find((e) => e.detail.status === 'RENAMED');
      expect(renamed?.detail).toMatchObject({ name: `${target.name}-2`, previousName: target.name });
      expect(runner.emulator.mutations().slice(firstCalls.length).map(keyOf)).toContain(`${target.create}:${target.name}-2`);
    } else if (target.create !== 'CreateSolutionVersion') {
      // The failed leftover was deleted and created again.
      expect(runner.emulator.count(target.create.replace('Create', 'Delete'))).toBe(1);
    }
  });

  test.each([...TARGETS, SCHEMA].map((t) => [t.create, t]))('%s refused with InvalidInputException fails the child and the pipeline', async (_operation, target) => {
    const runner = localPipeline();
    runner.emulator.faults.error({ operation: target.create, errorName: 'InvalidInputException', message: `Injected: ${target.create} refused`, times: 1 });
    const config = sampleConfig('input_media');
    const first = await runner.run(config);
    expect(first).toMatchObject({ status: 'FAILED', error: 'InvalidInputException' });
    expect(first.cause).toContain(`Injected: ${target.create} refused`);
    expect(runner.executions.filter((e) => e.status === 'FAILED').length).toBeGreaterThanOrEqual(2);
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).pop()?.detail).toMatchObject({ status: 'FAILED', error: 'InvalidInputException' });

    const firstCalls = runner.emulator.mutations();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const trainings = config.solutions.map((s: any) => `CreateSolutionVersion:${runner.emulator.arns.solution(s.serviceConfig.name)}`);
    expect(duplicates(firstCalls, runner.emulator.mutations().slice(firstCalls.length), trainings)).toEqual([]);
  });

  test('a resource still in progress at its poll bound fails with <Kind>Timeout, naming it', async () => {
    const slow = new PersonalizeEmulator({ describesPerStatus: 10 });
    const polling = { datasetImportJob: { initialInterval: Duration.minutes(1), maxInterval: Duration.minutes(1), timeout: Duration.minutes(3) } };
    const runner = localPipeline({ ...ALL_OPTIONS, polling }, slow);
    const config = sampleConfig('input_media');
    const result = await runner.run(config);
    // Each import times out on its own; the run fails with all of them listed.
    expect(result).toMatchObject({ status: 'FAILED', error: 'MultipleFailures' });
    const failures = runner.eventsOf(PIPELINE_DETAIL_TYPE).pop()?.detail.failures as Array<{ error: string; cause: string }>;
    expect(failures.map((f) => f.error)).toEqual(config.datasetGroup.datasets.map(() => 'DatasetImportJobTimeout'));
    expect(failures[0].cause).toMatch(/Dataset import job FilmNight\w+Import20240101 \(arn:aws:personalize:[^)]+\) is still CREATE PENDING after 3 polls over 3 minutes/);
    expect(runner.eventsOf(RESOURCE_DETAIL_TYPE).some((e) => e.detail.status === 'TIMED_OUT' && e.detail.kind === 'DATASET_IMPORT_JOB')).toBe(true);
  });

  test('the Glue job failing, then succeeding', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    config.preprocessing.jobName = 'team-preprocessing';
    runner.glue.failJob('team-preprocessing', 'Py4JJavaError: ratings.csv not found');
    const first = await runner.run(config);
    expect(first).toMatchObject({ status: 'FAILED', error: 'PreprocessingJobFailed' });
    expect(first.cause).toContain('ratings.csv not found');
    runner.glue.addJob('team-preprocessing');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.glue.runs.map((r) => r.state)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  test('a campaign update that fails is made again on the next run', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    config.datasetGroup.datasets[0].datasetImportJob.serviceConfig.jobName = 'FilmNightInteractionsImport20240301';
    config.datasetGroup.datasets[0].datasetImportJob.serviceConfig.importMode = 'INCREMENTAL';
    runner.emulator.faults.failCreate({ operation: 'UpdateCampaign', failureReason: 'Not enough capacity', times: 1 });
    const failed = await runner.run(config);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'CampaignFailed' });
    expect(failed.cause).toContain('Not enough capacity');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('UpdateCampaign')).toBe(2);
  });
});
