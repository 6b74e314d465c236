import { SolutionVersionSummary } from '@aws-sdk/client-personalize';
import { keepVerdict, refusals, tagChanges } from './in-place-changes';
import { PlanContext, takenElsewhere } from './plan-context';
import { Findings, noFindings, SolutionTraining } from './preflight-result';
import { checkRecipe } from './recipe-check';
import { chooseSolutionVersion } from './solution-version-choice';
import { solutionDiff } from '../lambda/shared/reconcile/resource-diff';

/** A solution's findings with its training decision. */
export interface SolutionFindings extends Findings {
  readonly training: SolutionTraining;
}

/** Whether anything of the solution runs on a solution version in this execution. */
function needsVersion(solution: PlanContext['plan']['solutions'][number]): boolean {
  return solution.campaigns.some((c) => c.createCampaign)
    || solution.batchInferenceJobs.some((j) => j.createBatchInferenceJob)
    || solution.batchSegmentJobs.some((j) => j.createBatchSegmentJob);
}

/**
 * One solution: its recipe exists; the solution is reused when it exists in this dataset group, updated in place
 * (UpdateSolution, tags) where the config changes what an update takes, refused where it changes what is fixed at
 * creation (recipe, performHPO, performAutoML, eventType, solutionConfig outside autoTrainingConfig and eventsConfig:
 * see solutionDiff); then its solution version is chosen (see chooseSolutionVersion).
 */
export async function checkSolution(ctx: PlanContext, index: number): Promise<SolutionFindings> {
  const findings = noFindings();
  const item = ctx.plan.solutions[index];
  const config = item.serviceConfig;
  const path = `solutions[${index}]`;
  const arn = ctx.arns.solution(config.name);
  const base = { path, kind: 'SOLUTION', name: config.name };

  const [recipeProblem, found] = await Promise.all([
    checkRecipe(ctx, config.recipeArn, `${path}.serviceConfig.recipeArn`),
    ctx.reader.solution(arn),
  ]);
  if (recipeProblem) findings.problems.push(recipeProblem);

  let versions: readonly SolutionVersionSummary[] = [];
  let conflict = false;
  if (!found) {
    findings.verdicts.push({ ...base, action: recipeProblem ? 'CONFLICT' : 'CREATE', reason: `no solution named ${config.name} exists` });
  } else if (found.datasetGroupArn !== ctx.groupArn) {
    conflict = true;
    findings.problems.push({ path: `${path}.serviceConfig.name`, message: takenElsewhere('solution', config.name, found.datasetGroupArn, ctx) });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: 'exists in another dataset group', arn });
  } else {
    const diff = solutionDiff(config, found);
    if (diff.refused.length > 0) {
      conflict = true;
      findings.problems.push(...refusals(path, 'solution', config.name, diff.refused));
      const recipe = diff.refused.find((c) => c.field === 'recipeArn');
      findings.verdicts.push({ ...base, action: 'CONFLICT', reason: recipe ? `exists with recipe ${found.recipeArn}` : `exists with another ${diff.refused.map((c) => c.field).join(', ')}`, arn });
    } else {
      const verdict = keepVerdict(base, arn, found.status, [...diff.changes, ...await tagChanges(ctx, arn, config.tags)]);
      findings.verdicts.push(recipeProblem ? { ...verdict, action: 'CONFLICT' } : verdict);
      versions = await ctx.reader.solutionVersions(arn);
    }
  }

  const choice = chooseSolutionVersion({
    createNewSolutionVersion: item.solutionVersion.createNewSolutionVersion,
    maxAgeSeconds: item.solutionVersion.maxAgeSeconds,
    versions,
    now: ctx.now,
  });
  const versionBase = { path: `${path}.solutionVersion`, kind: 'SOLUTION_VERSION', name: config.name };
  const missing = choice.action === 'SKIP' && needsVersion(item) && !conflict;
  if (missing) {
    findings.problems.push({
      path: `${path}.solutionVersion.createNewSolutionVersion`,
      message: `solution ${config.name} has no ACTIVE solution version; set createNewSolutionVersion to true to train one`,
    });
  }
  findings.verdicts.push({
    ...versionBase,
    action: missing ? 'CONFLICT' : choice.action,
    reason: choice.training.reason,
    ...(choice.training.versionArn ? { arn: choice.training.versionArn } : {}),
  });
  return { ...findings, training: choice.training };
}
