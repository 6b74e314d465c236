import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildBin, capturedIo, ROOT, runBin } from './cli-harness';
import { FieldPositions } from '../../cli/config/field-position';
import { runCli } from '../../cli/main';
import { ALL_FEATURES } from '../../lambda/shared/config/deployed-features';

// `personalize-mlops validate`: the pipeline's validator offline, each problem at its field path and line:column.

const work = mkdtempSync(path.join(tmpdir(), 'cli-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const MEDIA = path.join(ROOT, 'sample_configs', 'input_media.json');
const RETAIL = path.join(ROOT, 'sample_configs', 'input_retail.json');

function file(name: string, text: string): string {
  const full = path.join(work, name);
  writeFileSync(full, text);
  return full;
}

/** The media sample with two mistakes, laid out so their positions are known. */
const BAD = `{
  "datasetGroup": {
    "serviceConfig": { "name": "Film Night" },
    "datasets": []
  },
  "solutions": [
    { "serviceConfig": { "name": 42, "recipeArn": "arn:aws:personalize:::recipe/aws-user-personalization" } }
  ]
}
`;

async function validate(...args: string[]) {
  const io = capturedIo();
  const code = await runCli(['validate', ...args], io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('FieldPositions', () => {
  const text = '{\n  "a": {\n    "b.c": [10, { "d": true }]\n  },\n  "e": {}\n}\n';
  const positions = new FieldPositions(text);

  test.each([
    ['$', 1, 1],
    ['a', 2, 8],
    ['a.b.c', 3, 12],
    ['a.b.c[1].d', 3, 24],
    ['e.missing', 5, 8],
    ['a.b.c[7]', 3, 12],
  ])('%s is at %i:%i', (fieldPath, line, column) => {
    expect(positions.of(fieldPath)).toEqual({ line, column });
  });
});

describe('validate', () => {
  test('the sample configs are valid: exit code 0, one line each', async () => {
    const run = await validate(MEDIA, RETAIL);
    expect(run).toEqual({ code: 0, stdout: `✔ ${MEDIA}: valid\n✔ ${RETAIL}: valid\n`, stderr: '' });
  });

  test('every problem with its field path and line:column in the file: exit code 1', async () => {
    const bad = file('bad.json', BAD);
    const run = await validate(bad);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✘ ${bad}: `);
    expect(run.stdout).toContain(`${bad}:3:32: datasetGroup.serviceConfig.name: must match`);
    expect(run.stdout).toContain(`${bad}:7:34: solutions[0].serviceConfig.name: must be string, got: 42`);
  });

  test('--json: a report per file with path, line, column and message', async () => {
    const bad = file('bad-json.json', BAD);
    const run = await validate(MEDIA, bad, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toEqual([
      { file: MEDIA, valid: true, problems: [] },
      {
        file: bad,
        valid: false,
        problems: expect.arrayContaining([
          { path: 'datasetGroup.serviceConfig.name', line: 3, column: 32, message: expect.stringMatching(/^must match/) },
          { path: 'solutions[0].serviceConfig.name', line: 7, column: 34, message: 'must be string, got: 42' },
        ]),
      },
    ]);
  });

  test('a file that is not JSON is a problem at the parser\'s line and column', async () => {
    const broken = file('broken.json', '{\n  "datasetGroup": {\n    "name": "x",\n  }\n}\n');
    const run = await validate(broken, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)[0]).toEqual({ file: broken, valid: false, problems: [{ line: 4, column: 3, message: expect.stringMatching(/^not valid JSON: /) }] });
  });

  test('a missing file is a problem, and the other files are still checked', async () => {
    const missing = path.join(work, 'nope.json');
    const run = await validate(missing, MEDIA);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`✘ ${missing}: 1 problem\n  ${missing}: no such file\n✔ ${MEDIA}: valid\n`);
  });

  test('offline, a config that names no Glue job passes (the pipeline\'s own job is assumed); --features checks a deployment exactly', async () => {
    // Every flow, no Glue job of the pipeline's own.
    const noGlue = file('features.json', JSON.stringify(ALL_FEATURES));
    expect((await validate(MEDIA)).code).toBe(0);
    const run = await validate(MEDIA, '--features', noGlue);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp('input_media\\.json:3:20: preprocessing\\.jobName: is required'));
  });

  test('no file is a usage error: exit code 2', async () => {
    const run = await validate();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing required argument');
  });
});

describe('the bundled bin', () => {
  beforeAll(buildBin);

  test('validate sample_configs/input_media.json exits 0', async () => {
    const run = await runBin(['validate', 'sample_configs/input_media.json']);
    expect(run).toEqual({ code: 0, stdout: '✔ sample_configs/input_media.json: valid\n', stderr: '' });
  });

  test('an invalid config exits 1 with its problems', async () => {
    const run = await runBin(['validate', file('bin-bad.json', BAD)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(':7:34: solutions[0].serviceConfig.name: must be string, got: 42');
  });
});

describe('validate: warnings', () => {
  // A deployment with schedules (DEPLOYED_FEATURES `schedules: true`) and the example app's own Glue job.
  const scheduled = () => file('scheduled-features.json', JSON.stringify({ ...ALL_FEATURES, glueJobName: 'OwnGlueJob', schedules: true }));

  test('automatic training under schedules is a warning at its field path and line:column; the exit code stays 0', async () => {
    const run = await validate(RETAIL, '--features', scheduled());
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`✔ ${RETAIL}: valid, 3 warnings`);
    expect(lines[1]).toMatch(new RegExp(`^  warning: ${RETAIL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: solutions\\[0\\]\\.serviceConfig\\.performAutoTraining: is absent .* billed twice`));
  });

  test('--json lists them as warnings, apart from the problems', async () => {
    const run = await validate(RETAIL, '--features', scheduled(), '--json');
    expect(run.code).toBe(0);
    const [report] = JSON.parse(run.stdout);
    expect(report).toMatchObject({ valid: true, problems: [] });
    expect(report.warnings.map((w: any) => w.path)).toEqual([0, 1, 2].map((i) => `solutions[${i}].serviceConfig.performAutoTraining`));
    expect(report.warnings[0]).toEqual({ path: 'solutions[0].serviceConfig.performAutoTraining', line: expect.any(Number), column: expect.any(Number), message: expect.any(String) });
  });
});
