import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { explainAndFail } from './explain-and-fail';
import { FlowServices } from './flow-services';
import { CreateCall, invokeCreateFunction } from './invoke-create-function';
import { personalizeCall } from './personalize-call';
import { PollSchedule } from './poll-schedule';
import { ResourceKind, ResourceOwner } from './resource-kind';

/** Props of the poll loop for a resource found by its name. @internal */
export interface NamedResourceProps {
  readonly kind: ResourceKind;
  readonly services: FlowServices;
  /** The key under `$` where the loop keeps its state and leaves its result. */
  readonly slot: string;
  /** How to create the resource when it does not exist; without it a missing resource fails the flow. */
  readonly create?: CreateCall;
  /** A prefix of every state name, unique in the state machine. @default - the kind's label */
  readonly label?: string;
  /** Extra detail fields of the ready event (JSONPaths or literals). @default - none */
  readonly readyEventFields?: Record<string, string>;
  /** Whether the loop publishes the ready event itself; false when the flow publishes a richer one. @default true */
  readonly reportReady?: boolean;
}

/** Props of the poll loop. @internal */
export interface EnsureResourceProps extends NamedResourceProps {
  /** A JSONPath or intrinsic that gives the resource's ARN. */
  readonly arn: string;
  /** A JSONPath that gives the resource's name (for events and messages). */
  readonly name: string;
  /** A JSONPath that tells whether this execution created the resource (when it was created before the loop). @default false */
  readonly created?: string;
  /** How many times one execution may run this loop, for its worst case in history events. @default 1 */
  readonly repeats?: number;
  /**
   * For kinds whose ARN is not derived from the name (event trackers): an empty `arn` means "none yet", so the
   * loop creates at once, and after a create it polls the ARN the create call returned.
   * @default false
   */
  readonly arnFromCreate?: boolean;
  /**
   * Where a create that answers ResourceAlreadyExistsException goes, for kinds whose ARN is not derived from the
   * name (the flow looks the resource up again its own way).
   * @default - the loop describes the resource of its ARN and goes on with it
   */
  readonly afterCreateRace?: sfn.IChainable;
}

/** DATASET_IMPORT_JOB → DatasetImportJob: errors are DatasetImportJobFailed, DatasetImportJobTimeout, ... */
export function errorPrefix(kind: ResourceKind): string {
  return kind.id.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}

/**
 * The one poll loop of the pipeline: describe → (not found → create) → wait → describe → ready, failed or
 * keep waiting, publishing an event at each status it sees. The waits come from a schedule computed at synth
 * time (short first, growing with the resource's age to a cap), so the loop's worst case is known: it ends in
 * a timeout after `schedule.polls` polls. A resource found by its name must belong to this execution's parent
 * (its dataset group or solution): names are unique per account and region, so another team's resource of
 * the same name is a conflict, never adopted. When it ends, `$.<slot>` holds
 * `{ arn, name, created, status, description }`; a failure ends in a Fail state whose error names the kind and
 * whose cause names the resource and carries the service's failureReason. Every path the loop reads is checked
 * for presence first, so no input makes it fail with an uncatchable States.Runtime error.
 * @internal
 */
