import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_FEATURES } from '../../lambda/shared/config/deployed-features';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';

const root = path.join(__dirname, '..', '..');

describe('config contract', () => {
  test('the committed JSON Schema is the one generated from the TypeScript types', () => {
    // The generator is an ES module; run it as `npx projen schema` runs it.
    const generated = execFileSync(process.execPath, ['--input-type=module', '-e',
      "import('./projenrc/generate-schema.mjs').then((m) => process.stdout.write(m.generateSchema()))"], { cwd: root, encoding: 'utf8' });
    const committed = readFileSync(path.join(root, 'schema', 'pipeline-config.schema.json'), 'utf8');
    expect(generated).toEqual(committed);
  });

  const samples = readdirSync(path.join(root, 'sample_configs')).filter((f) => f.endsWith('.json'));
  test('there are sample configs for media and retail', () => {
    expect(samples).toEqual(expect.arrayContaining(['input_media.json', 'input_retail.json']));
  });

  // The samples are written for the example app, which deploys every flow and the bundled Glue job (whose name
  // only a deployment knows; this one is a stand-in that never reaches a run).
  const exampleAppFeatures = { ...ALL_FEATURES, glueJobName: 'ExampleAppBundledGlueJob' };

  test.each(samples)('sample config %s is valid and points editors at the schema', (file) => {
    const config = JSON.parse(readFileSync(path.join(root, 'sample_configs', file), 'utf8'));
    const verdict = validatePipelineConfig(config, exampleAppFeatures);
    expect(verdict.message).toBe('');
    expect(verdict.valid).toBe(true);
    expect(config.$schema).toBe('../schema/pipeline-config.schema.json');
  });

  test('the retail sample is an ECOMMERCE group without Actions data, which domain groups do not use', () => {
    // "No other custom recipe or domain use case uses Actions data" (developer guide, datasets-schemas-overview).
    const config = JSON.parse(readFileSync(path.join(root, 'sample_configs', 'input_retail.json'), 'utf8'));
    expect(config.datasetGroup.serviceConfig.domain).toBe('ECOMMERCE');
    expect(config.datasetGroup.datasets.map((d: any) => d.type).sort()).toEqual(['INTERACTIONS', 'ITEMS', 'USERS']);
  });
});

describe('sample batch inputs', () => {
  const dir = path.join(root, 'sample_inputs', 'batch');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));

  test('cover re-ranking, similar items and item affinity for media and retail', () => {
    expect(files.map((f) => f.split(path.sep).slice(-1)[0]).sort()).toEqual(
      ['item-affinity.json', 'item-affinity.json', 're-ranking.json', 'related-items.json', 'similar-items.json']);
  });

  test.each(files)('%s is JSON lines with the fields its recipe reads', (file) => {
    const lines = readFileSync(path.join(dir, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      if (file.includes('personalized-ranking')) expect(line).toEqual({ userId: expect.any(String), itemList: expect.any(Array) });
      else expect(line).toEqual({ itemId: expect.any(String) });
    }
  });
});

describe('docs/config-reference.md', () => {
  test('its config reference is the one generated from the schema', () => {
    const page = readFileSync(path.join(root, 'docs', 'config-reference.md'), 'utf8');
    const regenerated = execFileSync(process.execPath, ['--input-type=module', '-e',
      "import { readFileSync } from 'node:fs'; import('./projenrc/config-reference.mjs').then((m) => " +
      "process.stdout.write(m.pageWithReference(readFileSync(m.PAGE, 'utf8'), JSON.parse(readFileSync('schema/pipeline-config.schema.json', 'utf8')))))"],
    { cwd: root, encoding: 'utf8' });
    expect(page).toEqual(regenerated);
  });

  test('the README links it', () => {
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('](docs/config-reference.md)');
  });
});
