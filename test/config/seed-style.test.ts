import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';

/** A fixture written the way the seed project's README writes configs, as a fresh object. */
function seedStyle(name: 'custom-group' | 'domain-group'): any {
  return JSON.parse(readFileSync(path.join(__dirname, 'seed-style', `${name}.json`), 'utf8'));
}

describe('configs in the seed project\'s style', () => {
  test.each(['custom-group', 'domain-group'] as const)('%s validates with zero issues', (name) => {
    const verdict = validatePipelineConfig(seedStyle(name));
    expect(verdict.issues).toEqual([]);
    expect(verdict.valid).toBe(true);
  });

  test('the custom group fixture has the seed\'s shapes: nullable unions both ways, empty lists, "" versions, placeholder tags', () => {
    const config = seedStyle('custom-group');
    const fieldTypes = config.datasetGroup.datasets.flatMap((d: any) => d.schema.serviceConfig.schema.fields.map((f: any) => f.type));
    expect(fieldTypes).toEqual(expect.arrayContaining([['null', 'int'], ['long', 'null']]));
    expect(config.datasetGroup.serviceConfig.domain).toBeUndefined();
    expect(config.recommenders).toEqual([]);
    expect(config.solutions[0]).toMatchObject({ campaigns: [{ solutionversion: '' }], batchInferenceJobs: [], batchSegmentJobs: [] });
    expect(config.datasetGroup.datasets[0].dataset.serviceConfig.tags).toEqual([{ tagKey: 'string', tagValue: 'string' }]);
  });

  test('the seed\'s filter expressions pass as they are written', () => {
    const config = seedStyle('custom-group');
    for (const expression of [
      'EXCLUDE itemId WHERE INTERACTIONS.event_type in ("Purchase")',
      'INCLUDE ItemID WHERE Interactions.event_type IN ("Watch")',
    ]) {
      config.filters = [{ serviceConfig: { name: 'SeedFilter', filterExpression: expression } }];
      expect(validatePipelineConfig(config).issues).toEqual([]);
    }
  });

  test('every section may be an empty list', () => {
    const config = seedStyle('domain-group');
    Object.assign(config, { filters: [], recommenders: [] });
    config.solutions[0].campaigns = [];
    const verdict = validatePipelineConfig(config);
    expect(verdict.issues).toEqual([]);
    expect(verdict.plan).toMatchObject({ filters: [], recommenders: [], has: { filters: false, recommenders: false } });
  });
});
