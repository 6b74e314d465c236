import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ACCOUNT, BIN, buildBin, REGION, ROOT, runBin, userEnv } from './cli-harness';
import { synthesizeExample, EXAMPLE_STACK } from '../../cli/simulate/example-template';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { CloudFormationHttpEndpoint } from '../../simulator/sfn-face/cloudformation-endpoint';
import { StepFunctionsHttpEndpoint } from '../../simulator/sfn-face/step-functions-endpoint';

// `personalize-mlops start` and `watch`: the bundled bin, its SDK clients pointed (AWS_ENDPOINT_URL_SFN and
// AWS_ENDPOINT_URL_CLOUDFORMATION) at Step Functions and CloudFormation faces on loopback that run the example
// app's stack with the local runner against the Personalize emulator.

const ENV = { partition: 'aws', region: REGION, account: ACCOUNT };
const work = mkdtempSync(path.join(tmpdir(), 'cli-start-'));
let template: any;
let pipeline: PipelineTemplate;
let mainArn: string;
let emulator: PersonalizeEmulator;
let sfn: StepFunctionsHttpEndpoint;
let cfn: CloudFormationHttpEndpoint;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  buildBin();
  template = synthesizeExample();
  pipeline = new PipelineTemplate(template, ENV);
  mainArn = pipeline.mainStateMachine().arn;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeEach(async () => {
  emulator = new PersonalizeEmulator({ location: ENV });
  sfn = new StepFunctionsHttpEndpoint({ template: pipeline, emulator });
  cfn = new CloudFormationHttpEndpoint([{ name: EXAMPLE_STACK, outputs: CloudFormationHttpEndpoint.outputsOf(template, ENV) }], ENV);
  env = userEnv({ sfn: await sfn.start(), cloudformation: await cfn.start() });
});
afterEach(async () => {
  await sfn.stop();
  await cfn.stop();
});

/** The outcome part of a run's output, from its `Execution …:` line, so a failure shows its cause. */
const outcomeOf = (stdout: string) => stdout.slice(stdout.lastIndexOf('\nExecution '));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

test('start --stack: the main state machine from the stack\'s outputs, a line per resource as it goes, exit code 0', async () => {
  const run = await runBin(['start', 'sample_configs/input_media.json', '--stack', EXAMPLE_STACK, '--interval', '0.25'], env);
  expect(run.stderr).toBe('');
  expect({ code: run.code, outcome: outcomeOf(run.stdout) }).toEqual({ code: 0, outcome: expect.stringMatching(/: SUCCEEDED in /) });
  const executionArn = /^Started (\S+)$/m.exec(run.stdout)![1];
  expect(executionArn.startsWith(mainArn.replace(':stateMachine:', ':execution:'))).toBe(true);
  // Each child execution (grandchildren under their parent) with its final status and how long it took.
  for (const label of ['dataset group FilmNightDatasetGroup', 'dataset FilmNightItems', 'import FilmNightItemsImport20240101', 'filter FilmNightByGenre',
    'event tracker FilmNightEventTracker', 'solution FilmNightRanking', 'training FilmNightRanking', 'recommender FilmNightMostPopular']) {
    expect(run.stdout).toMatch(new RegExp(`^\\[\\+[\\d.hms ]+\\]   ${escape(label)}: SUCCEEDED after [\\d.hms ]+$`, 'm'));
  }
  expect(run.stdout).toMatch(/^\[\+[\d.hms ]+\]     campaign FilmNightRankingCampaign: SUCCEEDED after /m);
  expect(run.stdout).toMatch(new RegExp(`^Execution ${escape(executionArn)}: SUCCEEDED in [\\d.hms ]+$`, 'm'));
  expect(cfn.calls).toEqual(['DescribeStacks']);
  expect(sfn.calls.filter((c) => c === 'StartExecution')).toHaveLength(1);
  expect([...new Set(sfn.calls)].sort()).toEqual(['DescribeExecution', 'DescribeStateMachine', 'ListExecutions', 'StartExecution']);
});

test('an execution that fails: exit code 1, the error and the cause in full, the failed flow; watch afterwards says the same', async () => {
  emulator.faults.failCreate({ operation: 'CreateCampaign', failureReason: 'Not enough capacity in us-east-1 for 5 TPS; try again later', times: 1 });
  const run = await runBin(['start', 'sample_configs/input_media.json', '--state-machine', mainArn, '--interval', '0.25'], env);
  expect(run.code).toBe(1);
  const executionArn = /^Started (\S+)$/m.exec(run.stdout)![1];
  expect(run.stdout).toMatch(/^\[\+[\d.hms ]+\]     campaign FilmNightRankingCampaign: FAILED after /m);
  const outcome = run.stdout.slice(run.stdout.indexOf(`Execution ${executionArn}: FAILED in `));
  expect(outcome).toMatch(/^ {2}error: \S+$/m);
  expect(outcome).toContain('  cause:\n');
  expect(outcome).toContain('Not enough capacity in us-east-1 for 5 TPS; try again later');
  expect(outcome).toMatch(/^Failed flows \(\d+\):$/m);
  expect(outcome).toMatch(/^ {2}campaign FilmNightRankingCampaign: FAILED CampaignFailed$/m);

  const watched = await runBin(['watch', executionArn, '--interval', '0.25'], env);
  expect(watched.code).toBe(1);
  expect(watched.stdout.slice(watched.stdout.indexOf(`Execution ${executionArn}: FAILED in `))).toBe(outcome);
});

