import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addOperations, everyOperation } from './operations-fixture';
import { PersonalizeMlOpsPipeline } from '../../src';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';
import { StackKind, STACK_KIND_ACCOUNT, STACK_KINDS } from '../helpers/stack-kinds';

const ACCOUNT = STACK_KIND_ACCOUNT;


/** Which buckets the configs are in: imported by name, or defined in the app (KMS-encrypted, versioned). */
type BucketKind = 'imported' | 'defined in the app';

/**
 * The maximal pipeline with every operations option on, with cdk-nag's AwsSolutions pack as its documented plugin
 * (at synth) and through `validateScope`; the findings of both.
 */
function synthesize(kind: StackKind, buckets: BucketKind, withKey: boolean) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'ops-nag-'));
  const app = new App({ context: kind.context, outdir });
  const stack = new Stack(app, 'Nag', { env: kind.env });
  const encryptionKey = withKey ? new kms.Key(stack, 'Key', { enableKeyRotation: true }) : undefined;
  const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', { ...ALL_OPTIONS, encryptionKey });
  const options = everyOperation(stack);
  if (buckets === 'defined in the app') {
    const logs = new s3.Bucket(stack, 'AccessLogs', { enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    // The access-log bucket of the user's own configs bucket: the user's finding, not the construct's.
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'The access-log bucket of the test app; it does not log itself.' });
    const bucket = new s3.Bucket(stack, 'Configs', {
      versioned: true,
      enforceSSL: true,
      encryptionKey: new kms.Key(stack, 'ConfigsKey', { enableKeyRotation: true }),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: logs,
    });
    addOperations(pipeline, { ...options, s3TriggeredRuns: { bucket } }, encryptionKey);
  } else {
    addOperations(pipeline, options, encryptionKey);
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const exitCodeBefore = process.exitCode;
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let synthFailed = false;
  process.exitCode = undefined;
  try {
    app.synth();
    synthFailed = process.exitCode === 1;
  } catch {
    synthFailed = true;
  } finally {
    process.exitCode = exitCodeBefore;
    quiet.mockRestore();
  }
  const file = ['validation-report.json', 'policy-validation-report.json'].map((name) => path.join(outdir, name)).find(existsSync);
  const report = file ? JSON.parse(readFileSync(file, 'utf8')) : { pluginReports: [{ pluginName: 'AwsSolutions', violations: [{ ruleName: 'no report' }] }] };
  const plugin = (report.pluginReports as any[])
    .filter((r) => (r.pluginName ?? r.summary?.pluginName) === 'AwsSolutions')
    .flatMap((r) => (r.violations as any[]).map((v) => v.ruleName));
  const rules = new AwsSolutionsChecks(app).validateScope(stack).violations.map((v) => v.ruleName).sort();
  return { stack, rules, plugin, synthFailed };
}

describe('cdk-nag AwsSolutions with schedules, S3-triggered runs and alarms all on', () => {
  test.each(Object.keys(STACK_KINDS))('no unacknowledged finding, on both paths (%s)', (kind) => {
    const { rules, plugin, synthFailed } = synthesize(STACK_KINDS[kind], 'imported', false);
    expect(rules).toEqual([]);
    expect(plugin).toEqual([]);
    expect(synthFailed).toBe(false);
  });

  test.each(['environment-agnostic', 'cdk init app, explicit env us-gov-west-1'])(
    'with the pipeline\'s key and a KMS-encrypted configs bucket defined in the app, no unacknowledged finding (%s)', (kind) => {
      const { rules, plugin, synthFailed } = synthesize(STACK_KINDS[kind], 'defined in the app', true);
      expect(rules).toEqual([]);
      expect(plugin).toEqual([]);
      expect(synthFailed).toBe(false);
    });

  test('the acknowledgements the operations parts add: the configs prefix and the two dead-letter queues, each with its reason', () => {
    const { stack } = synthesize(STACK_KINDS['cdk init app, explicit env us-east-1'], 'imported', false);
    const acks = stack.node.findAll()
      .filter((c) => /\/(Schedules|S3TriggeredRuns|Alarms)\//.test(c.node.path))
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acks.map(([id]) => id).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::my-pipeline-configs/configs/*]',
      'annotation::AwsSolutions-SQS3',
      'annotation::AwsSolutions-SQS3',
    ]);
    for (const [, reason] of acks) expect(reason.length).toBeGreaterThan(40);
  });

  test('a wildcard added to the configs policy for anything but reading is still a finding', () => {
    const app = new App();
    const stack = new Stack(app, 'Nag');
    const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline');
    const { s3TriggeredRuns } = addOperations(pipeline, everyOperation(stack));
    const policy = s3TriggeredRuns!.node.findChild('ReadConfigs').node.findChild('Policy') as iam.Policy;
    policy.addStatements(new iam.PolicyStatement({ actions: ['s3:DeleteObjectVersion'], resources: [s3.Bucket.fromBucketName(stack, 'Same', 'my-pipeline-configs').arnForObjects('configs/*')] }));
    app.synth();
    expect(new AwsSolutionsChecks(app).validateScope(stack).violations.map((v) => v.ruleName)).toEqual(['AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::my-pipeline-configs/configs/*]']);
  });
});

describe('two pipelines with every option on, in one stack', () => {
  test('synthesize without a name clash: no hard-coded name, every generated one distinct', () => {
    const app = new App();
    const stack = new Stack(app, 'Two', { env: { account: ACCOUNT, region: 'us-east-1' } });
    for (const id of ['First', 'Second']) {
      const pipeline = new PersonalizeMlOpsPipeline(stack, id, ALL_OPTIONS);
      addOperations(pipeline, everyOperation(stack, id));
    }
    const template = Template.fromStack(stack).toJSON();
    const resources = Object.values<any>(template.Resources);
    const count = (type: string) => resources.filter((r) => r.Type === type).length;
    expect([count('AWS::Scheduler::Schedule'), count('AWS::Scheduler::ScheduleGroup'), count('AWS::CloudWatch::Alarm'), count('AWS::SNS::Topic')]).toEqual([4, 2, 6, 2]);
    // The schedule groups' names (the only generated names in the template) differ; each group's schedules name it.
    const groups = resources.filter((r) => r.Type === 'AWS::Scheduler::ScheduleGroup').map((r) => r.Properties.Name);
    expect(new Set(groups).size).toBe(2);
    for (const r of resources.filter((x) => ['AWS::CloudWatch::Alarm', 'AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::Events::Rule'].includes(x.Type))) {
      expect(r.Properties.AlarmName ?? r.Properties.TopicName ?? r.Properties.QueueName ?? r.Properties.Name).toBeUndefined();
    }
  });
});
