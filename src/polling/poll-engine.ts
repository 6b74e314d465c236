import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { eventsPerPollOf, pollKindIndexOf, pollKindNameOf, PollGoal } from './poll-machine';
import { QUOTA_REPORT_EVENTS } from './quota-wait';
import { PollSchedule } from '../kinds/poll-schedule';
import { ResourceKind } from '../kinds/resource-kind';
import { ExplainAndFail } from '../steps/explain-and-fail';
import { FlowServices } from '../steps/flow-services';
import { CreateCall, createFunctionPayload } from '../steps/invoke-create-function';

/** What every use of the poll engine names. @internal */
export interface PollEngineProps {
  /** The kind: its describe call, status field, statuses and poll settings. */
  readonly kind: ResourceKind;
  readonly services: FlowServices;
  /** The key under `$` where the loop keeps its state and leaves its result. */
  readonly slot: string;
  /** A JSONPath or intrinsic that gives the resource's ARN. */
  readonly arn: string;
  /** A JSONPath that gives the resource's name (for events and messages). */
  readonly name: string;
  /** A prefix of every state name, unique in the state machine. @default - the kind's label */
  readonly label?: string;
  /**
   * The branch of a Choice this loop is on, when one execution runs one such branch only (the tear-down's kinds),
   * named in the history-budget check's message.
   * @default - every execution may run this loop
   */
  readonly exclusiveBranch?: string;
}

/** Props of a wait until an existing resource is ready. @internal */
export interface UntilReadyProps extends PollEngineProps {
  /** A JSONPath that tells whether this execution created the resource. @default false */
  readonly created?: string;
  /**
   * A JSONPath of the attempts this loop starts from: tries spent before it on the same bound (a create's quota waits
   * outside the loop), so the loop and they share one bound and one history budget. @default 0
   */
  readonly startAttempts?: string;
  /** Extra detail fields of the ready event (JSONPaths or literals). @default - none */
  readonly readyEventFields?: Record<string, string>;
}

/** Props of a resource created when the describe does not find it. @internal */
export interface CreateOrReuseProps extends UntilReadyProps {
  /** How to create the resource. */
  readonly create: CreateCall;
}

/** Props of a resource found by its name (its ARN is `<arnType>/<name>`). @internal */
export type NamedResourceProps = Omit<CreateOrReuseProps, 'arn' | 'name'>;

/**
 * Props of a resource whose ARN is not derived from its name (event trackers): an empty `arn` means "none yet",
 * the loop creates at once and polls the ARN the create call returned. @internal
 */
export interface CreateUnnamedProps extends CreateOrReuseProps {
  /** Where a create that answers ResourceAlreadyExistsException goes (the flow looks the resource up again). */
  readonly afterCreateRace: sfn.IChainable;
}

/** Props of a wait until a resource is deleted. @internal */
export interface UntilDeletedProps extends PollEngineProps {
  /** The end to share with the other deletion loops of the state machine (same slot). @default - one of its own */
  readonly ending?: DeletionEnding;
}

/** Props of the end of deletion loops. @internal */
export interface DeletionEndingProps {
  readonly services: FlowServices;
  /** The key under `$` of the loops that end here. */
  readonly slot: string;
  /** The fields that name the resource in the events, JSONPaths (or literals) present on every path to this end. */
  readonly eventFields: { kind: string; name: string; arn: string };
  /** The prefix of its state names. @default - none */
  readonly namePrefix?: string;
}

/**
 * Where the deletion loops of one state machine end (the tear-down's, one per kind on exclusive branches): each
 * loop's result (`<slot>` is `{ arn, name, deleted }`) joins here, and the state machine's own failures (a schema's
 * delete) share one failure ending whose events name the resource.
 * @internal
 */
export class DeletionEnding extends Construct {
  /** The failure ending: the resource's fields are common to every explanation. */
  readonly failures: ExplainAndFail;
  /** Where every loop that ends here continues. */
  readonly join: sfn.Pass;

  constructor(scope: Construct, id: string, props: DeletionEndingProps) {
    super(scope, id);
    const named = (name: string) => (props.namePrefix ? `${props.namePrefix}: ${name}` : name);
    this.failures = new ExplainAndFail(this, 'Failures', {
      events: props.services.events,
      resultPath: `$.${props.slot}.failure`,
      reportName: named('Report failure'),
      namePrefix: props.namePrefix ?? 'Deletion',
      commonFields: props.eventFields,
    });
    this.join = new sfn.Pass(this, named('Deleted or gone'));
  }

