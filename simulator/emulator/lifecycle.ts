/** Create statuses (CREATE PENDING > CREATE IN_PROGRESS > ACTIVE -or- CREATE FAILED): source: every Personalize Describe* API reference. */
export const CREATE_STATUSES = ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'];
/** Batch jobs spell their statuses without CREATE: source: API_BatchInferenceJob / API_BatchSegmentJob `status` (PENDING, IN PROGRESS, ACTIVE, CREATE FAILED). */
export const BATCH_JOB_STATUSES = ['PENDING', 'IN PROGRESS', 'ACTIVE'];
/** Kept for importers; dataset updates use CREATE_STATUSES in `latestDatasetUpdate` (see README, strict). */
export const UPDATE_STATUSES = ['UPDATE PENDING', 'UPDATE IN_PROGRESS', 'ACTIVE'];
/** Source: API_StopRecommender / DescribeRecommender `status` (STOP PENDING > STOP IN_PROGRESS > INACTIVE). */
export const STOP_STATUSES = ['STOP PENDING', 'STOP IN_PROGRESS', 'INACTIVE'];
/** Source: API_StartRecommender / DescribeRecommender `status` (START PENDING > START IN_PROGRESS > ACTIVE). */
export const START_STATUSES = ['START PENDING', 'START IN_PROGRESS', 'ACTIVE'];
/** Source: API_DescribeCampaign etc. `status` (DELETE PENDING > DELETE IN_PROGRESS), then not found. */
export const DELETE_STATUSES = ['DELETE PENDING', 'DELETE IN_PROGRESS'];
/** Source: API_DatasetGroup / DatasetGroupSummary `status` (SDK model too): a dataset group lists DELETE PENDING only. */
export const DATASET_GROUP_DELETE_STATUSES = ['DELETE PENDING'];
export const CREATE_FAILED = 'CREATE FAILED';
/** Not a service status: the end of a deletion, after which the resource is not found. */
export const DELETED = '(deleted)';
export const UPDATE_FAILED = 'UPDATE FAILED';

/** How a resource ends instead of its last status. */
export interface LifecycleFailure {
  readonly status: string;
  readonly reason: string;
}

/** The statuses a resource (or an update of one) passes through, driven by describes or by a clock. */
export interface ResourceLifecycle {
  /** The status now. */
  readonly status: string;
  /** The failure reason once the lifecycle ended in its failure status. */
  readonly failureReason: string | undefined;
  /** Whether the final status (or the failure) is reached. */
  readonly settled: boolean;
  /** When the final status was reached (ms since epoch), once it is. */
  readonly endedAt: number | undefined;
  /** Called on every describe of the resource. */
  observe(): void;
  /** Jumps to the end, as time would. */
  settle(): void;
  /** The status at a moment (a clock-driven lifecycle knows its past; a describe-driven one only its present). */
  statusAt(time: number): string;
}

/**
 * The statuses still ahead of a resource. Each describe of the resource moves it one status on (after
 * `describesPerStatus` describes), so a poll loop sees every status, as it would over real time.
 */
export class Lifecycle implements ResourceLifecycle {
  private describes = 0;
  private index = 0;
  private ended?: number;

  constructor(
    private readonly statuses: string[],
    private readonly describesPerStatus: number,
    private readonly failure?: LifecycleFailure,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (this.settled) this.ended = this.now();
  }

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

  get endedAt(): number | undefined {
    return this.ended;
  }

  observe(): void {
    if (this.settled) return;
    this.describes++;
    if (this.describes >= this.describesPerStatus) {
      this.describes = 0;
      this.index++;
      if (this.settled) this.ended = this.now();
    }
  }

  settle(): void {
    if (!this.settled) this.ended = this.now();
    this.index = this.statuses.length - 1;
  }

  statusAt(): string {
    return this.status;
  }
}

/**
 * A lifecycle that follows the clock: the first status for the first tenth of `durationMs`, the others
 * evenly over the rest, the last (or the failure) from `durationMs` on. Describes do not move it.
 */
export class TimedLifecycle implements ResourceLifecycle {
  private forcedEnd?: number;

  constructor(
    private readonly statuses: string[],
    private readonly startedAt: number,
    private readonly durationMs: number,
    private readonly clock: () => number,
    private readonly failure?: LifecycleFailure,
  ) {}

  private get duration(): number {
    return this.forcedEnd === undefined ? this.durationMs : Math.min(this.durationMs, Math.max(0, this.forcedEnd - this.startedAt));
  }

  statusAt(time: number): string {
    const last = this.statuses.length - 1;
    const elapsed = time - this.startedAt;
    if (elapsed >= this.duration || last === 0) return this.failure ? this.failure.status : this.statuses[last];
    if (last === 1) return this.statuses[0];
    const first = this.duration * 0.1;
    if (elapsed < first) return this.statuses[0];
    const step = (this.duration - first) / (last - 1);
    return this.statuses[Math.min(last - 1, 1 + Math.floor((elapsed - first) / step))];
  }

  get status(): string {
    return this.statusAt(this.clock());
  }

  get failureReason(): string | undefined {
    return this.failure && this.settled ? this.failure.reason : undefined;
  }

  get settled(): boolean {
    return this.clock() >= this.startedAt + this.duration;
  }

  get endedAt(): number | undefined {
    return this.settled ? this.startedAt + this.duration : undefined;
  }

  /** When it will end (or ended), as planned now. */
  get plannedEnd(): number {
    return this.startedAt + this.duration;
  }

  observe(): void {
    // Time, not describes, moves a timed lifecycle.
  }

  settle(): void {
    if (!this.settled) this.forcedEnd = this.clock();
  }
}
