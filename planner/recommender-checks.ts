import { keepVerdict, refusals, tagChanges } from './in-place-changes';
import { PlanContext, takenElsewhere } from './plan-context';
import { Findings, noFindings } from './preflight-result';
import { checkRecipe } from './recipe-check';
import { recommenderDiff } from '../lambda/shared/reconcile/resource-diff';

/**
 * One recommender: its recipe exists; reused when it exists in this dataset group with the same recipe (fixed at
 * creation); updated in place (UpdateRecommender, tags) where the config changes its `recommenderConfig` or tags.
 */
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
  const diff = recommenderDiff(config, found);
  if (diff.refused.length > 0) {
    findings.problems.push(...refusals(path, 'recommender', config.name, diff.refused));
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: `exists with recipe ${found.recipeArn}`, arn });
    return findings;
  }
  const verdict = keepVerdict(base, arn, found.status, [...diff.changes, ...await tagChanges(ctx, arn, config.tags)]);
  findings.verdicts.push(recipeProblem ? { ...verdict, action: 'CONFLICT' } : verdict);
  return findings;
}
