import { ALL_FEATURES, DeployedFeatures } from '../shared/config/deployed-features';
import { ConfigVerdict, validatePipelineConfig } from '../shared/config/validate-pipeline-config';

/**
 * Validates the execution input (whatever JSON it is) before anything is created. The verdict is returned, never thrown, so the
 * state machine can publish the issues and fail with all of them.
 */
export async function handler(executionInput: unknown): Promise<ConfigVerdict> {
  return validatePipelineConfig(executionInput, deployedFeatures());
}

function deployedFeatures(): DeployedFeatures {
  const raw = process.env.DEPLOYED_FEATURES;
  return raw ? { ...ALL_FEATURES, ...JSON.parse(raw) } : ALL_FEATURES;
}
