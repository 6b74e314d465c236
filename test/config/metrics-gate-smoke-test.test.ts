import { DEFAULT_SMOKE_TEST_RESULTS } from '../../lambda/shared/config/execution-plan';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';
import { sampleConfig } from '../helpers/pipeline-fixture';

/** The config contract of the metrics gate (solutions[].metricsGate) and the smoke test (campaigns[] and recommenders[] smokeTest). */
const METRIC = 'normalized_discounted_cumulative_gain_at_10';
const issuesOf = (config: any) => validatePipelineConfig(config).issues;
/** The media sample without its preprocessing (it names no Glue job: it is written for a pipeline with the bundled one). */
const media = () => {
  const config = sampleConfig('input_media');
  delete config.preprocessing;
  return config;
};

describe('metricsGate', () => {
  test('a gate on a metric, with a floor, is valid and reaches the plan as given', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].metricsGate = { metric: METRIC, floor: 0.2 };
    const verdict = validatePipelineConfig(config);
    expect(verdict.valid).toBe(true);
    expect(verdict.plan!.solutions[0].metricsGate).toEqual({ metric: METRIC, floor: 0.2 });
    expect(verdict.plan!.solutions[1]).not.toHaveProperty('metricsGate');
  });

  test('a metric GetSolutionMetrics does not report is rejected', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].metricsGate = { metric: 'ndcg' };
    expect(issuesOf(config)).toEqual([expect.objectContaining({ path: 'solutions[0].metricsGate.metric' })]);
  });

  test('a floor outside 0..1 is rejected', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].metricsGate = { metric: METRIC, floor: 1.5 };
    expect(issuesOf(config)).toEqual([expect.objectContaining({ path: 'solutions[0].metricsGate.floor' })]);
  });

  test('a margin is valid and reaches the plan as given (the pre-flight check subtracts it)', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].metricsGate = { metric: METRIC, margin: 0.01 };
    expect(validatePipelineConfig(config).plan!.solutions[0].metricsGate).toEqual({ metric: METRIC, margin: 0.01 });
  });

  test('a negative margin is rejected', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].metricsGate = { metric: METRIC, margin: -0.01 };
    expect(issuesOf(config)).toEqual([expect.objectContaining({ path: 'solutions[0].metricsGate.margin' })]);
  });

  test('an unknown field is rejected as a typo', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].metricsGate = { metric: METRIC, threshold: 0.01 };
    expect(issuesOf(config).map((i) => i.path)).toEqual(['solutions[0].metricsGate.threshold']);
  });
});

describe('smokeTest', () => {
  test('numResults defaults to 10 in the plan, for campaigns and recommenders', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].campaigns[0].smokeTest = { userId: 'u1' };
    config.recommenders[1].smokeTest = { userId: 'u1', numResults: 3 };
    const plan = validatePipelineConfig(config).plan!;
    expect(DEFAULT_SMOKE_TEST_RESULTS).toBe(10);
    expect(plan.solutions[0].campaigns[0].smokeTest).toEqual({ userId: 'u1', numResults: 10 });
    expect(plan.recommenders[1].smokeTest).toEqual({ userId: 'u1', numResults: 3 });
    expect(plan.recommenders[0]).not.toHaveProperty('smokeTest');
  });

  test('a smoke test with neither userId nor itemId is rejected (campaign; a recommender by the ids its use case requires)', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].campaigns[0].smokeTest = { numResults: 5 };
    config.recommenders[0].smokeTest = {};
    expect(issuesOf(config)).toEqual([
      expect.objectContaining({ path: 'solutions[0].campaigns[0].smokeTest', message: expect.stringMatching(/needs userId, itemId or both/) }),
      expect.objectContaining({ path: 'recommenders[0].smokeTest.userId', message: expect.stringMatching(/use case Recommended for you .* needs userId/) }),
    ]);
  });

  test('a USER_PERSONALIZATION campaign needs userId', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].campaigns[0].smokeTest = { itemId: 'i1' };
    expect(issuesOf(config)).toEqual([expect.objectContaining({ path: 'solutions[0].campaigns[0].smokeTest.userId', message: expect.stringMatching(/USER_PERSONALIZATION/) })]);
  });

  test('a PERSONALIZED_RANKING campaign cannot be smoke tested with GetRecommendations', () => {
    const config = media();
    config.solutions[0].campaigns[0].smokeTest = { userId: 'u1' };
    expect(issuesOf(config)).toEqual([expect.objectContaining({ path: 'solutions[0].campaigns[0].smokeTest', message: expect.stringMatching(/GetPersonalizedRanking/) })]);
  });

  test('a campaign whose createCampaign is false is not checked', () => {
    const config = media();
    config.solutions[0].campaigns[0].createCampaign = false;
    config.solutions[0].campaigns[0].smokeTest = {};
    expect(issuesOf(config)).toEqual([]);
  });

  test('numResults above 500 and an empty userId are rejected by the schema', () => {
    const config = sampleConfig('input_retail');
    config.recommenders[0].smokeTest = { userId: '', numResults: 501 };
    expect(issuesOf(config).map((i) => i.path).sort()).toEqual(['recommenders[0].smokeTest.numResults', 'recommenders[0].smokeTest.userId']);
  });
});
