import { deleteCalls, MEDIA_GROUP, mediaAccount, names, runTeardown } from './teardown-fixture';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { LocalPipelineRunner, PipelineRunResult } from '../../simulator/runner/local-pipeline-runner';
import { PIPELINE_DETAIL_TYPE, RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { sampleConfig } from '../helpers/pipeline-fixture';

/** What the media run creates, by kind, as the tear-down reports it. */
const MEDIA = {
  CAMPAIGN: ['FilmNightRankingCampaign'],
  RECOMMENDER: ['FilmNightMostPopular', 'FilmNightBecauseYouWatched'],
  SOLUTION: ['FilmNightRanking', 'FilmNightSimilarItems', 'FilmNightAudiences'],
  EVENT_TRACKER: ['FilmNightEventTracker'],
  FILTER: ['FilmNightUnwatched', 'FilmNightByGenre'],
  DATASET: ['FilmNightInteractions', 'FilmNightItems', 'FilmNightUsers'],
  DATASET_GROUP: [MEDIA_GROUP],
  SCHEMA: ['FilmNightInteractionsSchema', 'FilmNightItemsSchema', 'FilmNightUsersSchema'],
};
const MEDIA_COUNT = Object.values(MEDIA).flat().length;

/** The operations that delete each step's resources, in the order the steps must run. */
const STEP_OPERATIONS = [
  ['DeleteCampaign', 'DeleteRecommender'],
  ['StopSolutionVersionCreation', 'DeleteSolution'],
  ['DeleteEventTracker', 'DeleteFilter'],
  ['DeleteDataset'],
  ['DeleteDatasetGroup'],
  ['DeleteSchema'],
];

const byKind = (items: Array<{ kind: string; name: string }>) => {
  const grouped: Record<string, string[]> = {};
  for (const item of items) (grouped[item.kind] ??= []).push(item.name);
  for (const list of Object.values(grouped)) list.sort();
  return grouped;
};
const sorted = (record: Record<string, string[]>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, [...v].sort()]));
const resourceEvents = (runner: LocalPipelineRunner, status?: string) =>
  runner.eventsOf(RESOURCE_DETAIL_TYPE).map((e) => e.detail).filter((d) => !status || d.status === status);
const teardownStatuses = (runner: LocalPipelineRunner) => runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => e.detail.status);
/** Every resource of the group's kinds the emulator still lists. */
const leftovers = (emulator: PersonalizeEmulator) => ({
  datasetGroups: names(emulator, 'ListDatasetGroups', 'datasetGroups'),
  solutions: names(emulator, 'ListSolutions', 'solutions'),
  campaigns: names(emulator, 'ListCampaigns', 'campaigns'),
  recommenders: names(emulator, 'ListRecommenders', 'recommenders'),
  filters: names(emulator, 'ListFilters', 'Filters'),
  eventTrackers: names(emulator, 'ListEventTrackers', 'eventTrackers'),
  datasets: names(emulator, 'ListDatasets', 'datasets'),
  schemas: names(emulator, 'ListSchemas', 'schemas'),
});
const NOTHING_LEFT = { datasetGroups: [], solutions: [], campaigns: [], recommenders: [], filters: [], eventTrackers: [], datasets: [], schemas: [] };

