import { errorOf, groupWithDatasets, importInteractions, solution, trainedVersion } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

describe('batch jobs', () => {
  function versions(quotas = {}) {
    const emulator = new PersonalizeEmulator({ quotas });
    groupWithDatasets(emulator);
    importInteractions(emulator, 'J');
    const ranking = trainedVersion(emulator, solution(emulator, 'Personal'));
    const segments = trainedVersion(emulator, solution(emulator, 'Affinity', 'G', { recipeArn: 'arn:aws:personalize:::recipe/aws-item-affinity' }));
    const job = (operation: string, jobName: string, solutionVersionArn: string) => errorOf(() => emulator.call(operation, {
      jobName,
      solutionVersionArn,
      roleArn: 'arn:aws:iam::123456789012:role/R',
      jobInput: { s3DataSource: { path: 's3://bucket/in.json' } },
      jobOutput: { s3DataDestination: { path: 's3://bucket/out/' } },
    }));
    return { emulator, ranking, segments, job };
  }

  test('segment jobs need a USER_SEGMENTATION recipe, inference jobs another one', () => {
    const { ranking, segments, job } = versions();
    expect(job('CreateBatchSegmentJob', 'Seg', ranking)).toBe('InvalidInputException');
    expect(job('CreateBatchInferenceJob', 'Inf', segments)).toBe('InvalidInputException');
    expect(job('CreateBatchSegmentJob', 'Seg', segments)).toBe('none');
    expect(job('CreateBatchInferenceJob', 'Inf', ranking)).toBe('none');
  });

  test('the pending or in progress quota counts per job type; a finished job frees it', () => {
    const { emulator, ranking, segments, job } = versions({ inProgressBatchInferenceJobs: 1, inProgressBatchSegmentJobs: 1 });
    expect(job('CreateBatchInferenceJob', 'I1', ranking)).toBe('none');
    expect(job('CreateBatchSegmentJob', 'S1', segments)).toBe('none');
    expect(job('CreateBatchInferenceJob', 'I2', ranking)).toBe('LimitExceededException');
    emulator.settleAll();
    expect(job('CreateBatchInferenceJob', 'I2', ranking)).toBe('none');
    const listed = (emulator.call('ListBatchInferenceJobs', { solutionVersionArn: ranking }) as any).batchInferenceJobs.map((j: any) => j.jobName);
    expect(listed).toEqual(['I1', 'I2']);
  });
});

describe('batch inference jobs and their recipe (API reference, CreateBatchInferenceJob)', () => {
  function versionOf(recipe: string) {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    importInteractions(emulator, 'J');
    if (recipe === 'aws-next-best-action') actionInteractions(emulator);
    const version = trainedVersion(emulator, solution(emulator, 'S', 'G', { recipeArn: `arn:aws:personalize:::recipe/${recipe}` }));
    let n = 0;
    const job = (extra: Record<string, unknown> = {}) => errorOf(() => emulator.call('CreateBatchInferenceJob', {
      jobName: `J${n++}`,
      solutionVersionArn: version,
      roleArn: 'arn:aws:iam::123456789012:role/R',
      jobInput: { s3DataSource: { path: 's3://bucket/in.json' } },
      jobOutput: { s3DataDestination: { path: 's3://bucket/out/' } },
      ...extra,
    }));
    return job;
  }
  const THEMES = { batchInferenceJobMode: 'THEME_GENERATION', themeGenerationConfig: { fieldsForThemeGeneration: { itemName: 'TITLE' } } };

  test.each(['aws-trending-now', 'aws-next-best-action'])('no batch recommendations on %s', (recipe) => {
    expect(versionOf(recipe)()).toBe('InvalidInputException');
  });

  test('THEME_GENERATION on Similar-Items with an item name field; not without it, not on another recipe', () => {
    const similar = versionOf('aws-similar-items');
    expect(similar(THEMES)).toBe('none');
    expect(similar({ batchInferenceJobMode: 'THEME_GENERATION' })).toBe('InvalidInputException');
    expect(similar({ batchInferenceJobMode: 'THEME_GENERATION', themeGenerationConfig: { fieldsForThemeGeneration: {} } })).toBe('InvalidInputException');
    expect(versionOf('aws-sims')(THEMES)).toBe('InvalidInputException');
  });
});

/** An ACTION_INTERACTIONS dataset in group G with data imported: what Next-Best-Action trains on. */
function actionInteractions(emulator: PersonalizeEmulator): void {
  const schema = JSON.stringify({
    type: 'record',
    name: 'ActionInteractions',
    namespace: 'com.amazonaws.personalize.schema',
    fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ACTION_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'EVENT_TYPE', type: 'string' }],
  });
  emulator.call('CreateSchema', { name: 'ActionInteractions', schema });
  const datasetGroupArn = emulator.arns.datasetGroup('G');
  emulator.call('CreateDataset', { name: 'G-action-interactions', datasetGroupArn, schemaArn: emulator.arns.schema('ActionInteractions'), datasetType: 'ACTION_INTERACTIONS' });
  emulator.settleAll();
  emulator.call('CreateDatasetImportJob', {
    jobName: 'AJ', datasetArn: emulator.arns.dataset('G', 'ACTION_INTERACTIONS'), dataSource: { dataLocation: 's3://bucket/actions.csv' },
  });
  emulator.settleAll();
}
