import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { LocalPipelineRunner } from '../../simulator/runner/local-pipeline-runner';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { CostAutopilotMode, PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';

const ENV = { account: '123456789012', region: 'us-east-1' };
const LOCATION = { partition: 'aws', ...ENV };
const DAY = 86_400_000;
const FIVE_MINUTES = 300_000;
/**
 * About when the autopilot runs: its window ends at its execution's start time, which the local engine takes from the
 * real clock. The traffic fed covers a day more than the window on both sides, so a test never depends on the minute.
 */
const NOW = Math.floor(Date.now() / FIVE_MINUTES) * FIVE_MINUTES;

function synth(props: PersonalizeMlOpsPipelineProps): { template: Template; pipeline: PersonalizeMlOpsPipeline } {
  const stack = new Stack(new App(), 'Autopilot', { env: ENV });
  const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', props);
  return { template: Template.fromStack(stack), pipeline };
}

const PROPS: PersonalizeMlOpsPipelineProps = { costAutopilot: { datasetGroupNames: ['shop'], lookbackDays: 7, headroom: 0.5 } };
let pipelineTemplate: PipelineTemplate;
beforeAll(() => {
  pipelineTemplate = new PipelineTemplate(synth(PROPS).template.toJSON());
});

/**
 * A dataset group with a solution and three campaigns (over-provisioned, busy, tagged off) and two recommenders (idle,
 * busy), settled. Describe-count mode: they were created on the emulator's virtual 2026-01-01, long before the window.
 */
function account(): { emulator: PersonalizeEmulator; arns: Record<string, string> } {
  const emulator = new PersonalizeEmulator({ location: LOCATION });
  const call = (operation: string, request: Record<string, unknown>) => {
    const answer = emulator.call(operation, request) as Record<string, string>;
    emulator.settleAll();
    return answer;
  };
  const group = call('CreateDatasetGroup', { name: 'shop', domain: 'ECOMMERCE' }).datasetGroupArn;
  const schema = call('CreateSchema', {
    name: 'shop-interactions',
    domain: 'ECOMMERCE',
    schema: JSON.stringify({
      type: 'record',
      name: 'Interactions',
      namespace: 'com.amazonaws.personalize.schema',
      version: '1.0',
      fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'EVENT_TYPE', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }],
    }),
  }).schemaArn;
  const dataset = call('CreateDataset', { name: 'shop-interactions', datasetGroupArn: group, datasetType: 'Interactions', schemaArn: schema }).datasetArn;
  call('CreateDatasetImportJob', { jobName: 'shop-import', datasetArn: dataset, dataSource: { dataLocation: 's3://bucket/interactions/' }, roleArn: 'arn:aws:iam::123456789012:role/Personalize' });
  const solution = call('CreateSolution', { name: 'shop-personalization', datasetGroupArn: group, recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization' }).solutionArn;
  const version = call('CreateSolutionVersion', { solutionArn: solution }).solutionVersionArn;
  const campaign = (name: string, tps: number, tags?: unknown) => call('CreateCampaign', { name, solutionVersionArn: version, minProvisionedTPS: tps, tags }).campaignArn;
  const recommender = (name: string) => call('CreateRecommender', {
    name, datasetGroupArn: group, recipeArn: 'arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you',
  }).recommenderArn;
  const arns = {
    overProvisioned: campaign('shop-over', 20),
    busy: campaign('shop-busy', 2),
    optedOut: campaign('shop-opted-out', 20, [{ tagKey: 'personalize-mlops:autopilot', tagValue: 'off' }]),
    idleRecommender: recommender('shop-idle-recommender'),
    busyRecommender: recommender('shop-busy-recommender'),
  };
  return { emulator, arns };
}

/** A runner whose CloudWatch holds the requests: peak 3.5/s (over-provisioned), 3/s (busy), none for the idle recommender. */
function runnerWithTraffic(): { runner: LocalPipelineRunner; emulator: PersonalizeEmulator; arns: Record<string, string> } {
  const { emulator, arns } = account();
  const runner = new LocalPipelineRunner({ template: pipelineTemplate, emulator });
  const requests = (dimension: string, arn: string, metricName: string, perSecond: (at: number) => number) => runner.cloudWatch.feedEvery(
    { namespace: 'AWS/Personalize', metricName, dimensions: { [dimension]: arn } }, NOW - 8 * DAY, NOW + DAY, 300, (at) => perSecond(at) * 300);
  // 1/s with one 5-minute peak of 3.5/s, split over the two request metrics.
  requests('CampaignArn', arns.overProvisioned, 'GetRecommendations', (at) => (at === NOW - 2 * DAY ? 3 : 0.5));
  requests('CampaignArn', arns.overProvisioned, 'GetPersonalizedRanking', () => 0.5);
  requests('CampaignArn', arns.busy, 'GetRecommendations', () => 3);
  requests('CampaignArn', arns.optedOut, 'GetRecommendations', () => 0.1);
  requests('RecommenderArn', arns.busyRecommender, 'GetRecommendations', () => 1);
  return { runner, emulator, arns };
}

const autopilotOf = () => pipelineTemplate.stateMachines.find((sm) => sm.role === 'cost-autopilot')!;
const WRITES = ['UpdateCampaign', 'StopRecommender', 'StartRecommender', 'UpdateRecommender', 'DeleteCampaign', 'DeleteRecommender', 'TagResource'];

describe('the cost autopilot', () => {
  test('in recommend mode makes no write call and proposes a lower minProvisionedTPS and the stop of the idle recommender', async () => {
    const { runner, emulator, arns } = runnerWithTraffic();
    const result = await runner.runFlow(autopilotOf().logicalId, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(emulator.calls.filter((c) => WRITES.includes(c.operation))).toEqual([]);

    const proposals = runner.eventsOf('Personalize Resource Status Change').filter((e) => e.detail.status === 'COST_RECOMMENDATION');
    expect(proposals.map((e) => [e.detail.kind, e.detail.name, e.detail.action]).sort()).toEqual([
      ['CAMPAIGN', 'shop-over', 'LOWER_MIN_PROVISIONED_TPS'],
      ['RECOMMENDER', 'shop-idle-recommender', 'STOP_RECOMMENDER'],
    ]);
    const lower = proposals.find((e) => e.detail.name === 'shop-over')!.detail;
    // Peak 3.5/s plus 50 % headroom: 5.25, so 6, from 20; 14 TPS × 730 hours a month.
    expect(lower).toMatchObject({
      arn: arns.overProvisioned, current: 20, observedPeak: 3.5, proposed: 6, monthlyHoursSaved: 14 * 730, lookbackDays: 7,
    });
    const stop = proposals.find((e) => e.detail.kind === 'RECOMMENDER')!.detail;
    expect(stop).toMatchObject({ arn: arns.idleRecommender, current: 1, proposed: 0, requests: 0, monthlyHoursSaved: 730 });

    // The output: every resource's verdict, the tagged one opted out, the busy ones left alone.
    const verdicts = (result.output as any).resources.map((r: any) => [r.proposal.name, r.proposal.action, r.applied]);
    expect(verdicts.sort()).toEqual([
      ['shop-busy', 'NONE', false],
      ['shop-busy-recommender', 'NONE', false],
      ['shop-idle-recommender', 'STOP_RECOMMENDER', false],
      ['shop-opted-out', 'OPTED_OUT', false],
      ['shop-over', 'LOWER_MIN_PROVISIONED_TPS', false],
    ]);
    // One metrics query per resource, over the 7 days before the run, by 5-minute Sums.
    expect(runner.cloudWatch.getRequests).toHaveLength(5);
    const { startTime, endTime } = (result.output as any).window;
    expect(new Date(endTime).getTime() - new Date(startTime).getTime()).toBe(7 * DAY);
    expect(runner.cloudWatch.getRequests[0]).toMatchObject({ StartTime: startTime, EndTime: endTime });
  });

  test('in apply mode lowers minProvisionedTPS, stops the idle recommender, and leaves the tagged campaign alone', async () => {
    const { runner, emulator, arns } = runnerWithTraffic();
    const result = await runner.runFlow(autopilotOf().logicalId, { mode: 'apply' });
    expect(result.status).toBe('SUCCEEDED');
    const writes = emulator.calls.filter((c) => WRITES.includes(c.operation) && !c.error).map((c) => [c.operation, c.request]);
    expect(writes.sort()).toEqual([
      ['StopRecommender', { recommenderArn: arns.idleRecommender }],
      ['UpdateCampaign', { campaignArn: arns.overProvisioned, minProvisionedTPS: 6 }],
    ]);
    emulator.settleAll();
    expect((emulator.call('DescribeCampaign', { campaignArn: arns.overProvisioned }) as any).campaign.minProvisionedTPS).toBe(6);
    expect((emulator.call('DescribeCampaign', { campaignArn: arns.optedOut }) as any).campaign.minProvisionedTPS).toBe(20);
    expect((emulator.call('DescribeRecommender', { recommenderArn: arns.idleRecommender }) as any).recommender.status).toBe('INACTIVE');
    const actions = runner.eventsOf().filter((e) => e.detail.status === 'COST_ACTION').map((e) => [e.detail.name, e.detail.action, e.detail.proposed]);
    expect(actions.sort()).toEqual([['shop-idle-recommender', 'STOP_RECOMMENDER', 0], ['shop-over', 'LOWER_MIN_PROVISIONED_TPS', 6]]);
    expect(runner.eventsOf().filter((e) => e.detail.status === 'COST_RECOMMENDATION')).toEqual([]);
  });

  test('a resource created within the window is not judged, and a missing dataset group has nothing to look at', async () => {
    const emulator = new PersonalizeEmulator({ location: LOCATION, clock: () => NOW - DAY });
    // Time mode on a clock that stands still: settleAll() ends each lifecycle.
    emulator.call('CreateDatasetGroup', { name: 'shop', domain: 'ECOMMERCE' });
    emulator.settleAll();
    const recommender = (emulator.call('CreateRecommender', { name: 'new', datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop', recipeArn: 'arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you' }) as any).recommenderArn;
    emulator.settleAll();
    const runner = new LocalPipelineRunner({ template: pipelineTemplate, emulator });
    const result = await runner.runFlow(autopilotOf().logicalId, { mode: 'apply' });
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as any).resources).toEqual([expect.objectContaining({ arn: recommender, proposal: expect.objectContaining({ action: 'TOO_NEW' }) })]);
    expect(emulator.count('StopRecommender')).toBe(0);

    const empty = await new LocalPipelineRunner({ template: pipelineTemplate }).runFlow(autopilotOf().logicalId, {});
    expect(empty).toMatchObject({ status: 'SUCCEEDED', output: { mode: 'recommend', resources: [] } });
  });

  test('refuses an input that names another mode', async () => {
    const result = await new LocalPipelineRunner({ template: pipelineTemplate }).runFlow(autopilotOf().logicalId, { mode: 'delete-everything' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidAutopilotInput' });
  });

  test('reads metrics read-only, writes only campaigns and recommenders of this account and region, and runs on its schedule', () => {
    const { template, pipeline } = synth({ costAutopilot: { datasetGroupNames: ['shop'], schedule: 'cron(0 6 ? * MON *)', mode: CostAutopilotMode.APPLY } });
    expect(pipeline.costAutopilotStateMachine).toBeDefined();
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p: any) => JSON.stringify(p.Properties.Roles).includes('CostAutopilot'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const allowing = (action: string) => statements.filter((s: any) => [s.Action].flat().includes(action));
    expect(allowing('cloudwatch:GetMetricData').map((s: any) => s.Resource)).toEqual(['*']);
    expect(statements.some((s: any) => [s.Action].flat().some((a: string) => /^cloudwatch:(Put|Delete|Set)/.test(a)) && !s.Condition)).toBe(false);
    const scoped = (action: string, type: string) => {
      const resources = allowing(action).flatMap((s: any) => [s.Resource].flat());
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) expect(JSON.stringify(resource)).toContain(`:personalize:us-east-1:123456789012:${type}/`);
    };
    scoped('personalize:UpdateCampaign', 'campaign');
    scoped('personalize:StopRecommender', 'recommender');
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 ? * MON *)',
      Target: { Input: '{}', Arn: { Ref: Match.stringLikeRegexp('CostAutopilotStateMachine') } },
    });
    // The function computes; it may write its logs and nothing else.
    const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((f: any) => f.Metadata?.['personalize-mlops:handler'] === 'cost-autopilot') as any;
    expect(fn).toBeDefined();
  });

  test.each([
    [{ datasetGroupNames: [] }, /costAutopilot.datasetGroupNames must list 1 to 20/],
    [{ datasetGroupNames: ['a b'] }, /costAutopilot.datasetGroupNames\[0\] must be a dataset group name/],
    [{ datasetGroupNames: ['a'], lookbackDays: 30 }, /costAutopilot.lookbackDays must be an integer from 1 to 15, got: 30/],
    [{ datasetGroupNames: ['a'], headroom: -1 }, /costAutopilot.headroom must be a number from 0 to 10/],
    [{ datasetGroupNames: ['a'], schedule: 'every monday' }, /costAutopilot.schedule must be cron/],
  ])('refuses %j', (options, message) => {
    expect(() => synth({ costAutopilot: options as any })).toThrow(message);
  });
});
