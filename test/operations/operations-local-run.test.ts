import { GetObjectCommand, NoSuchKey, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { InputTransformer, matchesPattern, objectCreated, transformInput } from './eventbridge-model';
import { MINIMAL_CONFIG, OperationsOptions, synthOperations } from './operations-fixture';
import { LocalPipelineRunner, RecordedEvent } from '../../simulator/runner/local-pipeline-runner';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { TemplateResolver } from '../../simulator/runner/template-resolver';

// Each part, end to end in the local runner against the emulator: the event or schedule as EventBridge would turn it
// into the main state machine's input (the synthesized pattern, input transformer or schedule input), then the
// synthesized state machines with the validator reading S3 (aws-sdk-client-mock) and Personalize (the emulator).

const s3Mock = mockClient(S3Client);
const BUCKET = 'my-pipeline-configs';
const ENV = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

const options = (stack: Stack): OperationsOptions => {
  const configs = s3.Bucket.fromBucketName(stack, 'Configs', BUCKET);
  return {
    schedules: [
      { name: 'weekly-full', expression: 'cron(0 3 ? * SUN *)', configLocation: { bucket: configs, key: 'schedules/full.json' } },
      { name: 'daily-import', expression: 'rate(1 day)', inlineConfig: JSON.stringify(MINIMAL_CONFIG) },
    ],
    s3TriggeredRuns: { bucket: configs },
    alarms: {},
  };
};

const { template } = synthOperations(options);
const json = template.toJSON();
const resolver = new TemplateResolver(json as ConstructorParameters<typeof TemplateResolver>[0], ENV);
const pipelineTemplate = new PipelineTemplate(json, ENV);
const resources = Object.entries<any>(json.Resources);
const ruleOf = (idPart: string) => resolver.resolve(resources.find(([id, r]) => r.Type === 'AWS::Events::Rule' && id.includes(idPart))![1].Properties);
const versionedRule = ruleOf('S3TriggeredRunsVersionedUpload');
const unversionedRule = ruleOf('S3TriggeredRunsUnversionedUpload');
const failureRule = ruleOf('AlarmsFailureEvents');
const scheduleInput = (name: string) => JSON.parse(resources.find(([id, r]) => r.Type === 'AWS::Scheduler::Schedule' && id.includes(name))![1].Properties.Target.Input);

/** The input EventBridge starts the main state machine with for an S3 event: that of the one rule it matches. */
function startInputFor(event: Record<string, unknown>): unknown {
  const matched = [versionedRule, unversionedRule].filter((rule) => matchesPattern(rule.EventPattern, event));
  if (matched.length > 1) throw new Error('an event matched both rules: one upload would start two runs');
  return matched.length === 0 ? undefined : transformInput(matched[0].Targets[0].InputTransformer as InputTransformer, event);
}

/** The bus event of a recorded status event, as the failure rule sees it. */
const onBus = (e: RecordedEvent) => ({ 'source': e.source, 'detail-type': e.detailType, 'time': '2026-01-01T00:00:00Z', 'detail': e.detail });
const notified = (events: RecordedEvent[]) => events.map(onBus).filter((e) => matchesPattern(failureRule.EventPattern, e));

const body = (text: string, versionId?: string) => ({
  Body: { transformToString: async () => text } as any,
  ContentLength: Buffer.byteLength(text),
  ...(versionId ? { VersionId: versionId } : {}),
});
const runner = () => new LocalPipelineRunner({ template: pipelineTemplate });

beforeEach(() => s3Mock.reset());

describe('S3-triggered runs, locally end to end', () => {
  test('a config uploaded under the prefix of a versioned bucket runs: the very version uploaded is read, and the pipeline succeeds', async () => {
    s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify(MINIMAL_CONFIG), 'v-1'));
    const input = startInputFor(objectCreated(BUCKET, 'configs/weekly.json', 'v-1'));
    expect(input).toEqual({ configLocation: { bucket: BUCKET, key: 'configs/weekly.json', versionId: 'v-1' } });

    const local = runner();
    const result = await local.run(input);
    expect(result.status).toBe('SUCCEEDED');
    expect(s3Mock.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: BUCKET, Key: 'configs/weekly.json', VersionId: 'v-1' }]);
    expect(local.eventsOf('Personalize Pipeline Status Change').map((e) => e.detail.status)).toEqual(['STARTED', 'SUCCEEDED']);
    expect(local.emulator.calls.map((c) => c.operation)).toContain('CreateDatasetGroup');
    expect(notified(local.events)).toEqual([]);
  });

  test('a config uploaded to a bucket without versioning runs on the latest version (the other rule, no version in the input)', async () => {
    s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify(MINIMAL_CONFIG)));
    const input = startInputFor(objectCreated(BUCKET, 'configs/nested/daily.json'));
    expect(input).toEqual({ configLocation: { bucket: BUCKET, key: 'configs/nested/daily.json' } });
    expect((await runner().run(input)).status).toBe('SUCCEEDED');
    expect(s3Mock.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({ Bucket: BUCKET, Key: 'configs/nested/daily.json', VersionId: undefined });
  });

  test.each([
    ['outside the prefix', objectCreated(BUCKET, 'other/weekly.json', 'v-1')],
    ['without the suffix', objectCreated(BUCKET, 'configs/weekly.yaml', 'v-1')],
    ['in another bucket', objectCreated('someone-elses-bucket', 'configs/weekly.json', 'v-1')],
    ['that is not a creation', { ...objectCreated(BUCKET, 'configs/weekly.json', 'v-1'), 'detail-type': 'Object Deleted' }],
  ])('an upload %s starts nothing', (_label, event) => {
    expect(startInputFor(event)).toBeUndefined();
  });

  test('a file that is not JSON fails in the validation state: INVALID_CONFIG naming the file, line and column, no Personalize call, and a notification', async () => {
    s3Mock.on(GetObjectCommand).resolves(body('{\n  "datasetGroup": {\n    "serviceConfig": { "name": "x" },\n  }\n}\n', 'v-2'));
    const local = runner();
    const result = await local.run(startInputFor(objectCreated(BUCKET, 'configs/broken.json', 'v-2')));
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toMatch(/s3:\/\/my-pipeline-configs\/configs\/broken\.json:4:3: not valid JSON/);
    expect(local.emulator.calls).toEqual([]);
    expect(local.events.map((e) => e.detail.status)).toEqual(['INVALID_CONFIG']);

    const [notice] = notified(local.events);
    expect(notice.detail.status).toBe('INVALID_CONFIG');
    const message = transformInput(failureRule.Targets[0].InputTransformer, notice) as any;
    expect(message.summary).toBe(`personalize-mlops: INVALID_CONFIG (Personalize Pipeline Status Change) in execution ${result.executionArn}`);
    expect(message.detail.cause).toMatch(/configs\/broken\.json:4:3/);
  });

  test('a config that is JSON but not valid fails the same way, with its issues by field path', async () => {
    s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify({ datasetGroup: { serviceConfig: {} } }), 'v-3'));
    const local = runner();
    const result = await local.run(startInputFor(objectCreated(BUCKET, 'configs/incomplete.json', 'v-3')));
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toMatch(/^s3:\/\/my-pipeline-configs\/configs\/incomplete\.json \(version v-3\): The pipeline config is invalid/);
    expect(result.cause).toContain('- datasetGroup.serviceConfig.name: ');
    expect(local.emulator.calls).toEqual([]);
  });

  test('a file deleted before the run reads it fails in the validation state with the reason', async () => {
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    const local = runner();
    const result = await local.run(startInputFor(objectCreated(BUCKET, 'configs/gone.json')));
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toContain('- configLocation: s3://my-pipeline-configs/configs/gone.json cannot be read: NoSuchKey');
    expect(local.events.map((e) => e.detail.status)).toEqual(['INVALID_CONFIG']);
  });

  test('S3 itself failing fails the run early with the error, a FAILED event and a notification', async () => {
    s3Mock.on(GetObjectCommand).rejects(new S3ServiceException({ name: 'InternalError', message: 'We encountered an internal error.', $fault: 'server', $metadata: { httpStatusCode: 500 } }));
    const local = runner();
    const result = await local.run(startInputFor(objectCreated(BUCKET, 'configs/weekly.json', 'v-1')));
    expect(result).toMatchObject({ status: 'FAILED', error: 'ConfigReadError' });
    expect(local.events.map((e) => e.detail.status)).toEqual(['FAILED']);
    expect(notified(local.events).map((e) => e.detail.error)).toEqual(['ConfigReadError']);
  });
});

