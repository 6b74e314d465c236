import { copyOf, MEDIA, planOf, PlannerFixture } from './planner-fixture';
import { seedPlan } from './seed-account';

/*
 * The dataset group's 20 filter fields (filter expressions, "Guidelines and requirements"), counted by the pre-flight
 * check with the filters the group already has and the config does not name.
 */

const fields = (from: number, count: number) => `INCLUDE ItemID WHERE ${Array.from({ length: count }, (_, i) => `Items.F${from + i} IN ("x")`).join(' AND ')}`;

describe('the filter field budget of a dataset group', () => {
  let fixture: PlannerFixture;
  beforeEach(async () => { fixture = await new PlannerFixture().start(); });
  afterEach(() => fixture.stop());

  test('the group\'s other filters count: 3 fields of the config and 18 of theirs are refused, at `filters`', async () => {
    seedPlan(fixture.emulator, planOf(MEDIA));
    const datasetGroupArn = fixture.emulator.arns.datasetGroup(MEDIA.datasetGroup.serviceConfig.name);
    fixture.emulator.call('CreateFilter', { name: 'TheirsA', datasetGroupArn, filterExpression: fields(0, 10) });
    fixture.emulator.call('CreateFilter', { name: 'TheirsB', datasetGroupArn, filterExpression: fields(10, 8) });
    const config = copyOf(MEDIA);
    config.filters.push({ serviceConfig: { name: 'FilmNightRecent', filterExpression: 'INCLUDE ItemID WHERE Items.YEAR > 2000' } });
    const result = await fixture.preflight(planOf(config));
    expect(result.problems).toEqual([{
      path: 'filters',
      message: expect.stringMatching(/^the filters read 3 distinct dataset fields, and with the filters dataset group FilmNightDatasetGroup already has \(TheirsA, TheirsB\) 21; .* at most 20/),
    }]);
  });

  test('a filter the config names is counted once, with the config\'s expression; a group that does not exist has none', async () => {
    expect((await fixture.preflight(planOf(copyOf(MEDIA)))).ok).toBe(true);
    seedPlan(fixture.emulator, planOf(MEDIA));
    const datasetGroupArn = fixture.emulator.arns.datasetGroup(MEDIA.datasetGroup.serviceConfig.name);
    fixture.emulator.call('CreateFilter', { name: 'TheirsA', datasetGroupArn, filterExpression: fields(0, 10) });
    fixture.emulator.call('CreateFilter', { name: 'TheirsB', datasetGroupArn, filterExpression: fields(10, 8) });
    expect((await fixture.preflight(planOf(copyOf(MEDIA)))).ok).toBe(true);
  });
});
