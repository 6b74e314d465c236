import { derivedJobName } from './derived-job-name';
import { Findings, noFindings, ResourceKindName } from './preflight-result';
import { isStatusIn } from '../src/kinds/status-spellings';

/**
 * Import and batch jobs end in `CREATE FAILED` when they fail (the `status` members of DatasetImportJob,
 * BatchInferenceJob and BatchSegmentJob in the SDK model: PENDING / IN PROGRESS / ACTIVE / CREATE FAILED for
 * batch jobs, CREATE PENDING / CREATE IN_PROGRESS / ACTIVE / CREATE FAILED for import jobs), matched in any spelling
 * (`CREATE_FAILED` too: the sources disagree on the separator, see src/kinds/status-spellings.ts).
 */
export const FAILED_JOB_STATUSES: readonly string[] = ['CREATE FAILED'];

/** How many derived names are tried before the planner gives up. */
export const MAX_DERIVED_NAMES = 20;

/** A job found by its name. */
export interface FoundJob {
  readonly arn: string;
  readonly status: string;
  /** Set when the job belongs to another dataset or solution than the configured one: a text naming its owner. */
  readonly foreignOwner?: string;
}

/** What to resolve: a configured job and how to find a job by name. */
export interface JobToResolve {
  readonly path: string;
  readonly kind: ResourceKindName;
  /** e.g. "dataset import job". */
  readonly label: string;
  readonly name: string;
  /** The owner the config gives the job, for messages: e.g. "dataset ITEMS of dataset group Shop". */
  readonly configuredOwner: string;
  readonly find: (name: string) => Promise<FoundJob | undefined>;
  /** The statuses a failed job of this kind ends in. @default FAILED_JOB_STATUSES */
  readonly failedStatuses?: readonly string[];
}

/** The effective name of a job, with its verdict and problems. */
export interface JobNameResolution extends Findings {
  readonly effectiveName: string;
}

/**
 * Chooses the name a job runs under. Jobs cannot be deleted, so a name whose job failed is taken for good: the
 * job runs under the first derived name (`<name>-2`, `<name>-3`, ...) that is free, or whose job exists for
 * the same owner and did not fail (a job that is running or succeeded is reused, never repeated). A derived
 * name held by another owner's job is passed over.
 */
export async function resolveJobName(job: JobToResolve): Promise<JobNameResolution> {
  const findings = noFindings();
  const verdict = (name: string, action: 'CREATE' | 'REUSE' | 'RENAME' | 'CONFLICT', reason: string, arn?: string) =>
    findings.verdicts.push({ path: job.path, kind: job.kind, name, action, reason, ...(arn ? { arn } : {}) });
  const failed = job.failedStatuses ?? FAILED_JOB_STATUSES;
  const found = await job.find(job.name);
  if (!found) {
    verdict(job.name, 'CREATE', `no ${job.label} named ${job.name} exists`);
    return { ...findings, effectiveName: job.name };
  }
  if (!isStatusIn(found.status, failed)) {
    if (found.foreignOwner) {
      findings.problems.push({
        path: `${job.path}.serviceConfig.jobName`,
        message: `${job.label} ${job.name} already exists for ${found.foreignOwner}, but this config runs it for ${job.configuredOwner}; `
          + 'job names are unique per account and region: choose another jobName',
      });
      verdict(job.name, 'CONFLICT', `${job.label} ${job.name} belongs to ${found.foreignOwner}`, found.arn);
    } else {
      verdict(job.name, 'REUSE', `${job.label} ${job.name} exists (status ${found.status}) and is not repeated`, found.arn);
    }
    return { ...findings, effectiveName: job.name };
  }
  for (let n = 2; n < 2 + MAX_DERIVED_NAMES; n++) {
    const candidate = derivedJobName(job.name, n);
    const other = await job.find(candidate);
    if (!other) {
      verdict(candidate, 'RENAME', `${job.label} ${job.name} ended ${found.status} and its name cannot be used again; creates ${candidate} instead`);
      return { ...findings, effectiveName: candidate };
    }
    if (!isStatusIn(other.status, failed) && !other.foreignOwner) {
      verdict(candidate, 'RENAME', `${job.label} ${job.name} ended ${found.status}; reuses ${candidate} (status ${other.status}), which ran in its place before`, other.arn);
      return { ...findings, effectiveName: candidate };
    }
  }
  const last = derivedJobName(job.name, 1 + MAX_DERIVED_NAMES);
  findings.problems.push({
    path: `${job.path}.serviceConfig.jobName`,
    message: `${job.label} ${job.name} ended ${found.status} and so did (or another owner holds) every derived name up to ${last}; choose another jobName`,
  });
  verdict(job.name, 'CONFLICT', `no usable name among ${job.name} and its ${MAX_DERIVED_NAMES} derived names`);
  return { ...findings, effectiveName: job.name };
}
