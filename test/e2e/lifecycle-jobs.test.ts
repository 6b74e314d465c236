import { RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { localPipeline, rankingOnly, sampleConfig } from '../helpers/pipeline-fixture';
import { runTeardown } from '../teardown/teardown-fixture';

// Issue 21: a year of running the pipeline. Metric attribution before the first interactions import (and updated in
// place), dataset exports after the imports, a data deletion job followed by a FULL training of every solution with
// its campaigns moved, and re-runs that create nothing new.

type Runner = ReturnType<typeof localPipeline>;
const ROLE = 'arn:aws:iam::123456789012:role/PersonalizeRole';
const ATTRIBUTION = {
  serviceConfig: {
    name: 'FilmNightImpact',
    metrics: [{ eventType: 'watch', expression: 'SAMPLECOUNT()', metricName: 'WATCHES' }],
    metricsOutputConfig: { roleArn: ROLE, s3DataDestination: { path: 's3://personalize-mlops-demo-data/media/attribution/' } },
  },
};
const okCalls = (runner: Runner, operation: string, since = 0) =>
  runner.emulator.calls.slice(since).filter((c) => c.operation === operation && !c.error);
const indexOf = (runner: Runner, operation: string, where: (request: any) => boolean = () => true) =>
  runner.emulator.calls.findIndex((c) => c.operation === operation && !c.error && where(c.request));
const resourceEvents = (runner: Runner, kind: string, since = 0) =>
  runner.eventsOf(RESOURCE_DETAIL_TYPE).slice(since).filter((e) => e.detail.kind === kind).map((e) => e.detail);
const describeCampaign = (runner: Runner, name: string): any =>
  (runner.emulator.call('DescribeCampaign', { campaignArn: runner.emulator.arns.campaign(name) }) as any).campaign;

function withAttribution(): any {
  const config = rankingOnly();
  config.datasetGroup.metricAttribution = JSON.parse(JSON.stringify(ATTRIBUTION));
  return config;
}

describe('metric attribution', () => {
  test('is created right after the dataset group, before the first INTERACTIONS import; a second run creates nothing', async () => {
    const runner = localPipeline();
    const config = withAttribution();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const created = indexOf(runner, 'CreateMetricAttribution');
    const interactions = indexOf(runner, 'CreateDatasetImportJob', (r) => String(r.datasetArn).endsWith('/INTERACTIONS'));
    expect(created).toBeGreaterThan(indexOf(runner, 'CreateDatasetGroup'));
    expect(interactions).toBeGreaterThan(created);
    expect(okCalls(runner, 'CreateMetricAttribution')[0].request).toMatchObject({
      name: 'FilmNightImpact', datasetGroupArn: runner.emulator.arns.datasetGroup(config.datasetGroup.serviceConfig.name),
    });
    const mutations = runner.emulator.mutations().length;
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.mutations().slice(mutations).map((c) => c.operation)).toEqual([]);
  });

  test('a changed metric is one UpdateMetricAttribution (removed and added again under its name), waited for, with an UPDATED event', async () => {
    const runner = localPipeline();
    const config = withAttribution();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    config.datasetGroup.metricAttribution.serviceConfig.metrics = [
      { eventType: 'click', expression: 'SAMPLECOUNT()', metricName: 'WATCHES' },
      { eventType: 'watch', expression: 'SUM(Interactions.EVENT_VALUE)', metricName: 'WATCH_VALUE' },
    ];
    const [calls, events] = [runner.emulator.calls.length, runner.events.length];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const updates = okCalls(runner, 'UpdateMetricAttribution', calls);
    expect(updates).toHaveLength(1);
    expect(updates[0].request).toMatchObject({
      removeMetrics: ['WATCHES'],
      addMetrics: [{ eventType: 'click', expression: 'SAMPLECOUNT()', metricName: 'WATCHES' }, { eventType: 'watch', expression: 'SUM(Interactions.EVENT_VALUE)', metricName: 'WATCH_VALUE' }],
    });
    const arn = runner.emulator.arns.of('metric-attribution/FilmNightImpact');
    expect((runner.emulator.call('DescribeMetricAttribution', { metricAttributionArn: arn }) as any).metricAttribution.status).toBe('ACTIVE');
    expect((runner.emulator.call('ListMetricAttributionMetrics', { metricAttributionArn: arn }) as any).metrics.map((m: any) => m.metricName).sort()).toEqual(['WATCHES', 'WATCH_VALUE']);
    expect(resourceEvents(runner, 'METRIC_ATTRIBUTION', 0).filter((e) => e.status === 'UPDATED')).toHaveLength(1);
    void events;
  });

  test('one of another dataset group of that name is not adopted', async () => {
    const runner = localPipeline();
    const { emulator } = runner;
    emulator.call('CreateDatasetGroup', { name: 'SomeoneElsesGroup' });
    emulator.settleAll();
    emulator.call('CreateMetricAttribution', { ...ATTRIBUTION.serviceConfig, datasetGroupArn: emulator.arns.datasetGroup('SomeoneElsesGroup') });
    emulator.settleAll();
    const result = await runner.run(withAttribution());
    expect(result).toMatchObject({ status: 'FAILED', error: 'MetricAttributionConflict' });
    expect(result.cause).toContain('SomeoneElsesGroup');
    expect(runner.emulator.count('CreateDatasetImportJob')).toBe(0);
  });
});

