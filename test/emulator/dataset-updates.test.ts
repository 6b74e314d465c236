import { describe as describeOf, errorOf, groupWithDatasets } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

const items = (fields: object[]) => JSON.stringify({ type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', fields });
const ITEM_ID = { name: 'ITEM_ID', type: 'string' };
const GENRES = { name: 'GENRES', type: ['null', 'string'], categorical: true };

describe('UpdateDataset (replacing a dataset schema)', () => {
  function setup(): { emulator: PersonalizeEmulator; datasetArn: string; replace: (name: string, fields: object[]) => string } {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator, 'G', { items: true });
    const datasetArn = emulator.arns.dataset('G', 'ITEMS');
    const replace = (name: string, fields: object[]) => {
      emulator.call('CreateSchema', { name, schema: items(fields) });
      return errorMessage(() => emulator.call('UpdateDataset', { datasetArn, schemaArn: emulator.arns.schema(name) }));
    };
    return { emulator, datasetArn, replace };
  }
  const errorMessage = (call: () => unknown): string => {
    try {
      call();
      return 'ok';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };

  test('progress shows in latestDatasetUpdate; dataset.status stays ACTIVE; the schema changes when the update is ACTIVE', () => {
    const { emulator, datasetArn, replace } = setup();
    expect(replace('ItemsV2', [ITEM_ID, GENRES, { name: 'PRICE', type: ['null', 'float'] }])).toBe('ok');
    const seen = [1, 2, 3].map(() => describeOf(emulator, 'DescribeDataset', { datasetArn }));
    expect(seen.map((d) => d.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    expect(seen.map((d) => d.latestDatasetUpdate.status)).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    expect(seen.map((d) => d.schemaArn)).toEqual([emulator.arns.schema('Items'), emulator.arns.schema('Items'), emulator.arns.schema('ItemsV2')]);
    expect(seen[2].latestDatasetUpdate).toMatchObject({ schemaArn: emulator.arns.schema('ItemsV2'), creationDateTime: expect.any(Date), lastUpdatedDateTime: expect.any(Date) });
  });

  test('only ITEMS and USERS datasets can have their schema replaced', () => {
    const { emulator } = setup();
    emulator.call('CreateSchema', { name: 'InteractionsV2', schema: JSON.stringify({ type: 'record', name: 'I', fields: [{ name: 'USER_ID', type: 'string' }] }) });
    expect(errorMessage(() => emulator.call('UpdateDataset', { datasetArn: emulator.arns.dataset('G', 'INTERACTIONS'), schemaArn: emulator.arns.schema('InteractionsV2') })))
      .toMatch(/^InvalidInputException: .*ITEMS or USERS/);
  });

  test.each([
    ['a field is dropped', [ITEM_ID], /field GENRES is missing/],
    ['a type changes', [ITEM_ID, { ...GENRES, type: ['null', 'int'] }], /GENRES must keep its data type/],
    ['an attribute changes', [ITEM_ID, { ...GENRES, categorical: false }], /GENRES must keep its attributes/],
    ['a new field is not nullable', [ITEM_ID, GENRES, { name: 'PRICE', type: 'float' }], /New field PRICE must support null data/],
  ])('InvalidInputException when %s', (_case, fields, message) => {
    const { replace } = setup();
    expect(replace('ItemsBad', fields)).toMatch(new RegExp(`^InvalidInputException: .*${message.source}`));
  });

  test('one update at a time; no import during an update', () => {
    const { emulator, datasetArn, replace } = setup();
    replace('ItemsV2', [ITEM_ID, GENRES, { name: 'A', type: ['null', 'string'] }]);
    expect(replace('ItemsV3', [ITEM_ID, GENRES, { name: 'A', type: ['null', 'string'] }, { name: 'B', type: ['null', 'string'] }])).toMatch(/^ResourceInUseException/);
    expect(errorOf(() => emulator.call('CreateDatasetImportJob', { jobName: 'J', datasetArn, dataSource: { dataLocation: 's3://bucket/items.csv' } }))).toBe('ResourceInUseException');
  });

  test('failCreate on UpdateDataset ends the update CREATE FAILED with the reason; the schema stays', () => {
    const { emulator, datasetArn, replace } = setup();
    emulator.faults.failCreate({ operation: 'UpdateDataset', failureReason: 'Schema replacement failed', times: 1 });
    replace('ItemsV2', [ITEM_ID, GENRES, { name: 'A', type: ['null', 'string'] }]);
    emulator.settleAll();
    const dataset = describeOf(emulator, 'DescribeDataset', { datasetArn });
    expect(dataset).toMatchObject({ status: 'ACTIVE', schemaArn: emulator.arns.schema('Items'), latestDatasetUpdate: { status: 'CREATE FAILED', failureReason: 'Schema replacement failed' } });
  });

  test('a schema is in use while a dataset has it, or is being moved to it', () => {
    const { emulator, replace } = setup();
    replace('ItemsV2', [ITEM_ID, GENRES, { name: 'A', type: ['null', 'string'] }]);
    expect(errorOf(() => emulator.call('DeleteSchema', { schemaArn: emulator.arns.schema('ItemsV2') }))).toBe('ResourceInUseException');
  });
});
