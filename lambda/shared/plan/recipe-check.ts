import { PlanContext } from './plan-context';
import { PreflightProblem } from './preflight-result';

/** A problem when the recipe does not exist in this region (DescribeRecipe answers ResourceNotFoundException). */
export async function checkRecipe(ctx: PlanContext, recipeArn: string | undefined, path: string): Promise<PreflightProblem | undefined> {
  if (!recipeArn) return undefined;
  const recipe = await ctx.reader.recipe(recipeArn);
  return recipe ? undefined : { path, message: `recipe ${recipeArn} does not exist in this region; see ListRecipes for the recipes there are` };
}
