import { AccountReader } from './account-reader';
import { datasetGroupNameOf, PlanArns } from './service-location';
import { ExecutionPlan } from '../lambda/shared/config/execution-plan';

/** What every check reads: the account, the ARN formats, the plan and its dataset group. */
export interface PlanContext {
  readonly reader: AccountReader;
  readonly arns: PlanArns;
  readonly plan: ExecutionPlan;
  readonly groupName: string;
  readonly groupArn: string;
  readonly now: Date;
}

/**
 * The message for a resource whose name is taken in another dataset group. Names of solutions, filters,
 * recommenders, campaigns and jobs are unique per account and region, not per dataset group (their ARNs hold
 * only the name: `solution/<name>`, `filter/<name>`, ...).
 */
export function takenElsewhere(label: string, name: string, foundGroupArn: string | undefined, ctx: PlanContext): string {
  return `${label} ${name} already exists in dataset group ${datasetGroupNameOf(foundGroupArn)}, not in ${ctx.groupName}; `
    + `${label} names are unique per account and region: choose another name`;
}

/** "status ACTIVE", or nothing when the resource has no status (schemas). */
export function statusText(status: string | undefined): string {
  return status ? ` (status ${status})` : '';
}
