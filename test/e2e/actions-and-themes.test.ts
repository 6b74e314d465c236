import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PersonalizeRuntimeEmulator } from '../../simulator/emulator/runtime';
import { RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { localPipeline } from '../helpers/pipeline-fixture';

/**
 * Issue 21, item 4: the recipes the service added. A Next-Best-Action campaign is smoke-tested with
 * GetActionRecommendations (API reference, GetActionRecommendations: "a custom campaign that deploys a solution version
 * trained with a PERSONALIZED_ACTIONS recipe"), and a Similar-Items batch inference job runs in THEME_GENERATION mode
 * (API reference, CreateBatchInferenceJob), through the synthesized state machines.
 */
type Runner = ReturnType<typeof localPipeline>;
const NBA_CAMPAIGN = 'BookshelfNextBestActionCampaign';

/**
 * The seed-style custom dataset group: Actions (required by Next-Best-Action: datasets-schemas-overview page), Action
 * interactions (what it trains on) and Item interactions (every dataset group needs one), with no solutions yet.
 */
function customGroup(): any {
  const config = JSON.parse(readFileSync(path.join(__dirname, '..', 'config', 'seed-style', 'custom-group.json'), 'utf8'));
  config.filters = [];
  config.recommenders = [];
  delete config.eventTracker;
  return config;
}

/** The custom group with one Next-Best-Action solution and its campaign, smoke-tested with `smokeTest`. */
function nextBestAction(smokeTest: Record<string, unknown>): any {
  const config = customGroup();
  config.solutions = [{
    serviceConfig: { name: 'BookshelfNextBestAction', recipeArn: 'arn:aws:personalize:::recipe/aws-next-best-action' },
    campaigns: [{ createCampaign: true, serviceConfig: { name: NBA_CAMPAIGN, minProvisionedTPS: 1 }, smokeTest }],
  }];
  return config;
}

/** The custom group with its Similar-Items solution only, its batch inference job in THEME_GENERATION mode. */
function themes(themeGenerationConfig?: Record<string, unknown>): any {
  const config = customGroup();
  const similar = config.solutions.find((s: any) => s.serviceConfig.recipeArn.endsWith('/aws-similar-items'));
  Object.assign(similar.batchInferenceJobs[0].serviceConfig, { batchInferenceJobMode: 'THEME_GENERATION', ...(themeGenerationConfig ? { themeGenerationConfig } : {}) });
  config.solutions = [similar];
  return config;
}

async function refusedBeforeAnyCreate(runner: Runner, config: any, fieldPath: string, message: RegExp) {
  const result = await runner.run(config);
  expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
  const line = (result.cause ?? '').split('\n').find((l: string) => l.startsWith(`- ${fieldPath}: `));
  expect(line).toMatch(message);
  expect(runner.emulator.mutations()).toEqual([]);
  expect(runner.events.map((e) => e.detail.status)).toEqual(['INVALID_CONFIG']);
}

describe('a Next-Best-Action campaign is smoke-tested with GetActionRecommendations', () => {
  test('smokeTest { userId } calls GetActionRecommendations and passes with its actions in the event', async () => {
    const runner = localPipeline();
    const result = await runner.run(nextBestAction({ userId: 'reader-7', numResults: 3 }));
    expect(result.status).toBe('SUCCEEDED');
    const campaignArn = runner.emulator.arns.campaign(NBA_CAMPAIGN);
    const actionIds = PersonalizeRuntimeEmulator.actionIdsFor(campaignArn, { userId: 'reader-7', numResults: 3 });
    expect(runner.runtime.calls).toEqual([
      { operation: 'GetActionRecommendations', request: { campaignArn, userId: 'reader-7', numResults: 3 }, actionIds },
    ]);
    const passed = runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.status === 'SMOKE_TEST_PASSED').map((e) => e.detail);
    expect(passed).toEqual([expect.objectContaining({
      kind: 'CAMPAIGN', name: NBA_CAMPAIGN, arn: campaignArn, smokeTest: { userId: 'reader-7', numResults: 3 }, actionIds, itemIds: [],
    })]);

    // The runtime emulator answers each operation for its own recipe only (simulator/emulator/runtime/README.md).
    expect(() => runner.runtime.call('GetRecommendations', { campaignArn, userId: 'reader-7' })).toThrow(/PERSONALIZED_ACTIONS recipe: GetRecommendations does not apply/);
    const rankingArn = runner.emulator.arns.campaign('BookshelfRankingCampaign');
    expect(() => runner.runtime.call('GetActionRecommendations', { campaignArn: rankingArn, userId: 'reader-7' })).toThrow(/Could not find campaign/);
    expect(() => runner.runtime.call('GetActionRecommendations', { campaignArn, itemId: 'book-1' })).toThrow(/takes no itemId/);
  });

  test('an empty answer fails the run, naming GetActionRecommendations', async () => {
    const runner = localPipeline();
    runner.runtime.answerEmpty();
    const result = await runner.run(nextBestAction({ userId: 'reader-7' }));
    expect(result).toMatchObject({ status: 'FAILED', error: 'SmokeTestFailed' });
    expect(result.cause).toContain('answered GetActionRecommendations {"userId":"reader-7","numResults":10} with no item');
  });

  test('a refused call fails the run, naming GetActionRecommendations (not GetRecommendations)', async () => {
    const runner = localPipeline();
    runner.runtime.failWith('InvalidInputException', { message: 'unknown user' });
    const result = await runner.run(nextBestAction({ userId: 'reader-7' }));
    expect(result).toMatchObject({ status: 'FAILED', error: 'SmokeTestFailed' });
    expect(result.cause).toContain(`(${runner.emulator.arns.campaign(NBA_CAMPAIGN)}) failed GetActionRecommendations {"userId":"reader-7","numResults":10}`);
    expect(result.cause).toContain('unknown user');
  });

  test('the same smoke test with itemId only is refused before any create, naming its fields', async () => {
    const runner = localPipeline();
    await refusedBeforeAnyCreate(runner, nextBestAction({ itemId: 'book-1' }), 'solutions[0].campaigns[0].smokeTest.itemId', /is not a parameter of GetActionRecommendations/);
    expect((await localPipeline().run(nextBestAction({ itemId: 'book-1' }))).cause).toMatch(/- solutions\[0\]\.campaigns\[0\]\.smokeTest\.userId: is required/);
  });
});

