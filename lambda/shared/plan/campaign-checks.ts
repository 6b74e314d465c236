import { metricsGateText, metricsGateThreshold } from './metrics-gate-threshold';
import { PlanContext, statusText } from './plan-context';
import { CampaignFindings, noFindings, SolutionTraining } from './preflight-result';
import { foreignOwnerText, solutionNameOfVersion } from './version-owner';

/**
 * One campaign: reused when it exists on the configured solution, updated (UpdateCampaign) when the solution
 * version it serves or its minProvisionedTPS changes, as the campaign flow does. With the solution's metrics gate,
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
  const tps = item.serviceConfig.minProvisionedTPS;
  if (tps !== undefined && tps !== found.minProvisionedTPS) changes.push(`minProvisionedTPS ${found.minProvisionedTPS} becomes ${tps}`);
  findings.verdicts.push(changes.length > 0
    ? { ...base, action: 'UPDATE', reason: changes.join('; '), arn }
    : { ...base, action: 'REUSE', reason: `exists${statusText(found.status)} on version ${found.solutionVersionArn}`, arn });
  return threshold ? { ...findings, threshold } : findings;
}
