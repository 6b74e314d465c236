import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT, buildBin, REGION, runBin, userEnv } from './cli-harness';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { CloudFormationHttpEndpoint } from '../../simulator/sfn-face/cloudformation-endpoint';
import { StepFunctionsHttpEndpoint } from '../../simulator/sfn-face/step-functions-endpoint';
import { PersonalizeMlOpsPipeline } from '../../src';

// `personalize-mlops start --fleet`: the bundled bin against the Step Functions and CloudFormation faces on loopback,
// which run a stack with a fleet in the local runner; the configs are listed in the runner's S3 stand-in and read by
// the validator through the (mocked) S3 client of this process.

const ENV = { partition: 'aws', region: REGION, account: ACCOUNT };
const STACK = 'FleetExample';
const BUCKET = 'my-pipeline-configs';
const s3Mock = mockClient(S3Client);
const config = (name: string) => JSON.stringify({ datasetGroup: { serviceConfig: { name }, datasets: [] } });
const CONFIGS: Record<string, string> = { 'fleet/media.json': config('media-group'), 'fleet/2026-12/news.json': config('news-group') };

let template: any;
let pipeline: PipelineTemplate;
let sfn: StepFunctionsHttpEndpoint;
let cfn: CloudFormationHttpEndpoint;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  buildBin();
  const app = new App();
  const stack = new Stack(app, STACK, { env: { account: ACCOUNT, region: REGION } });
  const construct = new PersonalizeMlOpsPipeline(stack, 'Pipeline', { fleet: { bucket: s3.Bucket.fromBucketName(stack, 'Configs', BUCKET) } });
  new CfnOutput(stack, 'StateMachineArn', { value: construct.stateMachine.stateMachineArn });
  new CfnOutput(stack, 'FleetStateMachineArn', { value: construct.fleetStateMachine!.stateMachineArn });
  template = app.synth().getStackByName(STACK).template;
  pipeline = new PipelineTemplate(template, ENV);
});
beforeEach(async () => {
  sfn = new StepFunctionsHttpEndpoint({ template: pipeline });
  sfn.runner.s3.put(...Object.keys(CONFIGS).map((key) => `s3://${BUCKET}/${key}`));
  s3Mock.reset();
  s3Mock.on(GetObjectCommand).callsFake((input: { Key: string }) =>
    ({ Body: { transformToString: async () => CONFIGS[input.Key] } as any, ContentLength: 10 }));
  cfn = new CloudFormationHttpEndpoint([{ name: STACK, outputs: CloudFormationHttpEndpoint.outputsOf(template, ENV) }], ENV);
  env = userEnv({ sfn: await sfn.start(), cloudformation: await cfn.start() });
});
afterEach(async () => {
  await sfn.stop();
  await cfn.stop();
});

const mainRuns = () => sfn.runner.executions.filter((e) => /^PipelineStateMachine[0-9A-F]{8}$/.test(e.stateMachine));

test('start --fleet s3://bucket/prefix/ --stack: the fleet state machine from the FleetStateMachineArn output, started on the prefix and followed to its end', async () => {
  const run = await runBin(['start', '--fleet', `s3://${BUCKET}/fleet/2026-12/`, '--stack', STACK, '--interval', '0.25'], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const executionArn = /^Started (\S+)$/m.exec(run.stdout)![1];
  expect(executionArn).toMatch(/:execution:PipelineFleetStateMachine[0-9A-F]{8}:/);
  expect(run.stdout).toMatch(/: SUCCEEDED in /);
  expect(sfn.runner.executions.find((e) => e.executionArn === executionArn)!.input).toEqual({ prefix: 'fleet/2026-12/' });
  expect(mainRuns().map((e) => [(e.input as any).configLocation.key, e.status])).toEqual([['fleet/2026-12/news.json', 'SUCCEEDED']]);
});

test('start --fleet s3://bucket --state-machine: the bucket alone runs the fleet\'s whole prefix ({} as the input)', async () => {
  const fleetArn = pipeline.stateMachines.find((sm) => sm.role === 'fleet')!.arn;
  const run = await runBin(['start', '--fleet', `s3://${BUCKET}`, '--state-machine', fleetArn, '--interval', '0.25'], env);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(mainRuns().map((e) => (e.input as any).configLocation.key).sort()).toEqual(['fleet/2026-12/news.json', 'fleet/media.json']);
});

test.each([
  ['another bucket than the fleet\'s', ['--fleet', 's3://someone-elses-bucket/fleet/', '--stack', STACK], /runs the configs of s3:\/\/my-pipeline-configs\/, got: s3:\/\/someone-elses-bucket\/fleet\//],
  ['not an S3 URI', ['--fleet', 'my-pipeline-configs/fleet/', '--stack', STACK], /--fleet must be an S3 URI, s3:\/\/<bucket>\/<prefix>, got: my-pipeline-configs\/fleet\//],
  ['a config file too', ['config.json', '--fleet', `s3://${BUCKET}/fleet/`, '--stack', STACK], /give a config file or --fleet s3:\/\/<bucket>\/<prefix>, not both/],
])('start --fleet with %s: exit code 2, nothing started', async (_label, args, message) => {
  const run = await runBin(['start', ...args], env);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(sfn.calls).not.toContain('StartExecution');
});
