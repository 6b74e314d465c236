import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { synthOperations } from './operations-fixture';
import { PersonalizeMlOpsPipeline } from '../../src';
import { PipelineAlarms, PipelineAlarmsOptions } from '../../src/operations';

function withAlarms(options: PipelineAlarmsOptions | ((stack: Stack) => PipelineAlarmsOptions) = {}) {
  return synthOperations((stack) => ({ alarms: typeof options === 'function' ? options(stack) : options }));
}
const stateMachineRef = { Ref: Match.stringLikeRegexp('^PipelineStateMachine') };
const topicRef = { Ref: Match.stringLikeRegexp('^PipelineAlarmsTopic') };

describe('PipelineAlarms', () => {
  test.each([
    ['FailedExecutions', 'ExecutionsFailed', 'failed'],
    ['TimedOutExecutions', 'ExecutionsTimedOut', 'timed out'],
    ['AbortedExecutions', 'ExecutionsAborted', 'was aborted'],
  ])('%s: one execution in 5 minutes sets it off, no execution is no failure, and it notifies the topic', (_id, metric, what) => {
    const { template } = withAlarms();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/States',
      MetricName: metric,
      Dimensions: [{ Name: 'StateMachineArn', Value: stateMachineRef }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [topicRef],
      AlarmDescription: `personalize-mlops: an execution of the pipeline's main state machine ${what}`,
      AlarmName: Match.absent(),
    });
  });

  test('the created topic is encrypted with a key of its own, with rotation, and TLS only', () => {
    const { template } = withAlarms();
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineAlarmsTopicKey'), 'Arn'] }, TopicName: Match.absent() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('alarm and failure notifications') });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('the key lets CloudWatch and EventBridge use it to publish to the topic', () => {
    const { template } = withAlarms();
    const key = Object.values(template.findResources('AWS::KMS::Key'))[0];
    const statements = key.Properties.KeyPolicy.Statement as any[];
    for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com']) {
      expect(statements).toContainEqual(expect.objectContaining({
        Effect: 'Allow', Principal: { Service: service }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*',
      }));
    }
  });

  test('the topic accepts this account\'s alarms and this rule\'s events', () => {
    const { template } = withAlarms();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:us-east-1:123456789012:alarm:*']] } },
            },
          }),
          Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'events.amazonaws.com' } }),
        ]),
      },
    });
  });

  test('a rule on the pipeline\'s bus sends its failure events of both detail-types, of this pipeline\'s executions only, with a readable summary', () => {
    const { template } = withAlarms();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('^PipelineEventBus') },
      EventPattern: {
        'source': ['personalize-mlops'],
        'detail-type': ['Personalize Pipeline Status Change', 'Personalize Resource Status Change'],
        'detail': {
          status: ['FAILED', 'INVALID_CONFIG', 'PREFLIGHT_FAILED'],
          pipelineExecutionArn: [{
            prefix: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:us-east-1:123456789012:execution:', { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineStateMachine'), 'Name'] }, ':']] },
          }],
        },
      },
      Targets: [{
        Arn: topicRef,
        Id: 'Target0',
        InputTransformer: {
          InputPathsMap: { 'detail-status': '$.detail.status', 'detail-type': '$.detail-type', 'detail-pipelineExecutionArn': '$.detail.pipelineExecutionArn', 'time': '$.time', 'detail': '$.detail' },
          InputTemplate: '{"summary":"personalize-mlops: <detail-status> (<detail-type>) in execution <detail-pipelineExecutionArn>","time":<time>,"detail":<detail>}',
        },
      }],
    });
  });

  test('notifyStatuses and period follow the props', () => {
    const { template } = withAlarms({ notifyStatuses: ['FAILED'], period: Duration.minutes(15) });
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { detail: { status: ['FAILED'] } } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Period: 900 });
  });

  test('an e-mail address is subscribed to the topic; none by default', () => {
    withAlarms().template.resourceCountIs('AWS::SNS::Subscription', 0);
    withAlarms({ emailAddress: 'ops@example.com' }).template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: topicRef });
  });

  test('an existing topic receives the alarms and events, and no topic or key is created', () => {
    const { template } = withAlarms((stack) => ({ existingTopic: sns.Topic.fromTopicArn(stack, 'Ops', 'arn:aws:sns:us-east-1:123456789012:ops') }));
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: ['arn:aws:sns:us-east-1:123456789012:ops'] });
    template.hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ Arn: 'arn:aws:sns:us-east-1:123456789012:ops' })] });
  });

  test('with the pipeline\'s key, the topic is encrypted with it and no key is created', () => {
    const app = new App();
    const stack = new Stack(app, 'Ops', { env: { account: '123456789012', region: 'us-east-1' } });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', { encryptionKey: key });
    new PipelineAlarms(pipeline, 'Alarms', { stateMachine: pipeline.stateMachine, eventBus: pipeline.eventBus, eventSource: pipeline.eventSource, encryptionKey: key });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
  });

  test('the metric accessors count the main state machine\'s executions over the period, for users\' own dashboards', () => {
    const { alarms, stack } = withAlarms({ period: Duration.minutes(10) });
    for (const [metric, name] of [
      [alarms!.metricFailedExecutions(), 'ExecutionsFailed'],
      [alarms!.metricTimedOutExecutions(), 'ExecutionsTimedOut'],
      [alarms!.metricAbortedExecutions({ period: Duration.hours(1) }), 'ExecutionsAborted'],
    ] as const) {
      expect(metric.namespace).toBe('AWS/States');
      expect(metric.metricName).toBe(name);
      expect(metric.statistic).toBe('Sum');
      expect(stack.resolve(metric.dimensions)).toEqual({ StateMachineArn: { Ref: expect.stringMatching(/^PipelineStateMachine/) } });
    }
    expect(alarms!.metricFailedExecutions().period.toMinutes()).toBe(10);
    expect(alarms!.metricAbortedExecutions({ period: Duration.hours(1) }).period.toMinutes()).toBe(60);
  });

  describe('props are checked at synth', () => {
    test.each<[string, (stack: Stack) => PipelineAlarmsOptions, RegExp]>([
      ['both an existing topic and topic props', (stack) => ({ existingTopic: sns.Topic.fromTopicArn(stack, 'T', 'arn:aws:sns:us-east-1:123456789012:t'), topicProps: {} }),
        /^alarms\.existingTopic and alarms\.topicProps must not both be given, got: both/],
      ['an e-mail address that is not one', () => ({ emailAddress: 'ops at example.com' }), /^alarms\.emailAddress must be an e-mail address, got: ops at example\.com$/],
      ['a period in seconds', () => ({ period: Duration.seconds(90) }), /^alarms\.period must be whole minutes, at least 1, got: 1 minute 30 seconds$/],
      ['no status to notify', () => ({ notifyStatuses: [] }), /^alarms\.notifyStatuses must list at least one status .*got: \[\]$/],
    ])('%s', (_label, options, message) => {
      expect(() => withAlarms(options)).toThrow(message);
    });
  });
});
