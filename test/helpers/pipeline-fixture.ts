import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EVERY_OPTION } from '../../example/every-option';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { LocalPipelineRunner } from '../../simulator/runner/local-pipeline-runner';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';

/** Every option on, as the example app deploys it. */
export const ALL_OPTIONS: PersonalizeMlOpsPipelineProps = EVERY_OPTION;

/** A pipeline in its stack, and the stack's template. */
export interface SynthesizedPipeline {
  readonly stack: Stack;
  readonly pipeline: PersonalizeMlOpsPipeline;
  readonly template: Template;
}

/** Synthesizes one pipeline in a stack. */
export function synthPipeline(props: PersonalizeMlOpsPipelineProps = ALL_OPTIONS): SynthesizedPipeline {
  const app = new App();
  const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', props);
  return { stack, pipeline, template: Template.fromStack(stack) };
}

const synthesized = new Map<string, PipelineTemplate>();

/** A runner with its own emulator over a synthesized pipeline (synthesized once per set of props). */
export function localPipeline(props: PersonalizeMlOpsPipelineProps = ALL_OPTIONS, emulator?: PersonalizeEmulator): LocalPipelineRunner {
  const key = JSON.stringify(props);
  if (!synthesized.has(key)) synthesized.set(key, new PipelineTemplate(synthPipeline(props).template.toJSON()));
  const runner = new LocalPipelineRunner({ template: synthesized.get(key)!, emulator });
  return runner;
}

/** A sample config, as a fresh object to change. */
export function sampleConfig(name: 'input_media' | 'input_retail' | 'input_retail_lifecycle'): any {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'sample_configs', `${name}.json`), 'utf8'));
}

/** The media sample with its ranking solution only (a campaign and a batch inference job), nothing else. */
export function rankingOnly(): any {
  const config = sampleConfig('input_media');
  config.solutions = [config.solutions[0]];
  config.filters = [];
  config.recommenders = [];
  delete config.eventTracker;
  delete config.preprocessing;
  return config;
}

/** The names of the resources an emulator list call returns. */
export function namesIn(emulator: PersonalizeEmulator, operation: string, key: string, request: Record<string, unknown> = {}): string[] {
  return ((emulator.call(operation, request) as Record<string, any[]>)[key] ?? []).map((item) => item.name ?? item.jobName);
}