describe('dataset export jobs', () => {
  test('run after the dataset\'s import of the run; a second run repeats none', async () => {
    const runner = localPipeline();
    const config = rankingOnly();
    const interactions = config.datasetGroup.datasets.find((d: any) => d.type === 'INTERACTIONS');
    interactions.datasetExportJob = {
      createNewJob: true,
      serviceConfig: { jobName: 'film-night-interactions-export-1', ingestionMode: 'ALL', roleArn: ROLE, jobOutput: { s3DataDestination: { path: 's3://personalize-mlops-demo-data/media/exports/' } } },
    };
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const exported = indexOf(runner, 'CreateDatasetExportJob');
    expect(exported).toBeGreaterThan(indexOf(runner, 'CreateDatasetImportJob', (r) => String(r.datasetArn).endsWith('/INTERACTIONS')));
    expect(okCalls(runner, 'CreateDatasetExportJob')[0].request).toMatchObject({ jobName: 'film-night-interactions-export-1', ingestionMode: 'ALL' });
    expect(resourceEvents(runner, 'DATASET_EXPORT_JOB').map((e) => e.status)).toContain('ACTIVE');
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('CreateDatasetExportJob')).toBe(1);
  });
});

describe('data deletion jobs', () => {
  function withDeletion(): any {
    const config = rankingOnly();
    config.solutions[0].solutionVersion = { createNewSolutionVersion: false };
    config.datasetGroup.dataDeletionJob = {
      createNewJob: true,
      serviceConfig: { jobName: 'forget-2026-01', dataSource: { dataLocation: 's3://personalize-mlops-demo-data/media/forget/users.csv' }, roleArn: ROLE },
    };
    return config;
  }

  test('runs after the imports, then every solution trains a FULL version and its campaign moves to it; a re-run creates nothing', async () => {
    const runner = localPipeline();
    const first = rankingOnly();
    expect((await runner.run(first)).status).toBe('SUCCEEDED');
    const before = describeCampaign(runner, 'FilmNightRankingCampaign').solutionVersionArn;

    const config = withDeletion();
    const calls = runner.emulator.calls.length;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const deletion = indexOf(runner, 'CreateDataDeletionJob');
    const training = runner.emulator.calls.findIndex((c, i) => i > calls && c.operation === 'CreateSolutionVersion' && !c.error);
    expect(deletion).toBeGreaterThan(calls);
    expect(training).toBeGreaterThan(deletion);
    expect(runner.emulator.calls[training].request).toMatchObject({ trainingMode: 'FULL' });
    const after = describeCampaign(runner, 'FilmNightRankingCampaign').solutionVersionArn;
    expect(after).not.toBe(before);
    const retrained = resourceEvents(runner, 'DATA_DELETION_JOB').find((e) => e.status === 'MODELS_RETRAINED');
    expect(retrained).toMatchObject({ name: 'forget-2026-01', solutionVersions: [after] });
    expect(retrained!.numDeleted).toBeGreaterThan(0);

    const again = runner.emulator.mutations().length;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.mutations().slice(again).map((c) => c.operation)).toEqual([]);
  });

  test('a FAILED deletion job fails the run with its reason, and nothing is trained on the undeleted data', async () => {
    const runner = localPipeline();
    const config = withDeletion();
    config.solutions[0].solutionVersion = { createNewSolutionVersion: true };
    runner.emulator.faults.failCreate({ operation: 'CreateDataDeletionJob', failureReason: 'Access denied to users.csv', times: 1 });
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'DataDeletionJobFailed' });
    expect(result.cause).toContain('Access denied to users.csv');
    expect(runner.emulator.count('CreateSolutionVersion')).toBe(0);
    // The next run uses a derived name.
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(okCalls(runner, 'CreateDataDeletionJob').map((c) => c.request.jobName)).toEqual(['forget-2026-01', 'forget-2026-01-2']);
  });
});

describe('sample_configs/input_retail_lifecycle.json', () => {
  test('runs to SUCCEEDED twice; the second run creates nothing; the tear-down removes the metric attribution and lists the jobs', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_retail_lifecycle');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    for (const op of ['CreateMetricAttribution', 'CreateDatasetExportJob', 'CreateDataDeletionJob']) expect(runner.emulator.count(op)).toBe(1);
    const created = runner.emulator.calls.filter((c) => c.operation.startsWith('Create') && !c.error).length;
    // Scheduled re-runs keep the versions the deletion job's run trained.
    for (const solution of config.solutions) solution.solutionVersion = { ...solution.solutionVersion, createNewSolutionVersion: false };
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.calls.filter((c) => c.operation.startsWith('Create') && !c.error).length).toBe(created);

    runner.emulator.settleAll();
    const { result: teardown } = await runTeardown(runner.emulator, { datasetGroupName: config.datasetGroup.serviceConfig.name });
    expect(teardown).toMatchObject({ status: 'SUCCEEDED' });
    expect(runner.emulator.count('DeleteMetricAttribution')).toBe(1);
    expect(runner.emulator.count('DeleteDatasetGroup')).toBe(1);
    expect((teardown as any).output.undeletable).toMatchObject({
      dataDeletionJobs: [runner.emulator.arns.of('data-deletion-job/CornerShopForget202601')],
      datasetExportJobs: [runner.emulator.arns.of('dataset-export-job/CornerShopInteractionsExport202601')],
    });
  });
});
