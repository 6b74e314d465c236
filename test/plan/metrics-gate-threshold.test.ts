import { copyOf, MEDIA, planOf, PlannerFixture } from './planner-fixture';
import { seedPlan } from './seed-account';
import { shortMetricName } from '../../planner';

/** The metrics gate's threshold: the pre-flight check subtracts the margin, which Step Functions cannot. */
const METRIC = 'normalized_discounted_cumulative_gain_at_10';

/** The media sample with a gate on its ranking solution (the one with a campaign). */
function gated(gate: Record<string, unknown>): any {
  const config = copyOf(MEDIA);
  config.solutions[0].metricsGate = { metric: METRIC, ...gate };
  return config;
}

describe('metrics gate threshold on a fresh account', () => {
  const fixture = new PlannerFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  test('a campaign to create has no threshold, and no metrics are read', async () => {
    const result = await fixture.preflight(planOf(gated({ margin: 0.01 })));
    expect(result.plan.solutions[0].campaigns[0]).not.toHaveProperty('metricsGateThreshold');
    expect(fixture.emulator.count('GetSolutionMetrics')).toBe(0);
  });
});

describe('metrics gate threshold after a run created everything', () => {
  const fixture = new PlannerFixture();
  let served: string;
  beforeAll(async () => {
    await fixture.start();
    served = seedPlan(fixture.emulator, planOf(MEDIA)).versionArns.FilmNightRanking;
    fixture.emulator.setSolutionMetrics(served, { [METRIC]: 0.2234 });
  });
  afterAll(() => fixture.stop());

  test('is the served version\'s metric less the margin, in the campaign item of the resolved plan', async () => {
    const result = await fixture.preflight(planOf(gated({ margin: 0.01 })));
    expect(result.plan.solutions[0].campaigns[0].metricsGateThreshold).toEqual({ solutionVersionArn: served, value: 0.2134, current: 0.2234 });
    expect(fixture.emulator.calls.filter((c) => c.operation === 'GetSolutionMetrics').at(-1)?.request).toEqual({ solutionVersionArn: served });
  });

  test('the campaign\'s verdict states the bar with the margin, and the floor', async () => {
    const result = await fixture.preflight(planOf(gated({ margin: 0.01, floor: 0.2 })));
    expect(result.verdicts.find((v) => v.kind === 'CAMPAIGN')).toMatchObject({
      action: 'UPDATE',
      reason: 'moves to the version trained in this execution, if the new version\'s ndcg@10 ≥ 0.2134 (0.2234 − 0.01) or ≥ the floor 0.2',
    });
  });

  test('without a margin the bar is the current metric (margin 0 is the default)', async () => {
    const result = await fixture.preflight(planOf(gated({})));
    expect(result.plan.solutions[0].campaigns[0].metricsGateThreshold).toEqual({ solutionVersionArn: served, value: 0.2234, current: 0.2234 });
    expect(result.verdicts.find((v) => v.kind === 'CAMPAIGN')?.reason).toBe('moves to the version trained in this execution, if the new version\'s ndcg@10 ≥ 0.2234 (the current version\'s)');
  });

  test('a solution without a gate gets no threshold and reads no metrics', async () => {
    const before = fixture.emulator.count('GetSolutionMetrics');
    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.plan.solutions[0].campaigns[0]).not.toHaveProperty('metricsGateThreshold');
    expect(fixture.emulator.count('GetSolutionMetrics')).toBe(before);
  });

  test('a campaign that follows $LATEST gets no threshold: the gate does not apply to it', async () => {
    const config = gated({ margin: 0.01 });
    const campaign = config.solutions[0].campaigns[0].serviceConfig;
    campaign.name = 'FilmNightFollowsLatest';
    fixture.call('CreateCampaign', {
      name: campaign.name, solutionVersionArn: `${fixture.emulator.arns.solution('FilmNightRanking')}/$LATEST`, campaignConfig: { syncWithLatestSolutionVersion: true },
    });
    fixture.emulator.settleAll();
    const result = await fixture.preflight(planOf(config));
    expect(result.plan.solutions[0].campaigns[0]).not.toHaveProperty('metricsGateThreshold');
    expect(result.verdicts.find((v) => v.kind === 'CAMPAIGN')?.reason).toMatch(/the metrics gate does not apply: the campaign follows the solution's latest version(;|$)/);
  });
});

test('metric names are shortened for verdicts', () => {
  expect(['normalized_discounted_cumulative_gain_at_10', 'mean_reciprocal_rank_at_25', 'precision_at_5', 'coverage'].map(shortMetricName))
    .toEqual(['ndcg@10', 'mrr@25', 'precision@5', 'coverage']);
});
