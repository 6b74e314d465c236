import { EntityNotFoundException, GetJobCommand, GlueClient, GlueServiceException } from '@aws-sdk/client-glue';
import { ListObjectsV2Command, NoSuchBucket, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { MEDIA, planOf } from './planner-fixture';
import { BundledGlueJob, bundledGlueJobFrom, checkPreprocessing } from '../../planner';

// The pre-flight's Glue and S3 checks on their own, with the clients mocked: which answer is a problem (and at which
// path), which is thrown for the state machine's Retry and Catch.

const glueMock = mockClient(GlueClient);
const s3Mock = mockClient(S3Client);
const glue = new GlueClient({ region: 'us-east-1' });
const s3 = new S3Client({ region: 'us-east-1' });
const JOB = 'personalize-mlops-preprocessing';
const BUNDLED: BundledGlueJob = { name: JOB, inputPrefix: 's3://data/raw/', outputPrefix: 's3://data/media/' };

const media = (change: (config: any) => void = () => undefined) => {
  const config = JSON.parse(JSON.stringify(MEDIA));
  change(config);
  return planOf(config);
};

beforeEach(() => {
  glueMock.reset();
  s3Mock.reset();
  glueMock.on(GetJobCommand).resolves({ Job: { Name: JOB } });
  s3Mock.on(ListObjectsV2Command).callsFake((input) => ({ Contents: [{ Key: input.Prefix }] }));
});

describe('the Glue job a run starts', () => {
  test('an existing job: no problem, one GetJob of the plan\'s job', async () => {
    expect(await checkPreprocessing(media(), { glue })).toEqual({ verdicts: [], problems: [] });
    expect(glueMock.commandCalls(GetJobCommand).map((c) => c.args[0].input)).toEqual([{ JobName: JOB }]);
  });

  test('a missing job (EntityNotFoundException) is a problem at preprocessing.jobName', async () => {
    glueMock.on(GetJobCommand).rejects(new EntityNotFoundException({ message: 'Job not found', $metadata: {} }));
    const { problems } = await checkPreprocessing(media((c) => { c.preprocessing.jobName = 'gone'; }), { glue });
    expect(problems).toEqual([{ path: 'preprocessing.jobName', message: expect.stringContaining('Glue job gone does not exist') }]);
  });

  test('a job the pipeline may not use (AccessDeniedException) is a problem naming allowedJobNames, not a pass', async () => {
    glueMock.on(GetJobCommand).rejects(new GlueServiceException({ name: 'AccessDeniedException', $fault: 'client', message: 'not authorized to perform glue:GetJob', $metadata: {} }));
    const { problems } = await checkPreprocessing(media((c) => { c.preprocessing.jobName = 'elsewhere'; }), { glue });
    expect(problems).toEqual([{ path: 'preprocessing.jobName', message: expect.stringMatching(/elsewhere may not be read \(AccessDeniedException: not authorized.*allowedJobNames/) }]);
  });

  test('other errors (throttling left after the SDK\'s retries) are thrown with their names', async () => {
    glueMock.on(GetJobCommand).rejects(new GlueServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', $metadata: {} }));
    await expect(checkPreprocessing(media(), { glue })).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  test('nothing is asked when the run does not preprocess, or without a Glue client', async () => {
    expect((await checkPreprocessing(media((c) => { c.preprocessing.run = false; }), { glue })).problems).toEqual([]);
    expect((await checkPreprocessing(media(), {})).problems).toEqual([]);
    expect(glueMock.commandCalls(GetJobCommand)).toEqual([]);
  });
});

describe('the bundled job\'s input files', () => {
  const services = { glue, s3, bundledGlueJob: BUNDLED };

  test('each file is listed (never read) under the input prefix', async () => {
    expect((await checkPreprocessing(media(), services)).problems).toEqual([]);
    expect(s3Mock.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'data', Prefix: 'raw/ratings.csv', MaxKeys: 1 },
      { Bucket: 'data', Prefix: 'raw/movies.csv', MaxKeys: 1 },
    ]);
  });

  test('the job\'s default --input_prefix is where it reads; a missing file is a problem at preprocessing', async () => {
    glueMock.on(GetJobCommand).resolves({ Job: { Name: JOB, DefaultArguments: { '--input_prefix': 's3://data/raw/v2' } } });
    s3Mock.on(ListObjectsV2Command).callsFake((input) => ({ Contents: input.Prefix.endsWith('movies.csv') ? [] : [{ Key: input.Prefix }] }));
    expect((await checkPreprocessing(media(), services)).problems).toEqual([
      { path: 'preprocessing', message: `the Glue job ${JOB} reads s3://data/raw/v2/movies.csv, which does not exist: upload it first` },
    ]);
  });

  test('a key that only starts with the file\'s name (ratings.csv.bak) does not count', async () => {
    s3Mock.on(ListObjectsV2Command).callsFake((input) => ({ Contents: [{ Key: `${input.Prefix}.bak` }] }));
    expect((await checkPreprocessing(media(), services)).problems.map((p) => p.message)).toEqual([
      expect.stringContaining('raw/ratings.csv, which does not exist'), expect.stringContaining('raw/movies.csv, which does not exist'),
    ]);
  });

  test('a missing bucket and a denied listing are problems; a fault of S3 is thrown', async () => {
    s3Mock.on(ListObjectsV2Command).rejects(new NoSuchBucket({ message: 'The specified bucket does not exist', $metadata: {} }));
    expect((await checkPreprocessing(media(), services)).problems).toEqual([{ path: 'preprocessing', message: `the Glue job ${JOB} reads from bucket data, which does not exist` }]);
    s3Mock.on(ListObjectsV2Command).rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access Denied', $metadata: {} }));
    expect((await checkPreprocessing(media(), services)).problems).toEqual([{ path: 'preprocessing', message: expect.stringContaining('cannot list s3://data/raw/ratings.csv (AccessDenied: Access Denied)') }]);
    s3Mock.on(ListObjectsV2Command).rejects(new S3ServiceException({ name: 'InternalError', $fault: 'server', message: 'We encountered an internal error', $metadata: {} }));
    await expect(checkPreprocessing(media(), services)).rejects.toMatchObject({ name: 'InternalError' });
  });

  test('prefix arguments outside the role\'s prefixes are problems at their argument, with no S3 call', async () => {
    const plan = media((c) => {
      c.preprocessing.arguments['--input_prefix'] = 's3://data/rawer/';
      c.preprocessing.arguments['--output_prefix'] = 's3://other/media/';
    });
    expect((await checkPreprocessing(plan, services)).problems).toEqual([
      { path: 'preprocessing.arguments.--input_prefix', message: `must be under s3://data/raw/ (the Glue job ${JOB}'s role may use nothing else), got: s3://data/rawer/` },
      { path: 'preprocessing.arguments.--output_prefix', message: `must be under s3://data/media/ (the Glue job ${JOB}'s role may use nothing else), got: s3://other/media/` },
    ]);
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toEqual([]);
  });

  test('another job than the bundled one: its inputs are its own role\'s business, not listed', async () => {
    expect((await checkPreprocessing(media((c) => { c.preprocessing.jobName = 'team-job'; }), services)).problems).toEqual([]);
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toEqual([]);
  });
});

test('BUNDLED_GLUE_JOB: absent is none; malformed is a configuration error', () => {
  expect(bundledGlueJobFrom(undefined)).toBeUndefined();
  expect(bundledGlueJobFrom(JSON.stringify(BUNDLED))).toEqual(BUNDLED);
  for (const bad of ['not json', '{"name":"x","inputPrefix":"raw/","outputPrefix":"s3://b/"}']) {
    expect(() => bundledGlueJobFrom(bad)).toThrow(expect.objectContaining({ name: 'PreflightConfigurationError' }));
  }
});
