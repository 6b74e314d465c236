import { ExecutionPlan } from '../shared/config/execution-plan';
import { personalizeClient } from '../shared/personalize-client';
import { locationFromArnPrefix, preflight, PreflightResult } from '../shared/plan';

/** The state's input: the plan that validate-config returned. */
export interface PreflightEvent {
  readonly plan: ExecutionPlan;
}

/**
 * Checks the plan against the account after validation and before the first create. Problems are returned,
 * not thrown, so the state machine can publish them and fail with all of them; service errors (AccessDenied,
 * throttling after the SDK's retries) are thrown with their names for Retry and Catch. One client serves the
 * warm invocations; local runs point it at the emulator with AWS_ENDPOINT_URL_PERSONALIZE.
 */
export async function handler(event: PreflightEvent): Promise<PreflightResult> {
  if (!event?.plan?.datasetGroup) {
    throw Object.assign(new Error('The preflight input must be { plan: <the ExecutionPlan of validate-config> }'), { name: 'PreflightInputError' });
  }
  const location = locationFromArnPrefix(process.env.PERSONALIZE_ARN_PREFIX);
  return preflight(personalizeClient(), event.plan, location);
}