describe('tear-down of the media run (datasetGroupName form)', () => {
  let emulator: PersonalizeEmulator;
  let dry: { result: PipelineRunResult; runner: LocalPipelineRunner };
  let dryCalls: string[];
  let full: { result: PipelineRunResult; runner: LocalPipelineRunner };
  let fullCalls: string[];
  let again: { result: PipelineRunResult; runner: LocalPipelineRunner };
  beforeAll(async () => {
    emulator = await mediaAccount();
    dry = await runTeardown(emulator, { datasetGroupName: MEDIA_GROUP, dryRun: true });
    dryCalls = deleteCalls(emulator);
    full = await runTeardown(emulator, { datasetGroupName: MEDIA_GROUP });
    fullCalls = deleteCalls(emulator);
    again = await runTeardown(emulator, { datasetGroupName: MEDIA_GROUP, dryRun: false, force: false });
  });

  test('a dry run lists everything, in deletion order, and deletes nothing', () => {
    expect(dry.result.status).toBe('SUCCEEDED');
    expect(dryCalls).toEqual([]);
    const output = dry.result.output as any;
    expect(output).toMatchObject({ datasetGroupName: MEDIA_GROUP, dryRun: true, found: true, unexpected: [] });
    expect(byKind(output.wouldDelete)).toEqual(sorted(MEDIA));
    expect(output.wouldDelete.map((i: any) => i.kind)).toEqual(Object.entries(MEDIA).flatMap(([kind, list]) => list.map(() => kind)));
    expect(teardownStatuses(dry.runner)).toEqual(['TEARDOWN_STARTED', 'TEARDOWN_DRY_RUN']);
    expect(resourceEvents(dry.runner)).toEqual([]);
  });

  test('deletes everything, each step after the steps it depends on', () => {
    expect(full.result.status).toBe('SUCCEEDED');
    const output = full.result.output as any;
    expect(output).toMatchObject({ datasetGroupName: MEDIA_GROUP, dryRun: false, found: true, kept: [] });
    expect(byKind(output.deleted)).toEqual(sorted(MEDIA));
    const stepOf = (operation: string) => STEP_OPERATIONS.findIndex((ops) => ops.includes(operation));
    const steps = fullCalls.map(stepOf);
    expect(steps).not.toContain(-1);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(fullCalls.filter((c) => c.startsWith('Delete'))).toHaveLength(MEDIA_COUNT);
  });

  test('leaves nothing of the group but its jobs, which it reports as undeletable', () => {
    expect(leftovers(emulator)).toEqual(NOTHING_LEFT);
    const { undeletable } = (full.result.output as any);
    expect(undeletable.complete).toBe(true);
    expect(undeletable.note).toMatch(/no delete action/);
    const jobArns = (operation: string, key: string, arnField: string) =>
      ((emulator.call(operation, {}) as any)[key] as any[]).map((j) => j[arnField]).sort();
    expect([...undeletable.datasetImportJobs].sort()).toEqual(jobArns('ListDatasetImportJobs', 'datasetImportJobs', 'datasetImportJobArn'));
    expect([...undeletable.batchInferenceJobs].sort()).toEqual(jobArns('ListBatchInferenceJobs', 'batchInferenceJobs', 'batchInferenceJobArn'));
    expect([...undeletable.batchSegmentJobs].sort()).toEqual(jobArns('ListBatchSegmentJobs', 'batchSegmentJobs', 'batchSegmentJobArn'));
    expect(undeletable.datasetImportJobs).toHaveLength(3);
  });

  test('publishes one DELETED event per deleted resource, and the tear-down\'s start and success', () => {
    const deleted = resourceEvents(full.runner, 'DELETED');
    expect(byKind(deleted as Array<{ kind: string; name: string }>)).toEqual(sorted(MEDIA));
    for (const event of deleted) {
      expect(event.arn).toMatch(/^arn:aws:personalize:us-east-1:123456789012:/);
      expect(event.pipelineExecutionArn).toBe(full.result.executionArn);
    }
    expect(teardownStatuses(full.runner)).toEqual(['TEARDOWN_STARTED', 'TEARDOWN_SUCCEEDED']);
    expect(full.runner.eventsOf(PIPELINE_DETAIL_TYPE).pop()?.detail).toMatchObject({ found: true, deleted: MEDIA_COUNT });
  });

  test('a second run finds nothing, deletes nothing and succeeds', () => {
    expect(again.result.status).toBe('SUCCEEDED');
    expect(again.result.output).toMatchObject({ found: false, deleted: [], kept: [] });
    expect(deleteCalls(emulator)).toEqual(fullCalls);
    expect(resourceEvents(again.runner)).toEqual([]);
    expect(teardownStatuses(again.runner)).toEqual(['TEARDOWN_STARTED', 'TEARDOWN_SUCCEEDED']);
  });
});

