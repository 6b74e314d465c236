import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { followExecution, WatchOptions } from './watch';
import { STATE_MACHINE_ARN } from '../aws/arns';
import { CliError, ExitCode, fromAwsError } from '../errors';
import { CliIo, println } from '../io';

/** How `start`, `start --fleet` and `forget` name the state machine to start and follow. */
export interface StartExecutionOptions extends WatchOptions {
  readonly stateMachine?: string;
  readonly stack?: string;
  readonly name?: string;
  readonly detach?: boolean;
}

/** Refuses anything but exactly one of `--state-machine <arn>` and `--stack <name>` (`command` names the caller). */
export function checkStateMachineChoice(options: StartExecutionOptions, command: string): void {
  if (Boolean(options.stateMachine) === Boolean(options.stack)) throw new CliError(`${command}: give one of --state-machine <arn> and --stack <name>`);
  if (options.stateMachine && !STATE_MACHINE_ARN.test(options.stateMachine)) {
    throw new CliError(`--state-machine must be a Step Functions state machine ARN, got: ${options.stateMachine}`);
  }
}

/** Starts one execution with `input`, prints its ARN, then follows it as `watch` does unless `--detach`. */
export async function startAndFollow(
  client: SFNClient, stateMachineArn: string, input: unknown, options: StartExecutionOptions, io: CliIo,
): Promise<ExitCode> {
  let executionArn: string;
  try {
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name: options.name }));
    executionArn = started.executionArn!;
  } catch (error) {
    throw fromAwsError(error, `start ${stateMachineArn}`);
  }
  println(io.stdout, `Started ${executionArn}`);
  if (options.detach) return ExitCode.OK;
  return followExecution(client, executionArn, options.interval, io);
}
