import { DeployedFeatures } from './deployed-features';
import { PipelineConfig } from './pipeline-config';
import { ValidationIssue } from './validation-issue';

/*
 * A campaign that syncs with the latest solution version is moved by Personalize itself to every new version of the
 * solution, automatic or manual (API reference, CampaignConfig.syncWithLatestSolutionVersion: "Whether the campaign
 * automatically updates to use the latest solution version"; developer guide, "Enabling automatic campaign
 * updates"), https://docs.aws.amazon.com/personalize/latest/dg/API_CampaignConfig.html. The metrics gate (this
 * pipeline's rule, `metricsGate`) would then guard nothing: the service moves the campaign before the gate runs,
 * and on versions no run of the pipeline sees. The combination is refused before anything is created.
 */

/** A gated solution's campaigns do not sync with the latest solution version. */
export function gatedCampaignsDoNotSync(config: PipelineConfig, _features?: DeployedFeatures): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  (config.solutions ?? []).forEach((solution, i) => {
    if (!solution.metricsGate) return;
    (solution.campaigns ?? []).forEach((campaign, j) => {
      if (!campaign.createCampaign || campaign.serviceConfig.campaignConfig?.syncWithLatestSolutionVersion !== true) return;
      issues.push({
        path: `solutions[${i}].campaigns[${j}].serviceConfig.campaignConfig.syncWithLatestSolutionVersion`,
        message: `is true, so Personalize moves campaign ${campaign.serviceConfig.name} to every new version by itself, past the metrics gate `
          + `of solutions[${i}].metricsGate; set syncWithLatestSolutionVersion to false, or remove solutions[${i}].metricsGate`,
      });
    });
  });
  return issues;
}
