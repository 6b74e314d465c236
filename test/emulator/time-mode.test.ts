import { describe as describeOf, errorOf, groupWithDatasets, importInteractions } from './fixtures';
import { DEFAULT_DURATIONS } from '../../simulator/emulator/emulator-options';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 1);

function timed(durations = {}) {
  let now = START;
  const emulator = new PersonalizeEmulator({ clock: () => now, durations });
  return { emulator, advance: (ms: number) => { now += ms; }, now: () => now };
}

describe('time mode', () => {
  test('a status follows the age of the resource, not the number of describes', () => {
    const { emulator, advance } = timed({ datasetGroup: 100 });
    const { datasetGroupArn } = emulator.call('CreateDatasetGroup', { name: 'G' }) as any;
    const status = () => describeOf(emulator, 'DescribeDatasetGroup', { datasetGroupArn }).status;
    expect([status(), status(), status()]).toEqual(['CREATE PENDING', 'CREATE PENDING', 'CREATE PENDING']);
    advance(10_000);
    expect(status()).toBe('CREATE IN_PROGRESS');
    advance(89_999);
    expect(status()).toBe('CREATE IN_PROGRESS');
    advance(1);
    expect(status()).toBe('ACTIVE');
    expect(emulator.timeMode).toBe(true);
  });

  test('failures happen at the end of the duration; deletions take the `delete` duration', () => {
    const { emulator, advance } = timed({ datasetGroup: 60, delete: 30 });
    emulator.faults.failCreate({ operation: 'CreateDatasetGroup', name: 'Bad', failureReason: 'KMS key not usable' });
    const bad = (emulator.call('CreateDatasetGroup', { name: 'Bad' }) as any).datasetGroupArn;
    advance(MINUTE);
    expect(describeOf(emulator, 'DescribeDatasetGroup', { datasetGroupArn: bad })).toMatchObject({ status: 'CREATE FAILED', failureReason: 'KMS key not usable' });
    emulator.call('DeleteDatasetGroup', { datasetGroupArn: bad });
    advance(29_000);
    // A dataset group's deletion shows DELETE PENDING only (API reference, DatasetGroup: status).
    expect(describeOf(emulator, 'DescribeDatasetGroup', { datasetGroupArn: bad }).status).toBe('DELETE PENDING');
    advance(1000);
    expect(errorOf(() => emulator.call('DescribeDatasetGroup', { datasetGroupArn: bad }))).toBe('ResourceNotFoundException');
  });

  test('stop/start of a recommender use their own durations', () => {
    const { emulator, advance } = timed({ recommender: 60, recommenderStop: 120 });
    groupWithDatasets(emulator, 'Shop', { domain: 'ECOMMERCE' });
    const { recommenderArn } = emulator.call('CreateRecommender', { name: 'R', datasetGroupArn: emulator.arns.datasetGroup('Shop'), recipeArn: 'arn:aws:personalize:::recipe/aws-ecomm-popular-items-by-views' }) as any;
    advance(MINUTE);
    emulator.call('StopRecommender', { recommenderArn });
    advance(MINUTE);
    expect(describeOf(emulator, 'DescribeRecommender', { recommenderArn }).status).toBe('STOP IN_PROGRESS');
    advance(MINUTE);
    expect(describeOf(emulator, 'DescribeRecommender', { recommenderArn }).status).toBe('INACTIVE');
  });

  test('a campaign following $LATEST starts its update when the new version became ACTIVE', () => {
    const { emulator, advance } = timed({ solutionVersion: 3600, campaign: 600, campaignUpdate: 600 });
    groupWithDatasets(emulator);
    importInteractions(emulator, 'Run1');
    const { solutionArn } = emulator.call('CreateSolution', { name: 'S', datasetGroupArn: emulator.arns.datasetGroup('G'), recipeArn: 'arn:aws:personalize:::recipe/aws-sims', performAutoTraining: false }) as any;
    emulator.settleAll();
    emulator.call('CreateSolutionVersion', { solutionArn });
    advance(60 * MINUTE);
    const { campaignArn } = emulator.call('CreateCampaign', { name: 'C', solutionVersionArn: `${solutionArn}/$LATEST`, campaignConfig: { syncWithLatestSolutionVersion: true } }) as any;
    advance(10 * MINUTE);
    // latestCampaignUpdate is returned once UpdateCampaign was called (SDK, Campaign.latestCampaignUpdate).
    emulator.call('UpdateCampaign', { campaignArn, minProvisionedTPS: 2 });
    importInteractions(emulator, 'Run2');
    const { solutionVersionArn: v2 } = emulator.call('CreateSolutionVersion', { solutionArn }) as any;
    const v2CreatedAt = describeOf(emulator, 'DescribeSolutionVersion', { solutionVersionArn: v2 }).creationDateTime.getTime();
    advance(24 * 60 * MINUTE);
    const update = describeOf(emulator, 'DescribeCampaign', { campaignArn }).latestCampaignUpdate;
    expect(update).toMatchObject({ status: 'ACTIVE', solutionVersionArn: v2 });
    expect(update.creationDateTime.getTime()).toBe(v2CreatedAt + 60 * MINUTE);
    expect(update.lastUpdatedDateTime.getTime()).toBe(v2CreatedAt + 70 * MINUTE);
  });

  test('timeline(): one bar per lifecycle, with createdAt and readyAt in ms', () => {
    const { emulator, advance } = timed({ datasetGroup: 60, schema: 0, filter: 300 });
    emulator.call('CreateDatasetGroup', { name: 'G' });
    emulator.call('CreateSchema', { name: 'S', schema: JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'ITEM_ID', type: 'string' }] }) });
    advance(10 * MINUTE);
    const bars = emulator.timeline();
    expect(bars).toEqual([
      { kind: 'datasetGroup', name: 'G', arn: emulator.arns.datasetGroup('G'), createdAt: START, readyAt: START + MINUTE, status: 'ACTIVE' },
      { kind: 'schema', name: 'S', arn: emulator.arns.schema('S'), createdAt: START, readyAt: START, status: 'ACTIVE' },
    ]);
  });

  test('DEFAULT_DURATIONS covers every kind, in seconds; training is the longest step', () => {
    expect(Object.keys(DEFAULT_DURATIONS).sort()).toEqual([
      'batchInferenceJob', 'batchSegmentJob', 'campaign', 'campaignUpdate', 'dataDeletionJob', 'dataset', 'datasetExportJob', 'datasetGroup', 'datasetImportJob',
      'datasetUpdate', 'delete', 'eventTracker', 'filter', 'metricAttribution', 'metricAttributionUpdate', 'recommender', 'recommenderStart', 'recommenderStop',
      'recommenderUpdate', 'schema', 'solution', 'solutionUpdate', 'solutionVersion', 'solutionVersionStop',
    ]);
    expect(Math.max(...Object.values(DEFAULT_DURATIONS))).toBe(DEFAULT_DURATIONS.solutionVersion);
  });
});

describe('describe-count mode keeps its rules', () => {
  test('describesPerStatus 2: two describes per status; the timeline uses the virtual clock (1 s per call)', () => {
    const emulator = new PersonalizeEmulator({ describesPerStatus: 2 });
    const { datasetGroupArn } = emulator.call('CreateDatasetGroup', { name: 'G' }) as any;
    const statuses = [1, 2, 3, 4, 5].map(() => describeOf(emulator, 'DescribeDatasetGroup', { datasetGroupArn }).status);
    expect(statuses).toEqual(['CREATE PENDING', 'CREATE PENDING', 'CREATE IN_PROGRESS', 'CREATE IN_PROGRESS', 'ACTIVE']);
    const [bar] = emulator.timeline();
    expect(bar.readyAt! - bar.createdAt).toBe(4000);
    expect(emulator.timeMode).toBe(false);
  });
});
