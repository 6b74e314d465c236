import { keepVerdict, tagChanges } from './in-place-changes';
import { PlanContext, statusText } from './plan-context';
import { Findings, noFindings } from './preflight-result';

/** The event tracker's findings and the ARN of the existing tracker of the configured name ('' when none). */
export interface EventTrackerFindings extends Findings {
  readonly arn: string;
}

/**
 * The event tracker. Its ARN ends in an id (`event-tracker/<8 hex>`), not in its name, so it is found by
 * listing the dataset group's trackers. A dataset group has at most one tracker (CreateEventTracker answers
 * ResourceAlreadyExistsException for a second): a tracker of another name there is a problem.
 */
export async function checkEventTracker(ctx: PlanContext): Promise<EventTrackerFindings> {
  const findings = noFindings();
  const config = ctx.plan.eventTracker;
  const name = 'name' in config.serviceConfig ? String(config.serviceConfig.name) : '';
  if (!config.enabled) return { ...findings, arn: '' };
  const base = { path: 'eventTracker', kind: 'EVENT_TRACKER', name };
  // A dataset group that does not exist has no trackers: nothing to list.
  const trackers = (await ctx.reader.datasetGroup(ctx.groupArn)) ? await ctx.reader.eventTrackers(ctx.groupArn) : [];
  const same = trackers.find((t) => t.name === name);
  if (same) {
    const tags = 'tags' in config.serviceConfig ? config.serviceConfig.tags : undefined;
    const verdict = keepVerdict(base, String(same.eventTrackerArn), same.status, await tagChanges(ctx, String(same.eventTrackerArn), tags));
    findings.verdicts.push(verdict.action === 'REUSE' ? { ...verdict, reason: `exists${statusText(same.status)} in dataset group ${ctx.groupName}` } : verdict);
    return { ...findings, arn: String(same.eventTrackerArn) };
  }
  const other = trackers[0];
  if (other) {
    findings.problems.push({
      path: 'eventTracker.serviceConfig.name',
      message: `dataset group ${ctx.groupName} already has event tracker ${other.name}, and a dataset group has at most one; `
        + `name the tracker ${other.name} in the config, or delete ${other.name} before creating ${name}`,
    });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: `dataset group ${ctx.groupName} has event tracker ${other.name}`, arn: other.eventTrackerArn });
    return { ...findings, arn: '' };
  }
  findings.verdicts.push({ ...base, action: 'CREATE', reason: `dataset group ${ctx.groupName} has no event tracker` });
  return { ...findings, arn: '' };
}
