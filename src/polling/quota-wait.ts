import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { EVENTS_PER_POLL } from '../kinds/poll-schedule';
import { ResourceKind } from '../kinds/resource-kind';
import { Explanation } from '../steps/explain-and-fail';
import { StatusEvents } from '../steps/status-events';

/**
 * The error a create call answers when an account quota is reached: source: the Personalize API reference, each
 * Create* action's Errors ("LimitExceededException: The limit on the number of requests per second has been
 * exceeded"), and the quotas page (limits.html), whose in-progress quotas the emulator enforces with it (strict: the
 * service names no other error for them).
 */
export const QUOTA_ERROR = 'LimitExceededException';

/**
 * The first quota wait when the refusal names no turn, in seconds: [min, max] (States.MathRandom: a jitter, so runs
 * refused together part ways). The create function names one (lambda/create-resource/quota-turn.ts); this is the
 * fallback of a refusal that does not.
 */
export const FIRST_QUOTA_WAIT: readonly [number, number] = [15, 30];
/** Every later quota wait without a turn: the cap, the same for every run, with a jitter over its lower two thirds. */
export const QUOTA_WAIT: readonly [number, number] = [60, 180];
/**
 * What brackets the seconds to the run's turn in a refusal's message (`... (next try in ¦37¦ s)`): the create function
 * computes them (lambda/create-resource/quota-turn.ts `TURN_MARK`), since JSONPath has no clock arithmetic.
 */
export const QUOTA_TURN_MARK = '¦';
/** History events of the one WAITING_FOR_QUOTA event a loop publishes (a putEvents task: entered, scheduled, started, succeeded, exited). */
export const QUOTA_REPORT_EVENTS = 5;

/**
 * Words of a LimitExceededException message that say a wait can free a slot: an in-progress quota
 * ("pending or in progress", limits.html) or a request rate (the Create* actions' "requests per second"; "Rate
 * exceeded", the CommonErrors page's throttling message). Any other message of a kind whose quotas all count
 * resources that exist (dataset groups, schemas, solutions, campaigns, recommenders, filters: limits.html) is a quota
 * no wait meets: the loop fails at once. Where the message says neither, the strict reading is "never met".
 */
const WAITABLE_WORDS = ['*in progress*', '*per second*', '*ate exceeded*'];

/**
 * What a quota wait says about its kind, and the loop's bound: each a literal, or a JSONPath read at run time (the poll
 * machine serves every kind). @internal
 */
export interface QuotaWaitAbout {
  /** The kind in words, e.g. `Solution version`. */
  readonly label: string;
  /** The prefix of the loop's errors (`DatasetImportJob`: `DatasetImportJobQuotaExceeded`, `DatasetImportJobTimeout`). */
  readonly errorName: string;
  /** Whether no wait frees the kind's quota (see quotaNeverFreedByWaiting). */
  readonly neverFreed: boolean | string;
  /** How many attempts the loop may make in all, its polls and its quota waits together. */
  readonly limit: number | string;
}

/** What a quota wait needs from its loop. @internal */
export interface QuotaWaitProps {
  readonly about: QuotaWaitAbout;
  /** Publishes the WAITING_FOR_QUOTA event. */
  readonly events: StatusEvents;
  /** A prefix of its state names. */
  readonly label: string;
  /** The object the loop keeps its state in (`$.<slot>`): rebuilt at each wait with `keep`, the counter, `quotaWaits`, `wait`. */
  readonly at: string;
  /** The loop's own fields carried over each wait (Pass parameters: `'arn.$': '$.slot.arn'`, ...). */
  readonly keep: Record<string, string>;
  /** The loop's attempt counter in `at`. */
  readonly counter: string;
  /** The loop's event fields: kind, name and arn (JSONPaths), and any the loop's failure ending requires. */
  readonly eventFields: { kind: string; name: string; arn: string; [key: string]: string | boolean };
  /** The loop's failure ending. */
  readonly explain: (what: string, explanation: Explanation) => sfn.Pass;
}

/** Whether every quota of the kind counts resources that exist, so no wait frees a slot (limits.html, via the kind table). */
export function quotaNeverFreedByWaiting(kind: ResourceKind): boolean {
  return !kind.facts.quotas.some((q) => q.counts === 'IN_PROGRESS');
}