  /** Continues every loop that ends here with `next`. */
  next(next: sfn.IChainable): void {
    this.join.next(next);
  }
}

/** How the engine ends: ready (with or without its event), or deleted. */
enum Goal { READY, READY_QUIETLY, DELETED }

/**
 * One poll loop: a start of the pipeline's poll machine (src/polling/poll-machine.ts: the describe on a schedule
 * computed at synth time, short first waits growing with the resource's age to a cap, the attempt counter that ends
 * the loop in a timeout after `schedule.polls` polls, and one explain-and-report for every way to fail), waited for
 * (`startExecution.sync:2`), its outcome in `$.<slot>`. Each loop is then a few states of its flow, and the loop itself
 * is in the template once per kind. A failure the poll machine returns fails the flow with the same error and cause
 * (`DatasetImportJobFailed`, `CampaignTimeout`, ...), its event already published. Its worst case in history events
 * is the poll execution's (`worstCaseEvents`); `createFlowStateMachine` checks every loop of a state machine against
 * the history budget.
 *
 * Uses, as named factories:
 * - `createOrReuse` / `named`: describe → (not found → create) → poll until ready, publishing each status it sees.
 *   A resource found by its name must belong to this execution's parent (names are unique per account and
 *   region, so another team's resource is a conflict, never adopted); one an earlier run left failed is deleted
 *   and created again.
 * - `createUnnamed`: the same for kinds whose ARN is not derived from the name (event trackers).
 * - `untilReady` / `untilReadyQuietly`: poll an existing resource until ready (quietly: the flow publishes a
 *   richer event, or the wait is one to wait out).
 * - `untilDeleted`: describe → delete when deletable → poll until the describe answers not found.
 *
 * When ready, `$.<slot>` holds `{ arn, name, created, status, description }`; when deleted, `{ arn, name, deleted }`.
 * @internal
 */
export class PollEngine extends sfn.StateMachineFragment {
  /** Describe, create when missing, poll until ready. */
  static createOrReuse(scope: Construct, id: string, props: CreateOrReuseProps): PollEngine {
    return new PollEngine(scope, id, props, Goal.READY, props.create);
  }

  /** `createOrReuse` for a resource whose ARN is `<arnType>/<name>`, the name read from `namePath`. */
  static named(scope: Construct, id: string, namePath: string, props: NamedResourceProps): PollEngine {
    return PollEngine.createOrReuse(scope, id, { ...props, arn: FlowServices.arnAt(props.kind.arnType, namePath), name: namePath });
  }

  /** Create at once when `arn` is empty, otherwise describe it; poll the ARN the create call returned. */
  static createUnnamed(scope: Construct, id: string, props: CreateUnnamedProps): PollEngine {
    return new PollEngine(scope, id, props, Goal.READY, props.create, props.afterCreateRace);
  }

  /** Poll an existing resource until ready, with a ready event. */
  static untilReady(scope: Construct, id: string, props: UntilReadyProps): PollEngine {
    return new PollEngine(scope, id, props, Goal.READY);
  }

  /** Poll an existing resource until ready, without a ready event. */
  static untilReadyQuietly(scope: Construct, id: string, props: UntilReadyProps): PollEngine {
    return new PollEngine(scope, id, props, Goal.READY_QUIETLY);
  }

