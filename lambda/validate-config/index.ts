import { configLocationOf, ConfigSource, describeLocation, readStoredConfig } from './stored-config';
import { DEPLOYED_FEATURES_ENV } from '../../src/contract/function-contract';
import { parseDeployedFeatures } from '../shared/config/deployed-features';
import { ConfigVerdict, validatePipelineConfig } from '../shared/config/validate-pipeline-config';
import { formatIssues, ValidationIssue } from '../shared/config/validation-issue';

/** The verdict, and where the config came from (the main flow puts it in its STARTED and INVALID_CONFIG events). */
export type SourcedVerdict = ConfigVerdict & { readonly source: ConfigSource };

/**
 * Validates the execution input (whatever JSON it is) before anything is created, against exactly the flows and
 * Glue job this pipeline was deployed with (`DEPLOYED_FEATURES`). The input is the config itself, or
 * `{ "configLocation": { "bucket", "key", "versionId"? } }`, a config stored in S3, which is read first. The
 * verdict is returned, never thrown, so the state machine can publish the issues and fail with all of them; a
 * missing object, a denied read or a file that is not JSON is a verdict too. Only a missing `DEPLOYED_FEATURES`
 * or a fault of S3 itself (`ConfigReadError`) throws.
 */
export async function handler(executionInput: unknown): Promise<SourcedVerdict> {
  const features = parseDeployedFeatures(process.env[DEPLOYED_FEATURES_ENV]);
  const reference = configLocationOf(executionInput);
  if (!reference) return { ...validatePipelineConfig(executionInput, features), source: { type: 'INLINE' } };
  if (!reference.location) return rejected(reference.issues, { type: 'INLINE' });

  const stored = await readStoredConfig(reference.location);
  if (!stored.ok) return rejected(stored.issues, stored.source, describeLocation(reference.location));
  const verdict = validatePipelineConfig(stored.document, features);
  return verdict.valid
    ? { ...verdict, source: stored.source }
    : { ...verdict, message: `${describeLocation(reference.location)}: ${verdict.message}`, source: stored.source };
}

function rejected(issues: ValidationIssue[], source: ConfigSource, file?: string): SourcedVerdict {
  const message = formatIssues(issues);
  return { valid: false, issues, warnings: [], message: file ? `${file}: ${message}` : message, source };
}
