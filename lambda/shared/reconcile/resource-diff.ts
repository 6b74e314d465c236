import type { Campaign, Recommender, Solution } from '@aws-sdk/client-personalize';
import { isObject, matches, overlay } from './field-comparison';
import { CampaignServiceConfig, RecommenderServiceConfig, SolutionServiceConfig, Tag } from '../config/pipeline-config';

/** The Personalize calls that change an existing resource in place. */
export type UpdateAction = 'UpdateSolution' | 'UpdateRecommender' | 'UpdateCampaign' | 'UpdateMetricAttribution' | 'TagResource' | 'UntagResource';

/** One field whose configured value differs from the resource's. `field` is its path under `serviceConfig`. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
  /** The call that applies it; absent for a change no call takes (refused). */
  readonly action?: UpdateAction;
}

/** What differs between a configured resource and the one that exists, and how the difference is applied. */
export interface ResourceDiff {
  /** Changes the Update call applies, in config order. */
  readonly changes: FieldChange[];
  /** Changes no Update call takes: the pre-flight refuses them. */
  readonly refused: FieldChange[];
  /** The request of the Update call (without the resource's ARN); absent when nothing is to update. */
  readonly updateRequest?: Record<string, unknown>;
  /** An update is in progress (its `latest...Update` is neither ACTIVE nor failed): wait for it. */
  readonly updateUnderWay: boolean;
}

/** The tags to add and remove so that a resource has exactly the configured ones. */
export interface TagDiff {
  readonly changes: FieldChange[];
  readonly add: Tag[];
  readonly removeKeys: string[];
}

/** The service's defaults of fields a config may leave out (an absent field means the default, not a change). */
export const SERVICE_DEFAULTS = {
  /** SDK CreateSolutionRequest.performAutoTraining: "The default is True". */
  performAutoTraining: true,
  /** SDK AutoTrainingConfig.schedulingExpression: "The default is every 7 days". */
  schedulingExpression: 'rate(7 days)',
  /** SDK RecommenderConfig.minRecommendationRequestsPerSecond: "We recommend starting with 1 ... (the default)". */
  minRecommendationRequestsPerSecond: 1,
  /** SDK UpdateCampaignRequest.minProvisionedTPS / CreateCampaignRequest: "starting with 1 ... (the default)". */
  minProvisionedTPS: 1,
  /** SDK CampaignConfig.syncWithLatestSolutionVersion: "The default is False". */
  syncWithLatestSolutionVersion: false,
} as const;

/** `solutionConfig` members UpdateSolution takes (SDK SolutionUpdateConfig); every other one is fixed at creation. */
export const SOLUTION_UPDATABLE_CONFIG = ['autoTrainingConfig', 'eventsConfig'] as const;

type UpdateSummary = { status?: string };

/** The update to read the current values from: one that did not fail (ACTIVE, or in progress and about to apply). */
function liveUpdate<T extends UpdateSummary>(update: T | undefined): { update?: T; underWay: boolean } {
  if (!update?.status || /FAILED/.test(update.status)) return { underWay: false };
  return { update, underWay: update.status !== 'ACTIVE' };
}

const absentAsFalse = (value: unknown) => value ?? false;

/**
 * A solution against DescribeSolution. UpdateSolution takes `performAutoTraining`, `performIncrementalUpdate` and
 * `solutionUpdateConfig` (`autoTrainingConfig`, `eventsConfig`) (API reference, UpdateSolution); the values an
 * update set are read from `latestSolutionUpdate` (SDK SolutionUpdateSummary) when it did not fail, as the docs do not
 * say whether the solution's own fields follow it. Left out of the config: `performAutoTraining` is true and the
 * schedule `rate(7 days)` (the documented defaults); `performIncrementalUpdate` and `eventsConfig` keep their values
 * (no default is documented, and an events config cannot be removed, only replaced: updating-solution page).
 * Refused (fixed at creation): `recipeArn`, `performHPO`, `performAutoML`, `eventType`, and every other
 * `solutionConfig` member the config sets to another value.
 */
