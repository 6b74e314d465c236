import { ALL_FEATURES } from '../../lambda/shared/config/deployed-features';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';
import { BAD_CONFIGS } from '../helpers/bad-configs';
import { sampleConfig } from '../helpers/pipeline-fixture';

describe('each malformed config is rejected, naming the field', () => {
  test(`there are at least 30 cases (${BAD_CONFIGS.length})`, () => {
    expect(BAD_CONFIGS.length).toBeGreaterThanOrEqual(30);
  });

  test.each(BAD_CONFIGS.map((c) => [c.label, c]))('%s', (_label, bad) => {
    const config = sampleConfig(bad.sample);
    const mutated = bad.mutate(config);
    const verdict = validatePipelineConfig(mutated === undefined ? config : mutated);
    expect(verdict.valid).toBe(false);
    expect(verdict.plan).toBeUndefined();
    const issue = verdict.issues.find((i) => i.path === bad.path);
    expect({ issues: verdict.issues, found: issue !== undefined }).toMatchObject({ found: true });
    if (bad.message) expect(issue!.message).toMatch(bad.message);
    expect(verdict.message).toContain(`- ${bad.path}: `);
  });
});

describe('defaults and lenience', () => {
  test('a config with the dataset group only is valid, with empty lists in its plan', () => {
    const config = sampleConfig('input_media');
    const verdict = validatePipelineConfig({ datasetGroup: config.datasetGroup });
    expect(verdict.valid).toBe(true);
    expect(verdict.plan).toMatchObject({
      filters: [], solutions: [], recommenders: [], has: { filters: false, solutions: false, eventTracker: false },
    });
  });

  test('a solution without solutionVersion trains one; empty inference lists are filled in', () => {
    const config = sampleConfig('input_retail');
    const verdict = validatePipelineConfig(config);
    expect(verdict.plan!.solutions[2]).toMatchObject({
      solutionVersion: { createNewSolutionVersion: true, serviceConfig: {} }, campaigns: [], batchInferenceJobs: [],
    });
  });

  test('schemas of a domain dataset group get its domain', () => {
    const verdict = validatePipelineConfig(sampleConfig('input_retail'));
    expect(verdict.plan!.datasets.every((d) => d.schema.serviceConfig.domain === 'ECOMMERCE')).toBe(true);
  });

  test('every problem is listed, not only the first', () => {
    const config = sampleConfig('input_media');
    config.datasetGroup.serviceConfig.name = 'bad name';
    config.filters[0].serviceConfig.filterExpression = '';
    config.solutions[0].campaigns[0].serviceConfig.minProvisionedTPS = 0;
    expect(validatePipelineConfig(config).issues.map((i) => i.path)).toEqual(expect.arrayContaining([
      'datasetGroup.serviceConfig.name', 'filters[0].serviceConfig.filterExpression', 'solutions[0].campaigns[0].serviceConfig.minProvisionedTPS',
    ]));
  });

  test('sections whose flows are not deployed are reported, empty ones are not', () => {
    const config = sampleConfig('input_media');
    // The media sample runs preprocessing without a jobName: it is written for a pipeline with the bundled job.
    const features = { ...ALL_FEATURES, glueJobName: 'BundledGlueJob', filters: false, eventTracker: false, recommenders: false };
    expect(validatePipelineConfig(config, features).issues.map((i) => i.path)).toEqual(['filters', 'eventTracker', 'recommenders']);
    config.filters = [];
    delete config.eventTracker;
    config.recommenders = [];
    expect(validatePipelineConfig(config, features).valid).toBe(true);
  });
});
