import { SFNClient } from '@aws-sdk/client-sfn';
import { EXECUTION_ARN, regionOfArn } from '../aws/arns';
import { CliError, ExitCode, fromAwsError } from '../errors';
import { CliIo } from '../io';
import { reportOutcome } from '../progress/final-report';
import { follow } from '../progress/follow';
import { progressFor } from '../progress/progress-display';
import { SfnExecutionTree } from '../progress/sfn-execution-tree';

/** Options of `watch` (and of `start`, which watches what it started). */
export interface WatchOptions {
  readonly region?: string;
  /** Seconds between polls. */
  readonly interval: number;
}

/**
 * `watch <executionArn>`: follows an execution and its child executions until it ends, then prints the outcome,
 * the failure cause in full. Exit code 0 when it succeeded, 1 when it failed, timed out or was aborted.
 */
export async function watchCommand(executionArn: string, options: WatchOptions, io: CliIo): Promise<ExitCode> {
  if (!EXECUTION_ARN.test(executionArn)) {
    throw new CliError(`<executionArn> must be a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>), got: ${executionArn}`);
  }
  const client = new SFNClient({ region: options.region ?? regionOfArn(executionArn) });
  try {
    return await followExecution(client, executionArn, options.interval, io);
  } finally {
    client.destroy();
  }
}

/** Follows an execution with a client; shared by `start`. */
export async function followExecution(client: SFNClient, executionArn: string, intervalSeconds: number, io: CliIo): Promise<ExitCode> {
  const tree = new SfnExecutionTree(client, executionArn);
  const display = progressFor(io.stdout);
  let views;
  try {
    views = await follow(tree, display, intervalSeconds * 1000);
  } catch (error) {
    display.finish([]);
    throw fromAwsError(error, `watch ${executionArn}`);
  }
  return reportOutcome(io.stdout, tree.main!, views);
}
