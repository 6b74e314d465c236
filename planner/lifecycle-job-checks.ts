import { FoundJob, JobNameResolution, resolveJobName } from './job-name-resolution';
import { PlanContext } from './plan-context';
import { PlanArns } from './service-location';
import { isStatusIn } from '../src/kinds/status-spellings';

/** A data deletion job ends FAILED (API reference, DataDeletionJob: PENDING > IN_PROGRESS > COMPLETED or FAILED). */
const FAILED_DELETION = ['FAILED'];

/** The owner text of a dataset ARN (`dataset/<group>/<TYPE>`). */
function datasetOwner(datasetArn: string | undefined): string {
  const [, group, type] = PlanArns.resourceOf(datasetArn);
  return group && type ? `the ${type} dataset of dataset group ${group}` : `dataset ${datasetArn}`;
}

/** The effective name of one export job (`plan.exports[index]`), with the re-run semantics of import jobs. */
export async function resolveExportJob(ctx: PlanContext, index: number): Promise<JobNameResolution> {
  const item = ctx.plan.exports[index];
  const datasetIndex = ctx.plan.datasets.findIndex((d) => d.type === item.datasetType);
  const path = `datasetGroup.datasets[${datasetIndex}].datasetExportJob`;
  const name = item.serviceConfig.jobName;
  if (!item.createNewJob) {
    return { verdicts: [{ path, kind: 'DATASET_EXPORT_JOB', name, action: 'SKIP', reason: 'createNewJob is false' }], problems: [], effectiveName: name };
  }
  const datasetArn = ctx.arns.dataset(ctx.groupName, item.datasetType);
  return resolveJobName({
    path,
    kind: 'DATASET_EXPORT_JOB',
    label: 'dataset export job',
    name,
    configuredOwner: datasetOwner(datasetArn),
    find: async (jobName): Promise<FoundJob | undefined> => {
      const job = await ctx.reader.datasetExportJob(ctx.arns.datasetExportJob(jobName));
      if (!job) return undefined;
      return {
        arn: String(job.datasetExportJobArn),
        status: String(job.status),
        ...(job.datasetArn !== datasetArn ? { foreignOwner: datasetOwner(job.datasetArn) } : {}),
      };
    },
  });
}

/** The data deletion job's effective name, and whether the solutions retrain after it in this execution. */
export interface DeletionJobResolution extends JobNameResolution {
  /** True when the job runs in this execution (created now, or still running): a job that COMPLETED earlier retrains nothing. */
  readonly runsNow: boolean;
}

/**
 * The data deletion job (`plan.dataDeletionJob`), with the re-run semantics of import jobs: a job of that name that
 * did not fail is not repeated (COMPLETED: nothing to do; PENDING or IN_PROGRESS: waited for), one that FAILED runs
 * again under a derived name. A job of that name of another dataset group is a conflict.
 */
export async function resolveDataDeletionJob(ctx: PlanContext): Promise<DeletionJobResolution> {
  const item = ctx.plan.dataDeletionJob;
  const path = 'datasetGroup.dataDeletionJob';
  const name = String(item.serviceConfig.jobName ?? '');
  if (!ctx.plan.has.dataDeletionJob) return { verdicts: [], problems: [], effectiveName: name, runsNow: false };
  if (!item.createNewJob) {
    return { verdicts: [{ path, kind: 'DATA_DELETION_JOB', name, action: 'SKIP', reason: 'createNewJob is false' }], problems: [], effectiveName: name, runsNow: false };
  }
  const statuses = new Map<string, string>();
  const resolution = await resolveJobName({
    path,
    kind: 'DATA_DELETION_JOB',
    label: 'data deletion job',
    name,
    configuredOwner: `dataset group ${ctx.groupName}`,
    failedStatuses: FAILED_DELETION,
    find: async (jobName): Promise<FoundJob | undefined> => {
      const job = await ctx.reader.dataDeletionJob(ctx.arns.dataDeletionJob(jobName));
      if (!job) return undefined;
      statuses.set(jobName, String(job.status));
      return {
        arn: String(job.dataDeletionJobArn),
        status: String(job.status),
        ...(job.datasetGroupArn !== ctx.groupArn ? { foreignOwner: `dataset group ${PlanArns.resourceOf(job.datasetGroupArn)[1] ?? job.datasetGroupArn}` } : {}),
      };
    },
  });
  const status = statuses.get(resolution.effectiveName);
  return { ...resolution, runsNow: status === undefined || !isStatusIn(status, ['COMPLETED']) };
}
