import { Duration } from 'aws-cdk-lib';
import { PollingKey } from '../contract/resource-kinds';

/**
 * Step Functions keeps at most 25,000 events in one execution's history (Step Functions developer guide,
 * "Service quotas": maximum execution history size); an execution that reaches it fails.
 */
export const HISTORY_EVENT_LIMIT = 25_000;
/** The share of that limit a state machine's worst case may use; settings beyond it are rejected at synth. */
export const HISTORY_EVENT_BUDGET = 20_000;
/**
 * History events of one poll at most: the status Choice (entered, exited), the Pass that counts the attempt and picks
 * the next interval (2), the Wait (2), the Choice on the kind (2; a long wait's loop goes straight back to its describe)
 * and the describe Task (entered, scheduled, started, succeeded, exited: 5).
 */
export const EVENTS_PER_POLL = 13;
/** History events of a Choice or a Pass a poll may add (entered, exited). */
export const EVENTS_PER_STATE = 2;

// The `polling` keys of the pipeline's props, one per kind of resource it polls, and their defaults and docs: from
// the kind table (pollingDefaultText gives each key's `@default` text in src/pipeline/polling.ts; a test holds them).
export type { PollingKey } from '../contract/resource-kinds';
export { pollingDefaultText } from '../contract/resource-kinds';

/** A user's poll settings of one kind (the shape of the public `PollingSettings`). @internal */
export interface PollSettingsOverride {
  readonly initialInterval?: Duration;
  readonly maxInterval?: Duration;
  readonly timeout?: Duration;
}

/** A user's poll settings per kind (the shape of the public `PipelinePolling`). @internal */
export type PollingOverrides = Partial<Record<PollingKey, PollSettingsOverride>>;

/** How one poll loop waits: its settings, resolved. @internal */
export interface PollScheduleSettings {
  readonly initialInterval: Duration;
  readonly maxInterval: Duration;
  readonly timeout: Duration;
  /** The interval is at most this share of the time waited so far (and at least the initial interval). */
  readonly growth: number;
}

/**
 * The waits of one poll loop, computed at synth time: each wait is `growth` × the time waited so far, at least
 * the initial interval and at most the max interval, until the waits add up to the timeout. The loop reads the
 * wait of its n-th poll from this list, so its worst case is known exactly: `polls` describes, then a timeout.
 * @internal
 */
export class PollSchedule {
  /** The waits, in whole seconds. */
  readonly waits: number[];

  constructor(readonly settings: PollScheduleSettings) {
    const initial = Math.max(1, Math.round(settings.initialInterval.toSeconds()));
    const max = Math.max(initial, Math.round(settings.maxInterval.toSeconds()));
    const timeout = settings.timeout.toSeconds();
    const waits: number[] = [];
    let elapsed = 0;
    while (elapsed < timeout) {
      const wait = Math.min(max, Math.max(initial, Math.round(settings.growth * elapsed)), Math.max(1, Math.ceil(timeout - elapsed)));
      waits.push(wait);
      elapsed += wait;
    }
    this.waits = waits.length > 0 ? waits : [initial];
  }

  /** How many times the loop waits and describes again before it times out. */
  get polls(): number {
    return this.waits.length;
  }

  /** The waits as the literal the state machine splits (`'5,5,6,...'`). */
  get literal(): string {
    return this.waits.join(',');
  }

  /** At most how long after `age` seconds a resource that became ready then is noticed. */
  noticedWithin(age: number): number {
    let elapsed = 0;
    for (const wait of this.waits) {
      if (elapsed + wait >= age) return elapsed + wait - age;
      elapsed += wait;
    }
    return Number.POSITIVE_INFINITY;
  }
}
