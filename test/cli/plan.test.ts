import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ACCOUNT, buildBin, REGION, runBin, userEnv } from './cli-harness';
import { ALL_FEATURES } from '../../lambda/shared/config/deployed-features';
import { PersonalizeHttpEndpoint } from '../../simulator/emulator/http-face';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { GlueHttpEndpoint } from '../../simulator/loopback/glue-endpoint';
import { GlueFake } from '../../simulator/runner/glue-fake';
import { StsHttpEndpoint } from '../../simulator/sfn-face/sts-endpoint';
import { MEDIA, planOf } from '../plan/planner-fixture';
import { seedPlan } from '../plan/seed-account';

// `personalize-mlops plan`: the bundled bin, its SDK clients pointed at the emulator's HTTP face and an STS face on
// loopback, as a user's would be with AWS_ENDPOINT_URL_<SERVICE>. Read-only, whatever the account holds.

const work = mkdtempSync(path.join(tmpdir(), 'cli-plan-'));
let emulator: PersonalizeEmulator;
let personalize: PersonalizeHttpEndpoint;
const sts = new StsHttpEndpoint({ partition: 'aws', region: REGION, account: ACCOUNT });
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  buildBin();
  await sts.start();
});
afterAll(async () => {
  await sts.stop();
  rmSync(work, { recursive: true, force: true });
});
beforeEach(async () => {
  emulator = new PersonalizeEmulator();
  personalize = new PersonalizeHttpEndpoint(emulator);
  env = userEnv({ personalize: await personalize.start(), sts: sts.url });
  sts.calls.length = 0;
});
afterEach(() => personalize.stop());

function configFile(name: string, config: unknown): string {
  const file = path.join(work, name);
  writeFileSync(file, `${JSON.stringify(config, undefined, 2)}\n`);
  return file;
}

function media(change: (config: any) => void = () => undefined): any {
  const config = JSON.parse(JSON.stringify(MEDIA));
  change(config);
  return config;
}

/** Every call the plan made of Personalize is a Describe or a List; nothing was created or changed. */
function expectReadOnly(callsBefore: number, mutationsBefore: number): void {
  const calls = emulator.calls.slice(callsBefore).map((c) => c.operation);
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.filter((op) => !/^(Describe|List)/.test(op))).toEqual([]);
  expect(emulator.mutations()).toHaveLength(mutationsBefore);
}

test('a fresh account: every resource would be created, exit code 0, the account from STS, read-only calls only', async () => {
  const run = await runBin(['plan', 'sample_configs/input_media.json'], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Plan for sample_configs/input_media.json in account ${ACCOUNT}, ${REGION} (read-only; nothing was changed)`);
  expect(run.stdout).toMatch(/│ create\s+│ dataset group FilmNightDatasetGroup\s+│ 9:19\s+│/);
  expect(run.stdout).toMatch(/│ create\s+│ campaign FilmNightRankingCampaign\s+│ \d+:\d+\s+│/);
  expect(run.stdout).toContain('The run would go ahead.');
  expect(sts.calls).toEqual(['GetCallerIdentity']);
  expectReadOnly(0, 0);
});

test('--json: one verdict per resource (path, kind, name, action, reason) and the location', async () => {
  const run = await runBin(['plan', 'sample_configs/input_media.json', '--json'], env);
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report.location).toEqual({ partition: 'aws', region: REGION, account: ACCOUNT });
  expect(report.ok).toBe(true);
  expect(report.verdicts.length).toBeGreaterThan(20);
  for (const verdict of report.verdicts) {
    const text = expect.any(String);
    expect(verdict).toEqual(expect.objectContaining({ path: text, kind: text, name: text, reason: text }));
  }
  expect(report.verdicts.find((v: any) => v.path === 'datasetGroup'))
    .toEqual(expect.objectContaining({ kind: 'DATASET_GROUP', name: 'FilmNightDatasetGroup', action: 'CREATE' }));
});

test('after a run: reuse what is there, update a campaign\'s TPS and a dataset\'s schema, retrain; stop on a filter with another expression', async () => {
  seedPlan(emulator, planOf(MEDIA));
  const [callsBefore, mutationsBefore] = [emulator.calls.length, emulator.mutations().length];
  const file = configFile('changed.json', media((config) => {
    config.solutions[0].campaigns[0].serviceConfig.minProvisionedTPS = 5;
    config.filters[0].serviceConfig.filterExpression = 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("rate")';
    const items = config.datasetGroup.datasets.find((d: any) => d.type === 'ITEMS');
    items.schema.serviceConfig.name = 'FilmNightItemsSchemaV2';
    items.schema.serviceConfig.schema.fields.push({ name: 'RATING', type: ['null', 'float'] });
  }));
  const run = await runBin(['plan', file, '--json'], env);
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout);
  const byPath = (p: string) => report.verdicts.find((v: any) => v.path === p);
  expect(byPath('datasetGroup')).toEqual(expect.objectContaining({ action: 'REUSE' }));
  expect(report.verdicts.filter((v: any) => v.kind === 'SOLUTION_VERSION').map((v: any) => v.action)).toEqual(['TRAIN', 'TRAIN', 'TRAIN']);
  expect(byPath('solutions[0].campaigns[0]')).toEqual(expect.objectContaining({ kind: 'CAMPAIGN', action: 'UPDATE' }));
  expect(report.verdicts.find((v: any) => v.kind === 'DATASET' && v.name === 'FilmNightItems')).toEqual(expect.objectContaining({ action: 'UPDATE' }));
  expect(byPath('filters[0]')).toEqual(expect.objectContaining({ kind: 'FILTER', action: 'CONFLICT', reason: 'exists with another expression' }));
  expect(report.problems).toEqual([expect.objectContaining({ path: expect.stringMatching(/^filters\[0\]/), line: expect.any(Number), column: expect.any(Number) })]);
  expectReadOnly(callsBefore, mutationsBefore);

  const text = await runBin(['plan', file], env);
  expect(text.code).toBe(1);
  expect(text.stdout).toMatch(/│ conflict\s+│ filter FilmNightUnwatched\s+│ \d+:\d+\s+│ exists with another expression/);
  expect(text.stdout).toContain('The run would stop before creating anything (1 problem):');
  expect(text.stdout).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: filters\\[0\\]`));
});

