import { FoundJob, JobNameResolution, resolveJobName } from './job-name-resolution';
import { PlanContext } from './plan-context';
import { PlanArns } from './service-location';

/** The owner text of a dataset ARN (`dataset/<group>/<TYPE>`). */
function datasetOwner(datasetArn: string | undefined): string {
  const [, group, type] = PlanArns.resourceOf(datasetArn);
  return group && type ? `the ${type} dataset of dataset group ${group}` : `dataset ${datasetArn}`;
}

/**
 * The effective name of one import job (`plan.imports[index]`). Its config path is that of the dataset it
 * imports into, whose index in the config differs from `index` (not every dataset has an import).
 */
export async function resolveImportJob(ctx: PlanContext, index: number): Promise<JobNameResolution> {
  const item = ctx.plan.imports[index];
  const datasetIndex = ctx.plan.datasets.findIndex((d) => d.type === item.datasetType);
  const path = `datasetGroup.datasets[${datasetIndex}].datasetImportJob`;
  const name = item.serviceConfig.jobName;
  if (!item.createNewJob) {
    return { verdicts: [{ path, kind: 'DATASET_IMPORT_JOB', name, action: 'SKIP', reason: 'createNewJob is false' }], problems: [], effectiveName: name };
  }
  const datasetArn = ctx.arns.dataset(ctx.groupName, item.datasetType);
  return resolveJobName({
    path,
    kind: 'DATASET_IMPORT_JOB',
    label: 'dataset import job',
    name,
    configuredOwner: datasetOwner(datasetArn),
    find: async (jobName): Promise<FoundJob | undefined> => {
      const job = await ctx.reader.datasetImportJob(ctx.arns.datasetImportJob(jobName));
      if (!job) return undefined;
      return {
        arn: String(job.datasetImportJobArn),
        status: String(job.status),
        ...(job.datasetArn !== datasetArn ? { foreignOwner: datasetOwner(job.datasetArn) } : {}),
      };
    },
  });
}

