import { PlanContext, statusText } from './plan-context';
import { PreflightProblem, ResourceVerdict } from './preflight-result';
import { Tag } from '../lambda/shared/config/pipeline-config';
import { changeText, FieldChange, refusalText, tagDiff } from '../lambda/shared/reconcile';

/** The tag changes a run would make on an existing resource (none when the config has no `tags`). */
export async function tagChanges(ctx: PlanContext, arn: string, tags: readonly Tag[] | undefined): Promise<FieldChange[]> {
  if (tags === undefined) return [];
  return tagDiff(tags, await ctx.reader.tags(arn)).changes;
}

/**
 * The verdict on an existing resource the run keeps: UPDATE with each change as it will be applied
 * (`performAutoTraining true → false (UpdateSolution)`), after any `moves` in words; REUSE when nothing changes.
 */
export function keepVerdict(
  base: Pick<ResourceVerdict, 'path' | 'kind' | 'name'>, arn: string, status: string | undefined, changes: FieldChange[], moves: string[] = [],
): ResourceVerdict {
  if (changes.length === 0 && moves.length === 0) return { ...base, action: 'REUSE', reason: `exists${statusText(status)}`, arn };
  return { ...base, action: 'UPDATE', reason: [...moves, ...changes.map(changeText)].join('; '), arn, ...(changes.length ? { changes } : {}) };
}

/** One problem per change no Update call takes, at the field's path under `<path>.serviceConfig`. */
export function refusals(path: string, label: string, name: string, refused: readonly FieldChange[]): PreflightProblem[] {
  return refused.map((change) => ({ path: `${path}.serviceConfig.${change.field}`, message: refusalText(label, name, change) }));
}
