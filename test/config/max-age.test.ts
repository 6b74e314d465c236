import { MAX_AGE_PATTERN, parseMaxAge } from '../../lambda/shared/config/max-age';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';
import * as schema from '../../schema/pipeline-config.schema.json';
import { sampleConfig } from '../helpers/pipeline-fixture';

describe('parseMaxAge', () => {
  test.each([
    ['1 second', 1],
    ['30 minutes', 1_800],
    ['12 hours', 43_200],
    ['7 days', 604_800],
    ['1 day', 86_400],
    ['2 weeks', 1_209_600],
    ['1 weeks', 604_800],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseMaxAge(text)).toBe(seconds);
  });

  test.each(['', '7', 'days', '0 days', '-1 days', '1.5 hours', '7 Days', '7  days', '7days', ' 7 days', '1 month', '1 year'])('"%s" is refused, naming the form', (text) => {
    expect(() => parseMaxAge(text)).toThrow(/maxAge must read "<integer> <second\|minute\|hour\|day\|week>\(s\)"/);
  });

  test('the JSON Schema\'s pattern agrees with it', () => {
    const schemaPattern = new RegExp((schema as any).definitions.MaxAge.pattern);
    for (const text of ['1 second', '7 days', '2 weeks', '0 days', '7 Days', '1.5 hours', '1 month', '7days']) {
      expect([text, schemaPattern.test(text)]).toEqual([text, MAX_AGE_PATTERN.test(text)]);
    }
  });
});

describe('solutionVersion.maxAge in a config', () => {
  test('is accepted and reaches the plan in seconds; absent is 0, which trains on every run', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].solutionVersion.maxAge = '7 days';
    const verdict = validatePipelineConfig(config);
    expect(verdict.issues).toEqual([]);
    expect(verdict.plan!.solutions[0].solutionVersion.maxAgeSeconds).toBe(604_800);
    expect(verdict.plan!.solutions[1].solutionVersion.maxAgeSeconds).toBe(0);
  });

  test('a malformed one is refused at its path', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].solutionVersion.maxAge = 'a week';
    expect(validatePipelineConfig(config).issues.map((i) => i.path)).toEqual(['solutions[0].solutionVersion.maxAge']);
  });
});
