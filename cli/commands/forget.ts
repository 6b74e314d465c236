import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startCommand, StartOptions } from './start';
import { CliError, ExitCode } from '../errors';
import { CliIo } from '../io';

/** Options of `forget`: those of `start`, the config, and the deletion job's own. */
export interface ForgetOptions extends Omit<StartOptions, 'fleet'> {
  readonly config: string;
  /** The job's name; default: `forget-` and a hash of the file's URI, so the same file is one job (not repeated). */
  readonly jobName?: string;
  /** The role Personalize reads the CSV with; default: the config's first import job's roleArn. */
  readonly roleArn?: string;
  /** False with `--no-retrain`. */
  readonly retrain: boolean;
}

/** The users CSV: an S3 URI (API reference, CreateDataDeletionJob: dataSource.dataLocation). */
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+$/;

/**
 * `forget <s3://…/users.csv> --config <config.json>`: the config with a `datasetGroup.dataDeletionJob` for that file
 * (`createNewJob` true, `retrain` unless `--no-retrain`), started and followed as `start` does. The job's name comes
 * from the file's URI, so running the command again for the same file repeats nothing (a COMPLETED job is not re-run).
 */
export async function forgetCommand(usersCsv: string, options: ForgetOptions, io: CliIo): Promise<ExitCode> {
  if (!S3_URI.test(usersCsv)) throw new CliError(`forget: the users file must be an S3 URI of a CSV (s3://<bucket>/<key>), got: ${usersCsv}`);
  let config: any;
  try {
    config = JSON.parse(readFileSync(options.config, 'utf8'));
  } catch (error) {
    throw new CliError(`forget: cannot read the config ${options.config}: ${(error as Error).message}`);
  }
  const group = config?.datasetGroup;
  if (typeof group !== 'object' || group === null) throw new CliError(`forget: ${options.config} has no datasetGroup`);
  const importRoles = (group.datasets ?? []).map((d: any) => d?.datasetImportJob?.serviceConfig?.roleArn);
  const roleArn = options.roleArn ?? importRoles.find((r: unknown) => typeof r === 'string');
  if (!roleArn) throw new CliError('forget: give --role-arn (the role Personalize reads the CSV with): the config has no import job role to use');
  const jobName = options.jobName ?? `forget-${createHash('sha256').update(usersCsv).digest('hex').slice(0, 16)}`;
  const serviceConfig = { jobName, dataSource: { dataLocation: usersCsv }, roleArn };
  group.dataDeletionJob = { createNewJob: true, retrain: options.retrain, serviceConfig };
  const dir = mkdtempSync(path.join(tmpdir(), 'personalize-mlops-forget-'));
  const file = path.join(dir, path.basename(options.config));
  try {
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    return await startCommand(file, options, io);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
