import { LocalPipelineRunner, PipelineRunResult } from './local-pipeline-runner';

/** Prints what a run did: its status, the resources in the emulator, the create calls, the events. */
export function printSummary(runner: LocalPipelineRunner, result: PipelineRunResult, mutationsBefore: number, print: (line: string) => void): void {
  const emulator = runner.emulator;
  print('');
  print(`Execution ${result.executionArn}: ${result.status}`);
  if (result.status !== 'SUCCEEDED') print(`  ${result.error}: ${result.cause}`);
  const lists: Array<[string, string, string]> = [
    ['ListDatasetGroups', 'datasetGroups', 'dataset group'], ['ListSchemas', 'schemas', 'schema'], ['ListDatasets', 'datasets', 'dataset'],
    ['ListDatasetImportJobs', 'datasetImportJobs', 'import job'], ['ListFilters', 'Filters', 'filter'], ['ListEventTrackers', 'eventTrackers', 'event tracker'],
    ['ListSolutions', 'solutions', 'solution'], ['ListSolutionVersions', 'solutionVersions', 'solution version'], ['ListCampaigns', 'campaigns', 'campaign'],
    ['ListBatchInferenceJobs', 'batchInferenceJobs', 'batch inference job'], ['ListBatchSegmentJobs', 'batchSegmentJobs', 'batch segment job'],
    ['ListRecommenders', 'recommenders', 'recommender'],
  ];
  print('Resources in the emulator:');
  for (const [operation, key, label] of lists) {
    const items = (emulator.call(operation, {}) as Record<string, any[]>)[key] ?? [];
    for (const item of items) {
      const arn = Object.entries(item).find(([k]) => k.endsWith('Arn'))?.[1];
      print(`  ${label.padEnd(20)} ${String(item.name ?? item.jobName ?? arn).padEnd(48)} ${item.status ?? '-'}`);
    }
  }
  const mutations = emulator.mutations().slice(mutationsBefore);
  const byOperation = new Map<string, number>();
  for (const call of mutations) byOperation.set(call.operation, (byOperation.get(call.operation) ?? 0) + 1);
  print(`Create/update calls in this run: ${mutations.length}${mutations.length ? ` (${[...byOperation].map(([op, n]) => `${op} ${n}`).join(', ')})` : ''}`);
  const events = runner.events;
  print(`Events published so far: ${events.length} (${events.filter((e) => e.detail.status === 'ACTIVE').length} ACTIVE, ${events.filter((e) => /FAILED/.test(String(e.detail.status))).length} failures)`);
}
