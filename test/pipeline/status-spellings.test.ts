import { RESOURCE_KINDS } from '../../src/kinds/resource-kind';
import { allSpellings, isStatusIn } from '../../src/kinds/status-spellings';
import { DELETABLE_KINDS, STOPPABLE_TRAINING } from '../../src/teardown/teardown-kinds';

describe('status spellings (the SDK model writes CREATE STOPPED, the Stop API page CREATE_STOPPED)', () => {
  test('every status is matched as written, with underscores and with spaces', () => {
    expect(allSpellings(['CREATE STOPPED', 'CREATE IN_PROGRESS', 'IN PROGRESS', 'ACTIVE'])).toEqual([
      'CREATE STOPPED', 'CREATE_STOPPED', 'CREATE IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE IN PROGRESS', 'IN PROGRESS', 'IN_PROGRESS', 'ACTIVE',
    ]);
    expect(isStatusIn('CREATE_FAILED', ['CREATE FAILED'])).toBe(true);
    expect(isStatusIn('CREATE FAILED', ['CREATE_FAILED'])).toBe(true);
    expect(isStatusIn(undefined, ['CREATE FAILED'])).toBe(false);
  });

  test('the kind tables hold both spellings of every status with a separator', () => {
    const lists = [
      ...Object.values(RESOURCE_KINDS).flatMap((kind) => [kind.readyStatuses, kind.failedStatuses]),
      ...Object.values(DELETABLE_KINDS).map((kind) => kind.deletableStatuses),
      RESOURCE_KINDS.trainingToStop.readyStatuses, STOPPABLE_TRAINING,
    ];
    for (const list of lists) {
      for (const status of list.filter((s) => / /.test(s))) expect(list).toContain(status.replace(/ /g, '_'));
    }
    expect(RESOURCE_KINDS.solutionVersion.failedStatuses).toEqual(expect.arrayContaining(['CREATE STOPPED', 'CREATE_STOPPED']));
  });
});
