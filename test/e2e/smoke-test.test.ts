import { Match } from 'aws-cdk-lib/assertions';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PersonalizeRuntimeEmulator } from '../../simulator/emulator/runtime';
import { RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { localPipeline, sampleConfig, synthPipeline } from '../helpers/pipeline-fixture';

/** The recommendation smoke test: GetRecommendations on an ACTIVE campaign or recommender, run by the local runner. */
type Runner = ReturnType<typeof localPipeline>;
const CAMPAIGN = 'CornerShopForYouCampaign';
const RECOMMENDER = 'CornerShopRecommendedForYou';

/** The retail sample with its user-personalization campaign and one recommender, each with a smoke test for a user. */
function smokeConfig(): any {
  const config = sampleConfig('input_retail');
  const solution = config.solutions[0];
  solution.campaigns[0].smokeTest = { userId: 'user-42', numResults: 5 };
  config.solutions = [solution];
  config.recommenders = [{ ...config.recommenders[0], smokeTest: { userId: 'user-42' } }];
  config.filters = [];
  delete config.eventTracker;
  return config;
}
const smokeEvents = (runner: Runner, status: string) =>
  runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.status === status).map((e) => e.detail);

describe('recommendation smoke test in the pipeline', () => {
  test('passes on the campaign and the recommender, with the item ids in the events', async () => {
    const runner = localPipeline();
    const result = await runner.run(smokeConfig());
    expect(result.status).toBe('SUCCEEDED');
    const campaignArn = runner.emulator.arns.campaign(CAMPAIGN);
    const recommenderArn = runner.emulator.arns.recommender(RECOMMENDER);
    const passed = smokeEvents(runner, 'SMOKE_TEST_PASSED');
    expect(passed).toHaveLength(2);
    expect(passed).toEqual(expect.arrayContaining([
      expect.objectContaining({
        kind: 'CAMPAIGN',
        name: CAMPAIGN,
        arn: campaignArn,
        smokeTest: { userId: 'user-42', numResults: 5 },
        itemIds: PersonalizeRuntimeEmulator.itemIdsFor(campaignArn, { userId: 'user-42', numResults: 5 }),
      }),
      expect.objectContaining({
        kind: 'RECOMMENDER',
        name: RECOMMENDER,
        arn: recommenderArn,
        smokeTest: { userId: 'user-42', numResults: 10 },
        itemIds: PersonalizeRuntimeEmulator.itemIdsFor(recommenderArn, { userId: 'user-42', numResults: 10 }),
      }),
    ]));
    expect(runner.runtime.calls.map((c) => c.request)).toEqual(expect.arrayContaining([
      { campaignArn, userId: 'user-42', numResults: 5 },
      { recommenderArn, userId: 'user-42', numResults: 10 },
    ]));
  });

  test('an empty answer fails the run with SmokeTestFailed, saying so', async () => {
    const runner = localPipeline();
    const campaignArn = runner.emulator.arns.campaign(CAMPAIGN);
    runner.runtime.answerEmpty({ arn: campaignArn });
    const result = await runner.run(smokeConfig());
    expect(result).toMatchObject({ status: 'FAILED', error: 'SmokeTestFailed' });
    expect(result.cause).toContain(`Campaign ${CAMPAIGN} (${campaignArn}) answered GetRecommendations {"userId":"user-42","numResults":5} with no item`);
    expect(smokeEvents(runner, 'SMOKE_TEST_FAILED')).toEqual([expect.objectContaining({ kind: 'CAMPAIGN', name: CAMPAIGN, cause: result.cause })]);
    // The recommender's test is independent of the campaign's and passed.
    expect(smokeEvents(runner, 'SMOKE_TEST_PASSED')).toEqual([expect.objectContaining({ kind: 'RECOMMENDER' })]);
  });

  test('a runtime error fails the run with SmokeTestFailed, carrying the error', async () => {
    const runner = localPipeline();
    const recommenderArn = runner.emulator.arns.recommender(RECOMMENDER);
    runner.runtime.failWith('ResourceNotFoundException', { arn: recommenderArn, message: 'Recommender not found' });
    const result = await runner.run(smokeConfig());
    expect(result).toMatchObject({ status: 'FAILED', error: 'SmokeTestFailed' });
    expect(result.cause).toContain(`Recommender ${RECOMMENDER} (${recommenderArn}) failed GetRecommendations`);
    expect(result.cause).toContain('PersonalizeRuntime.ResourceNotFoundException: Recommender not found');
    expect(smokeEvents(runner, 'SMOKE_TEST_FAILED')).toEqual([expect.objectContaining({ kind: 'RECOMMENDER', cause: result.cause })]);
  });

  test('throttling is retried, not a failure', async () => {
    const runner = localPipeline();
    runner.runtime.failWith('ThrottlingException', { times: 2 });
    expect((await runner.run(smokeConfig())).status).toBe('SUCCEEDED');
    expect(runner.runtime.calls.filter((c) => c.error === 'ThrottlingException')).toHaveLength(2);
    expect(smokeEvents(runner, 'SMOKE_TEST_PASSED')).toHaveLength(2);
  });

  test('a campaign moved to a new version is tested once the update is ACTIVE', async () => {
    const runner = localPipeline();
    const config = smokeConfig();
    config.recommenders = [];
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.emulator.count('UpdateCampaign')).toBe(1);
    expect(smokeEvents(runner, 'SMOKE_TEST_PASSED').map((e) => e.name)).toEqual([CAMPAIGN, CAMPAIGN]);
  });

  test('without a smoke test no recommendation is asked for', async () => {
    const runner = localPipeline();
    const config = smokeConfig();
    delete config.solutions[0].campaigns[0].smokeTest;
    delete config.recommenders[0].smokeTest;
    expect((await runner.run(config)).status).toBe('SUCCEEDED');
    expect(runner.runtime.calls).toEqual([]);
  });
});

