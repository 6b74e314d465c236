import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/*
 * The command line as a user gets it: `npm pack`, the tarball installed into a fresh folder (npm brings the peer
 * dependencies aws-cdk-lib and constructs), then `npx personalize-mlops …` there. Run with `npm run test:package`,
 * which compiles lib/ and bundles bin/ first.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'cli-installed-'));
const app = path.join(work, 'app');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a command outside the project's npm context (npm_* variables would point npm back here). */
function run(cwd: string, command: string, args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD' && !/^AWS_/.test(key)));
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runOrThrow(cwd: string, command: string, args: string[]): string {
  const result = run(cwd, command, args);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`.slice(-4000));
  return result.stdout;
}

beforeAll(() => {
  runOrThrow(ROOT, 'npm', ['pack', '--pack-destination', work]);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  mkdirSync(app);
  runOrThrow(app, 'npm', ['init', '-y']);
  runOrThrow(app, 'npm', ['install', '--no-audit', '--no-fund', path.join(work, tarball)]);
  cpSync(path.join(app, 'node_modules', 'personalize-mlops', 'sample_configs'), path.join(app, 'sample_configs'), { recursive: true });
}, 600_000);

test('npx personalize-mlops validate sample_configs/input_media.json exits 0', () => {
  expect(run(app, 'npx', ['personalize-mlops', 'validate', 'sample_configs/input_media.json']))
    .toEqual({ status: 0, stdout: '✔ sample_configs/input_media.json: valid\n', stderr: '' });
});

test('npx personalize-mlops --help lists the commands', () => {
  const help = run(app, 'npx', ['personalize-mlops', '--help']);
  expect(help.status).toBe(0);
  for (const command of ['validate', 'plan', 'start', 'watch', 'simulate']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
});

test('npx personalize-mlops simulate synthesizes the example with the installed construct and the app\'s aws-cdk-lib, and runs it', () => {
  const simulated = run(app, 'npx', ['personalize-mlops', 'simulate', 'sample_configs/input_media.json']);
  expect(simulated.stderr).toBe('');
  expect(simulated.status).toBe(0);
  expect(simulated.stdout).toMatch(/^Execution \S+: SUCCEEDED in /m);
  expect(simulated.stdout).toMatch(/│ campaign\s+│ FilmNightRankingCampaign\s+│ ACTIVE\s+│/);
}, 300_000);
