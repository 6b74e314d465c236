import type * as P from '@aws-sdk/client-personalize';
import { EmulatorContext, StoredRecommender } from '../context';
import { CREATE_FAILED, CREATE_STATUSES, START_STATUSES, STOP_STATUSES } from '../lifecycle';
import { alreadyExists, inUse, invalidInput, notFound } from '../personalize-error';
import { recipeNameOf, RECIPES } from '../recipes';
import { checkName, checkTags } from '../validation';
import { Handlers } from './handler';

/** Recommenders of domain dataset groups: create, stop/start, update, describe, list, delete. */
export function recommenderHandlers(ctx: EmulatorContext): Handlers {
  const applyUpdate = (recommender: StoredRecommender): void => {
    const update = recommender.update;
    if (!update || update.applied || update.lifecycle.status !== 'ACTIVE') return;
    update.applied = true;
    recommender.data = { ...recommender.data, recommenderConfig: update.data.recommenderConfig };
  };

  /** Moves an ACTIVE recommender to INACTIVE or back, as its own lifecycle. */
  const transition = (arn: string | undefined, from: string, kind: 'recommenderStop' | 'recommenderStart', statuses: string[], verb: string) => {
    const recommender = ctx.get(ctx.recommenders, arn, 'recommender');
    const status = ctx.statusOf(recommender);
    // Strict (docs: "Stops a recommender that is ACTIVE" / "Starts a recommender that is INACTIVE"; the error is not
    // named): any other status is ResourceInUseException, the modeled "resource is in use" error of both operations.
    if (status !== from) throw inUse(`Recommender ${recommender.arn} is ${status}: only a recommender that is ${from} can be ${verb}.`);
    recommender.lifecycle = ctx.begin(kind, recommender.name, recommender.arn, statuses);
    recommender.updated = new Date(ctx.now());
    return { recommenderArn: recommender.arn };
  };

  return {
    CreateRecommender: (r: P.CreateRecommenderRequest): P.CreateRecommenderResponse => {
      checkName(r.name, 'name');
      const group = ctx.activeParent(ctx.datasetGroups, r.datasetGroupArn, 'dataset group');
      if (!group.data.domain) throw invalidInput(`Dataset group ${group.arn} is not a domain dataset group: recommenders need one.`);
      const name = recipeNameOf(r.recipeArn);
      if (!name) throw invalidInput(`Invalid recipeArn ${r.recipeArn}.`);
      const recipe = RECIPES[name];
      // Source: API_DescribeRecipe (unknown recipe: not found); use cases by domain: VIDEO_ON_DEMAND / ECOMMERCE use-cases pages.
      if (!recipe) throw notFound('recipe', String(r.recipeArn));
      if (recipe.domain !== group.data.domain) throw invalidInput(`Recipe ${r.recipeArn} is not a ${group.data.domain} use case.`);
      checkTags(r.tags);
      // Names are unique per account and region: source: the ARN is `recommender/<name>`.
      const arn = ctx.arns.recommender(r.name!);
      if (ctx.exists(ctx.recommenders, arn)) throw alreadyExists('Recommender', arn);
      const inGroup = ctx.live(ctx.recommenders).filter((x) => x.data.datasetGroupArn === group.arn).length;
      ctx.checkQuota(inGroup, ctx.options.quotas.recommendersPerDatasetGroup,
        `recommenders in dataset group ${group.arn}`);
      ctx.recommenders.set(arn, ctx.store('recommender', arn, r.name!, 'CreateRecommender', CREATE_STATUSES, {
        recommenderArn: arn,
        name: r.name,
        datasetGroupArn: group.arn,
        recipeArn: r.recipeArn,
        recommenderConfig: r.recommenderConfig ?? { minRecommendationRequestsPerSecond: 1 },
      }));
      return { recommenderArn: arn };
    },
    DescribeRecommender: (r: P.DescribeRecommenderRequest): P.DescribeRecommenderResponse => {
      const recommender = ctx.get(ctx.recommenders, r.recommenderArn, 'recommender');
      applyUpdate(recommender);
      const view = ctx.view(recommender);
      if (!recommender.update) return { recommender: view };
      const latestRecommenderUpdate = ctx.updateView(recommender.update);
      recommender.update.lifecycle.observe();
      return { recommender: { ...view, latestRecommenderUpdate } };
    },
    ListRecommenders: (r: P.ListRecommendersRequest) => ctx.list(ctx.recommenders, r, 'recommenders',
      (s) => ctx.summary(s, ['recommenderArn', 'name', 'recipeArn', 'status', 'datasetGroupArn']), (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
    // Source: API_StopRecommender + stopping-starting-recommender page: ACTIVE > STOP PENDING > STOP IN_PROGRESS > INACTIVE.
    StopRecommender: (r: P.StopRecommenderRequest): P.StopRecommenderResponse => transition(r.recommenderArn, 'ACTIVE', 'recommenderStop', STOP_STATUSES, 'stopped'),
    // Source: API_StartRecommender + same page: INACTIVE > START PENDING > START IN_PROGRESS > ACTIVE.
    StartRecommender: (r: P.StartRecommenderRequest): P.StartRecommenderResponse => transition(r.recommenderArn, 'INACTIVE', 'recommenderStart', START_STATUSES, 'started'),
    // Source: API_UpdateRecommender; progress in latestRecommenderUpdate (API_RecommenderUpdateSummary: CREATE PENDING > CREATE IN_PROGRESS > ACTIVE -or- CREATE FAILED).
    UpdateRecommender: (r: P.UpdateRecommenderRequest): P.UpdateRecommenderResponse => {
      const recommender = ctx.activeParent(ctx.recommenders, r.recommenderArn, 'recommender');
      applyUpdate(recommender);
      if (!r.recommenderConfig) throw invalidInput('recommenderConfig is required.');
      // Strict (docs silent): one update at a time.
      if (recommender.update && !recommender.update.lifecycle.settled) throw inUse(`Recommender ${recommender.arn} is already being updated.`);
      const reason = ctx.faults.failureFor('UpdateRecommender', recommender.name);
      const lifecycle = ctx.begin('recommenderUpdate', recommender.name, recommender.arn, CREATE_STATUSES, reason ? { status: CREATE_FAILED, reason } : undefined);
      recommender.update = { lifecycle, data: { recommenderConfig: r.recommenderConfig }, created: ctx.now() };
      return { recommenderArn: recommender.arn };
    },
    // A stopped (INACTIVE) recommender can be deleted too (strict reading of API_DeleteRecommender: no state named).
    DeleteRecommender: (r: P.DeleteRecommenderRequest) => ctx.deleteResource(ctx.recommenders, r.recommenderArn, 'recommender', undefined, ['ACTIVE', CREATE_FAILED, 'INACTIVE']),
  };
}
