import { copyOf, MEDIA, planOf, PlannerFixture, RETAIL } from './planner-fixture';
import { seedPlan } from './seed-account';
import { campaignDiff, recommenderDiff, solutionDiff, tagDiff } from '../../lambda/shared/reconcile';

const RECIPE = (name: string) => `arn:aws:personalize:::recipe/${name}`;

describe('the comparison: the service\'s defaults count, an absent field is not a change', () => {
  test('a solution: performAutoTraining absent is true, the schedule absent is rate(7 days); events config absent keeps the current one', () => {
    const described = { name: 'S', recipeArn: RECIPE('aws-user-personalization'), performAutoTraining: true, performHPO: false, solutionConfig: { eventsConfig: { eventParametersList: [{ eventType: 'click', weight: 0.5 }] } } };
    expect(solutionDiff({ name: 'S', recipeArn: RECIPE('aws-user-personalization') }, described)).toMatchObject({ changes: [], refused: [], updateRequest: undefined });
    const off = solutionDiff({ name: 'S', performAutoTraining: false }, described);
    expect(off.changes).toEqual([{ field: 'performAutoTraining', from: true, to: false, action: 'UpdateSolution' }]);
    // The events config the solution has is sent again, so the update changes only what the config changed.
    expect(off.updateRequest).toEqual({ performAutoTraining: false, solutionUpdateConfig: { eventsConfig: described.solutionConfig.eventsConfig } });
    const weekly = solutionDiff({ name: 'S', solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(7 days)' } } }, described);
    expect(weekly.changes).toEqual([]);
  });

  test('a solution: the values of an update that did not fail are the current ones; one in progress is waited for', () => {
    const described = { performAutoTraining: true, latestSolutionUpdate: { status: 'CREATE IN_PROGRESS', performAutoTraining: false } };
    expect(solutionDiff({ name: 'S', performAutoTraining: false }, described)).toMatchObject({ changes: [], updateUnderWay: true });
    const failed = { ...described, latestSolutionUpdate: { status: 'CREATE FAILED', performAutoTraining: false } };
    expect(solutionDiff({ name: 'S', performAutoTraining: false }, failed).changes).toHaveLength(1);
  });

  test('a solution: what no Update takes is refused, each field by name; hyperparameters the service filled in are not a change', () => {
    const described = {
      recipeArn: RECIPE('aws-user-personalization'),
      performHPO: false,
      eventType: 'watch',
      solutionConfig: { algorithmHyperParameters: { hidden_dimension: '100', bptt: '32' } },
    };
    expect(solutionDiff({ name: 'S', eventType: 'watch', solutionConfig: { algorithmHyperParameters: { hidden_dimension: '100' } } }, described).refused).toEqual([]);
    const refused = solutionDiff({
      name: 'S',
      recipeArn: RECIPE('aws-sims'),
      performHPO: true,
      performAutoML: false,
      solutionConfig: { algorithmHyperParameters: { hidden_dimension: '200' }, autoTrainingConfig: { schedulingExpression: 'rate(3 days)' } },
    }, described).refused.map((c) => c.field);
    expect(refused).toEqual(['recipeArn', 'performHPO', 'eventType', 'solutionConfig.algorithmHyperParameters']);
  });

  test('a recommender: the whole recommenderConfig is sent, the configured members over the current ones; 1 request per second by default', () => {
    const described = { recipeArn: RECIPE('aws-vod-most-popular'), recommenderConfig: { minRecommendationRequestsPerSecond: 1, enableMetadataWithRecommendations: true } };
    expect(recommenderDiff({ name: 'R', recipeArn: RECIPE('aws-vod-most-popular') }, described).changes).toEqual([]);
    const diff = recommenderDiff({ name: 'R', recipeArn: RECIPE('aws-vod-most-popular'), recommenderConfig: { minRecommendationRequestsPerSecond: 2 } }, described);
    expect(diff.changes).toEqual([{ field: 'recommenderConfig.minRecommendationRequestsPerSecond', from: 1, to: 2, action: 'UpdateRecommender' }]);
    expect(diff.updateRequest).toEqual({ recommenderConfig: { minRecommendationRequestsPerSecond: 2, enableMetadataWithRecommendations: true } });
  });

  test('a campaign: TPS 1 and no sync by default; "0.3" and 0.3 are one value; a campaign that follows $LATEST is on its target', () => {
    const solution = 'arn:aws:personalize:us-east-1:123456789012:solution/S';
    const described = { solutionVersionArn: `${solution}/abc`, minProvisionedTPS: 1, campaignConfig: { itemExplorationConfig: { explorationWeight: '0.3', explorationItemAgeCutOff: '30' } } };
    expect(campaignDiff({ name: 'C', campaignConfig: { itemExplorationConfig: { explorationWeight: 0.3 as any } } }, described, `${solution}/abc`).changes).toEqual([]);
    const diff = campaignDiff({ name: 'C', campaignConfig: { itemExplorationConfig: { explorationWeight: '0.5' } } }, described, `${solution}/def`);
    expect(diff.changes.map((c) => c.field)).toEqual(['solutionVersionArn', 'campaignConfig.itemExplorationConfig']);
    expect(diff.updateRequest).toEqual({
      solutionVersionArn: `${solution}/def`,
      minProvisionedTPS: 1,
      campaignConfig: { itemExplorationConfig: { explorationWeight: '0.5' }, syncWithLatestSolutionVersion: false },
    });
    const following = { ...described, campaignConfig: { syncWithLatestSolutionVersion: true } };
    expect(campaignDiff({ name: 'C', campaignConfig: { syncWithLatestSolutionVersion: true } }, following, `${solution}/$LATEST`).changes).toEqual([]);
  });

  test('tags: absent leaves them alone; otherwise add, change and remove the difference, never an aws: key', () => {
    const current = [{ tagKey: 'team', tagValue: 'ml' }, { tagKey: 'old', tagValue: 'x' }, { tagKey: 'aws:cloudformation:stack-name', tagValue: 's' }];
    expect(tagDiff(undefined, current).changes).toEqual([]);
    const diff = tagDiff([{ tagKey: 'team', tagValue: 'data' }, { tagKey: 'cost', tagValue: '42' }], current);
    expect(diff.add).toEqual([{ tagKey: 'team', tagValue: 'data' }, { tagKey: 'cost', tagValue: '42' }]);
    expect(diff.removeKeys).toEqual(['old']);
    expect(diff.changes.map((c) => `${c.field} ${String(c.from)} ${String(c.to)} ${c.action}`)).toEqual([
      'tags.team ml data TagResource', 'tags.cost undefined 42 TagResource', 'tags.old x undefined UntagResource',
    ]);
  });
});

describe('the plan of a second month: what changes in place, what is refused', () => {
  let fixture: PlannerFixture;
  beforeEach(async () => {
    fixture = await new PlannerFixture().start();
    seedPlan(fixture.emulator, planOf(MEDIA));
  });
  afterEach(() => fixture.stop());

  test('an unchanged config changes nothing in place', async () => {
    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.ok).toBe(true);
    expect(result.verdicts.filter((v) => v.changes)).toEqual([]);
  });

  test('automatic training off, a recommender\'s request rate, a campaign\'s exploration weight and a tag: one change each, with its call', async () => {
    const config = copyOf(MEDIA);
    config.solutions[1].serviceConfig.performAutoTraining = false;
    config.recommenders[0].serviceConfig.recommenderConfig = { minRecommendationRequestsPerSecond: 2 };
    config.solutions[0].campaigns[0].serviceConfig.campaignConfig = { itemExplorationConfig: { explorationWeight: '0.5' } };
    config.datasetGroup.serviceConfig.tags = [{ tagKey: 'team', tagValue: 'recs' }];
    const result = await fixture.preflight(planOf(config));
    expect(result.ok).toBe(true);
    const changesOf = (path: string) => result.verdicts.find((v) => v.path === path)?.changes;
    expect(changesOf('solutions[1]')).toEqual([{ field: 'performAutoTraining', from: true, to: false, action: 'UpdateSolution' }]);
    expect(result.verdicts.find((v) => v.path === 'solutions[1]')).toMatchObject({ action: 'UPDATE', reason: 'performAutoTraining true → false (UpdateSolution)' });
    expect(changesOf('recommenders[0]')).toEqual([{ field: 'recommenderConfig.minRecommendationRequestsPerSecond', from: 1, to: 2, action: 'UpdateRecommender' }]);
    expect(changesOf('solutions[0].campaigns[0]')).toEqual([
      { field: 'campaignConfig.itemExplorationConfig', from: undefined, to: { explorationWeight: '0.5' }, action: 'UpdateCampaign' },
    ]);
    expect(changesOf('datasetGroup')).toEqual([
      { field: 'tags.team', from: undefined, to: 'recs', action: 'TagResource' },
      { field: 'tags.project', from: 'personalize-mlops-demo', to: undefined, action: 'UntagResource' },
    ]);
  });

  test('every change no Update takes is refused before anything is created, naming the field, the values and the way out', async () => {
    const config = copyOf(MEDIA);
    config.solutions[0].serviceConfig.performHPO = true;
    config.solutions[1].serviceConfig.eventType = 'watch';
    config.solutions[2].serviceConfig.solutionConfig = { algorithmHyperParameters: { hidden_dimension: '64' } };
    config.solutions[2].serviceConfig.performAutoML = true;
    config.recommenders[1].serviceConfig.recipeArn = RECIPE('aws-vod-top-picks');
    const result = await fixture.preflight(planOf(config));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.path)).toEqual([
      'solutions[0].serviceConfig.performHPO',
      'solutions[1].serviceConfig.eventType',
      'solutions[2].serviceConfig.performAutoML',
      'solutions[2].serviceConfig.solutionConfig.algorithmHyperParameters',
      'recommenders[1].serviceConfig.recipeArn',
    ]);
    expect(result.problems[0].message).toBe('solution FilmNightRanking exists with performHPO false, but the config has true; a solution\'s performHPO cannot change '
      + '(no Update call takes it): give the solution a new name, or delete FilmNightRanking first with the tear-down state machine');
    expect(result.problems[3].message).toContain('solutionConfig.algorithmHyperParameters (none), but the config has {"hidden_dimension":"64"}');
    expect(result.verdicts.filter((v) => v.action === 'CONFLICT').map((v) => v.path)).toEqual(['solutions[0]', 'solutions[1]', 'solutions[2]', 'recommenders[1]']);
  });
});

describe('a retail recommender', () => {
  test('its recommenderConfig changed is an UpdateRecommender line', async () => {
    const fixture = await new PlannerFixture().start();
    try {
      seedPlan(fixture.emulator, planOf(RETAIL));
      const config = copyOf(RETAIL);
      config.recommenders[0].serviceConfig.recommenderConfig = { enableMetadataWithRecommendations: true };
      const result = await fixture.preflight(planOf(config));
      expect(result.verdicts.find((v) => v.path === 'recommenders[0]')).toMatchObject({
        action: 'UPDATE', reason: 'recommenderConfig.enableMetadataWithRecommendations (none) → true (UpdateRecommender)',
      });
    } finally {
      await fixture.stop();
    }
  });
});
