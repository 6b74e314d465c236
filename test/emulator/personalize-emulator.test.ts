import {
  CreateDatasetCommand, CreateDatasetGroupCommand, CreateSchemaCommand, DescribeDatasetGroupCommand, PersonalizeClient,
  ResourceAlreadyExistsException, ResourceInUseException, ResourceNotFoundException, InvalidInputException,
} from '@aws-sdk/client-personalize';
import { PersonalizeHttpEndpoint } from '../../simulator/emulator/http-face';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { callFromStateMachine } from '../../simulator/emulator/step-functions-face';

const SCHEMA = JSON.stringify({ type: 'record', name: 'Interactions', fields: [{ name: 'USER_ID', type: 'string' }] });

describe('the emulator through the real SDK (awsJson1_1 over HTTP)', () => {
  const emulator = new PersonalizeEmulator({ location: { partition: 'aws', region: 'eu-west-1', account: '111122223333' } });
  const endpoint = new PersonalizeHttpEndpoint(emulator);
  let client: PersonalizeClient;
  beforeAll(async () => {
    const url = await endpoint.start();
    client = new PersonalizeClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  });
  afterAll(() => endpoint.stop());

  test('creates a dataset group with the real ARN format and moves it through its statuses', async () => {
    const { datasetGroupArn } = await client.send(new CreateDatasetGroupCommand({ name: 'Shop', domain: 'ECOMMERCE' }));
    expect(datasetGroupArn).toBe('arn:aws:personalize:eu-west-1:111122223333:dataset-group/Shop');
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup!.status!);
    expect(statuses).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE', 'ACTIVE']);
    const described = (await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup!;
    expect(described.creationDateTime).toBeInstanceOf(Date);
    expect(described.domain).toBe('ECOMMERCE');
  });

  test('answers errors with the service exception classes', async () => {
    await expect(client.send(new CreateDatasetGroupCommand({ name: 'Shop' }))).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
    await expect(client.send(new DescribeDatasetGroupCommand({ datasetGroupArn: 'arn:aws:personalize:eu-west-1:111122223333:dataset-group/Nope' })))
      .rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new CreateDatasetGroupCommand({ name: 'has space' }))).rejects.toBeInstanceOf(InvalidInputException);
  });

  test('refuses a child of a parent that is not ACTIVE yet', async () => {
    const { datasetGroupArn } = await client.send(new CreateDatasetGroupCommand({ name: 'Fresh' }));
    const { schemaArn } = await client.send(new CreateSchemaCommand({ name: 'FreshSchema', schema: SCHEMA }));
    await expect(client.send(new CreateDatasetCommand({ name: 'FreshInteractions', datasetGroupArn, schemaArn, datasetType: 'Interactions' })))
      .rejects.toBeInstanceOf(ResourceInUseException);
    emulator.settleAll();
    const { datasetArn } = await client.send(new CreateDatasetCommand({ name: 'FreshInteractions', datasetGroupArn, schemaArn, datasetType: 'Interactions' }));
    expect(datasetArn).toBe('arn:aws:personalize:eu-west-1:111122223333:dataset/Fresh/INTERACTIONS');
  });
});

describe('the emulator as Step Functions sees it', () => {
  test('PascalCase in and out, errors named Personalize.<Exception>', () => {
    const emulator = new PersonalizeEmulator();
    emulator.call('CreateDatasetGroup', { name: 'Media' });
    const arn = emulator.arns.datasetGroup('Media');
    expect(callFromStateMachine(emulator, 'describeDatasetGroup', { DatasetGroupArn: arn })).toMatchObject({
      DatasetGroup: { DatasetGroupArn: arn, Name: 'Media', Status: 'CREATE PENDING', CreationDateTime: expect.any(String) },
    });
    expect(() => callFromStateMachine(emulator, 'describeDatasetGroup', { DatasetGroupArn: `${arn}x` }))
      .toThrow(expect.objectContaining({ name: 'Personalize.ResourceNotFoundException' }));
  });

  test('metric names are map keys and stay as the service spells them', () => {
    const emulator = new PersonalizeEmulator();
    emulator.call('CreateDatasetGroup', { name: 'G' });
    emulator.settleAll();
    emulator.call('CreateSchema', { name: 'S', schema: SCHEMA });
    emulator.call('CreateDataset', { name: 'D', datasetGroupArn: emulator.arns.datasetGroup('G'), schemaArn: emulator.arns.schema('S'), datasetType: 'INTERACTIONS' });
    emulator.settleAll();
    emulator.call('CreateDatasetImportJob', { jobName: 'J', datasetArn: emulator.arns.dataset('G', 'INTERACTIONS'), dataSource: { dataLocation: 's3://bucket/x.csv' } });
    emulator.call('CreateSolution', { name: 'Sol', datasetGroupArn: emulator.arns.datasetGroup('G'), recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization' });
    emulator.settleAll();
    const { solutionVersionArn } = emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('Sol') }) as any;
    emulator.settleAll();
    const metrics = callFromStateMachine(emulator, 'getSolutionMetrics', { SolutionVersionArn: solutionVersionArn }) as any;
    expect(Object.keys(metrics.Metrics)).toContain('normalized_discounted_cumulative_gain_at_10');
  });
});

