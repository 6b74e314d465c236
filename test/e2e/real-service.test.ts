import { App, Duration, Stack } from 'aws-cdk-lib';
import { PersonalizeMlOpsPipeline } from '../../src';
import { EVENTS_PER_POLL } from '../../src/kinds/poll-schedule';
import { RESOURCE_KINDS } from '../../src/kinds/resource-kind';
import { PIPELINE_DETAIL_TYPE, RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { ALL_OPTIONS, localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

/**
 * The pipeline against the real service's rules, as the emulator models them (docs/emulator.md): one
 * test per item of the real-service issue, each executing the synthesized state machines.
 */
type Runner = ReturnType<typeof localPipeline>;
const first = <T>(runner: Runner, operation: string, request: Record<string, unknown> = {}): T =>
  Object.values(runner.emulator.call(operation, request) as Record<string, unknown>)[0] as T;
const pipelineEvents = (runner: Runner) => runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => e.detail);
const resourceEvents = (runner: Runner, kind: string) =>
  runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.kind === kind).map((e) => e.detail);

/** The media sample without the parts a test does not need (each run then takes less time). */
function mediaWith(parts: { solutions?: number[]; filters?: boolean; tracker?: boolean; recommenders?: boolean; preprocessing?: boolean } = {}): any {
  const config = sampleConfig('input_media');
  config.solutions = (parts.solutions ?? []).map((i) => config.solutions[i]);
  if (!parts.filters) config.filters = [];
  if (!parts.tracker) delete config.eventTracker;
  if (!parts.recommenders) config.recommenders = [];
  if (!parts.preprocessing) delete config.preprocessing;
  return config;
}

describe('1. event trackers are found by listing, not by a name-derived ARN', () => {
  test('the first run creates the tracker and reports its trackingId; the second reuses it', async () => {
    const runner = localPipeline();
    const config = mediaWith({ tracker: true });
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const trackers = first<any[]>(runner, 'ListEventTrackers', {});
    expect(trackers).toHaveLength(1);
    expect(trackers[0].eventTrackerArn).toMatch(/:event-tracker\/[0-9a-f]{8}$/);
    const ready = resourceEvents(runner, 'EVENT_TRACKER').find((e) => e.status === 'ACTIVE');
    expect(ready).toMatchObject({ arn: trackers[0].eventTrackerArn, created: true, trackingId: expect.any(String) });

    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('CreateEventTracker')).toBe(1);
  });

  test('a tracker of another name in the dataset group stops the run before any create, naming both', async () => {
    const runner = localPipeline();
    const config = mediaWith({ tracker: true });
    expect((await runner.run(mediaWith())).status).toBe('SUCCEEDED');
    const groupArn = runner.emulator.arns.datasetGroup(config.datasetGroup.serviceConfig.name);
    runner.emulator.call('CreateEventTracker', { name: 'AnotherTeamsTracker', datasetGroupArn: groupArn });
    runner.emulator.settleAll();
    const before = runner.emulator.mutations().length;
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(result.cause).toContain('AnotherTeamsTracker');
    expect(result.cause).toContain(config.eventTracker.serviceConfig.name);
    expect(runner.emulator.mutations().length).toBe(before);
  });

  test('the flow itself refuses a tracker of another name (a tracker created after the pre-flight check)', async () => {
    const runner = localPipeline();
    expect((await runner.run(mediaWith())).status).toBe('SUCCEEDED');
    const groupArn = runner.emulator.arns.datasetGroup('FilmNightDatasetGroup');
    runner.emulator.call('CreateEventTracker', { name: 'AnotherTeamsTracker', datasetGroupArn: groupArn });
    runner.emulator.settleAll();
    const result = await runner.runFlow('PipelineEventTrackerFlow', {
      item: { enabled: true, serviceConfig: { name: 'FilmNightEventTracker' } },
      context: { pipelineExecutionArn: 'local', datasetGroupArn: groupArn },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'EventTrackerConflict' });
    expect(result.cause).toContain('AnotherTeamsTracker');
  });
});

