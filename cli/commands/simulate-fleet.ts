import type { SimulateOptions } from './simulate';
import { parseConfigText } from '../../lambda/shared/config/read-config-text';
import { ExecutionRecord, LocalPipelineRunner } from '../../simulator/runner/local-pipeline-runner';
import { ExitCode } from '../errors';
import { CliIo, println } from '../io';
import { ExecutionView, formatElapsed } from '../progress/execution-view';
import { reportOutcome } from '../progress/final-report';
import { FleetConfigFile, readFleetFolder } from '../simulate/fleet-folder';
import { Simulation } from '../simulate/simulation';
import { ConfigRow, configsTable, resourcesTable } from '../simulate/summary-table';
import { fleetOf } from '../simulate/template-fleet';

/** A config of the fleet and the executions that ran it. */
interface ConfigRun {
  readonly config: FleetConfigFile;
  readonly key: string;
  /** The Distributed Map's child execution of the config's key; absent when the fleet started none. */
  readonly item?: ExecutionRecord;
  /** The main state machine's execution of the config, which the item started. */
  readonly pipeline?: ExecutionRecord;
}

/**
 * `simulate --fleet <folder>`: puts every `.json` config of the folder (subfolders included) into the local S3
 * stand-in under the fleet's bucket and prefix, runs the fleet state machine of the template (the example app's
 * stack, or a given one) with `{}`, as `start --fleet` starts it in AWS, and follows it with the progress display of
 * `watch`. Then the outcome of the fleet, each failed config's in full, and tables of the resources and the configs.
 * Exit code 0 when the fleet and every config's run succeeded, 1 otherwise.
 */
export async function simulateFleetCommand(folder: string, options: SimulateOptions, io: CliIo): Promise<ExitCode> {
  const configs = readFleetFolder(folder);
  const simulation = new Simulation({ ...options, glueJobs: [...options.glueJob, ...configs.flatMap(preprocessingJobOf)] });
  const { runner } = simulation;
  const fleet = fleetOf(runner.template, simulation.main);
  const keyOf = (config: FleetConfigFile) => `${fleet.prefix}${fleet.prefix.endsWith('/') ? '' : '/'}${config.relativePath}`;
  for (const config of configs) runner.s3.putObject(`s3://${fleet.bucket}/${keyOf(config)}`, config.text);

  println(io.stdout, `=== Fleet: ${configs.length} config${configs.length === 1 ? '' : 's'} of ${folder} as s3://${fleet.bucket}/${fleet.prefix} ===`);
  const mutationsBefore = runner.emulator.mutations().length;
  simulation.follow(io.stdout);
  const result = await runner.runFleet({}, fleet.stateMachine.logicalId);
  const views = simulation.finish();
  const byArn = new Map(views.map((v) => [v.arn, v]));
  // The fleet's own outcome; each failed config's follows, with its failed flows.
  reportOutcome(io.stdout, byArn.get(result.executionArn)!, []);

  const runs = configs.map((config) => runOf(runner, result.executionArn, config, keyOf(config)));
  const rows = runs.map((run) => rowOf(runner, run, byArn));
  for (const run of runs.filter((_run, i) => rows[i].status !== 'SUCCEEDED')) {
    const failed = byArn.get(run.pipeline?.executionArn ?? run.item?.executionArn ?? '');
    println(io.stdout, '', `Config ${run.key} (${run.config.file}):`);
    if (failed) reportOutcome(io.stdout, failed, subtreeOf(views, failed.arn));
    else println(io.stdout, '  not started: the fleet ended first');
  }

  const mutations = runner.emulator.mutations().length - mutationsBefore;
  println(io.stdout, '', 'Resources in the emulator:', resourcesTable(runner), `${mutations} create/update calls to Personalize.`,
    '', 'Configs:', configsTable(rows));
  return result.status === 'SUCCEEDED' && rows.every((r) => r.status === 'SUCCEEDED') ? ExitCode.OK : ExitCode.FAILED;
}

/** The Glue job a config's preprocessing names, which exists in the simulation; none for a file that is not JSON. */
function preprocessingJobOf(config: FleetConfigFile): string[] {
  const parsed = parseConfigText(config.text);
  const jobName = parsed.ok ? (parsed.value as { preprocessing?: { jobName?: unknown } } | undefined)?.preprocessing?.jobName : undefined;
  return typeof jobName === 'string' && jobName !== '' ? [jobName] : [];
}

/** The executions of the fleet's run of one config: its Distributed Map item, and the pipeline execution it started. */
function runOf(runner: LocalPipelineRunner, fleetArn: string, config: FleetConfigFile, key: string): ConfigRun {
  const item = runner.executions.find((e) => e.parentArn === fleetArn && (e.input as { key?: unknown } | undefined)?.key === key);
  const pipeline = item && runner.executions.find((e) => e.parentArn === item.executionArn);
  return { config, key, item, pipeline };
}

function rowOf(runner: LocalPipelineRunner, run: ConfigRun, byArn: ReadonlyMap<string, ExecutionView>): ConfigRow {
  const ran = byArn.get(run.pipeline?.executionArn ?? run.item?.executionArn ?? '');
  if (!ran) return { config: run.config.file, status: 'NOT STARTED', elapsed: '-', events: 0, failures: 0 };
  const events = run.pipeline ? runner.events.filter((e) => e.detail.pipelineExecutionArn === run.pipeline!.executionArn) : [];
  return {
    config: run.config.file,
    execution: run.pipeline ? run.pipeline.executionArn.split(':').pop() : undefined,
    status: ran.status,
    elapsed: formatElapsed((ran.stopDate ?? new Date()).getTime() - ran.startDate.getTime()),
    events: events.length,
    failures: events.filter((e) => /FAILED/.test(String(e.detail.status))).length,
    ...(ran.status !== 'SUCCEEDED' && ran.error ? { error: ran.error } : {}),
  };
}

/** An execution and every execution under it. */
function subtreeOf(views: readonly ExecutionView[], arn: string): ExecutionView[] {
  const within = new Set([arn]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const view of views) {
      if (view.parentArn && within.has(view.parentArn) && !within.has(view.arn)) {
        within.add(view.arn);
        grew = true;
      }
    }
  }
  return views.filter((v) => within.has(v.arn));
}
