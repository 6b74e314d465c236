import { describe as describeOf, errorOf, groupWithDatasets } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { RECIPES } from '../../simulator/emulator/recipes';

describe('recommenders', () => {
  function activeRecommender() {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator, 'Shop', { domain: 'ECOMMERCE' });
    const { recommenderArn } = emulator.call('CreateRecommender', {
      name: 'ForYou', datasetGroupArn: emulator.arns.datasetGroup('Shop'), recipeArn: 'arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you',
    }) as any;
    emulator.settleAll();
    const statuses = (n: number) => Array.from({ length: n }, () => describeOf(emulator, 'DescribeRecommender', { recommenderArn }).status);
    return { emulator, recommenderArn, statuses };
  }

  test('stop: ACTIVE > STOP PENDING > STOP IN_PROGRESS > INACTIVE; start: START PENDING > START IN_PROGRESS > ACTIVE', () => {
    const { emulator, recommenderArn, statuses } = activeRecommender();
    emulator.call('StopRecommender', { recommenderArn });
    expect(statuses(3)).toEqual(['STOP PENDING', 'STOP IN_PROGRESS', 'INACTIVE']);
    emulator.call('StartRecommender', { recommenderArn });
    expect(statuses(3)).toEqual(['START PENDING', 'START IN_PROGRESS', 'ACTIVE']);
  });

  test('stopping what is not ACTIVE, or starting what is not INACTIVE, is ResourceInUseException', () => {
    const { emulator, recommenderArn } = activeRecommender();
    expect(errorOf(() => emulator.call('StartRecommender', { recommenderArn }))).toBe('ResourceInUseException');
    emulator.call('StopRecommender', { recommenderArn });
    expect(errorOf(() => emulator.call('StopRecommender', { recommenderArn }))).toBe('ResourceInUseException');
    emulator.settleAll();
    expect(errorOf(() => emulator.call('DeleteRecommender', { recommenderArn }))).toBe('none');
  });

  test('UpdateRecommender shows in latestRecommenderUpdate and applies its config when ACTIVE', () => {
    const { emulator, recommenderArn } = activeRecommender();
    emulator.call('UpdateRecommender', { recommenderArn, recommenderConfig: { minRecommendationRequestsPerSecond: 5 } });
    const shown = [1, 2, 3].map(() => describeOf(emulator, 'DescribeRecommender', { recommenderArn }));
    expect(shown.map((r) => r.latestRecommenderUpdate.status)).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    expect(shown.map((r) => r.recommenderConfig.minRecommendationRequestsPerSecond)).toEqual([1, 1, 5]);
  });

  test('a recipe of another domain is invalid; an unknown one is not found', () => {
    const { emulator } = activeRecommender();
    const create = (recipe: string) => errorOf(() => emulator.call('CreateRecommender', {
      name: 'R2', datasetGroupArn: emulator.arns.datasetGroup('Shop'), recipeArn: `arn:aws:personalize:::recipe/${recipe}`,
    }));
    expect(create('aws-vod-top-picks')).toBe('InvalidInputException');
    expect(create('aws-ecomm-recommended-for-me')).toBe('ResourceNotFoundException');
  });
});

describe('recipes', () => {
  test('DescribeRecipe: arn:aws:personalize:::recipe/<name>; a typo is ResourceNotFoundException', () => {
    const emulator = new PersonalizeEmulator();
    expect(describeOf(emulator, 'DescribeRecipe', { recipeArn: 'arn:aws:personalize:::recipe/aws-similar-items' }))
      .toMatchObject({ name: 'aws-similar-items', recipeArn: 'arn:aws:personalize:::recipe/aws-similar-items', recipeType: 'RELATED_ITEMS', status: 'ACTIVE' });
    expect(errorOf(() => emulator.call('DescribeRecipe', { recipeArn: 'arn:aws:personalize:::recipe/aws-similar-item' }))).toBe('ResourceNotFoundException');
    expect(errorOf(() => emulator.call('DescribeRecipe', { recipeArn: 'aws-similar-items' }))).toBe('InvalidInputException');
  });

  test('ListRecipes filters by domain: five use cases each for ECOMMERCE and VIDEO_ON_DEMAND', () => {
    const emulator = new PersonalizeEmulator();
    const names = (domain?: string) => (emulator.call('ListRecipes', { domain }) as any).recipes.map((r: any) => r.name);
    expect(names('ECOMMERCE')).toHaveLength(5);
    expect(names('VIDEO_ON_DEMAND')).toEqual(['aws-vod-because-you-watched-x', 'aws-vod-more-like-x', 'aws-vod-most-popular', 'aws-vod-trending-now', 'aws-vod-top-picks']);
    expect(names()).toHaveLength(Object.keys(RECIPES).length);
  });

  test('UPDATE training is for User-Personalization and legacy HRNN-Coldstart only; segments for the affinity recipes', () => {
    expect(Object.keys(RECIPES).filter((n) => RECIPES[n].supportsUpdate)).toEqual(['aws-user-personalization', 'aws-hrnn-coldstart']);
    expect(Object.keys(RECIPES).filter((n) => RECIPES[n].type === 'USER_SEGMENTATION')).toEqual(['aws-item-affinity', 'aws-item-attribute-affinity']);
  });
});
