import { Aws, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PipelineDashboardOptions } from './dashboard-options';
import { MonitoredDatasetGroup } from './monitored-resource-options';
import { MODEL_DIMENSIONS, MODEL_TRAINED_METRIC, personalizeArn, requestsPerSecond, validateMonitored } from './monitored-resources';

/** Props of `PipelineDashboard`. @internal */
export interface PipelineDashboardProps extends PipelineDashboardOptions {
  /** The main state machine, then each flow, by label. */
  readonly stateMachines: Array<{ label: string; stateMachine: sfn.StateMachine }>;
  /** The namespace of the model metrics the pipeline publishes. */
  readonly metricsNamespace: string;
  /** What is watched: `datasetGroups` merged with the inline configs'. */
  readonly monitored: MonitoredDatasetGroup[];
}

/**
 * A graph of one `AWS/States` metric of several state machines, written compactly: the statistic and period once for
 * the widget, and `"."` for the fields a line shares with the one before it (CloudWatch dashboard body structure,
 * "Metric widget: metrics array": `"."` repeats the value above; `stat` and `period` as widget properties). The
 * template stays small with a line per flow.
 */
class ExecutionsWidget implements cloudwatch.IWidget {
  readonly width = HALF;
  readonly height = HEIGHT;
  private x = 0;
  private y = 0;

  constructor(private readonly title: string, private readonly metricName: string, private readonly stat: string,
    private readonly machines: Array<{ label: string; stateMachine: sfn.StateMachine }>) {}

  position(x: number, y: number): void {
    this.x = x;
    this.y = y;
  }

  toJson(): any[] {
    const metrics = this.machines.map(({ label, stateMachine }, i) => (i === 0
      ? ['AWS/States', this.metricName, 'StateMachineArn', stateMachine.stateMachineArn, { label }]
      : ['.', '.', '.', stateMachine.stateMachineArn, { label }]));
    return [{
      type: 'metric',
      width: this.width,
      height: this.height,
      x: this.x,
      y: this.y,
      properties: { view: 'timeSeries', title: this.title, region: Aws.REGION, stat: this.stat, period: 3600, metrics, legend: { position: 'right' } },
    }];
  }
}

const WIDTH = 24;
const HALF = 12;
const HEIGHT = 6;

/**
 * The pipeline's dashboard, built from what is known at synth time: the executions of the main state machine and of
 * each flow (started, succeeded, failed, duration); per solution, the model metrics the training flow published for
 * its versions (a SEARCH over the pipeline's namespace, so every metric its recipe reports) and the trainings; per
 * campaign its requests per second against its `minProvisionedTPS`; per recommender against its minimum; per dataset
 * group its imports' sizes and durations (`AWS/Personalize` `DatasetSize`, `DatasetImportJobExecutionTime`).
 * @internal
 */
export class PipelineDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    validateMonitored(props.datasetGroups ?? [], 'dashboard.datasetGroups');
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: props.range ?? Duration.days(14),
      periodOverride: cloudwatch.PeriodOverride.AUTO,
    });
    const day = Duration.days(1);
    const machines = props.stateMachines;
    this.dashboard.addWidgets(new cloudwatch.TextWidget({
      markdown: '## Executions\nPer hour. Per dataset group below: `dashboard.datasetGroups` and the schedules\' inline configs.',
      width: WIDTH,
      height: 2,
    }));
    // Step Functions metrics (Step Functions developer guide, "Monitoring Step Functions metrics using CloudWatch").
    this.dashboard.addWidgets(
      new ExecutionsWidget('Executions started', 'ExecutionsStarted', 'Sum', machines),
      new ExecutionsWidget('Executions succeeded', 'ExecutionsSucceeded', 'Sum', machines),
    );
    this.dashboard.addWidgets(
      new ExecutionsWidget('Executions failed', 'ExecutionsFailed', 'Sum', machines),
      new ExecutionsWidget('Execution duration (ms, max)', 'ExecutionTime', 'Maximum', machines),
    );

    const ns = props.metricsNamespace;
    for (const group of props.monitored) {
      const widgets: cloudwatch.IWidget[] = [];
      for (const solution of group.solutions ?? []) {
        const dims = `${MODEL_DIMENSIONS.datasetGroup}="${group.name}" ${MODEL_DIMENSIONS.solution}="${solution.name}"`;
        widgets.push(new cloudwatch.GraphWidget({
          title: `Model metrics: ${solution.name}`,
          left: [new cloudwatch.MathExpression({
            expression: `SEARCH('{${ns},${MODEL_DIMENSIONS.datasetGroup},${MODEL_DIMENSIONS.solution}} ${dims} NOT MetricName="${MODEL_TRAINED_METRIC}"', 'Maximum', 86400)`,
            period: day,
            label: '',
          })],
          right: [new cloudwatch.MathExpression({
            expression: `SEARCH('{${ns},${MODEL_DIMENSIONS.datasetGroup},${MODEL_DIMENSIONS.solution}} ${dims} MetricName="${MODEL_TRAINED_METRIC}"', 'Sum', 86400)`,
            period: day,
            label: 'trained',
          })],
          leftYAxis: { min: 0, max: 1 },
          width: HALF,
          height: HEIGHT,
        }));
      }
      const requests = (kind: 'campaign' | 'recommender', name: string, minimum: number | undefined) => new cloudwatch.GraphWidget({
        title: `${kind === 'campaign' ? 'Campaign' : 'Recommender'} requests/s: ${name}`,
        left: [requestsPerSecond(this, kind, name, Duration.minutes(5), 'requests/s (5-minute average)')],
        leftAnnotations: minimum === undefined ? undefined : [{ value: minimum, label: kind === 'campaign' ? 'minProvisionedTPS' : 'minRecommendationRequestsPerSecond' }],
        leftYAxis: { min: 0 },
        width: HALF,
        height: HEIGHT,
      });
      for (const c of group.campaigns ?? []) widgets.push(requests('campaign', c.name, c.minProvisionedTPS));
      for (const r of group.recommenders ?? []) widgets.push(requests('recommender', r.name, r.minRecommendationRequestsPerSecond));
      const imports = (metricName: string, label: string) => new cloudwatch.MathExpression({
        expression: `SEARCH('{AWS/Personalize,DatasetArn,DatasetGroupArn,DatasetImportJobArn} MetricName="${metricName}" DatasetGroupArn="${personalizeArn(this, 'dataset-group', group.name)}"', 'Maximum', 86400)`,
        period: day,
        label,
      });
      widgets.push(new cloudwatch.GraphWidget({
        title: `Imports: ${group.name}`,
        left: [imports('DatasetSize', 'size (bytes)')],
        right: [imports('DatasetImportJobExecutionTime', 'duration (s)')],
        width: HALF,
        height: HEIGHT,
      }));
      this.dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: `## Dataset group ${group.name}`, width: WIDTH, height: 1 }));
      for (let i = 0; i < widgets.length; i += 2) this.dashboard.addWidgets(...widgets.slice(i, i + 2));
    }
  }
}