describe('2. a resource of that name in another dataset group is never adopted', () => {
  test('a solution of another team\'s group stops the run before any create, naming both groups', async () => {
    const runner = localPipeline();
    const theirs = runner.emulator.call('CreateDatasetGroup', { name: 'OtherTeamGroup' }) as { datasetGroupArn: string };
    runner.emulator.settleAll();
    runner.emulator.call('CreateSolution', { name: 'FilmNightRanking', datasetGroupArn: theirs.datasetGroupArn, recipeArn: 'arn:aws:personalize:::recipe/aws-personalized-ranking' });
    runner.emulator.settleAll();
    const before = runner.emulator.mutations().length;
    const result = await runner.run(mediaWith({ solutions: [0] }));
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(result.cause).toContain('solutions[0]');
    expect(result.cause).toContain('OtherTeamGroup');
    expect(result.cause).toContain('FilmNightDatasetGroup');
    expect(runner.emulator.mutations().length).toBe(before);
    expect(pipelineEvents(runner).pop()).toMatchObject({ status: 'PREFLIGHT_FAILED' });
  });

  test('the solution flow itself refuses a solution of another group (one created after the pre-flight check)', async () => {
    const runner = localPipeline();
    const mine = runner.emulator.call('CreateDatasetGroup', { name: 'MyGroup' }) as { datasetGroupArn: string };
    const theirs = runner.emulator.call('CreateDatasetGroup', { name: 'OtherTeamGroup' }) as { datasetGroupArn: string };
    runner.emulator.settleAll();
    runner.emulator.call('CreateSolution', { name: 'Shared', datasetGroupArn: theirs.datasetGroupArn, recipeArn: 'arn:aws:personalize:::recipe/aws-similar-items' });
    runner.emulator.settleAll();
    const result = await runner.runFlow('PipelineSolutionFlow', {
      item: { serviceConfig: { name: 'Shared', recipeArn: 'arn:aws:personalize:::recipe/aws-similar-items' } },
      context: { pipelineExecutionArn: 'local', datasetGroupArn: mine.datasetGroupArn },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'SolutionConflict' });
    expect(result.cause).toContain(theirs.datasetGroupArn);
    expect(result.cause).toContain(mine.datasetGroupArn);
    expect(runner.emulator.count('CreateSolutionVersion')).toBe(0);
  });
});

describe('3. a dataset\'s schema is replaced only as the service allows', () => {
  test('an ITEMS schema with a new nullable field moves the dataset, polling LatestDatasetUpdate', async () => {
    const runner = localPipeline();
    const config = mediaWith();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const items = config.datasetGroup.datasets[1];
    items.schema.serviceConfig.name = 'FilmNightItemsSchemaV2';
    items.schema.serviceConfig.schema.fields.push({ name: 'DESCRIPTION', type: ['null', 'string'], textual: true });
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('UpdateDataset')).toBe(1);
    const dataset = first<any>(runner, 'DescribeDataset', { datasetArn: runner.emulator.arns.dataset('FilmNightDatasetGroup', 'ITEMS') });
    expect(dataset).toMatchObject({ status: 'ACTIVE', schemaArn: runner.emulator.arns.schema('FilmNightItemsSchemaV2'), latestDatasetUpdate: { status: 'ACTIVE' } });
  });

  test.each([
    ['an INTERACTIONS schema', 0, (fields: any[]) => fields.push({ name: 'EVENT_VALUE', type: ['null', 'float'] }), /INTERACTIONS/],
    ['a removed field', 1, (fields: any[]) => fields.splice(1, 1), /GENRES/],
    ['a new field that is not nullable', 1, (fields: any[]) => fields.push({ name: 'RATING', type: 'float' }), /RATING/],
  ])('%s cannot replace the current one: the run stops before any create', async (_label, index, change, message) => {
    const runner = localPipeline();
    const config = mediaWith();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const dataset = config.datasetGroup.datasets[index];
    dataset.schema.serviceConfig.name = `${dataset.schema.serviceConfig.name}V2`;
    change(dataset.schema.serviceConfig.schema.fields);
    const before = runner.emulator.mutations().length;
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(result.cause).toContain(`datasetGroup.datasets[${index}]`);
    expect(result.cause).toMatch(message);
    expect(runner.emulator.mutations().length).toBe(before);
  });
});

