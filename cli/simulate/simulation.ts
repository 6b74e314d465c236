import { LocalPipelineRunner } from '../../simulator/runner/local-pipeline-runner';
import { PipelineTemplate, TemplateStateMachine } from '../../simulator/runner/pipeline-template';
import { CliError } from '../errors';
import { CliStream } from '../io';
import { synthesizeExample } from './example-template';
import { JsonFileError, readJsonFile } from '../json-file';
import { parseFault } from './fault-option';
import { resolveLambdaHandler } from './lambda-handlers';
import { RunnerProgress } from './runner-progress';
import { ExecutionView } from '../progress/execution-view';
import { ProgressDisplay, progressFor } from '../progress/progress-display';

/** What `simulate` and `simulate --fleet` both run on. */
export interface SimulationOptions {
  /** A synthesized template file. @default - the example app's stack, synthesized */
  readonly template?: string;
  /** The main state machine by logical ID prefix. @default - the template's only one */
  readonly main?: string;
  /** Glue jobs that exist: `--glue-job` and the configs' `preprocessing.jobName`. */
  readonly glueJobs: readonly string[];
  /** `--fault` options, `KIND=REASON` or `KIND:NAME=REASON` (see fault-option.ts). */
  readonly fault: readonly string[];
}

/**
 * The local runner `simulate` drives, on the template and against the emulator, with its Glue jobs and faults, and
 * the progress display of each run. Every problem with the options or the template is a CliError.
 */
export class Simulation {
  readonly runner: LocalPipelineRunner;
  /** The main state machine the runs start. */
  readonly main: TemplateStateMachine;
  private readonly progress = new RunnerProgress();
  private display?: ProgressDisplay;

  constructor(options: SimulationOptions) {
    const faults = options.fault.map(parseFault);
    const template = new PipelineTemplate(options.template ? readJson(options.template) : synthesizeExample());
    try {
      this.runner = new LocalPipelineRunner({
        template, mainStateMachine: options.main, log: () => this.display?.update(this.progress.views()), resolveHandler: resolveLambdaHandler,
      });
      this.main = template.mainStateMachine(options.main);
    } catch (error) {
      throw new CliError(`simulate: ${(error as Error).message}`);
    }
    for (const name of options.glueJobs) this.runner.glue.addJob(name);
    for (const fault of faults) this.runner.emulator.faults.failCreate(fault);
  }

  /** Shows the executions of the next run on `stream` as they go: live on a terminal, a line per change otherwise. */
  follow(stream: CliStream): void {
    this.progress.attach(this.runner);
    this.display = progressFor(stream);
  }

  /** Shows the run's last state for good; returns its executions. */
  finish(): ExecutionView[] {
    const views = this.progress.views();
    this.display?.finish(views);
    return views;
  }
}

/** A JSON file `simulate` reads (a config, a template); a missing file or bad JSON is a one-line CliError. */
export function readJson(file: string): unknown {
  try {
    return readJsonFile(file);
  } catch (error) {
    if (error instanceof JsonFileError) throw new CliError(`simulate: ${error.message}`);
    throw error;
  }
}
