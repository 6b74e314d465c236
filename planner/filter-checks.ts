import { keepVerdict, tagChanges } from './in-place-changes';
import { PlanContext, statusText, takenElsewhere } from './plan-context';
import { Findings, noFindings } from './preflight-result';

/** A filter: reused when it exists in the dataset group with the same expression (a filter cannot change). */
export async function checkFilter(ctx: PlanContext, index: number): Promise<Findings> {
  const findings = noFindings();
  const config = ctx.plan.filters[index].serviceConfig;
  const arn = ctx.arns.filter(config.name);
  const base = { path: `filters[${index}]`, kind: 'FILTER', name: config.name };
  const found = await ctx.reader.filter(arn);
  if (!found) {
    findings.verdicts.push({ ...base, action: 'CREATE', reason: `no filter named ${config.name} exists` });
    return findings;
  }
  if (found.datasetGroupArn !== ctx.groupArn) {
    findings.problems.push({ path: `filters[${index}].serviceConfig.name`, message: takenElsewhere('filter', config.name, found.datasetGroupArn, ctx) });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: 'exists in another dataset group', arn });
    return findings;
  }
  if (found.filterExpression !== config.filterExpression) {
    findings.problems.push({
      path: `filters[${index}].serviceConfig.filterExpression`,
      message: `filter ${config.name} exists with expression [${found.filterExpression}], but the config has [${config.filterExpression}]; `
        + `a filter cannot change (no Update call takes it): give the new expression a new filter name, or delete ${config.name} first with the tear-down state machine`,
    });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: 'exists with another expression', arn });
    return findings;
  }
  const verdict = keepVerdict(base, arn, found.status, await tagChanges(ctx, arn, config.tags));
  findings.verdicts.push(verdict.action === 'REUSE' ? { ...verdict, reason: `exists${statusText(found.status)} with the same expression` } : verdict);
  return findings;
}