describe('4. automatic training is never adopted in place of this run\'s training', () => {
  test('a training under way is waited out, then this execution trains on its own data', async () => {
    const runner = localPipeline();
    const config = mediaWith({ solutions: [0] });
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const solutionArn = runner.emulator.arns.solution('FilmNightRanking');
    // New events arrive, and Personalize's own training starts (performAutoTraining defaults to true) before
    // this run's import has finished.
    runner.emulator.call('CreateDatasetImportJob', {
      jobName: 'EventsSoFar',
      datasetArn: runner.emulator.arns.dataset('FilmNightDatasetGroup', 'INTERACTIONS'),
      importMode: 'INCREMENTAL',
      dataSource: { dataLocation: 's3://personalize-mlops-demo-data/media/interactions/' },
      roleArn: 'arn:aws:iam::123456789012:role/PersonalizeMlOpsDemoRole',
    });
    runner.emulator.settleAll();
    const automatic = runner.emulator.startAutomaticTraining(solutionArn);
    expect(automatic).toBeDefined();
    const next = structuredClone(config);
    next.datasetGroup.datasets[0].datasetImportJob.serviceConfig.jobName = 'FilmNightInteractionsImport20240201';
    next.datasetGroup.datasets[0].datasetImportJob.serviceConfig.importMode = 'INCREMENTAL';
    for (const job of next.solutions[0].batchInferenceJobs) job.serviceConfig.jobName = `${job.serviceConfig.jobName}b`;
    expect((await runner.run(next)).status).toBe('SUCCEEDED');

    const campaign = first<any>(runner, 'DescribeCampaign', { campaignArn: runner.emulator.arns.campaign('FilmNightRankingCampaign') });
    expect(campaign.solutionVersionArn).not.toBe(automatic);
    expect(runner.emulator.trainedOnImports(campaign.solutionVersionArn)).toContain(runner.emulator.arns.datasetImportJob('FilmNightInteractionsImport20240201'));
    expect(resourceEvents(runner, 'SOLUTION_VERSION').map((e) => e.status)).toContain('WAITING_FOR_TRAINING_UNDER_WAY');
  });

  test('performAutoTraining and autoTrainingConfig reach CreateSolution as configured', async () => {
    const runner = localPipeline();
    const config = mediaWith({ solutions: [1] });
    config.solutions[0].serviceConfig.performAutoTraining = false;
    config.solutions[0].serviceConfig.solutionConfig = { autoTrainingConfig: { schedulingExpression: 'rate(14 days)' } };
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const create = runner.emulator.calls.find((c) => c.operation === 'CreateSolution');
    expect(create?.request).toMatchObject({ performAutoTraining: false, solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(14 days)' } } });
  });
});

describe('5. a campaign that syncs with the latest solution version', () => {
  test('is created and kept on <solutionArn>/$LATEST, and a re-run does not update it', async () => {
    const runner = localPipeline();
    const config = mediaWith({ solutions: [0] });
    config.solutions[0].campaigns[0].serviceConfig.campaignConfig = { syncWithLatestSolutionVersion: true };
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const solutionArn = runner.emulator.arns.solution('FilmNightRanking');
    const create = runner.emulator.calls.find((c) => c.operation === 'CreateCampaign' && !c.error);
    expect(create?.request.solutionVersionArn).toBe(`${solutionArn}/$LATEST`);
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('UpdateCampaign')).toBe(0);
  });
});

describe('6. a stopped recommender is started again', () => {
  test('INACTIVE → StartRecommender → ACTIVE, within the run', async () => {
    const runner = localPipeline();
    const config = mediaWith({ recommenders: true });
    config.recommenders = [config.recommenders[0]];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const recommenderArn = runner.emulator.arns.recommender('FilmNightMostPopular');
    runner.emulator.call('StopRecommender', { recommenderArn });
    runner.emulator.settleAll();
    expect(first<any>(runner, 'DescribeRecommender', { recommenderArn }).status).toBe('INACTIVE');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('StartRecommender')).toBe(1);
    expect(runner.emulator.count('CreateRecommender')).toBe(1);
    expect(first<any>(runner, 'DescribeRecommender', { recommenderArn }).status).toBe('ACTIVE');
  });
});

