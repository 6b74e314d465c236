import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ServiceLocation } from '../../planner/service-location';
import { CliError, fromAwsError } from '../errors';

/** The partition of a region by its prefix (source: AWS General Reference, "AWS partitions"). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  return 'aws';
}

/**
 * Where the planned resources live: the region given or the SDK's default, the account given or the one the
 * credentials belong to (STS GetCallerIdentity, which needs no permission), and the partition of the caller's ARN.
 */
export async function resolveLocation(region: string | undefined, account: string | undefined): Promise<ServiceLocation> {
  const sts = new STSClient(region ? { region } : {});
  try {
    let resolvedRegion: string | undefined;
    try {
      resolvedRegion = await sts.config.region();
    } catch (error) {
      throw fromAwsError(error, 'plan');
    }
    if (!resolvedRegion) throw new CliError('plan: no AWS region: pass --region or set AWS_REGION');
    if (account) {
      if (!/^\d{12}$/.test(account)) throw new CliError(`--account must be a 12-digit AWS account id, got: ${account}`);
      return { partition: partitionOf(resolvedRegion), region: resolvedRegion, account };
    }
    try {
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      return { partition: identity.Arn?.split(':')[1] || partitionOf(resolvedRegion), region: resolvedRegion, account: identity.Account! };
    } catch (error) {
      throw fromAwsError(error, 'plan: reading the account (STS GetCallerIdentity)');
    }
  } finally {
    sts.destroy();
  }
}