describe('the runtime emulator follows GetRecommendations', () => {
  const emulator = new PersonalizeEmulator();
  const runtime = new PersonalizeRuntimeEmulator(emulator);
  const group = (emulator.call('CreateDatasetGroup', { name: 'G', domain: 'ECOMMERCE' }) as any).datasetGroupArn;
  emulator.settleAll();
  const recommender = (emulator.call('CreateRecommender', { name: 'R', datasetGroupArn: group, recipeArn: 'arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you' }) as any);
  const error = (request: Record<string, unknown>) => {
    try {
      runtime.call('GetRecommendations', request);
      return undefined;
    } catch (e) {
      return `${(e as any).name}: ${(e as Error).message}`;
    }
  };

  test('a recommender that is not ACTIVE yet is refused', () => {
    expect(error({ recommenderArn: recommender.recommenderArn, userId: 'u' })).toMatch(/^InvalidInputException: .* is not ACTIVE/);
  });

  test('an unknown ARN is ResourceNotFoundException', () => {
    expect(error({ campaignArn: emulator.arns.campaign('Nope'), userId: 'u' })).toMatch(/^ResourceNotFoundException/);
  });

  test('a USER_PERSONALIZATION use case needs userId; numResults is 1 to 500; one ARN, not two', () => {
    emulator.settleAll();
    const arn = recommender.recommenderArn;
    expect(error({ recommenderArn: arn, itemId: 'i' })).toMatch(/^InvalidInputException: userId is required/);
    expect(error({ recommenderArn: arn, userId: 'u', numResults: 501 })).toMatch(/^InvalidInputException: numResults/);
    expect(error({ recommenderArn: arn, campaignArn: emulator.arns.campaign('C'), userId: 'u' })).toMatch(/^InvalidInputException/);
    expect(runtime.call('GetRecommendations', { recommenderArn: arn, userId: 'u' })).toMatchObject({
      itemList: PersonalizeRuntimeEmulator.itemIdsFor(arn, { userId: 'u', numResults: 25 }).map((itemId) => ({ itemId })),
    });
  });
});

describe('what the smoke test deploys', () => {
  const { template } = synthPipeline();

  test.each([['campaign'], ['recommender']])('GetRecommendations is allowed on %s ARNs of this account and region only', (type) => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'personalize:GetRecommendations',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:personalize:us-east-1:123456789012:${type}/*`]] },
        })]),
      },
    });
  });

  test('the call is the native personalizeruntime SDK integration, in the campaign and recommender flows', () => {
    const machines = Object.entries(template.findResources('AWS::StepFunctions::StateMachine'))
      .filter(([, r]) => JSON.stringify(r.Properties.DefinitionString).includes('aws-sdk:personalizeruntime:getRecommendations'))
      .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''));
    expect(machines.sort()).toEqual(['PipelineCampaignFlowStateMachine', 'PipelineRecommenderFlowStateMachine']);
  });
});
