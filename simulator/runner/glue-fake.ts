/** One Glue job run the pipeline started. */
export interface GlueJobRun {
  readonly jobName: string;
  readonly jobRunId: string;
  readonly arguments: Record<string, string>;
  readonly state: 'SUCCEEDED' | 'FAILED';
  readonly errorMessage?: string;
  /** When the run started and ended (ms since epoch, from `Date.now()`: virtual in the bench). */
  readonly startedAt?: number;
  readonly endedAt?: number;
}

/** Options of the Glue fake. */
export interface GlueFakeOptions {
  /**
   * How long a run takes, in seconds, slept with the global setTimeout before the run answers: meant for virtual
   * time (see virtual-clock.ts), where it costs nothing. Glue documents no run time; the bench's value is assumed.
   * @default 0 (a run answers at once)
   */
  readonly runSeconds?: number;
}

/**
 * Stands in for AWS Glue's `startJobRun.sync` integration: records each run and answers with the outcome a
 * test sets for the job (SUCCEEDED unless told otherwise). An unknown job answers EntityNotFoundException.
 */
export class GlueFake {
  readonly runs: GlueJobRun[] = [];
  /** How long a run takes, in seconds (see GlueFakeOptions). */
  readonly runSeconds: number;
  private readonly jobs = new Map<string, { failWith?: string; startError?: { error: string; cause: string } }>();

  constructor(options: GlueFakeOptions = {}) {
    const runSeconds = options.runSeconds ?? 0;
    if (!(runSeconds >= 0)) throw new Error(`runSeconds must be a number of seconds >= 0, got: ${runSeconds}`);
    this.runSeconds = runSeconds;
  }

  /** Declares a job that exists. */
  addJob(name: string): this {
    this.jobs.set(name, {});
    return this;
  }

  /** Whether a job of this name exists (declared, or given an outcome). */
  hasJob(name: string): boolean {
    return this.jobs.has(name);
  }

  /** Deletes a job, as `glue:DeleteJob` would: GetJob and runs of it then answer EntityNotFoundException. */
  removeJob(name: string): this {
    this.jobs.delete(name);
    return this;
  }

  /**
   * `GetJob`: the job's definition (its name; the fake keeps no other field), or EntityNotFoundException for an
   * unknown job (Glue API reference, GetJob: Errors, https://docs.aws.amazon.com/glue/latest/webapi/API_GetJob.html).
   */
  getJob(name: string): { Job: { Name: string } } {
    if (!this.jobs.has(name)) throw Object.assign(new Error(`Job ${name} not found`), { name: 'EntityNotFoundException' });
    return { Job: { Name: name } };
  }

  /** The job's next runs fail with this message. */
  failJob(name: string, errorMessage: string): this {
    this.jobs.set(name, { failWith: errorMessage });
    return this;
  }

  /**
   * The job's next runs cannot start: the task fails with this error and a plain-text cause (not a job run
   * as JSON), as when the role may not start the job.
   */
  failStart(name: string, error: string, cause: string): this {
    this.jobs.set(name, { startError: { error, cause } });
    return this;
  }

  /** A `glue:startJobRun.sync` task that lasts `runSeconds`: start errors at once, the run's outcome at its end. */
  async runJob(parameters: { JobName?: string; Arguments?: Record<string, string> }): Promise<Record<string, unknown>> {
    const job = this.jobs.get(String(parameters.JobName ?? ''));
    const startedAt = Date.now();
    if (job && !job.startError && this.runSeconds > 0) await new Promise((resolve) => setTimeout(resolve, this.runSeconds * 1000));
    return this.startJobRunSync(parameters, startedAt);
  }

  /** Answers a `glue:startJobRun.sync` task: the run's description, or throws as Step Functions would. */
  startJobRunSync(parameters: { JobName?: string; Arguments?: Record<string, string> }, startedAt = Date.now()): Record<string, unknown> {
    const jobName = String(parameters.JobName ?? '');
    const job = this.jobs.get(jobName);
    if (!job) {
      throw Object.assign(new Error(`Job ${jobName} not found (Service: Glue, Status Code: 400, Error Code: EntityNotFoundException)`), { name: 'Glue.EntityNotFoundException' });
    }
    if (job.startError) throw Object.assign(new Error(job.startError.cause), { name: job.startError.error });
    const jobRunId = `jr_${String(this.runs.length + 1).padStart(8, '0')}`;
    const run: GlueJobRun = {
      jobName,
      jobRunId,
      arguments: parameters.Arguments ?? {},
      state: job.failWith ? 'FAILED' : 'SUCCEEDED',
      errorMessage: job.failWith,
      startedAt,
      endedAt: Date.now(),
    };
    this.runs.push(run);
    const description = {
      JobName: jobName, Id: jobRunId, JobRunState: run.state, Arguments: run.arguments, ...(job.failWith ? { ErrorMessage: job.failWith } : {}),
    };
    if (job.failWith) {
      throw Object.assign(new Error(JSON.stringify(description)), { name: 'States.TaskFailed' });
    }
    return description;
  }
}
