import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MINIMAL_CONFIG, synthOperations, validatorOf } from './operations-fixture';
import { PersonalizeMlOpsPipeline } from '../../src';
import { PipelineSchedule, PipelineSchedules } from '../../src/operations';

const INLINE = JSON.stringify(MINIMAL_CONFIG);

function withSchedules(schedules: PipelineSchedule[] | ((stack: Stack) => PipelineSchedule[])) {
  return synthOperations((stack) => ({ schedules: typeof schedules === 'function' ? schedules(stack) : schedules }));
}

const stateMachineRef = { Ref: Match.stringLikeRegexp('^PipelineStateMachine') };

describe('PipelineSchedules', () => {
  test('an inline schedule starts the main state machine with the config as its input, in a flexible window, with retries and a dead-letter queue', () => {
    const { template } = withSchedules([{ name: 'daily-import', expression: 'rate(1 day)', inlineConfig: INLINE }]);
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 day)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      State: 'ENABLED',
      GroupName: Match.stringLikeRegexp('^Ops-Pipeline-Schedules-Group-'),
      Target: {
        Arn: stateMachineRef,
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineSchedulesdailyimportRole'), 'Arn'] },
        Input: INLINE,
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineSchedulesDeadLetterQueue'), 'Arn'] } },
      },
    });
  });

  test('a schedule of a stored config starts it with { configLocation }, and the validator may read exactly that object', () => {
    const { template } = withSchedules((stack) => [{
      name: 'weekly-full',
      expression: 'cron(0 3 ? * SUN *)',
      timeZone: 'Europe/Paris',
      configLocation: { bucket: s3.Bucket.fromBucketName(stack, 'Configs', 'my-configs'), key: 'schedules/full.json', versionId: 'v-9' },
    }]);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 ? * SUN *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      Target: { Input: JSON.stringify({ configLocation: { bucket: 'my-configs', key: 'schedules/full.json', versionId: 'v-9' } }) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineSchedulesweeklyfullReadConfigPolicy'),
      Roles: [{ Ref: Match.stringLikeRegexp('^PipelineFunctionsvalidateconfigrole') }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:GetObjectVersion'],
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::my-configs/schedules/full.json']] },
        }],
      },
    });
  });

  test('each schedule has its own role, assumable by Scheduler for this account and schedule group only', () => {
    const { template } = withSchedules([
      { name: 'a', expression: 'rate(1 day)', inlineConfig: INLINE },
      { name: 'b', expression: 'rate(7 days)', inlineConfig: INLINE },
    ]);
    const roles = template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'scheduler.amazonaws.com' } }] } } });
    expect(Object.keys(roles)).toHaveLength(2);
    for (const role of Object.values(roles)) {
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:SourceArn': { 'Fn::GetAtt': [expect.stringMatching(/^PipelineSchedulesGroup/), 'Arn'] } } },
      }]);
    }
  });

  test('a schedule\'s role may start the main state machine only, and send to the dead-letter queue only', () => {
    const { template } = withSchedules([{ name: 'a', expression: 'rate(1 day)', inlineConfig: INLINE }]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineSchedulesaRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'states:StartExecution', Resource: stateMachineRef },
          { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineSchedulesDeadLetterQueue'), 'Arn'] } },
        ],
      },
    });
  });

  test('the dead-letter queue is encrypted, TLS only, and keeps messages 14 days', () => {
    const { template } = withSchedules([{ name: 'a', expression: 'rate(1 day)', inlineConfig: INLINE }]);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test('the schedule group is removed with the stack (its name is derived from its path)', () => {
    const { template } = withSchedules([{ name: 'a', expression: 'rate(1 day)', inlineConfig: INLINE }]);
    template.hasResource('AWS::Scheduler::ScheduleGroup', { DeletionPolicy: 'Delete' });
  });

  test('window, state and retry policy follow the props; a zero window starts on time', () => {
    const { template } = withSchedules([
      { name: 'on-time', expression: 'at(2026-01-01T00:00:00)', inlineConfig: INLINE, flexibleWindow: Duration.minutes(0), enabled: false, retryAttempts: 0, maxEventAge: Duration.minutes(5) },
    ]);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'DISABLED',
      Target: { RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 } },
    });
  });

  test('with the pipeline\'s key, the schedules are encrypted with it and each role may decrypt with it', () => {
    const app = new App();
    const stack = new Stack(app, 'Ops', { env: { account: '123456789012', region: 'us-east-1' } });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', { encryptionKey: key });
    new PipelineSchedules(pipeline, 'Schedules', {
      schedules: [{ name: 'a', expression: 'rate(1 day)', inlineConfig: INLINE }],
      stateMachine: pipeline.stateMachine,
      validateFunction: validatorOf(pipeline),
      encryptionKey: key,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineSchedulesaRoleDefaultPolicy'),
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } }]) },
    });
  });

  test('a stored config in a KMS-encrypted bucket: the validator may decrypt with the bucket\'s key, through S3 only', () => {
    const { template } = withSchedules((stack) => {
      const key = new kms.Key(stack, 'BucketKey', { enableKeyRotation: true });
      const bucket = s3.Bucket.fromBucketAttributes(stack, 'Configs', { bucketName: 'my-configs', encryptionKey: key });
      return [{ name: 'a', expression: 'rate(1 day)', configLocation: { bucket, key: 'a.json' } }];
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineSchedulesaReadConfigPolicy'),
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BucketKey'), 'Arn'] },
          Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
        }]),
      },
    });
  });

  describe('props are checked at synth', () => {
    const schedule = (extra: Partial<PipelineSchedule>): PipelineSchedule => ({ name: 'a', expression: 'rate(1 day)', inlineConfig: INLINE, ...extra });
    test.each<[string, PipelineSchedule[] | ((stack: Stack) => PipelineSchedule[]), RegExp]>([
      ['no schedule', [], /^schedules must list at least one schedule .*got: \[\]$/],
      ['a bad name', [schedule({ name: 'weekly full' })], /^schedules\[0\]\.name must be 1 to 40 letters, digits and hyphens.*got: weekly full$/],
      ['a reserved name', [schedule({ name: 'Group' })], /^schedules\[0\]\.name must not be Group or DeadLetterQueue .*got: Group$/],
      ['a name twice', [schedule({}), schedule({})], /^schedules\[1\]\.name must be unique among the schedules, got: a twice$/],
      ['a bad expression', [schedule({ expression: 'every day' })], /^schedules\[0\]\.expression must be cron\(<6 fields>\), rate\(.*got: every day$/],
      ['a cron of five fields', [schedule({ expression: 'cron(0 3 * * ?)' })], /^schedules\[0\]\.expression must be .*got: cron\(0 3 \* \* \?\)$/],
      ['neither config', [{ name: 'a', expression: 'rate(1 day)' }], /^schedules\[0\] must have exactly one of inlineConfig and configLocation, got: neither$/],
      ['both configs', (stack) => [schedule({ configLocation: { bucket: s3.Bucket.fromBucketName(stack, 'B', 'bucket-b'), key: 'k' } })], /^schedules\[0\] must have exactly one of inlineConfig and configLocation, got: both$/],
      ['inline text that is not JSON', [schedule({ inlineConfig: '{ datasetGroup: 1 }' })], /^schedules\[0\]\.inlineConfig must be JSON text, got: /],
      ['inline JSON that is not an object', [schedule({ inlineConfig: '[1]' })], /^schedules\[0\]\.inlineConfig must be a JSON object \(the pipeline config\), got: \[1\]$/],
      ['an inline configLocation', [schedule({ inlineConfig: '{"configLocation":{}}' })], /^schedules\[0\]\.inlineConfig must be a pipeline config, not a configLocation/],
      ['a bad key', (stack) => [{ name: 'a', expression: 'rate(1 day)', configLocation: { bucket: s3.Bucket.fromBucketName(stack, 'B', 'bucket-b'), key: 'configs/*.json' } }],
        /^schedules\[0\]\.configLocation\.key must be an object key .*got: configs\/\*\.json$/],
      ['an unknown time zone', [schedule({ timeZone: 'Mars/Olympus' })], /^schedules\[0\]\.timeZone must be an IANA time zone .*got: Mars\/Olympus$/],
      ['a window over a day', [schedule({ flexibleWindow: Duration.hours(25) })], /^schedules\[0\]\.flexibleWindow must be whole minutes from 0 to 1440, got: 1 day 1 hour$/],
      ['a window in seconds', [schedule({ flexibleWindow: Duration.seconds(90) })], /^schedules\[0\]\.flexibleWindow must be whole minutes .*got: 1 minute 30 seconds$/],
      ['too many retries', [schedule({ retryAttempts: 186 })], /^schedules\[0\]\.retryAttempts must be an integer from 0 to 185, got: 186$/],
      ['an event age under a minute', [schedule({ maxEventAge: Duration.seconds(30) })], /^schedules\[0\]\.maxEventAge must be from 1 minute to 24 hours, got: 30 seconds$/],
    ])('%s', (_label, schedules, message) => {
      expect(() => withSchedules(schedules)).toThrow(message);
    });
  });
});
