import { PlanContext } from './plan-context';
import { PreflightProblem } from './preflight-result';

/**
 * A problem when the recipe does not exist in this region. DescribeRecipe answers ResourceNotFoundException or
 * InvalidInputException: the API reference lists both without saying which answers an unknown name, so either is
 * taken for "no such recipe".
 */
export async function checkRecipe(ctx: PlanContext, recipeArn: string | undefined, path: string): Promise<PreflightProblem | undefined> {
  if (!recipeArn) return undefined;
  const problem = { path, message: `recipe ${recipeArn} does not exist in this region; see ListRecipes for the recipes there are` };
  try {
    return (await ctx.reader.recipe(recipeArn)) ? undefined : problem;
  } catch (error) {
    if ((error as Error)?.name === 'InvalidInputException') return problem;
    throw error;
  }
}
