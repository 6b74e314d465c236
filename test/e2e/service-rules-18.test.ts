import { PIPELINE_DETAIL_TYPE } from '../../src/steps/status-events';
import { ALL_OPTIONS, localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

/*
 * Issue 18, items 2, 3, 6 and 9, end to end: the synthesized pipeline against the emulator. A config the service
 * would refuse mid-run (CreateFilter, CreateBatchInferenceJob) or whose gate the service would bypass (a syncing
 * campaign) is refused before anything is created, with its field path; automatic training under the pipeline's
 * schedules is a warning the run carries in its STARTED event.
 */

type Runner = ReturnType<typeof localPipeline>;

async function refused(config: any, path: string, message: RegExp, runner: Runner = localPipeline()) {
  const result = await runner.run(config);
  expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
  const line = (result.cause ?? '').split('\n').find((l: string) => l.startsWith(`- ${path}: `));
  expect(line).toMatch(message);
  expect(runner.emulator.mutations()).toEqual([]);
  expect(runner.events.map((e) => e.detail.status)).toEqual(['INVALID_CONFIG']);
}

/** The retail sample: Items has PRODUCT_DESCRIPTION (textual); its first filter reads Interactions. */
function retailWithFilter(filterExpression: string): any {
  const config = sampleConfig('input_retail');
  config.filters[0].serviceConfig.filterExpression = filterExpression;
  return config;
}
const FILTER = 'filters[0].serviceConfig.filterExpression';

describe('item 2: filter expressions the service refuses are refused before any create', () => {
  test.each<[string, () => any, RegExp]>([
    ['Interactions and Items in one expression', () => retailWithFilter('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("purchase") AND Items.CATEGORY_L1 IN ("x")'),
      /reads the Interactions and Items datasets together/],
    ['interaction data filtered by other than EVENT_TYPE', () => retailWithFilter('EXCLUDE ItemID WHERE Interactions.EVENT_VALUE > 3'), /EVENT_TYPE only/],
    ['an unstructured textual field', () => retailWithFilter('EXCLUDE ItemID WHERE Items.PRODUCT_DESCRIPTION IN ("x")'), /unstructured textual field/],
    ['a boolean field', () => {
      const config = retailWithFilter('INCLUDE ItemID WHERE Items.IN_STOCK IN ("true")');
      config.datasetGroup.datasets[1].schema.serviceConfig.schema.fields.push({ name: 'IN_STOCK', type: ['null', 'boolean'] });
      return config;
    }, /a boolean field/],
    ['more than 10 distinct fields in a filter', () => retailWithFilter(`INCLUDE ItemID WHERE ${Array.from({ length: 11 }, (_, i) => `Items.F${i} IN ("x")`).join(' AND ')}`),
      /at most 10/],
  ])('%s', async (_label, config, message) => {
    await refused(config(), FILTER, message);
  });

  test('more than 20 distinct fields across the config\'s filters', async () => {
    const config = sampleConfig('input_retail');
    const filter = (from: number) => `INCLUDE ItemID WHERE ${Array.from({ length: 7 }, (_, i) => `Items.F${from + i} IN ("x")`).join(' AND ')}`;
    config.filters = [0, 7, 14].map((from, i) => ({ serviceConfig: { name: `Wide${i}`, filterExpression: filter(from) } }));
    await refused(config, 'filters', /21 distinct dataset fields together/);
  });

  test('the pre-flight counts the group\'s other filters too: nothing is created, the problem names the filters', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_retail');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const datasetGroupArn = runner.emulator.arns.datasetGroup(config.datasetGroup.serviceConfig.name);
    const fields = (from: number, count: number) => Array.from({ length: count }, (_, i) => `Items.F${from + i} IN ("x")`).join(' AND ');
    runner.emulator.call('CreateFilter', { name: 'TheirsA', datasetGroupArn, filterExpression: `INCLUDE ItemID WHERE ${fields(0, 10)}` });
    runner.emulator.call('CreateFilter', { name: 'TheirsB', datasetGroupArn, filterExpression: `INCLUDE ItemID WHERE ${fields(10, 9)}` });
    runner.emulator.settleAll();
    const before = runner.emulator.mutations().length;
    const eventsBefore = runner.events.length;
    config.filters.push({ serviceConfig: { name: 'Cheap', filterExpression: 'INCLUDE ItemID WHERE Items.CATEGORY_L1 IN ($CATEGORY)' } });

    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(result.cause).toMatch(/- filters: the filters read 2 distinct dataset fields, and with the filters dataset group \S+ already has \(TheirsA, TheirsB\) 21/);
    expect(runner.emulator.mutations().length).toBe(before);
    expect(runner.events.slice(eventsBefore).map((e) => e.detail.status)).toEqual(['PREFLIGHT_FAILED']);
  });
});

