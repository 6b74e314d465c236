import { DEPLOYED_FEATURES_ENV, FEATURE_FLAGS, type DeployedFeatures, type FeatureFlags } from '../../../src/contract/function-contract';

// The type is the construct's and the validator's one contract (src/contract/function-contract.ts): the construct
// writes it, this file reads it.
export type { DeployedFeatures };

/**
 * Every flow deployed and no Glue job of the pipeline's own: what a config is checked against when no pipeline
 * is in sight (editors, tests). It names no job, as no deployment's job name can be known here, so a config that
 * runs preprocessing must name its job to pass. A deployed validator never uses it: it reads the features the
 * construct wrote (`DEPLOYED_FEATURES`), exactly.
 */
export const ALL_FEATURES: DeployedFeatures = Object.fromEntries(FEATURE_FLAGS.map((flag) => [flag, true])) as FeatureFlags;

/**
 * The features a deployment describes in JSON (the `DEPLOYED_FEATURES` the construct writes), exactly: a flow
 * not marked `true` is not deployed, and there is a Glue job only when one is named.
 * @throws an Error when the text is missing or is not a JSON object; that is a deployment fault, not a config's.
 */
export function parseDeployedFeatures(json: string | undefined): DeployedFeatures {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : undefined;
  } catch {
    raw = undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw Object.assign(new Error(`${DEPLOYED_FEATURES_ENV} must be the JSON object the construct writes, got: ${JSON.stringify(json)}`), { name: 'DeploymentError' });
  }
  const r = raw as Record<string, unknown>;
  const glueJobName = typeof r.glueJobName === 'string' && r.glueJobName !== '' ? r.glueJobName : undefined;
  const flags = Object.fromEntries(FEATURE_FLAGS.map((flag) => [flag, r[flag] === true])) as FeatureFlags;
  return {
    ...flags,
    ...(glueJobName ? { glueJobName } : {}),
    ...(r.schedules === true ? { schedules: true } : {}),
  };
}
