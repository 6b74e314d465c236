import { criticalPath, resourceGraph, scheduleGraph } from '../../bench/critical-path';
import { DEFAULT_DURATIONS, DEFAULT_QUOTAS } from '../../simulator/emulator/emulator-options';
import { sampleConfig } from '../helpers/pipeline-fixture';

const D = DEFAULT_DURATIONS;

describe('the resource graph of a config', () => {
  const graph = resourceGraph(sampleConfig('input_media'), { glueSeconds: 600 });
  const node = (id: string) => graph.find((n) => n.id === id)!;

  test('has every resource the first run creates, the Glue run included', () => {
    const kinds = graph.reduce<Record<string, number>>((counts, n) => ({ ...counts, [n.kind]: (counts[n.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({
      datasetGroup: 1,
      glueJob: 1,
      schema: 3,
      dataset: 3,
      datasetImportJob: 3,
      filter: 2,
      eventTracker: 1,
      solution: 3,
      solutionVersion: 3,
      campaign: 1,
      batchInferenceJob: 2,
      batchSegmentJob: 1,
      recommender: 2,
    });
  });

  test('an import needs its dataset and the Glue run; a training its solution and every import', () => {
    expect(node('datasetImportJob:FilmNightItemsImport20240101').after).toEqual(['dataset:FilmNightItems', 'glueJob:preprocessing']);
    expect(node('solutionVersion:FilmNightRanking').after).toEqual([
      'solution:FilmNightRanking',
      'datasetImportJob:FilmNightInteractionsImport20240101', 'datasetImportJob:FilmNightItemsImport20240101', 'datasetImportJob:FilmNightUsersImport20240101',
    ]);
    expect(node('campaign:FilmNightRankingCampaign').after).toEqual(['solutionVersion:FilmNightRanking']);
    expect(node('recommender:FilmNightMostPopular').after).toHaveLength(3);
  });

  test('a filter needs the datasets its expression reads', () => {
    expect(node('filter:FilmNightUnwatched').after).toEqual(['dataset:FilmNightInteractions']);
    expect(node('filter:FilmNightByGenre').after).toEqual(['dataset:FilmNightItems']);
  });

  test('leaves out what the config does not create', () => {
    const config = sampleConfig('input_retail');
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    config.recommenders[0].createRecommender = false;
    const ids = resourceGraph(config).map((n) => n.id);
    expect(ids).not.toContain('solutionVersion:CornerShopForYou');
    expect(ids).not.toContain('campaign:CornerShopForYouCampaign');
    expect(ids).not.toContain('recommender:CornerShopRecommendedForYou');
    expect(ids.some((id) => id.startsWith('glueJob'))).toBe(false);
  });
});

describe('the critical path', () => {
  test('of the retail sample: group, dataset, import, training, batch job, with the default durations', () => {
    const cp = criticalPath(sampleConfig('input_retail'));
    expect(cp.path.map((n) => n.kind)).toEqual(['datasetGroup', 'dataset', 'datasetImportJob', 'solutionVersion', 'batchInferenceJob']);
    expect(cp.length).toBe(D.datasetGroup + D.dataset + D.datasetImportJob + D.solutionVersion + D.batchInferenceJob);
  });

  test('of the media sample starts with the Glue run when it is the longer way to the imports', () => {
    const cp = criticalPath(sampleConfig('input_media'), { glueSeconds: 600 });
    expect(cp.path[0].kind).toBe('glueJob');
    expect(cp.length).toBe(600 + D.datasetImportJob + D.solutionVersion + D.batchInferenceJob);
    expect(criticalPath(sampleConfig('input_media'), { glueSeconds: 60 }).path[0].kind).toBe('datasetGroup');
  });

  test('takes the durations it is given', () => {
    const cp = criticalPath(sampleConfig('input_retail'), { durations: { recommender: 5 * 3600 } });
    expect(cp.path.at(-1)!.kind).toBe('recommender');
    expect(cp.length).toBe(D.datasetGroup + D.dataset + D.datasetImportJob + 5 * 3600);
  });

  test('waits for a free slot when a quota is reached, and says so', () => {
    const config = sampleConfig('input_retail');
    const cp = criticalPath(config, { quotas: { inProgressDatasetImportJobs: 1 } });
    const imports = cp.nodes.filter((n) => n.kind === 'datasetImportJob');
    expect(imports.map((n) => n.start)).toEqual([120, 120 + D.datasetImportJob, 120 + 2 * D.datasetImportJob]);
    expect(cp.path.filter((n) => n.waitedFor?.quota).map((n) => n.kind)).toEqual(['datasetImportJob', 'datasetImportJob']);
    expect(cp.length).toBe(120 + 3 * D.datasetImportJob + D.solutionVersion + D.batchInferenceJob);
  });

  test('a quota slot is only taken when it is free for the whole duration', () => {
    const graph = [
      { id: 'a', kind: 'datasetImportJob' as const, name: 'a', duration: 10, after: [] },
      { id: 'x', kind: 'dataset' as const, name: 'x', duration: 5, after: [] },
      { id: 'b', kind: 'datasetImportJob' as const, name: 'b', duration: 10, after: ['x'] },
    ];
    const { nodes } = scheduleGraph(graph, { ...DEFAULT_QUOTAS, inProgressDatasetImportJobs: 1 });
    expect(nodes.map((n) => [n.id, n.start, n.end])).toEqual([['a', 0, 10], ['x', 0, 5], ['b', 10, 20]]);
  });

  test('rejects a graph with a cycle or a missing dependency', () => {
    expect(() => scheduleGraph([{ id: 'a', kind: 'dataset', name: 'a', duration: 1, after: ['b'] }, { id: 'b', kind: 'dataset', name: 'b', duration: 1, after: ['a'] }]))
      .toThrow(/cycle/);
    expect(() => scheduleGraph([{ id: 'a', kind: 'dataset', name: 'a', duration: 1, after: ['z'] }])).toThrow(/not in the graph/);
  });
});
