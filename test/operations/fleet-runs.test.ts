import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MINIMAL_CONFIG } from './operations-fixture';
import { LocalPipelineRunner } from '../../simulator/runner/local-pipeline-runner';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { FleetRunsOptions, PersonalizeMlOpsPipeline } from '../../src';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';
import { STACK_KINDS } from '../helpers/stack-kinds';

// Fleet runs: the synthesized fleet state machine (a Distributed Map over a prefix of a bucket, child executions of
// the main state machine), its IAM, and its runs in the local runner, whose model of the Distributed Map lists the
// runner's S3 stand-in and writes the Map Run's results there. The validator reads each config through the S3 SDK
// client (aws-sdk-client-mock), as in the S3-triggered runs' tests.

const BUCKET = 'my-pipeline-configs';
const ENV = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

function synthFleet(fleet: (stack: Stack) => FleetRunsOptions) {
  const app = new App();
  const stack = new Stack(app, 'Fleet', { env: { account: ENV.account, region: ENV.region } });
  const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', { fleet: fleet(stack) });
  return { pipeline, stack, template: Template.fromStack(stack) };
}
const imported = (stack: Stack) => s3.Bucket.fromBucketName(stack, 'Configs', BUCKET);
const fleetDefinition = (template: Template) => new PipelineTemplate(template.toJSON(), ENV).stateMachines.find((sm) => sm.role === 'fleet')!.definition;
const mapState = (template: Template) => fleetDefinition(template).States['Fleet: run configs'];

