/**
 * The cost autopilot's arithmetic, pure: Step Functions' JSONPath has no date arithmetic and no decimal division or
 * multiplication (`States.MathAdd` rounds to integers: Step Functions developer guide, intrinsic functions), so the
 * window of the metrics query and the proposal are computed here. No AWS call: the state machine reads (GetMetricData,
 * Describe*, ListTagsForResource) and writes (UpdateCampaign, StopRecommender) with native SDK tasks.
 */

/** The tag that keeps the autopilot off a resource. */
export const OPT_OUT_TAG = { key: 'personalize-mlops:autopilot', value: 'off' };

/**
 * The period of the request counts read: Personalize bills "the average requests/second within a 5-minute window"
 * (CreateCampaign API reference, "Minimum Provisioned TPS and Auto-Scaling"), so a 5-minute Sum over 300 is the
 * billed rate of that window.
 */
export const PERIOD_SECONDS = 300;

/** Hours in an average month (365 × 24 / 12), the unit of the saving. */
export const HOURS_A_MONTH = 730;

/** What the autopilot proposes for one resource. */
export type Action =
  | 'LOWER_MIN_PROVISIONED_TPS'
  | 'STOP_RECOMMENDER'
  | 'REPORT_IDLE_CAMPAIGN'
  | 'NONE'
  | 'OPTED_OUT'
  | 'NOT_ACTIVE'
  | 'TOO_NEW';

/** The query window. */
export interface WindowRequest {
  readonly op: 'window';
  /** The execution's start time (ISO 8601). */
  readonly now: string;
  readonly lookbackDays: number;
}

/** One resource to judge. */
export interface ProposalRequest {
  readonly op: 'propose';
  readonly kind: 'CAMPAIGN' | 'RECOMMENDER';
  /** DescribeCampaign's `Campaign` or DescribeRecommender's `Recommender`, as Step Functions gives it (PascalCase). */
  readonly description: Description;
  /** ListTagsForResource's Tags. */
  readonly tags?: Array<{ TagKey?: string; TagValue?: string }>;
  /** The Values of each GetMetricData result: request counts (Sum) per 5-minute period. */
  readonly series?: number[][];
  /** The start of the window read (ISO 8601). */
  readonly windowStart: string;
  /** The share added to the observed peak, 0.25 = 25 %. */
  readonly headroom: number;
}

/** The fields of a Describe* answer the proposal reads (API reference, Campaign and Recommender data types). */
export interface Description {
  readonly Name?: string;
  readonly Status?: string;
  /** A campaign's. */
  readonly MinProvisionedTPS?: number;
  /** A campaign's update under way, if any (API reference, CampaignUpdateSummary). */
  readonly LatestCampaignUpdate?: { Status?: string };
  /** A recommender's. */
  readonly RecommenderConfig?: { MinRecommendationRequestsPerSecond?: number };
  /** A recommender's update under way, if any (API reference, RecommenderUpdateSummary). */
  readonly LatestRecommenderUpdate?: { Status?: string };
  /** ISO 8601 (Step Functions) or epoch seconds. */
  readonly CreationDateTime?: string | number;
  readonly LastUpdatedDateTime?: string | number;
}

/** The verdict on one resource. */
export interface Proposal {
  /** The resource's name. */
  readonly name: string;
  readonly action: Action;
  /** The provisioned minimum now. */
  readonly current: number;
  /** What it should be: the proposal (the current value when nothing changes; 0 for a recommender to stop). */
  readonly proposed: number;
  /** The highest 5-minute average of requests per second in the window. */
  readonly observedPeak: number;
  /** The requests in the window. */
  readonly requests: number;
  /** Provisioned capacity-hours a month no longer billed: TPS-hours (campaign) or requests/s-hours (recommender). */
  readonly monthlyHoursSaved: number;
  /** The reason, in words. */
  readonly reason: string;
}

export function queryWindow(request: WindowRequest): { startTime: string; endTime: string; periodSeconds: number } {
  const now = new Date(request.now).getTime();
  if (!Number.isFinite(now)) throw new Error(`now must be an ISO 8601 time, got: ${request.now}`);
  // Whole periods, so every 5-minute bucket of the window is complete.
  const end = Math.floor(now / (PERIOD_SECONDS * 1000)) * PERIOD_SECONDS * 1000;
  const start = end - request.lookbackDays * 86_400_000;
  return { startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString(), periodSeconds: PERIOD_SECONDS };
}

