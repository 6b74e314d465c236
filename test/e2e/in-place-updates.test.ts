import { RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { localPipeline, rankingOnly, sampleConfig } from '../helpers/pipeline-fixture';

// A team's second month: it edits its config and runs the pipeline again. What an Update call takes is applied in
// place, waited for and reported; what none takes is refused before any write; an unchanged config changes nothing.

type Runner = ReturnType<typeof localPipeline>;
const describe_ = (runner: Runner, operation: string, request: Record<string, unknown>): any =>
  Object.values(runner.emulator.call(operation, request) as Record<string, unknown>)[0];
const updatedEvents = (runner: Runner, since = 0) =>
  runner.events.slice(since).filter((e) => e.detailType === RESOURCE_DETAIL_TYPE && e.detail.status === 'UPDATED').map((e) => e.detail);
const changeCalls = (runner: Runner, since = 0) =>
  runner.emulator.calls.slice(since).filter((c) => /^(Update|TagResource|UntagResource)/.test(c.operation) && !c.error).map((c) => c.operation);

/** The media sample with its recommenders only (a domain dataset group), nothing else. */
function recommendersOnly(): any {
  const config = sampleConfig('input_media');
  config.solutions = [];
  config.filters = [];
  delete config.eventTracker;
  delete config.preprocessing;
  return config;
}

/** The ranking solution with its campaign, trained once; later runs keep its version unless told. */
async function trainedRanking(): Promise<{ runner: Runner; config: any }> {
  const runner = localPipeline();
  const config = rankingOnly();
  expect((await runner.run(config)).status).toBe('SUCCEEDED');
  config.solutions[0].solutionVersion.createNewSolutionVersion = false;
  return { runner, config };
}

describe('changes an Update call takes are applied in place, waited for and reported', () => {
  test('performAutoTraining turned off: one UpdateSolution, waited for on latestSolutionUpdate, one UPDATED event; the next run calls nothing', async () => {
    const { runner, config } = await trainedRanking();
    const solutionArn = runner.emulator.arns.solution('FilmNightRanking');
    expect(describe_(runner, 'DescribeSolution', { solutionArn }).performAutoTraining).toBe(true);
    config.solutions[0].serviceConfig.performAutoTraining = false;
    const [calls, events] = [runner.emulator.calls.length, runner.events.length];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(changeCalls(runner, calls)).toEqual(['UpdateSolution']);
    const solution = describe_(runner, 'DescribeSolution', { solutionArn });
    expect(solution).toMatchObject({ performAutoTraining: false, latestSolutionUpdate: { status: 'ACTIVE', performAutoTraining: false } });
    expect(updatedEvents(runner, events)).toEqual([expect.objectContaining({
      kind: 'SOLUTION',
      name: 'FilmNightRanking',
      arn: solutionArn,
      changes: [{ field: 'performAutoTraining', from: true, to: false, action: 'UpdateSolution' }],
    })]);

    const again = runner.emulator.calls.length;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(changeCalls(runner, again)).toEqual([]);
  });

  test('a failed solution update fails the run with the service\'s reason', async () => {
    const { runner, config } = await trainedRanking();
    runner.emulator.faults.failCreate({ operation: 'UpdateSolution', failureReason: 'Internal error updating the solution' });
    config.solutions[0].serviceConfig.solutionConfig = { autoTrainingConfig: { schedulingExpression: 'rate(14 days)' } };
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'SolutionFailed' });
    expect(result.cause).toContain('Internal error updating the solution');
  });

  test('a recommender\'s minimum request rate raised: one UpdateRecommender, waited for, reported with the old and new value', async () => {
    const runner = localPipeline();
    const config = recommendersOnly();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    config.recommenders[0].serviceConfig.recommenderConfig = { minRecommendationRequestsPerSecond: 2 };
    const [calls, events] = [runner.emulator.calls.length, runner.events.length];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(changeCalls(runner, calls)).toEqual(['UpdateRecommender']);
    const recommenderArn = runner.emulator.arns.recommender('FilmNightMostPopular');
    expect(describe_(runner, 'DescribeRecommender', { recommenderArn })).toMatchObject({
      recommenderConfig: { minRecommendationRequestsPerSecond: 2 }, latestRecommenderUpdate: { status: 'ACTIVE' },
    });
    expect(updatedEvents(runner, events)).toEqual([expect.objectContaining({
      kind: 'RECOMMENDER',
      name: 'FilmNightMostPopular',
      changes: [{ field: 'recommenderConfig.minRecommendationRequestsPerSecond', from: 1, to: 2, action: 'UpdateRecommender' }],
    })]);
  });

  test('a campaign\'s campaignConfig without a new version: one UpdateCampaign on the same version', async () => {
    const { runner, config } = await trainedRanking();
    const campaignArn = runner.emulator.arns.campaign('FilmNightRankingCampaign');
    const version = describe_(runner, 'DescribeCampaign', { campaignArn }).solutionVersionArn;
    config.solutions[0].campaigns[0].serviceConfig.campaignConfig = { enableMetadataWithRecommendations: true };
    const [calls, events] = [runner.emulator.calls.length, runner.events.length];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(changeCalls(runner, calls)).toEqual(['UpdateCampaign']);
    expect(describe_(runner, 'DescribeCampaign', { campaignArn })).toMatchObject({
      solutionVersionArn: version, campaignConfig: { enableMetadataWithRecommendations: true }, latestCampaignUpdate: { status: 'ACTIVE' },
    });
    expect(updatedEvents(runner, events)).toEqual([expect.objectContaining({
      kind: 'CAMPAIGN', changes: [{ field: 'campaignConfig.enableMetadataWithRecommendations', to: true, action: 'UpdateCampaign' }],
    })]);
  });

  test('an update\'s wait whose first describes do not show the update yet waits for it, as for a describe without a status', async () => {
    const { runner, config } = await trainedRanking();
    config.solutions[0].campaigns[0].serviceConfig.campaignConfig = { enableMetadataWithRecommendations: true };
    // The strict reading: latestCampaignUpdate "is only returned when the campaign has had at least one UpdateCampaign
    // call" (SDK Campaign.latestCampaignUpdate), and nothing says how soon after the call. Hide it twice.
    const call = runner.emulator.call.bind(runner.emulator);
    let [updated, hidden] = [false, 0];
    runner.emulator.call = (operation: string, request?: Record<string, unknown>) => {
      const response: any = call(operation, request);
      updated ||= operation === 'UpdateCampaign';
      if (!updated || operation !== 'DescribeCampaign' || hidden === 2 || !response.campaign?.latestCampaignUpdate) return response;
      hidden += 1;
      const { latestCampaignUpdate: _shownLater, ...campaign } = response.campaign;
      return { ...response, campaign };
    };
    const events = runner.events.length;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(hidden).toBe(2);
    expect(updatedEvents(runner, events)).toEqual([expect.objectContaining({ kind: 'CAMPAIGN' })]);
  });

  test('a campaign\'s campaignConfig with a new version: one UpdateCampaign carries both, one event names both', async () => {
    const { runner, config } = await trainedRanking();
    const campaignArn = runner.emulator.arns.campaign('FilmNightRankingCampaign');
    const before = describe_(runner, 'DescribeCampaign', { campaignArn }).solutionVersionArn;
    config.solutions[0].solutionVersion.createNewSolutionVersion = true;
    config.solutions[0].campaigns[0].serviceConfig.campaignConfig = { enableMetadataWithRecommendations: true };
    const [calls, events] = [runner.emulator.calls.length, runner.events.length];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(changeCalls(runner, calls)).toEqual(['UpdateCampaign']);
    const campaign = describe_(runner, 'DescribeCampaign', { campaignArn });
    expect(campaign.solutionVersionArn).not.toBe(before);
    expect(campaign.campaignConfig).toEqual({ enableMetadataWithRecommendations: true, syncWithLatestSolutionVersion: false });
    const [event] = updatedEvents(runner, events);
    expect(event.changes.map((c: any) => c.field)).toEqual(['solutionVersionArn', 'campaignConfig.enableMetadataWithRecommendations']);
    expect(event.changes[0]).toMatchObject({ from: before, to: campaign.solutionVersionArn });
  });

  test('tags: a tag added and one removed, on the dataset group and the campaign; TagResource and UntagResource, one event each', async () => {
    const { runner, config } = await trainedRanking();
    config.datasetGroup.serviceConfig.tags = [{ tagKey: 'team', tagValue: 'recs' }];
    config.solutions[0].campaigns[0].serviceConfig.tags = [{ tagKey: 'team', tagValue: 'recs' }];
    const [calls, events] = [runner.emulator.calls.length, runner.events.length];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(changeCalls(runner, calls).sort()).toEqual(['TagResource', 'TagResource', 'UntagResource']);
    const tagsOf = (resourceArn: string) => (runner.emulator.call('ListTagsForResource', { resourceArn }) as any).tags;
    expect(tagsOf(runner.emulator.arns.datasetGroup('FilmNightDatasetGroup'))).toEqual([{ tagKey: 'team', tagValue: 'recs' }]);
    expect(tagsOf(runner.emulator.arns.campaign('FilmNightRankingCampaign'))).toEqual([{ tagKey: 'team', tagValue: 'recs' }]);
    expect(updatedEvents(runner, events).map((e) => [e.kind, e.changes.map((c: any) => `${c.field} ${c.action}`)])).toEqual(expect.arrayContaining([
      ['DATASET_GROUP', ['tags.team TagResource', 'tags.project UntagResource']],
      ['CAMPAIGN', ['tags.team TagResource']],
    ]));
  });

  test('an unchanged config, run again: no Update call and no tag call', async () => {
    const runner = localPipeline();
    const config = sampleConfig('input_media');
    delete config.preprocessing;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    for (const solution of config.solutions) solution.solutionVersion.createNewSolutionVersion = false;
    const [calls, events] = [runner.emulator.calls.length, runner.events.length];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(changeCalls(runner, calls)).toEqual([]);
    expect(updatedEvents(runner, events)).toEqual([]);
  });
});