/**
 * A create refused for a quota waits for a slot and is called again: `create`'s LimitExceededException is caught
 * (never retried: a Retry would spend its attempts in ten minutes, then fail the run) → the first time, one
 * WAITING_FOR_QUOTA event with the service's message → a wait until the run's turn, which the create function put in
 * the message (lambda/create-resource/quota-turn.ts: every waiting run tries at shared moments of the clock, each at an
 * offset by its priority, older flows first, so a slot goes to the waiting run of highest priority, not to whoever asks
 * first; without a turn in the message, a jitter of 15-30 s, then 1-3 min) → `create` again. Each wait counts as one
 * attempt of the loop (`counter`), so the loop's bound and its history budget hold whatever the number of tries: a
 * try costs what a poll does (EVENTS_PER_POLL). A quota no wait meets (see WAITABLE_WORDS) fails at once with
 * `<Kind>QuotaExceeded`; a loop out of attempts fails with `<Kind>Timeout`.
 * @internal
 */
export function addQuotaWait(scope: Construct, create: sfn.TaskStateBase, props: QuotaWaitProps): void {
  const { label, at, counter, eventFields, explain, about } = props;
  const isPath = (value: unknown): value is string => typeof value === 'string' && value.startsWith('$');
  // The kind's label as an argument of States.Format, and an error of the kind's prefix.
  const kindLabel = isPath(about.label) ? about.label : `'${about.label}'`;
  const errorOf = (suffix: string) => (isPath(about.errorName) ? `States.Format('{}${suffix}', ${about.errorName})` : `${about.errorName}${suffix}`);
  const attempts = `${at}.${counter}`;
  const error = `${at}.quotaError`;
  const cause = `${error}.Cause`;
  const rebuild = (name: string, quotaWaits: Record<string, unknown>, wait: readonly [number, number]) => new sfn.Pass(scope, name, {
    parameters: {
      ...props.keep,
      [`${counter}.$`]: `States.MathAdd(${attempts}, 1)`,
      ...quotaWaits,
      // The seconds to the run's turn, between the marks of the refusal's message; a message without them gets the
      // jitter appended, so the first pair found is always there. MathRandom(start, end): end exclusive.
      'wait.$': `States.StringToJson(States.ArrayGetItem(States.StringSplit(States.Format('{}${QUOTA_TURN_MARK}{}${QUOTA_TURN_MARK}', ${cause}, States.MathRandom(${wait[0]}, ${wait[1] + 1})), '${QUOTA_TURN_MARK}'), 1))`,
    },
    resultPath: at,
  });
  const first = rebuild(`${label}: First quota wait`, { quotaWaits: 1 }, FIRST_QUOTA_WAIT);
  const next = rebuild(`${label}: Next quota wait`, { 'quotaWaits.$': `States.MathAdd(${at}.quotaWaits, 1)` }, QUOTA_WAIT);
  const wait = new sfn.Wait(scope, `${label}: Wait for quota`, { time: sfn.WaitTime.secondsPath(`${at}.wait`) });
  first.next(wait);
  next.next(wait);
  wait.next(create);
  const report = props.events.resource(scope, `${label}: Report waiting for quota`, {
    ...eventFields, status: 'WAITING_FOR_QUOTA', created: false, message: cause,
  });
  report.next(first);

  const decide = new sfn.Choice(scope, `${label}: Over quota`);
  if (about.neverFreed !== false) {
    const waitable = WAITABLE_WORDS.map((words) => sfn.Condition.stringMatches(cause, words));
    const neverMet = sfn.Condition.not(sfn.Condition.or(...waitable));
    decide.when(isPath(about.neverFreed) ? sfn.Condition.and(sfn.Condition.booleanEquals(about.neverFreed, true), neverMet) : neverMet, explain('Quota exceeded', {
      error: errorOf('QuotaExceeded'),
      event: {
        ...eventFields,
        status: 'QUOTA_EXCEEDED',
        message: cause,
        cause: `States.Format('{} {}: a quota no wait frees (raise it or delete unused ones): {}', ${kindLabel}, ${eventFields.name}, ${cause})`,
      },
    }));
  }
  decide
    .when(isPath(about.limit)
      ? sfn.Condition.numberGreaterThanEqualsJsonPath(attempts, about.limit)
      : sfn.Condition.numberGreaterThanEquals(attempts, Number(about.limit)), explain('Quota wait limit', {
      error: errorOf('Timeout'),
      event: {
        ...eventFields,
        status: 'TIMED_OUT',
        cause: `States.Format('{} {}: over quota after {} tries ({}); raise the quota or the timeout', ${kindLabel}, ${eventFields.name}, ${attempts}, ${cause})`,
      },
    }))
    .when(sfn.Condition.isPresent(`${at}.quotaWaits`), next)
    .otherwise(report);
  // The Lambda reports the service's error under its own name, its message in the Cause (lambda/create-resource).
  create.addCatch(decide, { errors: [QUOTA_ERROR], resultPath: error });
}

/** The history events of a quota try never exceed a poll's: the refused call (5), the Choice (2), the Pass (2), the Wait (2). */
export const EVENTS_PER_QUOTA_WAIT = EVENTS_PER_POLL;
