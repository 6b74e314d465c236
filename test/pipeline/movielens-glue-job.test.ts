import { Match } from 'aws-cdk-lib/assertions';
import { ALL_FEATURES } from '../../lambda/shared/config/deployed-features';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';
import { GlueJobBookmarkOption, PreProcessingJobType } from '../../src';
import { synthPipeline } from '../helpers/pipeline-fixture';

const glueJob = { inputPrefix: 's3://raw-data/movielens/', outputPrefix: 's3://prepared-data/personalize' };

describe('the bundled Glue job', () => {
  test('is deployed from assets with the job arguments and worker settings', () => {
    const { template } = synthPipeline({ preProcessingConfig: { jobType: PreProcessingJobType.GLUE, glueJob: { ...glueJob, numberOfWorkers: 4 } } });
    template.resourceCountIs('AWS::Glue::Job', 1);
    template.hasResourceProperties('AWS::Glue::Job', {
      Name: Match.absent(),
      GlueVersion: '5.0',
      WorkerType: 'G.1X',
      NumberOfWorkers: 4,
      Command: { Name: 'glueetl', PythonVersion: '3', ScriptLocation: Match.anyValue() },
      DefaultArguments: Match.objectLike({
        '--input_prefix': 's3://raw-data/movielens/',
        '--output_prefix': 's3://prepared-data/personalize/',
        '--watch_threshold': '0',
        '--like_threshold': '4',
        '--extra-py-files': Match.anyValue(),
      }),
    });
  });

  test('runs without a bookmark, with metrics and continuous logs, by default', () => {
    const { template } = synthPipeline({ preProcessingConfig: { jobType: PreProcessingJobType.GLUE, glueJob } });
    template.hasResourceProperties('AWS::Glue::Job', {
      DefaultArguments: Match.objectLike({
        '--job-bookmark-option': 'job-bookmark-disable',
        '--enable-metrics': 'true',
        '--enable-continuous-cloudwatch-log': 'true',
      }),
    });
  });

  test('passes the bookmark option it is given', () => {
    const settings = { ...glueJob, jobBookmarkOption: GlueJobBookmarkOption.ENABLE };
    const { template } = synthPipeline({ preProcessingConfig: { jobType: PreProcessingJobType.GLUE, glueJob: settings } });
    template.hasResourceProperties('AWS::Glue::Job', { DefaultArguments: Match.objectLike({ '--job-bookmark-option': 'job-bookmark-enable' }) });
  });

  test('its role reads the input prefix and writes the output prefix only', () => {
    const { template } = synthPipeline({ preProcessingConfig: { jobType: PreProcessingJobType.GLUE, glueJob } });
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p: any) => JSON.stringify(p.Properties.Roles).includes('GlueJobRole'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const s3 = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('s3:Put') || a === 's3:DeleteObject'));
    expect(s3.map((s: any) => s.Resource)).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::prepared-data/personalize/*']] }]);
    const reads = statements.filter((s: any) => s.Action === 's3:GetObject');
    expect(JSON.stringify(reads)).toContain(':s3:::raw-data/movielens/*');
    const lists = statements.filter((s: any) => s.Action === 's3:ListBucket');
    expect(lists.map((s: any) => s.Condition)).toEqual([{ StringLike: { 's3:prefix': ['movielens/*'] } }, { StringLike: { 's3:prefix': ['personalize/*'] } }]);
  });

  test('the preprocessing step may run the deployed job only, unless more are allowed', () => {
    const { template } = synthPipeline({ preProcessingConfig: { jobType: PreProcessingJobType.GLUE, glueJob } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['glue:StartJobRun', 'glue:GetJobRun', 'glue:GetJobRuns', 'glue:BatchStopJobRun'],
          Resource: { 'Fn::Join': ['', Match.arrayWith([{ Ref: Match.stringLikeRegexp('GlueJob') }])] },
        })]),
      },
    });
  });

  test.each([
    [{ ...glueJob, inputPrefix: 'raw-data/movielens' }, /glueJob.inputPrefix must be an S3 URI such as s3:\/\/bucket\/folder\/, got: raw-data\/movielens/],
    [{ ...glueJob, watchThreshold: 4.5, likeThreshold: 4 }, /0 <= watchThreshold <= likeThreshold <= 5, got: 4.5 and 4/],
    [{ ...glueJob, numberOfWorkers: 1 }, /glueJob.numberOfWorkers must be an integer of at least 2, got: 1/],
    [{ ...glueJob, jobBookmarkOption: 'bookmark' as GlueJobBookmarkOption }, /glueJob.jobBookmarkOption must be one of job-bookmark-enable, job-bookmark-disable, job-bookmark-pause, got: bookmark/],
  ])('bad settings are refused at synth: %j', (settings, message) => {
    expect(() => synthPipeline({ preProcessingConfig: { jobType: PreProcessingJobType.GLUE, glueJob: settings } })).toThrow(message);
  });

  test('a config that names no job is refused when no job was deployed', () => {
    const config = { preprocessing: { run: true }, datasetGroup: { serviceConfig: { name: 'G' }, datasets: [] } };
    const withoutJob = { ...ALL_FEATURES, glueJobName: undefined };
    expect(validatePipelineConfig(config, withoutJob).message).toContain('preprocessing.jobName: is required');
    expect(validatePipelineConfig(config, { ...ALL_FEATURES, glueJobName: 'Deployed' }).plan?.preprocessing.jobName).toBe('Deployed');
  });
});
