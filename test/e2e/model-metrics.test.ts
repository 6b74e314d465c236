import { ALL_OPTIONS, localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

/** What the pipeline publishes to CloudWatch when `publishModelMetrics` is on, read from the local stand-in. */
const PROPS = { ...ALL_OPTIONS, publishModelMetrics: true };
const NAMESPACE = 'PersonalizeMlOps/TestStack/Pipeline';
const METRIC = 'normalized_discounted_cumulative_gain_at_10';
const CAMPAIGN = 'CornerShopForYouCampaign';

/** The retail sample with its user-personalization solution and campaign only, gated on NDCG@10. */
function gatedConfig(): any {
  const config = sampleConfig('input_retail');
  config.solutions = [{ ...config.solutions[0], metricsGate: { metric: METRIC } }];
  config.filters = [];
  config.recommenders = [];
  delete config.eventTracker;
  return config;
}

type Runner = ReturnType<typeof localPipeline>;
const datums = (runner: Runner) => runner.cloudWatch.putRequests.flatMap((r) => r.MetricData.map((d: any) => ({ namespace: r.Namespace, ...d })));
const dimensionsOf = (datum: any) => Object.fromEntries(datum.Dimensions.map((d: any) => [d.Name, d.Value]));

describe('model metrics in CloudWatch', () => {
  test('after training: every metric GetSolutionMetrics returned and ModelTrained, per dataset group and solution', async () => {
    const runner = localPipeline(PROPS);
    const config = gatedConfig();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const solution = config.solutions[0].serviceConfig.name;
    const published = datums(runner).filter((d) => d.MetricName !== 'MetricsGateRejected');
    const version = (runner.emulator.call('ListSolutionVersions', { solutionArn: runner.emulator.arns.solution(solution) }) as any).solutionVersions[0].solutionVersionArn;
    const reported = (runner.emulator.call('GetSolutionMetrics', { solutionVersionArn: version }) as any).metrics;
    expect(published.map((d) => d.MetricName).sort()).toEqual([...Object.keys(reported), 'ModelTrained'].sort());
    for (const datum of published) {
      expect(datum.namespace).toBe(NAMESPACE);
      expect(dimensionsOf(datum)).toEqual({ DatasetGroup: config.datasetGroup.serviceConfig.name, Solution: solution });
    }
    expect(published.find((d) => d.MetricName === 'ModelTrained').Value).toBe(1);
    expect(published.find((d) => d.MetricName === METRIC).Value).toBe(reported[METRIC]);
  });

  test('the metrics gate publishes its verdict: MetricsGateRejected 1 for a rejected version', async () => {
    const runner = localPipeline(PROPS);
    const config = gatedConfig();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    const campaignArn = runner.emulator.arns.campaign(CAMPAIGN);
    const served = (runner.emulator.call('DescribeCampaign', { campaignArn }) as any).campaign.solutionVersionArn;
    runner.emulator.setSolutionMetrics(served, { [METRIC]: 0.99 });
    expect(await runner.run(config)).toMatchObject({ status: 'FAILED', error: 'MetricsGateRejected' });
    const verdicts = datums(runner).filter((d) => d.MetricName === 'MetricsGateRejected');
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ namespace: NAMESPACE, Value: 1, Unit: 'Count' });
    expect(dimensionsOf(verdicts[0])).toEqual({
      DatasetGroup: config.datasetGroup.serviceConfig.name, Solution: config.solutions[0].serviceConfig.name, Campaign: CAMPAIGN,
    });
  });

  test('off by default: nothing is published', async () => {
    const runner = localPipeline(ALL_OPTIONS);
    expect((await runner.run(gatedConfig())).status).toBe('SUCCEEDED');
    expect(runner.cloudWatch.putRequests).toEqual([]);
  });
});
