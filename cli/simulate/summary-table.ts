import { LocalPipelineRunner } from '../../local/runner/local-pipeline-runner';
import { newTable } from '../tables';

/** The emulator's list operations, the member each answers in, and the kind it names. */
const LISTS: Array<[string, string, string]> = [
  ['ListDatasetGroups', 'datasetGroups', 'dataset group'], ['ListSchemas', 'schemas', 'schema'], ['ListDatasets', 'datasets', 'dataset'],
  ['ListDatasetImportJobs', 'datasetImportJobs', 'import job'], ['ListFilters', 'Filters', 'filter'], ['ListEventTrackers', 'eventTrackers', 'event tracker'],
  ['ListSolutions', 'solutions', 'solution'], ['ListSolutionVersions', 'solutionVersions', 'solution version'], ['ListCampaigns', 'campaigns', 'campaign'],
  ['ListBatchInferenceJobs', 'batchInferenceJobs', 'batch inference job'], ['ListBatchSegmentJobs', 'batchSegmentJobs', 'batch segment job'],
  ['ListRecommenders', 'recommenders', 'recommender'],
];

/** Every resource in the emulator: kind, name, status. */
export function resourcesTable(runner: LocalPipelineRunner): string {
  const table = newTable(['resource', 'name', 'status']);
  for (const [operation, key, kind] of LISTS) {
    const items = (runner.emulator.call(operation, {}) as Record<string, any[]>)[key] ?? [];
    for (const item of items) {
      const arn = Object.entries(item).find(([k]) => k.endsWith('Arn'))?.[1];
      // A solution version has no name: its solution's name and its id.
      const name = item.name ?? item.jobName ?? String(arn).split(':').pop()!.replace(/^solution\//, '');
      table.push([kind, String(name), String(item.status ?? '-')]);
    }
  }
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
