/** The statuses a resource passes through on its way to ACTIVE, per the Personalize API reference. */
export const CREATE_STATUSES = ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'];
/** Batch inference and batch segment jobs spell their statuses differently (with a space, no CREATE). */
export const BATCH_JOB_STATUSES = ['PENDING', 'IN PROGRESS', 'ACTIVE'];
/** A campaign or dataset being updated. */
export const UPDATE_STATUSES = ['UPDATE PENDING', 'UPDATE IN_PROGRESS', 'ACTIVE'];
export const CREATE_FAILED = 'CREATE FAILED';
/** Not a service status: the end of a deletion, after which the resource is not found. */
export const DELETED = '(deleted)';
export const UPDATE_FAILED = 'UPDATE FAILED';

/**
 * The statuses still ahead of a resource. Each describe of the resource moves it one status on (after
 * `describesPerStatus` describes), so a poll loop sees every status, as it would over real time.
 */
export class Lifecycle {
  private describes = 0;
  private index = 0;

  constructor(
    private readonly statuses: string[],
    private readonly describesPerStatus: number,
    private readonly failure?: { status: string; reason: string },
  ) {}

  get status(): string {
    const last = this.statuses.length - 1;
    return this.index >= last && this.failure ? this.failure.status : this.statuses[Math.min(this.index, last)];
  }

  get failureReason(): string | undefined {
    return this.status === this.failure?.status ? this.failure.reason : undefined;
  }

  get settled(): boolean {
    return this.index >= this.statuses.length - 1;
  }

  /** Called on every describe (and list) of the resource. */
  observe(): void {
    if (this.settled) return;
    this.describes++;
    if (this.describes >= this.describesPerStatus) {
      this.describes = 0;
      this.index++;
    }
  }

  /** Jumps to the end, as time would. */
  settle(): void {
    this.index = this.statuses.length - 1;
  }
}
