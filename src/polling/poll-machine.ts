import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { createFlowStateMachine, StateMachineSettings } from './flow-state-machine';
import { addQuotaWait, quotaNeverFreedByWaiting } from './quota-wait';
import { EVENTS_PER_POLL, EVENTS_PER_STATE } from '../kinds/poll-schedule';
import { creationKindOf, errorPrefix, PollKindName, readsLatestUpdate, RESOURCE_KINDS, ResourceKind } from '../kinds/resource-kind';
import { allSpellings } from '../kinds/status-spellings';
import { ExplainAndFail, Explanation } from '../steps/explain-and-fail';
import { FlowServices } from '../steps/flow-services';
import { RETRY_ERRORS_BESIDE_QUOTA_WAIT } from '../steps/invoke-create-function';
import { PERSONALIZE_RETRY, PERSONALIZE_TRANSIENT_ERRORS, personalizeCall } from '../steps/personalize-call';
import { StatusEvents } from '../steps/status-events';

/**
 * Where the poll machine reads the flow execution it works for, for its events: the field `associateWithParent` adds
 * to a child's input (Step Functions developer guide, "Start a new AWS Step Functions state machine from a running
 * execution"). @internal
 */
export const FLOW_EXECUTION = '$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID';

/** How a poll ends: ready (the poll machine publishes the ready event, or not), or deleted. @internal */
export type PollGoal = 'READY' | 'QUIET' | 'DELETE';

/** Props of the poll machine. @internal */
export interface PollMachineProps {
  readonly services: FlowServices;
  readonly settings: StateMachineSettings;
}

/** The key of a kind in RESOURCE_KINDS: which of the poll machine's kinds a loop is. @internal */
export function pollKindNameOf(kind: ResourceKind): PollKindName {
  const found = (Object.entries(RESOURCE_KINDS) as Array<[PollKindName, ResourceKind]>).find(([, k]) => k === kind);
  if (!found) throw new Error(`the poll machine polls the kinds of RESOURCE_KINDS only, got: ${kind.id} (${kind.label})`);
  return found[0];
}

/** The index of a kind in RESOURCE_KINDS: where the poll machine finds the kind's facts (`i` of its input). @internal */
export function pollKindIndexOf(kind: ResourceKind): number {
  return Object.keys(RESOURCE_KINDS).indexOf(pollKindNameOf(kind));
}

/**
 * History events of one poll of the kind: EVENTS_PER_POLL, and for an update's wait the Choice and the Pass that read
 * the latest update.
 * @internal
 */
export function eventsPerPollOf(kind: ResourceKind): number {
  return EVENTS_PER_POLL + (readsLatestUpdate(kind) ? 2 * EVENTS_PER_STATE : 0);
}

/** The kinds that share a describe with one whose default timeout is at least this long poll on a loop of their own (see addCalls). */
const LONG_WAIT = Duration.hours(12);

/** What a delete answers while the resource is busy (API reference, each Delete*: ResourceInUseException). */
const IN_USE = 'Personalize.ResourceInUseException';

/** What never matches a status: pads a kind's status lists to the length the shared Choice compares. */
const NO_STATUS = '-';

/** Where the describe's answer is, once the kind's own states have made it the same for every kind. */
const DESCRIBED = {
  /** The resource (or, for an update's wait, its latest update): its status, failure reason and owner. */
  object: '$.d.x',
  status: '$.d.x.Status',
  /** The describe's answer as the service gave it, for the flow (`description`). */
  response: '$.d.r',
};

/**
 * The initial values of a loop's own fields, and what a flow's input leaves out when false: it overrides them (a
 * created resource, the attempts spent, a create whose failed leftover is deleted, an unnamed kind's race).
 */
const LOOP_START = {
  created: false, c: { n: 0 }, lastStatus: 'NONE', requested: false, refusal: 'none', leftover: false, race: false, hasOwner: false, endsReady: false,
};

/** The deletion's steps every deletable kind shares. */
interface DeletionSteps {
  /** Not found at the describe: gone, with its DELETED event unless it was gone at the first look. */
  readonly gone: sfn.State;
  /** Not found at the delete: reported deleted. */
  readonly reportDeleted: sfn.State;
  /** Any other error of the delete: it fails. */
  readonly refused: sfn.State;
  /** ResourceInUseException: asked again at the next poll. */
  readonly inUse: sfn.State;
  /** Asked: the next poll. */
  readonly requested: sfn.State;
  /** Not gone within the schedule. */
  readonly timedOut: sfn.State;
}

/** The steps every kind shares, which each kind's own states (its describe, its delete calls) lead to. */
interface SharedSteps {
  readonly ready: sfn.State;
  /** A kind without a status (schemas): the describe is all. */
  readonly readyWithoutStatus: sfn.State;
  readonly reportStatus: sfn.State;
  readonly noStatus: sfn.State;
  /** Any other error of a call, returned as the failure. */
  readonly unexpected: sfn.State;
  readonly create: sfn.State;
  readonly notFound: sfn.State;
  readonly ownedElsewhere: sfn.State;
  readonly failedHow: sfn.State;
  readonly timedOutWithoutStatus: sfn.State;
  readonly timedOut: sfn.State;
  readonly deletion: DeletionSteps;
  /** Where each of the kinds' calls goes on an error it does not catch by name. */
  readonly callErrors: CallErrors;
}

