import { DeployedFeatures } from './deployed-features';
import { PipelineConfig } from './pipeline-config';
import { ValidationIssue } from './validation-issue';

/*
 * What CreateBatchInferenceJob refuses for the solution's recipe and the job's mode. Source: API reference,
 * CreateBatchInferenceJob ("You can't get batch recommendations with the Trending-Now or Next-Best-Action recipes";
 * "If you use the Similar-Items recipe, Amazon Personalize can add descriptive themes ... set the job's mode to
 * THEME_GENERATION and specify the name of the field that contains item names"),
 * https://docs.aws.amazon.com/personalize/latest/dg/API_CreateBatchInferenceJob.html; ThemeGenerationConfig and
 * FieldsForThemeGeneration (`fieldsForThemeGeneration`, `itemName`: Required: Yes),
 * https://docs.aws.amazon.com/personalize/latest/dg/API_ThemeGenerationConfig.html
 * A job with createBatchInferenceJob false is never sent, so it is not checked.
 */

/** Recipes whose solution versions give no batch recommendations. */
const NO_BATCH_RECIPES = ['aws-trending-now', 'aws-next-best-action'];
/** The one recipe whose batch recommendations can have themes (AutoML never picks it: it picks USER_PERSONALIZATION recipes). */
const THEME_RECIPE = 'aws-similar-items';

const recipeName = (arn: string | undefined) => (arn ?? '').split('/').pop() ?? '';

/** Batch inference jobs run only on recipes that give batch recommendations, and themes only on Similar-Items. */
export function batchInferenceJobsFitTheirRecipe(config: PipelineConfig, _features?: DeployedFeatures): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  (config.solutions ?? []).forEach((solution, i) => {
    const recipeArn = solution.serviceConfig.recipeArn;
    const recipe = recipeName(recipeArn);
    (solution.batchInferenceJobs ?? []).forEach((job, j) => {
      if (!job.createBatchInferenceJob) return;
      const path = `solutions[${i}].batchInferenceJobs[${j}]`;
      if (NO_BATCH_RECIPES.includes(recipe)) {
        issues.push({
          path,
          message: `a solution of recipe "${recipeArn}" gives no batch recommendations (Trending-Now and Next-Best-Action do not); `
            + 'remove the batch inference job or set createBatchInferenceJob to false',
        });
        return;
      }
      const { batchInferenceJobMode: mode, themeGenerationConfig: theme } = job.serviceConfig;
      if (mode !== 'THEME_GENERATION') return;
      if (recipe !== THEME_RECIPE) {
        issues.push({
          path: `${path}.serviceConfig.batchInferenceJobMode`,
          message: `THEME_GENERATION needs a solution of recipe aws-similar-items, got recipe: "${recipeArn ?? 'AutoML'}"`,
        });
      }
      const itemName = (theme?.fieldsForThemeGeneration as Record<string, unknown> | undefined)?.itemName;
      if (theme === undefined) {
        issues.push({
          path: `${path}.serviceConfig.themeGenerationConfig`,
          message: 'is required when batchInferenceJobMode is THEME_GENERATION: { "fieldsForThemeGeneration": { "itemName": "<the Items field holding item names>" } }',
        });
      } else if (typeof itemName !== 'string' || !/^[A-Za-z_][A-Za-z\d_]*$/.test(itemName)) {
        issues.push({
          path: `${path}.serviceConfig.themeGenerationConfig.fieldsForThemeGeneration.itemName`,
          message: `must name the Items field that holds item names, got: ${JSON.stringify(itemName)}`,
        });
      }
    });
  });
  return issues;
}
