import type * as P from '@aws-sdk/client-personalize';
import { EmulatorContext, StoredSolution, StoredVersion } from '../context';
import { FIRST_AUTOMATIC_TRAINING_DELAY_SECONDS } from '../emulator-options';
import { CREATE_FAILED, CREATE_STATUSES } from '../lifecycle';
import { alreadyExists, inUse, invalidInput, notFound } from '../personalize-error';
import { metricsOfRecipe, recipeNameOf, RECIPES } from '../recipes';
import { checkName, checkTags, schedulingIntervalDays, withoutUndefined } from '../validation';
import { Handlers } from './handler';

const DAY_MS = 24 * 3600 * 1000;
/** Statuses of a version still training: source: API_SolutionVersion `status`. */
const TRAINING = ['CREATE PENDING', 'CREATE IN_PROGRESS', 'CREATE STOPPING'];

/** The versions of a solution, in creation order. */
export function versionsOf(ctx: EmulatorContext, solutionArn: string): StoredVersion[] {
  return [...ctx.solutionVersions.values()].filter((v) => v.data.solutionArn === solutionArn);
}

/** The newest ACTIVE version of a solution (what `<solutionArn>/$LATEST` resolves to). */
export function latestActiveVersion(ctx: EmulatorContext, solutionArn: string): StoredVersion | undefined {
  return versionsOf(ctx, solutionArn).filter((v) => ctx.statusOf(v) === 'ACTIVE').pop();
}

const trainingAt = (v: StoredVersion, time: number) =>
  v.created.getTime() <= time && TRAINING.includes(v.lifecycle?.statusAt(time) ?? 'ACTIVE');

/** The interactions dataset a recipe trains on: source: solution-config-auto-training page (item interactions, or action interactions for Next-Best-Action). */
function interactionsType(recipeArn: string | undefined): string {
  return recipeNameOf(recipeArn) === 'aws-next-best-action' ? 'ACTION_INTERACTIONS' : 'INTERACTIONS';
}

/** The import jobs of a dataset group's datasets of a type (all types when absent) ACTIVE at a moment. */
function importsActiveAt(ctx: EmulatorContext, datasetGroupArn: string, time: number, type?: string) {
  const datasets = [...ctx.datasets.values()].filter((d) => d.data.datasetGroupArn === datasetGroupArn && (!type || d.data.datasetType === type));
  return [...ctx.importJobs.values()].filter((j) => datasets.some((d) => d.arn === j.data.datasetArn) && ctx.activeAt(j, time));
}

/** Starts training a version (manual or automatic) at `at`. */
function train(ctx: EmulatorContext, solution: StoredSolution, options: {
  name?: string; mode: P.TrainingMode; type: P.TrainingType; at: number;
}): StoredVersion {
  const id = ctx.deterministicId(`${solution.arn}#${ctx.next('solution-version')}`, 8);
  const arn = ctx.arns.solutionVersion(solution.name, id);
  const groupArn = solution.data.datasetGroupArn!;
  const type = interactionsType(solution.data.recipeArn);
  // Training fails without imported interactions: source: limits.html (minimum 1000 interactions to train).
  const problem = importsActiveAt(ctx, groupArn, options.at, type).length ? undefined
    : `Insufficient data: the ${type} dataset of ${groupArn} has no imported records.`;
  const record = ctx.store('solutionVersion', arn, options.name ?? id, 'CreateSolutionVersion', CREATE_STATUSES, {
    solutionVersionArn: arn,
    name: options.name,
    solutionArn: solution.arn,
    recipeArn: solution.data.recipeArn,
    datasetGroupArn: groupArn,
    trainingMode: options.mode,
    trainingType: options.type,
    performHPO: solution.data.performHPO,
    eventType: solution.data.eventType,
  }, problem, options.at);
  const version: StoredVersion = { ...record, trainedOnImports: importsActiveAt(ctx, groupArn, options.at).map((j) => j.arn) };
  ctx.solutionVersions.set(arn, version);
  return version;
}

/**
 * Whether an automatic training may start at `time`: source: solution-config-auto-training page ("Automatic training
 * occurs only if you imported bulk or real-time interaction data since the last training"). Real-time events are not
 * emulated, so only ACTIVE imports count.
 */
function hasNewData(ctx: EmulatorContext, solution: StoredSolution, time: number): boolean {
  const previous = versionsOf(ctx, solution.arn).filter((v) => v.created.getTime() <= time).map((v) => v.created.getTime());
  const since = previous.length ? Math.max(...previous) : -Infinity;
  return importsActiveAt(ctx, solution.data.datasetGroupArn!, time, interactionsType(solution.data.recipeArn))
    .some((j) => (j.lifecycle?.endedAt ?? j.created.getTime()) > since);
}

