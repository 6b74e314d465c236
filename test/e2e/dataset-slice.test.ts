import { RESOURCE_DETAIL_TYPE, PIPELINE_DETAIL_TYPE } from '../../src/steps/status-events';
import { localPipeline, namesIn, sampleConfig } from '../helpers/pipeline-fixture';

/** A config with the dataset part of a sample only. */
function datasetsOnly(name: 'input_media' | 'input_retail') {
  const config = sampleConfig(name);
  delete config.filters;
  delete config.eventTracker;
  delete config.solutions;
  delete config.recommenders;
  delete config.preprocessing;
  return config;
}

describe.each(['input_media', 'input_retail'] as const)('dataset slice of %s', (sample) => {
  test('creates every dataset group, schema, dataset and import job ACTIVE with the configured names', async () => {
    const runner = localPipeline();
    const config = datasetsOnly(sample);
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'SUCCEEDED' });

    const { emulator } = runner;
    const group = config.datasetGroup;
    const groups = (emulator.call('ListDatasetGroups', {}) as any).datasetGroups;
    expect(groups).toEqual([expect.objectContaining({ name: group.serviceConfig.name, status: 'ACTIVE', domain: group.serviceConfig.domain })]);
    expect(namesIn(emulator, 'ListSchemas', 'schemas').sort()).toEqual(group.datasets.map((d: any) => d.schema.serviceConfig.name).sort());
    const datasets = (emulator.call('ListDatasets', { datasetGroupArn: groups[0].datasetGroupArn }) as any).datasets;
    expect(datasets.map((d: any) => [d.name, d.datasetType, d.status]).sort()).toEqual(
      group.datasets.map((d: any) => [d.dataset.serviceConfig.name, d.type, 'ACTIVE']).sort());
    const jobs = (emulator.call('ListDatasetImportJobs', {}) as any).datasetImportJobs;
    expect(jobs.map((j: any) => [j.jobName, j.status, j.importMode]).sort()).toEqual(
      group.datasets.map((d: any) => [d.datasetImportJob.serviceConfig.jobName, 'ACTIVE', 'FULL']).sort());
    // The dataset ARN follows the service's format: dataset/<dataset group name>/<TYPE>.
    expect(datasets.map((d: any) => d.datasetArn)).toContain(`arn:aws:personalize:us-east-1:123456789012:dataset/${group.serviceConfig.name}/INTERACTIONS`);
  });

  test('publishes a status event for each resource on the pipeline bus, ending ACTIVE', async () => {
    const runner = localPipeline();
    const config = datasetsOnly(sample);
    await runner.run(config);
    const resourceEvents = runner.eventsOf(RESOURCE_DETAIL_TYPE);
    const finalStatus = (kind: string, name: string) =>
      resourceEvents.filter((e) => e.detail.kind === kind && e.detail.name === name).map((e) => e.detail.status).pop();
    expect(finalStatus('DATASET_GROUP', config.datasetGroup.serviceConfig.name)).toBe('ACTIVE');
    for (const d of config.datasetGroup.datasets) {
      expect(finalStatus('SCHEMA', d.schema.serviceConfig.name)).toBe('ACTIVE');
      expect(finalStatus('DATASET', d.dataset.serviceConfig.name)).toBe('ACTIVE');
      expect(finalStatus('DATASET_IMPORT_JOB', d.datasetImportJob.serviceConfig.jobName)).toBe('ACTIVE');
    }
    // A new resource is reported as it is created, then at each status the poll loop sees.
    const groupStatuses = resourceEvents.filter((e) => e.detail.kind === 'DATASET_GROUP').map((e) => e.detail.status);
    expect(groupStatuses).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    expect(new Set(runner.events.map((e) => e.eventBusName)).size).toBe(1);
    expect(new Set(runner.events.map((e) => e.source))).toEqual(new Set(['personalize-mlops']));
    expect(resourceEvents.every((e) => e.detail.pipelineExecutionArn && e.detail.arn !== undefined)).toBe(true);
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => e.detail.status)).toEqual(['STARTED', 'SUCCEEDED']);
  });
});

