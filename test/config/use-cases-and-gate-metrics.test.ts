import { metricsReportedBy } from '../../lambda/shared/config/recipe-metrics';
import { USE_CASE_REQUESTS } from '../../lambda/shared/config/use-case-requests';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';
import * as SCHEMA from '../../schema/pipeline-config.schema.json';
import { metricsOfRecipe, RECIPES } from '../../simulator/emulator/recipes';
import { GATE_METRICS } from '../../src/model-checks/metrics-gate';
import { sampleConfig } from '../helpers/pipeline-fixture';

/**
 * What a recommender's smoke test must give (its use case's GetRecommendations requirements) and which metric a gate
 * may compare (what its solution's recipe reports).
 */
const issuesOf = (config: any) => validatePipelineConfig(config).issues;
const recipe = (name: string) => `arn:aws:personalize:::recipe/${name}`;
/** The media sample (VIDEO_ON_DEMAND) without its preprocessing (written for a pipeline with the bundled Glue job). */
function media(): any {
  const config = sampleConfig('input_media');
  delete config.preprocessing;
  return config;
}
/** The media sample whose first recommender serves `useCase` with `smokeTest`. */
function mediaRecommender(useCase: string, smokeTest: Record<string, unknown>): any {
  const config = media();
  config.recommenders[0].serviceConfig.recipeArn = recipe(useCase);
  config.recommenders[0].smokeTest = smokeTest;
  return config;
}

describe('a recommender smoke test gives the ids its use case requires', () => {
  test('Because you watched X needs the user too: a test for the item only is refused at smokeTest.userId', () => {
    expect(issuesOf(mediaRecommender('aws-vod-because-you-watched-x', { itemId: '1197' }))).toEqual([{
      path: 'recommenders[0].smokeTest.userId',
      message: 'is required: GetRecommendations on the use case Because you watched X ("arn:aws:personalize:::recipe/aws-vod-because-you-watched-x") needs userId and itemId',
    }]);
  });

  test('every missing id is named by its own field path', () => {
    expect(issuesOf(mediaRecommender('aws-vod-more-like-x', { numResults: 3 })).map((i) => i.path))
      .toEqual(['recommenders[0].smokeTest.userId', 'recommenders[0].smokeTest.itemId']);
  });

  test('Most popular needs a user; an item it does not use is left out of the plan\'s request', () => {
    expect(issuesOf(mediaRecommender('aws-vod-most-popular', { itemId: '1197' })).map((i) => i.path)).toEqual(['recommenders[0].smokeTest.userId']);
    const verdict = validatePipelineConfig(mediaRecommender('aws-vod-most-popular', { userId: '42', itemId: '1197' }));
    expect(verdict.issues).toEqual([]);
    expect(verdict.plan!.recommenders[0].smokeTest).toEqual({ userId: '42', numResults: 10 });
  });

  test('Trending now needs neither id: a test without one is valid and asks for nobody', () => {
    const verdict = validatePipelineConfig(mediaRecommender('aws-vod-trending-now', { numResults: 5 }));
    expect(verdict.issues).toEqual([]);
    expect(verdict.plan!.recommenders[0].smokeTest).toEqual({ numResults: 5 });
  });

  test('Frequently bought together needs the item; the user is optional and kept', () => {
    const config = sampleConfig('input_retail');
    config.recommenders[1].serviceConfig.recipeArn = recipe('aws-ecomm-frequently-bought-together');
    config.recommenders[1].smokeTest = { userId: 'u1' };
    expect(issuesOf(config).map((i) => i.path)).toEqual(['recommenders[1].smokeTest.itemId']);
    config.recommenders[1].smokeTest = { userId: 'u1', itemId: 'i1' };
    expect(validatePipelineConfig(config).plan!.recommenders[1].smokeTest).toEqual({ userId: 'u1', itemId: 'i1', numResults: 10 });
  });

  test('a recommender whose createRecommender is false is not checked', () => {
    const config = mediaRecommender('aws-vod-because-you-watched-x', {});
    config.recommenders[0].createRecommender = false;
    expect(issuesOf(config)).toEqual([]);
  });

  test('the validator\'s table is the emulator\'s: every use case, the same requirements', () => {
    const emulated = Object.fromEntries(Object.entries(RECIPES).filter(([, info]) => info.domain).map(([name, info]) => [name, info.request]));
    const validated = Object.fromEntries(Object.entries(USE_CASE_REQUESTS).map(([name, u]) => [name, { userId: u.userId, itemId: u.itemId }]));
    expect(validated).toEqual(emulated);
  });
});

