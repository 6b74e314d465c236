import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { PollEngine } from '../polling/poll-engine';
import { ReconcileStep } from '../polling/reconcile-step';
import { FlowServices } from '../steps/flow-services';

/**
 * The dataset group's metric attribution, created or reused right after the group is ACTIVE, so before any import of
 * the run: Personalize reports only on data imported after the attribution exists (developer guide,
 * metric-attribution-requirements.html). One found by its name is adopted only if it is this group's (the poll
 * engine's owner check); one whose `metrics` or `metricsOutputConfig` differ from the config is updated
 * (UpdateMetricAttribution with `addMetrics` / `removeMetrics` computed by the create function), then waited for until
 * ACTIVE, with one UPDATED event. Steps of the dataset group flow (no state machine of its own): reads
 * `$.item.metricAttribution` and `$.datasetGroup.arn`, leaves `$.metricAttribution`.
 * @internal
 */
export class MetricAttributionSteps extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, services: FlowServices) {
    super(scope, id);
    const kind = RESOURCE_KINDS.metricAttribution;
    const serviceConfig = '$.item.metricAttribution.serviceConfig';
    // The owner check reads the group from the context, as in every flow that runs after the group.
    const context = new sfn.Pass(this, 'Metric attribution: group context', { inputPath: '$.datasetGroup.arn', resultPath: '$.context.datasetGroupArn' });
    const attribution = PollEngine.named(this, 'MetricAttribution', `${serviceConfig}.name`, {
      kind,
      services,
      slot: 'metricAttribution',
      create: { action: 'createMetricAttribution', serviceConfig, derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
    });
    const reconcile = new ReconcileStep(this, 'Reconcile', {
      services,
      kind,
      slot: 'metricAttribution',
      action: 'updateMetricAttribution',
      serviceConfig,
      derived: { metricAttributionArn: '$.metricAttribution.arn' },
      updateKind: RESOURCE_KINDS.metricAttributionUpdate,
    });
    context.next(attribution).next(reconcile);
    this.startState = context;
    this.endStates = reconcile.endStates;
  }
}
