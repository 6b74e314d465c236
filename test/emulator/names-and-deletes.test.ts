import { describe as describeOf, errorOf, groupWithDatasets, importInteractions, solution, trainedVersion } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

describe('names are unique per account and region; describes name their owner', () => {
  test('a solution name used in one dataset group cannot be used in another', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator, 'A');
    groupWithDatasets(emulator, 'B');
    solution(emulator, 'Shared', 'A');
    expect(errorOf(() => solution(emulator, 'Shared', 'B'))).toBe('ResourceAlreadyExistsException');
    expect(describeOf(emulator, 'DescribeSolution', { solutionArn: emulator.arns.solution('Shared') }).datasetGroupArn).toBe(emulator.arns.datasetGroup('A'));
  });

  test('schemas are account-level: two dataset groups share one', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator, 'A');
    groupWithDatasets(emulator, 'B');
    const schemaArns = ['A', 'B'].map((g) => describeOf(emulator, 'DescribeDataset', { datasetArn: emulator.arns.dataset(g, 'INTERACTIONS') }).schemaArn);
    expect(new Set(schemaArns).size).toBe(1);
    expect((emulator.call('ListSchemas', {}) as any).schemas.map((s: any) => s.name)).toEqual(['Interactions', 'Items']);
  });

  test('import jobs name their dataset, versions their solution and group, batch jobs their version', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    const jobArn = importInteractions(emulator, 'J1');
    expect(describeOf(emulator, 'DescribeDatasetImportJob', { datasetImportJobArn: jobArn }).datasetArn).toBe(emulator.arns.dataset('G', 'INTERACTIONS'));
    const versionArn = trainedVersion(emulator, solution(emulator));
    expect(describeOf(emulator, 'DescribeSolutionVersion', { solutionVersionArn: versionArn })).toMatchObject({ solutionArn: emulator.arns.solution('Sol'), datasetGroupArn: emulator.arns.datasetGroup('G') });
    expect(errorOf(() => importInteractions(emulator, 'J1'))).toBe('ResourceAlreadyExistsException');
  });
});

describe('deletes', () => {
  test('DeleteSchema: refused while a dataset uses it, then the schema is gone', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    expect(errorOf(() => emulator.call('DeleteSchema', { schemaArn: emulator.arns.schema('Interactions') }))).toBe('ResourceInUseException');
    emulator.call('DeleteSchema', { schemaArn: emulator.arns.schema('Items') });
    expect(errorOf(() => emulator.call('DescribeSchema', { schemaArn: emulator.arns.schema('Items') }))).toBe('ResourceNotFoundException');
  });

  test('DeleteDataset is refused while an import job of it runs; DeleteDatasetGroup while it has datasets', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    importInteractions(emulator, 'J1', 'G', false);
    const datasetArn = emulator.arns.dataset('G', 'INTERACTIONS');
    expect(errorOf(() => emulator.call('DeleteDataset', { datasetArn }))).toBe('ResourceInUseException');
    expect(errorOf(() => emulator.call('DeleteDatasetGroup', { datasetGroupArn: emulator.arns.datasetGroup('G') }))).toBe('ResourceInUseException');
    emulator.settleAll();
    emulator.call('DeleteDataset', { datasetArn });
    emulator.settleAll();
    expect(errorOf(() => emulator.call('DeleteDatasetGroup', { datasetGroupArn: emulator.arns.datasetGroup('G') }))).toBe('none');
  });

  test('DeleteSolution is refused while a version trains or a campaign uses it', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    importInteractions(emulator, 'J1');
    const solutionArn = solution(emulator);
    emulator.call('CreateSolutionVersion', { solutionArn });
    expect(errorOf(() => emulator.call('DeleteSolution', { solutionArn }))).toBe('ResourceInUseException');
    emulator.settleAll();
    const versionArn = (emulator.call('ListSolutionVersions', { solutionArn }) as any).solutionVersions[0].solutionVersionArn;
    emulator.call('CreateCampaign', { name: 'C', solutionVersionArn: versionArn });
    emulator.settleAll();
    expect(errorOf(() => emulator.call('DeleteSolution', { solutionArn }))).toBe('ResourceInUseException');
    emulator.call('DeleteCampaign', { campaignArn: emulator.arns.campaign('C') });
    emulator.settleAll();
    expect(errorOf(() => emulator.call('DeleteSolution', { solutionArn }))).toBe('none');
  });

  test('DeleteFilter goes DELETE PENDING, DELETE IN_PROGRESS, then not found', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    const { filterArn } = emulator.call('CreateFilter', { name: 'F', datasetGroupArn: emulator.arns.datasetGroup('G'), filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")' }) as any;
    emulator.settleAll();
    emulator.call('DeleteFilter', { filterArn });
    const statuses = [1, 2].map(() => describeOf(emulator, 'DescribeFilter', { filterArn }).status);
    expect(statuses).toEqual(['DELETE PENDING', 'DELETE IN_PROGRESS']);
    expect(errorOf(() => emulator.call('DescribeFilter', { filterArn }))).toBe('ResourceNotFoundException');
  });
});