describe('a Similar-Items batch inference job in THEME_GENERATION mode', () => {
  test('with themeGenerationConfig runs to SUCCEEDED, the job created in that mode', async () => {
    const runner = localPipeline();
    const config = themes({ fieldsForThemeGeneration: { itemName: 'BLURB' } });
    const result = await runner.run(config);
    expect(result.status).toBe('SUCCEEDED');
    const jobName = config.solutions[0].batchInferenceJobs[0].serviceConfig.jobName;
    const { batchInferenceJobs } = runner.emulator.call('ListBatchInferenceJobs', {}) as { batchInferenceJobs: Array<{ jobName: string; batchInferenceJobArn: string; status: string }> };
    const job = batchInferenceJobs.find((j) => j.jobName === jobName)!;
    expect(job.status).toBe('ACTIVE');
    const { batchInferenceJob } = runner.emulator.call('DescribeBatchInferenceJob', { batchInferenceJobArn: job.batchInferenceJobArn }) as { batchInferenceJob: Record<string, unknown> };
    expect(batchInferenceJob).toMatchObject({
      batchInferenceJobMode: 'THEME_GENERATION', themeGenerationConfig: { fieldsForThemeGeneration: { itemName: 'BLURB' } },
    });
  });

  test('without themeGenerationConfig is refused before any create', async () => {
    await refusedBeforeAnyCreate(localPipeline(), themes(), 'solutions[0].batchInferenceJobs[0].serviceConfig.themeGenerationConfig',
      /is required when batchInferenceJobMode is THEME_GENERATION/);
  });
});
