import { groupWithDatasets, importInteractions, solution, trainedVersion } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PersonalizeRuntimeEmulator } from '../../simulator/emulator/runtime';

/**
 * GetRecommendations on a recommender follows its use case (VIDEO_ON_DEMAND-use-cases and ECOMMERCE-use-cases pages,
 * "GetRecommendations requirements"); GetSolutionMetrics reports the metrics of the version's recipe
 * (working-with-training-metrics page, "Metric definitions").
 */
const recipe = (name: string) => `arn:aws:personalize:::recipe/${name}`;

describe('GetRecommendations on a recommender asks for what its use case needs', () => {
  const emulator = new PersonalizeEmulator();
  const runtime = new PersonalizeRuntimeEmulator(emulator);
  const recommenderOf = (domain: string, useCase: string): string => {
    const group = `G-${useCase}`;
    emulator.call('CreateDatasetGroup', { name: group, domain });
    emulator.settleAll();
    const { recommenderArn } = emulator.call('CreateRecommender', { name: useCase, datasetGroupArn: emulator.arns.datasetGroup(group), recipeArn: recipe(useCase) }) as any;
    emulator.settleAll();
    return recommenderArn;
  };
  const answer = (request: Record<string, unknown>) => {
    try {
      return (runtime.call('GetRecommendations', request) as any).itemList.length;
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };

  test('Because you watched X needs userId and itemId', () => {
    const arn = recommenderOf('VIDEO_ON_DEMAND', 'aws-vod-because-you-watched-x');
    expect(answer({ recommenderArn: arn, itemId: 'i' })).toBe(`InvalidInputException: userId is required for ${arn} (use case aws-vod-because-you-watched-x).`);
    expect(answer({ recommenderArn: arn, userId: 'u' })).toMatch(/^InvalidInputException: itemId is required/);
    expect(answer({ recommenderArn: arn, userId: 'u', itemId: 'i', numResults: 3 })).toBe(3);
  });

  test('Most popular needs userId and refuses an itemId it does not use (strict)', () => {
    const arn = recommenderOf('VIDEO_ON_DEMAND', 'aws-vod-most-popular');
    expect(answer({ recommenderArn: arn })).toMatch(/^InvalidInputException: userId is required/);
    expect(answer({ recommenderArn: arn, userId: 'u', itemId: 'i' })).toBe(`InvalidInputException: itemId is not used by ${arn} (use case aws-vod-most-popular).`);
    expect(answer({ recommenderArn: arn, userId: 'u', numResults: 2 })).toBe(2);
  });

  test('Trending now needs neither id; a user is optional', () => {
    const arn = recommenderOf('VIDEO_ON_DEMAND', 'aws-vod-trending-now');
    expect(answer({ recommenderArn: arn, numResults: 2 })).toBe(2);
    expect(answer({ recommenderArn: arn, userId: 'u', numResults: 2 })).toBe(2);
  });

  test('Frequently bought together needs itemId; a user is optional', () => {
    const arn = recommenderOf('ECOMMERCE', 'aws-ecomm-frequently-bought-together');
    expect(answer({ recommenderArn: arn, userId: 'u' })).toMatch(/^InvalidInputException: itemId is required/);
    expect(answer({ recommenderArn: arn, itemId: 'i', numResults: 2 })).toBe(2);
    expect(answer({ recommenderArn: arn, userId: 'u', itemId: 'i', numResults: 2 })).toBe(2);
  });
});

describe('GetSolutionMetrics reports the metrics of the version\'s recipe', () => {
  const emulator = new PersonalizeEmulator();
  groupWithDatasets(emulator, 'G', { items: true });
  importInteractions(emulator, 'first');
  const metricsOf = (name: string, extra: Record<string, unknown> = {}): string[] => {
    const version = trainedVersion(emulator, solution(emulator, name, 'G', extra));
    return Object.keys((emulator.call('GetSolutionMetrics', { solutionVersionArn: version }) as any).metrics);
  };
  const RANKING = [
    'coverage', 'mean_reciprocal_rank_at_25',
    'normalized_discounted_cumulative_gain_at_5', 'normalized_discounted_cumulative_gain_at_10', 'normalized_discounted_cumulative_gain_at_25',
    'precision_at_5', 'precision_at_10', 'precision_at_25',
  ];

  test('item recipes: the eight ranking metrics', () => {
    expect(metricsOf('UserPersonalization')).toEqual(RANKING);
    expect(metricsOf('Sims', { recipeArn: recipe('aws-sims') })).toEqual(RANKING);
  });

  test('an optimization objective adds average_rewards_at_k', () => {
    expect(metricsOf('Objective', { solutionConfig: { optimizationObjective: { itemAttribute: 'GENRES', objectiveSensitivity: 'LOW' } } }))
      .toEqual([...RANKING, 'average_rewards_at_k']);
  });

  test('USER_SEGMENTATION: coverage, hit and recall; Trending-Now: its trend prediction accuracy only', () => {
    expect(metricsOf('Affinity', { recipeArn: recipe('aws-item-affinity') })).toEqual(['coverage', 'hit', 'recall']);
    expect(metricsOf('Trending', { recipeArn: recipe('aws-trending-now') })).toEqual(['trend_prediction_accuracy']);
  });
});
