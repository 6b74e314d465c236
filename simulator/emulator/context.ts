import { createHash } from 'node:crypto';
import type * as P from '@aws-sdk/client-personalize';
import { ResolvedOptions, ResourceKind } from './emulator-options';
import { FaultInjector } from './fault-injector';
import { CREATE_FAILED, DELETE_STATUSES, DELETED, Lifecycle, LifecycleFailure, ResourceLifecycle, TimedLifecycle } from './lifecycle';
import { PersonalizeArns } from './personalize-arns';
import { inUse, limitExceeded, notFound, PersonalizeError } from './personalize-error';
import { withoutUndefined } from './validation';

/** A stored resource: its API fields plus the lifecycle that drives its status. */
export interface Stored<T> {
  readonly arn: string;
  readonly name: string;
  readonly kind: ResourceKind;
  readonly created: Date;
  updated: Date;
  lifecycle?: ResourceLifecycle;
  data: T;
  /** When a deletion was asked (ms). */
  deletedAt?: number;
}

/** An update of a resource in progress or done: its own lifecycle, shown in `latest...Update`. */
export interface UpdateRecord<T> {
  readonly lifecycle: ResourceLifecycle;
  readonly data: T;
  readonly created: number;
  /** Whether its result is applied to the resource (once ACTIVE). */
  applied?: boolean;
}

export interface StoredDataset extends Stored<P.Dataset> { update?: UpdateRecord<P.DatasetUpdateSummary> }
export interface StoredRecommender extends Stored<P.Recommender> { update?: UpdateRecord<P.RecommenderUpdateSummary> }
export interface StoredVersion extends Stored<P.SolutionVersion> {
  /** The import jobs that were ACTIVE when training started. */
  readonly trainedOnImports: string[];
}
export interface StoredSolution extends Stored<P.Solution> {
  update?: UpdateRecord<P.SolutionUpdateSummary>;
  /** When it became ACTIVE (ms), once seen. */
  activeSince?: number;
  /** Automatic training: when the next one is due (time mode) and whether it is the first. */
  auto?: { nextDue: number; first: boolean };
}
export interface StoredCampaign extends Stored<P.Campaign> {
  update?: UpdateRecord<P.CampaignUpdateSummary>;
  /** The solution version serving now (a concrete ARN, also when the campaign follows `$LATEST`). */
  deployedVersionArn: string;
  /** With syncWithLatestSolutionVersion: the solution followed and the last version an update was started for. */
  sync?: { solutionArn: string; lastVersionArn: string };
  /** Whether UpdateCampaign was called on it: only then does DescribeCampaign return `latestCampaignUpdate`. */
  updateCalled?: boolean;
}

/** One lifecycle for the timeline: a creation, an update, a stop/start or a deletion. */
export interface Episode {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly arn: string;
  readonly startedAt: number;
  readonly lifecycle?: ResourceLifecycle;
}

/** One bar of a gantt chart: what ran from when to when. */
export interface TimelineEntry {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly arn: string;
  /** ms since epoch. */
  readonly createdAt: number;
  /** When it reached its final status (ACTIVE, INACTIVE, failed, deleted), if it has. */
  readonly readyAt?: number;
  /** Its status now. */
  readonly status: string;
}

/** The state and machinery every resource family shares. */
export class EmulatorContext {
  readonly datasetGroups = new Map<string, Stored<P.DatasetGroup>>();
  readonly schemas = new Map<string, Stored<P.DatasetSchema>>();
  readonly datasets = new Map<string, StoredDataset>();
  readonly importJobs = new Map<string, Stored<P.DatasetImportJob>>();
  readonly filters = new Map<string, Stored<P.Filter>>();
  readonly eventTrackers = new Map<string, Stored<P.EventTracker>>();
  readonly solutions = new Map<string, StoredSolution>();
  readonly solutionVersions = new Map<string, StoredVersion>();
  readonly campaigns = new Map<string, StoredCampaign>();
  readonly batchInferenceJobs = new Map<string, Stored<P.BatchInferenceJob>>();
  readonly batchSegmentJobs = new Map<string, Stored<P.BatchSegmentJob>>();
  readonly recommenders = new Map<string, StoredRecommender>();
  readonly metricAttributions = new Map<string, Stored<P.MetricAttribution>>();
  readonly dataDeletionJobs = new Map<string, Stored<P.DataDeletionJob>>();
  readonly datasetExportJobs = new Map<string, Stored<P.DatasetExportJob>>();
  /** The tags of each resource, by ARN (ListTagsForResource; DescribeX returns none). */
  readonly tags = new Map<string, Map<string, string>>();
  readonly episodes: Episode[] = [];
  private virtualClock = Date.UTC(2026, 0, 1);
  private readonly counters = new Map<string, number>();

