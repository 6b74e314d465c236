import { DescribeStateMachineCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { StartOptions } from './start';
import { followExecution } from './watch';
import { regionOfArn, STATE_MACHINE_ARN } from '../aws/arns';
import { CliError, ExitCode, fromAwsError } from '../errors';
import { CliIo, println } from '../io';

/** The output the example app gives the fleet state machine's ARN. */
export const FLEET_OUTPUT_KEY = 'FleetStateMachineArn';

const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/**
 * `start --fleet s3://bucket/prefix/`: starts a pipeline's fleet state machine (given, or found in a stack's
 * `FleetStateMachineArn` output) with `{ prefix }` (`{}` for the bucket alone: every config under the fleet's own
 * prefix) and follows it as `watch` does. The fleet lists one bucket, which its definition names: another bucket is
 * refused before anything starts.
 */
export async function startFleetCommand(
  uri: string, options: StartOptions, io: CliIo,
  stateMachineOfStack: (stack: string, region: string | undefined, outputKey: string) => Promise<string>,
): Promise<ExitCode> {
  const match = S3_URI.exec(uri);
  if (!match) throw new CliError(`--fleet must be an S3 URI, s3://<bucket>/<prefix>, got: ${uri}`);
  const [, bucket, prefix = ''] = match;
  if (Boolean(options.stateMachine) === Boolean(options.stack)) throw new CliError('start --fleet: give one of --state-machine <arn> and --stack <name>');
  if (options.stateMachine && !STATE_MACHINE_ARN.test(options.stateMachine)) {
    throw new CliError(`--state-machine must be a Step Functions state machine ARN, got: ${options.stateMachine}`);
  }
  const stateMachineArn = options.stateMachine ?? await stateMachineOfStack(options.stack!, options.region, FLEET_OUTPUT_KEY);
  const client = new SFNClient({ region: options.region ?? regionOfArn(stateMachineArn) });
  try {
    const listed = await fleetBucketOf(client, stateMachineArn);
    if (listed !== bucket) throw new CliError(`--fleet: the fleet state machine ${stateMachineArn} runs the configs of s3://${listed}/, got: ${uri}`);
    let executionArn: string;
    try {
      const input = prefix ? { prefix } : {};
      const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name: options.name }));
      executionArn = started.executionArn!;
    } catch (error) {
      throw fromAwsError(error, `start ${stateMachineArn}`);
    }
    println(io.stdout, `Started ${executionArn}`);
    if (options.detach) return ExitCode.OK;
    return await followExecution(client, executionArn, options.interval, io);
  } finally {
    client.destroy();
  }
}

/** The bucket a fleet state machine's Distributed Map lists (its ItemReader's Bucket). */
async function fleetBucketOf(client: SFNClient, stateMachineArn: string): Promise<string> {
  let definition: any;
  try {
    definition = JSON.parse((await client.send(new DescribeStateMachineCommand({ stateMachineArn }))).definition ?? '{}');
  } catch (error) {
    throw fromAwsError(error, `start --fleet: reading ${stateMachineArn}`);
  }
  const reader = Object.values<any>(definition.States ?? {}).find((state) => state.ItemReader?.Parameters?.Bucket)?.ItemReader;
  if (!reader) throw new CliError(`start --fleet: ${stateMachineArn} is not a fleet state machine (no Distributed Map listing a bucket)`);
  return reader.Parameters.Bucket;
}
