import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PIPELINE_DETAIL_TYPE, RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { ALL_OPTIONS, localPipeline, namesIn, rankingOnly, sampleConfig } from '../helpers/pipeline-fixture';

/**
 * The sources disagree on how a status is spelled: the SDK model writes `CREATE STOPPED`, `CREATE IN_PROGRESS`; the
 * StopSolutionVersionCreation API reference writes `CREATE_STOPPED`, `CREATE_IN_PROGRESS`. The pipeline must work with
 * a service that answers either: here the emulator answers with underscores (`statusSpelling: 'underscore'`).
 */
const underscored = () => new PersonalizeEmulator({ statusSpelling: 'underscore' });
type Runner = ReturnType<typeof localPipeline>;
const resourceEvents = (runner: Runner) => runner.eventsOf(RESOURCE_DETAIL_TYPE).map((e) => e.detail);

describe('a service that spells its statuses with underscores (CREATE_STOPPED)', () => {
  test('the emulator answers CREATE_IN_PROGRESS, CREATE_FAILED, DELETE_PENDING in that mode', () => {
    const emulator = underscored();
    emulator.faults.failCreate({ operation: 'CreateDatasetGroup', name: 'Bad', failureReason: 'KMS key not usable' });
    const { datasetGroupArn } = emulator.call('CreateDatasetGroup', { name: 'Bad' }) as any;
    const statuses = [1, 2, 3].map(() => (emulator.call('DescribeDatasetGroup', { datasetGroupArn }) as any).datasetGroup.status);
    expect(statuses).toEqual(['CREATE_PENDING', 'CREATE_IN_PROGRESS', 'CREATE_FAILED']);
    emulator.call('DeleteDatasetGroup', { datasetGroupArn });
    expect((emulator.call('ListDatasetGroups', {}) as any).datasetGroups[0].status).toBe('DELETE_PENDING');
  });

  test('a training under way (CREATE_IN_PROGRESS) is waited out, then the run trains its own version', async () => {
    const runner = localPipeline(ALL_OPTIONS, underscored());
    const config = rankingOnly();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    runner.emulator.settleAll();
    const solutionArn = runner.emulator.arns.solution('FilmNightRanking');
    const other = (runner.emulator.call('CreateSolutionVersion', { solutionArn }) as any).solutionVersionArn;

    const second = await runner.run(config);
    expect(second).toMatchObject({ status: 'SUCCEEDED' });
    const waitedOut = resourceEvents(runner).filter((e) => e.kind === 'SOLUTION_VERSION' && e.arn === other).map((e) => e.status);
    expect(waitedOut).toEqual(expect.arrayContaining(['WAITING_FOR_TRAINING_UNDER_WAY', 'CREATE_IN_PROGRESS']));
    expect((runner.emulator.call('DescribeSolutionVersion', { solutionVersionArn: other }) as any).solutionVersion.status).toBe('ACTIVE');
    // The run's own training came after the other one ended: no ResourceInUseException was needed to notice it.
    const trainings = runner.emulator.calls.filter((c) => c.operation === 'CreateSolutionVersion');
    expect(trainings.filter((c) => c.error)).toEqual([]);
    expect(trainings).toHaveLength(3);
  });

  test('a failed batch job (CREATE_FAILED) fails the run with its reason, and the re-run retries it under a derived name', async () => {
    const runner = localPipeline(ALL_OPTIONS, underscored());
    const config = rankingOnly();
    const job = config.solutions[0].batchInferenceJobs?.[0]?.serviceConfig?.jobName ?? 'FilmNightRanking20240101';
    const reason = 'Injected failure of the batch job';
    runner.emulator.faults.failCreate({ operation: 'CreateBatchInferenceJob', failureReason: reason, times: 1 });

    const first = await runner.run(config);
    expect(first).toMatchObject({ status: 'FAILED', error: 'BatchInferenceJobFailed' });
    expect(first.cause).toContain(reason);
    expect(resourceEvents(runner).some((e) => e.status === 'CREATE_FAILED' && e.failureReason === reason)).toBe(true);

    const second = await runner.run(config);
    expect(second).toMatchObject({ status: 'SUCCEEDED' });
    expect(resourceEvents(runner).find((e) => e.status === 'RENAMED')).toMatchObject({ name: `${job}-2`, previousName: job });
  });

  test('the tear-down stops a training in progress (CREATE_STOPPING > CREATE_STOPPED) and deletes the group (DELETE_PENDING)', async () => {
    const emulator = underscored();
    const runner = localPipeline({ ...ALL_OPTIONS, teardown: true }, emulator);
    expect((await runner.run(sampleConfig('input_media'))).status).toBe('SUCCEEDED');
    emulator.settleAll();
    const training = (emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('FilmNightRanking') }) as any).solutionVersionArn;
    emulator.call('DescribeSolutionVersion', { solutionVersionArn: training });

    const teardown = await runner.runFlow('PipelineTeardownStateMachine', { datasetGroupName: 'FilmNightDatasetGroup' });
    expect(teardown).toMatchObject({ status: 'SUCCEEDED' });
    expect(emulator.count('StopSolutionVersionCreation')).toBe(1);
    const version = resourceEvents(runner).filter((e) => e.kind === 'SOLUTION_VERSION' && e.arn === training).map((e) => e.status);
    expect(version.pop()).toBe('CREATE_STOPPED');
    expect(namesIn(emulator, 'ListDatasetGroups', 'datasetGroups')).toEqual([]);
    expect(namesIn(emulator, 'ListSolutions', 'solutions')).toEqual([]);
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).pop()?.detail.status).toBe('TEARDOWN_SUCCEEDED');
  });
});