describe('the fleet state machine', () => {
  const { pipeline, template } = synthFleet((stack) => ({ bucket: imported(stack) }));

  test('is exposed, and is not a main state machine (nothing starts it; its metadata says fleet)', () => {
    expect(pipeline.fleetStateMachine).toBeDefined();
    expect(new PipelineTemplate(template.toJSON(), ENV).mainStateMachines.map((m) => m.logicalId)).toEqual([expect.stringMatching(/^PipelineStateMachine/)]);
    expect(new PersonalizeMlOpsPipeline(new Stack(), 'Plain').fleetStateMachine).toBeUndefined();
  });

  test('a Distributed Map: items listed under the prefix of the run, each a child execution of the main state machine, results to S3', () => {
    const map = mapState(template);
    expect(map).toMatchObject({
      Type: 'Map',
      ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { 'Bucket': BUCKET, 'Prefix.$': '$.prefix' } },
      ItemSelector: { 'bucket': BUCKET, 'key.$': '$$.Map.Item.Value.Key', 'executionName.$': 'States.UUID()' },
      MaxConcurrency: 5,
      ToleratedFailurePercentage: 100,
      Label: 'Fleet',
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: BUCKET, Prefix: 'fleet-results' } },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    });
    const run = map.ItemProcessor.States['Run config'];
    expect(run).toMatchObject({
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: { 'StateMachineArn': expect.stringMatching(/:stateMachine:PipelineStateMachine/), 'Input': { configLocation: { 'bucket.$': '$.bucket', 'key.$': '$.key' } }, 'Name.$': '$.executionName' },
    });
    expect(map.ItemProcessor.States['Is a config?'].Choices[0]).toMatchObject({ Variable: '$.key', StringMatches: '*.json' });
  });

  test('a prefix given at start must be under the configured one', () => {
    const choice = fleetDefinition(template).States['Fleet: which prefix?'];
    expect(choice.Choices[0].And).toContainEqual({ Variable: '$.prefix', StringMatches: 'fleet/*' });
    expect(choice.Default).toBe('Fleet: configured prefix');
  });

  test('maxConcurrency, toleratedFailurePercentage, prefix and resultsPrefix follow the props', () => {
    const custom = synthFleet((stack) => ({ bucket: imported(stack), prefix: 'tenants/', resultsPrefix: 'runs/fleet/', maxConcurrency: 2, toleratedFailurePercentage: 10 }));
    expect(mapState(custom.template)).toMatchObject({
      MaxConcurrency: 2, ToleratedFailurePercentage: 10, ResultWriter: { Parameters: { Prefix: 'runs/fleet' } },
    });
    custom.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': ['tenants/*'] } } })]) },
    });
  });

  test('IAM: StartExecution on the main state machine only; ListBucket under the prefix, results under the results prefix; the validator reads the prefix', () => {
    const policies = Object.entries<any>(template.toJSON().Resources).filter(([, r]) => r.Type === 'AWS::IAM::Policy');
    const fleetStatements = policies.filter(([id]) => id.startsWith('PipelineFleet')).flatMap(([, r]) => r.Properties.PolicyDocument.Statement);
    const starts = fleetStatements.filter((s) => [s.Action].flat().includes('states:StartExecution')).map((s) => s.Resource);
    expect(starts).toEqual([{ Ref: expect.stringMatching(/^PipelineStateMachine/) }, { Ref: expect.stringMatching(/^PipelineFleetStateMachine/) }]);
    const s3Statements = fleetStatements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:')));
    expect(s3Statements).toEqual([
      // The validator's read of the fleet's configs.
      { Action: ['s3:GetObject', 's3:GetObjectVersion'], Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${BUCKET}/fleet/*`]] } },
      {
        Action: 's3:ListBucket',
        Effect: 'Allow',
        Condition: { StringLike: { 's3:prefix': ['fleet/*'] } },
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${BUCKET}`]] },
      },
      {
        Action: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${BUCKET}/fleet-results/*`]] },
      },
    ]);
    // The validator's read is attached to the validator's role, not the fleet's.
    const readConfigs = policies.find(([id]) => id.startsWith('PipelineFleetReadConfigs'))![1];
    expect(readConfigs.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^PipelineFunctionsvalidateconfigrole/i) }]);
  });

  test.each<[string, Partial<FleetRunsOptions>, RegExp]>([
    ['maxConcurrency 0', { maxConcurrency: 0 }, /^fleet\.maxConcurrency must be an integer from 1 to 10000, got: 0$/],
    ['maxConcurrency 2.5', { maxConcurrency: 2.5 }, /^fleet\.maxConcurrency must be an integer from 1 to 10000, got: 2\.5$/],
    ['toleratedFailurePercentage 101', { toleratedFailurePercentage: 101 }, /^fleet\.toleratedFailurePercentage must be a number from 0 to 100, got: 101$/],
    ['toleratedFailurePercentage -1', { toleratedFailurePercentage: -1 }, /^fleet\.toleratedFailurePercentage must be a number from 0 to 100, got: -1$/],
    ['an empty prefix', { prefix: '' }, /^fleet\.prefix must be a non-empty key prefix .*, got: ""$/],
    ['a prefix with a wildcard', { prefix: 'fleet/*' }, /^fleet\.prefix must be a non-empty key prefix .*, got: "fleet\/\*"$/],
    ['results under the prefix', { resultsPrefix: 'fleet/results/' }, /^fleet\.resultsPrefix must be outside fleet\.prefix \("fleet\/"\).*, got: "fleet\/results\/"$/],
  ])('refuses %s', (_label, options, message) => {
    expect(() => synthFleet((stack) => ({ bucket: imported(stack), ...options }))).toThrow(message);
  });
});

describe('cdk-nag AwsSolutions with every option and a fleet', () => {
  test.each(['environment-agnostic', 'cdk init app, explicit env us-east-1', 'cdk init app, explicit env us-gov-west-1'])('no unacknowledged finding (%s)', (kind) => {
    for (const defined of [false, true]) {
      const app = new App({ context: STACK_KINDS[kind].context });
      const stack = new Stack(app, 'Nag', { env: STACK_KINDS[kind].env });
      const bucket = defined
        ? new s3.Bucket(stack, 'Configs', { enforceSSL: true, encryptionKey: new kms.Key(stack, 'ConfigsKey', { enableKeyRotation: true }), blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL })
        : imported(stack);
      new PersonalizeMlOpsPipeline(stack, 'Pipeline', { ...ALL_OPTIONS, fleet: { bucket } });
      app.synth();
      const rules = new AwsSolutionsChecks(app).validateScope(stack).violations.map((v) => v.ruleName)
        // The test's own bucket (no access logs): the user's finding, not the construct's.
        .filter((r) => r !== 'AwsSolutions-S1');
      expect(rules).toEqual([]);
    }
  });
});

const s3Mock = mockClient(S3Client);
const config = (name: string) => JSON.stringify({ ...MINIMAL_CONFIG, datasetGroup: { ...MINIMAL_CONFIG.datasetGroup, serviceConfig: { name } } });

/** A runner over a fleet stack, with the configs under their keys: listed in the S3 stand-in, read through the mocked client. */
function fleetRunner(template: Template, configs: Record<string, string>): LocalPipelineRunner {
  const runner = new LocalPipelineRunner({ template: new PipelineTemplate(template.toJSON(), ENV) });
  runner.s3.put(...Object.keys(configs).map((key) => `s3://${BUCKET}/${key}`));
  s3Mock.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string }) => {
    const text = configs[input.Key];
    if (text === undefined || input.Bucket !== BUCKET) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    return { Body: { transformToString: async () => text } as any, ContentLength: Buffer.byteLength(text) };
  });
  return runner;
}
const fleetEvents = (runner: LocalPipelineRunner) => runner.eventsOf('Personalize Pipeline Status Change').filter((e) => e.detail.status === 'FLEET_COMPLETED');
const mainRuns = (runner: LocalPipelineRunner) => runner.executions.filter((e) => /^PipelineStateMachine[0-9A-F]{8}$/.test(e.stateMachine));