describe('7. every failure publishes the failure event (no uncatchable error)', () => {
  test('a Glue run that cannot start, with a cause that is not JSON', async () => {
    const runner = localPipeline();
    const config = mediaWith({ preprocessing: true });
    config.preprocessing.jobName = 'team-preprocessing';
    runner.glue.failStart('team-preprocessing', 'States.TaskFailed', 'User is not authorized to perform: glue:StartJobRun');
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreprocessingJobFailed' });
    expect(result.cause).toContain('not authorized');
    expect(pipelineEvents(runner).pop()).toMatchObject({ status: 'FAILED', error: 'PreprocessingJobFailed', cause: result.cause });
  });

  test('a child flow that cannot start (access denied), with a plain-text cause', async () => {
    const runner = localPipeline();
    runner.startFaults.push({ stateMachine: 'PipelineDatasetFlow', error: 'States.TaskFailed', cause: 'User: arn:aws:sts::123456789012:assumed-role/x is not authorized to perform: states:StartExecution' });
    const result = await runner.run(mediaWith());
    expect(result.status).toBe('FAILED');
    expect(result.error).not.toBe('States.Runtime');
    expect(result.cause).toContain('not authorized to perform: states:StartExecution');
    expect(pipelineEvents(runner).pop()).toMatchObject({ status: 'FAILED', cause: result.cause });
  });

  test('a describe throttled beyond its retries', async () => {
    const runner = localPipeline();
    runner.emulator.faults.throttle('DescribeDatasetGroup', 50);
    const result = await runner.run(mediaWith());
    expect(result.status).toBe('FAILED');
    // Throttled in the pre-flight check (SDK error name) or in a flow (the Step Functions name).
    expect(result.error).toMatch(/ThrottlingException|PersonalizeException/);
    expect(result.cause).toMatch(/Rate exceeded|Throttl/i);
    expect(pipelineEvents(runner).pop()).toMatchObject({ status: 'FAILED', error: result.error });
  });
});

describe('8. every poll loop fits the execution history', () => {
  test('polling whose worst case would not fit is rejected at synth, naming the kind', () => {
    const stack = new Stack(new App(), 'Budget');
    expect(() => new PersonalizeMlOpsPipeline(stack, 'Pipeline', {
      ...ALL_OPTIONS,
      polling: { datasetImportJob: { initialInterval: Duration.seconds(5), maxInterval: Duration.seconds(5), timeout: Duration.hours(24) } },
    })).toThrow(/polling: the dataset import job state machine could need \d+ history events .*polling\.datasetImportJob/);
  });

  test('the first check after a create comes within seconds, and the waits grow to the cap', async () => {
    const runner = localPipeline();
    expect((await runner.run(mediaWith())).status).toBe('SUCCEEDED');
    // Every loop is one of the poll machine's kinds: the import job's schedule is its row of the machine's kind table.
    const definition = runner.template.stateMachines.find((sm: any) => sm.logicalId.startsWith('PipelinePollMachine'))!.definition;
    const row = definition.States.Kinds.Parameters.all[Object.keys(RESOURCE_KINDS).indexOf('datasetImportJob')];
    const waits = String(row.sched).split(',').map(Number);
    expect(waits[0]).toBe(10);
    expect(Math.max(...waits)).toBe(300);
    expect(waits.length * EVENTS_PER_POLL).toBeLessThan(10_000);
  });
});

describe('9. throttling as the service really answers it', () => {
  test.each(['ThrottlingException', 'TooManyRequestsException'] as const)('%s on creates and describes is retried', async (errorName) => {
    const runner = localPipeline();
    for (const operation of ['CreateDatasetGroup', 'DescribeDatasetGroup', 'CreateDataset', 'DescribeDataset']) {
      runner.emulator.faults.error({ operation, errorName: errorName as any, message: 'Rate exceeded', times: 3 });
    }
    expect((await runner.run(mediaWith())).status).toBe('SUCCEEDED');
  });
});

