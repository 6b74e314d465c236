import { ACCOUNT, buildBin, REGION, runBin, userEnv } from './cli-harness';
import { synthesizeExample } from '../../cli/simulate/example-template';
import { PersonalizeHttpEndpoint } from '../../simulator/emulator/http-face';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { StepFunctionsHttpEndpoint } from '../../simulator/sfn-face/step-functions-endpoint';
import { StsHttpEndpoint } from '../../simulator/sfn-face/sts-endpoint';
import { rankingOnly } from '../helpers/pipeline-fixture';

// `personalize-mlops status`: the bundled bin against the emulator's HTTP face (after a pipeline run on the Step
// Functions face, whose executions give the last run) and an STS face, all on loopback. Read-only.

const ENV = { partition: 'aws', region: REGION, account: ACCOUNT };
const GROUP = 'FilmNightDatasetGroup';
let emulator: PersonalizeEmulator;
let personalize: PersonalizeHttpEndpoint;
let sfn: StepFunctionsHttpEndpoint;
const sts = new StsHttpEndpoint(ENV);
let mainArn: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  buildBin();
  const pipeline = new PipelineTemplate(synthesizeExample(), ENV);
  mainArn = pipeline.mainStateMachine().arn;
  emulator = new PersonalizeEmulator({ location: ENV });
  sfn = new StepFunctionsHttpEndpoint({ template: pipeline, emulator });
  expect((await sfn.runner.run(rankingOnly())).status).toBe('SUCCEEDED');
  emulator.settleAll();
  personalize = new PersonalizeHttpEndpoint(emulator);
  env = userEnv({ personalize: await personalize.start(), sfn: await sfn.start(), sts: await sts.start() });
}, 120_000);
afterAll(async () => {
  await personalize.stop();
  await sfn.stop();
  await sts.stop();
});

test('one screen: each resource, the version the campaign serves and its metrics, the last run, the billed capacity; read-only', async () => {
  const before = emulator.calls.length;
  const mutations = emulator.mutations().length;
  const run = await runBin(['status', '--dataset-group', GROUP, '--state-machine', mainArn], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Dataset group ${GROUP} in account ${ACCOUNT}, ${REGION} (read-only)`);
  expect(run.stdout).toMatch(/│ campaign\s+│ FilmNightRankingCampaign\s+│ ACTIVE\s+│ serves \w+, minProvisionedTPS 1/);
  expect(run.stdout).toMatch(/│ solution\s+│ FilmNightRanking\s+│ ACTIVE\s+│ last ACTIVE version trained \d+ (h|days) ago/);
  expect(run.stdout).toMatch(/Last run: SUCCEEDED arn:aws:states:us-east-1:123456789012:execution:/);
  expect(run.stdout).toContain('Provisioned capacity billed: 730 capacity-hours a month');
  const calls = emulator.calls.slice(before).map((c) => c.operation);
  expect(calls.filter((op) => !/^(Describe|List|GetSolutionMetrics)/.test(op))).toEqual([]);
  expect(emulator.mutations()).toHaveLength(mutations);
});

test('--json: the resources with their metrics, the last run and the billed capacity', async () => {
  const run = await runBin(['status', '--dataset-group', GROUP, '--state-machine', mainArn, '--json'], env);
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report).toMatchObject({ datasetGroup: GROUP, location: ENV, billedCapacityHoursPerMonth: 730, lastRun: { status: 'SUCCEEDED' } });
  const campaign = report.resources.find((r: any) => r.kind === 'CAMPAIGN');
  expect(campaign).toMatchObject({ name: 'FilmNightRankingCampaign', status: 'ACTIVE', billedCapacityHoursPerMonth: 730 });
  expect(Object.keys(campaign.metrics).length).toBeGreaterThan(0);
  expect(report.resources.map((r: any) => r.kind)).toEqual(expect.arrayContaining(['DATASET_GROUP', 'DATASET', 'SOLUTION', 'CAMPAIGN']));
});

test('a dataset group that does not exist: exit code 1; a bad name: exit code 2', async () => {
  const missing = await runBin(['status', '--dataset-group', 'NoSuchGroup'], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('dataset group NoSuchGroup does not exist');
  const bad = await runBin(['status', '--dataset-group', 'no such group'], env);
  expect(bad.code).toBe(2);
});