/** Where a call's error goes: retried after a wait when transient (as a Retry would), otherwise the call's own ending. */
interface CallErrors {
  readonly describe: sfn.State;
  readonly delete: sfn.State;
  readonly leftover: sfn.State;
}

/** The kinds of long waits that poll on a loop of their own, and its first state. */
interface OwnLoop {
  readonly kinds: sfn.Condition;
  readonly nextPoll: sfn.State;
}

/** A kind's facts, as the poll machine reads them from its table (see PollMachine). */
interface PollKindFacts {
  readonly kind: string;
  readonly error: string;
  readonly pollingKey: string;
  readonly timeout: string;
  readonly polls: number;
  readonly neverFreed: boolean;
  /** Whether a resource found by its name must belong to the run's parent (false when left out). */
  readonly hasOwner?: true;
  /** Ready, failed and deletable statuses in every spelling, padded with NO_STATUS (deletable left out when none). */
  readonly ok: string[];
  readonly bad: string[];
  readonly del?: string[];
  /** Whether `bad` ends the wait as ready: a wait that waits out whatever end (false when left out). */
  readonly endsReady?: true;
  /** The schedule's literal, as a DefinitionSubstitution. */
  readonly sched: string;
}

/**
 * The one poll engine, as one state machine per pipeline: every poll loop of every flow starts it
 * (`startExecution.sync:2`, see PollEngine) with its kind, the resource and what to do (create when missing, wait
 * until ready, delete and wait until gone), so the template holds each loop once, not once per use.
 *
 * Per kind it holds only the calls: the describe (whose answer it puts in one shape: `d.x` the resource or its latest
 * update, `d.r` the answer as given) and the delete calls. What differs otherwise between kinds is data, in one table
 * in the definition (the `Kinds` state, built from RESOURCE_KINDS): statuses that end the wait, fail it or allow a
 * delete, the schedule, the bound, the errors' prefix. The status Choice, the schedule's Pass and Wait, the create
 * with its quota waits, the owner check, every explanation, report and ending are shared; a Choice on the kind leads
 * back to the kind's own calls. It never fails for a resource's sake: a failure is published (one explain → report)
 * and returned as `{ failure: { error, cause } }`, and the flow that started it fails with that error and cause.
 *
 * Input (PollEngine builds it): `v` (the kind's key in RESOURCE_KINDS) and `i` (its index), `goal`, `label`,
 * `leftover` and `race` when true, `arn`, `name`, `created` and `c: { n }` (attempts so far) when not the defaults, `create` (the
 * create function's payload, when it creates), `context`, and the flow execution `associateWithParent` adds (for
 * events). Output: `{ arn, name, created, status, description }` when ready, `{ arn, name, deleted }` when deleted,
 * `{ race: true }` when an unnamed kind's create met another's, or `{ failure }`.
 * @internal
 */
