import { EmulatorContext, TimelineEntry } from './context';
import { PersonalizeEmulatorOptions, resolveOptions } from './emulator-options';
import { batchJobHandlers } from './families/batch-jobs';
import { campaignHandlers, syncCampaigns } from './families/campaigns';
import { datasetGroupHandlers } from './families/dataset-groups';
import { datasetHandlers } from './families/datasets';
import { filterAndTrackerHandlers } from './families/filters-trackers';
import { Handlers } from './families/handler';
import { lifecycleJobHandlers } from './families/lifecycle-jobs';
import { recipeHandlers } from './families/recipes';
import { recommenderHandlers } from './families/recommenders';
import { runDueAutomaticTrainings, setSolutionMetrics, solutionHandlers, startAutomaticTraining } from './families/solutions';
import { recordCreateTags, tagHandlers } from './families/tags';
import { FaultInjector } from './fault-injector';
import { PersonalizeArns } from './personalize-arns';
import { inUse, PersonalizeError } from './personalize-error';
import { spellStatuses } from './status-spelling';

export type { PersonalizeEmulatorOptions } from './emulator-options';
export type { StatusSpelling } from './status-spelling';
export type { TimelineEntry } from './context';

/** One call the emulator answered (or refused). */
export interface EmulatorCall {
  readonly operation: string;
  readonly request: Record<string, unknown>;
  readonly error?: string;
}

/**
 * An in-memory Amazon Personalize that follows the real API: operation names, request and response shapes
 * (typed with the SDK's own types), ARN formats, status strings, error names, name rules, parents that must
 * be ACTIVE, duplicate names, quotas, automatic training, and statuses that move on as the resource is described
 * (describe-count mode) or as a clock runs (time mode). Each rule cites its source; see docs/emulator.md.
 * This class only composes the resource families under `families/`.
 */
export class PersonalizeEmulator {
  /** Faults to inject. */
  readonly faults = new FaultInjector();
  /** Every call, in order. */
  readonly calls: EmulatorCall[] = [];
  /** ARN builders for this emulator's location. */
  readonly arns: PersonalizeArns;

  private readonly ctx: EmulatorContext;
  private readonly handlers: Handlers;

  constructor(options: PersonalizeEmulatorOptions = {}) {
    const resolved = resolveOptions(options);
    this.arns = new PersonalizeArns(resolved.location);
    this.ctx = new EmulatorContext(this.arns, this.faults, resolved);
    this.handlers = {
      ...datasetGroupHandlers(this.ctx),
      ...datasetHandlers(this.ctx),
      ...filterAndTrackerHandlers(this.ctx),
      ...solutionHandlers(this.ctx),
      ...campaignHandlers(this.ctx),
      ...batchJobHandlers(this.ctx),
      ...recommenderHandlers(this.ctx),
      ...lifecycleJobHandlers(this.ctx),
      ...recipeHandlers(this.ctx),
      ...tagHandlers(this.ctx),
    };
  }

  /** The operations this emulator answers, by their API names (`CreateDatasetGroup`, ...). */
  get operations(): string[] {
    return Object.keys(this.handlers);
  }

  /** Whether statuses follow the clock given to the constructor (time mode). */
  get timeMode(): boolean {
    return this.ctx.timed;
  }

  /**
   * Answers one API call, by operation name, with a camelCase request as the SDK sends it. Errors are
   * thrown as PersonalizeError with the service's error name.
   */
  call(operation: string, request: Record<string, unknown> = {}): unknown {
    const handler = this.handlers[operation];
    try {
      // Source: CommonErrors page: UnknownOperationException (HTTP 404) for an action the service does not have.
      if (!handler) throw new PersonalizeError('UnknownOperationException', `Unknown operation ${operation}`);
      this.faults.beforeCall(operation);
      this.ctx.advance();
      this.runBackgroundWork();
      const response = handler(request ?? {});
      if (operation.startsWith('Create')) recordCreateTags(this.ctx, request ?? {}, response);
      this.calls.push({ operation, request });
      if (this.faults.losesRace(operation)) {
        // What the service answers the slower of two callers: a solution version has no name to collide on,
        // so the solution is busy training the other caller's version.
        throw operation === 'CreateSolutionVersion'
          ? inUse(`Solution ${String(request.solutionArn)} already has a solution version being created.`)
          : new PersonalizeError('ResourceAlreadyExistsException', `${operation}: the resource was created by another caller a moment ago.`);
      }
      return spellStatuses(response, this.ctx.options.statusSpelling);
    } catch (error) {
      this.calls.push({ operation, request, error: (error as Error).name });
      throw error;
    }
  }