function timeOf(value: string | number | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return value < 1e11 ? value * 1000 : value;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** Rounds to 3 decimals, for events a person reads. */
const round = (value: number) => Math.round(value * 1000) / 1000;

/** Statuses of an update that is over (API reference, CampaignUpdateSummary and RecommenderUpdateSummary). */
const UPDATE_OVER = ['ACTIVE', 'CREATE FAILED', 'CREATE_FAILED'];

export function propose(request: ProposalRequest): Proposal {
  const description = request.description ?? {};
  const campaign = request.kind === 'CAMPAIGN';
  // Defaults of both (API reference, CreateCampaign minProvisionedTPS and RecommenderConfig: 1).
  const current = Number((campaign ? description.MinProvisionedTPS : description.RecommenderConfig?.MinRecommendationRequestsPerSecond) ?? 1);
  const update = campaign ? description.LatestCampaignUpdate : description.LatestRecommenderUpdate;
  const status = update?.Status && !UPDATE_OVER.includes(update.Status) ? `${description.Status} (update ${update.Status})` : description.Status ?? 'UNKNOWN';
  const buckets = new Map<number, number>();
  // The series are aligned by position per query only; summing per index is right for series of one window and
  // period (GetMetricData returns each query's datapoints in the same timestamp order), and the peak is taken per
  // bucket of the sum. Missing buckets are no requests.
  for (const values of request.series ?? []) values.forEach((v, i) => buckets.set(i, (buckets.get(i) ?? 0) + (Number(v) || 0)));
  const requests = [...buckets.values()].reduce((a, b) => a + b, 0);
  const observedPeak = round(Math.max(0, ...buckets.values()) / PERIOD_SECONDS);
  const base = { name: description.Name ?? '', current, proposed: current, observedPeak, requests, monthlyHoursSaved: 0 };

  const optedOut = (request.tags ?? []).some((t) => t.TagKey === OPT_OUT_TAG.key && String(t.TagValue).toLowerCase() === OPT_OUT_TAG.value);
  if (optedOut) return { ...base, action: 'OPTED_OUT', reason: `tagged ${OPT_OUT_TAG.key}=${OPT_OUT_TAG.value}` };
  if (status !== 'ACTIVE') return { ...base, action: 'NOT_ACTIVE', reason: `its status is ${status}, not ACTIVE` };
  const since = Math.max(timeOf(description.CreationDateTime) ?? 0, timeOf(description.LastUpdatedDateTime) ?? 0);
  if (since > new Date(request.windowStart).getTime()) {
    return { ...base, action: 'TOO_NEW', reason: `created or changed at ${new Date(since).toISOString()}, within the window read: its traffic is not known yet` };
  }

  if (!campaign) {
    if (requests > 0) return { ...base, action: 'NONE', reason: `${requests} requests in the window, peak ${observedPeak}/s` };
    return {
      ...base,
      action: 'STOP_RECOMMENDER',
      proposed: 0,
      monthlyHoursSaved: current * HOURS_A_MONTH,
      reason: 'no request in the window: stop it (the next pipeline run starts it again)',
    };
  }
  // Never above the current setting (the config's value, or lower), never below 1 (CreateCampaign: minimum 1).
  const needed = Math.max(1, Math.ceil(observedPeak * (1 + request.headroom) - 1e-9));
  const proposed = Math.min(current, needed);
  if (proposed < current) {
    return {
      ...base,
      action: 'LOWER_MIN_PROVISIONED_TPS',
      proposed,
      monthlyHoursSaved: (current - proposed) * HOURS_A_MONTH,
      reason: requests === 0
        ? 'no request in the window: the lowest minProvisionedTPS, 1 (delete the campaign if it serves nobody)'
        : `peak ${observedPeak}/s plus ${round(request.headroom * 100)} % headroom needs ${needed}`,
    };
  }
  if (requests === 0) {
    return { ...base, action: 'REPORT_IDLE_CAMPAIGN', reason: 'no request in the window, at the lowest minProvisionedTPS: delete the campaign if it serves nobody' };
  }
  return { ...base, action: 'NONE', reason: `peak ${observedPeak}/s plus ${round(request.headroom * 100)} % headroom needs ${needed}, the setting is ${current}` };
}
