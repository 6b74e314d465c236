import { errorOf, groupWithDatasets, importInteractions, solution, trainedVersion } from './fixtures';
import { PersonalizeEmulator } from '../../local/emulator/personalize-emulator';

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
