import { colorsFor } from '../colors';
import { checkConfigFile, formatProblem } from '../config/config-file';
import { offlineFeatures } from '../config/offline-features';
import { ExitCode } from '../errors';
import { CliIo, println } from '../io';

/** Options of `validate`. */
export interface ValidateOptions {
  readonly json?: boolean;
  readonly features?: string;
}

/**
 * `validate <config.json>…`: the pipeline's validator, offline, on each file; every problem and every warning with its
 * field path and line:column. Exit code 0 when every file is valid (warnings or not), 1 otherwise.
 */
export function validateCommand(files: readonly string[], options: ValidateOptions, io: CliIo): ExitCode {
  const features = offlineFeatures(options.features);
  const results = files.map((file) => checkConfigFile(file, features));
  if (options.json) {
    const report = results.map(({ file, valid, problems, warnings }) => ({ file, valid, problems, ...(warnings.length > 0 ? { warnings } : {}) }));
    println(io.stdout, JSON.stringify(report, undefined, 2));
  } else {
    const c = colorsFor(io.stdout);
    for (const result of results) {
      const warned = result.warnings.length;
      const warnings = warned === 0 ? '' : `, ${warned} ${warned === 1 ? 'warning' : 'warnings'}`;
      if (result.valid) {
        println(io.stdout, `${c.green('✔')} ${result.file}: valid${warnings}`);
      } else {
        const count = result.problems.length;
        println(io.stdout, `${c.red('✘')} ${result.file}: ${count} ${count === 1 ? 'problem' : 'problems'}${warnings}`);
        for (const problem of result.problems) println(io.stdout, `  ${formatProblem(result.file, problem)}`);
      }
      for (const warning of result.warnings) println(io.stdout, `  ${c.yellow('warning:')} ${formatProblem(result.file, warning)}`);
    }
  }
  return results.every((r) => r.valid) ? ExitCode.OK : ExitCode.FAILED;
}
