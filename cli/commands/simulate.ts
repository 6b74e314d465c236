import { simulateFleetCommand } from './simulate-fleet';
import { CliError, ExitCode } from '../errors';
import { CliIo, println } from '../io';
import { formatElapsed } from '../progress/execution-view';
import { reportOutcome } from '../progress/final-report';
import { readJson, Simulation } from '../simulate/simulation';
import { resourcesTable, RunRow, runsTable } from '../simulate/summary-table';

/** Options of `simulate`. */
export interface SimulateOptions {
  readonly template?: string;
  readonly main?: string;
  readonly glueJob: readonly string[];
  readonly runs: number;
  readonly fault: readonly string[];
  /** A folder of configs to run as a fleet instead of one config (see simulate-fleet.ts). */
  readonly fleet?: string;
}

/**
 * `simulate <config.json>`: runs the pipeline locally, the synthesized state machines in aws-local-stepfunctions
 * against the Personalize emulator (the example app's stack, or a given template), with the progress display of
 * `watch`, then a table of the resources and one of the runs. Exit code 0 when every run succeeded, 1 otherwise.
 * `simulate --fleet <folder>` runs the fleet state machine on a folder of configs instead (simulate-fleet.ts).
 */
export async function simulateCommand(file: string | undefined, options: SimulateOptions, io: CliIo): Promise<ExitCode> {
  if (options.fleet !== undefined) {
    if (file !== undefined) throw new CliError('simulate: give a config file or --fleet <folder>, not both');
    return simulateFleetCommand(options.fleet, options, io);
  }
  if (file === undefined) throw new CliError('simulate: give a config file, or --fleet <folder>');
  const config = readJson(file) as { preprocessing?: { jobName?: string } } | undefined;
  const jobName = config?.preprocessing?.jobName;
  const simulation = new Simulation({ ...options, glueJobs: [...options.glueJob, ...(jobName ? [jobName] : [])] });
  const { runner } = simulation;

  const rows: RunRow[] = [];
  for (let run = 1; run <= options.runs; run++) {
    println(io.stdout, `=== Run ${run} of ${options.runs}: ${file} ===`);
    const mutationsBefore = runner.emulator.mutations().length;
    const eventsBefore = runner.events.length;
    simulation.follow(io.stdout);
    const result = await runner.run(config);
    const views = simulation.finish();
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
