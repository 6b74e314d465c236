import { autoTrainingUnderSchedules } from './auto-training-warning';
import { DeployedFeatures } from './deployed-features';
import { PipelineConfig } from './pipeline-config';
import { ValidationIssue } from './validation-issue';

/** The rules that warn: what they find is reported with its field path, and the run goes ahead. */
export const WARNING_RULES: ReadonlyArray<(config: PipelineConfig, features: DeployedFeatures) => ValidationIssue[]> = [
  autoTrainingUnderSchedules,
];