/**
 * A finished solution update takes effect: source: updating-solution page ("Until the update completes, the solution
 * uses the previous configuration"). Automatic training turned on starts within one hour after the update completes,
 * and a new frequency resets the schedule with a training within the hour (same page).
 */
export function applySolutionUpdate(ctx: EmulatorContext, solution: StoredSolution): void {
  const update = solution.update;
  if (!update || update.applied || update.lifecycle.status !== 'ACTIVE') return;
  update.applied = true;
  const before = solution.data;
  const { performAutoTraining, performIncrementalUpdate, solutionUpdateConfig } = update.data;
  const solutionConfig = withoutUndefined({
    ...before.solutionConfig,
    autoTrainingConfig: solutionUpdateConfig?.autoTrainingConfig ?? before.solutionConfig?.autoTrainingConfig,
    // "If the solution already has an events configuration specified, the new events config will replace the original one."
    eventsConfig: solutionUpdateConfig?.eventsConfig ?? before.solutionConfig?.eventsConfig,
  });
  solution.data = withoutUndefined({
    ...before,
    performAutoTraining: performAutoTraining ?? before.performAutoTraining,
    performIncrementalUpdate: performIncrementalUpdate ?? before.performIncrementalUpdate,
    solutionConfig,
  });
  const turnedOn = before.performAutoTraining === false && solution.data.performAutoTraining !== false;
  const schedule = (c: P.SolutionConfig | undefined) => schedulingIntervalDays(c?.autoTrainingConfig?.schedulingExpression);
  const rescheduled = schedule(before.solutionConfig) !== schedule(solution.data.solutionConfig);
  if (solution.data.performAutoTraining !== false && (turnedOn || rescheduled)) {
    const ended = update.lifecycle.endedAt ?? ctx.now();
    solution.auto = { nextDue: ended + FIRST_AUTOMATIC_TRAINING_DELAY_SECONDS * 1000, first: turnedOn };
  }
}

/** Time mode: runs the automatic trainings due by now (source: CreateSolutionRequest.performAutoTraining, SDK doc). */
export function runDueAutomaticTrainings(ctx: EmulatorContext): void {
  const now = ctx.now();
  for (const solution of ctx.solutions.values()) {
    applySolutionUpdate(ctx, solution);
    if (solution.activeSince === undefined && solution.deletedAt === undefined && ctx.statusOf(solution) === 'ACTIVE') {
      solution.activeSince = solution.lifecycle?.endedAt ?? solution.created.getTime();
    }
    if (solution.data.performAutoTraining === false || solution.activeSince === undefined) continue;
    const since = solution.activeSince;
    // First within one hour after ACTIVE; then every schedulingExpression (default 7 days): source: API_AutoTrainingConfig.
    solution.auto ??= { nextDue: since + FIRST_AUTOMATIC_TRAINING_DELAY_SECONDS * 1000, first: true };
    const interval = schedulingIntervalDays(solution.data.solutionConfig?.autoTrainingConfig?.schedulingExpression) * DAY_MS;
    for (let guard = 0; solution.auto.nextDue <= now && guard < 10_000; guard++) {
      const due: number = solution.auto.nextDue;
      if (solution.deletedAt !== undefined && solution.deletedAt <= due) break;
      const versions = versionsOf(ctx, solution.arn);
      // "If you manually create a solution version within the hour, the solution skips the first automatic training."
      const skipFirst = solution.auto.first && versions.some((v) => v.data.trainingType === 'MANUAL' && v.created.getTime() >= since && v.created.getTime() <= due);
      // Strict (docs silent): a cycle that finds a version still training is skipped.
      const busy = versions.some((v) => trainingAt(v, due));
      if (!skipFirst && !busy && hasNewData(ctx, solution, due)) train(ctx, solution, { mode: 'AUTOTRAIN', type: 'AUTOMATIC', at: due });
      solution.auto = { nextDue: due + interval, first: false };
    }
  }
}

/**
 * Starts an automatic training now (describe-count mode has no schedule): the version is AUTOMATIC / AUTOTRAIN.
 * Refused like CreateSolutionVersion while a version trains; undefined when there is no new interaction data since
 * the last training (the service then skips the cycle).
 */