describe('item 3: batch inference jobs the service refuses are refused before any create', () => {
  test.each(['aws-trending-now', 'aws-next-best-action'])('a batch inference job on a solution of %s', async (recipe) => {
    const config = sampleConfig('input_retail');
    config.solutions[1].serviceConfig.recipeArn = `arn:aws:personalize:::recipe/${recipe}`;
    await refused(config, 'solutions[1].batchInferenceJobs[0]', /gives no batch recommendations/);
  });

  test('THEME_GENERATION on a solution that is not Similar-Items', async () => {
    const config = sampleConfig('input_retail');
    config.solutions[1].serviceConfig.recipeArn = 'arn:aws:personalize:::recipe/aws-sims';
    Object.assign(config.solutions[1].batchInferenceJobs[0].serviceConfig, {
      batchInferenceJobMode: 'THEME_GENERATION', themeGenerationConfig: { fieldsForThemeGeneration: { itemName: 'CATEGORY_L1' } },
    });
    await refused(config, 'solutions[1].batchInferenceJobs[0].serviceConfig.batchInferenceJobMode', /needs a solution of recipe aws-similar-items/);
  });

  test('THEME_GENERATION without themeGenerationConfig', async () => {
    const config = sampleConfig('input_retail');
    config.solutions[1].batchInferenceJobs[0].serviceConfig.batchInferenceJobMode = 'THEME_GENERATION';
    await refused(config, 'solutions[1].batchInferenceJobs[0].serviceConfig.themeGenerationConfig', /is required when batchInferenceJobMode is THEME_GENERATION/);
  });
});

describe('item 6: a metrics gate the service would bypass', () => {
  test('a syncing campaign on a gated solution is refused before any create, naming both fields', async () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].metricsGate = { metric: 'normalized_discounted_cumulative_gain_at_10' };
    config.solutions[0].campaigns[0].serviceConfig.campaignConfig.syncWithLatestSolutionVersion = true;
    await refused(config, 'solutions[0].campaigns[0].serviceConfig.campaignConfig.syncWithLatestSolutionVersion', /past the metrics gate of solutions\[0\]\.metricsGate/);
  });
});

describe('item 9: automatic training under the pipeline\'s schedules', () => {
  /** The retail sample with its user-personalization solution only. */
  function oneSolution(): any {
    const config = sampleConfig('input_retail');
    config.solutions = [config.solutions[0]];
    return config;
  }
  const startedWarnings = (runner: Runner) => runner.eventsOf(PIPELINE_DETAIL_TYPE).find((e) => e.detail.status === 'STARTED')!.detail.configWarnings;

  test('a deployment with a schedule runs the config and warns in its STARTED event; Personalize would train the solution again', async () => {
    const config = oneSolution();
    const runner = localPipeline({ ...ALL_OPTIONS, schedules: [{ name: 'weekly-retrain', expression: 'cron(0 3 ? * SUN *)', inlineConfig: JSON.stringify(config) }] });
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(startedWarnings(runner)).toEqual([
      { path: 'solutions[0].serviceConfig.performAutoTraining', message: expect.stringMatching(/trains it twice, billed twice/) },
    ]);
    // What the warning is about: once new interactions arrive, the service's own schedule trains the solution as well.
    const solutionArn = runner.emulator.arns.solution(config.solutions[0].serviceConfig.name);
    runner.emulator.call('CreateDatasetImportJob', {
      jobName: 'MoreClicks',
      importMode: 'INCREMENTAL',
      dataSource: { dataLocation: 's3://bucket/more.csv' },
      datasetArn: runner.emulator.arns.dataset(config.datasetGroup.serviceConfig.name, 'INTERACTIONS'),
    });
    runner.emulator.settleAll();
    expect(runner.emulator.startAutomaticTraining(solutionArn)).toMatch(/solution\//);
  });

  test('performAutoTraining false, or a deployment without schedules: no warning', async () => {
    const config = oneSolution();
    config.solutions[0].serviceConfig.performAutoTraining = false;
    const scheduled = localPipeline({ ...ALL_OPTIONS, schedules: [{ name: 'weekly-retrain', expression: 'cron(0 3 ? * SUN *)', inlineConfig: JSON.stringify(config) }] });
    expect((await scheduled.run(config)).status).toBe('SUCCEEDED');
    expect(startedWarnings(scheduled)).toEqual([]);
    const unscheduled = localPipeline();
    expect((await unscheduled.run(oneSolution())).status).toBe('SUCCEEDED');
    expect(startedWarnings(unscheduled)).toEqual([]);
  });
});
