import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { synthOperations } from './operations-fixture';
import { S3TriggeredRunsOptions } from '../../src/operations';

function withTrigger(options: (stack: Stack) => S3TriggeredRunsOptions) {
  return synthOperations((stack) => ({ s3TriggeredRuns: options(stack) }));
}
const imported = (stack: Stack) => s3.Bucket.fromBucketName(stack, 'Configs', 'my-configs');
const stateMachineRef = { Ref: Match.stringLikeRegexp('^PipelineStateMachine') };
const dlqArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineS3TriggeredRunsDeadLetterQueue'), 'Arn'] };

describe('S3TriggeredRuns', () => {
  test('a versioned upload under the prefix with the suffix starts the main state machine with { configLocation: { bucket, key, versionId } }', () => {
    const { template } = withTrigger((stack) => ({ bucket: imported(stack) }));
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.absent(),
      EventPattern: {
        'source': ['aws.s3'],
        'detail-type': ['Object Created'],
        'detail': { bucket: { name: ['my-configs'] }, object: { 'key': [{ wildcard: 'configs/*.json' }], 'version-id': [{ exists: true }] } },
      },
      Targets: [{
        Arn: stateMachineRef,
        Id: 'Target0',
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineS3TriggeredRunsRole'), 'Arn'] },
        InputTransformer: {
          InputPathsMap: { 'detail-bucket-name': '$.detail.bucket.name', 'detail-object-key': '$.detail.object.key', 'detail-object-version-id': '$.detail.object.version-id' },
          InputTemplate: '{"configLocation":{"bucket":<detail-bucket-name>,"key":<detail-object-key>,"versionId":<detail-object-version-id>}}',
        },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: dlqArn },
      }],
    });
  });

  test('an upload to a bucket without versioning has a rule of its own, whose input names only paths its events have', () => {
    const { template } = withTrigger((stack) => ({ bucket: imported(stack) }));
    template.resourceCountIs('AWS::Events::Rule', 2);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { detail: { object: { 'key': [{ wildcard: 'configs/*.json' }], 'version-id': [{ exists: false }] } } },
      Targets: [Match.objectLike({
        InputTransformer: {
          InputPathsMap: { 'detail-bucket-name': '$.detail.bucket.name', 'detail-object-key': '$.detail.object.key' },
          InputTemplate: '{"configLocation":{"bucket":<detail-bucket-name>,"key":<detail-object-key>}}',
        },
      })],
    });
  });

  test('prefix, suffix and retry policy follow the props; an empty suffix matches every key under the prefix', () => {
    const { template } = withTrigger((stack) => ({ bucket: imported(stack), prefix: 'pipeline/in/', suffix: '', retryAttempts: 10, maxEventAge: Duration.hours(6) }));
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { detail: { object: { key: [{ prefix: 'pipeline/in/' }] } } },
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 21600 } })],
    });
  });

  test('its role is assumable by EventBridge for this account only, and may start the main state machine only', () => {
    const { template } = withTrigger((stack) => ({ bucket: imported(stack) }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineS3TriggeredRunsRoleDefaultPolicy'),
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: stateMachineRef }] },
    });
  });

  test('the dead-letter queue is encrypted, TLS only, and only these rules may send to it', () => {
    const { template } = withTrigger((stack) => ({ bucket: imported(stack) }));
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('VersionedUpload'), 'Arn'] } } } }),
          Match.objectLike({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('UnversionedUpload'), 'Arn'] } } } }),
        ],
      },
    });
  });

  test('the validator may read (GetObject, GetObjectVersion) under the prefix of that bucket only', () => {
    const { template } = withTrigger((stack) => ({ bucket: imported(stack) }));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineS3TriggeredRunsReadConfigsPolicy'),
      Roles: [{ Ref: Match.stringLikeRegexp('^PipelineFunctionsvalidateconfigrole') }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:GetObjectVersion'],
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::my-configs/configs/*']] },
        }],
      },
    });
  });

  test('a KMS-encrypted bucket: the validator may decrypt with its key, through S3 only', () => {
    const { template } = withTrigger((stack) => ({
      bucket: s3.Bucket.fromBucketAttributes(stack, 'Configs', { bucketName: 'my-configs', encryptionKey: new kms.Key(stack, 'BucketKey', { enableKeyRotation: true }) }),
    }));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineS3TriggeredRunsReadConfigsPolicy'),
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

  test('a bucket defined in the app gets its events sent to EventBridge by CloudFormation, with no custom resource or function', () => {
    const { template } = withTrigger((stack) => ({
      bucket: new s3.Bucket(stack, 'Configs', { versioned: true, enforceSSL: true, removalPolicy: RemovalPolicy.DESTROY }),
    }));
    template.hasResourceProperties('AWS::S3::Bucket', { NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } } });
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { detail: { bucket: { name: [{ Ref: Match.stringLikeRegexp('^Configs') }] } } } });
  });

  test('a bucket with notifications CDK manages (and rewrites whole) keeps EventBridge on in them', () => {
    const { template } = withTrigger((stack) => {
      const bucket = new s3.Bucket(stack, 'Configs', { removalPolicy: RemovalPolicy.DESTROY });
      bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.SqsDestination(new sqs.Queue(stack, 'Removed')));
      return { bucket };
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      Managed: true,
      NotificationConfiguration: { EventBridgeConfiguration: {}, QueueConfigurations: [Match.objectLike({ Events: ['s3:ObjectRemoved:*'] })] },
    });
  });

  test('an imported bucket is left as it is (its owner turns EventBridge on)', () => {
    const { template } = withTrigger((stack) => ({ bucket: imported(stack) }));
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
  });

  describe('props are checked at synth', () => {
    test.each<[string, Partial<S3TriggeredRunsOptions>, RegExp]>([
      ['a prefix with a leading slash', { prefix: '/configs/' }, /^s3TriggeredRuns\.prefix must be a key prefix .*got: "\/configs\/"$/],
      ['a prefix with a wildcard', { prefix: 'configs/*' }, /^s3TriggeredRuns\.prefix must be a key prefix .*got: "configs\/\*"$/],
      ['a suffix with a wildcard', { suffix: '*.json' }, /^s3TriggeredRuns\.suffix must be the end of a key \(no \* or \?\), got: "\*\.json"$/],
      ['too many retries', { retryAttempts: -1 }, /^s3TriggeredRuns\.retryAttempts must be an integer from 0 to 185, got: -1$/],
      ['an event age over a day', { maxEventAge: Duration.hours(25) }, /^s3TriggeredRuns\.maxEventAge must be from 1 minute to 24 hours, got: 1 day 1 hour$/],
    ])('%s', (_label, extra, message) => {
      expect(() => withTrigger((stack) => ({ bucket: imported(stack), ...extra }))).toThrow(message);
    });
  });
});
