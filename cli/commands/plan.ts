import { GlueClient } from '@aws-sdk/client-glue';
import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { changeLine } from '../../lambda/shared/reconcile/change-text';
import { preflight } from '../../planner/preflight';
import { PlanAction, PreflightResult } from '../../planner/preflight-result';
import { resolveLocation } from '../aws/service-location';
import { colorsFor } from '../colors';
import { checkConfigFile, formatProblem } from '../config/config-file';
import { offlineFeatures, OWN_GLUE_JOB } from '../config/offline-features';
import { ExitCode, fromAwsError } from '../errors';
import { CliIo, println } from '../io';
import { newTable } from '../tables';

/** Options of `plan`. */
export interface PlanOptions {
  readonly region?: string;
  readonly account?: string;
  readonly features?: string;
  readonly json?: boolean;
}

/** How each action reads in the table. */
const ACTION_WORDS: Record<PlanAction, string> = {
  CREATE: 'create', REUSE: 'reuse', UPDATE: 'update', TRAIN: 'retrain', RENAME: 'rename', SKIP: 'skip', CONFLICT: 'conflict',
};

/**
 * `plan <config.json>`: the pre-flight planner the pipeline runs, against the account the SDK's default credentials
 * reach, with read-only Describe and List calls only: what the run would do with each configured resource and why,
 * and what would stop it. Exit code 0 when the run would go ahead, 1 when the config is invalid or the run would stop.
 */
export async function planCommand(file: string, options: PlanOptions, io: CliIo): Promise<ExitCode> {
  const checked = checkConfigFile(file, offlineFeatures(options.features));
  if (!checked.valid || !checked.plan) {
    for (const problem of checked.problems) println(io.stderr, formatProblem(file, problem));
    println(io.stderr, `plan: ${file} is not a valid config; nothing was asked of the account`);
    return ExitCode.FAILED;
  }
  const location = await resolveLocation(options.region, options.account);
  const client = new PersonalizeClient({ region: location.region });
  // The Glue job the run would start (GetJob), when the config or --features names a real one: without --features the
  // pipeline's own job has no name here. The bundled job's S3 inputs are checked by the deployed pre-flight only.
  const { run, jobName } = checked.plan.preprocessing;
  const glue = run && jobName !== OWN_GLUE_JOB ? new GlueClient({ region: location.region }) : undefined;
  let result: PreflightResult;
  try {
    result = await preflight(client, checked.plan, location, undefined, { glue });
  } catch (error) {
    throw fromAwsError(error, `plan: reading ${location.account} in ${location.region}`);
  } finally {
    client.destroy();
    glue?.destroy();
  }

  const problems = result.problems.map((problem) => ({ ...checked.locate(problem.path), message: problem.message }));
  const warnings = checked.warnings;
  if (options.json) {
    const report = { file, location, ok: result.ok, verdicts: result.verdicts, problems, ...(warnings.length > 0 ? { warnings } : {}) };
    println(io.stdout, JSON.stringify(report, undefined, 2));
    return result.ok ? ExitCode.OK : ExitCode.FAILED;
  }
  const c = colorsFor(io.stdout);
  const paint: Record<PlanAction, (text: string) => string> = {
    CREATE: c.green, REUSE: c.dim, UPDATE: c.yellow, TRAIN: c.cyan, RENAME: c.yellow, SKIP: c.dim, CONFLICT: c.red,
  };
  println(io.stdout, `Plan for ${file} in account ${location.account}, ${location.region} (read-only; nothing was changed)`);
  const rows = result.verdicts.map((verdict) => {
    const at = checked.locate(verdict.path);
    return [ACTION_WORDS[verdict.action], `${verdict.kind.toLowerCase().replace(/_/g, ' ')} ${verdict.name}`, `${at.line}:${at.column}`, verdict.reason];
  });
  // The reason gets what the terminal (or, in a log, 160 columns) leaves after the other columns.
  const width = Math.max(io.stdout.columns || 160, 100);
  const resourceWidth = Math.min(Math.max(...rows.map((r) => r[1].length), 8) + 2, 60);
  const table = newTable(['action', 'resource', 'line', 'reason'], [10, resourceWidth, 10, Math.max(width - 10 - resourceWidth - 10 - 5, 30)]);
  result.verdicts.forEach((verdict, i) => table.push([paint[verdict.action](rows[i][0]), ...rows[i].slice(1)]));
  println(io.stdout, table.toString());
  const counts = new Map<PlanAction, number>();
  for (const verdict of result.verdicts) counts.set(verdict.action, (counts.get(verdict.action) ?? 0) + 1);
  println(io.stdout, [...counts].map(([action, n]) => `${n} ${ACTION_WORDS[action]}`).join(', '));
  // What the run changes in place, one line per field, with the call that changes it.
  const changes = result.verdicts.flatMap((verdict) => (verdict.changes ?? []).map((change) => changeLine(verdict.kind, verdict.name, change)));
  if (changes.length > 0) {
    println(io.stdout, `Changed in place (${changes.length}):`);
    for (const line of changes) println(io.stdout, `  ${c.yellow(line)}`);
  }
  // The validator's warnings: the run goes ahead regardless.
  for (const warning of warnings) println(io.stdout, `${c.yellow('warning:')} ${formatProblem(file, warning)}`);
  if (result.ok) {
    println(io.stdout, c.green('The run would go ahead.'));
    return ExitCode.OK;
  }
  println(io.stdout, c.red(`The run would stop before creating anything (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):`));
  for (const problem of problems) println(io.stdout, `  ${formatProblem(file, problem)}`);
  return ExitCode.FAILED;
}