test('start --detach prints the execution ARN and exits 0; watch follows it to the end', async () => {
  const started = await runBin(['start', 'sample_configs/input_retail.json', '--state-machine', mainArn, '--detach'], env);
  expect(started.code).toBe(0);
  const executionArn = /^Started (\S+)\n$/.exec(started.stdout)![1];
  const watched = await runBin(['watch', executionArn, '--interval', '0.25'], env);
  expect(watched.stderr).toBe('');
  expect({ code: watched.code, outcome: outcomeOf(watched.stdout) }).toEqual({ code: 0, outcome: expect.stringMatching(/: SUCCEEDED in /) });
  // The run may already be over when watch starts (a local run takes well under a second).
  expect(watched.stdout).toMatch(/^\[\+[\d.hms ]+\] pipeline local-\d+: (RUNNING|SUCCEEDED after [\d.hms ]+)$/m);
  expect(watched.stdout).toMatch(/recommender CornerShopBestSellers: SUCCEEDED after /);
  expect(watched.stdout).toMatch(new RegExp(`^Execution ${escape(executionArn)}: SUCCEEDED in `, 'm'));
});

test('a state machine that does not exist: the service\'s error in one line, exit code 2', async () => {
  const missing = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:NoSuchPipeline`;
  const run = await runBin(['start', 'sample_configs/input_media.json', '--state-machine', missing], env);
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
  expect(run.stderr).toBe(`personalize-mlops: start ${missing}: StateMachineDoesNotExist: State Machine Does Not Exist: '${missing}'\n`);
  expect(sfn.runner.executions).toEqual([]);
});

test('a stack that does not exist: exit code 2, nothing started', async () => {
  const run = await runBin(['start', 'sample_configs/input_media.json', '--stack', 'NoSuchStack'], env);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('personalize-mlops: start: reading stack NoSuchStack: ValidationError: Stack with id NoSuchStack does not exist\n');
  expect(sfn.calls).toEqual([]);
});

test('watch an execution that does not exist: exit code 2', async () => {
  const missing = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${mainArn.split(':').pop()}:no-such-run`;
  const run = await runBin(['watch', missing], env);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(`personalize-mlops: watch ${missing}: ExecutionDoesNotExist: Execution Does Not Exist: '${missing}'\n`);
});

test('no credentials: one line saying so, exit code 2, no call reaches a service', async () => {
  const noCredentials = userEnv({ sfn: sfn.url, cloudformation: cfn.url }, { credentials: false });
  for (const args of [['start', 'sample_configs/input_media.json', '--stack', EXAMPLE_STACK], ['watch', `${mainArn.replace(':stateMachine:', ':execution:')}:x`]]) {
    const run = await runBin(args, noCredentials);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^personalize-mlops: .*: no usable AWS credentials \(CredentialsProviderError: [^\n]*\)\. Configure them as for the AWS CLI[^\n]*\n$/);
  }
  expect(cfn.calls).toEqual([]);
  expect(sfn.calls).toEqual([]);
});

test('an invalid config is not started: its problems at line:column, exit code 1', async () => {
  const file = path.join(work, 'invalid.json');
  writeFileSync(file, '{\n  "datasetGroup": {}\n}\n');
  const run = await runBin(['start', file, '--stack', EXAMPLE_STACK], env);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(new RegExp(`^${escape(file)}:2:19: datasetGroup\\.serviceConfig: is required$`, 'm'));
  expect(run.stderr).toContain('nothing was started');
  expect(cfn.calls).toEqual([]);
  expect(sfn.calls).toEqual([]);
});

test.each([
  ['both --stack and --state-machine', ['--stack', EXAMPLE_STACK, '--state-machine', 'arn:aws:states:us-east-1:123456789012:stateMachine:X'], /cannot be used with/],
  ['neither --stack nor --state-machine', [], /give one of --state-machine <arn> and --stack <name>/],
  ['a state machine ARN that is not one', ['--state-machine', 'my-pipeline'], /--state-machine must be a Step Functions state machine ARN, got: my-pipeline/],
])('start with %s: a usage error, exit code 2', async (_label, args, message) => {
  const run = await runBin(['start', 'sample_configs/input_media.json', ...args], env);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(sfn.calls).toEqual([]);
});

test('on a terminal: the lines are redrawn in place, and the last frame stays', async () => {
  // `script` gives the bin a pseudo-terminal, as a user's shell would.
  const command = `stty cols 140 rows 60; exec ${process.execPath} ${BIN} start sample_configs/input_media.json --stack ${EXAMPLE_STACK} --interval 0.25`;
  const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...env, TERM: 'xterm' } });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, text }));
  });
  const plain = output.text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  expect({ code: output.code, outcome: outcomeOf(plain) }).toEqual({ code: 0, outcome: expect.stringMatching(/: SUCCEEDED in /) });
  // log-update erases the previous frame (erase line, cursor up) before drawing the next one.
  expect(output.text).toContain('\u001b[2K');
  expect(output.text).toContain('\u001b[1A');
  expect(plain).toMatch(/✔ {5}campaign FilmNightRankingCampaign +SUCCEEDED +[\d.hms ]+/);
  expect(plain).toMatch(/Execution \S+: SUCCEEDED in /);
});