  constructor(readonly arns: PersonalizeArns, readonly faults: FaultInjector, readonly options: ResolvedOptions) {}

  /** Every store, for settleAll and the timeline. */
  get allStores(): Array<Map<string, Stored<any>>> {
    return [this.datasetGroups, this.schemas, this.datasets, this.importJobs, this.filters, this.eventTrackers, this.solutions,
      this.solutionVersions, this.campaigns, this.batchInferenceJobs, this.batchSegmentJobs, this.recommenders, this.metricAttributions,
      this.dataDeletionJobs, this.datasetExportJobs];
  }

  /** Whether statuses follow a clock (time mode) rather than describes. */
  get timed(): boolean {
    return this.options.clock !== undefined;
  }

  /** The current time: the caller's clock, or a virtual one moving 1 s per call. */
  now(): number {
    return this.options.clock ? this.options.clock() : this.virtualClock;
  }

  /** Called once per API call. */
  advance(): void {
    if (!this.timed) this.virtualClock += 1000;
  }

  /** A fresh, repeatable number per scope (for ids). */
  next(scope: string): number {
    const value = (this.counters.get(scope) ?? 0) + 1;
    this.counters.set(scope, value);
    return value;
  }

  /** A lifecycle of this kind, starting at `at` (default now), recorded for the timeline. */
  begin(kind: ResourceKind, name: string, arn: string, statuses: string[], failure?: LifecycleFailure, at = this.now()): ResourceLifecycle {
    const lifecycle: ResourceLifecycle = this.options.clock
      ? new TimedLifecycle(statuses, at, this.options.durations[kind] * 1000, this.options.clock, failure)
      : new Lifecycle(statuses, this.options.describesPerStatus, failure, () => this.now());
    this.episodes.push({ kind, name, arn, startedAt: at, lifecycle });
    return lifecycle;
  }

  /** A new resource record; a failure rule for `operation` (or `failureReason`) makes it end CREATE FAILED. */
  store<T>(kind: ResourceKind, arn: string, name: string, operation: string, statuses: string[] | undefined, data: T,
    failureReason?: string, at = this.now()): Stored<T> {
    const failure = this.faults.failureFor(operation, name) ?? failureReason;
    const ending = failure ? { status: CREATE_FAILED, reason: failure } : undefined;
    const lifecycle = statuses ? this.begin(kind, name, arn, statuses, ending, at) : undefined;
    if (!statuses) this.episodes.push({ kind, name, arn, startedAt: at });
    const when = new Date(at);
    return { arn, name, kind, created: when, updated: when, lifecycle, data: withoutUndefined(data) };
  }

  get<T, S extends Stored<T>>(store: Map<string, S>, arn: string | undefined, what: string): S {
    const item = store.get(arn ?? '');
    if (item?.lifecycle?.status === DELETED) store.delete(item.arn);
    if (!item || item.lifecycle?.status === DELETED) throw notFound(what, String(arn));
    return item;
  }

  /** Whether a resource of that ARN exists (one whose deletion finished does not). */
  exists<T>(store: Map<string, Stored<T>>, arn: string): boolean {
    if (store.get(arn)?.lifecycle?.status === DELETED) store.delete(arn);
    return store.has(arn);
  }

  /** The resources of a store that exist (not deleted). */
  live<S extends Stored<any>>(store: Map<string, S>): S[] {
    return [...store.values()].filter((item) => item.lifecycle?.status !== DELETED);
  }

  statusOf(item: Stored<any>): string {
    return item.lifecycle?.status ?? 'ACTIVE';
  }

  /** Whether a resource is being created (pending or in progress): what the in-progress quotas count. */
  inProgress(item: Stored<any>): boolean {
    return item.lifecycle !== undefined && !item.lifecycle.settled && item.deletedAt === undefined;
  }

  /** Whether a resource was ACTIVE at a moment (time mode knows the past; describe mode only now). */
  activeAt(item: Stored<any>, time: number): boolean {
    return item.created.getTime() <= time && (item.lifecycle?.statusAt(time) ?? 'ACTIVE') === 'ACTIVE';
  }

