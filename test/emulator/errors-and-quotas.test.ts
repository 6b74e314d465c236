import { DescribeDatasetGroupCommand, PersonalizeClient, PersonalizeServiceException } from '@aws-sdk/client-personalize';
import { errorOf, groupWithDatasets, importInteractions } from './fixtures';
import { PersonalizeHttpEndpoint } from '../../simulator/emulator/http-face';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { callFromStateMachine } from '../../simulator/emulator/step-functions-face';

/** The Step Functions error (name and cause) of a state machine call. */
function sfnError(call: () => unknown): { name: string; cause: string } {
  try {
    call();
  } catch (error) {
    return { name: (error as Error).name, cause: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('throttling as each face reports it', () => {
  const emulator = new PersonalizeEmulator();
  const endpoint = new PersonalizeHttpEndpoint(emulator);
  let client: PersonalizeClient;
  beforeAll(async () => {
    client = new PersonalizeClient({ endpoint: await endpoint.start(), region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    emulator.call('CreateDatasetGroup', { name: 'G' });
  });
  afterAll(() => endpoint.stop());
  const datasetGroupArn = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/G';

  test('on the wire: an unmodeled ThrottlingException, HTTP 400, that the SDK classifies as throttling', async () => {
    emulator.faults.throttle('DescribeDatasetGroup', 1);
    const error = await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn })).catch((e) => e);
    expect(error).toBeInstanceOf(PersonalizeServiceException);
    expect(error).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
  });

  test('the SDK retries it as throttling (its THROTTLING_ERROR_CODES hold the code) and the retry succeeds', async () => {
    const retrying = new PersonalizeClient({ endpoint: endpoint.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 2 });
    emulator.faults.throttle('DescribeDatasetGroup', 1);
    await expect(retrying.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).resolves.toMatchObject({ datasetGroup: { name: 'G' } });
  });

  test('in Step Functions: Personalize.PersonalizeException by default, with the SDK cause suffix', () => {
    emulator.faults.throttle('DescribeDatasetGroup', 1);
    const error = sfnError(() => callFromStateMachine(emulator, 'describeDatasetGroup', { DatasetGroupArn: datasetGroupArn }));
    expect(error.name).toBe('Personalize.PersonalizeException');
    expect(error.cause).toMatch(/^Rate exceeded \(Service: Personalize, Status Code: 400, Request ID: local-\d+\)$/);
  });

  test.each([
    [{ stepFunctionsName: 'ThrottlingException' as const }, 'Personalize.ThrottlingException'],
    [{ stepFunctionsName: 'AmazonPersonalizeException' as const }, 'Personalize.AmazonPersonalizeException'],
    [{ errorName: 'LimitExceededException' as const }, 'Personalize.LimitExceededException'],
    [{ errorName: 'TooManyRequestsException' as const }, 'Personalize.PersonalizeException'],
  ])('throttle(%j) is named %s', (options, expected) => {
    emulator.faults.throttle('DescribeDatasetGroup', 1, options);
    expect(sfnError(() => callFromStateMachine(emulator, 'describeDatasetGroup', { DatasetGroupArn: datasetGroupArn })).name).toBe(expected);
  });

  test('a dropped connection: no HTTP answer; Personalize.SdkClientException in Step Functions', async () => {
    emulator.faults.dropConnection('DescribeDatasetGroup', 2);
    const error = await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn })).catch((e) => e);
    expect(error).not.toBeInstanceOf(PersonalizeServiceException);
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
    expect(sfnError(() => callFromStateMachine(emulator, 'describeDatasetGroup', { DatasetGroupArn: datasetGroupArn })))
      .toEqual({ name: 'Personalize.SdkClientException', cause: 'Unable to execute HTTP request: Connection reset' });
    await expect(client.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).resolves.toMatchObject({ datasetGroup: { name: 'G' } });
  });

  test('an unknown operation is UnknownOperationException (HTTP 404)', () => {
    expect(errorOf(() => emulator.call('CreateSomething', {}))).toBe('UnknownOperationException');
  });
});

describe('quotas', () => {
  test('active dataset groups (5)', () => {
    const emulator = new PersonalizeEmulator();
    for (let i = 0; i < 5; i++) emulator.call('CreateDatasetGroup', { name: `G${i}` });
    expect(errorOf(() => emulator.call('CreateDatasetGroup', { name: 'G5' }))).toBe('LimitExceededException');
  });

  test('pending or in progress dataset import jobs (5), counted across the account; configurable', () => {
    for (const [quotas, expected] of [[undefined, 'LimitExceededException'], [{ inProgressDatasetImportJobs: 6 }, 'none']] as const) {
      const emulator = new PersonalizeEmulator({ quotas });
      for (const group of ['A', 'B', 'C']) groupWithDatasets(emulator, group, { items: true });
      const start = (group: string, type: string) => errorOf(() => emulator.call('CreateDatasetImportJob', {
        jobName: `${group}-${type}`, datasetArn: emulator.arns.dataset(group, type), dataSource: { dataLocation: 's3://bucket/x.csv' },
      }));
      ['A', 'B', 'C'].forEach((g) => start(g, 'INTERACTIONS'));
      ['A', 'B'].forEach((g) => start(g, 'ITEMS'));
      expect(start('C', 'ITEMS')).toBe(expected);
    }
  });

  test('in progress solution versions (20), and finished ones free the quota', () => {
    const emulator = new PersonalizeEmulator({ quotas: { inProgressSolutionVersions: 1 } });
    groupWithDatasets(emulator);
    importInteractions(emulator, 'J');
    for (const name of ['S1', 'S2']) emulator.call('CreateSolution', { name, datasetGroupArn: emulator.arns.datasetGroup('G'), recipeArn: 'arn:aws:personalize:::recipe/aws-sims' });
    emulator.settleAll();
    emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('S1') });
    expect(errorOf(() => emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('S2') }))).toBe('LimitExceededException');
    emulator.settleAll();
    expect(errorOf(() => emulator.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution('S2') }))).toBe('none');
  });

  test('invalid options are refused with the field named', () => {
    expect(() => new PersonalizeEmulator({ durations: { campaign: -1 } })).toThrow(/durations.campaign must be a number of seconds >= 0, got: -1/);
    expect(() => new PersonalizeEmulator({ durations: { nope: 1 } as any })).toThrow(/durations.nope is not a resource kind/);
    expect(() => new PersonalizeEmulator({ describesPerStatus: 0 })).toThrow(/describesPerStatus must be an integer of at least 1, got: 0/);
  });
});