export function startAutomaticTraining(ctx: EmulatorContext, solutionArn: string): string | undefined {
  const solution = ctx.activeParent(ctx.solutions, solutionArn, 'solution');
  applySolutionUpdate(ctx, solution);
  if (solution.data.performAutoTraining === false) throw invalidInput(`Solution ${solution.arn} does not use automatic training (performAutoTraining is false).`);
  if (versionsOf(ctx, solution.arn).some((v) => ctx.inProgress(v))) throw inUse(`Solution ${solution.arn} already has a solution version being created.`);
  if (!hasNewData(ctx, solution, ctx.now())) return undefined;
  return train(ctx, solution, { mode: 'AUTOTRAIN', type: 'AUTOMATIC', at: ctx.now() }).arn;
}

/** Where each metric's generated value starts (emulator-only; the version adds up to 0.1, from its ARN). */
const METRIC_BASES: Record<string, number> = {
  coverage: 0.2,
  mean_reciprocal_rank_at_25: 0.1,
  normalized_discounted_cumulative_gain_at_5: 0.12,
  normalized_discounted_cumulative_gain_at_10: 0.15,
  normalized_discounted_cumulative_gain_at_25: 0.2,
  precision_at_5: 0.05,
  precision_at_10: 0.04,
  precision_at_25: 0.03,
  average_rewards_at_k: 0.6,
  normalized_discounted_cumulative_gain_with_event_weights_at_k: 0.15,
  trend_prediction_accuracy: 0.3,
  hit: 0.25,
  recall: 0.2,
  precision: 0.35,
  area_under_the_curve: 0.7,
};

/** Metrics a test set for a version (emulator-only), by context, then by version ARN. */
const metricOverrides = new WeakMap<EmulatorContext, Map<string, Record<string, number>>>();

/** Sets metrics of a solution version (merged over the generated ones), existing or not yet: a test hook. */
export function setSolutionMetrics(ctx: EmulatorContext, solutionVersionArn: string, metrics: Record<string, number>): void {
  if (!metricOverrides.has(ctx)) metricOverrides.set(ctx, new Map());
  const overrides = metricOverrides.get(ctx)!;
  overrides.set(solutionVersionArn, { ...overrides.get(solutionVersionArn), ...metrics });
}

