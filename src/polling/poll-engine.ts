import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { addQuotaWait, QUOTA_REPORT_EVENTS } from './quota-wait';
import { PollSchedule } from '../kinds/poll-schedule';
import { ResourceKind, ResourceOwner } from '../kinds/resource-kind';
import { allSpellings, spellingPatterns } from '../kinds/status-spellings';
import { Explanation, ExplainAndFail } from '../steps/explain-and-fail';
import { FlowServices } from '../steps/flow-services';
import { CreateCall, invokeCreateFunction, RETRY_ERRORS_BESIDE_QUOTA_WAIT } from '../steps/invoke-create-function';
import { personalizeCall } from '../steps/personalize-call';

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
   * The branch of a Choice this loop is on, when one execution runs one such branch only (the tear-down's kinds):
   * the history budget then holds per branch, not for their sum.
   * @default - every execution may run this loop
   */
  readonly exclusiveBranch?: string;
}

/** Props of a wait until an existing resource is ready. @internal */
export interface UntilReadyProps extends PollEngineProps {
  /** A JSONPath that tells whether this execution created the resource. @default false */
  readonly created?: string;
  /** How many times one execution may run this loop, for its worst case in history events. @default 1 */
  readonly repeats?: number;
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
  /**
   * Statuses in which the loop asks for the deletion; in any other status (CREATE PENDING, DELETE PENDING, ...) it waits.
   * @default ['ACTIVE', 'CREATE FAILED'], in every spelling
   */
  readonly deletableStatuses?: string[];
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
 * What every deletion loop of one slot does once the describe or the delete has answered, whatever its kind: the
 * resource is gone (with the DELETED event, or without one when it was gone at the first look), or the delete failed,
 * which ends the flow. The loops keep their kind's label and error prefix in the slot (`about`), so one copy serves
 * them all. Its failure ending serves the loops too, and the flow's own failures.
 * @internal
 */
export class DeletionEnding extends Construct {
  /** Where a describe that answers not found goes. */
  readonly gone: sfn.State;
  /** Where a delete that answers not found goes. */
  readonly reportDeleted: sfn.State;
  /** Where any other error of the delete goes (kept at `<slot>.deleteError`). */
  readonly refused: sfn.State;
  /** The failure ending: the resource's fields are common to every explanation. */
  readonly failures: ExplainAndFail;
  readonly eventFields: { kind: string; name: string; arn: string };
  /** Deleted, or already gone: `<slot>` is then `{ arn, name, deleted }`. */
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, props: DeletionEndingProps) {
    super(scope, id);
    const { services, eventFields } = props;
    const slot = `$.${props.slot}`;
    const named = (name: string) => (props.namePrefix ? `${props.namePrefix}: ${name}` : name);
    this.eventFields = eventFields;
    this.failures = new ExplainAndFail(this, 'Failures', {
      events: services.events,
      resultPath: `${slot}.failure`,
      reportName: named('Report failure'),
      namePrefix: props.namePrefix ?? 'Deletion',
      commonFields: eventFields,
    });
    const deleted = new sfn.Pass(this, named('Deleted'), {
      parameters: { 'arn.$': `${slot}.arn`, 'name.$': `${slot}.name`, 'deleted': true },
      resultPath: slot,
    });
    const alreadyGone = new sfn.Pass(this, named('Already gone'), {
      parameters: { 'arn.$': `${slot}.arn`, 'name.$': `${slot}.name`, 'deleted': false },
      resultPath: slot,
    });
    const reportDeleted = services.events.resource(this, named('Report deleted'), { ...eventFields, status: 'DELETED' });
    reportDeleted.next(deleted);
    this.reportDeleted = reportDeleted;
    // Not found at the first look (and never asked by this loop): nothing to delete, no event.
    this.gone = new sfn.Choice(this, named('Was it there?'))
      .when(sfn.Condition.and(sfn.Condition.numberEquals(`${slot}.attempts`, 0), sfn.Condition.booleanEquals(`${slot}.requested`, false)), alreadyGone)
      .otherwise(reportDeleted);
    const failed = (cause: string) => ({
      ...eventFields,
      status: 'DELETE_FAILED',
      error: `${slot}.deleteError.Error`,
      cause: `States.Format('{} {} ({}) could not be deleted: ${cause}`,
    });
    const error = `States.Format('{}DeleteFailed', ${slot}.about.error)`;
    this.refused = new sfn.Choice(this, named('Delete error has a cause?'))
      .when(sfn.Condition.isPresent(`${slot}.deleteError.Cause`), this.failures.explain(named('Delete failed'), {
        error,
        event: failed(`{}: {}', ${slot}.about.label, ${slot}.name, ${slot}.arn, ${slot}.deleteError.Error, ${slot}.deleteError.Cause)`),
      }))
      .otherwise(this.failures.explain(named('Delete failed, no cause'), {
        error,
        event: failed(`{}', ${slot}.about.label, ${slot}.name, ${slot}.arn, ${slot}.deleteError.Error)`),
      }));
    this.endStates = [deleted, alreadyGone];
  }

