import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { capturedIo, ROOT } from './cli-harness';
import { runCli } from '../../cli/main';
import { synthesizeExample } from '../../cli/simulate/example-template';

// `personalize-mlops simulate`: the local runner on the example app's stack (or a given template) against the
// emulator, with the progress display of `watch` and the summary tables. In-process: the same code the bin bundles.

const work = mkdtempSync(path.join(tmpdir(), 'cli-simulate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const MEDIA = path.join(ROOT, 'sample_configs', 'input_media.json');
const RETAIL = path.join(ROOT, 'sample_configs', 'input_retail.json');

/** The outcome part of a run's output, from its `Execution …:` line, so a failure shows its cause. */
function outcomeOf(stdout: string): string {
  return stdout.slice(stdout.indexOf('\nExecution '), stdout.indexOf('\nResources in the emulator:'));
}

async function simulate(...args: string[]) {
  const io = capturedIo();
  const code = await runCli(['simulate', ...args], io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

test('the example app\'s stack on the media sample: a line per resource, SUCCEEDED, the resources and the run in tables', async () => {
  const run = await simulate(MEDIA);
  expect(run.stderr).toBe('');
  expect({ code: run.code, outcome: outcomeOf(run.stdout) }).toEqual({ code: 0, outcome: expect.stringMatching(/: SUCCEEDED in /) });
  expect(run.stdout).toContain(`=== Run 1 of 1: ${MEDIA} ===`);
  expect(run.stdout).toMatch(/^\[\+[\d.hms ]+\] pipeline local-0001: RUNNING$/m);
  expect(run.stdout).toMatch(/^\[\+[\d.hms ]+\] {5}campaign FilmNightRankingCampaign: SUCCEEDED after [\d.hms ]+$/m);
  expect(run.stdout).toMatch(/^Execution \S+:local-0001: SUCCEEDED in /m);
  expect(run.stdout).toMatch(/│ campaign\s+│ FilmNightRankingCampaign\s+│ ACTIVE\s+│/);
  expect(run.stdout).toMatch(/│ solution version\s+│ FilmNightRanking\/\w+\s+│ ACTIVE\s+│/);
  expect(run.stdout).toMatch(/│ 1\s+│ SUCCEEDED\s+│ [\d.hms ]+│ 25: CreateDatasetGroup 1,/);
});

test('a given template, two runs, a fault: the first run fails with the reason in full, the second recovers; exit code 1', async () => {
  const template = path.join(work, 'template.json');
  writeFileSync(template, JSON.stringify(synthesizeExample()));
  const run = await simulate(RETAIL, '--template', template, '--runs', '2', '--fault', 'CAMPAIGN:CornerShopForYouCampaign=Not enough capacity for 5 TPS');
  expect(run.code).toBe(1);
  const [first, second] = run.stdout.split(/^=== Run 2 of 2: .* ===$/m);
  expect(first).toMatch(/^\[\+[\d.hms ]+\] {5}campaign CornerShopForYouCampaign: FAILED after /m);
  expect(first).toMatch(/^Execution \S+: FAILED in /m);
  expect(first).toMatch(/^ {2}campaign CornerShopForYouCampaign: FAILED CampaignFailed$/m);
  expect(first).toMatch(/^ {4}Campaign CornerShopForYouCampaign .*Not enough capacity for 5 TPS$/m);
  expect(second).toMatch(/^Execution \S+: SUCCEEDED in /m);
  expect(second).toMatch(/│ 1\s+│ FAILED\s+│/);
  expect(second).toMatch(/│ 2\s+│ SUCCEEDED\s+│ [\d.hms ]+│ \d+: .*CreateCampaign 1/);
});

test.each([
  ['an unknown fault kind', ['--fault', 'CAMPAIGNS=x'], /^personalize-mlops: --fault kind must be one of DATASET_GROUP, .*, got: CAMPAIGNS\n$/],
  ['a fault without a reason', ['--fault', 'CAMPAIGN'], /^personalize-mlops: --fault must be KIND=REASON or KIND:NAME=REASON, got: CAMPAIGN\n$/],
  ['--runs 0', ['--runs', '0'], /--runs must be a whole number of at least 1, got: 0/],
])('%s is a usage error: exit code 2, nothing run', async (_label, args, message) => {
  const run = await simulate(MEDIA, ...args);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
});

test('a config that is not JSON: one line with the file, line and column, exit code 2', async () => {
  const broken = path.join(work, 'broken.json');
  writeFileSync(broken, '{\n  "datasetGroup": {\n    "name": "x",\n  }\n}\n');
  const run = await simulate(broken);
  expect(run).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^personalize-mlops: simulate: .*broken\.json:4:3: not valid JSON: [^\n]+\n$/) });
});
