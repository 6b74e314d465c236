import { Duration } from 'aws-cdk-lib';
import { runTeardown } from './teardown-fixture';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { groupWithDatasets } from '../emulator/fixtures';

/** A group with its interactions dataset and one filter, ACTIVE. */
function groupWithFilter(): PersonalizeEmulator {
  const emulator = new PersonalizeEmulator();
  groupWithDatasets(emulator, 'Small');
  emulator.call('CreateFilter', { name: 'SmallFilter', datasetGroupArn: emulator.arns.datasetGroup('Small'), filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("x")' });
  emulator.settleAll();
  return emulator;
}

const attempts = (emulator: PersonalizeEmulator, operation: string) => emulator.calls.filter((c) => c.operation === operation).map((c) => c.error ?? 'ok');

describe('the deletion loop', () => {
  test('asks again at the next poll when the service answers ResourceInUseException', async () => {
    const emulator = groupWithFilter();
    emulator.faults.error({ operation: 'DeleteFilter', errorName: 'ResourceInUseException', times: 2 });
    const { result } = await runTeardown(emulator, { datasetGroupName: 'Small' });
    expect(result.status).toBe('SUCCEEDED');
    expect(attempts(emulator, 'DeleteFilter')).toEqual(['ResourceInUseException', 'ResourceInUseException', 'ok']);
    expect((result.output as any).deleted.map((d: any) => d.kind)).toEqual(['FILTER', 'DATASET', 'DATASET_GROUP', 'SCHEMA']);
  });

  test('waits out a deletion already under way (DELETE PENDING) without asking again', async () => {
    const emulator = groupWithFilter();
    emulator.call('DeleteFilter', { filterArn: emulator.arns.filter('SmallFilter') });
    const { result } = await runTeardown(emulator, { datasetGroupName: 'Small' });
    expect(result.status).toBe('SUCCEEDED');
    expect(attempts(emulator, 'DeleteFilter')).toEqual(['ok']);
    const statuses = emulator.calls.filter((c) => c.operation === 'DescribeFilter').map((c) => c.error ?? 'found');
    expect(statuses).toEqual(['found', 'found', 'ResourceNotFoundException']);
    expect((result.output as any).deleted.map((d: any) => d.kind)).toEqual(['FILTER', 'DATASET', 'DATASET_GROUP', 'SCHEMA']);
  });

  test('ends at its poll limit with the last refusal, a TIMED_OUT event, and nothing after the step', async () => {
    const emulator = groupWithFilter();
    emulator.faults.error({ operation: 'DeleteFilter', errorName: 'ResourceInUseException', message: 'Filter is busy' });
    const polling = { filter: { initialInterval: Duration.seconds(10), maxInterval: Duration.seconds(10), timeout: Duration.seconds(30) } };
    const { result, runner } = await runTeardown(emulator, { datasetGroupName: 'Small' }, polling);
    expect(result).toMatchObject({ status: 'FAILED', error: 'FilterDeleteTimeout' });
    expect(result.cause).toMatch(/^Filter SmallFilter \(arn:aws:personalize:us-east-1:123456789012:filter\/SmallFilter\) is not gone after 3 polls over 30 seconds \(last refusal: Filter is busy.*\); raise polling.filter.timeout/);
    expect(attempts(emulator, 'DeleteFilter')).toEqual(['ResourceInUseException', 'ResourceInUseException', 'ResourceInUseException']);
    expect(runner.eventsOf(RESOURCE_DETAIL_TYPE).map((e) => [e.detail.kind, e.detail.status])).toEqual([['FILTER', 'TIMED_OUT']]);
    expect(attempts(emulator, 'DeleteDataset')).toEqual([]);
  });
});
