import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { errorPrefix } from './ensure-resource';
import { FlowServices } from './flow-services';
import { personalizeCall } from './personalize-call';
import { PollSchedule } from './poll-schedule';
import { ResourceKind } from './resource-kind';

/** Props of the deletion loop. @internal */
export interface AwaitDeletionProps {
  /** The kind: its describe call, status field, delete action and poll settings. */
  readonly kind: ResourceKind;
  readonly services: FlowServices;
  /** The key under `$` where the loop keeps its state and leaves `{ arn, name, deleted }`. */
  readonly slot: string;
  /** A JSONPath that gives the resource's ARN. */
  readonly arn: string;
  /** A JSONPath that gives the resource's name (for events and messages). */
  readonly name: string;
  /**
   * Statuses in which the loop asks for the deletion; in any other status (CREATE PENDING, CREATE IN_PROGRESS,
   * DELETE PENDING, DELETE IN_PROGRESS, STOP PENDING, ...) it waits.
   * @default ['ACTIVE', 'CREATE FAILED']
   */
  readonly deletableStatuses?: string[];
  /** A prefix of every state name, unique in the state machine. @default - the kind's label */
  readonly label?: string;
}

/**
 * The "until gone" use of the poll loop: describe → not found (gone) | deletable (delete, then poll) | anything
 * else (wait) → describe again, on the kind's synth-time schedule, until the describe answers
 * `Personalize.ResourceNotFoundException`, which is how every Describe* reports a deleted resource (API reference,
 * each Describe* action: Errors; the statuses DELETE PENDING > DELETE IN_PROGRESS come before it). A delete the
 * service refuses with ResourceInUseException (a child still being deleted, an import or training under way, an
 * update in progress: API reference, each Delete* action: Errors) is asked again at the next poll; any other error
 * of the delete ends in a Fail state that names the resource and carries the service's message, after a
 * DELETE_FAILED event. The loop publishes DELETED when the resource it saw is gone; a resource already gone at the
 * first describe ends the loop without an event, so a second run finds nothing. When it ends, `$.<slot>` is
 * `{ arn, name, deleted }`. Built like EnsureResource (same schedule, same bounds, same history cost per poll).
 * @internal
 */
