import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// The command the README's quick start hands a newcomer (`npm run demo`): the command line's `simulate`, run from its
// sources. A config that cannot be read is one line naming the file, line and column, exit code 2, no stack trace.

const ROOT = path.resolve(__dirname, '..', '..');
const SIMULATE = ['ts-node', '--transpile-only', '-P', 'test/tsconfig.json', 'cli/bin.ts', 'simulate'];
const work = mkdtempSync(path.join(tmpdir(), 'demo-command-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const full = path.join(work, name);
  writeFileSync(full, text);
  return full;
}

test('the demo runs the command line\'s simulate on the synthesized example stack, and passes its options on', () => {
  const tasks = JSON.parse(readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8'));
  const steps = tasks.tasks.demo.steps as Array<{ exec?: string; receiveArgs?: boolean }>;
  const last = steps[steps.length - 1];
  expect(last.exec?.startsWith(`npx ${SIMULATE.join(' ')} sample_configs/`)).toBe(true);
  expect(last.exec).toContain('--template cdk.out/PersonalizeMlOpsExample.template.json');
  expect(last.receiveArgs).toBe(true);
});

describe('simulate, as the demo runs it, on a config it cannot use', () => {
  const cli = (config: string) => spawnSync('npx', [...SIMULATE, config, '--template', 'template-not-read.json'], { cwd: ROOT, encoding: 'utf8' });

  test.each([
    ['not valid JSON', () => file('broken.json', '{\n  "datasetGroup": {\n    "name": "x",\n  }\n}\n'), /^personalize-mlops: simulate: .*broken\.json:4:3: not valid JSON: .+\n$/],
    ['missing', () => path.join(work, 'missing.json'), /^personalize-mlops: simulate: .*missing\.json: no such file\n$/],
  ])('a config that is %s: one line on stderr, exit code 2', (_label, config, message) => {
    const run = cli(config());
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({ status: 2, stderr: expect.stringMatching(message), stdout: '' });
  });
});