describe('changes no Update call takes are refused before any write, naming the field', () => {
  test.each([
    ['solutions[0].serviceConfig.performHPO', (c: any) => { c.solutions[0].serviceConfig.performHPO = true; }],
    ['solutions[0].serviceConfig.eventType', (c: any) => { c.solutions[0].serviceConfig.eventType = 'watch'; }],
    ['solutions[0].serviceConfig.performAutoML', (c: any) => { c.solutions[0].serviceConfig.performAutoML = true; }],
    ['solutions[0].serviceConfig.solutionConfig.algorithmHyperParameters', (c: any) => { c.solutions[0].serviceConfig.solutionConfig = { algorithmHyperParameters: { hidden_dimension: '64' } }; }],
    ['solutions[0].serviceConfig.recipeArn', (c: any) => { c.solutions[0].serviceConfig.recipeArn = 'arn:aws:personalize:::recipe/aws-user-personalization'; }],
    ['datasetGroup.serviceConfig.domain', (c: any) => { c.datasetGroup.serviceConfig.domain = 'ECOMMERCE'; }],
  ])('%s', async (path, change) => {
    const { runner, config } = await trainedRanking();
    change(config);
    const mutations = runner.emulator.mutations().length;
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(result.cause).toContain(`${path}:`);
    expect(result.cause).toContain('tear-down state machine');
    expect(runner.emulator.mutations()).toHaveLength(mutations);
  });

  test('a recommender\'s recipe', async () => {
    const runner = localPipeline();
    const config = recommendersOnly();
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    config.recommenders[0].serviceConfig.recipeArn = 'arn:aws:personalize:::recipe/aws-vod-top-picks';
    const mutations = runner.emulator.mutations().length;
    const result = await runner.run(config);
    expect(result).toMatchObject({ status: 'FAILED', error: 'PreflightFailed' });
    expect(result.cause).toContain('recommenders[0].serviceConfig.recipeArn: recommender FilmNightMostPopular exists with recipeArn arn:aws:personalize:::recipe/aws-vod-most-popular');
    expect(runner.emulator.mutations()).toHaveLength(mutations);
  });
});
