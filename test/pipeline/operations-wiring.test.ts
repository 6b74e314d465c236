import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';

/**
 * The opt-in operations wired into the pipeline: tear-down, schedules, S3-triggered runs, a fleet, alarms (with the
 * idle, capacity, stale-model and regression alarms on what the inline config names), a dashboard, the cost autopilot.
 */
function everything(stack: Stack, id: string): PersonalizeMlOpsPipeline {
  const bucket = new s3.Bucket(stack, `${id}Configs`, { enforceSSL: true, eventBridgeEnabled: true });
  const inlineConfig = readFileSync(path.join(__dirname, '..', '..', 'sample_configs', 'input_media.json'), 'utf8');
  const props: PersonalizeMlOpsPipelineProps = {
    ...ALL_OPTIONS,
    teardown: true,
    schedules: [
      { name: 'weekly-retraining', expression: 'cron(0 3 ? * SUN *)', configLocation: { bucket, key: 'configs/media.json' } },
      { name: 'daily-import', expression: 'rate(1 day)', inlineConfig },
    ],
    s3TriggeredRuns: { bucket },
    fleet: { bucket },
    alarms: {
      emailAddress: 'personalize-ops@example.com', idleAfter: Duration.hours(24), utilizationPercent: 80, staleAfter: Duration.days(7), regressionMetric: 'coverage',
    },
    dashboard: {},
    costAutopilot: { datasetGroupNames: ['FilmNightDatasetGroup'], schedule: 'cron(0 6 ? * MON *)' },
  };
  return new PersonalizeMlOpsPipeline(stack, id, props);
}

describe('the opt-in operations', () => {
  test('are created and exposed only when asked for', () => {
    const stack = new Stack(new App(), 'Ops', { env: { account: '123456789012', region: 'us-east-1' } });
    const pipeline = everything(stack, 'Pipeline');
    expect(pipeline.teardownStateMachine).toBeDefined();
    expect(pipeline.schedules?.schedules).toHaveLength(2);
    expect(pipeline.s3TriggeredRuns).toBeDefined();
    expect(pipeline.fleetStateMachine).toBeDefined();
    expect(pipeline.alarms?.topic).toBeDefined();
    expect(pipeline.dashboard).toBeDefined();
    expect(pipeline.costAutopilotStateMachine).toBeDefined();
    const plain = new PersonalizeMlOpsPipeline(stack, 'Plain', {});
    expect([plain.teardownStateMachine, plain.schedules, plain.s3TriggeredRuns, plain.alarms, plain.dashboard, plain.costAutopilotStateMachine])
      .toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(plain.metricFailedExecutions().metricName).toBe('ExecutionsFailed');
    expect(plain.metricTimedOutExecutions().metricName).toBe('ExecutionsTimedOut');
    expect(plain.metricAbortedExecutions().metricName).toBe('ExecutionsAborted');
  });

  test('two pipelines with every option on synthesize in one stack, each with its own main state machine', () => {
    const stack = new Stack(new App(), 'TwoOps');
    everything(stack, 'Media');
    everything(stack, 'Retail');
    const template = Template.fromStack(stack);
    // Two schedules and the autopilot's, each; 3 failure alarms and, on the inline config's 3 solutions, 1 campaign and
    // 2 recommenders: 3 idle, 3 capacity, 3 stale-model, 3 regression alarms.
    template.resourceCountIs('AWS::Scheduler::Schedule', 6);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 30);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 2);
    const resolved = new PipelineTemplate(template.toJSON());
    expect(resolved.mainStateMachines.map((m) => m.logicalId.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['MediaStateMachine', 'RetailStateMachine']);
  });

  test('one pipeline with every option fits CloudFormation\'s 1 MB template limit (a stack per such pipeline)', () => {
    const stack = new Stack(new App(), 'OneOps');
    everything(stack, 'Pipeline');
    if (process.env.PRINT_TEMPLATE_SIZE) console.log(JSON.stringify(Template.fromStack(stack).toJSON()).length);
    // The figure in docs/security.md (Default settings): about 493 KB minified with every operation on (fleet, dashboard, cost
    // autopilot, lifecycle kinds and in-place updates included), of CloudFormation's 1 MB: every poll loop is a start of
    // the one poll machine, which holds per kind only its calls and reads the rest from its kind table; references are
    // DefinitionSubstitutions. Issue 23's bound: at most 500 KB.
    expect(JSON.stringify(Template.fromStack(stack).toJSON()).length).toBeLessThanOrEqual(500_000);
  });
});
