import { DeployedFeatures } from './deployed-features';
import { PipelineConfig, SmokeTest } from './pipeline-config';
import { ValidationIssue } from './validation-issue';

/*
 * What GetRecommendations needs of a recommender: the use case decides (API reference, GetRecommendations: "For
 * recommenders ... the required item and user input depends on the use case"), and each use case page lists, per
 * use case, whether `userId` and `itemId` are required, optional or not used:
 * https://docs.aws.amazon.com/personalize/latest/dg/VIDEO_ON_DEMAND-use-cases.html and
 * https://docs.aws.amazon.com/personalize/latest/dg/ECOMMERCE-use-cases.html ("GetRecommendations requirements").
 * A smoke test must give what its use case requires (refused before anything is created, by field path); an id the
 * use case does not use is left out of the request (the pages do not say whether the service refuses it, so the
 * pipeline never sends it: it works either way).
 */

/** Whether a use case takes a request field: the use case pages' "Required", "Required only if ...", "Not used". */
export type RequestField = 'REQUIRED' | 'OPTIONAL' | 'NOT_USED';

/** The GetRecommendations requirements of one use case. */
export interface UseCaseRequest {
  /** The use case's title on its page, for messages. */
  readonly title: string;
  readonly userId: RequestField;
  readonly itemId: RequestField;
}

/**
 * The use cases by recipe name (`arn:aws:personalize:::recipe/<name>`). OPTIONAL: "Required only if you filter by
 * CurrentUser" (Trending now, Frequently bought together): a smoke test has no filter.
 */
export const USE_CASE_REQUESTS: Readonly<Record<string, UseCaseRequest>> = {
  'aws-vod-because-you-watched-x': { title: 'Because you watched X', userId: 'REQUIRED', itemId: 'REQUIRED' },
  'aws-vod-more-like-x': { title: 'More like X', userId: 'REQUIRED', itemId: 'REQUIRED' },
  'aws-vod-most-popular': { title: 'Most popular', userId: 'REQUIRED', itemId: 'NOT_USED' },
  'aws-vod-trending-now': { title: 'Trending now', userId: 'OPTIONAL', itemId: 'NOT_USED' },
  'aws-vod-top-picks': { title: 'Top picks for you', userId: 'REQUIRED', itemId: 'NOT_USED' },
  'aws-ecomm-popular-items-by-views': { title: 'Most viewed', userId: 'REQUIRED', itemId: 'NOT_USED' },
  'aws-ecomm-popular-items-by-purchases': { title: 'Best sellers', userId: 'REQUIRED', itemId: 'NOT_USED' },
  'aws-ecomm-frequently-bought-together': { title: 'Frequently bought together', userId: 'OPTIONAL', itemId: 'REQUIRED' },
  'aws-ecomm-customers-who-viewed-x-also-viewed': { title: 'Customers who viewed X also viewed', userId: 'REQUIRED', itemId: 'REQUIRED' },
  'aws-ecomm-recommended-for-you': { title: 'Recommended for you', userId: 'REQUIRED', itemId: 'NOT_USED' },
};

const IDS = ['userId', 'itemId'] as const;

/**
 * Whether a campaign of this recipe answers GetActionRecommendations rather than GetRecommendations: Next-Best-Action,
 * the PERSONALIZED_ACTIONS recipe (source: API reference, GetActionRecommendations: "a custom campaign that deploys a
 * solution version trained with a PERSONALIZED_ACTIONS recipe"; native-recipe-next-best-action page).
 */
export function answersActionRecommendations(recipeArn: string | undefined): boolean {
  return (recipeArn ?? '').split('/').pop() === 'aws-next-best-action';
}

/** The use case of a recipe ARN, undefined for a recipe this table does not know. */
export function useCaseOf(recipeArn: string | undefined): UseCaseRequest | undefined {
  return USE_CASE_REQUESTS[(recipeArn ?? '').split('/').pop() ?? ''];
}

/** The smoke test as the recommender flow sends it: without the ids its use case does not use. */
export function smokeTestRequest<T extends SmokeTest>(test: T, recipeArn: string | undefined): T {
  const useCase = useCaseOf(recipeArn);
  if (!useCase) return test;
  const request = { ...test };
  for (const id of IDS) if (useCase[id] === 'NOT_USED') delete request[id];
  return request;
}

/**
 * A recommender's smoke test gives every id its use case requires, each missing one by its field path. A use case
 * this table does not know needs at least one id (the pipeline's rule: a request for nobody and nothing).
 */
export function recommenderSmokeTestsFitUseCase(config: PipelineConfig, _features?: DeployedFeatures): ValidationIssue[] {
  return (config.recommenders ?? []).flatMap((recommender, i) => {
    const test = recommender.smokeTest;
    if (!recommender.createRecommender || !test) return [];
    const path = `recommenders[${i}].smokeTest`;
    const recipeArn = recommender.serviceConfig.recipeArn;
    const useCase = useCaseOf(recipeArn);
    if (!useCase) {
      return test.userId === undefined && test.itemId === undefined
        ? [{ path, message: 'needs userId, itemId or both: a smoke test asks for recommendations for a user or an item' }]
        : [];
    }
    const needs = IDS.filter((id) => useCase[id] === 'REQUIRED').join(' and ');
    return IDS.filter((id) => useCase[id] === 'REQUIRED' && test[id] === undefined).map((id) => ({
      path: `${path}.${id}`,
      message: `is required: GetRecommendations on the use case ${useCase.title} ("${recipeArn}") needs ${needs}`,
    }));
  });
}
