import { PersonalizeRuntimeEmulator } from '../../simulator/emulator/runtime';
import { RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

/**
 * A recommender's smoke test asks for what its use case needs (the use case pages' GetRecommendations requirements),
 * and a metrics gate compares a metric its solution's recipe reports (developer guide, "Evaluating a solution
 * version with metrics"); both are checked before anything is created, and the emulator holds the service to them.
 */
type Runner = ReturnType<typeof localPipeline>;
const recipe = (name: string) => `arn:aws:personalize:::recipe/${name}`;
const resourceEvents = (runner: Runner, status: string) =>
  runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.status === status).map((e) => e.detail);

/** A sample with its recommenders only, the first serving `useCase` with `smokeTest`. */
function recommenderConfig(sample: 'input_media' | 'input_retail', useCase: string, smokeTest: Record<string, unknown>): any {
  const config = sampleConfig(sample);
  config.solutions = [];
  config.filters = [];
  delete config.eventTracker;
  const [first] = config.recommenders;
  config.recommenders = [{ ...first, serviceConfig: { ...first.serviceConfig, recipeArn: recipe(useCase) }, smokeTest }];
  return config;
}

/** The retail sample with one solution (its campaigns, if any, and batch segment jobs), gated on `metric`. */
function gatedSolution(index: number, metric: string, recipeName?: string): any {
  const config = sampleConfig('input_retail');
  const solution = config.solutions[index];
  if (recipeName) solution.serviceConfig.recipeArn = recipe(recipeName);
  config.solutions = [{ ...solution, metricsGate: { metric } }];
  config.filters = [];
  config.recommenders = [];
  delete config.eventTracker;
  return config;
}

describe('recommender smoke tests per use case', () => {
  test('Customers who viewed X also viewed, asked for a user and an item, passes', async () => {
    const runner = localPipeline();
    const result = await runner.run(recommenderConfig('input_retail', 'aws-ecomm-customers-who-viewed-x-also-viewed', { userId: 'user-42', itemId: 'item-7' }));
    expect(result.status).toBe('SUCCEEDED');
    const recommenderArn = runner.emulator.arns.recommender('CornerShopRecommendedForYou');
    expect(runner.runtime.calls.map((c) => c.request)).toEqual([{ recommenderArn, userId: 'user-42', itemId: 'item-7', numResults: 10 }]);
    expect(resourceEvents(runner, 'SMOKE_TEST_PASSED')).toEqual([expect.objectContaining({
      itemIds: PersonalizeRuntimeEmulator.itemIdsFor(recommenderArn, { userId: 'user-42', itemId: 'item-7', numResults: 10 }),
    })]);
  });

  test('Because you watched X asked for an item only is refused before anything is created', async () => {
    const runner = localPipeline();
    const result = await runner.run(recommenderConfig('input_media', 'aws-vod-because-you-watched-x', { itemId: '1197' }));
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toContain('- recommenders[0].smokeTest.userId: is required: GetRecommendations on the use case Because you watched X');
    expect(runner.emulator.mutations()).toEqual([]);
    expect(runner.runtime.calls).toEqual([]);
  });

  test('Best sellers given an item it does not use passes: the item is left out of the request', async () => {
    const runner = localPipeline();
    const result = await runner.run(recommenderConfig('input_retail', 'aws-ecomm-popular-items-by-purchases', { userId: 'user-42', itemId: 'item-7', numResults: 3 }));
    expect(result.status).toBe('SUCCEEDED');
    const recommenderArn = runner.emulator.arns.recommender('CornerShopRecommendedForYou');
    expect(runner.runtime.calls.map((c) => c.request)).toEqual([{ recommenderArn, userId: 'user-42', numResults: 3 }]);
    expect(resourceEvents(runner, 'SMOKE_TEST_PASSED')).toEqual([expect.objectContaining({ smokeTest: { userId: 'user-42', numResults: 3 } })]);
  });

  test('Trending now, which needs neither id, is asked for nobody and passes', async () => {
    const runner = localPipeline();
    const config = recommenderConfig('input_media', 'aws-vod-trending-now', { numResults: 4 });
    const result = await runner.run(config);
    expect(result.status).toBe('SUCCEEDED');
    const recommenderArn = runner.emulator.arns.recommender(config.recommenders[0].serviceConfig.name);
    expect(runner.runtime.calls.map((c) => c.request)).toEqual([{ recommenderArn, numResults: 4 }]);
  });
});

describe('metrics gate per recipe', () => {
  test('a gate on a segmentation solution\'s hit is valid; its versions report coverage, hit and recall', async () => {
    const runner = localPipeline();
    const result = await runner.run(gatedSolution(2, 'hit'));
    expect(result.status).toBe('SUCCEEDED');
    const [ready] = runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.kind === 'SOLUTION_VERSION' && e.detail.status === 'ACTIVE').map((e) => e.detail);
    expect(Object.keys(ready.metrics).sort()).toEqual(['coverage', 'hit', 'recall']);
  });

  test('a gate on Trending-Now\'s trend prediction accuracy moves its campaign when the new version is as good', async () => {
    const runner = localPipeline();
    const config = gatedSolution(0, 'trend_prediction_accuracy', 'aws-trending-now');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const campaignArn = runner.emulator.arns.campaign('CornerShopForYouCampaign');
    const served = () => (runner.emulator.call('DescribeCampaign', { campaignArn }) as any).campaign.solutionVersionArn;
    const first = served();
    runner.emulator.setSolutionMetrics(first, { trend_prediction_accuracy: 0.01 });
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(served()).not.toBe(first);
    expect(resourceEvents(runner, 'METRICS_GATE')).toEqual([expect.objectContaining({
      verdict: 'PASSED',
      rule: { metric: 'trend_prediction_accuracy' },
      currentMetrics: { trend_prediction_accuracy: 0.01 },
      metrics: { trend_prediction_accuracy: expect.any(Number) },
    })]);
  });

  test('a gate on a metric the recipe does not report is refused before anything is created', async () => {
    const runner = localPipeline();
    const result = await runner.run(gatedSolution(2, 'normalized_discounted_cumulative_gain_at_10'));
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toContain('- solutions[0].metricsGate.metric: must be a metric that solution versions of recipe "arn:aws:personalize:::recipe/aws-item-affinity" report (coverage, hit, recall)');
    expect(runner.emulator.mutations()).toEqual([]);
  });
});