describe('dataset slice behaviour', () => {
  test('a second run with the same config creates nothing new', async () => {
    const runner = localPipeline();
    const config = datasetsOnly('input_media');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const before = runner.emulator.mutations().length;
    expect(before).toBe(1 + 3 * 3);
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.mutations().length).toBe(before);
  });

  test('a custom dataset group (no domain) gets schemas without a domain', async () => {
    const runner = localPipeline();
    const config = datasetsOnly('input_media');
    delete config.datasetGroup.serviceConfig.domain;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const group = (runner.emulator.call('ListDatasetGroups', {}) as any).datasetGroups[0];
    expect(group.domain).toBeUndefined();
    expect((runner.emulator.call('ListSchemas', {}) as any).schemas.every((s: any) => s.domain === undefined)).toBe(true);
  });

  test('an import with createNewJob false is skipped and reported', async () => {
    const runner = localPipeline();
    const config = datasetsOnly('input_media');
    config.datasetGroup.datasets[1].datasetImportJob.createNewJob = false;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('CreateDatasetImportJob')).toBe(2);
    const skipped = runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.status === 'SKIPPED');
    expect(skipped.map((e) => e.detail.name)).toEqual([config.datasetGroup.datasets[1].datasetImportJob.serviceConfig.jobName]);
  });

  test('an INCREMENTAL import with a new job name adds data to an existing dataset', async () => {
    const runner = localPipeline();
    const config = datasetsOnly('input_media');
    await runner.run(config);
    const next = datasetsOnly('input_media');
    next.datasetGroup.datasets[0].datasetImportJob.serviceConfig.jobName = 'FilmNightInteractionsImport20240201';
    next.datasetGroup.datasets[0].datasetImportJob.serviceConfig.importMode = 'INCREMENTAL';
    expect((await runner.run(next)).status).toBe('SUCCEEDED');
    const calls = runner.emulator.calls.filter((c) => c.operation === 'CreateDatasetImportJob' && !c.error);
    expect(calls.map((c) => c.request.importMode)).toEqual(['FULL', 'FULL', 'FULL', 'INCREMENTAL']);
  });

  test('an import that ends CREATE FAILED fails the execution with its failureReason, in the error and in an event', async () => {
    const runner = localPipeline();
    const config = datasetsOnly('input_media');
    const jobName = config.datasetGroup.datasets[0].datasetImportJob.serviceConfig.jobName;
    runner.emulator.faults.failCreate({ operation: 'CreateDatasetImportJob', name: jobName, failureReason: 'Input CSV has 3 columns; the schema has 4' });
    const result = await runner.run(config);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('DatasetImportJobFailed');
    expect(result.cause).toContain(jobName);
    expect(result.cause).toContain('Input CSV has 3 columns; the schema has 4');
    const failure = runner.eventsOf(RESOURCE_DETAIL_TYPE).find((e) => e.detail.status === 'CREATE FAILED');
    expect(failure?.detail).toMatchObject({ kind: 'DATASET_IMPORT_JOB', name: jobName, failureReason: 'Input CSV has 3 columns; the schema has 4' });
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => e.detail.status)).toEqual(['STARTED', 'FAILED']);
  });

  test('a re-run after a failure completes the rest without duplicating what succeeded', async () => {
    const runner = localPipeline();
    const config = datasetsOnly('input_media');
    runner.emulator.faults.error({ operation: 'CreateDatasetImportJob', errorName: 'InvalidInputException', message: 'Bucket policy denies access', times: 1 });
    expect((await runner.run(config)).status).toBe('FAILED');
    const created = runner.emulator.mutations().map((c) => c.operation);
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const second = runner.emulator.mutations().slice(created.length).map((c) => c.operation);
    expect(second.every((op) => op === 'CreateDatasetImportJob')).toBe(true);
    expect(runner.emulator.count('CreateDatasetGroup')).toBe(1);
    expect(runner.emulator.count('CreateDataset')).toBe(3);
  });
});

describe('invalid configs fail before the first create call, naming the field', () => {
  const cases: Array<[string, (config: any) => void, string]> = [
    ['a name with spaces', (c) => { c.datasetGroup.serviceConfig.name = 'Film Night'; }, 'datasetGroup.serviceConfig.name'],
    ['a missing required field', (c) => { delete c.datasetGroup.datasets[0].schema.schemaVersion; }, 'datasetGroup.datasets[0].schema.schemaVersion'],
    ['an unknown dataset type', (c) => { c.datasetGroup.datasets[2].type = 'PROFILES'; }, 'datasetGroup.datasets[2].type'],
  ];
  test.each(cases)('%s', async (_label, mutate, fieldPath) => {
    const runner = localPipeline();
    const config = datasetsOnly('input_media');
    mutate(config);
    const result = await runner.run(config);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('InvalidConfig');
    expect(result.cause).toContain(fieldPath);
    expect(runner.emulator.mutations()).toEqual([]);
    expect(runner.eventsOf(PIPELINE_DETAIL_TYPE).map((e) => e.detail.status)).toEqual(['INVALID_CONFIG']);
  });

  test('input that is not a JSON object', async () => {
    const runner = localPipeline();
    const result = await runner.run(['not', 'an', 'object']);
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toContain('must be a JSON object');
    expect(runner.emulator.calls).toEqual([]);
  });
});

describe('schema evolution', () => {
  test('a dataset whose configured schema changed (new name) is moved to it with UpdateDataset', async () => {
    const runner = localPipeline();
    const config = datasetsOnly('input_media');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const items = config.datasetGroup.datasets[1];
    items.schema.serviceConfig.name = 'FilmNightItemsSchemaV2';
    items.schema.schemaVersion = '2024-02';
    items.schema.serviceConfig.schema.fields.push({ name: 'DESCRIPTION', type: ['null', 'string'], textual: true });
    const eventsBefore = runner.events.length;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('UpdateDataset')).toBe(1);
    expect(runner.emulator.count('CreateDataset')).toBe(3);
    const datasetArn = runner.emulator.arns.dataset('FilmNightDatasetGroup', 'ITEMS');
    const dataset = (runner.emulator.call('DescribeDataset', { datasetArn }) as any).dataset;
    expect(dataset).toMatchObject({ schemaArn: runner.emulator.arns.schema('FilmNightItemsSchemaV2'), status: 'ACTIVE' });
    const statuses = runner.events.slice(eventsBefore).filter((e) => e.detail.kind === 'DATASET' && e.detail.name === 'FilmNightItems').map((e) => e.detail.status);
    // The update's progress, from Dataset.LatestDatasetUpdate (its statuses are the CREATE ones: DatasetUpdateSummary).
    expect(statuses).toEqual(['ACTIVE', 'CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('UpdateDataset')).toBe(1);
  });
});
