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
 * `validate <config.json>…`: the pipeline's validator, offline, on each file; every problem with its field path and
 * line:column. Exit code 0 when every file is valid, 1 otherwise.
 */
export function validateCommand(files: readonly string[], options: ValidateOptions, io: CliIo): ExitCode {
  const features = offlineFeatures(options.features);
  const results = files.map((file) => checkConfigFile(file, features));
  if (options.json) {
    const report = results.map(({ file, valid, problems }) => ({ file, valid, problems }));
    println(io.stdout, JSON.stringify(report, undefined, 2));
  } else {
    const c = colorsFor(io.stdout);
    for (const result of results) {
      if (result.valid) {
        println(io.stdout, `${c.green('✔')} ${result.file}: valid`);
        continue;
      }
      const count = result.problems.length;
      println(io.stdout, `${c.red('✘')} ${result.file}: ${count} ${count === 1 ? 'problem' : 'problems'}`);
      for (const problem of result.problems) println(io.stdout, `  ${formatProblem(result.file, problem)}`);
    }
  }
  return results.every((r) => r.valid) ? ExitCode.OK : ExitCode.FAILED;
}