describe('fleet runs, locally end to end', () => {
  const defaults = synthFleet((stack) => ({ bucket: imported(stack) })).template;
  const strict = synthFleet((stack) => ({ bucket: imported(stack), toleratedFailurePercentage: 0 })).template;
  const THREE = { 'fleet/media.json': config('media-group'), 'fleet/retail.json': config('retail-group'), 'fleet/2026-12/news.json': config('news-group') };

  beforeEach(() => s3Mock.reset());

  test('{} runs every config under the prefix as its own execution of the main state machine; the summary lists each; one FLEET_COMPLETED event', async () => {
    const runner = fleetRunner(defaults, { ...THREE, 'fleet/README.md': 'not a config' });
    const result = await runner.runFleet({});
    expect(result.status).toBe('SUCCEEDED');
    const summary = result.output as any;
    expect(summary).toMatchObject({ prefix: 'fleet/', total: 4, succeeded: 3, failed: 0, skipped: 1, failures: [] });
    const runs = mainRuns(runner);
    expect(runs.map((r) => r.input).sort((a: any, b: any) => a.configLocation.key.localeCompare(b.configLocation.key))).toEqual([
      { configLocation: { bucket: BUCKET, key: 'fleet/2026-12/news.json' } },
      { configLocation: { bucket: BUCKET, key: 'fleet/media.json' } },
      { configLocation: { bucket: BUCKET, key: 'fleet/retail.json' } },
    ]);
    expect(runs.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    expect([...summary.configs].sort((a: any, b: any) => (a.key < b.key ? -1 : 1))).toEqual([
      { key: 'fleet/2026-12/news.json', executionArn: expect.any(String), status: 'SUCCEEDED' },
      { key: 'fleet/README.md', status: 'SKIPPED' },
      { key: 'fleet/media.json', executionArn: expect.any(String), status: 'SUCCEEDED' },
      { key: 'fleet/retail.json', executionArn: expect.any(String), status: 'SUCCEEDED' },
    ]);
    expect(summary.configs.filter((c: any) => c.executionArn).map((c: any) => c.executionArn).sort()).toEqual(runs.map((r) => r.executionArn).sort());
    expect(runner.emulator.calls.filter((c) => c.operation === 'CreateDatasetGroup')).toHaveLength(3);

    const [event, ...more] = fleetEvents(runner);
    expect(more).toEqual([]);
    expect(event.detail).toMatchObject({
      status: 'FLEET_COMPLETED',
      fleetStatus: 'SUCCEEDED',
      prefix: 'fleet/',
      total: 4,
      succeeded: 3,
      failed: 0,
      skipped: 1,
      failures: [],
      pipelineExecutionArn: result.executionArn,
      results: { bucket: BUCKET, manifestKey: expect.stringMatching(/^fleet-results\/[^/]+\/manifest\.json$/) },
    });
    // The Map Run's results are in the S3 stand-in, outside the configs' prefix.
    expect(runner.s3.list(BUCKET, 'fleet-results/')).toEqual(expect.arrayContaining([summary.results.manifestKey, expect.stringMatching(/SUCCEEDED_0\.json$/)]));
  });

  test('a narrower prefix runs only its configs', async () => {
    const runner = fleetRunner(defaults, THREE);
    const result = await runner.runFleet({ prefix: 'fleet/2026-12/' });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ prefix: 'fleet/2026-12/', total: 1, succeeded: 1, configs: [{ key: 'fleet/2026-12/news.json', status: 'SUCCEEDED' }] });
    expect(mainRuns(runner).map((r) => (r.input as any).configLocation.key)).toEqual(['fleet/2026-12/news.json']);
  });

  test.each([['outside the prefix', 'other/'], ['wider than the prefix', 'fle'], ['not a string', 42]])('a prefix %s is refused before anything runs', async (_label, prefix) => {
    const runner = fleetRunner(defaults, THREE);
    const result = await runner.runFleet({ prefix });
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidFleetInput', cause: `input.prefix must be a key prefix under fleet/, got: ${JSON.stringify(prefix)}` });
    expect(mainRuns(runner)).toEqual([]);
  });

  test('one broken config: its failure in the summary and the event, the others succeed, and the fleet succeeds within the default tolerance', async () => {
    const runner = fleetRunner(defaults, { ...THREE, 'fleet/retail.json': '{ "datasetGroup": ' });
    const result = await runner.runFleet();
    expect(result.status).toBe('SUCCEEDED');
    const summary = result.output as any;
    expect(summary).toMatchObject({ total: 3, succeeded: 2, failed: 1 });
    const broken = mainRuns(runner).find((r) => (r.input as any).configLocation.key === 'fleet/retail.json')!;
    expect(broken).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(summary.failures).toEqual([{ key: 'fleet/retail.json', executionArn: broken.executionArn, status: 'FAILED', error: 'States.TaskFailed', cause: expect.stringContaining('not valid JSON') }]);
    expect(mainRuns(runner).filter((r) => r.status === 'SUCCEEDED')).toHaveLength(2);
    expect(fleetEvents(runner).map((e) => [e.detail.fleetStatus, e.detail.failed, e.detail.failures.map((f: any) => f.key)])).toEqual([['SUCCEEDED', 1, ['fleet/retail.json']]]);
  });

  test('with toleratedFailurePercentage 0, one failed config fails the fleet: States.ExceedToleratedFailureThreshold, and a FLEET_COMPLETED event saying so', async () => {
    const runner = fleetRunner(strict, { ...THREE, 'fleet/retail.json': '{ "datasetGroup": ' });
    const result = await runner.runFleet();
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    expect(fleetEvents(runner).map((e) => e.detail)).toEqual([expect.objectContaining({
      status: 'FLEET_COMPLETED', fleetStatus: 'FAILED', prefix: 'fleet/', error: 'States.ExceedToleratedFailureThreshold', resultsPrefix: `s3://${BUCKET}/fleet-results/`,
    })]);
    // The Map Run fails at once: the runs still going are stopped (with what they started), none goes on to the end.
    expect(mainRuns(runner).filter((r) => r.status === 'SUCCEEDED')).toEqual([]);
    expect(runner.executions.filter((e) => e.status === 'RUNNING')).toEqual([]);
    expect(mainRuns(runner).filter((r) => r.error === 'States.Aborted').length).toBeGreaterThan(0);
  });

  test('an empty prefix runs nothing and succeeds with an empty summary', async () => {
    const runner = fleetRunner(defaults, { 'elsewhere/a.json': config('a-group') });
    const result = await runner.runFleet({});
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ total: 0, succeeded: 0, failed: 0, skipped: 0, configs: [] });
  });
});
