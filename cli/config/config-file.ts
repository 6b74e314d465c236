import { readFileSync } from 'node:fs';
import { FieldPositions } from './field-position';
import { DeployedFeatures } from '../../lambda/shared/config/deployed-features';
import { ExecutionPlan } from '../../lambda/shared/config/execution-plan';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';
import { JsonFileError, readJsonFile } from '../json-file';

/** One problem of a config file, at its field path and, when the file has it, its line and column. */
export interface FileProblem {
  /** The field path, `$` for the document; absent when the file could not be read or parsed. */
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** A config file as read and judged. */
export interface CheckedConfig {
  readonly file: string;
  readonly valid: boolean;
  readonly problems: readonly FileProblem[];
  /** What the validator warns about: the config runs, but may cost or behave unexpectedly (never a reason to refuse). */
  readonly warnings: readonly FileProblem[];
  /** The parsed document, when the file is JSON. */
  readonly document?: unknown;
  /** The plan the state machines run, when valid. */
  readonly plan?: ExecutionPlan;
  /** Maps a field path of this file to its line and column (for the planner's problems too). */
  readonly locate: (path: string) => FileProblem;
}

/**
 * Reads a config file and validates it with the pipeline's own validator (`validatePipelineConfig`): a file that
 * cannot be read or is not JSON is one problem (line and column from `readJsonFile`), every validation issue
 * another, each at its line and column in the file.
 */
export function checkConfigFile(file: string, features: DeployedFeatures): CheckedConfig {
  let document: unknown;
  try {
    document = readJsonFile(file);
  } catch (error) {
    if (!(error instanceof JsonFileError)) throw error;
    return { file, valid: false, problems: [unreadable(file, error.message)], warnings: [], locate: (path) => ({ path, message: '' }) };
  }
  const positions = new FieldPositions(readFileSync(file, 'utf8'));
  const locate = (path: string): FileProblem => ({ path, ...positions.of(path), message: '' });
  const verdict = validatePipelineConfig(document, features);
  const problems = verdict.issues.map((issue) => ({ ...locate(issue.path), message: issue.message }));
  const warnings = verdict.warnings.map((issue) => ({ ...locate(issue.path), message: issue.message }));
  return { file, valid: verdict.valid, problems, warnings, document, plan: verdict.plan, locate };
}

/** `readJsonFile`'s one-line message (`<file>:<line>:<column>: <what>` or `<file>: <what>`) as a problem. */
function unreadable(file: string, message: string): FileProblem {
  const rest = message.startsWith(`${file}:`) ? message.slice(file.length + 1) : message;
  const at = /^(\d+):(\d+): (.*)$/s.exec(rest);
  return at ? { line: Number(at[1]), column: Number(at[2]), message: at[3] } : { message: rest.trim() };
}

/** `file:line:column: path: message`, the form editors and terminals link. */
export function formatProblem(file: string, problem: FileProblem): string {
  const where = problem.line !== undefined ? `${file}:${problem.line}:${problem.column}` : file;
  return `${where}: ${problem.path !== undefined ? `${problem.path}: ` : ''}${problem.message}`;
}
