import { keepVerdict, tagChanges } from './in-place-changes';
import { metricsGateText, metricsGateThreshold } from './metrics-gate-threshold';
import { PlanContext, statusText } from './plan-context';
import { CampaignFindings, noFindings, SolutionTraining } from './preflight-result';
import { foreignOwnerText, solutionNameOfVersion } from './version-owner';
import { campaignDiff } from '../lambda/shared/reconcile/resource-diff';

/**
 * One campaign: reused when it exists on the configured solution, updated (UpdateCampaign) when the solution
 * version it serves, its minProvisionedTPS or its campaignConfig changes, as the campaign flow does; its tags too. With the solution's metrics gate,
 * an existing campaign's threshold: the metric of the version it serves less the margin (see metrics-gate-threshold.ts).
 */
export async function checkCampaign(
  ctx: PlanContext, solutionIndex: number, index: number, training: () => Promise<SolutionTraining>,
): Promise<CampaignFindings> {
  const findings = noFindings();
  const solution = ctx.plan.solutions[solutionIndex];
  const item = solution.campaigns[index];
  const name = item.serviceConfig.name;
  const path = `solutions[${solutionIndex}].campaigns[${index}]`;
  const base = { path, kind: 'CAMPAIGN', name };
  if (!item.createCampaign) {
    findings.verdicts.push({ ...base, action: 'SKIP', reason: 'createCampaign is false' });
    return findings;
  }
  const arn = ctx.arns.campaign(name);
  const found = await ctx.reader.campaign(arn);
  if (!found) {
    findings.verdicts.push({ ...base, action: 'CREATE', reason: `no campaign named ${name} exists` });
    return findings;
  }
  const solutionName = solution.serviceConfig.name;
  if (solutionNameOfVersion(found.solutionVersionArn) !== solutionName) {
    const owner = await foreignOwnerText(ctx, found.solutionVersionArn);
    findings.problems.push({
      path: `${path}.serviceConfig.name`,
      message: `campaign ${name} already serves ${owner}, but this config deploys it for solution ${solutionName} of dataset group ${ctx.groupName}; `
        + 'campaign names are unique per account and region: choose another name',
    });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: `serves ${owner}`, arn });
    return findings;
  }
  const gate = solution.metricsGate;
  const [decided, threshold] = await Promise.all([training(), gate ? metricsGateThreshold(ctx, gate, found.solutionVersionArn) : undefined]);
  // The gate guards moves to the execution's version only, as in the campaign flow (not to a named version).
  const gated = (move: string) => (gate && found.solutionVersionArn ? `${move}, ${metricsGateText(gate, found.solutionVersionArn, threshold)}` : move);
  const changes: string[] = [];
  if (item.solutionversion) {
    if (item.solutionversion !== found.solutionVersionArn) changes.push(`moves to the named version ${item.solutionversion}`);
  } else if (decided.train) {
    changes.push(gated('moves to the version trained in this execution'));
  } else if (decided.versionArn && decided.versionArn !== found.solutionVersionArn) {
    changes.push(gated(`moves from version ${found.solutionVersionArn} to ${decided.versionArn}`));
  }
  // The version moves above, in words; the fields UpdateCampaign takes and the tags, field by field (the version is
  // left out here: which one the campaign serves is decided in the flow, after training and the metrics gate).
  const fields = campaignDiff(item.serviceConfig, found, '').changes;
  const verdict = keepVerdict(base, arn, found.status, [...fields, ...await tagChanges(ctx, arn, item.serviceConfig.tags)], changes);
  findings.verdicts.push(verdict.action === 'REUSE' ? { ...verdict, reason: `exists${statusText(found.status)} on version ${found.solutionVersionArn}` } : verdict);
  return threshold ? { ...findings, threshold } : findings;
}