  /** How many successful calls of an operation were answered. */
  count(operation: string): number {
    return this.calls.filter((c) => c.operation === operation && !c.error).length;
  }

  /** Every successful create, update and tag call, in order. */
  mutations(): EmulatorCall[] {
    return this.calls.filter((c) => /^(Create|Update|TagResource|UntagResource)/.test(c.operation) && !c.error);
  }

  /** Moves every resource (and every update in progress) to its final status, as the passing of time would. */
  settleAll(): void {
    for (const store of this.ctx.allStores) for (const item of store.values()) item.lifecycle?.settle();
    for (const episode of this.ctx.episodes) episode.lifecycle?.settle();
  }

  /**
   * Starts an automatic training of a solution now, as the service's schedule would (describe-count mode has no
   * schedule; time mode runs it by itself). Returns the new version's ARN, or undefined when the service would skip
   * the cycle (no new interaction data since the last training). Throws ResourceInUseException while a version trains.
   */
  startAutomaticTraining(solutionArn: string): string | undefined {
    this.runBackgroundWork();
    return startAutomaticTraining(this.ctx, solutionArn);
  }

  /**
   * The import jobs that were ACTIVE when a solution version's training started (an emulator-only view: the service
   * does not report it), so a test can check that a version includes a run's data.
   */
  trainedOnImports(solutionVersionArn: string): string[] {
    const version = this.ctx.solutionVersions.get(solutionVersionArn);
    if (!version) throw new Error(`No solution version ${solutionVersionArn} in this emulator`);
    return [...version.trainedOnImports];
  }

  /**
   * Sets the metrics GetSolutionMetrics answers for a solution version (merged over the generated ones; the version
   * may not exist yet): a test hook, e.g. to make the version a campaign serves better than the next one.
   */
  setSolutionMetrics(solutionVersionArn: string, metrics: Record<string, number>): void {
    setSolutionMetrics(this.ctx, solutionVersionArn, metrics);
  }

  /**
   * What GetRecommendations needs to know of a campaign or recommender, read without moving its status on (the
   * runtime emulator's view of this service); undefined when there is none of that ARN.
   */
  servingState(arn: string): { kind: 'campaign' | 'recommender'; status: string; recipeArn?: string } | undefined {
    this.runBackgroundWork();
    if (this.ctx.exists(this.ctx.campaigns, arn)) {
      const campaign = this.ctx.campaigns.get(arn)!;
      return { kind: 'campaign', status: this.ctx.statusOf(campaign), recipeArn: this.ctx.solutionVersions.get(campaign.deployedVersionArn)?.data.recipeArn };
    }
    if (this.ctx.exists(this.ctx.recommenders, arn)) {
      const recommender = this.ctx.recommenders.get(arn)!;
      return { kind: 'recommender', status: this.ctx.statusOf(recommender), recipeArn: recommender.data.recipeArn };
    }
    return undefined;
  }

  /**
   * Every lifecycle so far (creations, updates, stops/starts, deletions), oldest first, with when it started and
   * when it reached its final status: the bars of a gantt chart.
   */
  timeline(): TimelineEntry[] {
    this.runBackgroundWork();
    return this.ctx.timeline();
  }

  /** What the service does between calls: scheduled automatic trainings (time mode), automatic campaign updates. */
  private runBackgroundWork(): void {
    if (this.ctx.timed) runDueAutomaticTrainings(this.ctx);
    syncCampaigns(this.ctx);
  }
}
