import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_FEATURES } from '../../lambda/shared/config/deployed-features';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';

/* CreateBatchInferenceJob's recipe and mode rules (API reference): one test per rule, by field path. */

/** The media sample's Similar-Items solution (index 1) with its batch inference job. */
function media(): any {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'sample_configs', 'input_media.json'), 'utf8'));
}
/** As the example app deploys it: with a Glue job of its own, which the media sample's preprocessing runs. */
const issuesOf = (config: any) => validatePipelineConfig(config, { ...ALL_FEATURES, glueJobName: 'OwnGlueJob' }).issues;
const JOB = 'solutions[1].batchInferenceJobs[0]';
const THEMES = { fieldsForThemeGeneration: { itemName: 'TITLE' } };

describe('batch inference jobs fit their solution\'s recipe', () => {
  test.each(['aws-trending-now', 'aws-next-best-action'])('no batch recommendations on %s', (recipe) => {
    const config = media();
    config.solutions[1].serviceConfig.recipeArn = `arn:aws:personalize:::recipe/${recipe}`;
    expect(issuesOf(config)).toEqual([{ path: JOB, message: expect.stringMatching(/gives no batch recommendations/) }]);
  });

  test('...unless the job is not run (createBatchInferenceJob false)', () => {
    const config = media();
    config.solutions[1].serviceConfig.recipeArn = 'arn:aws:personalize:::recipe/aws-trending-now';
    config.solutions[1].batchInferenceJobs[0].createBatchInferenceJob = false;
    expect(issuesOf(config)).toEqual([]);
  });

  test('THEME_GENERATION on Similar-Items with themeGenerationConfig passes', () => {
    const config = media();
    Object.assign(config.solutions[1].batchInferenceJobs[0].serviceConfig, { batchInferenceJobMode: 'THEME_GENERATION', themeGenerationConfig: THEMES });
    expect(issuesOf(config)).toEqual([]);
  });

  test('THEME_GENERATION only on Similar-Items', () => {
    const config = media();
    config.solutions[1].serviceConfig.recipeArn = 'arn:aws:personalize:::recipe/aws-sims';
    Object.assign(config.solutions[1].batchInferenceJobs[0].serviceConfig, { batchInferenceJobMode: 'THEME_GENERATION', themeGenerationConfig: THEMES });
    expect(issuesOf(config)).toEqual([{ path: `${JOB}.serviceConfig.batchInferenceJobMode`, message: expect.stringMatching(/needs a solution of recipe aws-similar-items/) }]);
  });

  test('THEME_GENERATION needs themeGenerationConfig', () => {
    const config = media();
    config.solutions[1].batchInferenceJobs[0].serviceConfig.batchInferenceJobMode = 'THEME_GENERATION';
    expect(issuesOf(config)).toEqual([{ path: `${JOB}.serviceConfig.themeGenerationConfig`, message: expect.stringMatching(/^is required when batchInferenceJobMode is THEME_GENERATION/) }]);
  });

  test('...with fieldsForThemeGeneration.itemName', () => {
    const config = media();
    Object.assign(config.solutions[1].batchInferenceJobs[0].serviceConfig, { batchInferenceJobMode: 'THEME_GENERATION', themeGenerationConfig: {} });
    expect(issuesOf(config)).toEqual([{ path: `${JOB}.serviceConfig.themeGenerationConfig.fieldsForThemeGeneration.itemName`, message: expect.stringMatching(/must name the Items field/) }]);
  });
});
