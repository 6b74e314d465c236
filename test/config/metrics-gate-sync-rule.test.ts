import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';

/* A campaign that syncs with the latest solution version would pass its solution's metrics gate by: refused. */

function retail(): any {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'sample_configs', 'input_retail.json'), 'utf8'));
}
const SYNC = 'solutions[0].campaigns[0].serviceConfig.campaignConfig.syncWithLatestSolutionVersion';

describe('a gated solution\'s campaigns do not sync with the latest version', () => {
  test('sync on a gated solution is refused, naming both fields', () => {
    const config = retail();
    config.solutions[0].metricsGate = { metric: 'coverage' };
    config.solutions[0].campaigns[0].serviceConfig.campaignConfig.syncWithLatestSolutionVersion = true;
    const { issues } = validatePipelineConfig(config);
    expect(issues).toEqual([{ path: SYNC, message: expect.stringMatching(/past the metrics gate of solutions\[0\]\.metricsGate/) }]);
  });

  test('sync without a gate, or a gate without sync, passes', () => {
    const syncing = retail();
    syncing.solutions[0].campaigns[0].serviceConfig.campaignConfig.syncWithLatestSolutionVersion = true;
    const gated = retail();
    gated.solutions[0].metricsGate = { metric: 'coverage' };
    gated.solutions[0].campaigns[0].serviceConfig.campaignConfig.syncWithLatestSolutionVersion = false;
    expect(validatePipelineConfig(syncing).issues).toEqual([]);
    expect(validatePipelineConfig(gated).issues).toEqual([]);
  });
});