/** Solutions, solution versions, metrics. */
export function solutionHandlers(ctx: EmulatorContext): Handlers {
  return {
    CreateSolution: (r: P.CreateSolutionRequest): P.CreateSolutionResponse => {
      checkName(r.name, 'name');
      const group = ctx.activeParent(ctx.datasetGroups, r.datasetGroupArn, 'dataset group');
      if (!r.performAutoML) {
        const recipe = recipeNameOf(r.recipeArn);
        if (!recipe) throw invalidInput(`Invalid recipeArn ${r.recipeArn}.`);
        // Source: API_DescribeRecipe: an unknown recipe is not found (strict: the same for CreateSolution).
        if (!RECIPES[recipe]) throw notFound('recipe', String(r.recipeArn));
        if (RECIPES[recipe].domain) throw invalidInput(`Recipe ${r.recipeArn} is a domain use case: create a recommender, not a solution.`);
      }
      // Source: CreateSolutionRequest.performAutoTraining: "The default is True".
      const performAutoTraining = r.performAutoTraining ?? true;
      if (performAutoTraining) schedulingIntervalDays(r.solutionConfig?.autoTrainingConfig?.schedulingExpression);
      checkTags(r.tags);
      // Names are unique per account and region: source: the ARN is `solution/<name>`.
      const arn = ctx.arns.solution(r.name!);
      if (ctx.exists(ctx.solutions, arn)) throw alreadyExists('Solution', arn);
      ctx.checkQuota(ctx.live(ctx.solutions).filter((s) => s.data.datasetGroupArn === group.arn).length, ctx.options.quotas.solutionsPerDatasetGroup,
        `active solutions in dataset group ${group.arn}`);
      ctx.solutions.set(arn, ctx.store('solution', arn, r.name!, 'CreateSolution', CREATE_STATUSES, {
        solutionArn: arn,
        name: r.name,
        datasetGroupArn: group.arn,
        recipeArn: r.recipeArn,
        eventType: r.eventType,
        performHPO: r.performHPO ?? false,
        performAutoML: r.performAutoML ?? false,
        performAutoTraining,
        solutionConfig: r.solutionConfig,
      }));
      return { solutionArn: arn };
    },
    DescribeSolution: (r: P.DescribeSolutionRequest): P.DescribeSolutionResponse => {
      const stored = ctx.get(ctx.solutions, r.solutionArn, 'solution');
      applySolutionUpdate(ctx, stored);
      const solution = ctx.view(stored);
      // Source: SDK Solution.latestSolutionUpdate (SolutionUpdateSummary): returned once the solution had an update.
      const update = stored.update;
      const latestSolutionUpdate = update ? ctx.updateView(update) : undefined;
      update?.lifecycle.observe();
      const latest = versionsOf(ctx, solution.solutionArn!).pop();
      if (!latest) return { solution: withoutUndefined({ ...solution, latestSolutionUpdate }) };
      const { solutionVersionArn, status, trainingMode, trainingType, failureReason, creationDateTime, lastUpdatedDateTime } = ctx.peek(latest);
      const latestSolutionVersion = { solutionVersionArn, status, trainingMode, trainingType, failureReason, creationDateTime, lastUpdatedDateTime };
      return { solution: withoutUndefined({ ...solution, latestSolutionVersion, latestSolutionUpdate }) };
    },
    /**
     * Source: API_UpdateSolution (performAutoTraining, performIncrementalUpdate, solutionUpdateConfig: autoTrainingConfig,
     * eventsConfig); progress in latestSolutionUpdate (CREATE PENDING > CREATE IN_PROGRESS > ACTIVE -or- CREATE FAILED).
     * The solution must be ACTIVE and one update runs at a time (strict: docs silent). A training under way does not
     * block it (inferred: updating-solution page, "While the update is in progress, you can create solution versions").
     */
    UpdateSolution: (r: P.UpdateSolutionRequest): P.UpdateSolutionResponse => {
      const solution = ctx.activeParent(ctx.solutions, r.solutionArn, 'solution');
      applySolutionUpdate(ctx, solution);
      if (solution.update && !solution.update.lifecycle.settled) throw inUse(`Solution ${solution.arn} is already being updated.`);
      if (r.solutionUpdateConfig?.autoTrainingConfig) schedulingIntervalDays(r.solutionUpdateConfig.autoTrainingConfig.schedulingExpression);
      // SDK UpdateSolutionRequest.performIncrementalUpdate: "supported only for solutions that use the semantic-similarity recipe".
      if (r.performIncrementalUpdate && recipeNameOf(solution.data.recipeArn) !== 'aws-semantic-similarity') {
        throw invalidInput(`performIncrementalUpdate is supported only for solutions of the semantic-similarity recipe, not ${solution.data.recipeArn}.`);
      }
      const reason = ctx.faults.failureFor('UpdateSolution', solution.name);
      const lifecycle = ctx.begin('solutionUpdate', solution.name, solution.arn, CREATE_STATUSES, reason ? { status: CREATE_FAILED, reason } : undefined);
      const { performAutoTraining, performIncrementalUpdate, solutionUpdateConfig } = r;
      const data = withoutUndefined({ performAutoTraining, performIncrementalUpdate, solutionUpdateConfig });
      solution.update = { lifecycle, data, created: ctx.now() };
      return { solutionArn: solution.arn };
    },
    ListSolutions: (r: P.ListSolutionsRequest) => ctx.list(ctx.solutions, r, 'solutions', (s) => ctx.summary(s, ['solutionArn', 'name', 'status', 'recipeArn']),
      (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
    // Source: API_DeleteSolution: delete its campaigns first; not while a version is CREATE PENDING or IN PROGRESS.
    // Updating-solution page: "While the update is in progress, ... you can't delete the solution."
    DeleteSolution: (r: P.DeleteSolutionRequest) => ctx.deleteResource(ctx.solutions, r.solutionArn, 'solution', (arn) => {
      const update = ctx.solutions.get(arn)?.update;
      if (update && !update.lifecycle.settled) return 'a solution update is in progress';
      const campaigns = ctx.live(ctx.campaigns).filter((c) => c.deployedVersionArn.startsWith(`${arn}/`) || c.sync?.solutionArn === arn);
      if (campaigns.length) return `campaigns ${campaigns.map((c) => c.arn).join(', ')} use it`;
      const training = versionsOf(ctx, arn).filter((v) => ctx.inProgress(v));
      return training.length ? `solution version ${training.map((v) => v.arn).join(', ')} is being created` : undefined;
    }),

    CreateSolutionVersion: (r: P.CreateSolutionVersionRequest): P.CreateSolutionVersionResponse => {
      if (r.name !== undefined) checkName(r.name, 'name');
      const solution = ctx.activeParent(ctx.solutions, r.solutionArn, 'solution');
      // Source: CreateSolutionVersionRequest.trainingMode (FULL default; UPDATE only for User-Personalization or HRNN-Coldstart).
      const mode = r.trainingMode ?? 'FULL';
      if (!['FULL', 'UPDATE'].includes(mode)) throw invalidInput(`Invalid trainingMode ${mode}.`);
      const versions = versionsOf(ctx, solution.arn);
      // One training per solution at a time (ResourceInUseException): source: CreateSolutionVersion errors; strict message.
      if (versions.some((v) => ctx.inProgress(v))) throw inUse(`Solution ${solution.arn} already has a solution version being created.`);
      if (mode === 'UPDATE') {
        const recipe = recipeNameOf(solution.data.recipeArn);
        if (!recipe || !RECIPES[recipe]?.supportsUpdate) throw invalidInput(`trainingMode UPDATE is not supported for recipe ${solution.data.recipeArn}.`);
        // "only when you already have an active solution version created from the input solution using the FULL option".
        if (!versions.some((v) => ctx.statusOf(v) === 'ACTIVE' && v.data.trainingMode === 'FULL')) {
          throw invalidInput(`trainingMode UPDATE needs an ACTIVE solution version trained with FULL for solution ${solution.arn}.`);
        }
      }
      checkTags(r.tags);
      ctx.checkQuota(ctx.live(ctx.solutionVersions).filter((v) => ctx.inProgress(v)).length, ctx.options.quotas.inProgressSolutionVersions,
        'pending or in progress solution versions');
      return { solutionVersionArn: train(ctx, solution, { name: r.name, mode: mode as P.TrainingMode, type: 'MANUAL', at: ctx.now() }).arn };
    },
    DescribeSolutionVersion: (r: P.DescribeSolutionVersionRequest): P.DescribeSolutionVersionResponse =>
      ({ solutionVersion: ctx.view(ctx.get(ctx.solutionVersions, r.solutionVersionArn, 'solution version')) }),
    // Order is not documented (API_ListSolutionVersions): creation order, oldest first (strict: "first" is not "newest").
    ListSolutionVersions: (r: P.ListSolutionVersionsRequest) => ctx.list(ctx.solutionVersions, r, 'solutionVersions',
      (s) => ctx.summary(s, ['solutionVersionArn', 'status', 'trainingMode', 'trainingType', 'failureReason']), (s) => !r.solutionArn || s.data.solutionArn === r.solutionArn),
    // Source: API_StopSolutionVersionCreation: CREATE_PENDING > CREATE_STOPPED, CREATE_IN_PROGRESS > CREATE_STOPPING > CREATE_STOPPED.
    StopSolutionVersionCreation: (r: P.StopSolutionVersionCreationRequest) => {
      const version = ctx.get(ctx.solutionVersions, r.solutionVersionArn, 'solution version');
      const status = ctx.statusOf(version);
      // Strict (docs silent on the error): stopping a version that is not training is ResourceInUseException.
      if (status !== 'CREATE PENDING' && status !== 'CREATE IN_PROGRESS') throw inUse(`Solution version ${version.arn} is ${status}: only a version in CREATE PENDING or CREATE IN_PROGRESS can be stopped.`);
      // Spelled with spaces as API_SolutionVersion `status` lists them (the Stop page writes CREATE_STOPPING).
      const statuses = status === 'CREATE PENDING' ? ['CREATE STOPPED'] : ['CREATE STOPPING', 'CREATE STOPPED'];
      version.lifecycle = ctx.begin('solutionVersionStop', version.name, version.arn, statuses);
      version.updated = new Date(ctx.now());
      return {};
    },
    GetSolutionMetrics: (r: P.GetSolutionMetricsRequest): P.GetSolutionMetricsResponse => {
      const version = ctx.get(ctx.solutionVersions, r.solutionVersionArn, 'solution version');
      if (ctx.statusOf(version) !== 'ACTIVE') throw inUse(`Solution version ${version.arn} is not ACTIVE.`);
      const seed = parseInt(ctx.deterministicId(version.arn, 6), 16) / 0xffffff;
      const metric = (base: number) => Math.round((base + seed * 0.1) * 10000) / 10000;
      // Which metrics: the version's recipe's (source: working-with-training-metrics page; see recipes.ts metricsOfRecipe).
      const solution = ctx.solutions.get(version.data.solutionArn ?? '')?.data;
      const reported = metricsOfRecipe(solution?.performAutoML ? undefined : solution?.recipeArn, solution?.solutionConfig);
      return {
        solutionVersionArn: version.arn,
        metrics: {
          ...Object.fromEntries(reported.map((name) => [name, metric(METRIC_BASES[name] ?? 0.1)])),
          ...metricOverrides.get(ctx)?.get(version.arn),
        },
      };
    },
  };
}
