import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { bundledGlueJobFrom, locationFromArnPrefix, preflight, PreflightResult } from '../../planner';
import { ExecutionPlan } from '../shared/config/execution-plan';
import { personalizeClient } from '../shared/personalize-client';

/** The state's input: the plan that validate-config returned. */
export interface PreflightEvent {
  readonly plan: ExecutionPlan;
}

const glueClients = new Map<string, GlueClient>();
const s3Clients = new Map<string, S3Client>();

/** One client per endpoint (AWS_ENDPOINT_URL_<SERVICE>, which the SDK reads; empty in AWS), reused by warm invocations. */
function clientFor<C>(clients: Map<string, C>, endpointVariable: string, make: () => C): C {
  const endpoint = process.env[endpointVariable] ?? '';
  let client = clients.get(endpoint);
  if (!client) {
    client = make();
    clients.set(endpoint, client);
  }
  return client;
}

/**
 * Checks the plan against the account after validation and before the first create. Problems are returned,
 * not thrown, so the state machine can publish them and fail with all of them; service errors (AccessDenied,
 * throttling after the SDK's retries) are thrown with their names for Retry and Catch. One client serves the
 * warm invocations; local runs point it at the emulator with AWS_ENDPOINT_URL_PERSONALIZE (and at the Glue and
 * S3 faces with AWS_ENDPOINT_URL_GLUE and AWS_ENDPOINT_URL_S3).
 */
export async function handler(event: PreflightEvent): Promise<PreflightResult> {
  if (!event?.plan?.datasetGroup) {
    throw Object.assign(new Error('The preflight input must be { plan: <the ExecutionPlan of validate-config> }'), { name: 'PreflightInputError' });
  }
  const location = locationFromArnPrefix(process.env.PERSONALIZE_ARN_PREFIX);
  const bundledGlueJob = bundledGlueJobFrom(process.env.BUNDLED_GLUE_JOB);
  const glue = clientFor(glueClients, 'AWS_ENDPOINT_URL_GLUE', () => new GlueClient({}));
  // A local endpoint has no bucket subdomains: path-style requests there; virtual-hosted ones in AWS.
  const s3 = clientFor(s3Clients, 'AWS_ENDPOINT_URL_S3', () => new S3Client({ followRegionRedirects: true, forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined }));
  return preflight(personalizeClient(), event.plan, location, undefined, { glue, s3, bundledGlueJob });
}
