import { PlanContext } from './plan-context';
import { Findings, noFindings } from './preflight-result';
import { distinctFields } from '../lambda/shared/config/filter-expression';
import { MAX_FIELDS_PER_DATASET_GROUP } from '../lambda/shared/config/filter-expression-rules';

/**
 * The dataset group's budget of filter fields, counted with the filters it already has: "The maximum number of
 * distinct dataset fields across all filters in a dataset group is 20" (developer guide, filter expressions,
 * "Guidelines and requirements", https://docs.aws.amazon.com/personalize/latest/dg/filter-expression-guidelines-requirements.html).
 * The validator counts the config's filters; here the group's filters the config does not name count too, as
 * CreateFilter would count them. A group that does not exist yet has none.
 */
export async function checkFilterFieldBudget(ctx: PlanContext): Promise<Findings> {
  const findings = noFindings();
  if (ctx.plan.filters.length === 0 || !(await ctx.reader.datasetGroup(ctx.groupArn))) return findings;
  const named = new Set(ctx.plan.filters.map((f) => f.serviceConfig.name));
  const others = (await ctx.reader.filters(ctx.groupArn)).filter((f) => f.name && !named.has(f.name) && f.filterArn);
  const expressions = await Promise.all(others.map(async (f) => ({ name: f.name!, expression: (await ctx.reader.filter(f.filterArn!))?.filterExpression ?? '' })));
  const fields = new Set<string>();
  for (const filter of ctx.plan.filters) distinctFields(filter.serviceConfig.filterExpression).forEach((field) => fields.add(field));
  const configured = fields.size;
  for (const { expression } of expressions) distinctFields(expression).forEach((field) => fields.add(field));
  if (fields.size > MAX_FIELDS_PER_DATASET_GROUP) {
    findings.problems.push({
      path: 'filters',
      message: `the filters read ${configured} distinct dataset fields, and with the filters dataset group ${ctx.groupName} already has `
        + `(${expressions.map((e) => e.name).join(', ')}) ${fields.size}; the filters of a dataset group may read at most `
        + `${MAX_FIELDS_PER_DATASET_GROUP}: delete filters the group no longer needs, or read fewer fields`,
    });
  }
  return findings;
}
