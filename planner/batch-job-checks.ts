import { FoundJob, JobNameResolution, resolveJobName } from './job-name-resolution';
import { PlanContext } from './plan-context';
import { ResourceKindName } from './preflight-result';
import { foreignOwnerText, solutionNameOfVersion } from './version-owner';

/** Which batch job list of a solution. */
export type BatchJobList = 'batchInferenceJobs' | 'batchSegmentJobs';

interface BatchJobSpec {
  readonly kind: ResourceKindName;
  readonly label: string;
  readonly flag: 'createBatchInferenceJob' | 'createBatchSegmentJob';
  readonly find: (ctx: PlanContext, jobName: string) => Promise<{ arn?: string; status?: string; solutionVersionArn?: string } | undefined>;
}

const SPECS: Record<BatchJobList, BatchJobSpec> = {
  batchInferenceJobs: {
    kind: 'BATCH_INFERENCE_JOB',
    label: 'batch inference job',
    flag: 'createBatchInferenceJob',
    find: async (ctx, jobName) => {
      const job = await ctx.reader.batchInferenceJob(ctx.arns.batchInferenceJob(jobName));
      return job && { ...job, arn: job.batchInferenceJobArn };
    },
  },
  batchSegmentJobs: {
    kind: 'BATCH_SEGMENT_JOB',
    label: 'batch segment job',
    flag: 'createBatchSegmentJob',
    find: async (ctx, jobName) => {
      const job = await ctx.reader.batchSegmentJob(ctx.arns.batchSegmentJob(jobName));
      return job && { ...job, arn: job.batchSegmentJobArn };
    },
  },
};

/**
 * The effective name of one batch inference or batch segment job of a solution. A job of that name that runs
 * on a version of another solution belongs to that solution (job names are unique per account and region).
 */
export async function resolveBatchJob(ctx: PlanContext, solutionIndex: number, list: BatchJobList, index: number): Promise<JobNameResolution> {
  const spec = SPECS[list];
  const solution = ctx.plan.solutions[solutionIndex];
  const item = solution[list][index] as { readonly serviceConfig: { readonly jobName: string } } & Partial<Record<BatchJobSpec['flag'], boolean>>;
  const path = `solutions[${solutionIndex}].${list}[${index}]`;
  const name = item.serviceConfig.jobName;
  if (item[spec.flag] !== true) {
    return { verdicts: [{ path, kind: spec.kind, name, action: 'SKIP', reason: `${spec.flag} is false` }], problems: [], effectiveName: name };
  }
  const solutionName = solution.serviceConfig.name;
  return resolveJobName({
    path,
    kind: spec.kind,
    label: spec.label,
    name,
    configuredOwner: `solution ${solutionName} of dataset group ${ctx.groupName}`,
    find: async (jobName): Promise<FoundJob | undefined> => {
      const job = await spec.find(ctx, jobName);
      if (!job) return undefined;
      const foreign = solutionNameOfVersion(job.solutionVersionArn) !== solutionName;
      return {
        arn: String(job.arn),
        status: String(job.status),
        ...(foreign ? { foreignOwner: await foreignOwnerText(ctx, job.solutionVersionArn) } : {}),
      };
    },
  });
}
