import { PlanContext } from './plan-context';
import { datasetGroupNameOf, PlanArns } from './service-location';

/** The solution name in a solution version ARN (`solution/<name>/<id>`). */
export function solutionNameOfVersion(versionArn: string | undefined): string {
  return PlanArns.resourceOf(versionArn)[1] ?? '';
}

/**
 * Names the owner of a campaign or batch job that runs on a version of another solution than the configured
 * one: that solution and its dataset group (from DescribeSolution).
 */
export async function foreignOwnerText(ctx: PlanContext, versionArn: string | undefined): Promise<string> {
  const solutionName = solutionNameOfVersion(versionArn);
  const solution = await ctx.reader.solution(ctx.arns.solution(solutionName));
  return solution
    ? `solution ${solutionName} of dataset group ${datasetGroupNameOf(solution.datasetGroupArn)}`
    : `solution ${solutionName} (which no longer exists)`;
}