test('a second month: each change made in place is a line naming the resource, the field, both values and the call; nothing is changed by the plan', async () => {
  seedPlan(emulator, planOf(MEDIA));
  const [callsBefore, mutationsBefore] = [emulator.calls.length, emulator.mutations().length];
  const file = configFile('second-month.json', media((config) => {
    config.solutions[1].serviceConfig.performAutoTraining = false;
    config.recommenders[0].serviceConfig.recommenderConfig = { minRecommendationRequestsPerSecond: 2 };
    config.solutions[0].campaigns[0].serviceConfig.campaignConfig = { itemExplorationConfig: { explorationWeight: '0.5' } };
    config.filters[0].serviceConfig.tags.push({ tagKey: 'team', tagValue: 'recs' });
  }));
  const run = await runBin(['plan', file], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Changed in place (4):');
  expect(run.stdout).toContain('filter FilmNightUnwatched: tags.team (none) → recs (TagResource)');
  expect(run.stdout).toContain('solution FilmNightSimilarItems: performAutoTraining true → false (UpdateSolution)');
  expect(run.stdout).toContain('campaign FilmNightRankingCampaign: campaignConfig.itemExplorationConfig (none) → {"explorationWeight":"0.5"} (UpdateCampaign)');
  expect(run.stdout).toContain('recommender FilmNightMostPopular: recommenderConfig.minRecommendationRequestsPerSecond 1 → 2 (UpdateRecommender)');
  expect(run.stdout).toMatch(/│ update\s+│ solution FilmNightSimilarItems\s+│/);
  expectReadOnly(callsBefore, mutationsBefore);

  const refused = await runBin(['plan', configFile('refused.json', media((config) => { config.solutions[0].serviceConfig.performHPO = true; }))], env);
  expect(refused.code).toBe(1);
  expect(refused.stdout).toMatch(/:\d+:\d+: solutions\[0\]\.serviceConfig\.performHPO: solution FilmNightRanking exists with performHPO false, but the config has true; .*tear-down state machine/);
});

test('a filter of the same name in another dataset group is a conflict', async () => {
  const datasetGroupArn = emulator.arns.datasetGroup('SomeoneElsesGroup');
  const interactions = MEDIA.datasetGroup.datasets.find((d: any) => d.type === 'INTERACTIONS').schema.serviceConfig.schema;
  emulator.call('CreateDatasetGroup', { name: 'SomeoneElsesGroup' });
  emulator.call('CreateSchema', { name: 'SomeoneElsesSchema', schema: JSON.stringify(interactions) });
  emulator.settleAll();
  emulator.call('CreateDataset', { name: 'SomeoneElsesInteractions', datasetGroupArn, schemaArn: emulator.arns.schema('SomeoneElsesSchema'), datasetType: 'INTERACTIONS' });
  emulator.settleAll();
  emulator.call('CreateFilter', { name: 'FilmNightUnwatched', filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")', datasetGroupArn });
  const run = await runBin(['plan', 'sample_configs/input_media.json', '--json'], env);
  expect(run.code).toBe(1);
  expect(JSON.parse(run.stdout).verdicts.find((v: any) => v.path === 'filters[0]'))
    .toEqual(expect.objectContaining({ action: 'CONFLICT', reason: 'exists in another dataset group' }));
});

test('--account: no STS call; the ARNs are the given account\'s', async () => {
  const run = await runBin(['plan', 'sample_configs/input_media.json', '--account', '210987654321', '--json'], env);
  expect(run.code).toBe(0);
  expect(sts.calls).toEqual([]);
  expect(JSON.parse(run.stdout).location.account).toBe('210987654321');
  expect(emulator.calls.find((c) => c.operation === 'DescribeDatasetGroup')?.request.datasetGroupArn)
    .toBe('arn:aws:personalize:us-east-1:210987654321:dataset-group/FilmNightDatasetGroup');
});

test('no credentials: one line saying so, exit code 2, no call reaches a service', async () => {
  const run = await runBin(['plan', 'sample_configs/input_media.json'], userEnv({ personalize: personalize.url, sts: sts.url }, { credentials: false }));
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^personalize-mlops: plan: reading the account \(STS GetCallerIdentity\): no usable AWS credentials \(CredentialsProviderError: .*\)\. Configure them as for the AWS CLI.*\n$/);
  expect(sts.calls).toEqual([]);
  expect(emulator.calls).toEqual([]);
});

test('an invalid config: its problems, exit code 1, nothing asked of the account', async () => {
  const file = configFile('invalid.json', media((config) => { config.solutions[0].serviceConfig.name = 42; }));
  const run = await runBin(['plan', file], env);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/:\d+:\d+: solutions\[0\]\.serviceConfig\.name: must be string, got: 42\n/);
  expect(run.stderr).toContain('nothing was asked of the account');
  expect(sts.calls).toEqual([]);
  expect(emulator.calls).toEqual([]);
});

test('a Glue job the config names that does not exist: a problem at preprocessing.jobName, from GetJob through AWS_ENDPOINT_URL_GLUE', async () => {
  const glue = new GlueHttpEndpoint(new GlueFake().addJob('team-preprocessing'));
  const glueEnv = { ...env, AWS_ENDPOINT_URL_GLUE: await glue.start() };
  try {
    const missing = await runBin(['plan', configFile('missing-job.json', media((config) => { config.preprocessing.jobName = 'no-such-job'; }))], glueEnv);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/\d+:\d+: preprocessing\.jobName: Glue job no-such-job does not exist in this account and region/);
    const present = await runBin(['plan', configFile('team-job.json', media((config) => { config.preprocessing.jobName = 'team-preprocessing'; }))], glueEnv);
    expect(present.code).toBe(0);
    expect(glue.calls).toEqual(['GetJob', 'GetJob']);
    expectReadOnly(0, 0);
  } finally {
    await glue.stop();
  }
});

test('the validator\'s warnings are listed after the plan; the run would still go ahead (exit code 0)', async () => {
  // A deployment's DEPLOYED_FEATURES: every flow and schedules (the retail sample runs no Glue job).
  const features = configFile('scheduled-features.json', { ...ALL_FEATURES, schedules: true });
  const run = await runBin(['plan', 'sample_configs/input_retail.json', '--features', features], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/warning: sample_configs\/input_retail\.json:\d+:\d+: solutions\[0\]\.serviceConfig\.performAutoTraining: is absent .* billed twice/);
  expect(run.stdout).toContain('The run would go ahead.');
  const json = JSON.parse((await runBin(['plan', 'sample_configs/input_retail.json', '--features', features, '--json'], env)).stdout);
  expect(json.warnings.map((w: any) => w.path)).toEqual([0, 1, 2].map((i) => `solutions[${i}].serviceConfig.performAutoTraining`));
});
