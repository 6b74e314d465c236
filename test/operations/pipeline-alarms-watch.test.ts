import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { evaluateAlarm } from '../../simulator/cloudwatch/alarm-evaluator';
import { MetricId, MetricStore } from '../../simulator/cloudwatch/metric-store';
import { TemplateResolver } from '../../simulator/runner/template-resolver';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';

const ENV = { account: '123456789012', region: 'us-east-1' };
const NOW = Date.UTC(2026, 2, 1, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CAMPAIGN_ARN = 'arn:aws:personalize:us-east-1:123456789012:campaign/shop-campaign';
const RECOMMENDER_ARN = 'arn:aws:personalize:us-east-1:123456789012:recommender/shop-recommender';

const PROPS: PersonalizeMlOpsPipelineProps = {
  alarms: {
    idleAfter: Duration.hours(6),
    utilizationPercent: 80,
    staleAfter: Duration.days(3),
    regressionMetric: 'coverage',
    regressionMargin: 0.05,
    datasetGroups: [{
      name: 'shop',
      solutions: [{ name: 'shop-solution' }],
      campaigns: [{ name: 'shop-campaign', minProvisionedTPS: 2 }],
      recommenders: [{ name: 'shop-recommender', minRecommendationRequestsPerSecond: 1 }],
    }],
  },
};

function synth(props: PersonalizeMlOpsPipelineProps = PROPS) {
  const stack = new Stack(new App(), 'Watch', { env: ENV });
  const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', props);
  const json = Template.fromStack(stack).toJSON();
  const resolver = new TemplateResolver(json as any, { partition: 'aws', ...ENV });
  const alarm = (prefix: string) => {
    const found = Object.entries<any>(json.Resources).filter(([id, r]) => r.Type === 'AWS::CloudWatch::Alarm' && id.startsWith(`PipelineAlarms${prefix}`));
    expect(found).toHaveLength(1);
    return resolver.resolve(found[0][1].Properties);
  };
  return { pipeline, json, alarm };
}

const { pipeline, json, alarm } = synth();

/** The requests a campaign or recommender served: `perSecond` every 5 minutes over the `hours` before NOW. */
function requests(store: MetricStore, dimension: string, arn: string, hours: number, perSecond: number): void {
  store.feedEvery({ namespace: 'AWS/Personalize', metricName: 'GetRecommendations', dimensions: { [dimension]: arn } }, NOW - hours * HOUR, NOW, 300, () => perSecond * 300);
}

const model = (metricName: string): MetricId => ({
  namespace: pipeline.metricsNamespace, metricName, dimensions: { DatasetGroup: 'shop', Solution: 'shop-solution' },
});

describe('the alarms beyond failures (a model of CloudWatch\'s evaluation over fed datapoints: simulator/cloudwatch/alarm-evaluator.ts)', () => {
  test('each is created once per watched resource, on the topic', () => {
    const alarms = Object.entries<any>(json.Resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm');
    // Failed, timed out, aborted; idle ×2, utilization ×2, stale, regression.
    expect(alarms).toHaveLength(9);
    for (const [, a] of alarms) expect(JSON.stringify(a.Properties.AlarmActions)).toContain('AlarmsTopic');
    expect(pipeline.alarms?.idleAlarms).toHaveLength(2);
    expect(pipeline.alarms?.utilizationAlarms).toHaveLength(2);
    expect(pipeline.alarms?.staleModelAlarms).toHaveLength(1);
    expect(pipeline.alarms?.regressionAlarms).toHaveLength(1);
    expect(pipeline.metricsNamespace).toBe('PersonalizeMlOps/Watch/Pipeline');
  });

  test('idle: fires after 6 hours without a request, stays quiet while requests come', () => {
    for (const [prefix, dimension, arn] of [['IdleCampaign', 'CampaignArn', CAMPAIGN_ARN], ['IdleRecommender', 'RecommenderArn', RECOMMENDER_ARN]]) {
      const quiet = new MetricStore();
      expect(evaluateAlarm(alarm(prefix), quiet, NOW).state).toBe('ALARM');
      const busy = new MetricStore();
      requests(busy, dimension, arn, 6, 0.01);
      expect(evaluateAlarm(alarm(prefix), busy, NOW).state).toBe('OK');
      // Requests until 2 hours ago only: not idle for 6 hours yet.
      const recent = new MetricStore();
      recent.feed({ namespace: 'AWS/Personalize', metricName: 'GetRecommendations', dimensions: { [dimension]: arn } }, [{ at: NOW - 2 * HOUR, value: 3 }]);
      expect(evaluateAlarm(alarm(prefix), recent, NOW).state).toBe('OK');
    }
  });

  test('utilization: fires above 80 % of minProvisionedTPS for 15 minutes, quiet below it and without data', () => {
    const high = new MetricStore();
    requests(high, 'CampaignArn', CAMPAIGN_ARN, 1, 1.8); // 90 % of 2 TPS
    expect(evaluateAlarm(alarm('UtilizationCampaign'), high, NOW).state).toBe('ALARM');
    const low = new MetricStore();
    requests(low, 'CampaignArn', CAMPAIGN_ARN, 1, 1.2); // 60 %
    expect(evaluateAlarm(alarm('UtilizationCampaign'), low, NOW).state).toBe('OK');
    expect(evaluateAlarm(alarm('UtilizationCampaign'), new MetricStore(), NOW).state).toBe('OK');
    const recommender = new MetricStore();
    requests(recommender, 'RecommenderArn', RECOMMENDER_ARN, 1, 0.9); // 90 % of 1/s
    expect(evaluateAlarm(alarm('UtilizationRecommender'), recommender, NOW).state).toBe('ALARM');
  });

  test('stale model: fires when no version was trained for 3 days, quiet after a training', () => {
    expect(evaluateAlarm(alarm('StaleModel'), new MetricStore(), NOW).state).toBe('ALARM');
    const reusedOnly = new MetricStore();
    reusedOnly.feed(model('ModelTrained'), [{ at: NOW - DAY, value: 0 }, { at: NOW - 2 * DAY, value: 0 }]);
    expect(evaluateAlarm(alarm('StaleModel'), reusedOnly, NOW).state).toBe('ALARM');
    const trained = new MetricStore();
    trained.feed(model('ModelTrained'), [{ at: NOW - 2 * DAY, value: 1 }]);
    expect(evaluateAlarm(alarm('StaleModel'), trained, NOW).state).toBe('OK');
  });

  test('metric regression: fires when a version is worse than the previous one by more than the margin', () => {
    const worse = new MetricStore();
    worse.feed(model('coverage'), [{ at: NOW - 4 * DAY, value: 0.5 }, { at: NOW - DAY, value: 0.4 }]);
    expect(evaluateAlarm(alarm('Regression'), worse, NOW).state).toBe('ALARM');
    const withinMargin = new MetricStore();
    withinMargin.feed(model('coverage'), [{ at: NOW - 4 * DAY, value: 0.5 }, { at: NOW - DAY, value: 0.47 }]);
    expect(evaluateAlarm(alarm('Regression'), withinMargin, NOW).state).toBe('OK');
    const better = new MetricStore();
    better.feed(model('coverage'), [{ at: NOW - 4 * DAY, value: 0.5 }, { at: NOW - DAY, value: 0.6 }]);
    expect(evaluateAlarm(alarm('Regression'), better, NOW).state).toBe('OK');
    expect(evaluateAlarm(alarm('Regression'), new MetricStore(), NOW).state).toBe('OK');
  });

  test('watches what the schedules\' inline configs name, and a solution\'s maxAge', () => {
    const config = {
      datasetGroup: { serviceConfig: { name: 'films' }, datasets: [] },
      solutions: [{ serviceConfig: { name: 'films-solution' }, solutionVersion: { createNewSolutionVersion: true, maxAge: '2 days' }, campaigns: [{ serviceConfig: { name: 'films-campaign', minProvisionedTPS: 5 } }] }],
    };
    const { pipeline: p } = synth({
      schedules: [{ name: 'daily', expression: 'rate(1 day)', inlineConfig: JSON.stringify(config) }],
      alarms: { idleAfter: Duration.hours(12), utilizationPercent: 90 },
    });
    expect(p.alarms?.staleModelAlarms).toHaveLength(1);
    expect(p.alarms?.idleAlarms).toHaveLength(1);
    expect(p.alarms?.utilizationAlarms).toHaveLength(1);
  });

  test.each([
    [{ idleAfter: Duration.minutes(90) }, /alarms.idleAfter must be whole hours from 1 to 168/],
    [{ staleAfter: Duration.days(30) }, /alarms.staleAfter must be whole days from 1 to 7/],
    [{ utilizationPercent: 0 }, /alarms.utilizationPercent must be a number above 0/],
    [{ regressionMetric: 'accuracy' }, /alarms.regressionMetric must be one of coverage/],
    [{ regressionMargin: 2, regressionMetric: 'coverage' }, /alarms.regressionMargin must be a number from 0 to 1/],
    [{ datasetGroups: [{ name: 'g', campaigns: [{ name: 'c', minProvisionedTPS: 0 }] }] }, /alarms.datasetGroups\[0\].campaigns\[0\].minProvisionedTPS must be an integer of at least 1/],
  ])('refuses %j', (options, message) => {
    expect(() => synth({ alarms: options as any })).toThrow(message);
  });
});
