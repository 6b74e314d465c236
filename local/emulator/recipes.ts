/** The recipes the emulated service knows, by name, with what each is for. */
export const RECIPES: Record<string, { readonly type: 'USER_PERSONALIZATION' | 'PERSONALIZED_RANKING' | 'RELATED_ITEMS' | 'POPULAR_ITEMS' | 'USER_SEGMENTATION' | 'NEXT_BEST_ACTION'; readonly domain?: string; readonly supportsUpdate?: boolean }> = {
  'aws-user-personalization': { type: 'USER_PERSONALIZATION', supportsUpdate: true },
  'aws-user-personalization-v2': { type: 'USER_PERSONALIZATION' },
  'aws-hrnn-coldstart': { type: 'USER_PERSONALIZATION', supportsUpdate: true },
  'aws-personalized-ranking': { type: 'PERSONALIZED_RANKING' },
  'aws-personalized-ranking-v2': { type: 'PERSONALIZED_RANKING' },
  'aws-similar-items': { type: 'RELATED_ITEMS' },
  'aws-sims': { type: 'RELATED_ITEMS' },
  'aws-semantic-similarity': { type: 'RELATED_ITEMS' },
  'aws-popularity-count': { type: 'POPULAR_ITEMS' },
  'aws-trending-now': { type: 'POPULAR_ITEMS' },
  'aws-item-affinity': { type: 'USER_SEGMENTATION' },
  'aws-item-attribute-affinity': { type: 'USER_SEGMENTATION' },
  'aws-next-best-action': { type: 'NEXT_BEST_ACTION' },
  'aws-vod-more-like-x': { type: 'RELATED_ITEMS', domain: 'VIDEO_ON_DEMAND' },
  'aws-vod-because-you-watched-x': { type: 'RELATED_ITEMS', domain: 'VIDEO_ON_DEMAND' },
  'aws-vod-top-picks': { type: 'USER_PERSONALIZATION', domain: 'VIDEO_ON_DEMAND' },
  'aws-vod-trending-now': { type: 'POPULAR_ITEMS', domain: 'VIDEO_ON_DEMAND' },
  'aws-vod-most-popular': { type: 'POPULAR_ITEMS', domain: 'VIDEO_ON_DEMAND' },
  'aws-ecomm-customers-who-viewed-x-also-viewed': { type: 'RELATED_ITEMS', domain: 'ECOMMERCE' },
  'aws-ecomm-frequently-bought-together': { type: 'RELATED_ITEMS', domain: 'ECOMMERCE' },
  'aws-ecomm-popular-items-by-purchases': { type: 'POPULAR_ITEMS', domain: 'ECOMMERCE' },
  'aws-ecomm-popular-items-by-views': { type: 'POPULAR_ITEMS', domain: 'ECOMMERCE' },
  'aws-ecomm-recommended-for-you': { type: 'USER_PERSONALIZATION', domain: 'ECOMMERCE' },
};

/** The recipe name of a recipe ARN (`arn:aws:personalize:::recipe/<name>`), or undefined for another format. */
export function recipeNameOf(arn: string | undefined): string | undefined {
  const match = /^arn:aws[a-z-]*:personalize:::recipe\/([a-zA-Z0-9][a-zA-Z0-9\-_]*)$/.exec(arn ?? '');
  return match?.[1];
}
