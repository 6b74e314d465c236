import { deleteCalls, runTeardown } from './teardown-fixture';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PIPELINE_DETAIL_TYPE } from '../../src/steps/status-events';
import { groupWithDatasets, importInteractions } from '../emulator/fixtures';

describe('the tear-down input', () => {
  test.each([
    ['nothing to name a group', {}, /^the input must name a dataset group: datasetGroupName \(a string\) or a pipeline config with datasetGroup.serviceConfig.name, got: \{\}$/],
    ['an input that is not an object', 'FilmNight', /^the input must name a dataset group: .*got: "FilmNight"$/],
    ['a datasetGroupName that is not a string', { datasetGroupName: 7 }, /^datasetGroupName must be a string, got: 7$/],
    ['a config whose group name is not a string', { datasetGroup: { serviceConfig: { name: ['G'] } } }, /^datasetGroup.serviceConfig.name must be a string, got: \["G"\]$/],
    ['both forms', { datasetGroupName: 'G', datasetGroup: { serviceConfig: { name: 'G' } } }, /^give either datasetGroupName or a pipeline config .*not both/],
    ['a dryRun that is not a boolean', { datasetGroupName: 'G', dryRun: 'yes' }, /^dryRun must be true or false, got: "yes"$/],
    ['a force that is not a boolean', { datasetGroupName: 'G', force: 1 }, /^force must be true or false, got: 1$/],
  ])('rejects %s, naming the field and the value, before any call', async (_label, input, cause) => {
    const emulator = new PersonalizeEmulator();
    const { result, runner } = await runTeardown(emulator, input);
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidTeardownInput' });
    expect(result.cause).toMatch(cause);
    expect(emulator.calls).toEqual([]);
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => [e.detail.status, e.detail.cause])).toEqual([['TEARDOWN_INVALID_INPUT', result.cause]]);
  });

  test('a group that does not exist: nothing found, nothing deleted, success', async () => {
    const emulator = new PersonalizeEmulator();
    const { result } = await runTeardown(emulator, { datasetGroupName: 'NoSuchGroup' });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({
      datasetGroupName: 'NoSuchGroup',
      found: false,
      deleted: [],
      kept: [],
      undeletable: { datasetImportJobs: [], batchInferenceJobs: [], batchSegmentJobs: [], complete: true },
    });
    expect(deleteCalls(emulator)).toEqual([]);
  });

  test('a config whose group is gone still deletes the schemas it names when nothing uses them', async () => {
    const emulator = new PersonalizeEmulator();
    emulator.call('CreateSchema', { name: 'LeftSchema', schema: JSON.stringify({ type: 'record', name: 'Users', namespace: 'x', fields: [{ name: 'USER_ID', type: 'string' }] }) });
    const config = { datasetGroup: { serviceConfig: { name: 'GoneGroup' }, datasets: [{ type: 'USERS', schema: { serviceConfig: { name: 'LeftSchema' } } }] } };
    const { result } = await runTeardown(emulator, config);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ found: false, deleted: [expect.objectContaining({ kind: 'SCHEMA', name: 'LeftSchema' })] });
    expect(deleteCalls(emulator)).toEqual(['DeleteSchema']);
  });
});

describe('a group with more of a kind than one list page', () => {
  test('stops before deleting anything, naming the list', async () => {
    const emulator = new PersonalizeEmulator({ quotas: { filtersPerDatasetGroup: 200 } });
    groupWithDatasets(emulator, 'Crowded');
    for (let i = 0; i < 101; i++) {
      emulator.call('CreateFilter', {
        name: `F${i}`, datasetGroupArn: emulator.arns.datasetGroup('Crowded'), filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("x")',
      });
    }
    emulator.settleAll();
    const { result, runner } = await runTeardown(emulator, { datasetGroupName: 'Crowded' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'TeardownListTruncated' });
    expect(result.cause).toMatch(/^listFilters answered with a nextToken: there are more than 100 filters to delete/);
    expect(deleteCalls(emulator)).toEqual([]);
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => e.detail.status)).toEqual(['TEARDOWN_STARTED', 'TEARDOWN_FAILED']);
  });
});

describe('a job list longer than one page', () => {
  test('is reported as partial; jobs cannot be deleted, so the tear-down goes on', async () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator, 'Busy');
    for (let i = 0; i < 101; i++) importInteractions(emulator, `Import${i}`, 'Busy');
    const { result } = await runTeardown(emulator, { datasetGroupName: 'Busy' });
    expect(result.status).toBe('SUCCEEDED');
    const { undeletable, deleted } = result.output as any;
    expect(undeletable).toMatchObject({ complete: false });
    expect(undeletable.datasetImportJobs).toHaveLength(100);
    expect(deleted.map((d: any) => d.kind)).toEqual(['DATASET', 'DATASET_GROUP', 'SCHEMA']);
  });
});
