import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { StartOptions } from './start';
import { checkStateMachineChoice, startAndFollow } from './start-execution';
import { regionOfArn } from '../aws/arns';
import { CliError, ExitCode, fromAwsError } from '../errors';
import { CliIo } from '../io';

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
  checkStateMachineChoice(options, 'start --fleet');
  const stateMachineArn = options.stateMachine ?? await stateMachineOfStack(options.stack!, options.region, FLEET_OUTPUT_KEY);
  const client = new SFNClient({ region: options.region ?? regionOfArn(stateMachineArn) });
  try {
    const listed = await fleetBucketOf(client, stateMachineArn);
    if (listed !== bucket) throw new CliError(`--fleet: the fleet state machine ${stateMachineArn} runs the configs of s3://${listed}/, got: ${uri}`);
    return await startAndFollow(client, stateMachineArn, prefix ? { prefix } : {}, options, io);
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