export class PollMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  private readonly services: FlowServices;
  private readonly failures: ExplainAndFail;
  private readonly events: StatusEvents;
  private readonly deletionFailures: ExplainAndFail;
  private readonly describeDispatch: sfn.Choice;
  private readonly ownerDispatch: sfn.Choice;
  private readonly deleteDispatch: sfn.Choice;
  /** The status Choice every kind shares. */
  private readonly decide: sfn.Choice;
  /** The next poll: count the attempt, read the wait from the kind's schedule, wait, describe again. */
  private readonly nextPoll: sfn.Pass;
  private readonly shared: SharedSteps;
  /** Each distinct schedule's literal, written once as a DefinitionSubstitution (`${Schedule0}`) for the kinds that share it. */
  private readonly schedules = new Map<string, string>();
  /** The fields every event names, and those of the deletion's events (no `created`). */
  private readonly fields = { kind: '$.kind', name: '$.name', arn: '$.arn', created: '$.created' };
  private readonly deletionFields = { kind: '$.kind', name: '$.name', arn: '$.arn' };

  constructor(scope: Construct, id: string, props: PollMachineProps) {
    super(scope, id);
    const services = props.services;
    this.services = services;
    const events = services.events.onBehalfOfFlowAt(FLOW_EXECUTION);
    this.events = events;
    const fields = this.fields;
    this.failures = new ExplainAndFail(this, 'Failures', {
      events, resultPath: '$.failure', reportName: 'Report failure', namePrefix: 'Poll', commonFields: fields, returnFailure: true,
    });
    this.deletionFailures = new ExplainAndFail(this, 'DeletionFailures', {
      events, resultPath: '$.failure', reportName: 'Report deletion failure', namePrefix: 'Deletion', commonFields: this.deletionFields, returnFailure: true,
    });
    this.describeDispatch = new sfn.Choice(this, 'Describe which kind?');
    this.ownerDispatch = new sfn.Choice(this, 'Owner of which kind?');
    this.deleteDispatch = new sfn.Choice(this, 'Delete which kind?');
    this.decide = new sfn.Choice(this, 'Status?');
    this.nextPoll = this.pollAgain('', this.describeDispatch);

    // The steps every kind shares, each built from the ones it leads to (see SharedSteps).
    const unexpected = this.unexpected();
    const ends = this.ends(fields);
    const deletion = this.deletion();
    const create = this.create(fields, unexpected);
    this.shared = {
      ...ends,
      unexpected,
      create,
      deletion,
      callErrors: this.transientRetries(unexpected, deletion.refused),
      notFound: this.notFound(fields, { create, gone: deletion.gone, unexpected, noStatus: ends.noStatus }),
      ownedElsewhere: this.ownerCheck(fields),
      failedHow: this.failedHow(fields, ends.ready),
      timedOutWithoutStatus: this.explain('Timed out, no status', {
        error: "States.Format('{}Timeout', $.error)",
        event: { ...fields, status: 'TIMED_OUT', cause: "States.Format('{} {} ({}) showed no status after {} polls', $.label, $.name, $.arn, $.c.n)" },
      }),
      timedOut: this.explain('Timed out', {
        error: "States.Format('{}Timeout', $.error)",
        event: {
          ...fields,
          status: 'TIMED_OUT',
          cause: "States.Format('{} {} ({}) is still {} after {} polls over {}; raise the poll timeout of this kind or look at the resource', $.label, $.name, $.arn, $.status, $.c.n, $.timeout)",
        },
      }),
    };

    const kinds = Object.entries(RESOURCE_KINDS) as Array<[PollKindName, ResourceKind]>;
    const table = kinds.map(([, kind]) => this.factsOf(kind));
    const longest = (list: (f: PollKindFacts) => string[]) => Math.max(1, ...table.map((f) => list(f).length));
    const width = { ok: longest((f) => f.ok), bad: longest((f) => f.bad), del: longest((f) => f.del ?? []) };
    const padded = table.map((f) => ({
      ...f, ok: pad(f.ok, width.ok), bad: pad(f.bad, width.bad), ...(f.del ? { del: pad(f.del, width.del) } : {}),
    }));
    this.statusChoice(width, this.addCalls(kinds));
    const unknown = new sfn.Fail(this, 'Unknown kind', { error: 'UnknownPollKind', cause: 'v must name a kind of RESOURCE_KINDS' });
    for (const dispatch of [this.describeDispatch, this.deleteDispatch]) dispatch.otherwise(unknown);
    this.ownerDispatch.otherwise(this.shared.ownedElsewhere);

    // The kind's facts from the table, under the flow's input (which names the kind by its index `i`).
    const begin = new sfn.Pass(this, 'Kinds', { parameters: { 'all': padded, 'start': LOOP_START, 'in.$': '$' } });
    begin.next(new sfn.Pass(this, 'Kind facts', {
      parameters: { 'm.$': 'States.JsonMerge(States.JsonMerge($.start, States.ArrayGetItem($.all, $.in.i), false), $.in, false)' },
      outputPath: '$.m',
    })).next(new sfn.Choice(this, 'Create at once?')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.create'), sfn.Condition.stringEquals('$.arn', '')), this.shared.create)
      .otherwise(this.describeDispatch));
    const substitutions = Object.fromEntries([...this.schedules].map(([literal, name]) => [name, literal]));
    this.stateMachine = createFlowStateMachine(
      this, 'StateMachine', begin, props.settings, 'personalize-mlops: poll one resource (every poll loop of the flows)', this, substitutions,
    );
  }

  /** A kind's row of the table: what the shared states read instead of holding per kind. */
  private factsOf(kind: ResourceKind): PollKindFacts {
    const schedule = this.services.schedule(kind);
    const deletable = kind.deleteAction ? kind.facts.teardown?.deletableStatuses : undefined;
    const creationFailed = creationKindOf(kind.facts).failedStatuses;
    const endsOnFailure = kind.failedStatuses.length === 0 ? kind.readyStatuses.filter((status) => creationFailed.includes(status)) : [];
    return {
      kind: kind.id,
      error: errorPrefix(kind),
      pollingKey: kind.pollingKey,
      timeout: schedule.settings.timeout.toHumanString(),
      polls: schedule.polls,
      neverFreed: quotaNeverFreedByWaiting(kind),
      ...(kind.owner ? { hasOwner: true } : {}),
      // A wait that ends ready on what the kind's creation calls failed (a training waited out) lists those as `bad`.
      ok: kind.readyStatuses.filter((status) => !endsOnFailure.includes(status)),
      bad: endsOnFailure.length > 0 ? endsOnFailure : kind.failedStatuses,
      ...(endsOnFailure.length > 0 ? { endsReady: true } : {}),
      ...(deletable ? { del: allSpellings(deletable) } : {}),
      sched: `\${${this.scheduleName(schedule.literal)}}`,
    };
  }

  /**
   * The status Choice every kind shares, on the describe's answer in one shape: first a deletion's, then the owner at
   * the first look, a missing status, failed, ready, the bound, a new status; else the next poll: the kinds' own loop
   * for those that have one (see addCalls), the shared one for the others.
   */
  private statusChoice(width: { ok: number; bad: number; del: number }, ownLoops: OwnLoop[]): void {
    const status = DESCRIBED.status;
    const hasStatus = sfn.Condition.isPresent(status);
    const limit = sfn.Condition.numberGreaterThanEqualsJsonPath('$.c.n', '$.polls');
    const copyStatus = (what: string, to: string, then: sfn.IChainable) =>
      new sfn.Pass(this, what, { inputPath: status, resultPath: to }).next(then);
    const shared = this.shared;
    this.decide
      .when(sfn.Condition.stringEquals('$.goal', 'DELETE'), new sfn.Choice(this, 'Deletable?')
        .when(limit, shared.deletion.timedOut)
        // A describe without its status is waited out like a pending one.
        .when(sfn.Condition.not(hasStatus), this.nextPoll)
        .when(sfn.Condition.and(statusIn('$.del', width.del), sfn.Condition.booleanEquals('$.requested', false)), this.deleteDispatch)
        .otherwise(this.nextPoll))
      .when(sfn.Condition.and(
        sfn.Condition.numberEquals('$.c.n', 0),
        sfn.Condition.booleanEquals('$.created', false),
        sfn.Condition.not(sfn.Condition.isPresent('$.owner')),
        sfn.Condition.booleanEquals('$.hasOwner', true),
      ), this.ownerDispatch)
      .when(sfn.Condition.and(sfn.Condition.not(hasStatus), limit), shared.timedOutWithoutStatus)
      .when(sfn.Condition.not(hasStatus), shared.noStatus)
      .when(statusIn('$.bad', width.bad), new sfn.Pass(this, 'Failed status', {
        parameters: {
          'status.$': status,
          'about.$': `States.JsonMerge(States.StringToJson('{"FailureReason":"The service gave no failureReason"}'), ${DESCRIBED.object}, false)`,
        },
        resultPath: '$.now',
      }).next(shared.failedHow))
      // Ready ends the loop at the first status that is ready, so that status is always new: no test of its own.
      .when(statusIn('$.ok', width.ok), copyStatus('Ready status', '$.status', shared.ready))
      .when(limit, copyStatus('Limit', '$.status', shared.timedOut))
      .when(sfn.Condition.not(sfn.Condition.stringEqualsJsonPath(status, '$.lastStatus')), copyStatus('Changed', '$.lastStatus', shared.reportStatus));
    for (const { kinds, nextPoll } of ownLoops) this.decide.when(kinds, nextPoll);
    this.decide.otherwise(this.nextPoll);
  }

  /**
   * The retry of the kinds' calls, one loop for all of them instead of a Retry on each: a transient error
   * (PERSONALIZE_TRANSIENT_ERRORS, and for a failed leftover's delete ResourceInUseException) is tried again after a
   * wait drawn up to PERSONALIZE_RETRY's interval for that try (full jitter), at most PERSONALIZE_RETRY.maxAttempts
   * times per call and poll; then, or for any other error, the call's own ending. The count lives in `c.t`, which each
   * next poll clears.
   */
  private transientRetries(unexpected: sfn.State, refused: sfn.State): CallErrors {
    const { intervalSeconds, maxAttempts, backoffRate } = PERSONALIZE_RETRY;
    const intervals = Array.from({ length: maxAttempts }, (_, i) => intervalSeconds * backoffRate ** i).join(',');
    const call = (name: string) => sfn.Condition.stringEquals('$.call', name);
    const notRetried = new sfn.Choice(this, 'Not retried: which call?').when(call('delete'), refused).otherwise(unexpected);
    const wait = new sfn.Wait(this, 'Retry wait', { time: sfn.WaitTime.secondsPath('$.c.t.wait') }).next(new sfn.Choice(this, 'Retry which call?')
      .when(call('describe'), this.describeDispatch)
      .otherwise(this.deleteDispatch));
    const first = new sfn.Pass(this, 'First retry', {
      parameters: { 'call.$': '$.call', 'n': 1, 'wait.$': `States.MathRandom(1, ${intervalSeconds})` },
      resultPath: '$.c.t',
    }).next(wait);
    const next = new sfn.Pass(this, 'Next retry', {
      parameters: {
        'call.$': '$.call',
        'n.$': 'States.MathAdd($.c.t.n, 1)',
        'wait.$': `States.MathRandom(1, States.StringToJson(States.ArrayGetItem(States.StringSplit('${intervals}', ','), $.c.t.n)))`,
      },
      resultPath: '$.c.t',
    }).next(wait);
    // A failed leftover's delete also waits out ResourceInUseException (the teardown's deletion asks again at the next poll).
    const transient = sfn.Condition.or(
      ...PERSONALIZE_TRANSIENT_ERRORS.map((error) => sfn.Condition.stringEquals('$.err.Error', error)),
      sfn.Condition.and(call('leftover'), sfn.Condition.stringEquals('$.err.Error', IN_USE)),
    );
    const retried = new sfn.Choice(this, 'Transient?')
      .when(sfn.Condition.not(transient), notRetried)
      .when(sfn.Condition.or(
        sfn.Condition.not(sfn.Condition.isPresent('$.c.t')),
        sfn.Condition.not(sfn.Condition.stringEqualsJsonPath('$.c.t.call', '$.call')),
      ), first)
      .when(sfn.Condition.numberGreaterThanEquals('$.c.t.n', maxAttempts), notRetried)
      .otherwise(next);
    const entry = (name: keyof CallErrors) => {
      const named = new sfn.Pass(this, `${name.charAt(0).toUpperCase()}${name.slice(1)} error`, { result: sfn.Result.fromString(name), resultPath: '$.call' });
      named.next(retried);
      return named;
    };
    return { describe: entry('describe'), delete: entry('delete'), leftover: entry('leftover') };
  }

  /** Any other error of a call (access denied, retries spent): returned as the failure, with the service's cause. */
  private unexpected(): sfn.State {
    return new sfn.Choice(this, 'Error has a cause?')
      .when(sfn.Condition.isPresent('$.err.Cause'), new sfn.Pass(this, 'Return the error', {
        parameters: { failure: { 'error.$': '$.err.Error', 'cause.$': '$.err.Cause' } },
      }))
      .otherwise(new sfn.Pass(this, 'Return the error, no cause', {
        parameters: { failure: { 'error.$': '$.err.Error', 'cause.$': "States.Format('{} {} ({}): {}', $.label, $.name, $.arn, $.err.Error)" } },
      }));
  }

  /** Ready (with its event unless the goal is QUIET), and a new or missing status reported, then the next poll. */
  private ends(fields: PollMachine['fields']): Pick<SharedSteps, 'ready' | 'readyWithoutStatus' | 'reportStatus' | 'noStatus'> {
    const readyOutput = new sfn.Pass(this, 'Ready', {
      parameters: { 'arn.$': '$.arn', 'name.$': '$.name', 'created.$': '$.created', 'status.$': '$.status', 'description.$': DESCRIBED.response },
    });
    const reportReady = this.events.resource(this, 'Report ready', { ...fields, status: '$.status' });
    reportReady.next(readyOutput);
    const ready = new sfn.Choice(this, 'Report ready?')
      .when(sfn.Condition.stringEquals('$.goal', 'READY'), reportReady)
      .otherwise(readyOutput);
    const readyWithoutStatus = new sfn.Pass(this, 'Exists', { result: sfn.Result.fromString('ACTIVE'), resultPath: '$.status' });
    readyWithoutStatus.next(ready);
    const reportStatus = this.events.resource(this, 'Report status', { ...fields, status: '$.lastStatus' });
    reportStatus.next(this.nextPoll);
    const noStatus = new sfn.Pass(this, 'No status', { result: sfn.Result.fromString('NONE'), resultPath: '$.lastStatus' });
    noStatus.next(this.nextPoll);
    return { ready, readyWithoutStatus, reportStatus, noStatus };
  }

  /** The substitution's name of a schedule's literal. */
  private scheduleName(literal: string): string {
    if (!this.schedules.has(literal)) this.schedules.set(literal, `Schedule${this.schedules.size}`);
    return this.schedules.get(literal)!;
  }

  /** Counts the attempt, reads the wait from the kind's schedule, waits and goes on to `then` (a describe, or the Choice of one). */
  private pollAgain(prefix: string, then: sfn.State): sfn.Pass {
    const next = new sfn.Pass(this, `${prefix}Next poll`, {
      parameters: {
        'n.$': 'States.MathAdd($.c.n, 1)',
        'wait.$': "States.StringToJson(States.ArrayGetItem(States.StringSplit($.sched, ','), $.c.n))",
      },
      resultPath: '$.c',
    });
    next.next(new sfn.Wait(this, `${prefix}Wait`, { time: sfn.WaitTime.secondsPath('$.c.wait') })).next(then);
    return next;
  }

  /** One way to fail: the shared explanation, report and return. */
  private explain(name: string, explanation: Explanation): sfn.Pass {
    return this.failures.explain(name, explanation);
  }

  /**
   * The kinds' own states, one per call whatever the kinds that make it: a describe per describe action, which leaves
   * the answer in one shape for the shared status Choice (an update's wait then reads the latest update, which a first
   * describe may not show yet), the owner's field per owner rule, the delete calls per kind that has them.
   */
  private addCalls(kinds: Array<[PollKindName, ResourceKind]>): OwnLoop[] {
    const ownLoops: OwnLoop[] = [];
    // An update's wait whose describe shows no update yet: a describe without a status.
    const notShownYet = new sfn.Pass(this, 'Not shown yet', { parameters: { 'x': {}, 'r.$': DESCRIBED.response }, resultPath: '$.d' });
    notShownYet.next(this.decide);
    const isOneOf = (names: PollKindName[]) => (names.length === 1
      ? sfn.Condition.stringEquals('$.v', names[0])
      : sfn.Condition.or(...names.map((n) => sfn.Condition.stringEquals('$.v', n))));
    // Kinds that read the resource share its describe; an update's wait has its own, so no other kind's poll pays for
    // the Choice that reads the latest update.
    for (const group of groupBy(kinds, ([name, kind]) => `${kind.describeAction}${readsLatestUpdate(kind) ? ` ${name}` : ''}`)) {
      const [[firstName, first]] = group;
      const key = first.facts.apiName;
      const describe = personalizeCall(this, readsLatestUpdate(first) ? `${firstName}: Describe` : `${key}: Describe`, {
        action: first.describeAction,
        parameters: { [first.arnParameter]: sfn.JsonPath.stringAt('$.arn') },
        arnType: first.arnType,
        resultSelector: { 'x.$': `$.${key}`, 'r.$': '$' },
        resultPath: '$.d',
        retryTransientErrors: false,
      });
      describe.addCatch(this.shared.notFound, { errors: ['Personalize.ResourceNotFoundException'], resultPath: '$.err' });
      describe.addCatch(this.shared.callErrors.describe, { errors: ['States.ALL'], resultPath: '$.err' });
      const names = isOneOf(group.map(([name]) => name));
      this.describeDispatch.when(names, describe);
      // A long wait makes most of a run's polls: its kinds' next poll leads straight back to their describe, one
      // transition less per poll than through the Choice on the kind (the status Choice's last rules, so free ones).
      if (first.statusField && group.some(([, kind]) => kind.timeout.toSeconds() >= LONG_WAIT.toSeconds())) {
        ownLoops.push({ kinds: names, nextPoll: this.pollAgain(`${readsLatestUpdate(first) ? firstName : key}: `, describe) });
      }
      if (!first.statusField) {
        // Without a status (schemas), the describe is all: the resource exists.
        if (group.length > 1) throw new Error(`kinds without a status share no describe, got: ${firstName}`);
        describe.next(this.shared.readyWithoutStatus);
      } else if (!readsLatestUpdate(first)) {
        describe.next(this.decide);
      } else {
        const update = `${DESCRIBED.object}.${first.statusField.slice(key.length + 1).replace(/\.Status$/, '')}`;
        describe.next(new sfn.Choice(this, `${firstName}: Shown?`)
          .when(sfn.Condition.isPresent(update), new sfn.Pass(this, `${firstName}: Latest`, {
            parameters: { 'x.$': update, 'r.$': DESCRIBED.response },
            resultPath: '$.d',
          }).next(this.decide))
          .otherwise(notShownYet));
      }
    }
    const owned = kinds.filter(([, kind]) => kind.owner);
    // The owner rule as the kind table writes it (its field under the resource, which the describe's `d.x` is).
    for (const group of groupBy(owned, ([, kind]) => JSON.stringify(kind.facts.owner))) {
      const [[firstName, first]] = group;
      const owner = first.facts.owner!;
      const field = `${DESCRIBED.object}.${owner.field}`;
      this.ownerDispatch.when(sfn.Condition.and(isOneOf(group.map(([name]) => name)), sfn.Condition.isPresent(field)), new sfn.Pass(this, `${firstName}: Owner`, {
        parameters: {
          'value.$': owner.segment === undefined ? field : `States.ArrayGetItem(States.StringSplit(${field}, '/'), ${owner.segment})`,
          'expected.$': `$.context.${owner.expected}`,
          'label': owner.label,
        },
        resultPath: '$.owner',
      }).next(this.shared.ownedElsewhere));
    }
    // One delete per kind that has one: the tear-down's (goal DELETE), and a failed leftover's (see failedHow).
    const deleteErrors = this.deleteErrors();
    for (const [name, kind] of kinds) if (kind.deleteAction) this.deleteDispatch.when(isOneOf([name]), this.deleteCall(name, kind, deleteErrors));
    return ownLoops;
  }

  /**
   * A resource found by its name (not created by this execution) must belong to this execution's parent; otherwise
   * the flow stops. Checked once, at the first describe; a describe that does not name the parent passes.
   */
  private ownerCheck(fields: PollMachine['fields']): sfn.State {
    const conflict = this.explain('Owned elsewhere', {
      error: "States.Format('{}Conflict', $.error)",
      event: {
        ...fields,
        status: 'CONFLICT',
        owner: '$.owner.value',
        expectedOwner: '$.owner.expected',
        cause: "States.Format('{} {} ({}) belongs to {} {}, not to {} {} of this config: names are unique per account and region, so another {}\\'s resource is never adopted; give this one another name', $.label, $.name, $.arn, $.owner.label, $.owner.value, $.owner.label, $.owner.expected, $.owner.label)",
      },
    });
    const unnamed = new sfn.Pass(this, 'Owner not named', { result: sfn.Result.fromObject({ named: false }), resultPath: '$.owner' }).next(this.decide);
    return new sfn.Choice(this, 'Owned by this parent?')
      .when(sfn.Condition.not(sfn.Condition.isPresent('$.owner.value')), unnamed)
      .when(sfn.Condition.stringEqualsJsonPath('$.owner.value', '$.owner.expected'), this.decide)
      .otherwise(conflict);
  }

  /**
   * A failed status: the end of a wait that waits out whatever end (endsReady); otherwise a resource an earlier run left
   * failed keeps its name taken, so (for kinds the pipeline may delete, and not one this run created) it is deleted,
   * waited out and created again; anything else fails.
   */
  private failedHow(fields: PollMachine['fields'], ready: sfn.State): sfn.State {
    const reason = '$.now.about.FailureReason';
    const failed = this.explain('Failed', {
      error: "States.Format('{}Failed', $.error)",
      event: {
        ...fields,
        status: '$.now.status',
        failureReason: reason,
        cause: `States.Format('{} {} ({}) is {}: {}', $.label, $.name, $.arn, $.now.status, ${reason})`,
      },
    });
    const report = this.events.resource(this, 'Report leftover deletion', { ...fields, status: 'DELETING_FAILED_LEFTOVER', previousStatus: '$.now.status' });
    report.next(this.deleteDispatch);
    return new sfn.Choice(this, 'Failed how?')
      .when(sfn.Condition.booleanEquals('$.endsReady', true), new sfn.Pass(this, 'Ended', { inputPath: '$.now.status', resultPath: '$.status' }).next(ready))
      .when(sfn.Condition.and(sfn.Condition.booleanEquals('$.leftover', true), sfn.Condition.booleanEquals('$.created', false)), report)
      .otherwise(failed);
  }

  /** The create through the create function, its quota waits, and where it goes next. */
  private create(fields: PollMachine['fields'], unexpected: sfn.State): sfn.State {
    const create = new tasks.LambdaInvoke(this, 'Create', {
      lambdaFunction: this.services.createFunction,
      // The whole payload from the input (the flow built it): only the Invoke API's form takes a path for it.
      payload: sfn.TaskInput.fromJsonPathAt('$.create'),
      retryOnServiceExceptions: true,
      resultSelector: { 'arn.$': '$.Payload.arn' },
      resultPath: '$.createResult',
    });
    create.addRetry({ errors: RETRY_ERRORS_BESIDE_QUOTA_WAIT, interval: Duration.seconds(10), maxAttempts: 6, backoffRate: 2 });
    addQuotaWait(this, create, {
      // Every kind's: its label, errors' prefix, quota and bound come with the input.
      about: { label: '$.label', errorName: '$.error', neverFreed: '$.neverFreed', limit: '$.polls' },
      events: this.events,
      label: 'Create',
      at: '$.c',
      keep: {},
      counter: 'n',
      eventFields: fields,
      explain: (what, explanation) => this.explain(what, explanation),
    });
    // Another execution created it between our describe and our create: continue with that one (after the owner
    // check), describing it once more; kinds whose ARN is not derived from the name look it up their own way.
    const race = new sfn.Choice(this, 'Found by name?')
      .when(sfn.Condition.booleanEquals('$.race', true), new sfn.Pass(this, 'Return the race', { parameters: { race: true } }))
      .otherwise(this.describeDispatch);
    create.addCatch(race, { errors: ['ResourceAlreadyExistsException'], resultPath: '$.createRace' });
    create.addCatch(unexpected, { errors: ['States.ALL'], resultPath: '$.err' });
    const arnFromCreate = new sfn.Pass(this, 'ARN from the create', { inputPath: '$.createResult.arn', resultPath: '$.arn' }).next(this.describeDispatch);
    create.next(new sfn.Pass(this, 'Created', { result: sfn.Result.fromBoolean(true), resultPath: '$.created' }))
      .next(new sfn.Choice(this, 'ARN from the create?')
        .when(sfn.Condition.booleanEquals('$.race', true), arnFromCreate)
        .otherwise(this.describeDispatch));
    return create;
  }

  /**
   * The describe answered not found: gone (a deletion), not there yet (a resource this execution created, within the
   * schedule), vanished, a conflict (a create that answered "already exists" and is not found), or to be created.
   */
  private notFound(fields: PollMachine['fields'], to: Pick<SharedSteps, 'create' | 'unexpected' | 'noStatus'> & { gone: sfn.State }): sfn.State {
    const conflict = this.explain('Conflict', {
      error: "States.Format('{}Conflict', $.error)",
      event: { ...fields, status: 'CONFLICT', cause: "States.Format('{} {} cannot be created: {}', $.label, $.name, $.createRace.Cause)" },
    });
    const vanished = this.explain('Vanished', {
      error: "States.Format('{}Failed', $.error)",
      event: {
        ...fields,
        status: 'NOT_FOUND',
        cause: "States.Format('{} {} ({}) was created by this execution but is not found after {} polls', $.label, $.name, $.arn, $.c.n)",
      },
    });
    const created = sfn.Condition.booleanEquals('$.created', true);
    return new sfn.Choice(this, 'Not found')
      .when(sfn.Condition.stringEquals('$.goal', 'DELETE'), to.gone)
      .when(sfn.Condition.not(sfn.Condition.isPresent('$.create')), to.unexpected)
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.createRace'), sfn.Condition.booleanEquals('$.race', false)), conflict)
      .when(sfn.Condition.and(created, sfn.Condition.numberLessThanJsonPath('$.c.n', '$.polls')), to.noStatus)
      .when(created, vanished)
      .otherwise(to.create);
  }

  /** The deletion's shared steps: gone (with the DELETED event, or without one when gone at the first look), refused, timed out. */
  private deletion(): DeletionSteps {
    const fields = this.deletionFields;
    const deleted = new sfn.Pass(this, 'Deleted', { parameters: { 'arn.$': '$.arn', 'name.$': '$.name', 'deleted': true } });
    const alreadyGone = new sfn.Pass(this, 'Already gone', { parameters: { 'arn.$': '$.arn', 'name.$': '$.name', 'deleted': false } });
    const reportDeleted = this.events.resource(this, 'Report deleted', { ...fields, status: 'DELETED' });
    reportDeleted.next(deleted);
    const failed = (cause: string) => ({ ...fields, status: 'DELETE_FAILED', error: '$.err.Error', cause });
    const error = "States.Format('{}DeleteFailed', $.error)";
    const requested = new sfn.Pass(this, 'Requested', { result: sfn.Result.fromBoolean(true), resultPath: '$.requested' });
    requested.next(this.nextPoll);
    return {
      reportDeleted,
      requested,
      gone: new sfn.Choice(this, 'Was it there?')
        .when(sfn.Condition.and(sfn.Condition.numberEquals('$.c.n', 0), sfn.Condition.booleanEquals('$.requested', false)), alreadyGone)
        .otherwise(reportDeleted),
      refused: new sfn.Choice(this, 'Delete error has a cause?')
        .when(sfn.Condition.isPresent('$.err.Cause'), this.deletionFailures.explain('Delete failed', {
          error, event: failed("States.Format('{} {} ({}) could not be deleted: {}: {}', $.label, $.name, $.arn, $.err.Error, $.err.Cause)"),
        }))
        .otherwise(this.deletionFailures.explain('Delete failed, no cause', {
          error, event: failed("States.Format('{} {} ({}) could not be deleted: {}', $.label, $.name, $.arn, $.err.Error)"),
        })),
      // Refused while busy: asked again at the next poll; the last refusal goes into the timeout's cause.
      inUse: new sfn.Choice(this, 'In use')
        .when(sfn.Condition.isPresent('$.err.Cause'), new sfn.Pass(this, 'Refused', { inputPath: '$.err.Cause', resultPath: '$.refusal' }).next(this.nextPoll))
        .otherwise(new sfn.Pass(this, 'Refused, no cause', { result: sfn.Result.fromString('ResourceInUseException'), resultPath: '$.refusal' }).next(this.nextPoll)),
      timedOut: this.deletionFailures.explain('Delete timed out', {
        error: "States.Format('{}DeleteTimeout', $.error)",
        event: {
          ...fields,
          status: 'TIMED_OUT',
          cause: "States.Format('{} {} ({}) is not gone after {} polls over {} (last refusal: {}); raise polling.{}.timeout or look at the resource', $.label, $.name, $.arn, $.c.n, $.timeout, $.refusal, $.pollingKey)",
        },
      }),
    };
  }

  /**
   * The kind's delete: the tear-down's once its status allows it, or a failed leftover's; then the next poll, which sees
   * it go. Its errors go to `onError`, one Choice for every kind (see deleteErrors).
   */
  private deleteCall(name: PollKindName, kind: ResourceKind, onError: sfn.State): sfn.State {
    const remove = personalizeCall(this, `${name}: Delete`, {
      action: kind.deleteAction!,
      parameters: { [kind.arnParameter]: sfn.JsonPath.stringAt('$.arn') },
      arnType: kind.arnType,
      resultPath: sfn.JsonPath.DISCARD,
      retryTransientErrors: false,
    });
    remove.addCatch(onError, { errors: ['States.ALL'], resultPath: '$.err' });
    remove.next(this.shared.deletion.requested);
    return remove;
  }

  /**
   * Where a delete's error goes: for the tear-down, not found is deleted, in use is asked again at the next poll, any
   * other error its retry or its failure; for a failed leftover, its retry (in use included) or the failure.
   */
  private deleteErrors(): sfn.State {
    const steps = this.shared.deletion;
    const error = (name: string) => sfn.Condition.stringEquals('$.err.Error', name);
    const teardown = sfn.Condition.stringEquals('$.goal', 'DELETE');
    return new sfn.Choice(this, 'Delete error: whose?')
      .when(sfn.Condition.and(teardown, error('Personalize.ResourceNotFoundException')), steps.reportDeleted)
      .when(sfn.Condition.and(teardown, error(IN_USE)), steps.inUse)
      .when(teardown, this.shared.callErrors.delete)
      .otherwise(this.shared.callErrors.leftover);
  }

}

/** Whether the status is one of the `width` statuses of the kind's list at `list` (padded with NO_STATUS). */
function statusIn(list: string, width: number): sfn.Condition {
  const conditions = Array.from({ length: width }, (_, i) => sfn.Condition.stringEqualsJsonPath(DESCRIBED.status, `${list}[${i}]`));
  return conditions.length === 1 ? conditions[0] : sfn.Condition.or(...conditions);
}

/** A status list padded to `width` with NO_STATUS. */
function pad(statuses: string[], width: number): string[] {
  return [...statuses, ...Array.from({ length: width - statuses.length }, () => NO_STATUS)];
}

/** The items in groups of the same key, in the order of each group's first item. */
function groupBy<T>(items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return [...groups.values()];
}
