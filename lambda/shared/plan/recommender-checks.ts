import { PlanContext, statusText, takenElsewhere } from './plan-context';
import { Findings, noFindings } from './preflight-result';
import { checkRecipe } from './recipe-check';

/** One recommender: its recipe exists; reused when it exists in this dataset group with the same recipe. */
export async function checkRecommender(ctx: PlanContext, index: number): Promise<Findings> {
  const findings = noFindings();
  const item = ctx.plan.recommenders[index];
  const config = item.serviceConfig;
  const path = `recommenders[${index}]`;
  const base = { path, kind: 'RECOMMENDER', name: config.name };
  const recipeProblem = await checkRecipe(ctx, config.recipeArn, `${path}.serviceConfig.recipeArn`);
  if (recipeProblem) findings.problems.push(recipeProblem);
  if (!item.createRecommender) {
    findings.verdicts.push({ ...base, action: 'SKIP', reason: 'createRecommender is false' });
    return findings;
  }
  const arn = ctx.arns.recommender(config.name);
  const found = await ctx.reader.recommender(arn);
  if (!found) {
    findings.verdicts.push({ ...base, action: recipeProblem ? 'CONFLICT' : 'CREATE', reason: `no recommender named ${config.name} exists` });
    return findings;
  }
  if (found.datasetGroupArn !== ctx.groupArn) {
    findings.problems.push({ path: `${path}.serviceConfig.name`, message: takenElsewhere('recommender', config.name, found.datasetGroupArn, ctx) });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: 'exists in another dataset group', arn });
    return findings;
  }
  if (found.recipeArn !== config.recipeArn) {
    findings.problems.push({
      path: `${path}.serviceConfig.recipeArn`,
      message: `recommender ${config.name} exists with recipe ${found.recipeArn}, but the config has ${config.recipeArn}; `
        + "a recommender's recipe cannot change: give the recommender of the new recipe a new name",
    });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: `exists with recipe ${found.recipeArn}`, arn });
    return findings;
  }
  findings.verdicts.push({ ...base, action: recipeProblem ? 'CONFLICT' : 'REUSE', reason: `exists${statusText(found.status)}`, arn });
  return findings;
}
