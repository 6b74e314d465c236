import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TemplateResolver } from '../../simulator/runner/template-resolver';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';

const ENV = { account: '123456789012', region: 'us-east-1' };

/** The dashboard's body, resolved and parsed, and the pipeline. */
function dashboardOf(props: PersonalizeMlOpsPipelineProps): { body: any; pipeline: PersonalizeMlOpsPipeline; template: Template } {
  const stack = new Stack(new App(), 'Dash', { env: ENV });
  const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', props);
  const template = Template.fromStack(stack);
  const json = template.toJSON();
  const [dashboard] = Object.values<any>(json.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
  const body = dashboard ? JSON.parse(new TemplateResolver(json as any, { partition: 'aws', ...ENV }).resolve(dashboard.Properties.DashboardBody)) : undefined;
  return { body, pipeline, template };
}

const titles = (body: any): string[] => body.widgets.map((w: any) => w.properties.title).filter(Boolean);

describe('the dashboard', () => {
  const { body, pipeline } = dashboardOf({
    ...ALL_OPTIONS,
    dashboard: {
      datasetGroups: [{
        name: 'shop',
        solutions: [{ name: 'shop-personalization' }],
        campaigns: [{ name: 'shop-campaign', minProvisionedTPS: 3 }],
        recommenders: [{ name: 'shop-recommender', minRecommendationRequestsPerSecond: 2 }],
      }],
    },
  });

  test('is exposed, and shows the executions of the main state machine and of each flow', () => {
    expect(pipeline.dashboard).toBeDefined();
    expect(titles(body)).toEqual(expect.arrayContaining(['Executions started', 'Executions succeeded', 'Executions failed', 'Execution duration (ms, max)']));
    const failed = body.widgets.find((w: any) => w.properties.title === 'Executions failed');
    const labels = failed.properties.metrics.map((m: any[]) => m[m.length - 1].label);
    expect(labels).toEqual(expect.arrayContaining(['main', 'datasetGroup', 'training', 'campaign', 'recommender']));
    // The first line names the metric; the others repeat it with "." (the dashboard body's shorthand).
    const [first, ...others] = failed.properties.metrics;
    expect(first.slice(0, 3)).toEqual(['AWS/States', 'ExecutionsFailed', 'StateMachineArn']);
    expect(others.every((m: any[]) => m[0] === '.' && m[1] === '.' && m[2] === '.' && /:stateMachine:/.test(m[3]))).toBe(true);
    expect(failed.properties).toMatchObject({ stat: 'Sum', period: 3600 });
  });

  test('shows per solution its published metrics, per campaign and recommender its requests against the minimum, and imports', () => {
    expect(titles(body)).toEqual(expect.arrayContaining([
      'Model metrics: shop-personalization', 'Campaign requests/s: shop-campaign', 'Recommender requests/s: shop-recommender', 'Imports: shop',
    ]));
    const widget = (title: string) => body.widgets.find((w: any) => w.properties.title === title).properties;
    const model = JSON.stringify(widget('Model metrics: shop-personalization').metrics);
    expect(model).toContain(`SEARCH('{${pipeline.metricsNamespace},DatasetGroup,Solution} DatasetGroup=\\"shop\\" Solution=\\"shop-personalization\\"`);
    const campaign = widget('Campaign requests/s: shop-campaign');
    expect(JSON.stringify(campaign.metrics)).toContain('"GetPersonalizedRanking","CampaignArn","arn:aws:personalize:us-east-1:123456789012:campaign/shop-campaign"');
    expect(campaign.annotations.horizontal).toEqual([{ value: 3, label: 'minProvisionedTPS', yAxis: 'left' }]);
    expect(widget('Recommender requests/s: shop-recommender').annotations.horizontal).toEqual([{ value: 2, label: 'minRecommendationRequestsPerSecond', yAxis: 'left' }]);
    const imports = JSON.stringify(widget('Imports: shop').metrics);
    expect(imports).toContain('MetricName=\\"DatasetSize\\" DatasetGroupArn=\\"arn:aws:personalize:us-east-1:123456789012:dataset-group/shop\\"');
    expect(imports).toContain('DatasetImportJobExecutionTime');
  });

  test('without a list, shows the executions only (and what the schedules\' inline configs name)', () => {
    const { body: plain } = dashboardOf({ dashboard: {} });
    expect(titles(plain)).toEqual(['Executions started', 'Executions succeeded', 'Executions failed', 'Execution duration (ms, max)']);
    const inline = JSON.stringify({ datasetGroup: { serviceConfig: { name: 'films' }, datasets: [] }, recommenders: [{ serviceConfig: { name: 'films-top' } }] });
    const { body: scheduled } = dashboardOf({ dashboard: {}, schedules: [{ name: 'daily', expression: 'rate(1 day)', inlineConfig: inline }] });
    expect(titles(scheduled)).toEqual(expect.arrayContaining(['Recommender requests/s: films-top', 'Imports: films']));
  });

  test('turns the publication of model metrics on, into the pipeline\'s namespace only', () => {
    const { template } = dashboardOf({ ...ALL_OPTIONS, dashboard: {} });
    const statements = Object.values<any>(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const put = statements.filter((s) => [s.Action].flat().includes('cloudwatch:PutMetricData'));
    expect(put.length).toBeGreaterThan(0);
    for (const s of put) expect(s.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'PersonalizeMlOps/Dash/Pipeline' } });
    const { template: off } = dashboardOf(ALL_OPTIONS);
    expect(JSON.stringify(off.toJSON())).not.toContain('cloudwatch:PutMetricData');
  });
});
