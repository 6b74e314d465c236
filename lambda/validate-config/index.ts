import { ALL_FEATURES, DeployedFeatures } from '../shared/config/deployed-features';
import { ConfigVerdict, validatePipelineConfig } from '../shared/config/validate-pipeline-config';

/** The input the main state machine sends: the whole execution input, whatever it is. */
export interface ValidateConfigEvent {
  readonly config: unknown;
}

/**
 * Validates the execution input before anything is created. The verdict is returned, never thrown, so the
 * state machine can publish the issues and fail with all of them.
 */
export async function handler(event: ValidateConfigEvent): Promise<ConfigVerdict> {
  return validatePipelineConfig(event?.config, deployedFeatures());
}

function deployedFeatures(): DeployedFeatures {
  const raw = process.env.DEPLOYED_FEATURES;
  return raw ? { ...ALL_FEATURES, ...JSON.parse(raw) } : ALL_FEATURES;
}
