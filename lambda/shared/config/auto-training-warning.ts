import { DeployedFeatures } from './deployed-features';
import { createsNewSolutionVersion } from './execution-plan';
import { PipelineConfig } from './pipeline-config';
import { ValidationIssue } from './validation-issue';

/*
 * A warning, not an error: the config runs, but costs what it need not. A solution left at the service's default
 * `performAutoTraining: true` is trained by Personalize every 7 days (or on `autoTrainingConfig.schedulingExpression`)
 * whenever interactions were imported since the last training; a pipeline schedule that retrains it as well trains
 * it twice, billed twice. Source: API reference, CreateSolution, performAutoTraining ("The default is True and the
 * solution automatically creates new solution versions every 7 days"), https://docs.aws.amazon.com/personalize/latest/dg/API_CreateSolution.html;
 * developer guide, "Configuring automatic training" ("you incur training costs while your solution is active"),
 * https://docs.aws.amazon.com/personalize/latest/dg/solution-config-auto-training.html
 *
 * Which configs the schedules run is not known to the validator (a run's input does not say who started it), so it
 * warns on every config a scheduled deployment validates, and says so.
 */

/** A solution this pipeline trains, left to train by itself too, on a deployment that runs on schedules. */
export function autoTrainingUnderSchedules(config: PipelineConfig, features: DeployedFeatures): ValidationIssue[] {
  if (!features.schedules) return [];
  return (config.solutions ?? []).flatMap((solution, i) => {
    const trains = createsNewSolutionVersion(solution);
    const auto = solution.serviceConfig.performAutoTraining;
    if (!trains || auto === false) return [];
    return [{
      path: `solutions[${i}].serviceConfig.performAutoTraining`,
      message: `is ${auto === undefined ? 'absent (the service\'s default is true)' : 'true'}: Personalize trains solution `
        + `${solution.serviceConfig.name} by itself every 7 days (or on solutionConfig.autoTrainingConfig), and this pipeline trains it too `
        + '(solutionVersion.createNewSolutionVersion); a run started by one of the pipeline\'s schedules trains it twice, billed twice. '
        + 'Set performAutoTraining to false to train on the pipeline\'s schedule only. (This deployment has schedules; the validator '
        + 'cannot tell whether one of them runs this config.)',
    }];
  });
}

