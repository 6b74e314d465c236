import { App, ArnFormat, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { LocalPipelineRunner } from '../../simulator/runner/local-pipeline-runner';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { PipelinePolling } from '../../src';
import { PollMachine } from '../../src/polling/poll-machine';
import { FlowServices } from '../../src/steps/flow-services';
import { StatusEvents } from '../../src/steps/status-events';
import { TeardownFlow } from '../../src/teardown/teardown-flow';
import { ALL_OPTIONS, localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

/** The tear-down in a stack of its own, built as the pipeline builds its flows. */
export interface SynthesizedTeardown {
  readonly stack: Stack;
  readonly flow: TeardownFlow;
  readonly template: Template;
}

/** Synthesizes the tear-down with the pipeline's flow services: its own bus, the pipeline's default settings. */
export function synthTeardown(polling: PipelinePolling = {}, stack?: Stack): SynthesizedTeardown {
  const target = stack ?? new Stack(new App(), 'TeardownStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const bus = new events.EventBus(target, 'EventBus');
  // The tear-down never calls the create function; an imported one stands in for it.
  const createFunction = lambda.Function.fromFunctionArn(target, 'CreateFunction', target.formatArn({ service: 'lambda', resource: 'function', resourceName: 'create', arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
  const services = new FlowServices(createFunction, new StatusEvents(bus, 'personalize-mlops'), polling);
  const settings = { logRetention: logs.RetentionDays.ONE_MONTH, includeExecutionDataInLogs: true, tracing: true };
  services.pollMachine = new PollMachine(target, 'PollMachine', { services, settings }).stateMachine;
  const flow = new TeardownFlow(target, 'Teardown', { services, settings });
  return { stack: target, flow, template: Template.fromStack(target) };
}

const cached = new Map<string, PipelineTemplate>();

/** A runner of the tear-down over an emulator (the template synthesized once per polling setting). */
export function teardownRunner(emulator: PersonalizeEmulator, polling: PipelinePolling = {}): LocalPipelineRunner {
  const key = JSON.stringify(polling);
  if (!cached.has(key)) cached.set(key, new PipelineTemplate(synthTeardown(polling).template.toJSON()));
  return new LocalPipelineRunner({ template: cached.get(key)!, emulator });
}

/** Runs the tear-down state machine on an input. */
export async function runTeardown(emulator: PersonalizeEmulator, input: unknown, polling: PipelinePolling = {}) {
  const runner = teardownRunner(emulator, polling);
  const result = await runner.runFlow('TeardownStateMachine', input);
  return { result, runner };
}


/** An emulator the whole pipeline ran `input_media` against, settled: every resource ACTIVE. */
export async function mediaAccount(): Promise<PersonalizeEmulator> {
  const emulator = new PersonalizeEmulator();
  const run = await localPipeline(ALL_OPTIONS, emulator).run(sampleConfig('input_media'));
  if (run.status !== 'SUCCEEDED') throw new Error(`the media run failed: ${run.error}: ${run.cause}`);
  emulator.settleAll();
  return emulator;
}

/** The media config's dataset group name. */
export const MEDIA_GROUP = 'FilmNightDatasetGroup';

/** The names an emulator list call returns (every page). */
export function names(emulator: PersonalizeEmulator, operation: string, key: string, request: Record<string, unknown> = {}): string[] {
  return ((emulator.call(operation, request) as Record<string, any[]>)[key] ?? []).map((item) => item.name ?? item.jobName);
}

/** The successful Delete* and Stop* calls the emulator answered, in order. */
export function deleteCalls(emulator: PersonalizeEmulator): string[] {
  return emulator.calls.filter((c) => /^(Delete|Stop)/.test(c.operation) && !c.error).map((c) => c.operation);
}
