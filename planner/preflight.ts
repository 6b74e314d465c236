import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { AccountReader } from './account-reader';
import { resolveBatchJob } from './batch-job-checks';
import { checkCampaign } from './campaign-checks';
import { checkDataset, checkDatasetGroup, checkSchema } from './dataset-checks';
import { checkEventTracker } from './event-tracker-check';
import { checkFilter } from './filter-checks';
import { checkFilterFieldBudget } from './filter-field-budget';
import { resolveImportJob } from './import-job-checks';
import { resolveDataDeletionJob, resolveExportJob } from './lifecycle-job-checks';
import { PlanContext } from './plan-context';
import { Findings, formatProblems, PreflightResult, ResolvedPlan } from './preflight-result';
import { checkPreprocessing, PreflightServices } from './preprocessing-checks';
import { checkRecommender } from './recommender-checks';
import { PlanArns, ServiceLocation } from './service-location';
import { checkSolution } from './solution-checks';
import { ExecutionPlan } from '../lambda/shared/config/execution-plan';

/** How many Personalize calls the planner has in flight at once. */
export const MAX_CONCURRENT_CALLS = 5;

/**
 * Analyses a valid plan against the account before anything is created, with read-only Describe and List
 * calls: what each configured resource will become (verdicts), what only the account can refuse (problems,
 * all collected, never thrown), and the plan the state machines run, resolved (effective job names, each
 * solution's training decision, the event tracker's ARN, each gated campaign's metrics gate threshold). Service
 * errors other than "not found" are thrown. `services` reaches the Glue job the run starts (and the bundled job's
 * input files); without a Glue client the job is not checked.
 */
export async function preflight(
  client: PersonalizeClient, plan: ExecutionPlan, location: ServiceLocation, now: Date = new Date(), services: PreflightServices = {},
): Promise<PreflightResult> {
  const arns = new PlanArns(location);
  const groupName = plan.datasetGroup.name;
  const reader = new AccountReader(client, MAX_CONCURRENT_CALLS);
  const ctx: PlanContext = { reader, arns, plan, groupName, groupArn: arns.datasetGroup(groupName), now };

  // Every check starts now; the reader bounds the calls in flight. One Promise.all awaits them all, so a
  // failed call rejects the whole, and no rejection goes unhandled.
  const solutions = plan.solutions.map((_, i) => checkSolution(ctx, i));
  const [exportJobs, deletion] = await Promise.all([
    Promise.all(plan.exports.map((_, i) => resolveExportJob(ctx, i))),
    resolveDataDeletionJob(ctx),
  ]);
  // A data deletion job that runs now retrains every solution (FULL) after it, whatever its own training decision.
  const retrain = plan.dataDeletionJob.retrain && deletion.runsNow;
  const [preprocessing, group, datasets, imports, filters, tracker, solutionParts, recommenders] = await Promise.all([
    checkPreprocessing(plan, services),
    checkDatasetGroup(ctx),
    Promise.all(plan.datasets.map((_, i) => Promise.all([checkSchema(ctx, i), checkDataset(ctx, i)]))),
    Promise.all(plan.imports.map((_, i) => resolveImportJob(ctx, i))),
    Promise.all([...plan.filters.map((_, i) => checkFilter(ctx, i)), checkFilterFieldBudget(ctx)]),
    checkEventTracker(ctx),
    Promise.all(plan.solutions.map((solution, i) => Promise.all([
      solutions[i],
      // The training decision is asked for only by campaigns that exist, hence a function.
      Promise.all(solution.campaigns.map((_, j) => checkCampaign(ctx, i, j, () => solutions[i].then((s) => s.training)))),
      Promise.all(solution.batchInferenceJobs.map((_, j) => resolveBatchJob(ctx, i, 'batchInferenceJobs', j))),
      Promise.all(solution.batchSegmentJobs.map((_, j) => resolveBatchJob(ctx, i, 'batchSegmentJobs', j))),
    ]))),
    Promise.all(plan.recommenders.map((_, i) => checkRecommender(ctx, i))),
  ]);

  const inOrder: Findings[] = [
    preprocessing,
    group,
    ...datasets.flat(),
    ...imports,
    ...exportJobs,
    deletion,
    ...filters,
    tracker,
    ...solutionParts.flatMap(([solution, campaigns, inference, segment]) => [solution, ...campaigns, ...inference, ...segment]),
    ...recommenders,
  ];
  const problems = inOrder.flatMap((f) => f.problems);
  const resolved: ResolvedPlan = {
    ...plan,
    imports: plan.imports.map((item, i) => ({
      ...item,
      configuredJobName: item.serviceConfig.jobName,
      serviceConfig: { ...item.serviceConfig, jobName: imports[i].effectiveName },
    })),
    exports: plan.exports.map((item, i) => ({
      ...item, configuredJobName: item.serviceConfig.jobName, serviceConfig: { ...item.serviceConfig, jobName: exportJobs[i].effectiveName },
    })),
    dataDeletionJob: {
      ...plan.dataDeletionJob,
      retrain,
      configuredJobName: String(plan.dataDeletionJob.serviceConfig.jobName ?? ''),
      serviceConfig: plan.has.dataDeletionJob ? { ...plan.dataDeletionJob.serviceConfig, jobName: deletion.effectiveName } as any : {},
    },
    eventTracker: { ...plan.eventTracker, arn: tracker.arn },
    solutions: plan.solutions.map((solution, i) => {
      const [decided, campaigns, inference, segment] = solutionParts[i];
      const forced = retrain ? {
        training: { train: true, versionArn: '', reason: `data deletion job ${deletion.effectiveName} runs in this execution: a FULL version is trained after it` },
        solutionVersion: { ...solution.solutionVersion, serviceConfig: { ...solution.solutionVersion.serviceConfig, trainingMode: 'FULL' as const } },
      } : { training: decided.training };
      return {
        ...solution,
        ...forced,
        campaigns: solution.campaigns.map((campaign, j) => {
          const threshold = campaigns[j].threshold;
          return threshold ? { ...campaign, metricsGateThreshold: threshold } : campaign;
        }),
        batchInferenceJobs: solution.batchInferenceJobs.map((job, j) => ({
          ...job, configuredJobName: job.serviceConfig.jobName, serviceConfig: { ...job.serviceConfig, jobName: inference[j].effectiveName },
        })),
        batchSegmentJobs: solution.batchSegmentJobs.map((job, j) => ({
          ...job, configuredJobName: job.serviceConfig.jobName, serviceConfig: { ...job.serviceConfig, jobName: segment[j].effectiveName },
        })),
      };
    }),
  };
  return { ok: problems.length === 0, problems, message: formatProblems(problems), verdicts: inOrder.flatMap((f) => f.verdicts), plan: resolved };
}
