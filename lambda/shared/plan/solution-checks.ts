import { SolutionVersionSummary } from '@aws-sdk/client-personalize';
import { PlanContext, statusText, takenElsewhere } from './plan-context';
import { Findings, noFindings, SolutionTraining } from './preflight-result';
import { checkRecipe } from './recipe-check';
import { chooseSolutionVersion } from './solution-version-choice';

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
 * One solution: its recipe exists; the solution is reused when it exists in this dataset group with the same
 * recipe (a solution's recipe cannot change); then its solution version is chosen (see chooseSolutionVersion).
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
  } else if (config.recipeArn && found.recipeArn !== config.recipeArn) {
    conflict = true;
    findings.problems.push({
      path: `${path}.serviceConfig.recipeArn`,
      message: `solution ${config.name} exists with recipe ${found.recipeArn}, but the config has ${config.recipeArn}; `
        + "a solution's recipe cannot change: give the solution of the new recipe a new name",
    });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: `exists with recipe ${found.recipeArn}`, arn });
  } else {
    findings.verdicts.push({ ...base, action: recipeProblem ? 'CONFLICT' : 'REUSE', reason: `exists${statusText(found.status)}`, arn });
    versions = await ctx.reader.solutionVersions(arn);
  }

  const choice = chooseSolutionVersion({
    createNewSolutionVersion: item.solutionVersion.createNewSolutionVersion,
    // A plan from before maxAge existed has no maxAgeSeconds: the same as 0, not set.
    maxAgeSeconds: item.solutionVersion.maxAgeSeconds ?? 0,
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
