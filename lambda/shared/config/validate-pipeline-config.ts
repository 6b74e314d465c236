import { CROSS_FIELD_RULES } from './cross-field-rules';
import { ALL_FEATURES, DeployedFeatures } from './deployed-features';
import { ExecutionPlan, toExecutionPlan } from './execution-plan';
import { PipelineConfig } from './pipeline-config';
import { schemaIssues } from './schema-validation';
import { formatIssues, ValidationIssue } from './validation-issue';
import { WARNING_RULES } from './warning-rules';

/** The verdict on a config: its plan when valid, every issue by field path when not. */
export interface ConfigVerdict {
  readonly valid: boolean;
  readonly issues: readonly ValidationIssue[];
  /** What runs but costs or behaves as the author may not expect, by field path; never a reason to refuse. */
  readonly warnings: readonly ValidationIssue[];
  /** All issues as one text, empty when valid. */
  readonly message: string;
  /** The plan the state machines run, present when valid. */
  readonly plan?: ExecutionPlan;
}

/**
 * Validates a pipeline config: first the JSON Schema, then (on a document of the right shape) the rules
 * that span fields. Never throws on bad input.
 */
export function validatePipelineConfig(document: unknown, features: DeployedFeatures = ALL_FEATURES): ConfigVerdict {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    const issues = [{ path: '$', message: `the config must be a JSON object, got: ${Array.isArray(document) ? 'an array' : JSON.stringify(document)}` }];
    return { valid: false, issues, warnings: [], message: formatIssues(issues) };
  }
  let issues = schemaIssues(document);
  let warnings: ValidationIssue[] = [];
  if (issues.length === 0) {
    const config = document as PipelineConfig;
    issues = CROSS_FIELD_RULES.flatMap((rule) => rule(config, features));
    warnings = WARNING_RULES.flatMap((rule) => rule(config, features));
    if (issues.length === 0) return { valid: true, issues: [], warnings, message: '', plan: toExecutionPlan(config, features.glueJobName) };
  }
  return { valid: false, issues, warnings, message: formatIssues(issues) };
}