describe('service rules', () => {
  function groupWithInteractions(emulator: PersonalizeEmulator, imported: boolean): void {
    emulator.call('CreateDatasetGroup', { name: 'G' });
    emulator.settleAll();
    emulator.call('CreateSchema', { name: 'S', schema: SCHEMA });
    emulator.call('CreateDataset', { name: 'D', datasetGroupArn: emulator.arns.datasetGroup('G'), schemaArn: emulator.arns.schema('S'), datasetType: 'INTERACTIONS' });
    emulator.settleAll();
    if (imported) emulator.call('CreateDatasetImportJob', { jobName: 'J', datasetArn: emulator.arns.dataset('G', 'INTERACTIONS'), dataSource: { dataLocation: 's3://bucket/i.csv' } });
    emulator.call('CreateSolution', { name: 'Sol', datasetGroupArn: emulator.arns.datasetGroup('G'), recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization' });
    emulator.settleAll();
  }

  test('the first import of a dataset must be FULL', () => {
    const emulator = new PersonalizeEmulator();
    groupWithInteractions(emulator, false);
    expect(() => emulator.call('CreateDatasetImportJob', {
      jobName: 'Inc', datasetArn: emulator.arns.dataset('G', 'INTERACTIONS'), dataSource: { dataLocation: 's3://bucket/i.csv' }, importMode: 'INCREMENTAL',
    })).toThrow(/only use FULL/);
  });

  test('training without imported interactions ends CREATE FAILED with a reason', () => {
    const emulator = new PersonalizeEmulator();
    groupWithInteractions(emulator, false);
    const { solutionVersionArn } = emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('Sol') }) as any;
    emulator.settleAll();
    expect((emulator.call('DescribeSolutionVersion', { solutionVersionArn }) as any).solutionVersion).toMatchObject({
      status: 'CREATE FAILED', failureReason: expect.stringContaining('Insufficient data'),
    });
  });

  test('one version trains at a time, and UPDATE needs a FULL version first', () => {
    const emulator = new PersonalizeEmulator();
    groupWithInteractions(emulator, true);
    emulator.settleAll();
    expect(() => emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('Sol'), trainingMode: 'UPDATE' })).toThrow(/needs an ACTIVE solution version/);
    emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('Sol') });
    expect(() => emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('Sol') })).toThrow(expect.objectContaining({ name: 'ResourceInUseException' }));
  });

  test('batch jobs report PENDING, IN PROGRESS, ACTIVE', () => {
    const emulator = new PersonalizeEmulator();
    groupWithInteractions(emulator, true);
    emulator.settleAll();
    const { solutionVersionArn } = emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('Sol') }) as any;
    emulator.settleAll();
    const { batchInferenceJobArn } = emulator.call('CreateBatchInferenceJob', {
      jobName: 'B',
      solutionVersionArn,
      roleArn: 'arn:aws:iam::123456789012:role/R',
      jobInput: { s3DataSource: { path: 's3://bucket/in.json' } },
      jobOutput: { s3DataDestination: { path: 's3://bucket/out/' } },
    }) as any;
    const statuses = [1, 2, 3].map(() => (emulator.call('DescribeBatchInferenceJob', { batchInferenceJobArn }) as any).batchInferenceJob.status);
    expect(statuses).toEqual(['PENDING', 'IN PROGRESS', 'ACTIVE']);
  });

  test('injected faults: throttling k times (ThrottlingException), then the call goes through', () => {
    const emulator = new PersonalizeEmulator();
    emulator.faults.throttle('CreateDatasetGroup', 2);
    expect(() => emulator.call('CreateDatasetGroup', { name: 'G' })).toThrow(expect.objectContaining({ name: 'ThrottlingException' }));
    expect(() => emulator.call('CreateDatasetGroup', { name: 'G' })).toThrow(expect.objectContaining({ name: 'ThrottlingException' }));
    expect(emulator.call('CreateDatasetGroup', { name: 'G' })).toEqual({ datasetGroupArn: emulator.arns.datasetGroup('G') });
  });
});
