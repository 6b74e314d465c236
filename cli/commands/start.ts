import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SFNClient } from '@aws-sdk/client-sfn';
import { checkStateMachineChoice, startAndFollow, StartExecutionOptions } from './start-execution';
import { startFleetCommand } from './start-fleet';
import { regionOfArn, STATE_MACHINE_ARN } from '../aws/arns';
import { checkConfigFile, formatProblem } from '../config/config-file';
import { offlineFeatures } from '../config/offline-features';
import { CliError, ExitCode, fromAwsError } from '../errors';
import { CliIo, println } from '../io';

/** Options of `start`. */
export interface StartOptions extends StartExecutionOptions {
  readonly features?: string;
  /** False with `--no-validate`. */
  readonly validate: boolean;
  /** `s3://bucket/prefix/`: start the fleet state machine on that prefix instead of a config (see start-fleet.ts). */
  readonly fleet?: string;
}

/** The output the example app and the README give the main state machine's ARN. */
const OUTPUT_KEY = 'StateMachineArn';

/**
 * `start <config.json>`: validates the config offline, starts the pipeline's main state machine with it (given, or
 * found in a stack's outputs) and follows it as `watch` does. Exit code by the execution's final status.
 */
export async function startCommand(file: string | undefined, options: StartOptions, io: CliIo): Promise<ExitCode> {
  if (options.fleet !== undefined) {
    if (file !== undefined) throw new CliError('start: give a config file or --fleet s3://<bucket>/<prefix>, not both');
    return startFleetCommand(options.fleet, options, io, stateMachineOfStack);
  }
  if (file === undefined) throw new CliError('start: give a config file, or --fleet s3://<bucket>/<prefix>');
  checkStateMachineChoice(options, 'start');
  const checked = checkConfigFile(file, offlineFeatures(options.features));
  if (checked.document === undefined || (options.validate && !checked.valid)) {
    for (const problem of checked.problems) println(io.stderr, formatProblem(file, problem));
    println(io.stderr, `start: ${file} is not a valid config; nothing was started${checked.document === undefined ? '' : ' (--no-validate leaves it to the pipeline)'}`);
    return ExitCode.FAILED;
  }
  const stateMachineArn = options.stateMachine ?? await stateMachineOfStack(options.stack!, options.region);
  const client = new SFNClient({ region: options.region ?? regionOfArn(stateMachineArn) });
  try {
    return await startAndFollow(client, stateMachineArn, checked.document, options, io);
  } finally {
    client.destroy();
  }
}

/** The main state machine of a deployed stack: its `StateMachineArn` output, or its only state machine ARN output. */
async function stateMachineOfStack(stackName: string, region: string | undefined, outputKey = OUTPUT_KEY): Promise<string> {
  const cloudFormation = new CloudFormationClient(region ? { region } : {});
  try {
    const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    const outputs = stack?.Outputs ?? [];
    const named = outputs.find((o) => o.OutputKey === outputKey)?.OutputValue;
    if (named) return named;
    if (outputKey !== OUTPUT_KEY) throw new CliError(`start: stack ${stackName} has no '${outputKey}' output; add a CfnOutput '${outputKey}' with the pipeline's fleetStateMachine.stateMachineArn, or pass --state-machine`);
    const machines = outputs.filter((o) => STATE_MACHINE_ARN.test(o.OutputValue ?? ''));
    if (machines.length === 1) return machines[0].OutputValue!;
    throw new CliError(`start: stack ${stackName} has ${machines.length ? `several state machine outputs (${machines.map((o) => o.OutputKey).join(', ')})` : 'no state machine output'}`
      + `; add a CfnOutput '${OUTPUT_KEY}' with the pipeline's stateMachine.stateMachineArn, or pass --state-machine`);
  } catch (error) {
    throw fromAwsError(error, `start: reading stack ${stackName}`);
  } finally {
    cloudFormation.destroy();
  }
}
