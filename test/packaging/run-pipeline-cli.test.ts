import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { JsonFileError, readJsonFile } from '../../local/cli/read-config';

// The command the README's quick start hands a newcomer (`local/cli/run-pipeline.ts`): a config that cannot be
// read is one line naming the file, line and column, exit code 2, no stack trace.

const ROOT = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'run-pipeline-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const full = path.join(work, name);
  writeFileSync(full, text);
  return full;
}

describe('readJsonFile', () => {
  test('returns the parsed JSON', () => {
    expect(readJsonFile(file('good.json', '{ "datasetGroup": {} }\n'))).toEqual({ datasetGroup: {} });
  });

  test.each([
    ['a trailing comma', '{\n  "datasetGroup": {\n    "name": "x",\n  }\n}\n', 4, 3],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}\n', 3, 3],
    ['an unexpected token (no position in the parser\'s message)', '{\n  "a": 1,\n  "b": }\n', 3, 8],
    ['a truncated file', '{\n  "a": [1, 2', 2, 13],
    ['text after the value', '{ "a": 1 }\n}\n', 2, 1],
  ])('%s: names the file, line and column in one line', (_label, text, line, column) => {
    const bad = file('bad.json', text);
    expect(() => readJsonFile(bad)).toThrow(JsonFileError);
    expect(() => readJsonFile(bad)).toThrow(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${line}:${column}: not valid JSON: [^\\n]+$`));
  });

  test('a missing file is named as such', () => {
    const missing = path.join(work, 'nope.json');
    expect(() => readJsonFile(missing)).toThrow(`${missing}: no such file`);
  });
});

describe('run-pipeline on a config it cannot use', () => {
  const cli = (config: string) => spawnSync('npx', [
    'ts-node', '--transpile-only', '-P', 'test/tsconfig.json', 'local/cli/run-pipeline.ts',
    '--template', 'template-not-read.json', '--config', config,
  ], { cwd: ROOT, encoding: 'utf8' });

  test.each([
    ['not valid JSON', () => file('broken.json', '{\n  "datasetGroup": {\n    "name": "x",\n  }\n}\n'), /^run-pipeline: .*broken\.json:4:3: not valid JSON: .+\n$/],
    ['missing', () => path.join(work, 'missing.json'), /^run-pipeline: .*missing\.json: no such file\n$/],
  ])('a config that is %s: one line on stderr, exit code 2', (_label, config, message) => {
    const run = cli(config());
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({ status: 2, stderr: expect.stringMatching(message), stdout: '' });
  });
});