export class AwaitDeletion extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];
  /** The waits of this loop. */
  readonly schedule: PollSchedule;
  /** The loop's worst case in one execution, in history events. */
  readonly worstCaseEvents: number;
  /** The `PipelinePolling` key whose settings shaped the schedule. */
  readonly pollingKey: string;

  constructor(scope: Construct, id: string, props: AwaitDeletionProps) {
    super(scope, id);
    const { kind, services } = props;
    if (!kind.deleteAction || !kind.statusField) {
      throw new Error(`kind must have a deleteAction and a statusField to be waited out, got: ${kind.id}`);
    }
    this.schedule = services.schedule(kind);
    this.pollingKey = kind.pollingKey;
    this.worstCaseEvents = this.schedule.worstCaseEvents;
    const label = props.label ?? kind.label;
    const slot = `$.${props.slot}`;
    const status = `${slot}.description.${kind.statusField}`;
    const errorName = errorPrefix(kind);
    const eventFields = { kind: kind.id, name: `${slot}.name`, arn: `${slot}.arn` };
    const deletable = props.deletableStatuses ?? ['ACTIVE', 'CREATE FAILED'];
    const waits = `States.StringSplit('${this.schedule.literal}', ',')`;

    const init = new sfn.Pass(this, `${label}: Start deletion`, {
      parameters: { 'arn.$': props.arn, 'name.$': props.name, 'attempts': 0, 'requested': false, 'refusal': 'none' },
      resultPath: slot,
    });
    const describe = personalizeCall(this, `${label}: Describe for deletion`, {
      action: kind.describeAction,
      parameters: { [kind.arnParameter]: sfn.JsonPath.stringAt(`${slot}.arn`) },
      arnType: kind.arnType,
      resultPath: `${slot}.description`,
    });
    const remove = personalizeCall(this, `${label}: Delete`, {
      action: kind.deleteAction,
      parameters: { [kind.arnParameter]: sfn.JsonPath.stringAt(`${slot}.arn`) },
      arnType: kind.arnType,
      resultPath: sfn.JsonPath.DISCARD,
    });

    const next = new sfn.Pass(this, `${label}: Next deletion poll`, {
      parameters: {
        'arn.$': `${slot}.arn`,
        'name.$': `${slot}.name`,
        'attempts.$': `States.MathAdd(${slot}.attempts, 1)`,
        'requested.$': `${slot}.requested`,
        'refusal.$': `${slot}.refusal`,
        // The status Choice times out before the index passes the schedule's end.
        'wait.$': `States.StringToJson(States.ArrayGetItem(${waits}, ${slot}.attempts))`,
      },
      resultPath: slot,
    });
    const wait = new sfn.Wait(this, `${label}: Wait for deletion`, { time: sfn.WaitTime.secondsPath(`${slot}.wait`) });
    next.next(wait).next(describe);

    const requested = new sfn.Pass(this, `${label}: Deletion requested`, { result: sfn.Result.fromBoolean(true), resultPath: `${slot}.requested` });
    requested.next(next);
    // Refused while busy: asked again at the next poll; the last refusal goes into the timeout's cause.
    const busy = new sfn.Choice(this, `${label}: In use`)
      .when(sfn.Condition.isPresent(`${slot}.deleteError.Cause`), new sfn.Pass(this, `${label}: Remember refusal`, {
        inputPath: `${slot}.deleteError.Cause`, resultPath: `${slot}.refusal`,
      }).next(next))
      .otherwise(new sfn.Pass(this, `${label}: Remember refusal without cause`, {
        result: sfn.Result.fromString('ResourceInUseException'), resultPath: `${slot}.refusal`,
      }).next(next));

    const deleted = new sfn.Pass(this, `${label}: Deleted`, {
      parameters: { 'arn.$': `${slot}.arn`, 'name.$': `${slot}.name`, 'deleted': true },
      resultPath: slot,
    });
    const alreadyGone = new sfn.Pass(this, `${label}: Already gone`, {
      parameters: { 'arn.$': `${slot}.arn`, 'name.$': `${slot}.name`, 'deleted': false },
      resultPath: slot,
    });
    const reportDeleted = services.events.resource(this, `${label}: Report deleted`, { ...eventFields, status: 'DELETED' });
    reportDeleted.next(deleted);
    // Not found at the first look (and never asked by this loop): nothing to delete, no event.
    const gone = new sfn.Choice(this, `${label}: Was it there?`)
      .when(sfn.Condition.and(sfn.Condition.numberEquals(`${slot}.attempts`, 0), sfn.Condition.booleanEquals(`${slot}.requested`, false)), alreadyGone)
      .otherwise(reportDeleted);

    const failure = this.failure(services, label, slot, kind, eventFields);
    describe.addCatch(gone, { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.lookup` });
    remove.addCatch(reportDeleted, { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.deleteError` });
    remove.addCatch(busy, { errors: ['Personalize.ResourceInUseException'], resultPath: `${slot}.deleteError` });
    remove.addCatch(failure, { errors: ['States.ALL'], resultPath: `${slot}.deleteError` });
    remove.next(requested);

    const timedOut = new sfn.Pass(this, `${label}: Deletion poll limit reached`, {
      parameters: {
        'cause.$': `States.Format('${kind.label} {} ({}) is not gone after {} polls over ${this.schedule.settings.timeout.toHumanString()} (last refusal: {}); raise polling.${kind.pollingKey}.timeout or look at the resource', ${slot}.name, ${slot}.arn, ${slot}.attempts, ${slot}.refusal)`,
      },
      resultPath: `${slot}.failure`,
    });
    timedOut
      .next(services.events.resource(this, `${label}: Report deletion timeout`, { ...eventFields, status: 'TIMED_OUT', cause: `${slot}.failure.cause` }))
      .next(new sfn.Fail(this, `${label}: Deletion timed out`, { error: `${errorName}DeleteTimeout`, causePath: `${slot}.failure.cause` }));

    const isOneOf = (values: string[]) => sfn.Condition.or(...values.map((v) => sfn.Condition.stringEquals(status, v)));
    const limit = sfn.Condition.numberGreaterThanEquals(`${slot}.attempts`, this.schedule.polls);
    describe.next(new sfn.Choice(this, `${label}: Deletable?`)
      .when(limit, timedOut)
      // A describe without its status is waited out like a pending one.
      .when(sfn.Condition.not(sfn.Condition.isPresent(status)), next)
      .when(sfn.Condition.and(isOneOf(deletable), sfn.Condition.booleanEquals(`${slot}.requested`, false)), remove)
      .otherwise(next));

    init.next(describe);
    this.startState = init;
    this.endStates = [deleted, alreadyGone];
  }

  /** A delete refused for good: a DELETE_FAILED event naming the resource and the service's message, then Fail. */
  private failure(
    services: FlowServices, label: string, slot: string, kind: ResourceKind, eventFields: { kind: string; name: string; arn: string },
  ): sfn.IChainable {
    const explain = (id: string, cause: string) => new sfn.Pass(this, `${label}: ${id}`, { parameters: { 'cause.$': cause }, resultPath: `${slot}.failure` });
    const withCause = explain('Explain delete failure',
      `States.Format('${kind.label} {} ({}) could not be deleted: {}: {}', ${slot}.name, ${slot}.arn, ${slot}.deleteError.Error, ${slot}.deleteError.Cause)`);
    const withoutCause = explain('Explain delete failure without cause',
      `States.Format('${kind.label} {} ({}) could not be deleted: {}', ${slot}.name, ${slot}.arn, ${slot}.deleteError.Error)`);
    const report = services.events.resource(this, `${label}: Report delete failure`, {
      ...eventFields, status: 'DELETE_FAILED', error: `${slot}.deleteError.Error`, cause: `${slot}.failure.cause`,
    });
    withCause.next(report);
    withoutCause.next(report);
    report.next(new sfn.Fail(this, `${label}: Delete failed`, { error: `${errorPrefix(kind)}DeleteFailed`, causePath: `${slot}.failure.cause` }));
    return new sfn.Choice(this, `${label}: Delete error has a cause?`)
      .when(sfn.Condition.isPresent(`${slot}.deleteError.Cause`), withCause)
      .otherwise(withoutCause);
  }
}
