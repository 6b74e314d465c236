import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PollEngine } from './poll-engine';
import { ResourceKind } from '../kinds/resource-kind';
import { FlowServices } from '../steps/flow-services';
import { invokeCreateFunction } from '../steps/invoke-create-function';

/** Props of the reconcile of an existing resource with its config. @internal */
export interface ReconcileStepProps {
  readonly services: FlowServices;
  /** The resource's kind, for the event. */
  readonly kind: ResourceKind;
  /** The key under `$` where the resource's poll loop left `{ arn, name, created }`. */
  readonly slot: string;
  /**
   * The create function's reconcile action: `updateSolution`, `updateRecommender`, `updateCampaign` (describe,
   * compare, Update call, tags), or `tagResource` (tags only).
   */
  readonly action: string;
  /** JSONPath of the config's serviceConfig. */
  readonly serviceConfig: string;
  /** Fields the pipeline adds: the resource's ARN under the action's name for it, and what else the action reads. */
  readonly derived: Record<string, string>;
  /** The wait on the Update call's `latest...Update`; none for `tagResource`. */
  readonly updateKind?: ResourceKind;
  /** Extra fields of the wait's ready event; without them the wait publishes no ready event. @default - none */
  readonly readyEventFields?: Record<string, string>;
  /** A prefix of the state names, unique in the state machine. @default - the kind's label */
  readonly label?: string;
}

/**
 * Brings an existing resource in line with its config, declaratively on top of the poll engine: the create function
 * describes it again, compares each field an Update call takes with the config (lambda/shared/reconcile: the service's
 * defaults count, an absent field is no change), makes the Update call when one differs and the tag calls for the tag
 * difference; the flow then waits for the update's `latest...Update` to be ACTIVE (bounded, failing with the service's
 * reason: the poll engine) and publishes one `UPDATED` event that names each changed field with its old and new value.
 * A resource this execution created is as configured: nothing is called. Changes no Update call takes were refused by
 * the pre-flight check before anything was created. `$.reconcile` holds `{ updating, changed, changes }` afterwards.
 * @internal
 */
export class ReconcileStep extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, props: ReconcileStepProps) {
    super(scope, id);
    const { services, kind } = props;
    const label = props.label ?? kind.label;
    const slot = `$.${props.slot}`;
    const done = new sfn.Pass(this, `${label}: As configured`);
    const report = services.events.resource(this, `${label}: Report update`, {
      kind: kind.id, name: `${slot}.name`, arn: `${slot}.arn`, status: 'UPDATED', changes: '$.reconcile.changes',
    });
    report.next(done);
    const changed = new sfn.Choice(this, `${label}: Changed?`)
      .when(sfn.Condition.booleanEquals('$.reconcile.changed', true), report)
      .otherwise(done);
    const call = invokeCreateFunction(this, `${label}: Reconcile`, services, {
      action: props.action, serviceConfig: props.serviceConfig, derived: props.derived,
    }, {
      resultPath: '$.reconcile',
      resultSelector: { 'updating.$': '$.updating', 'changed.$': '$.changed', 'changes.$': '$.changes' },
    });
    if (props.updateKind) {
      const waitProps = { kind: props.updateKind, services, slot: `${props.slot}Update`, arn: `${slot}.arn`, name: `${slot}.name` };
      const wait = props.readyEventFields
        ? PollEngine.untilReady(this, `${label}Wait`, { ...waitProps, readyEventFields: props.readyEventFields })
        : PollEngine.untilReadyQuietly(this, `${label}Wait`, waitProps);
      wait.next(changed);
      call.next(new sfn.Choice(this, `${label}: Updating?`)
        .when(sfn.Condition.booleanEquals('$.reconcile.updating', true), wait)
        .otherwise(changed));
    } else {
      call.next(changed);
    }
    this.startState = new sfn.Choice(this, `${label}: Created now?`)
      .when(sfn.Condition.booleanEquals(`${slot}.created`, true), done)
      .otherwise(call);
    this.endStates = [done];
  }
}