export function solutionDiff(config: SolutionServiceConfig, described: Solution): ResourceDiff {
  const { update, underWay } = liveUpdate(described.latestSolutionUpdate);
  const currentConfig = described.solutionConfig ?? {};
  const current = {
    performAutoTraining: update?.performAutoTraining ?? described.performAutoTraining ?? SERVICE_DEFAULTS.performAutoTraining,
    performIncrementalUpdate: update?.performIncrementalUpdate ?? described.performIncrementalUpdate,
    autoTrainingConfig: update?.solutionUpdateConfig?.autoTrainingConfig ?? currentConfig.autoTrainingConfig,
    eventsConfig: update?.solutionUpdateConfig?.eventsConfig ?? currentConfig.eventsConfig,
  };
  const configured = (config.solutionConfig ?? {}) as Record<string, unknown>;
  const changes: FieldChange[] = [];
  const action = 'UpdateSolution' as const;
  const autoTraining = config.performAutoTraining ?? SERVICE_DEFAULTS.performAutoTraining;
  if (autoTraining !== current.performAutoTraining) changes.push({ field: 'performAutoTraining', from: current.performAutoTraining, to: autoTraining, action });
  if (config.performIncrementalUpdate !== undefined && config.performIncrementalUpdate !== absentAsFalse(current.performIncrementalUpdate)) {
    changes.push({ field: 'performIncrementalUpdate', from: absentAsFalse(current.performIncrementalUpdate), to: config.performIncrementalUpdate, action });
  }
  // The schedule matters only while automatic training is on ("to use when performAutoTraining is true": SDK SolutionUpdateConfig).
  const configuredAuto = isObject(configured.autoTrainingConfig) ? configured.autoTrainingConfig : {};
  const schedule = (configuredAuto.schedulingExpression as string | undefined) ?? SERVICE_DEFAULTS.schedulingExpression;
  const currentSchedule = current.autoTrainingConfig?.schedulingExpression ?? SERVICE_DEFAULTS.schedulingExpression;
  if (autoTraining && schedule !== currentSchedule) {
    changes.push({ field: 'solutionConfig.autoTrainingConfig.schedulingExpression', from: currentSchedule, to: schedule, action });
  }
  if (configured.eventsConfig !== undefined && !matches(configured.eventsConfig, current.eventsConfig)) {
    changes.push({ field: 'solutionConfig.eventsConfig', from: current.eventsConfig, to: configured.eventsConfig, action });
  }

  const refused: FieldChange[] = [];
  if (config.recipeArn !== undefined && config.recipeArn !== described.recipeArn) refused.push({ field: 'recipeArn', from: described.recipeArn, to: config.recipeArn });
  for (const flag of ['performHPO', 'performAutoML'] as const) {
    const [from, to] = [absentAsFalse(described[flag]), absentAsFalse(config[flag])];
    if (from !== to) refused.push({ field: flag, from, to });
  }
  if ((config.eventType ?? '') !== (described.eventType ?? '')) refused.push({ field: 'eventType', from: described.eventType, to: config.eventType });
  for (const [key, value] of Object.entries(configured)) {
    if ((SOLUTION_UPDATABLE_CONFIG as readonly string[]).includes(key)) continue;
    const was = (currentConfig as Record<string, unknown>)[key];
    if (!matches(value, was)) refused.push({ field: `solutionConfig.${key}`, from: was, to: value });
  }

  // The current values of what did not change go along, so the update changes only what the config changed.
  const incremental = config.performIncrementalUpdate ?? current.performIncrementalUpdate;
  const events = configured.eventsConfig ?? current.eventsConfig;
  const solutionUpdateConfig = {
    ...(autoTraining && (current.autoTrainingConfig || configured.autoTrainingConfig || schedule !== currentSchedule)
      ? { autoTrainingConfig: { ...current.autoTrainingConfig, ...configuredAuto, schedulingExpression: schedule } } : {}),
    ...(events !== undefined ? { eventsConfig: events } : {}),
  };
  const updateRequest = changes.length === 0 ? undefined : {
    performAutoTraining: autoTraining,
    ...(incremental !== undefined ? { performIncrementalUpdate: incremental } : {}),
    ...(Object.keys(solutionUpdateConfig).length > 0 ? { solutionUpdateConfig } : {}),
  };
  return { changes, refused, updateRequest, updateUnderWay: underWay };
}

/**
 * A recommender against DescribeRecommender. UpdateRecommender takes the whole `recommenderConfig`
 * (`minRecommendationRequestsPerSecond`, `itemExplorationConfig`, `enableMetadataWithRecommendations`,
 * `trainingDataConfig`: API reference, UpdateRecommender), so the request is the current config with the configured
 * members laid over it; values an update set are read from `latestRecommenderUpdate` (SDK RecommenderUpdateSummary)
 * when it did not fail. Left out: `minRecommendationRequestsPerSecond` is 1 (the documented default); every other
 * member keeps its value (no default documented). Refused: `recipeArn`.
 */
export function recommenderDiff(config: RecommenderServiceConfig, described: Recommender): ResourceDiff {
  const { update, underWay } = liveUpdate(described.latestRecommenderUpdate);
  const current = (update?.recommenderConfig ?? described.recommenderConfig ?? {}) as Record<string, unknown>;
  const configured = (config.recommenderConfig ?? {}) as Record<string, unknown>;
  const action = 'UpdateRecommender' as const;
  const changes: FieldChange[] = [];
  const rate = 'minRecommendationRequestsPerSecond';
  const wanted: Record<string, unknown> = { ...configured, [rate]: configured[rate] ?? SERVICE_DEFAULTS.minRecommendationRequestsPerSecond };
  const was: Record<string, unknown> = { ...current, [rate]: current[rate] ?? SERVICE_DEFAULTS.minRecommendationRequestsPerSecond };
  for (const [key, value] of Object.entries(wanted)) {
    if (!matches(value, was[key])) changes.push({ field: `recommenderConfig.${key}`, from: was[key], to: value, action });
  }
  const refused: FieldChange[] = config.recipeArn !== described.recipeArn ? [{ field: 'recipeArn', from: described.recipeArn, to: config.recipeArn }] : [];
  const updateRequest = changes.length === 0 ? undefined : { recommenderConfig: overlay(current, wanted) };
  return { changes, refused, updateRequest, updateUnderWay: underWay };
}

