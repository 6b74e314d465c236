import { describe as describeOf, errorOf, groupWithDatasets } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

describe('event trackers', () => {
  function twoGroups(options = {}): PersonalizeEmulator {
    const emulator = new PersonalizeEmulator(options);
    groupWithDatasets(emulator, 'A');
    groupWithDatasets(emulator, 'B');
    return emulator;
  }

  test('ARNs hold an 8-hex id, not the name, and repeat from run to run', () => {
    const first = twoGroups().call('CreateEventTracker', { name: 'Clicks', datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/A' }) as any;
    const again = twoGroups().call('CreateEventTracker', { name: 'Clicks', datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/A' }) as any;
    expect(first.eventTrackerArn).toMatch(/^arn:aws:personalize:us-east-1:123456789012:event-tracker\/[0-9a-f]{8}$/);
    expect(first.eventTrackerArn).not.toContain('Clicks');
    expect(again).toEqual(first);
    expect(first.trackingId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('ListEventTrackers filters by dataset group; describe names the group', () => {
    const emulator = twoGroups();
    const a = (emulator.call('CreateEventTracker', { name: 'TA', datasetGroupArn: emulator.arns.datasetGroup('A') }) as any).eventTrackerArn;
    const b = (emulator.call('CreateEventTracker', { name: 'TB', datasetGroupArn: emulator.arns.datasetGroup('B') }) as any).eventTrackerArn;
    expect(a).not.toBe(b);
    const list = (group: string) => (emulator.call('ListEventTrackers', { datasetGroupArn: emulator.arns.datasetGroup(group) }) as any).eventTrackers.map((t: any) => t.eventTrackerArn);
    expect(list('A')).toEqual([a]);
    expect(list('B')).toEqual([b]);
    expect(describeOf(emulator, 'DescribeEventTracker', { eventTrackerArn: b })).toMatchObject({ datasetGroupArn: emulator.arns.datasetGroup('B'), name: 'TB', accountId: '123456789012' });
  });

  test('a second tracker in a dataset group is refused: LimitExceededException by default (strict), configurable', () => {
    for (const [options, expected] of [[{}, 'LimitExceededException'], [{ secondEventTrackerError: 'ResourceAlreadyExistsException' }, 'ResourceAlreadyExistsException']] as const) {
      const emulator = twoGroups(options);
      emulator.call('CreateEventTracker', { name: 'T1', datasetGroupArn: emulator.arns.datasetGroup('A') });
      expect(errorOf(() => emulator.call('CreateEventTracker', { name: 'T2', datasetGroupArn: emulator.arns.datasetGroup('A') }))).toBe(expected);
    }
  });

  test('tracker names are unique in the account, across dataset groups (strict)', () => {
    const emulator = twoGroups();
    emulator.call('CreateEventTracker', { name: 'Same', datasetGroupArn: emulator.arns.datasetGroup('A') });
    expect(errorOf(() => emulator.call('CreateEventTracker', { name: 'Same', datasetGroupArn: emulator.arns.datasetGroup('B') }))).toBe('ResourceAlreadyExistsException');
  });

  test('after its tracker is deleted, a group can have a new one', () => {
    const emulator = twoGroups();
    const { eventTrackerArn } = emulator.call('CreateEventTracker', { name: 'T1', datasetGroupArn: emulator.arns.datasetGroup('A') }) as any;
    emulator.settleAll();
    emulator.call('DeleteEventTracker', { eventTrackerArn });
    expect(describeOf(emulator, 'DescribeEventTracker', { eventTrackerArn }).status).toBe('DELETE PENDING');
    emulator.settleAll();
    expect(errorOf(() => emulator.call('DescribeEventTracker', { eventTrackerArn }))).toBe('ResourceNotFoundException');
    expect(errorOf(() => emulator.call('CreateEventTracker', { name: 'T2', datasetGroupArn: emulator.arns.datasetGroup('A') }))).toBe('none');
  });
});