  /** A parent must exist and be ACTIVE before a child is created from it: source: every Create* API reference. */
  activeParent<T, S extends Stored<T>>(store: Map<string, S>, arn: string | undefined, what: string): S {
    const item = this.get<T, S>(store, arn, what);
    const status = this.statusOf(item);
    if (status !== 'ACTIVE') throw inUse(`The ${what} ${item.arn} is not ACTIVE (status: ${status}).`);
    return item;
  }

  /** LimitExceededException once `count` reaches the quota: source: limits.html (see emulator-options.ts). */
  checkQuota(count: number, limit: number, what: string): void {
    if (count >= limit) throw limitExceeded(`You have reached the limit of ${limit} ${what}.`);
  }

  /**
   * Deletes a resource as the service does: it must not be in the middle of a change, nor have children
   * (`hasChildren` names them); it goes through `statuses` (DELETE PENDING, DELETE IN_PROGRESS), and then is not found.
   */
  deleteResource<T>(store: Map<string, Stored<T>>, arn: string | undefined, what: string, hasChildren?: (arn: string) => string | undefined,
    deletable = ['ACTIVE', CREATE_FAILED], statuses = DELETE_STATUSES): Record<string, never> {
    const item = this.get(store, arn, what);
    const status = this.statusOf(item);
    if (!deletable.includes(status)) throw inUse(`The ${what} ${item.arn} cannot be deleted while it is ${status}.`);
    const children = hasChildren?.(item.arn);
    if (children) throw inUse(`The ${what} ${item.arn} cannot be deleted: ${children}.`);
    item.lifecycle = this.begin('delete', item.name, item.arn, [...statuses, DELETED]);
    item.updated = new Date(this.now());
    item.deletedAt = this.now();
    return {};
  }

  /** A describe: the resource is shown as it is, then (describe mode) moves one status on. */
  view<T>(item: Stored<T>): T {
    const shown = this.peek(item);
    item.lifecycle?.observe();
    return shown;
  }

  /** The resource as it is now, without moving it on. */
  peek<T>(item: Stored<T>): T {
    const status = item.lifecycle?.status;
    const reason = item.lifecycle?.failureReason;
    return withoutUndefined({
      ...item.data,
      ...(status !== undefined ? { status } : {}),
      ...(reason !== undefined ? { failureReason: reason } : {}),
      creationDateTime: item.created,
      lastUpdatedDateTime: item.updated,
    }) as T;
  }

  /** An update as its `latest...Update` summary shows it. */
  updateView<T>(update: UpdateRecord<T>): T {
    return withoutUndefined({
      ...update.data,
      status: update.lifecycle.status,
      failureReason: update.lifecycle.failureReason,
      creationDateTime: new Date(update.created),
      lastUpdatedDateTime: new Date(update.lifecycle.endedAt ?? this.now()),
    });
  }

  summary<T>(item: Stored<T>, fields: string[]): Record<string, unknown> {
    const full = this.peek(item) as Record<string, unknown>;
    return Object.fromEntries([...fields, 'creationDateTime', 'lastUpdatedDateTime'].filter((f) => full[f] !== undefined).map((f) => [f, full[f]]));
  }

  /** A List* page: source: every List* API reference (maxResults 1-100, nextToken; InvalidNextTokenException). */
  list<S extends Stored<any>>(store: Map<string, S>, request: { maxResults?: number; nextToken?: string }, key: string,
    toSummary: (s: S) => unknown, where: (s: S) => boolean = () => true) {
    const all = this.live(store).filter(where);
    const start = request.nextToken ? Number.parseInt(request.nextToken, 10) : 0;
    if (Number.isNaN(start) || start < 0 || start > all.length) throw new PersonalizeError('InvalidNextTokenException', 'The token is not valid.');
    const size = request.maxResults ?? 100;
    const page = all.slice(start, start + size).map(toSummary);
    const next = start + size < all.length ? String(start + size) : undefined;
    return { [key]: page, ...(next ? { nextToken: next } : {}) };
  }

  /** Ids and tracking ids derived from a seed, so runs are repeatable. */
  deterministicId(seed: string, length: number): string {
    return createHash('sha256').update(seed).digest('hex').slice(0, length);
  }

  /** Every lifecycle so far, as gantt bars. */
  timeline(): TimelineEntry[] {
    return this.episodes.map((e) => ({
      kind: e.kind,
      name: e.name,
      arn: e.arn,
      createdAt: e.startedAt,
      readyAt: e.lifecycle ? e.lifecycle.endedAt : e.startedAt,
      status: e.lifecycle?.status ?? 'ACTIVE',
    }));
  }
}
