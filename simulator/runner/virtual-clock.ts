import * as FakeTimers from '@sinonjs/fake-timers';

/** Options of the virtual clock. */
export interface VirtualClockOptions {
  /** Where virtual time starts, in ms since epoch. @default 2026-01-01T00:00:00Z (the runner's execution start time) */
  readonly start?: number;
  /** How long real work (a Lambda handler over HTTP) may take before the clock gives up, in real ms. @default 60000 */
  readonly realWorkTimeoutMs?: number;
}

/**
 * Virtual time for a local run: `setTimeout`, `clearTimeout` and `Date` are faked (setImmediate, nextTick and
 * microtasks stay real), and the clock jumps to the next timer only when nothing else can happen: no real work in
 * flight (see `track`) and the microtask queue drained (checked after a real setImmediate). aws-local-stepfunctions
 * sleeps with the global setTimeout for Wait states, retry intervals and task timeouts
 * (node_modules/aws-local-stepfunctions/build/main.node.cjs, `function sleep` and TaskStateAction), so a two-hour
 * training costs a few hundred timer jumps, and virtual time is exact. API calls take zero virtual time: the clock
 * stands still while a call is answered.
 */
export class VirtualClock {
  private clock?: FakeTimers.Clock;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly start: number;
  private readonly realWorkTimeoutMs: number;
  // Captured before install, so the clock can always yield to the real event loop.
  private readonly realSetImmediate = setImmediate;
  private readonly realSetTimeout = setTimeout;
  private readonly realClearTimeout = clearTimeout;

  constructor(options: VirtualClockOptions = {}) {
    this.start = options.start ?? Date.UTC(2026, 0, 1);
    this.realWorkTimeoutMs = options.realWorkTimeoutMs ?? 60_000;
  }

  /** Fakes setTimeout, clearTimeout and Date from now on, starting at `start`. */
  install(): this {
    if (this.clock) throw new Error('The virtual clock is already installed');
    this.clock = FakeTimers.install({ now: this.start, toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldClearNativeTimers: true, loopLimit: 1e9 });
    return this;
  }

  /** Gives back the real timers and Date. Virtual timers still pending are dropped. */
  uninstall(): void {
    this.clock?.uninstall();
    this.clock = undefined;
  }

  /** Virtual ms since epoch (the faked `Date.now()`). */
  now(): number {
    return this.installed.now;
  }

  /** Virtual seconds since `start`. */
  elapsedSeconds(): number {
    return (this.now() - this.start) / 1000;
  }

  /** Marks real work (I/O the fake timers cannot see) in flight: the clock stands still until it ends. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Runs virtual time until `work` settles, jumping from timer to timer whenever everything else is idle. */
  async drive<T>(work: Promise<T>): Promise<T> {
    const clock = this.installed;
    let settled = false;
    work.then(() => { settled = true; }, () => { settled = true; });
    while (!settled) {
      // A real macrotask turn: every microtask queued so far has run.
      await new Promise<void>((resolve) => this.realSetImmediate(resolve));
      if (settled) break;
      if (this.inFlight > 0) {
        await this.realWorkDone();
        continue;
      }
      if (clock.countTimers() === 0) {
        throw new Error('Virtual clock: nothing is running and no timer is pending, but the work has not ended');
      }
      clock.next();
    }
    return work;
  }

  private get installed(): FakeTimers.Clock {
    if (!this.clock) throw new Error('Install the virtual clock first');
    return this.clock;
  }

  private realWorkDone(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = this.realSetTimeout(() => reject(new Error(
        `Virtual clock: real work still in flight after ${this.realWorkTimeoutMs} ms (does it wait on a virtual timer?)`)), this.realWorkTimeoutMs);
      this.idleWaiters.push(() => {
        this.realClearTimeout(timer);
        resolve();
      });
    });
  }
}

/**
 * Step Functions waits for a Task without TimeoutSeconds as long as it takes (developer guide, "Using timeouts to
 * avoid stuck Step Functions workflow executions"); aws-local-stepfunctions defaults to 60 s (TaskStateAction's
 * DEFAULT_TIMEOUT_SECONDS), which virtual time would reach while a child execution waits on a training. A timer holds
 * at most 2^31 - 1 ms (a longer one fires after 1 ms, in Node and in fake-timers), so the local stand-in for the
 * service's default is the longest timer: 24.8 days, far beyond any run.
 */
export const LOCAL_DEFAULT_TASK_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** A copy of a definition whose Task states without a timeout get the local stand-in for the service's default. */
export function withServiceTaskTimeouts(definition: Record<string, any>): Record<string, any> {
  // Not structuredClone: under Jest its objects come from another realm, which the engine's plain-object test refuses.
  const copy = JSON.parse(JSON.stringify(definition));
  const visit = (machine: any): void => {
    for (const state of Object.values<any>(machine.States ?? {})) {
      if (state.Type === 'Task' && state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
        state.TimeoutSeconds = LOCAL_DEFAULT_TASK_TIMEOUT_SECONDS;
      }
      for (const branch of state.Branches ?? []) visit(branch);
      if (state.ItemProcessor) visit(state.ItemProcessor);
      if (state.Iterator) visit(state.Iterator);
    }
  };
  visit(copy);
  return copy;
}
