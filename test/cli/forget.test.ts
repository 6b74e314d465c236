import { ACCOUNT, buildBin, REGION, runBin, userEnv } from './cli-harness';
import { synthesizeExample, EXAMPLE_STACK } from '../../cli/simulate/example-template';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { CloudFormationHttpEndpoint } from '../../simulator/sfn-face/cloudformation-endpoint';
import { StepFunctionsHttpEndpoint } from '../../simulator/sfn-face/step-functions-endpoint';

// `personalize-mlops forget s3://…/users.csv --config …`: the bundled bin against the loopback Step Functions and
// CloudFormation faces (as start-watch.test.ts), the example app's stack run by the local runner on the emulator.

const ENV = { partition: 'aws', region: REGION, account: ACCOUNT };
const USERS = 's3://personalize-mlops-demo-data/media/forget/2026-01/users.csv';
let template: any;
let pipeline: PipelineTemplate;
let emulator: PersonalizeEmulator;
let sfn: StepFunctionsHttpEndpoint;
let cfn: CloudFormationHttpEndpoint;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  buildBin();
  template = synthesizeExample();
  pipeline = new PipelineTemplate(template, ENV);
  emulator = new PersonalizeEmulator({ location: ENV });
  sfn = new StepFunctionsHttpEndpoint({ template: pipeline, emulator });
  cfn = new CloudFormationHttpEndpoint([{ name: EXAMPLE_STACK, outputs: CloudFormationHttpEndpoint.outputsOf(template, ENV) }], ENV);
  env = userEnv({ sfn: await sfn.start(), cloudformation: await cfn.start() });
});
afterAll(async () => {
  await sfn.stop();
  await cfn.stop();
});

const deletions = () => emulator.calls.filter((c) => c.operation === 'CreateDataDeletionJob' && !c.error).map((c) => c.request);

test('forget: one data deletion job for the file, then a FULL training of every solution; run again, it repeats nothing', async () => {
  const first = await runBin(['forget', USERS, '--config', 'sample_configs/input_media.json', '--stack', EXAMPLE_STACK, '--interval', '0.25'], env);
  expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
  expect(deletions()).toEqual([expect.objectContaining({
    jobName: expect.stringMatching(/^forget-[0-9a-f]{16}$/), dataSource: { dataLocation: USERS }, roleArn: 'arn:aws:iam::123456789012:role/PersonalizeMlOpsDemoRole',
  })]);
  const deletion = emulator.calls.findIndex((c) => c.operation === 'CreateDataDeletionJob' && !c.error);
  const trainings = emulator.calls.filter((c, i) => i > deletion && c.operation === 'CreateSolutionVersion' && !c.error);
  expect(trainings.length).toBeGreaterThan(0);
  for (const training of trainings) expect(training.request).toMatchObject({ trainingMode: 'FULL' });

  const again = await runBin(['forget', USERS, '--config', 'sample_configs/input_media.json', '--stack', EXAMPLE_STACK, '--interval', '0.25'], env);
  expect(again.code).toBe(0);
  expect(deletions()).toHaveLength(1);
});

test('forget refuses a users file that is not an S3 URI', async () => {
  const run = await runBin(['forget', 'users.csv', '--config', 'sample_configs/input_media.json', '--stack', EXAMPLE_STACK], env);
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(/must be an S3 URI/);
});