  /** Continues every loop that ends here with `next`. */
  next(next: sfn.IChainable): void {
    for (const end of this.endStates) end.next(next);
  }
}

/** DATASET_IMPORT_JOB → DatasetImportJob: errors are DatasetImportJobFailed, DatasetImportJobTimeout, ... @internal */
export function errorPrefix(kind: ResourceKind): string {
  return kind.id.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}

/** Whether the status at `path` is one of `statuses`, in any spelling: one condition per status (see spellingPatterns). */
function statusIsOneOf(path: string, statuses: readonly string[]): sfn.Condition {
  const conditions = spellingPatterns(statuses).map((p) => (p.includes('*') ? sfn.Condition.stringMatches(path, p) : sfn.Condition.stringEquals(path, p)));
  return conditions.length === 1 ? conditions[0] : sfn.Condition.or(...conditions);
}

/** How the engine ends: ready (with or without its event), or deleted. */
enum Goal { READY, READY_QUIETLY, DELETED }

/**
 * The one poll engine of the pipeline: a describe on a schedule computed at synth time (short first waits, growing
 * with the resource's age to a cap), an attempt counter that ends the loop in a timeout after `schedule.polls`
 * polls, and one explain-and-fail that publishes an event for every way the loop can fail. Its worst case in
 * history events is known (`worstCaseEvents`); `createFlowStateMachine` checks every engine of a state machine
 * against one history budget.
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
 * Every path the loop reads is checked for presence first, so no input makes it fail with an uncatchable
 * States.Runtime error.
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
    if (!props.kind.deleteAction || !props.kind.statusField) {
      throw new Error(`kind must have a deleteAction and a statusField to be waited out, got: ${props.kind.id}`);
    }
    return new PollEngine(scope, id, props, Goal.DELETED);
  }

  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];
  /** The waits of this loop. */
  readonly schedule: PollSchedule;
  /** The loop's worst case in one execution, in history events. */
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
  private readonly errorName: string;
  /** The loop's failure ending; a flow may end its own failures there too (with its own explanation). */
  readonly failures: ExplainAndFail;
  private readonly services: FlowServices;
  private readonly eventFields: { kind: string; name: string; arn: string; created: string };

  private constructor(
    scope: Construct, id: string, props: PollEngineProps & Partial<UntilReadyProps & UntilDeletedProps>, goal: Goal,
    create?: CreateCall, afterCreateRace?: sfn.IChainable,
  ) {
    super(scope, id);
    const { kind, services } = props;
    this.kind = kind;
    this.services = services;
    this.schedule = services.schedule(kind);
    this.pollingKey = kind.pollingKey;
    // A create's quota waits are polls of the same loop (quota-wait.ts): only their one event is on top.
    this.worstCaseEvents = kind.statusField ? this.schedule.worstCaseEvents * (props.repeats ?? 1) + (create ? QUOTA_REPORT_EVENTS : 0) : 0;
    this.label = props.label ?? kind.label;
    this.exclusiveBranch = props.exclusiveBranch;
    this.slot = `$.${props.slot}`;
    this.errorName = errorPrefix(kind);
    this.eventFields = { kind: kind.id, name: `${this.slot}.name`, arn: `${this.slot}.arn`, created: `${this.slot}.created` };
    if (goal === Goal.DELETED) {
      const ending = props.ending ?? new DeletionEnding(this, 'Ending', {
        services, slot: props.slot, eventFields: { kind: kind.id, name: `${this.slot}.name`, arn: `${this.slot}.arn` }, namePrefix: this.label,
      });
      this.failures = ending.failures;
      this.startState = this.untilDeleted(props, ending);
      // A shared ending is continued once, by the flow (DeletionEnding.next).
      this.endStates = props.ending ? [] : ending.endStates;
      return;
    }
    this.failures = new ExplainAndFail(this, 'Failures', {
      events: services.events, resultPath: `${this.slot}.failure`, reportName: `${this.label}: Report failure`, namePrefix: this.label, commonFields: this.eventFields,
    });
    const { start, ends } = this.untilReady(props, goal === Goal.READY, create, afterCreateRace);
    this.startState = start;
    this.endStates = ends;
  }

  /** describe → (not found → create) → status: ready, failed, timed out, or wait and describe again. */
  private untilReady(
    props: Partial<UntilReadyProps>, reportReady: boolean, create?: CreateCall, afterCreateRace?: sfn.IChainable,
  ): { start: sfn.State; ends: sfn.INextable[] } {
    const { kind, services } = this;
    const { slot, label } = this;
    const status = kind.statusField ? `${slot}.description.${kind.statusField}` : undefined;
    const start = new sfn.Pass(this, `${label}: Start`, {
      parameters: {
        'arn.$': props.arn!,
        'name.$': props.name!,
        ...(props.startAttempts ? { 'attempts.$': props.startAttempts } : { attempts: 0 }),
        'lastStatus': 'NONE',
        ...(props.created ? { 'created.$': props.created } : { created: false }),
      },
      resultPath: slot,
    });
    const describe = this.describe();
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
    const reportReadyState = reportReady
      ? services.events.resource(this, `${label}: Report ready`, { ...this.eventFields, ...props.readyEventFields, status: status ?? 'ACTIVE' })
      : undefined;
    reportReadyState?.next(ready);

    const poll = status ? this.pollUntilReady(status, describe, ready, reportReadyState, create !== undefined) : undefined;
    if (!poll) {
      // Without a status (schemas), the describe is all: the resource exists.
      describe.next(reportReadyState ?? ready);
    }

    if (create) {
      const createTask = invokeCreateFunction(this, `${label}: Create`, services, create, {
        resultPath: `${slot}.createResult`, retryErrors: RETRY_ERRORS_BESIDE_QUOTA_WAIT, quotaTurn: true,
      });
      // Refused for a quota: wait for a slot and create again, each wait one attempt of this loop.
      addQuotaWait(this, createTask, {
        kind,
        services,
        label,
        at: slot,
        keep: { 'arn.$': `${slot}.arn`, 'name.$': `${slot}.name`, 'created.$': `${slot}.created`, 'lastStatus.$': `${slot}.lastStatus` },
        counter: 'attempts',
        limit: this.schedule.polls,
        eventFields: this.eventFields,
        explain: (what, explanation) => this.explain(what, explanation),
        errorName: this.errorName,
      });
      const markCreated = afterCreateRace
        ? new sfn.Pass(this, `${label}: Created`, {
          parameters: { 'arn.$': `${slot}.createResult.arn`, 'name.$': `${slot}.name`, 'attempts.$': `${slot}.attempts`, 'lastStatus.$': `${slot}.lastStatus`, 'created': true },
          resultPath: slot,
        })
        : new sfn.Pass(this, `${label}: Created`, { result: sfn.Result.fromBoolean(true), resultPath: `${slot}.created` });
      createTask.next(markCreated).next(describe);
      // Another execution created it between our describe and our create: continue with that one (after the owner
      // check), describing it once more; a create that keeps answering "already exists" then ends the flow instead
      // of looping. Kinds whose ARN is not derived from the name look it up their own way.
      createTask.addCatch(afterCreateRace ?? describe, { errors: ['ResourceAlreadyExistsException'], resultPath: `${slot}.createRace` });
      // Not found: a resource this execution created may not be visible yet (a describe right after a create: strict
      // reading), and is waited for until the schedule ends; a failed leftover this loop deleted is created again.
      const notFound = new sfn.Choice(this, `${label}: Not found`);
      if (!afterCreateRace) {
        notFound.when(sfn.Condition.isPresent(`${slot}.createRace`), this.explain('Conflict', {
          error: `${this.errorName}Conflict`,
          event: { ...this.eventFields, status: 'CONFLICT', cause: `States.Format('${kind.label} {} cannot be created: {}', ${slot}.name, ${slot}.createRace.Cause)` },
        }));
      }
      const vanished = this.explain('Vanished', {
        error: `${this.errorName}Failed`,
        event: {
          ...this.eventFields,
          status: 'NOT_FOUND',
          cause: `States.Format('${kind.label} {} ({}) was created by this execution but is not found after {} polls', ${slot}.name, ${slot}.arn, ${slot}.attempts)`,
        },
      });
      const created = sfn.Condition.booleanEquals(`${slot}.created`, true);
      if (poll) notFound.when(sfn.Condition.and(created, sfn.Condition.numberLessThan(`${slot}.attempts`, this.schedule.polls)), poll.noStatus);
      notFound.when(created, vanished).otherwise(createTask);
      describe.addCatch(notFound, { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.lookup` });
      if (afterCreateRace) {
        start.next(new sfn.Choice(this, `${label}: Exists?`)
          .when(sfn.Condition.stringEquals(`${slot}.arn`, ''), createTask)
          .otherwise(describe));
        return { start, ends: [ready] };
      }
    }
    start.next(describe);
    return { start, ends: [ready] };
  }

  /** The status Choice and the wait: ready, failed, timed out, or wait and describe again. */
  private pollUntilReady(
    status: string, describe: tasks.CallAwsService, ready: sfn.State, reportReady: sfn.State | undefined, creates: boolean,
  ): { noStatus: sfn.State } {
    const { kind, services, slot, label, errorName, eventFields } = this;
    const next = this.nextAttempt({ 'created.$': `${slot}.created`, 'lastStatus.$': status }, describe);
    // A describe without the status yet (an update just requested, a resource just created) counts as status NONE,
    // so one Pass (and one copy of the schedule) serves every poll.
    const noStatus = new sfn.Pass(this, `${label}: No status`, {
      result: sfn.Result.fromObject(kind.statusField!.split('.').reverse().reduce<unknown>((inner, key) => ({ [key]: inner }), 'NONE') as Record<string, unknown>),
      resultPath: `${slot}.description`,
    });
    noStatus.next(next);
    const limit = sfn.Condition.numberGreaterThanEquals(`${slot}.attempts`, this.schedule.polls);
    const hasStatus = sfn.Condition.isPresent(status);
    const isOneOf = (values: string[]) => statusIsOneOf(status, values);
    const changed = sfn.Condition.not(sfn.Condition.stringEqualsJsonPath(status, `${slot}.lastStatus`));
    const pollLimit = `after {} polls over ${this.schedule.settings.timeout.toHumanString()}`;

    const decide = new sfn.Choice(this, `${label}: Status?`);
    if (kind.owner) this.ownerCheck(kind.owner, decide);
    decide
      .when(sfn.Condition.and(sfn.Condition.not(hasStatus), limit), this.explain('Timed out, no status', {
        error: `${errorName}Timeout`,
        event: { ...eventFields, status: 'TIMED_OUT', cause: `States.Format('${kind.label} {} ({}) showed no status after {} polls', ${slot}.name, ${slot}.arn, ${slot}.attempts)` },
      }))
      .when(sfn.Condition.not(hasStatus), noStatus);
    if (kind.failedStatuses.length > 0) {
      // One test of the failed statuses; how the loop goes on is decided after it, on the failure path only.
      const failedHow = new sfn.Choice(this, `${label}: Failed how?`);
      decide.when(isOneOf(kind.failedStatuses), failedHow);
      if (kind.deleteAction && creates) {
        // A resource an earlier run left failed keeps its name taken: delete it, wait until it is gone (the describe
        // answers not found), and create it again. One this run created is not retried.
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
        failedHow.when(sfn.Condition.booleanEquals(`${slot}.created`, false), reportDeletion);
      }
      const reasonPath = `${slot}.description.${kind.failureReasonField}`;
      const explainFailure = this.explain('Failed', {
        error: `${errorName}Failed`,
        event: {
          ...eventFields,
          status,
          failureReason: reasonPath,
          cause: `States.Format('${kind.label} {} ({}) is {}: {}', ${slot}.name, ${slot}.arn, ${status}, ${reasonPath})`,
        },
      });
      // The status's object is there (its Status is), so the reason can be written beside it.
      const noReason = new sfn.Pass(this, `${label}: No reason`, { result: sfn.Result.fromString('The service gave no failureReason'), resultPath: reasonPath });
      noReason.next(explainFailure);
      failedHow.when(sfn.Condition.isPresent(reasonPath), explainFailure).otherwise(noReason);
    }
    // Ready ends the loop at the first status that is ready, so that status is always new (lastStatus holds the one
    // before): the ready event needs no test of its own.
    const isReady = isOneOf(kind.readyStatuses);
    const reportStatus = services.events.resource(this, `${label}: Report status`, { ...eventFields, status });
    reportStatus.next(next);
    decide
      .when(isReady, reportReady ?? ready)
      .when(limit, this.explain('Timed out', {
        error: `${errorName}Timeout`,
        event: {
          ...eventFields,
          status: 'TIMED_OUT',
          cause: `States.Format('${kind.label} {} ({}) is still {} ${pollLimit}; raise the poll timeout of this kind or look at the resource', ${slot}.name, ${slot}.arn, ${status}, ${slot}.attempts)`,
        },
      }))
      .when(changed, reportStatus)
      .otherwise(next);
    describe.next(decide);
    return { noStatus };
  }

  /**
   * A resource found by its name (not created by this execution) must belong to this execution's parent; otherwise
   * the flow stops. Checked once, at the first describe, as the status Choice's first rule.
   */
  private ownerCheck(owner: ResourceOwner, decide: sfn.Choice): void {
    const { slot, label, errorName, eventFields } = this;
    const field = `${slot}.description.${owner.field}`;
    const expected = `$.context.${owner.expected}`;
    const conflict = this.explain('Owned elsewhere', {
      error: `${errorName}Conflict`,
      event: {
        ...eventFields,
        status: 'CONFLICT',
        owner: `${slot}.owner.value`,
        expectedOwner: expected,
        cause: `States.Format('${label} {} ({}) belongs to ${owner.label} {}, not to ${owner.label} {} of this config: names are unique per account and region, so another ${owner.label}\\'s resource is never adopted; give this one another name', ${slot}.name, ${slot}.arn, ${slot}.owner.value, ${expected})`,
      },
    });
    const read = new sfn.Pass(this, `${label}: Read owner`, {
      parameters: { 'value.$': owner.segment === undefined ? field : `States.ArrayGetItem(States.StringSplit(${field}, '/'), ${owner.segment})` },
      resultPath: `${slot}.owner`,
    });
    read.next(new sfn.Choice(this, `${label}: Owned by this ${owner.label}?`)
      .when(sfn.Condition.stringEqualsJsonPath(`${slot}.owner.value`, expected), decide)
      .otherwise(conflict));
    decide.when(sfn.Condition.and(
      sfn.Condition.numberEquals(`${slot}.attempts`, 0),
      sfn.Condition.booleanEquals(`${slot}.created`, false),
      sfn.Condition.not(sfn.Condition.isPresent(`${slot}.owner`)),
      sfn.Condition.isPresent(field),
    ), read);
  }

  /**
   * describe → not found (gone) | deletable (delete, then poll) | anything else (wait) → describe again, until the
   * describe answers `Personalize.ResourceNotFoundException`, which is how every Describe* reports a deleted resource
   * (API reference, each Describe* action: Errors; DELETE PENDING > DELETE IN_PROGRESS come before it). A delete the
   * service refuses with ResourceInUseException (a child still being deleted, an import or training under way, an
   * update in progress: API reference, each Delete* action: Errors) is asked again at the next poll; any other error
   * of the delete ends in a DELETE_FAILED event and a Fail state that names the resource and carries the service's
   * message. DELETED is published when the resource it saw is gone; a resource already gone at the first describe
   * ends the loop without an event, so a second run finds nothing. Those ends are the DeletionEnding's, which loops of
   * other kinds may share.
   */
  private untilDeleted(props: Partial<UntilDeletedProps>, ending: DeletionEnding): sfn.State {
    const { kind, slot, label, errorName } = this;
    const status = `${slot}.description.${kind.statusField}`;
    const deletable = props.deletableStatuses ?? allSpellings(['ACTIVE', 'CREATE FAILED']);
    const start = new sfn.Pass(this, `${label}: Start`, {
      parameters: {
        'arn.$': props.arn!,
        'name.$': props.name!,
        'attempts': 0,
        'requested': false,
        'refusal': 'none',
        'about': { label: kind.label, error: errorName },
      },
      resultPath: slot,
    });
    const describe = this.describe();
    const next = this.nextAttempt({ 'requested.$': `${slot}.requested`, 'refusal.$': `${slot}.refusal`, 'about.$': `${slot}.about` }, describe);
    const remove = personalizeCall(this, `${label}: Delete`, {
      action: kind.deleteAction!,
      parameters: { [kind.arnParameter]: sfn.JsonPath.stringAt(`${slot}.arn`) },
      arnType: kind.arnType,
      resultPath: sfn.JsonPath.DISCARD,
    });
    const requested = new sfn.Pass(this, `${label}: Requested`, { result: sfn.Result.fromBoolean(true), resultPath: `${slot}.requested` });
    requested.next(next);
    // Refused while busy: asked again at the next poll; the last refusal goes into the timeout's cause.
    const busy = new sfn.Choice(this, `${label}: In use`)
      .when(sfn.Condition.isPresent(`${slot}.deleteError.Cause`), new sfn.Pass(this, `${label}: Refused`, {
        inputPath: `${slot}.deleteError.Cause`, resultPath: `${slot}.refusal`,
      }).next(next))
      .otherwise(new sfn.Pass(this, `${label}: Refused, no cause`, {
        result: sfn.Result.fromString('ResourceInUseException'), resultPath: `${slot}.refusal`,
      }).next(next));

    describe.addCatch(ending.gone, { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.lookup` });
    remove.addCatch(ending.reportDeleted, { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.deleteError` });
    remove.addCatch(busy, { errors: ['Personalize.ResourceInUseException'], resultPath: `${slot}.deleteError` });
    remove.addCatch(ending.refused, { errors: ['States.ALL'], resultPath: `${slot}.deleteError` });
    remove.next(requested);

    const timedOut = this.explain('Timed out', {
      error: `${errorName}DeleteTimeout`,
      event: {
        ...ending.eventFields,
        status: 'TIMED_OUT',
        cause: `States.Format('${kind.label} {} ({}) is not gone after {} polls over ${this.schedule.settings.timeout.toHumanString()} (last refusal: {}); raise polling.${kind.pollingKey}.timeout or look at the resource', ${slot}.name, ${slot}.arn, ${slot}.attempts, ${slot}.refusal)`,
      },
    });
    const isOneOf = (values: string[]) => statusIsOneOf(status, values);
    describe.next(new sfn.Choice(this, `${label}: Deletable?`)
      .when(sfn.Condition.numberGreaterThanEquals(`${slot}.attempts`, this.schedule.polls), timedOut)
      // A describe without its status is waited out like a pending one.
      .when(sfn.Condition.not(sfn.Condition.isPresent(status)), next)
      .when(sfn.Condition.and(isOneOf(deletable), sfn.Condition.booleanEquals(`${slot}.requested`, false)), remove)
      .otherwise(next));
    start.next(describe);
    return start;
  }

  /** The describe call of the resource, its response under `$.<slot>.description`. */
  private describe(): tasks.CallAwsService {
    const { kind, slot, label } = this;
    return personalizeCall(this, `${label}: Describe`, {
      action: kind.describeAction,
      parameters: { [kind.arnParameter]: sfn.JsonPath.stringAt(`${slot}.arn`) },
      arnType: kind.arnType,
      resultPath: `${slot}.description`,
    });
  }

  /**
   * The attempt counter and the wait of this attempt, then `describe` again. The status Choice times out before the
   * index passes the schedule's end. `keep` are the loop's own fields carried from one poll to the next.
   */
  private nextAttempt(keep: Record<string, string>, describe: sfn.IChainable): sfn.Pass {
    const { slot, label } = this;
    const next = new sfn.Pass(this, `${label}: Next poll`, {
      parameters: {
        'arn.$': `${slot}.arn`,
        'name.$': `${slot}.name`,
        ...keep,
        'attempts.$': `States.MathAdd(${slot}.attempts, 1)`,
        'wait.$': `States.StringToJson(States.ArrayGetItem(States.StringSplit('${this.schedule.literal}', ','), ${slot}.attempts))`,
      },
      resultPath: slot,
    });
    next.next(new sfn.Wait(this, `${label}: Wait`, { time: sfn.WaitTime.secondsPath(`${slot}.wait`) })).next(describe);
    return next;
  }

  /** One way this loop fails (`what` names it): an explanation that leads to the loop's one report and Fail state. */
  private explain(what: string, explanation: Explanation): sfn.Pass {
    return this.failures.explain(`${this.label}: ${what}`, explanation);
  }
}
