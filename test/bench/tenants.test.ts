import { criticalPath } from '../../bench/critical-path';
import { fleetQuotas, fleetReference, tenantConfig } from '../../bench/tenants';
import { DEFAULT_DURATIONS, DEFAULT_QUOTAS } from '../../simulator/emulator/emulator-options';
import { sampleConfig } from '../helpers/pipeline-fixture';

const D = DEFAULT_DURATIONS;

describe('tenants of one account', () => {
  test('each copy of a config has its own resource names; the Avro record names stay', () => {
    const config = tenantConfig(sampleConfig('input_media'), 6);
    expect(config.datasetGroup.serviceConfig.name).toBe('FilmNightDatasetGroupT07');
    expect(config.datasetGroup.datasets[0].datasetImportJob.serviceConfig.jobName).toBe('FilmNightInteractionsImport20240101T07');
    expect(config.solutions[0].campaigns[0].serviceConfig.name).toBe('FilmNightRankingCampaignT07');
    expect(config.datasetGroup.datasets[0].schema.serviceConfig.schema.name).toBe('Interactions');
  });

  test('a fleet of one is the single run\'s critical path', () => {
    const config = sampleConfig('input_media');
    expect(fleetReference([config], { glueSeconds: 600 }).length).toBe(criticalPath(config, { glueSeconds: 600 }).length);
  });

  test('the account\'s quotas are one pool per kind for the whole fleet: a fleet waits for slots a single run never meets', () => {
    const configs = [0, 1].map((i) => tenantConfig(sampleConfig('input_retail'), i));
    const alone = fleetReference(configs.slice(0, 1), { quotas: { inProgressDatasetImportJobs: 1 } }).length;
    const together = fleetReference(configs, { quotas: { inProgressDatasetImportJobs: 1 } });
    // Two tenants' imports share one slot: the second tenant's come after the first's.
    expect(together.length).toBeGreaterThanOrEqual(alone + D.datasetImportJob);
    expect(Math.min(...together.tenantEnds)).toBe(alone);
  });

  test('25 media tenants: the import pool runs full from the Glue run to the last import, then the last tenant trains and deploys', () => {
    const configs = Array.from({ length: 25 }, (_, i) => tenantConfig(sampleConfig('input_media'), i));
    const reference = fleetReference(configs, { glueSeconds: 600, quotas: fleetQuotas(25) });
    const importWork = (75 * D.datasetImportJob) / DEFAULT_QUOTAS.inProgressDatasetImportJobs;
    expect(reference.length).toBeGreaterThanOrEqual(600 + importWork + D.solutionVersion + D.batchInferenceJob);
    expect(reference.tenantEnds).toHaveLength(25);
    expect(Math.max(...reference.tenantEnds)).toBe(reference.length);
  });

  test('the dataset group quota counts groups that exist: raised to the fleet\'s size, the in-progress quotas stay', () => {
    expect(fleetQuotas(25)).toEqual({ ...DEFAULT_QUOTAS, activeDatasetGroups: 25 });
    expect(fleetQuotas(1)).toEqual(DEFAULT_QUOTAS);
  });
});
