import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { capturedIo, ROOT } from './cli-harness';
import { tenantConfig } from '../../bench/tenants';
import { runCli } from '../../cli/main';
import { synthesizeExample } from '../../cli/simulate/example-template';
import { PersonalizeMlOpsPipeline } from '../../src';

// `personalize-mlops simulate --fleet <folder>`: the configs of a folder put under the fleet's prefix in the local S3
// stand-in, the fleet state machine of the example app's stack (or a given template) run by the local runner: its
// Distributed Map lists them, the validator reads each through the S3 face, each runs as its own execution of the
// main state machine. In-process: the same code the bin bundles.

const work = mkdtempSync(path.join(tmpdir(), 'cli-simulate-fleet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const MEDIA = JSON.parse(readFileSync(path.join(ROOT, 'sample_configs', 'input_media.json'), 'utf8'));

/** A folder of files (path under it → content). */
function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Two tenants of the media sample, each with its own names (as the tenants bench and the fleet's tests make them), and a file that is not a config. */
const TWO_TENANTS = {
  'media.json': JSON.stringify(tenantConfig(MEDIA, 0)),
  '2026-12/news.json': JSON.stringify(tenantConfig(MEDIA, 1)),
  'README.md': 'not a config',
};

async function simulate(...args: string[]) {
  const io = capturedIo();
  const code = await runCli(['simulate', ...args], io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

/** The row of a config in the table of configs. */
const rowOf = (stdout: string, file: string) => stdout.split('\n').find((line) => line.startsWith(`│ ${file} `));

test('a folder of two configs: each runs as its own execution of the main state machine under the example\'s fleet; both SUCCEEDED, exit code 0', async () => {
  const dir = folder('two', TWO_TENANTS);
  const run = await simulate('--fleet', dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`=== Fleet: 2 configs of ${dir} as s3://personalize-mlops-demo-data/fleet/ ===`);
  expect(run.stdout).toMatch(/^\[\+[\d.hms ]+\] fleet local-0001: RUNNING$/m);
  // Subfolders are narrower prefixes of the same fleet; other files are left out.
  expect(run.stdout).toMatch(/^\[\+[\d.hms ]+\] {3}config fleet\/media\.json: SUCCEEDED after /m);
  expect(run.stdout).toMatch(/^\[\+[\d.hms ]+\] {3}config fleet\/2026-12\/news\.json: SUCCEEDED after /m);
  expect(run.stdout).not.toContain('README.md');
  expect(run.stdout).toMatch(/^\[\+[\d.hms ]+\] {9}campaign FilmNightRankingCampaignT01: SUCCEEDED after /m);
  expect(run.stdout).toMatch(/^Execution \S+:execution:PersonalizePipelineSolutionFleetStateMachine[0-9A-F]{8}:local-0001: SUCCEEDED in /m);
  expect(run.stdout).toMatch(/│ campaign\s+│ FilmNightRankingCampaignT01\s+│ ACTIVE\s+│/);
  expect(run.stdout).toMatch(/│ campaign\s+│ FilmNightRankingCampaignT02\s+│ ACTIVE\s+│/);
  expect(run.stdout).toMatch(/^50 create\/update calls to Personalize\.$/m);
  for (const file of [path.join(dir, 'media.json'), path.join(dir, '2026-12', 'news.json')]) {
    expect(rowOf(run.stdout, file)).toMatch(/│ [0-9a-f-]{36} │ SUCCEEDED │ [\d.hms ]+│ [1-9]\d* +│ 0 +│ +│$/);
  }
  expect(run.stdout).not.toMatch(/^Config /m);
});

test('a fault that fails one config\'s campaign: that run FAILED with its cause in full, the other SUCCEEDED, the fleet SUCCEEDED (within its tolerance); exit code 1', async () => {
  const dir = folder('faulty', TWO_TENANTS);
  const template = path.join(work, 'template.json');
  writeFileSync(template, JSON.stringify(synthesizeExample()));
  const run = await simulate('--fleet', dir, '--template', template, '--fault', 'CAMPAIGN:FilmNightRankingCampaignT02=Not enough capacity for 5 TPS');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^Execution \S+FleetStateMachine\S+: SUCCEEDED in /m);
  const report = run.stdout.slice(run.stdout.indexOf(`\nConfig fleet/2026-12/news.json (${path.join(dir, '2026-12', 'news.json')}):`), run.stdout.indexOf('\nResources in the emulator:'));
  expect(report).toMatch(/^Execution \S+:execution:PersonalizePipelineSolutionStateMachine[0-9A-F]{8}:[0-9a-f-]{36}: FAILED in /m);
  expect(report).toMatch(/^ {2}campaign FilmNightRankingCampaignT02: FAILED CampaignFailed$/m);
  expect(report).toMatch(/Not enough capacity for 5 TPS/);
  expect(run.stdout).not.toMatch(/^Config fleet\/media\.json/m);
  expect(rowOf(run.stdout, path.join(dir, '2026-12', 'news.json'))).toMatch(/│ FAILED +│ .*│ [1-9]\d* +│ [1-9]\d* +│ \S+ +│$/);
  expect(rowOf(run.stdout, path.join(dir, 'media.json'))).toMatch(/│ SUCCEEDED │ .*│ 0 +│ +│$/);
});

describe('usage errors: exit code 2, one line, nothing run', () => {
  const noFleet = path.join(work, 'no-fleet.template.json');
  beforeAll(() => {
    const app = new App();
    const stack = new Stack(app, 'NoFleet');
    new PersonalizeMlOpsPipeline(stack, 'Pipeline');
    writeFileSync(noFleet, JSON.stringify(app.synth().getStackByName('NoFleet').template));
  });

  test.each<[string, () => string[], RegExp]>([
    ['a folder that does not exist', () => ['--fleet', path.join(work, 'nowhere')], /^personalize-mlops: simulate --fleet: \S+nowhere: no such folder\n$/],
    ['a file, not a folder', () => ['--fleet', path.join(folder('file', { 'one.json': '{}' }), 'one.json')], /^personalize-mlops: simulate --fleet: \S+one\.json is a file; give the folder of the fleet's configs/],
    ['a folder without .json files', () => ['--fleet', folder('empty', { 'README.md': 'x', 'sub/notes.txt': 'y' })], /^personalize-mlops: simulate --fleet: \S+empty holds no \.json file \(its subfolders included\)\n$/],
    ['a template without a fleet state machine', () => ['--fleet', folder('one', { 'a.json': '{}' }), '--template', noFleet],
      /^personalize-mlops: simulate --fleet: the template has no fleet state machine; a pipeline deploys one with the `fleet` prop/],
    ['--runs', () => ['--fleet', folder('runs', { 'a.json': '{}' }), '--runs', '2'], /option '--fleet <folder>' cannot be used with option '--runs <n>'/],
    ['a config file too', () => [path.join(ROOT, 'sample_configs', 'input_media.json'), '--fleet', folder('both', { 'a.json': '{}' })],
      /^personalize-mlops: simulate: give a config file or --fleet <folder>, not both\n$/],
    ['neither a config nor --fleet', () => [], /^personalize-mlops: simulate: give a config file, or --fleet <folder>\n$/],
  ])('%s', async (_label, args, message) => {
    const run = await simulate(...args());
    expect(run).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(message) });
  });
});