describe('a metrics gate compares a metric its solution\'s recipe reports', () => {
  test('a segmentation solution reports hit and recall, not the ranking metrics', () => {
    const config = sampleConfig('input_retail');
    config.solutions[2].metricsGate = { metric: 'hit' };
    expect(issuesOf(config)).toEqual([]);
    config.solutions[2].metricsGate = { metric: 'normalized_discounted_cumulative_gain_at_10' };
    expect(issuesOf(config)).toEqual([{
      path: 'solutions[2].metricsGate.metric',
      message: 'must be a metric that solution versions of recipe "arn:aws:personalize:::recipe/aws-item-affinity" report (coverage, hit, recall), '
        + 'got: "normalized_discounted_cumulative_gain_at_10"; a gate on a metric the versions lack would reject every version',
    }]);
  });

  test('Trending-Now reports its own figure only', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].serviceConfig.recipeArn = recipe('aws-trending-now');
    config.solutions[0].metricsGate = { metric: 'trend_prediction_accuracy' };
    expect(issuesOf(config)).toEqual([]);
    config.solutions[0].metricsGate = { metric: 'coverage' };
    expect(issuesOf(config)).toEqual([expect.objectContaining({ path: 'solutions[0].metricsGate.metric', message: expect.stringContaining('report (trend_prediction_accuracy)') })]);
  });

  test('the ranking metrics of an item recipe are not a segmentation recipe\'s: hit on User-Personalization is refused', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].metricsGate = { metric: 'hit' };
    expect(issuesOf(config).map((i) => i.path)).toEqual(['solutions[0].metricsGate.metric']);
  });

  test('average_rewards_at_k needs an optimization objective', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].metricsGate = { metric: 'average_rewards_at_k' };
    expect(issuesOf(config).map((i) => i.path)).toEqual(['solutions[0].metricsGate.metric']);
    config.solutions[0].serviceConfig.solutionConfig = { optimizationObjective: { itemAttribute: 'PRICE', objectiveSensitivity: 'MEDIUM' } };
    expect(issuesOf(config)).toEqual([]);
  });

  test('an AutoML solution (no recipe) is judged as a USER_PERSONALIZATION one', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].serviceConfig = { name: config.solutions[0].serviceConfig.name, performAutoML: true };
    config.solutions[0].metricsGate = { metric: 'precision_at_10' };
    expect(issuesOf(config)).toEqual([]);
    config.solutions[0].metricsGate = { metric: 'recall' };
    expect(issuesOf(config)).toEqual([expect.objectContaining({ path: 'solutions[0].metricsGate.metric', message: expect.stringContaining('AutoML') })]);
  });

  test('the validator, the emulator and the gate agree on every custom recipe\'s metrics', () => {
    const custom = Object.entries(RECIPES).filter(([, info]) => !info.domain).map(([name]) => recipe(name));
    for (const arn of custom) {
      for (const solutionConfig of [{}, { optimizationObjective: {}, eventsConfig: {} }]) {
        expect([arn, metricsReportedBy({ name: 'S', recipeArn: arn, solutionConfig })]).toEqual([arn, metricsOfRecipe(arn, solutionConfig)]);
      }
      expect(metricsOfRecipe(arn, { optimizationObjective: {}, eventsConfig: {} }).filter((m) => !GATE_METRICS.includes(m))).toEqual([]);
    }
  });

  test('the gate can read every metric the config accepts (the schema\'s SolutionMetricName)', () => {
    expect([...GATE_METRICS].sort()).toEqual([...SCHEMA.definitions.SolutionMetricName.enum].sort());
  });
});
