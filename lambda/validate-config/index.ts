import { parseDeployedFeatures } from '../shared/config/deployed-features';
import { ConfigVerdict, validatePipelineConfig } from '../shared/config/validate-pipeline-config';

/**
 * Validates the execution input (whatever JSON it is) before anything is created, against exactly the flows and
 * Glue job this pipeline was deployed with (`DEPLOYED_FEATURES`). The verdict is returned, never thrown, so the
 * state machine can publish the issues and fail with all of them; only a missing `DEPLOYED_FEATURES` throws.
 */
export async function handler(executionInput: unknown): Promise<ConfigVerdict> {
  return validatePipelineConfig(executionInput, parseDeployedFeatures(process.env.DEPLOYED_FEATURES));
}
