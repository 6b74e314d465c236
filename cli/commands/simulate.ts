import { LocalPipelineRunner } from '../../local/runner/local-pipeline-runner';
import { PipelineTemplate } from '../../local/runner/pipeline-template';
import { CliError, ExitCode } from '../errors';
import { CliIo, println } from '../io';
import { JsonFileError, readJsonFile } from '../json-file';
import { formatElapsed } from '../progress/execution-view';
import { reportOutcome } from '../progress/final-report';
import { ProgressDisplay, progressFor } from '../progress/progress-display';
import { synthesizeExample } from '../simulate/example-template';
import { parseFault } from '../simulate/fault-option';
import { resolveLambdaHandler } from '../simulate/lambda-handlers';
import { RunnerProgress } from '../simulate/runner-progress';
import { resourcesTable, RunRow, runsTable } from '../simulate/summary-table';

/** Options of `simulate`. */
export interface SimulateOptions {
  readonly template?: string;
  readonly main?: string;
  readonly glueJob: readonly string[];
  readonly runs: number;
  readonly fault: readonly string[];
}

/**
 * `simulate <config.json>`: runs the pipeline locally, the synthesized state machines in aws-local-stepfunctions
 * against the Personalize emulator (the example app's stack, or a given template), with the progress display of
 * `watch`, then a table of the resources and one of the runs. Exit code 0 when every run succeeded, 1 otherwise.
 */
export async function simulateCommand(file: string, options: SimulateOptions, io: CliIo): Promise<ExitCode> {
  const faults = options.fault.map(parseFault);
  const config = readJson(file) as { preprocessing?: { jobName?: string } } | undefined;
  const template = new PipelineTemplate(options.template ? readJson(options.template) : synthesizeExample());
  const progress = new RunnerProgress();
  let display: ProgressDisplay | undefined;
  let runner: LocalPipelineRunner;
  try {
    runner = new LocalPipelineRunner({
      template,
      mainStateMachine: options.main,
      log: () => display?.update(progress.views()),
      resolveHandler: resolveLambdaHandler,
    });
    template.mainStateMachine(options.main);
  } catch (error) {
    throw new CliError(`simulate: ${(error as Error).message}`);
  }
  const jobName = config?.preprocessing?.jobName;
  for (const name of [...options.glueJob, ...(jobName ? [jobName] : [])]) runner.glue.addJob(name);
  for (const fault of faults) runner.emulator.faults.failCreate(fault);

  const rows: RunRow[] = [];
  for (let run = 1; run <= options.runs; run++) {
    println(io.stdout, `=== Run ${run} of ${options.runs}: ${file} ===`);
    const mutationsBefore = runner.emulator.mutations().length;
    const eventsBefore = runner.events.length;
    progress.attach(runner);
    display = progressFor(io.stdout);
    const result = await runner.run(config);
    const views = progress.views();
    display.finish(views);
    const main = views.find((v) => v.arn === result.executionArn)!;
    reportOutcome(io.stdout, main, views);
    const mutations = new Map<string, number>();
    for (const call of runner.emulator.mutations().slice(mutationsBefore)) mutations.set(call.operation, (mutations.get(call.operation) ?? 0) + 1);
    const events = runner.events.slice(eventsBefore);
    rows.push({
      run,
      status: result.status,
      elapsed: formatElapsed(main.stopDate!.getTime() - main.startDate.getTime()),
      mutations,
      events: events.length,
      failures: events.filter((e) => /FAILED/.test(String(e.detail.status))).length,
    });
  }
  println(io.stdout, '', 'Resources in the emulator:', resourcesTable(runner), '', 'Runs:', runsTable(rows));
  return rows.every((r) => r.status === 'SUCCEEDED') ? ExitCode.OK : ExitCode.FAILED;
}

function readJson(file: string): unknown {
  try {
    return readJsonFile(file);
  } catch (error) {
    if (error instanceof JsonFileError) throw new CliError(`simulate: ${error.message}`);
    throw error;
  }
}
