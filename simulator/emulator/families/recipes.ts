import type * as P from '@aws-sdk/client-personalize';
import { EmulatorContext } from '../context';
import { invalidInput, notFound } from '../personalize-error';
import { recipeNameOf, RECIPES } from '../recipes';
import { Handlers } from './handler';

/** Recipes are published by the service, not created: a fixed date. */
const PUBLISHED = new Date(Date.UTC(2019, 5, 10));

/** DescribeRecipe and ListRecipes. */
export function recipeHandlers(ctx: EmulatorContext): Handlers {
  const summary = (name: string): P.RecipeSummary => ({
    name, recipeArn: ctx.arns.recipe(name), status: 'ACTIVE', creationDateTime: PUBLISHED, lastUpdatedDateTime: PUBLISHED, domain: RECIPES[name].domain,
  });
  return {
    // Source: API_DescribeRecipe (errors: InvalidInputException, ResourceNotFoundException).
    DescribeRecipe: (r: P.DescribeRecipeRequest): P.DescribeRecipeResponse => {
      const name = recipeNameOf(r.recipeArn);
      if (!name) throw invalidInput(`Invalid recipeArn ${r.recipeArn}: expected arn:aws:personalize:::recipe/<name>.`);
      if (!RECIPES[name]) throw notFound('recipe', String(r.recipeArn));
      return {
        recipe: {
          ...summary(name),
          algorithmArn: `arn:${ctx.arns.recipe(name).split(':')[1]}:personalize:::algorithm/${name}`,
          featureTransformationArn: `arn:${ctx.arns.recipe(name).split(':')[1]}:personalize:::feature-transformation/${name}`,
          description: `${name} (${RECIPES[name].type}${RECIPES[name].legacy ? ', legacy' : ''})`,
          recipeType: RECIPES[name].type,
        },
      };
    },
    // Source: API_ListRecipes (`recipeProvider` SERVICE, `domain` filters to that domain's use cases).
    ListRecipes: (r: P.ListRecipesRequest): P.ListRecipesResponse => {
      if (r.recipeProvider !== undefined && r.recipeProvider !== 'SERVICE') throw invalidInput(`Invalid recipeProvider ${r.recipeProvider}.`);
      const names = Object.keys(RECIPES).filter((n) => !r.domain || RECIPES[n].domain === r.domain);
      const start = r.nextToken ? Number.parseInt(r.nextToken, 10) : 0;
      const size = r.maxResults ?? 100;
      const page = names.slice(start, start + size).map(summary);
      return { recipes: page, ...(start + size < names.length ? { nextToken: String(start + size) } : {}) };
    },
  };
}
