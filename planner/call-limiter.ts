/**
 * Runs at most `limit` calls at a time and queues the rest, so the planner's independent checks can all start
 * at once without going over the service's request rate (Personalize control-plane APIs allow a few
 * transactions per second per account: https://docs.aws.amazon.com/personalize/latest/dg/limits.html).
 * Limits single calls, never whole checks, so a check that waits for another cannot starve it of slots.
 */
export class CallLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got: ${limit}`);
  }

  /** Runs `call` when a slot is free. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await call();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
