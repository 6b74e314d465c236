/**
 * When a create refused for a quota tries again (src/polling/quota-wait.ts): at the run's turn, so that runs sharing an
 * account take free slots in a consistent order rather than by who asks first after one frees.
 *
 * Every waiting run tries again at shared moments of the wall clock (every TURN_PERIOD_SECONDS), each a fixed number
 * of seconds after the moment: its turn. The turn is fixed for the whole wait, so the slot a run frees (at its own turn,
 * durations being whole seconds or not) goes to the next run in turn, and a slot that frees between the turns goes to
 * the first one, at the next moment. The order: the flow execution's start time first, in tiers of AGE_TIER_SECONDS
 * (a flow started in an earlier tier goes first; the tiers repeat every AGE_TIERS × AGE_TIER_SECONDS, so across that
 * boundary a younger flow may go first), then, among flows of one tier, a stable hash of the pipeline execution: a
 * fleet started together gets one order for all its resources, so some tenants finish their imports early and train,
 * as the quota-aware reference does. Step Functions waits in whole seconds (Wait state: "considers the time value up to
 * seconds"), hence one second per rank, and PROGRESS_LEVELS × AGE_TIERS × HASH_RANKS ranks in all, one period: runs of
 * one rank race as before.
 *
 * Before the age, progress: a run that already holds or has finished more work of the refused quota in its own
 * dataset group (import jobs of the group's datasets in progress or ACTIVE, for the import quota) goes first, in
 * PROGRESS_LEVELS levels (two or more, one, none). A run part-way through its work finishes it before another run
 * starts: what the quota-aware reference does by keeping each tenant's work together (bench/tenants.ts), so runs end
 * one after another instead of all late. Unknown progress (another quota, or the List calls failed) counts as the most.
 *
 * A rank orders the tries after a moment, but a slot frees when its holder's work ends, at the offset it was taken at
 * (plus the work's duration): the next try after that, in the same period, takes it, whatever its rank. So a run with
 * none of the work tries only at every NO_PROGRESS_EVERY-th moment: in the other periods a slot that frees after the
 * ranks of the runs with progress stays free until the next moment, where they come first. Measured in virtual time
 * (`npm run bench -- --tenants N`, docs/performance.md): with 3, every fleet of 2 to 25 media configs ends within
 * 1.011 × the reference; 2 and 4 are worse (25 tenants 1.12 with 2; 5 tenants 1.53 with 4), so the figure depends on it.
 */

/** Seconds between two shared moments. */
export const TURN_PERIOD_SECONDS = 60;
/** Progress levels, most progress first: two or more (or unknown), one, none. */
export const PROGRESS_LEVELS = 3;
/** Width of an age tier, and how many there are (the last holds every older flow). */
export const AGE_TIER_SECONDS = 30 * 60;
export const AGE_TIERS = 4;
/** Ranks per tier, given by the pipeline execution's hash: one second each (every rank within one period). */
export const HASH_RANKS = 5;

/** Who waits: the pipeline execution (ARN) and when the flow execution that waits started (ISO 8601). */
export interface QuotaTurn {
  readonly run: string;
  readonly since: string;
}

/** A stable hash of a string in [0, 1) (FNV-1a, 32 bits). */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    // A hash is bit arithmetic by definition.
    // eslint-disable-next-line no-bitwise
    hash ^= text.charCodeAt(i);
    // eslint-disable-next-line no-bitwise
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

/** A run without progress tries only at the moments whose index (from the epoch) is a multiple of this (see above). */
export const NO_PROGRESS_EVERY = 3;

/**
 * The run's offset after each shared moment, in seconds: its rank, by progress (more first), then the flow's age tier,
 * then the pipeline execution's hash. `progress`: undefined when unknown.
 */
export function turnOffset(turn: QuotaTurn, progress?: number): number {
  const since = Date.parse(turn.since);
  const tier = Number.isFinite(since) ? Math.floor(since / 1000 / AGE_TIER_SECONDS) % AGE_TIERS : 0;
  const level = progress === undefined ? 0 : PROGRESS_LEVELS - 1 - Math.min(Math.max(0, progress), PROGRESS_LEVELS - 1);
  return (level * AGE_TIERS + tier) * HASH_RANKS + Math.floor(stableHash(turn.run) * HASH_RANKS);
}