describe('10. the account is checked before anything is created', () => {
  test('a recipe that does not exist and a foreign filter are both listed, with their paths, and nothing is created', async () => {
    const runner = localPipeline();
    const theirs = runner.emulator.call('CreateDatasetGroup', { name: 'OtherTeamGroup' }) as { datasetGroupArn: string };
    const schema = runner.emulator.call('CreateSchema', {
      name: 'OtherTeamInteractions', schema: JSON.stringify(sampleConfig('input_media').datasetGroup.datasets[0].schema.serviceConfig.schema),
    }) as { schemaArn: string };
    runner.emulator.settleAll();
    runner.emulator.call('CreateDataset', { name: 'OtherTeamInteractions', datasetGroupArn: theirs.datasetGroupArn, datasetType: 'INTERACTIONS', schemaArn: schema.schemaArn });
    runner.emulator.settleAll();
    runner.emulator.call('CreateFilter', { name: 'FilmNightUnwatched', datasetGroupArn: theirs.datasetGroupArn, filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("x")' });
    const before = runner.emulator.mutations().length;
    const config = mediaWith({ solutions: [1], filters: true });
    config.solutions[0].serviceConfig.recipeArn = 'arn:aws:personalize:::recipe/aws-similar-item';
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(result.cause).toContain('solutions[0].serviceConfig.recipeArn');
    expect(result.cause).toContain('aws-similar-item');
    expect(result.cause).toContain('filters[0]');
    expect(runner.emulator.mutations().length).toBe(before);
    expect(pipelineEvents(runner).pop()).toMatchObject({ status: 'PREFLIGHT_FAILED', problems: expect.arrayContaining([expect.objectContaining({ path: 'solutions[0].serviceConfig.recipeArn' })]) });
  });
});

describe('11. one failure does not abort independent work', () => {
  test('a failed batch segment job and a failed campaign leave the other solutions\' work to finish; the run fails with both listed', async () => {
    const runner = localPipeline();
    const config = mediaWith({ solutions: [0, 1, 2] });
    runner.emulator.faults.failCreate({ operation: 'CreateBatchSegmentJob', name: 'FilmNightAudiences20240101', failureReason: 'Input path is empty', times: 1 });
    runner.emulator.faults.failCreate({ operation: 'CreateCampaign', name: 'FilmNightRankingCampaign', failureReason: 'Not enough capacity', times: 1 });
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'MultipleFailures' });
    expect(result.cause).toContain('Input path is empty');
    expect(result.cause).toContain('Not enough capacity');
    // The independent work finished: every batch inference job is ACTIVE.
    const jobs = first<any[]>(runner, 'ListBatchInferenceJobs', {});
    expect(jobs.map((j) => j.status)).toEqual(['ACTIVE', 'ACTIVE']);
    const failed = pipelineEvents(runner).pop();
    expect(failed).toMatchObject({ status: 'FAILED', error: 'MultipleFailures' });
    expect(failed?.failures).toHaveLength(2);
  });
});

describe('strict readings the pipeline survives', () => {
  const groupOnly = () => {
    const config = mediaWith();
    config.datasetGroup.datasets = [];
    return config;
  };

  test('a describe right after a create that does not see the resource yet is waited for', async () => {
    const runner = localPipeline();
    runner.emulator.faults.error({ operation: 'DescribeDatasetGroup', errorName: 'ResourceNotFoundException', message: 'not visible yet', times: 3 });
    expect((await runner.run(groupOnly())).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('CreateDatasetGroup')).toBe(1);
  });

  test('a resource this execution created that stays not found fails the run, naming it, when the schedule ends', async () => {
    const runner = localPipeline();
    runner.emulator.faults.error({ operation: 'DescribeDatasetGroup', errorName: 'ResourceNotFoundException', message: 'gone', times: 1000 });
    const result = await runner.run(groupOnly());
    expect(result).toMatchObject({ status: 'FAILED', error: 'DatasetGroupFailed' });
    expect(result.cause).toMatch(/Dataset group FilmNightDatasetGroup \(arn:[^)]+\) was created by this execution but is not found after \d+ polls/);
    expect(runner.emulator.count('CreateDatasetGroup')).toBe(1);
  });
});