describe('scheduled runs, locally end to end', () => {
  test('an inline schedule runs the config it holds; S3 is not read', async () => {
    const local = runner();
    expect((await local.run(scheduleInput('dailyimport'))).status).toBe('SUCCEEDED');
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(local.emulator.calls.map((c) => c.operation)).toContain('CreateDatasetGroup');
  });

  test('a schedule of a stored config runs the object it names', async () => {
    s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify(MINIMAL_CONFIG), 'v-5'));
    const input = scheduleInput('weeklyfull');
    expect(input).toEqual({ configLocation: { bucket: BUCKET, key: 'schedules/full.json' } });
    expect((await runner().run(input)).status).toBe('SUCCEEDED');
    expect(s3Mock.commandCalls(GetObjectCommand)[0].args[0].input).toMatchObject({ Bucket: BUCKET, Key: 'schedules/full.json' });
  });

  test('a stored config that was removed fails the scheduled run in the validation state', async () => {
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    const result = await runner().run(scheduleInput('weeklyfull'));
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toContain('s3://my-pipeline-configs/schedules/full.json cannot be read: NoSuchKey');
  });
});

describe('notifications, locally end to end', () => {
  test('a run that fails in Personalize: its FAILED event is notified, the resource events and the STARTED event are not', async () => {
    const local = runner();
    local.emulator.faults.failCreate({ operation: 'CreateDatasetGroup', name: 'ops-group', failureReason: 'KMS key is not accessible' });
    const result = await local.run(MINIMAL_CONFIG);
    expect(result.status).toBe('FAILED');
    const notices = notified(local.events);
    expect(notices.map((e) => [e['detail-type'], e.detail.status])).toEqual([['Personalize Pipeline Status Change', 'FAILED']]);
    const message = transformInput(failureRule.Targets[0].InputTransformer, notices[0]) as any;
    expect(message.summary).toBe(`personalize-mlops: FAILED (Personalize Pipeline Status Change) in execution ${result.executionArn}`);
    expect(JSON.stringify(message.detail.failures)).toContain('KMS key is not accessible');
  });

  test('the events of another pipeline on the same bus (another state machine\'s executions) are not notified', async () => {
    s3Mock.on(GetObjectCommand).resolves(body('not json'));
    const local = runner();
    await local.run({ configLocation: { bucket: BUCKET, key: 'configs/x.json' } });
    const [event] = local.events.map(onBus);
    expect(matchesPattern(failureRule.EventPattern, event)).toBe(true);
    const other = { ...event, detail: { ...event.detail, pipelineExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:OtherPipelineStateMachine:run-1' } };
    expect(matchesPattern(failureRule.EventPattern, other)).toBe(false);
    expect(matchesPattern(failureRule.EventPattern, { ...event, source: 'another-source' })).toBe(false);
  });
});
