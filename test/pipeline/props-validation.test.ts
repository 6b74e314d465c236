import { App, Duration, Stack } from 'aws-cdk-lib';
import { InferenceOption, PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps, RecommendationType } from '../../src';
import { HISTORY_EVENT_LIMIT } from '../../src/kinds/poll-schedule';
import { pollLoopsOf } from '../../src/polling/flow-state-machine';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';

/** Props that make no sense are rejected at synth, each with the prop and the value. */
const build = (props: PersonalizeMlOpsPipelineProps) => () => new PersonalizeMlOpsPipeline(new Stack(new App(), 'Props'), 'Pipeline', props);

describe('props are validated at synth', () => {
  test('two SOLUTIONS entries (the second\'s inference options would be dropped)', () => {
    expect(build({
      recommendationConfig: [
        { type: RecommendationType.SOLUTIONS, inferenceOptions: [InferenceOption.CAMPAIGNS] },
        { type: RecommendationType.SOLUTIONS, inferenceOptions: [InferenceOption.BATCH_INFERENCE_JOBS] },
      ],
    })).toThrow('recommendationConfig[1].type SOLUTIONS is already at recommendationConfig[0]');
  });

  test('inference options on RECOMMENDERS', () => {
    expect(build({ recommendationConfig: [{ type: RecommendationType.RECOMMENDERS, inferenceOptions: [InferenceOption.CAMPAIGNS] }] }))
      .toThrow('recommendationConfig[0].inferenceOptions applies to SOLUTIONS only, got: CAMPAIGNS on RECOMMENDERS');
  });

  test('an unknown recommendation type or inference option (from an untyped language)', () => {
    expect(build({ recommendationConfig: [{ type: 'CAMPAIGNS' as RecommendationType }] })).toThrow('recommendationConfig[0].type must be one of SOLUTIONS, RECOMMENDERS, got: CAMPAIGNS');
    expect(build({ recommendationConfig: [{ type: RecommendationType.SOLUTIONS, inferenceOptions: ['BATCH' as InferenceOption] }] }))
      .toThrow('recommendationConfig[0].inferenceOptions[0] must be one of CAMPAIGNS, BATCH_INFERENCE_JOBS, BATCH_SEGMENT_JOBS, got: BATCH');
  });

  test('role ARNs that are not role ARNs, and an empty list', () => {
    expect(build({ personalizeRoleArns: ['PersonalizeRole'] })).toThrow('personalizeRoleArns[0] must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), got: PersonalizeRole');
    expect(build({ personalizeRoleArns: ['arn:aws:iam::123456789012:user/me'] })).toThrow(/personalizeRoleArns\[0\] must be an IAM role ARN/);
    expect(build({ personalizeRoleArns: [] })).toThrow('personalizeRoleArns must list at least one role ARN');
  });

  test('a poll interval longer than its timeout, or a first interval longer than the cap', () => {
    expect(build({ polling: { campaign: { maxInterval: Duration.hours(4) } } })).toThrow('polling.campaign.timeout must be at least its maxInterval (4 hours), got: 3 hours');
    expect(build({ polling: { dataset: { initialInterval: Duration.minutes(2) } } })).toThrow('polling.dataset.maxInterval must be at least its initialInterval (2 minutes), got: 30 seconds');
    expect(build({ polling: { filter: { initialInterval: Duration.millis(10) } } })).toThrow('polling.filter.initialInterval must be at least 1 second, got: 10 millis');
  });

  test('solutionConcurrency out of range', () => {
    expect(build({ solutionConcurrency: 0 })).toThrow('solutionConcurrency must be an integer from 1 to 40, got: 0');
  });
});

describe('the poll loops fit the execution history', () => {
  test('with the defaults, every child state machine\'s worst case stays under 10,000 events', () => {
    const pipeline = build(ALL_OPTIONS)();
    const budgets = pipeline.node.children
      .map((child) => [child.node.id, pollLoopsOf(child).worstCaseEvents] as const)
      .filter(([, events]) => events > 0);
    expect(budgets.length).toBeGreaterThanOrEqual(11);
    for (const [, events] of budgets) expect(events).toBeLessThan(10_000);
  });

  test('settings that could exceed the history limit are rejected; settings that fit are accepted', () => {
    const fine = { initialInterval: Duration.seconds(30), maxInterval: Duration.seconds(30), timeout: Duration.hours(48) };
    expect(build({ ...ALL_OPTIONS, polling: { solutionVersion: fine } }))
      .toThrow(new RegExp(`polling: the solution version and inference state machine could need \\d+ history events .*Step Functions allows ${HISTORY_EVENT_LIMIT}`));
    expect(build({ ...ALL_OPTIONS, polling: { solutionVersion: { maxInterval: Duration.minutes(30), timeout: Duration.hours(72) } } })).not.toThrow();
  });
});
