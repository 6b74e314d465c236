import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_FEATURES } from '../../lambda/shared/config/deployed-features';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';

/* Automatic training under the pipeline's schedules: a warning by field path, never a refusal. */

function retail(): any {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'sample_configs', 'input_retail.json'), 'utf8'));
}
const SCHEDULED = { ...ALL_FEATURES, schedules: true };

describe('automatic training under schedules', () => {
  test('a deployment with schedules warns for each solution it trains that trains by itself too; the config stays valid', () => {
    const verdict = validatePipelineConfig(retail(), SCHEDULED);
    expect(verdict.valid).toBe(true);
    expect(verdict.issues).toEqual([]);
    expect(verdict.warnings.map((w) => w.path)).toEqual([0, 1, 2].map((i) => `solutions[${i}].serviceConfig.performAutoTraining`));
    expect(verdict.warnings[0].message).toMatch(/absent \(the service's default is true\).*trains it twice, billed twice.*cannot tell whether one of them runs this config/);
  });

  test('performAutoTraining false, or no training by the pipeline, is not warned about', () => {
    const config = retail();
    config.solutions[0].serviceConfig.performAutoTraining = false;
    config.solutions[1].solutionVersion.createNewSolutionVersion = false;
    config.solutions[2].serviceConfig.performAutoTraining = true;
    expect(validatePipelineConfig(config, SCHEDULED).warnings).toEqual([
      { path: 'solutions[2].serviceConfig.performAutoTraining', message: expect.stringMatching(/^is true: /) },
    ]);
  });

  test('a deployment without schedules is not warned', () => {
    expect(validatePipelineConfig(retail()).warnings).toEqual([]);
  });
});
