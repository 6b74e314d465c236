import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PipelineTemplate } from '../../local/runner/pipeline-template';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';

/** The opt-in operations wired into the pipeline: tear-down, schedules, S3-triggered runs, a fleet, alarms. */
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
    alarms: { emailAddress: 'personalize-ops@example.com' },
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
    const plain = new PersonalizeMlOpsPipeline(stack, 'Plain', {});
    expect([plain.teardownStateMachine, plain.schedules, plain.s3TriggeredRuns, plain.alarms]).toEqual([undefined, undefined, undefined, undefined]);
    expect(plain.metricFailedExecutions().metricName).toBe('ExecutionsFailed');
    expect(plain.metricTimedOutExecutions().metricName).toBe('ExecutionsTimedOut');
    expect(plain.metricAbortedExecutions().metricName).toBe('ExecutionsAborted');
  });

  test('two pipelines with every option on synthesize in one stack, each with its own main state machine', () => {
    const stack = new Stack(new App(), 'TwoOps');
    everything(stack, 'Media');
    everything(stack, 'Retail');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Scheduler::Schedule', 4);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    const resolved = new PipelineTemplate(template.toJSON());
    expect(resolved.mainStateMachines.map((m) => m.logicalId.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['MediaStateMachine', 'RetailStateMachine']);
  });

  test('one pipeline with every option fits CloudFormation\'s 1 MB template limit (a stack per such pipeline)', () => {
    const stack = new Stack(new App(), 'OneOps');
    everything(stack, 'Pipeline');
    // The README's figure (Default settings): about 555 KB minified, of CloudFormation's 1 MB.
    expect(JSON.stringify(Template.fromStack(stack).toJSON()).length).toBeLessThan(580_000);
  });
});