/**
 * Whole seconds from `now` (ms) to the run's next turn, at least one. `progress`: how much work of the refused quota
 * the run's dataset group holds or has finished; undefined when unknown.
 */
export function secondsToTurn(turn: QuotaTurn, now: number, progress?: number): number {
  const period = TURN_PERIOD_SECONDS * 1000;
  const offset = turnOffset(turn, progress) * 1000;
  let at = Math.floor(now / period) * period + offset;
  // At least a second ahead: the Wait state starts a little after this call.
  while (at < now + 1000) at += period;
  while (progress === 0 && Math.floor(at / period) % NO_PROGRESS_EVERY !== 0) at += period;
  return Math.ceil((at - now) / 1000);
}

/** The marker the state machine reads the wait from (src/polling/quota-wait.ts `QUOTA_TURN_MARK`). */
export const TURN_MARK = '¦';

/**
 * A LimitExceededException with the wait to the run's turn in its message (`... (next try in ¦37¦ s)`): Lambda reports
 * only an error's name and message to Step Functions. Any other error, or a call without `turn`, is returned as it is.
 */
export function withQuotaTurn(error: unknown, turn: QuotaTurn | undefined, now = Date.now(), progress?: number): unknown {
  if (!isQuotaRefusal(error, turn)) return error;
  error.message = `${error.message} (next try in ${TURN_MARK}${secondsToTurn(turn!, now, progress)}${TURN_MARK} s)`;
  return error;
}

/** Whether `error` is a refusal for a quota that a turn is named for. */
export function isQuotaRefusal(error: unknown, turn: QuotaTurn | undefined): error is Error {
  return !!turn && error instanceof Error && error.name === 'LimitExceededException';
}

/** The dataset group of a dataset ARN (`...:dataset/<group>/<TYPE>` → `...:dataset-group/<group>`), if it has that form. */
export function datasetGroupOfDataset(datasetArn: unknown): string | undefined {
  const match = typeof datasetArn === 'string' ? /^(arn:[^:]+:personalize:[^:]*:[^:]*:)dataset\/([^/]+)\/[A-Z_]+$/.exec(datasetArn) : null;
  return match ? `${match[1]}dataset-group/${match[2]}` : undefined;
}

/** Statuses of an import job that count as progress: in progress or finished. */
const PROGRESS_STATUSES = new Set(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);

/** The List calls `importProgress` makes (a Personalize client's, or a fake's). */
export interface ImportLister {
  listDatasets(datasetGroupArn: string, nextToken?: string): Promise<{ datasets?: Array<{ datasetArn?: string }>; nextToken?: string }>;
  listDatasetImportJobs(datasetArn: string, nextToken?: string): Promise<{ datasetImportJobs?: Array<{ status?: string }>; nextToken?: string }>;
}

/**
 * How many import jobs of the dataset's group are in progress or ACTIVE: a run's progress for the import quota.
 * Best effort: undefined when the ARN has another form or a call fails (the turn is then the age-and-hash one).
 */
export async function importProgress(lister: ImportLister, datasetArn: unknown): Promise<number | undefined> {
  const group = datasetGroupOfDataset(datasetArn);
  if (!group) return undefined;
  try {
    const datasets: string[] = [];
    let token: string | undefined;
    do {
      const page = await lister.listDatasets(group, token);
      for (const d of page.datasets ?? []) if (d.datasetArn) datasets.push(d.datasetArn);
      token = page.nextToken;
    } while (token);
    let count = 0;
    for (const dataset of datasets) {
      token = undefined;
      do {
        const page = await lister.listDatasetImportJobs(dataset, token);
        count += (page.datasetImportJobs ?? []).filter((job) => PROGRESS_STATUSES.has(String(job.status))).length;
        token = page.nextToken;
      } while (token);
    }
    return count;
  } catch {
    return undefined;
  }
}