describe('tear-down while work is under way', () => {
  let emulator: PersonalizeEmulator;
  let run: { result: PipelineRunResult; runner: LocalPipelineRunner };
  let versionArn: string;
  beforeAll(async () => {
    emulator = await mediaAccount();
    versionArn = (emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('FilmNightRanking') }) as any).solutionVersionArn;
    emulator.call('StopRecommender', { recommenderArn: emulator.arns.recommender('FilmNightMostPopular') });
    emulator.call('CreateFilter', {
      name: 'FilmNightFresh', datasetGroupArn: emulator.arns.datasetGroup(MEDIA_GROUP), filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
    });
    run = await runTeardown(emulator, { datasetGroupName: MEDIA_GROUP });
  });

  test('succeeds and leaves nothing', () => {
    expect(run.result.status).toBe('SUCCEEDED');
    expect(leftovers(emulator)).toEqual(NOTHING_LEFT);
  });

  test('stops a training in progress, waits until it is stopped, then deletes its solution', () => {
    const calls = emulator.calls.filter((c) => !c.error);
    const stop = calls.findIndex((c) => c.operation === 'StopSolutionVersionCreation' && c.request.solutionVersionArn === versionArn);
    const stopped = calls.findIndex((c, i) => i > stop && c.operation === 'DescribeSolutionVersion');
    const removal = calls.findIndex((c) => c.operation === 'DeleteSolution' && c.request.solutionArn === emulator.arns.solution('FilmNightRanking'));
    expect(stop).toBeGreaterThan(-1);
    expect(stopped).toBeGreaterThan(stop);
    expect(removal).toBeGreaterThan(stopped);
    const version = resourceEvents(run.runner).filter((e) => e.kind === 'SOLUTION_VERSION').map((e) => [e.arn, e.status]);
    expect(version).toEqual([[versionArn, 'CREATE STOPPED']]);
  });

  test('waits for a stopping recommender to be INACTIVE, then deletes it', () => {
    const calls = emulator.calls.filter((c) => c.request.recommenderArn === emulator.arns.recommender('FilmNightMostPopular'));
    const deleteAt = calls.findIndex((c) => c.operation === 'DeleteRecommender');
    expect(calls.slice(0, deleteAt).filter((c) => c.operation === 'DescribeRecommender').length).toBeGreaterThanOrEqual(3);
    expect(calls[deleteAt].error).toBeUndefined();
    expect(resourceEvents(run.runner, 'DELETED').map((e) => e.name)).toContain('FilmNightMostPopular');
  });

  test('waits for a filter being created to be ACTIVE, then deletes it', () => {
    const calls = emulator.calls.filter((c) => c.request.filterArn === emulator.arns.filter('FilmNightFresh'));
    expect(calls.map((c) => c.operation)).toEqual(['DescribeFilter', 'DescribeFilter', 'DescribeFilter', 'DeleteFilter', 'DescribeFilter', 'DescribeFilter', 'DescribeFilter']);
    expect(calls.every((c) => !c.error || c.operation === 'DescribeFilter')).toBe(true);
  });
});

describe('tear-down of a config (the names it lists are expected)', () => {
  let emulator: PersonalizeEmulator;
  let dry: { result: PipelineRunResult; runner: LocalPipelineRunner };
  let refused: { result: PipelineRunResult; runner: LocalPipelineRunner };
  let refusedCalls: string[];
  let forced: { result: PipelineRunResult; runner: LocalPipelineRunner };
  beforeAll(async () => {
    emulator = await mediaAccount();
    emulator.call('CreateFilter', {
      name: 'StrayFilter', datasetGroupArn: emulator.arns.datasetGroup(MEDIA_GROUP), filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("skip")',
    });
    emulator.settleAll();
    dry = await runTeardown(emulator, { ...sampleConfig('input_media'), dryRun: true });
    refused = await runTeardown(emulator, sampleConfig('input_media'));
    refusedCalls = deleteCalls(emulator);
    forced = await runTeardown(emulator, { ...sampleConfig('input_media'), force: true });
  });

  test('a dry run names what the config does not', () => {
    expect(dry.result.status).toBe('SUCCEEDED');
    expect(dry.result.output).toMatchObject({ dryRun: true, unexpected: ['FILTER StrayFilter'] });
  });

  test('refuses a group holding a resource the config does not name, and deletes nothing', () => {
    expect(refused.result).toMatchObject({ status: 'FAILED', error: 'TeardownRefused' });
    expect(refused.result.cause).toMatch(/FilmNightDatasetGroup holds resources the config does not name: \["FILTER StrayFilter"\].*force: true/);
    expect(refusedCalls).toEqual([]);
    expect(teardownStatuses(refused.runner)).toEqual(['TEARDOWN_STARTED', 'TEARDOWN_REFUSED']);
    expect(refused.runner.eventsOf(PIPELINE_DETAIL_TYPE).pop()?.detail.unexpected).toEqual(['FILTER StrayFilter']);
  });

  test('with force, deletes them too', () => {
    expect(forced.result.status).toBe('SUCCEEDED');
    expect(byKind((forced.result.output as any).deleted).FILTER).toEqual(['FilmNightByGenre', 'FilmNightUnwatched', 'StrayFilter']);
    expect(leftovers(emulator)).toEqual(NOTHING_LEFT);
  });

  test('a config whose resources are all named needs no force', async () => {
    const account = await mediaAccount();
    const { result } = await runTeardown(account, sampleConfig('input_media'));
    expect(result.status).toBe('SUCCEEDED');
    expect(leftovers(account)).toEqual(NOTHING_LEFT);
  });
});