export class EnsureResource extends sfn.StateMachineFragment {
  /** The loop for a resource whose ARN is `<arnType>/<name>`, the name read from `namePath`. */
  static named(scope: Construct, id: string, namePath: string, props: NamedResourceProps): EnsureResource {
    return new EnsureResource(scope, id, { ...props, arn: FlowServices.arnAt(props.kind.arnType, namePath), name: namePath });
  }

  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];
  /** The waits of this loop. */
  readonly schedule: PollSchedule;
  /** The loop's worst case in one execution, in history events. */
  readonly worstCaseEvents: number;
  /** The `PipelinePolling` key whose settings shaped the schedule. */
  readonly pollingKey: string;
  private readonly slot: string;
  private readonly label: string;
  private readonly errorName: string;
  private readonly eventFields: { kind: string; name: string; arn: string; created: string };
  private readonly services: FlowServices;
  /** The wait of a poll whose describe showed no status (set by the status loop). */
  private waitWithoutStatus?: sfn.IChainable;

  constructor(scope: Construct, id: string, props: EnsureResourceProps) {
    super(scope, id);
    const { kind, services } = props;
    this.services = services;
    this.schedule = services.schedule(kind);
    this.pollingKey = kind.pollingKey;
    this.worstCaseEvents = kind.statusField ? this.schedule.worstCaseEvents * (props.repeats ?? 1) : 0;
    const label = this.label = props.label ?? kind.label;
    const slot = this.slot = `$.${props.slot}`;
    const status = kind.statusField ? `${slot}.description.${kind.statusField}` : undefined;
    const eventFields = this.eventFields = { kind: kind.id, name: `${slot}.name`, arn: `${slot}.arn`, created: `${slot}.created` };
    const errorName = this.errorName = errorPrefix(kind);

    const init = new sfn.Pass(this, `${label}: Start`, {
      parameters: {
        'arn.$': props.arn,
        'name.$': props.name,
        'attempts': 0,
        'lastStatus': 'NONE',
        ...(props.created ? { 'created.$': props.created } : { created: false }),
      },
      resultPath: slot,
    });
    const describe = this.describe(`${label}: Describe`, kind);
    const describeAgain = this.describe(`${label}: Describe again`, kind);

    const ready = new sfn.Pass(this, `${label}: Ready`, {
      parameters: {
        'arn.$': `${slot}.arn`,
        'name.$': `${slot}.name`,
        'created.$': `${slot}.created`,
        ...(status ? { 'status.$': status } : { status: 'ACTIVE' }),
        'description.$': `${slot}.description`,
      },
      resultPath: slot,
    });
    this.startState = init;
    this.endStates = [ready];

    const reportReady = props.reportReady === false
      ? new sfn.Pass(this, `${label}: Ready to report`)
      : services.events.resource(this, `${label}: Report ready`, { ...eventFields, ...props.readyEventFields, status: status ?? 'ACTIVE' });
    reportReady.next(ready);

    // Without a status (schemas), the describe is all: the resource exists.
    const decide: sfn.IChainable = status ? this.statusLoop(props, status, describeAgain, ready, reportReady) : reportReady;
    const afterFirstDescribe = kind.owner ? this.ownerCheck(kind.owner, decide) : decide;
    describe.next(afterFirstDescribe);
    if (!(props.create && props.arnFromCreate)) init.next(describe);
    if (!status) describeAgain.next(decide);

    if (props.create) {
      const create = invokeCreateFunction(this, `${label}: Create`, services, props.create, { resultPath: `${slot}.createResult` });
      const markCreated = props.arnFromCreate
        ? new sfn.Pass(this, `${label}: Created`, {
          parameters: { 'arn.$': `${slot}.createResult.arn`, 'name.$': `${slot}.name`, 'attempts.$': `${slot}.attempts`, 'lastStatus.$': `${slot}.lastStatus`, 'created': true },
          resultPath: slot,
        })
        : new sfn.Pass(this, `${label}: Created`, { result: sfn.Result.fromBoolean(true), resultPath: `${slot}.created` });
      // Another execution created it between our describe and our create: continue with that one (after the
      // owner check). This describe does not create again, so a create that keeps answering "already exists"
      // ends the flow instead of looping. Kinds whose ARN is not derived from the name look it up their own way.
      let raceTarget = props.afterCreateRace;
      if (!raceTarget) {
        const describeExisting = this.describe(`${label}: Describe existing`, kind);
        const conflict = explainAndFail(this, `${label}: conflict`, {
          events: services.events,
          cause: `States.Format('${kind.label} {} cannot be created: {}', ${slot}.name, ${slot}.createRace.Cause)`,
          resultPath: `${slot}.failure`,
          event: { ...eventFields, status: 'CONFLICT' },
          error: `${errorName}Conflict`,
        });
        describeExisting.addCatch(conflict, { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.lookup` });
        describeExisting.next(afterFirstDescribe);
        raceTarget = describeExisting;
      }
      create.addCatch(raceTarget, { errors: ['ResourceAlreadyExistsException'], resultPath: `${slot}.createRace` });
      describe.addCatch(create, { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.lookup` });
      // Not found while polled: a failed leftover this loop deleted is created again; one this execution created
      // is waited for (a describe right after a create may not see it yet: strict reading) until the schedule ends.
      const vanished = explainAndFail(this, `${label}: not found`, {
        events: services.events,
        cause: `States.Format('${kind.label} {} ({}) was created by this execution but is not found after {} polls', ${slot}.name, ${slot}.arn, ${slot}.attempts)`,
        resultPath: `${slot}.failure`,
        event: { ...eventFields, status: 'NOT_FOUND' },
        error: `${errorName}Failed`,
      });
      const notYetVisible = this.waitWithoutStatus
        ? new sfn.Choice(this, `${label}: Still within the schedule?`)
          .when(sfn.Condition.numberLessThan(`${slot}.attempts`, this.schedule.polls), this.waitWithoutStatus)
          .otherwise(vanished)
        : vanished;
      describeAgain.addCatch(new sfn.Choice(this, `${label}: Created by this execution?`)
        .when(sfn.Condition.booleanEquals(`${slot}.created`, true), notYetVisible)
        .otherwise(create), { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.lookup` });
      create.next(markCreated).next(describeAgain);
      if (props.arnFromCreate) {
        init.next(new sfn.Choice(this, `${label}: Exists?`)
          .when(sfn.Condition.stringEquals(`${slot}.arn`, ''), create)
          .otherwise(describe));
      }
    }
  }

  /** The describe call of the resource, its response under `$.<slot>.description`. */
  private describe(id: string, kind: ResourceKind): tasks.CallAwsService {
    return personalizeCall(this, id, {
      action: kind.describeAction,
      parameters: { [kind.arnParameter]: sfn.JsonPath.stringAt(`${this.slot}.arn`) },
      arnType: kind.arnType,
      resultPath: `${this.slot}.description`,
    });
  }

  /** Status → ready, failed, timed out or wait and describe again. Returns the status Choice. */
  private statusLoop(
    props: EnsureResourceProps, status: string, describeAgain: tasks.CallAwsService, ready: sfn.IChainable, reportReady: sfn.IChainable,
  ): sfn.Choice {
    const { kind, services } = props;
    const { slot, label, errorName, eventFields } = this;
    const next = new sfn.Pass(this, `${label}: Next attempt`, {
      parameters: {
        'arn.$': `${slot}.arn`,
        'name.$': `${slot}.name`,
        'created.$': `${slot}.created`,
        'attempts.$': `States.MathAdd(${slot}.attempts, 1)`,
        'lastStatus.$': status,
        // The wait of this attempt; the status Choice times out before the index passes the schedule's end.
        'wait.$': `States.StringToJson(States.ArrayGetItem(States.StringSplit('${this.schedule.literal}', ','), ${slot}.attempts))`,
      },
      resultPath: slot,
    });
    const wait = new sfn.Wait(this, `${label}: Wait`, { time: sfn.WaitTime.secondsPath(`${slot}.wait`) });
    next.next(wait);
    // A describe without the status yet (an update just requested, a resource just created) counts as status
    // NONE, so one Pass (and one copy of the schedule) serves every poll.
    const noStatus = new sfn.Pass(this, `${label}: No status yet`, {
      result: sfn.Result.fromObject(kind.statusField!.split('.').reverse().reduce<unknown>((inner, key) => ({ [key]: inner }), 'NONE') as Record<string, unknown>),
      resultPath: `${slot}.description`,
    });
    noStatus.next(next);
    this.waitWithoutStatus = noStatus;
    wait.next(describeAgain);

    const timedOut = explainAndFail(this, `${label}: poll limit`, {
      events: services.events,
      cause: `States.Format('${kind.label} {} ({}) is still {} after {} polls over ${this.schedule.settings.timeout.toHumanString()}; raise the poll timeout of this kind or look at the resource', ${slot}.name, ${slot}.arn, ${status}, ${slot}.attempts)`,
      resultPath: `${slot}.failure`,
      event: { ...eventFields, status: 'TIMED_OUT' },
      error: `${errorName}Timeout`,
    });

    let failed: sfn.IChainable = kind.failedStatuses.length > 0 ? this.failureBranch(kind, status) : next;
    if (kind.deleteAction && props.create) {
      // A resource an earlier run left failed keeps its name taken: delete it, wait until it is gone (the
      // describe answers not found), and create it again. One this run created is not retried.
      const remove = personalizeCall(this, `${label}: Delete failed leftover`, {
        action: kind.deleteAction,
        parameters: { [kind.arnParameter]: sfn.JsonPath.stringAt(`${slot}.arn`) },
        arnType: kind.arnType,
        resultPath: sfn.JsonPath.DISCARD,
      });
      remove.addRetry({ errors: ['Personalize.ResourceInUseException'], interval: Duration.seconds(10), maxAttempts: 6, backoffRate: 2 });
      const reportDeletion = services.events.resource(this, `${label}: Report leftover deletion`, {
        ...eventFields, status: 'DELETING_FAILED_LEFTOVER', previousStatus: status,
      });
      reportDeletion.next(remove).next(next);
      failed = new sfn.Choice(this, `${label}: Left over from an earlier run?`)
        .when(sfn.Condition.booleanEquals(`${slot}.created`, false), reportDeletion)
        .otherwise(failed);
    }

    const isOneOf = (values: string[]) => sfn.Condition.or(...values.map((v) => sfn.Condition.stringEquals(status, v)));
    const changed = sfn.Condition.not(sfn.Condition.stringEqualsJsonPath(status, `${slot}.lastStatus`));
    const reportStatus = services.events.resource(this, `${label}: Report status`, { ...eventFields, status });
    reportStatus.next(next);

    const decide = new sfn.Choice(this, `${label}: Status?`)
      // A describe without the status field yet (an update just requested) is waited out like a pending one.
      .when(sfn.Condition.and(sfn.Condition.not(sfn.Condition.isPresent(status)), sfn.Condition.numberGreaterThanEquals(`${slot}.attempts`, this.schedule.polls)), this.timeoutWithoutStatus(kind))
      .when(sfn.Condition.not(sfn.Condition.isPresent(status)), noStatus);
    if (kind.failedStatuses.length > 0) decide.when(isOneOf(kind.failedStatuses), failed);
    decide
      .when(sfn.Condition.and(isOneOf(kind.readyStatuses), changed), reportReady)
      .when(isOneOf(kind.readyStatuses), ready)
      .when(sfn.Condition.numberGreaterThanEquals(`${slot}.attempts`, this.schedule.polls), timedOut)
      .when(changed, reportStatus)
      .otherwise(next);
    describeAgain.next(decide);
    return decide;
  }

  /** The poll limit reached while the describe never showed a status. */
  private timeoutWithoutStatus(kind: ResourceKind): sfn.IChainable {
    const { slot, label, errorName } = this;
    return new sfn.Pass(this, `${label}: Poll limit reached without status`, {
      parameters: { 'cause.$': `States.Format('${kind.label} {} ({}) showed no status after {} polls', ${slot}.name, ${slot}.arn, ${slot}.attempts)` },
      resultPath: `${slot}.failure`,
    }).next(new sfn.Fail(this, `${label}: Timed out without status`, { error: `${errorName}Timeout`, causePath: `${slot}.failure.cause` }));
  }

  /** A resource found by its name must belong to this execution's parent; otherwise the flow stops. */
  private ownerCheck(owner: ResourceOwner, next: sfn.IChainable): sfn.IChainable {
    const { slot, label, errorName, eventFields } = this;
    const field = `${slot}.description.${owner.field}`;
    const expected = `$.context.${owner.expected}`;
    const conflict = explainAndFail(this, `${label}: owned elsewhere`, {
      events: this.services.events,
      cause: `States.Format('${label} {} ({}) belongs to ${owner.label} {}, not to ${owner.label} {} of this config: names are unique per account and region, so another ${owner.label}\\'s resource is never adopted; give this one another name', ${slot}.name, ${slot}.arn, ${slot}.owner.value, ${expected})`,
      resultPath: `${slot}.failure`,
      event: { ...eventFields, status: 'CONFLICT', owner: `${slot}.owner.value`, expectedOwner: expected },
      error: `${errorName}Conflict`,
    });
    const read = new sfn.Pass(this, `${label}: Read owner`, {
      parameters: { 'value.$': owner.segment === undefined ? field : `States.ArrayGetItem(States.StringSplit(${field}, '/'), ${owner.segment})` },
      resultPath: `${slot}.owner`,
    });
    read.next(new sfn.Choice(this, `${label}: Owned by this ${owner.label}?`)
      .when(sfn.Condition.stringEqualsJsonPath(`${slot}.owner.value`, expected), next)
      .otherwise(conflict));
    return new sfn.Choice(this, `${label}: Has an owner?`)
      .when(sfn.Condition.isPresent(field), read)
      .otherwise(next);
  }

  private failureBranch(kind: ResourceKind, status: string): sfn.IChainable {
    const { slot, label, errorName, eventFields } = this;
    const reasonPath = `${slot}.description.${kind.failureReasonField}`;
    const withReason = new sfn.Pass(this, `${label}: Explain failure`, {
      parameters: {
        'reason.$': reasonPath,
        'cause.$': `States.Format('${kind.label} {} ({}) is {}: {}', ${slot}.name, ${slot}.arn, ${status}, ${reasonPath})`,
      },
      resultPath: `${slot}.failure`,
    });
    const withoutReason = new sfn.Pass(this, `${label}: Explain failure without reason`, {
      parameters: {
        'reason': 'The service gave no failureReason',
        'cause.$': `States.Format('${kind.label} {} ({}) is {}; the service gave no failureReason', ${slot}.name, ${slot}.arn, ${status})`,
      },
      resultPath: `${slot}.failure`,
    });
    const report = this.services.events.resource(this, `${label}: Report failure`, {
      ...eventFields, status, failureReason: `${slot}.failure.reason`, cause: `${slot}.failure.cause`,
    });
    withReason.next(report);
    withoutReason.next(report);
    report.next(new sfn.Fail(this, `${label}: Failed`, { error: `${errorName}Failed`, causePath: `${slot}.failure.cause` }));
    return new sfn.Choice(this, `${label}: Has failure reason?`)
      .when(sfn.Condition.isPresent(reasonPath), withReason)
      .otherwise(withoutReason);
  }
}