/**
 * A campaign against DescribeCampaign, for the solution version it should serve (`target`: a version ARN, or
 * `<solutionArn>/$LATEST` when it follows the latest version). UpdateCampaign takes `solutionVersionArn`,
 * `minProvisionedTPS` and `campaignConfig` (API reference, UpdateCampaign); the request carries the current
 * `campaignConfig` with the configured members laid over it. Values an update set are read from
 * `latestCampaignUpdate` (SDK CampaignUpdateSummary) when it did not fail. Left out: `minProvisionedTPS` is 1 and
 * `syncWithLatestSolutionVersion` false (the documented defaults); every other `campaignConfig` member keeps its value.
 * A campaign that follows `$LATEST` is on target whichever version it serves now.
 */
export function campaignDiff(config: CampaignServiceConfig, described: Campaign, target: string): ResourceDiff {
  const { update, underWay } = liveUpdate(described.latestCampaignUpdate);
  const currentConfig = (update?.campaignConfig ?? described.campaignConfig ?? {}) as Record<string, unknown>;
  const configured = (config.campaignConfig ?? {}) as Record<string, unknown>;
  const action = 'UpdateCampaign' as const;
  const changes: FieldChange[] = [];
  const sync = 'syncWithLatestSolutionVersion';
  const currentVersion = update?.solutionVersionArn ?? described.solutionVersionArn;
  const following = currentConfig[sync] === true && target.endsWith('/$LATEST') && String(currentVersion).startsWith(target.slice(0, -'$LATEST'.length));
  if (target && currentVersion !== target && !following) changes.push({ field: 'solutionVersionArn', from: currentVersion, to: target, action });
  const tps = config.minProvisionedTPS ?? SERVICE_DEFAULTS.minProvisionedTPS;
  const currentTps = update?.minProvisionedTPS ?? described.minProvisionedTPS ?? SERVICE_DEFAULTS.minProvisionedTPS;
  if (tps !== currentTps) changes.push({ field: 'minProvisionedTPS', from: currentTps, to: tps, action });
  const wanted: Record<string, unknown> = { ...configured, [sync]: configured[sync] ?? SERVICE_DEFAULTS.syncWithLatestSolutionVersion };
  const was: Record<string, unknown> = { ...currentConfig, [sync]: currentConfig[sync] ?? SERVICE_DEFAULTS.syncWithLatestSolutionVersion };
  for (const [key, value] of Object.entries(wanted)) {
    if (!matches(value, was[key])) changes.push({ field: `campaignConfig.${key}`, from: was[key], to: value, action });
  }
  const updateRequest = changes.length === 0 ? undefined : {
    ...(target ? { solutionVersionArn: target } : {}),
    minProvisionedTPS: tps,
    campaignConfig: overlay(currentConfig, wanted),
  };
  return { changes, refused: [], updateRequest, updateUnderWay: underWay };
}

/**
 * The tags to add (TagResource) and remove (UntagResource) so that a resource has the configured ones. A config
 * without `tags` leaves the resource's tags alone (tags set by others, e.g. a tag policy, are not removed); `tags: []`
 * removes every tag. Keys with the `aws:` prefix are the service's and never removed.
 */
export function tagDiff(configured: readonly Tag[] | undefined, current: ReadonlyArray<{ tagKey?: string; tagValue?: string }>): TagDiff {
  if (configured === undefined) return { changes: [], add: [], removeKeys: [] };
  const now = new Map(current.map((t) => [t.tagKey ?? '', t.tagValue ?? '']));
  const wanted = new Map(configured.map((t) => [t.tagKey, t.tagValue ?? '']));
  const add = [...wanted].filter(([key, value]) => now.get(key) !== value).map(([tagKey, tagValue]) => ({ tagKey, tagValue }));
  const removeKeys = [...now.keys()].filter((key) => !wanted.has(key) && !key.startsWith('aws:'));
  const changes: FieldChange[] = [
    ...add.map((t) => ({ field: `tags.${t.tagKey}`, from: now.get(t.tagKey), to: t.tagValue, action: 'TagResource' as const })),
    ...removeKeys.map((key) => ({ field: `tags.${key}`, from: now.get(key), to: undefined, action: 'UntagResource' as const })),
  ];
  return { changes, add, removeKeys };
}
