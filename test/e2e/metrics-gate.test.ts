import { RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
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

/** Gives every solution version trained from now on `value` as its metric, as it is created. */
function newVersionsScore(runner: Runner, value: number): void {
  const call = runner.emulator.call.bind(runner.emulator);
  runner.emulator.call = (operation: string, request: Record<string, unknown> = {}) => {
    const answer = call(operation, request);
    if (operation === 'CreateSolutionVersion') runner.emulator.setSolutionMetrics((answer as any).solutionVersionArn, { [METRIC]: value });
    return answer;
  };
}

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
    expect(result.cause).toMatch(new RegExp(`its ${METRIC} is 0\\.\\d+, below the threshold 0\\.99 the pre-flight check set \\(0\\.99 of the version it would replace, less the margin\\); campaign ${CAMPAIGN} stays on ${first.replace(/[$/]/g, '\\$&')}`));
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

  test('a version slightly worse than the current one but within the margin passes', async () => {
    const { runner, config, first } = await deployedWith(0.2234, { metric: METRIC, margin: 0.01 });
    newVersionsScore(runner, 0.2150);
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(servedVersion(runner)).not.toBe(first);
    expect(gateEvents(runner)).toEqual([expect.objectContaining({
      verdict: 'PASSED', reason: 'WITHIN_MARGIN', rule: { metric: METRIC, margin: 0.01 }, currentSolutionVersionArn: first, currentMetrics: expect.objectContaining({ [METRIC]: 0.2234 }),
    })]);
  });

  test('a version worse than the current one beyond the margin is rejected, naming the threshold', async () => {
    const { runner, config, first } = await deployedWith(0.2234, { metric: METRIC, margin: 0.01 });
    newVersionsScore(runner, 0.2100);
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'MetricsGateRejected' });
    expect(result.cause).toContain(`its ${METRIC} is 0.21, below the threshold 0.2134 the pre-flight check set (0.2234 of the version it would replace, less the margin)`);
    expect(servedVersion(runner)).toBe(first);
  });

  describe('a campaign moved to another version after the pre-flight check', () => {
    /** Moves the campaign to `moved` (ACTIVE, scored `score`) right after the pre-flight check read the metrics of `first`. */
    async function movedAfterCheck(score: number) {
      const deployed = await deployedWith(0.2234, { metric: METRIC, margin: 0.05 });
      const { runner, first } = deployed;
      const solutionArn = runner.emulator.arns.solution('CornerShopForYou');
      const moved = (runner.emulator.call('CreateSolutionVersion', { solutionArn }) as any).solutionVersionArn;
      runner.emulator.settleAll();
      runner.emulator.setSolutionMetrics(moved, { [METRIC]: score });
      newVersionsScore(runner, 0.2);
      const call = runner.emulator.call.bind(runner.emulator);
      let checked = false;
      runner.emulator.call = (operation: string, request: Record<string, unknown> = {}) => {
        const answer = call(operation, request);
        if (!checked && operation === 'GetSolutionMetrics' && request.solutionVersionArn === first) {
          checked = true;
          call('UpdateCampaign', { campaignArn: runner.emulator.arns.campaign(CAMPAIGN), solutionVersionArn: moved });
          runner.emulator.settleAll();
        }
        return answer;
      };
      return { ...deployed, moved };
    }

    test('is compared with the version it serves now, margin 0: a version within the old margin is rejected', async () => {
      const { runner, config, first, moved } = await movedAfterCheck(0.21);
      const result = await runner.run(config);
      expect(result).toMatchObject({ status: 'FAILED', error: 'MetricsGateRejected' });
      expect(result.cause).toContain(`its ${METRIC} is 0.2, below 0.21 of the version it would replace (margin 0: campaign ${CAMPAIGN} moved from version ${first} to ${moved} after the pre-flight check)`);
      expect(servedVersion(runner)).toBe(moved);
      expect(gateEvents(runner)).toEqual([expect.objectContaining({ verdict: 'REJECTED', currentSolutionVersionArn: moved })]);
    });

    test('a version at least as good as the one served now passes, the reason saying margin 0', async () => {
      const { runner, config, first, moved } = await movedAfterCheck(0.19);
      expect((await runner.run(config)).status).toBe('SUCCEEDED');
      expect(servedVersion(runner)).not.toBe(moved);
      expect(gateEvents(runner)).toEqual([expect.objectContaining({
        verdict: 'PASSED',
        reason: `NOT_WORSE_THAN_CURRENT, margin 0: campaign ${CAMPAIGN} moved from version ${first} to ${moved} after the pre-flight check`,
        currentSolutionVersionArn: moved,
      })]);
    });
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
