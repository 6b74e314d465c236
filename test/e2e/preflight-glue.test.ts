import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PreProcessingJobType } from '../../src';
import { ALL_OPTIONS, localPipeline, sampleConfig, synthPipeline } from '../helpers/pipeline-fixture';

// The pre-flight asks Glue (GetJob) and S3 (ListObjectsV2) what a run's preprocessing needs, before any create: the
// Glue job the run starts, and the bundled job's input files. The runner's Glue and S3 faces answer the real SDK.

const INPUT = 's3://personalize-mlops-demo-data/raw/ml-latest-small/';

/** The pipeline's problems as the PREFLIGHT_FAILED event carries them. */
function refusal(runner: ReturnType<typeof localPipeline>): { path: string; message: string }[] | undefined {
  return runner.events.find((e) => e.detail.status === 'PREFLIGHT_FAILED')?.detail.problems;
}

describe('the Glue job a run starts, checked before anything is created', () => {
  test('a config naming a Glue job that does not exist is refused, naming preprocessing.jobName; nothing is created', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    config.preprocessing.jobName = 'no-such-preprocessing-job';
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(result.cause).toContain('- preprocessing.jobName: Glue job no-such-preprocessing-job does not exist');
    expect(refusal(runner)).toEqual([{ path: 'preprocessing.jobName', message: expect.stringContaining('no-such-preprocessing-job does not exist') }]);
    expect(runner.emulator.mutations()).toEqual([]);
    expect(runner.glue.runs).toEqual([]);
  });

  test('the pipeline\'s own job, deleted since it was deployed, is refused as well', async () => {
    const runner = localPipeline();
    const [own] = runner.template.glueJobs;
    runner.glue.removeJob(own);
    const result = await runner.run(sampleConfig('input_media'));
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(refusal(runner)).toEqual([{ path: 'preprocessing.jobName', message: expect.stringContaining(`Glue job ${own} does not exist`) }]);
    expect(runner.emulator.mutations()).toEqual([]);
  });

  test('a job of the config\'s own that exists runs', async () => {
    const runner = localPipeline();
    runner.glue.addJob('team-preprocessing');
    const config = sampleConfig('input_media');
    config.preprocessing.jobName = 'team-preprocessing';
    const result = await runner.run(config);
    expect(result.status).toBe('SUCCEEDED');
    expect(runner.glue.runs.map((r) => r.jobName)).toEqual(['team-preprocessing']);
  });

  test('the media sample still succeeds: its job exists and its input files are there', async () => {
    const runner = localPipeline();
    const result = await runner.run(sampleConfig('input_media'));
    expect(result.status).toBe('SUCCEEDED');
    expect(runner.glue.runs).toHaveLength(1);
  });
});

describe('the bundled job\'s input files, listed before anything is created', () => {
  test('a missing input file is refused at preprocessing, naming the object', async () => {
    const runner = localPipeline();
    runner.s3.delete(`${INPUT}ratings.csv`);
    const result = await runner.run(sampleConfig('input_media'));
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(refusal(runner)).toEqual([{ path: 'preprocessing', message: expect.stringContaining(`reads ${INPUT}ratings.csv, which does not exist`) }]);
    expect(runner.emulator.mutations()).toEqual([]);
    expect(runner.glue.runs).toEqual([]);
  });

  test('an --input_prefix argument outside the prefix the job\'s role may read is refused without a call', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    config.preprocessing.arguments['--input_prefix'] = 's3://another-bucket/raw/';
    config.preprocessing.arguments['--output_prefix'] = 's3://another-bucket/out/';
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(refusal(runner)?.map((p) => p.path)).toEqual(['preprocessing.arguments.--input_prefix', 'preprocessing.arguments.--output_prefix']);
    expect(runner.emulator.mutations()).toEqual([]);
  });

  test('an --input_prefix argument under the job\'s prefix is listed where the run will read', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    config.preprocessing.arguments['--input_prefix'] = `${INPUT}2026-01/`;
    const refused = await runner.run(config);
    expect(refusal(runner)?.map((p) => p.path)).toEqual(['preprocessing.arguments.--input_prefix', 'preprocessing.arguments.--input_prefix']);
    expect(refused.status).toBe('FAILED');

    const again = localPipeline();
    again.s3.put(`${INPUT}2026-01/ratings.csv`, `${INPUT}2026-01/movies.csv`);
    expect((await again.run(config)).status).toBe('SUCCEEDED');
  });
});

describe('the pre-flight role reads Glue and S3 no wider than the pipeline may use', () => {
  const statementsOf = (template: ReturnType<typeof synthPipeline>['template'], service: string) => Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy: any) => JSON.stringify(policy.Properties.Roles).includes('preflightrole'))
    .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement)
    .filter((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith(`${service}:`)));

  test('glue:GetJob on the bundled job only, and s3:ListBucket on its input bucket under its input prefix only', () => {
    const { template } = synthPipeline(ALL_OPTIONS);
    const jobRef = Object.keys(template.findResources('AWS::Glue::Job'))[0];
    expect(statementsOf(template, 'glue')).toEqual([{
      Effect: 'Allow',
      Action: 'glue:GetJob',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':glue:us-east-1:123456789012:job/', { Ref: jobRef }]] },
    }]);
    expect(statementsOf(template, 's3')).toEqual([{
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::personalize-mlops-demo-data']] },
      Condition: { StringLike: { 's3:prefix': ['raw/ml-latest-small/*'] } },
    }]);
  });

  test('with allowedJobNames, glue:GetJob on exactly the jobs the preprocessing flow may start', () => {
    const { template } = synthPipeline({ preProcessingConfig: { jobType: PreProcessingJobType.GLUE, allowedJobNames: ['team-a', 'team-b'] } });
    const arn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:glue:us-east-1:123456789012:job/${name}`]] });
    expect(statementsOf(template, 'glue')).toEqual([{ Effect: 'Allow', Action: 'glue:GetJob', Resource: [arn('team-a'), arn('team-b')] }]);
    expect(statementsOf(template, 's3')).toEqual([]);
    // The flow's start grant names the same jobs.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['glue:StartJobRun']), Resource: [arn('team-a'), arn('team-b')] })]) },
    });
  });

  test('with neither glueJob nor allowedJobNames, any job of the account, as for starts, and acknowledged with the same reason', () => {
    const { stack, template } = synthPipeline({ preProcessingConfig: { jobType: PreProcessingJobType.GLUE } });
    expect(statementsOf(template, 'glue')).toEqual([{
      Effect: 'Allow', Action: 'glue:GetJob', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':glue:us-east-1:123456789012:job/*']] },
    }]);
    expect(new AwsSolutionsChecks(stack.node.root).validateScope(stack).violations).toEqual([]);
  });

  test('without preprocessing, no Glue or S3 access at all', () => {
    const { template } = synthPipeline({});
    expect(statementsOf(template, 'glue')).toEqual([]);
    expect(statementsOf(template, 's3')).toEqual([]);
  });
});
