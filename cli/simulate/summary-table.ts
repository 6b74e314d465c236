import { LocalPipelineRunner } from '../../simulator/runner/local-pipeline-runner';
import { emulatorResources } from '../../simulator/runner/run-summary';
import { newTable } from '../tables';

/** Every resource in the emulator: kind, name, status (the rows simulator/'s run summary prints too). */
export function resourcesTable(runner: LocalPipelineRunner): string {
  const table = newTable(['resource', 'name', 'status']);
  for (const row of emulatorResources(runner.emulator)) table.push([row.kind, row.name, row.status]);
  return table.toString();
}

/** One run's numbers, for the table of runs. */
export interface RunRow {
  readonly run: number;
  readonly status: string;
  readonly elapsed: string;
  /** Create and update calls to Personalize, by operation. */
  readonly mutations: ReadonlyMap<string, number>;
  readonly events: number;
  readonly failures: number;
}

/** The runs side by side: status, time, create/update calls, events published. */
export function runsTable(rows: readonly RunRow[]): string {
  const table = newTable(['run', 'status', 'time', 'create/update calls', 'events', 'failure events'], [5, 11, 9, 60, 8, 16]);
  for (const row of rows) {
    const total = [...row.mutations.values()].reduce((a, b) => a + b, 0);
    const detail = [...row.mutations].map(([op, n]) => `${op} ${n}`).join(', ');
    table.push([row.run, row.status, row.elapsed, total ? `${total}: ${detail}` : '0', row.events, row.failures]);
  }
  return table.toString();
}

/** One config of a fleet, for the table of configs. */
export interface ConfigRow {
  /** The config's file. */
  readonly config: string;
  /** The name of the main state machine's execution of it; absent when the fleet started none. */
  readonly execution?: string;
  /** The execution's status; `NOT STARTED` when the fleet started none. */
  readonly status: string;
  readonly elapsed: string;
  /** Events the execution published, and of those the ones of a failure. */
  readonly events: number;
  readonly failures: number;
  /** The execution's error, when it did not succeed. */
  readonly error?: string;
}

/** A fleet's configs side by side: the execution of each, its status, time, events published and error. */
export function configsTable(rows: readonly ConfigRow[]): string {
  const table = newTable(['config', 'execution', 'status', 'time', 'events', 'failure events', 'error']);
  for (const row of rows) table.push([row.config, row.execution ?? '-', row.status, row.elapsed, row.events, row.failures, row.error ?? '']);
  return table.toString();
}
