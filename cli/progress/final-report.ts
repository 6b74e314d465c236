import { ExecutionView, formatElapsed, inTreeOrder } from './execution-view';
import { colorsFor } from '../colors';
import { ExitCode } from '../errors';
import { CliStream, println } from '../io';

/** A cause as Step Functions gives it, in full: pretty-printed when it is JSON, as it is otherwise. */
export function fullCause(cause: string): string {
  try {
    const value = JSON.parse(cause);
    if (value && typeof value === 'object') return JSON.stringify(value, undefined, 2);
  } catch {
    // Not JSON: shown as it is.
  }
  return cause;
}

function indent(text: string, by: string): string {
  return text.split('\n').map((line) => `${by}${line}`).join('\n');
}

/**
 * The outcome of a run: the main execution's status and time, then for a run that did not succeed its error and
 * cause in full, and each failed child's. Returns the exit code the status calls for.
 */
export function reportOutcome(stream: CliStream, main: ExecutionView, views: readonly ExecutionView[], now: number = Date.now()): ExitCode {
  const c = colorsFor(stream);
  const took = formatElapsed((main.stopDate?.getTime() ?? now) - main.startDate.getTime());
  const ok = main.status === 'SUCCEEDED';
  println(stream, '', `Execution ${main.arn}: ${ok ? c.green(main.status) : c.red(main.status)} in ${took}`);
  if (ok) return ExitCode.OK;
  if (main.error) println(stream, `  error: ${main.error}`);
  if (main.cause) println(stream, '  cause:', indent(fullCause(main.cause), '    '));
  const failed = inTreeOrder(views).map(({ view }) => view)
    .filter((v) => v.arn !== main.arn && v.status !== 'SUCCEEDED' && v.status !== 'RUNNING' && v.status !== 'ABORTED');
  if (failed.length > 0) {
    println(stream, `Failed flows (${failed.length}):`);
    for (const view of failed) {
      println(stream, `  ${view.label}: ${view.status}${view.error ? ` ${view.error}` : ''}`, `    execution: ${view.arn}`);
      if (view.cause) println(stream, indent(fullCause(view.cause), '    '));
    }
  }
  return ExitCode.FAILED;
}
