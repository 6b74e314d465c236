import { RESOURCE_DETAIL_TYPE } from '../../src/core/status-events';
import { localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

/** The metrics gate: a campaign moves to a new solution version only when its metric holds up. */
type Runner = ReturnType<typeof localPipeline>;
const METRIC = 'normalized_discounted_cumulative_gain_at_10';
const CAMPAIGN = 'CornerShopForYouCampaign';

/** The retail sample with its user-personalization solution and campaign only, gated on NDCG@10. */
function gatedConfig(gate: Record<string, unknown> = { metric: METRIC }): any {
  const config = sampleConfig('input_retail');
  config.solutions = [{ ...config.solutions[0], metricsGate: gate }];
  config.filters = [];
  config.recommenders = [];
  delete config.eventTracker;
  return config;
}
const servedVersion = (runner: Runner): string =>
  (runner.emulator.call('DescribeCampaign', { campaignArn: runner.emulator.arns.campaign(CAMPAIGN) }) as any).campaign.solutionVersionArn;
const gateEvents = (runner: Runner) => runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.status === 'METRICS_GATE').map((e) => e.detail);

/** A first run deploys the campaign; the version it serves then gets `current` as its metric. */
async function deployedWith(current: number, gate?: Record<string, unknown>): Promise<{ runner: Runner; config: any; first: string }> {
  const runner = localPipeline();
  const config = gatedConfig(gate);
  expect((await runner.run(config)).status).toBe('SUCCEEDED');
  const first = servedVersion(runner);
  runner.emulator.setSolutionMetrics(first, { [METRIC]: current });
  return { runner, config, first };
}

describe('metrics gate', () => {
  test('a first deployment (no version to compare with) passes: the campaign is created, no gate runs', async () => {
    const runner = localPipeline();
    const result = await runner.run(gatedConfig());
    expect(result.status).toBe('SUCCEEDED');
    expect(servedVersion(runner)).toMatch(/solution\/CornerShopForYou\//);
    expect(gateEvents(runner)).toEqual([]);
    expect(runner.emulator.count('GetSolutionMetrics')).toBe(1);
  });

  test('a version at least as good as the current one passes: the campaign moves, both metric sets published', async () => {
    const { runner, config, first } = await deployedWith(0.01);
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const second = servedVersion(runner);
    expect(second).not.toBe(first);
    const [event] = gateEvents(runner);
    expect(event).toMatchObject({
      kind: 'CAMPAIGN',
      name: CAMPAIGN,
      verdict: 'PASSED',
      reason: 'NOT_WORSE_THAN_CURRENT',
      rule: { metric: METRIC },
      solutionVersionArn: second,
      currentSolutionVersionArn: first,
      currentMetrics: { [METRIC]: 0.01 },
    });
    expect(event.metrics[METRIC]).toBeGreaterThan(0.01);
    expect(Object.keys(event.metrics)).toHaveLength(8);
  });

  test('a worse version is rejected: the campaign stays, the execution fails MetricsGateRejected with both metric sets in the event', async () => {
    const { runner, config, first } = await deployedWith(0.99);
    const updatesBefore = runner.emulator.count('UpdateCampaign');
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'MetricsGateRejected' });
    expect(result.cause).toMatch(new RegExp(`its ${METRIC} is 0\\.\\d+, below 0\\.99 of the version it would replace; campaign ${CAMPAIGN} stays on ${first.replace(/[$/]/g, '\\$&')}`));
    expect(servedVersion(runner)).toBe(first);
    expect(runner.emulator.count('UpdateCampaign')).toBe(updatesBefore);
    const [event] = gateEvents(runner);
    expect(event).toMatchObject({ verdict: 'REJECTED', currentSolutionVersionArn: first, currentMetrics: { [METRIC]: 0.99 }, cause: result.cause });
    expect(event.metrics[METRIC]).toBeLessThan(0.99);
    // The new version was trained and is ACTIVE; it is only not served.
    expect(event.solutionVersionArn).not.toBe(first);
  });

  test('a worse version above the floor passes', async () => {
    const { runner, config, first } = await deployedWith(0.99, { metric: METRIC, floor: 0.1 });
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(servedVersion(runner)).not.toBe(first);
    expect(gateEvents(runner)).toEqual([expect.objectContaining({ verdict: 'PASSED', reason: 'AT_LEAST_FLOOR', rule: { metric: METRIC, floor: 0.1 } })]);
  });

  test('a worse version below the floor is rejected, naming the floor', async () => {
    const { runner, config, first } = await deployedWith(0.99, { metric: METRIC, floor: 0.95 });
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'MetricsGateRejected' });
    expect(result.cause).toContain('and below the floor 0.95');
    expect(servedVersion(runner)).toBe(first);
  });

  test('batch jobs of the solution still run on a rejected version', async () => {
    const { runner, config, first } = await deployedWith(0.99);
    const job = sampleConfig('input_retail').solutions[1].batchInferenceJobs[0];
    config.solutions[0].batchInferenceJobs = [{ ...job, serviceConfig: { ...job.serviceConfig, jobName: 'CornerShopForYouBatch' } }];
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'MetricsGateRejected' });
    const batch = runner.emulator.calls.filter((c) => c.operation === 'CreateBatchInferenceJob' && !c.error);
    expect(batch.map((c) => c.request.solutionVersionArn)).toEqual([gateEvents(runner)[0].solutionVersionArn]);
    expect(servedVersion(runner)).toBe(first);
  });
});