describe('a schema another dataset group uses', () => {
  let emulator: PersonalizeEmulator;
  let run: { result: PipelineRunResult; runner: LocalPipelineRunner };
  beforeAll(async () => {
    emulator = await mediaAccount();
    emulator.call('CreateDatasetGroup', { name: 'OtherGroup', domain: 'VIDEO_ON_DEMAND' });
    emulator.settleAll();
    emulator.call('CreateDataset', {
      name: 'OtherUsers', datasetType: 'USERS', datasetGroupArn: emulator.arns.datasetGroup('OtherGroup'), schemaArn: emulator.arns.schema('FilmNightUsersSchema'),
    });
    emulator.settleAll();
    run = await runTeardown(emulator, { datasetGroupName: MEDIA_GROUP });
  });

  test('is kept, reported KEPT with the reason; the other schemas are deleted', () => {
    expect(run.result.status).toBe('SUCCEEDED');
    const output = run.result.output as any;
    expect(output.kept).toEqual([expect.objectContaining({ kind: 'SCHEMA', name: 'FilmNightUsersSchema', kept: true, reason: expect.stringMatching(/used by dataset/) })]);
    expect(byKind(output.deleted).SCHEMA).toEqual(['FilmNightInteractionsSchema', 'FilmNightItemsSchema']);
    expect(names(emulator, 'ListSchemas', 'schemas')).toEqual(['FilmNightUsersSchema']);
    expect(resourceEvents(run.runner, 'KEPT')).toEqual([expect.objectContaining({ kind: 'SCHEMA', name: 'FilmNightUsersSchema' })]);
  });

  test('leaves the other dataset group alone', () => {
    expect(names(emulator, 'ListDatasetGroups', 'datasetGroups')).toEqual(['OtherGroup']);
    expect(names(emulator, 'ListDatasets', 'datasets')).toEqual(['OtherUsers']);
  });
});

describe('a delete the service refuses', () => {
  let emulator: PersonalizeEmulator;
  let failed: { result: PipelineRunResult; runner: LocalPipelineRunner };
  let failedCalls: string[];
  let afterFailure: ReturnType<typeof leftovers>;
  let resumed: { result: PipelineRunResult; runner: LocalPipelineRunner };
  beforeAll(async () => {
    emulator = await mediaAccount();
    emulator.faults.error({ operation: 'DeleteFilter', errorName: 'InvalidInputException', message: 'Injected refusal', times: 1 });
    failed = await runTeardown(emulator, { datasetGroupName: MEDIA_GROUP });
    failedCalls = deleteCalls(emulator);
    afterFailure = leftovers(emulator);
    resumed = await runTeardown(emulator, { datasetGroupName: MEDIA_GROUP });
  });

  test('fails the tear-down with the resource and the service\'s reason', () => {
    expect(failed.result).toMatchObject({ status: 'FAILED', error: 'FilterDeleteFailed' });
    expect(failed.result.cause).toMatch(/^Filter FilmNight\w+ \(arn:aws:personalize:us-east-1:123456789012:filter\/FilmNight\w+\) could not be deleted: Personalize.InvalidInputException: Injected refusal/);
  });

  test('publishes DELETE_FAILED for the resource and TEARDOWN_FAILED for the tear-down', () => {
    expect(resourceEvents(failed.runner, 'DELETE_FAILED')).toEqual([expect.objectContaining({
      kind: 'FILTER', error: 'Personalize.InvalidInputException', cause: failed.result.cause,
    })]);
    expect(teardownStatuses(failed.runner)).toEqual(['TEARDOWN_STARTED', 'TEARDOWN_FAILED']);
    expect(failed.runner.eventsOf(PIPELINE_DETAIL_TYPE).pop()?.detail).toMatchObject({ error: 'FilterDeleteFailed', cause: failed.result.cause });
  });

  test('stops after the failed step: the datasets, the group and the schemas are left', () => {
    expect(failedCalls).not.toContain('DeleteDataset');
    expect(failedCalls).not.toContain('DeleteDatasetGroup');
    expect(afterFailure).toMatchObject({ datasetGroups: [MEDIA_GROUP], datasets: MEDIA.DATASET, solutions: [], campaigns: [], recommenders: [] });
    expect([...afterFailure.schemas].sort()).toEqual([...MEDIA.SCHEMA].sort());
    expect(afterFailure.filters).toHaveLength(1);
  });

  test('a run after it finishes the job', () => {
    expect(resumed.result.status).toBe('SUCCEEDED');
    expect(byKind((resumed.result.output as any).deleted)).toEqual(sorted({
      FILTER: [(resourceEvents(failed.runner, 'DELETE_FAILED')[0].name)], DATASET: MEDIA.DATASET, DATASET_GROUP: MEDIA.DATASET_GROUP, SCHEMA: MEDIA.SCHEMA,
    }));
    expect(leftovers(emulator)).toEqual(NOTHING_LEFT);
  });
});
