import { GetJobCommand, GlueClient, Job } from '@aws-sdk/client-glue';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Findings, noFindings, PreflightProblem } from './preflight-result';
import { ExecutionPlan } from '../lambda/shared/config/execution-plan';

/** The Glue job the construct deploys (`preProcessingConfig.glueJob`) and the S3 prefixes its role is scoped to. */
export interface BundledGlueJob {
  readonly name: string;
  /** `s3://bucket/prefix/`: the job's role reads under it only, and the pre-flight may list under it only. */
  readonly inputPrefix: string;
  /** `s3://bucket/prefix/`: the job's role writes under it only. */
  readonly outputPrefix: string;
}

/** What the pre-flight reads besides Personalize. */
export interface PreflightServices {
  /**
   * Glue, for the job a run starts (`glue:GetJob`). Without it the job is not checked: the command line has no
   * job name to check when it plans without a deployment's features.
   */
  readonly glue?: GlueClient;
  /** S3, for the bundled job's input files (`s3:ListBucket` under its input prefix); used only with `bundledGlueJob`. */
  readonly s3?: S3Client;
  /** The construct's own job; absent when the pipeline deployed none. */
  readonly bundledGlueJob?: BundledGlueJob;
}

/** Files the bundled job needs under its input prefix (docs/preprocessing.md; users.csv is optional). */
export const BUNDLED_JOB_INPUT_FILES = ['ratings.csv', 'movies.csv'];

const JOB_PATH = 'preprocessing.jobName';
const S3_URI = /^s3:\/\/([^/]+)\/(.*)$/;

/** Reads the construct's `BUNDLED_GLUE_JOB` environment value (JSON); absent or empty: none. */
export function bundledGlueJobFrom(text: string | undefined): BundledGlueJob | undefined {
  if (!text) return undefined;
  let parsed: Partial<BundledGlueJob> = {};
  try {
    parsed = JSON.parse(text) ?? {};
  } catch {
    // Reported below, as any other malformed value.
  }
  if (typeof parsed.name !== 'string' || !S3_URI.test(parsed.inputPrefix ?? '') || !S3_URI.test(parsed.outputPrefix ?? '')) {
    throw Object.assign(new Error(`BUNDLED_GLUE_JOB must be { name, inputPrefix, outputPrefix }, got: ${text}`), { name: 'PreflightConfigurationError' });
  }
  return parsed as BundledGlueJob;
}

/**
 * The Glue job a run will start exists and the pipeline may use it: `GetJob` answers EntityNotFoundException for a
 * missing job (Glue API reference, GetJob: Errors, https://docs.aws.amazon.com/glue/latest/webapi/API_GetJob.html), and
 * AccessDeniedException for a job outside the pre-flight's grant, which is the flow's `glue:StartJobRun` grant (the
 * deployed job and `allowedJobNames`): a start would be denied too. For the bundled job, also that its input files are
 * there and that the config's prefix arguments stay inside the prefixes its role may use. Other errors are thrown.
 */
export async function checkPreprocessing(plan: ExecutionPlan, services: PreflightServices): Promise<Findings> {
  const findings = noFindings();
  const { run, jobName, arguments: args } = plan.preprocessing;
  if (!run || !services.glue) return findings;
  let job: Job | undefined;
  try {
    job = (await services.glue.send(new GetJobCommand({ JobName: jobName }))).Job;
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'EntityNotFoundException') {
      findings.problems.push({ path: JOB_PATH, message: `Glue job ${jobName} does not exist in this account and region: create it, or name another job` });
      return findings;
    }
    if (name === 'AccessDeniedException') {
      findings.problems.push({
        path: JOB_PATH,
        message: `Glue job ${jobName} may not be read (AccessDeniedException: ${(error as Error).message}); the pipeline may run only the jobs `
          + 'of preProcessingConfig.allowedJobNames and its own glueJob',
      });
      return findings;
    }
    throw error;
  }
  const bundled = services.bundledGlueJob;
  if (!bundled || jobName !== bundled.name) return findings;
  const outside = (key: string, scope: string) => args[key] !== undefined && !args[key].startsWith(scope)
    ? [{ path: `preprocessing.arguments.${key}`, message: `must be under ${scope} (the Glue job ${jobName}'s role may use nothing else), got: ${args[key]}` }]
    : [];
  const scoped = [...outside('--input_prefix', bundled.inputPrefix), ...outside('--output_prefix', bundled.outputPrefix)];
  if (scoped.length > 0) {
    findings.problems.push(...scoped);
    return findings;
  }
  if (services.s3) {
    // The run's arguments override the job's default arguments (Glue API reference, StartJobRun: Arguments).
    const inputPrefix = args['--input_prefix'] ?? job?.DefaultArguments?.['--input_prefix'] ?? bundled.inputPrefix;
    const path = args['--input_prefix'] !== undefined ? 'preprocessing.arguments.--input_prefix' : 'preprocessing';
    findings.problems.push(...await checkInputFiles(services.s3, jobName, inputPrefix, path));
  }
  return findings;
}

/**
 * Each input file is listed, never read: `ListObjectsV2` with the file's key as the prefix needs `s3:ListBucket` only
 * (S3 API reference, ListObjectsV2: Permissions, https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html),
 * which the construct grants with an `s3:prefix` condition on the input prefix.
 */
async function checkInputFiles(s3: S3Client, jobName: string, inputPrefix: string, path: string): Promise<PreflightProblem[]> {
  const match = S3_URI.exec(inputPrefix);
  if (!match) return [{ path, message: `the Glue job ${jobName} reads ${inputPrefix}, which is not an s3://bucket/prefix/ URI` }];
  const [, bucket, folder] = match;
  const prefix = folder === '' || folder.endsWith('/') ? folder : `${folder}/`;
  const problems: PreflightProblem[] = [];
  for (const file of BUNDLED_JOB_INPUT_FILES) {
    const key = `${prefix}${file}`;
    try {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 }));
      if (!(page.Contents ?? []).some((object) => object.Key === key)) {
        problems.push({ path, message: `the Glue job ${jobName} reads s3://${bucket}/${key}, which does not exist: upload it first` });
      }
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'NoSuchBucket') return [{ path, message: `the Glue job ${jobName} reads from bucket ${bucket}, which does not exist` }];
      if (name === 'AccessDenied' || name === 'AccessDeniedException') {
        return [{ path, message: `cannot list s3://${bucket}/${key} (${name}: ${(error as Error).message}): the Glue job ${jobName} reads it` }];
      }
      throw error;
    }
  }
  return problems;
}