  /** Delete the resource and poll until it is gone. */
  static untilDeleted(scope: Construct, id: string, props: UntilDeletedProps): PollEngine {
    if (!props.kind.deleteAction || !props.kind.statusField || !props.kind.facts.teardown?.deletableStatuses) {
      throw new Error(`kind must have a deleteAction, a statusField and deletable statuses to be waited out, got: ${props.kind.id}`);
    }
    return new PollEngine(scope, id, props, Goal.DELETED);
  }

  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];
  /** The waits of this loop. */
  readonly schedule: PollSchedule;
  /** The loop's worst case in history events: its poll execution's. */
  readonly worstCaseEvents: number;
  /** The `polling` key whose settings shaped the schedule. */
  readonly pollingKey: string;
  /** The kind it polls. */
  readonly kind: ResourceKind;
  /** The prefix of its state names. */
  readonly label: string;
  /** The exclusive branch it is on, if any (see `PollEngineProps.exclusiveBranch`). */
  readonly exclusiveBranch?: string;

  private readonly slot: string;
  private readonly services: FlowServices;
  private failureEnding?: ExplainAndFail;

  private constructor(
    scope: Construct, id: string, props: PollEngineProps & Partial<UntilReadyProps & UntilDeletedProps>, goal: Goal,
    create?: CreateCall, afterCreateRace?: sfn.IChainable,
  ) {
    super(scope, id);
    const { kind, services } = props;
    const machine = services.pollMachine;
    if (!machine) throw new Error('the poll machine must be built before any poll loop (FlowServices.pollMachine)');
    this.kind = kind;
    this.services = services;
    this.schedule = services.schedule(kind);
    this.pollingKey = kind.pollingKey;
    // A create's quota waits are polls of the same loop (quota-wait.ts): only their one event is on top.
    this.worstCaseEvents = kind.statusField ? this.schedule.polls * eventsPerPollOf(kind) + (create ? QUOTA_REPORT_EVENTS : 0) : 0;
    this.label = props.label ?? kind.label;
    this.exclusiveBranch = props.exclusiveBranch;
    this.slot = `$.${props.slot}`;
    const slot = this.slot;
    const label = this.label;
    // A ready event with fields of the flow's own is the flow's to publish; any other, the poll machine's.
    const readyHere = goal === Goal.READY && props.readyEventFields !== undefined;
    const pollGoal: PollGoal = goal === Goal.DELETED ? 'DELETE' : goal === Goal.READY && !readyHere ? 'READY' : 'QUIET';
    const poll = new tasks.StepFunctionsStartExecution(this, `${label}: Poll`, {
      stateMachine: machine,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      associateWithParent: true,
      input: sfn.TaskInput.fromObject({
        // The kind's facts (its statuses, schedule, bound, errors' prefix) are the poll machine's, found by `i`.
        'v': pollKindNameOf(kind),
        'i': pollKindIndexOf(kind),
        'goal': pollGoal,
        label,
        ...(create !== undefined && kind.deleteAction !== undefined ? { leftover: true } : {}),
        ...(afterCreateRace !== undefined ? { race: true } : {}),
        'arn.$': props.arn,
        'name.$': props.name,
        ...(props.created ? { 'created.$': props.created } : {}),
        ...(props.startAttempts ? { c: { 'n.$': props.startAttempts } } : {}),
        ...(create ? { create: createFunctionPayload(create, true) } : {}),
        'context.$': '$.context',
      }),
      resultSelector: { 'out.$': '$.Output' },
      resultPath: slot,
    });
    poll.addRetry({ errors: ['StepFunctions.ExecutionLimitExceeded', 'StepFunctions.SdkClientException'], maxAttempts: 5, backoffRate: 2 });
    const result = new sfn.Pass(this, `${label}: Polled`, { inputPath: `${slot}.out`, resultPath: slot });
    // The poll machine published the failure's event: fail with its error and cause.
    const outcome = new sfn.Choice(this, `${label}: Outcome?`)
      .when(sfn.Condition.isPresent(`${slot}.out.failure`), new sfn.Fail(this, `${label}: Failed`, {
        errorPath: `${slot}.out.failure.error`, causePath: `${slot}.out.failure.cause`,
      }));
    if (afterCreateRace) outcome.when(sfn.Condition.isPresent(`${slot}.out.race`), afterCreateRace);
    outcome.otherwise(result);
    poll.next(outcome);
    this.startState = poll;
    if (readyHere) {
      const report = services.events.resource(this, `${label}: Report ready`, {
        kind: kind.id, name: `${slot}.name`, arn: `${slot}.arn`, created: `${slot}.created`, ...props.readyEventFields, status: `${slot}.status`,
      });
      result.next(report);
      this.endStates = [report];
    } else if (goal === Goal.DELETED && props.ending) {
      // A shared ending is continued once, by the flow (DeletionEnding.next).
      result.next(props.ending.join);
      this.endStates = [];
    } else {
      this.endStates = [result];
    }
  }

  /** The loop's failure ending, for a flow's own failures about the resource (built when first asked for). */
  get failures(): ExplainAndFail {
    if (!this.failureEnding) {
      const slot = this.slot;
      this.failureEnding = new ExplainAndFail(this, 'Failures', {
        events: this.services.events,
        resultPath: `${slot}.failure`,
        reportName: `${this.label}: Report failure`,
        namePrefix: this.label,
        commonFields: { kind: this.kind.id, name: `${slot}.name`, arn: `${slot}.arn`, created: `${slot}.created` },
      });
    }
    return this.failureEnding;
  }
}
