import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { JsonFileError, readJsonFile } from '../../cli/json-file';

// How the command line reads a config or a template: a file that cannot be read is one line naming the file, and
// text that is not JSON one line naming the file, line and column.

const work = mkdtempSync(path.join(tmpdir(), 'cli-json-file-'));
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
