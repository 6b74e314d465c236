import { errorOf, groupWithDatasets } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

/*
 * CreateFilter refuses what the filter expression guidelines rule out (developer guide, filter expressions,
 * "Guidelines and requirements"); each rule's source is beside it in simulator/emulator/filter-expressions.ts.
 */

const ITEMS = JSON.stringify({
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'GENRES', type: ['null', 'string'], categorical: true },
    { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
    { name: 'ON_SALE', type: 'boolean' },
  ],
});

describe('CreateFilter and the filter expression guidelines', () => {
  function group() {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    emulator.call('CreateSchema', { name: 'RichItems', schema: ITEMS });
    emulator.call('CreateDataset', { name: 'G-items', datasetGroupArn: emulator.arns.datasetGroup('G'), schemaArn: emulator.arns.schema('RichItems'), datasetType: 'ITEMS' });
    emulator.settleAll();
    let n = 0;
    const create = (filterExpression: string) => errorOf(() => emulator.call('CreateFilter', { name: `F${n++}`, datasetGroupArn: emulator.arns.datasetGroup('G'), filterExpression }));
    return { emulator, create };
  }

  test('one expression does not use Interactions and Items; chained with "|" it may', () => {
    const { create } = group();
    expect(create('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click") AND Items.GENRES IN ("x")')).toBe('InvalidInputException');
    expect(create('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click") | EXCLUDE ItemID WHERE Items.GENRES IN ("x")')).toBe('none');
  });

  test('interactions are filtered by EVENT_TYPE only, in any letter case', () => {
    const { create } = group();
    expect(create('EXCLUDE ItemID WHERE Interactions.TIMESTAMP > 3')).toBe('InvalidInputException');
    expect(create('EXCLUDE ItemID WHERE interactions.event_type IN ("click")')).toBe('none');
  });

  test('no unstructured textual field, no boolean field', () => {
    const { create } = group();
    expect(create('INCLUDE ItemID WHERE Items.DESCRIPTION IN ("x")')).toBe('InvalidInputException');
    expect(create('INCLUDE ItemID WHERE Items.ON_SALE IN ("true")')).toBe('InvalidInputException');
    expect(create('INCLUDE ItemID WHERE Items.GENRES IN ("x")')).toBe('none');
  });

  test('at most 10 distinct dataset fields in a filter', () => {
    const { create } = group();
    const fields = (count: number) => Array.from({ length: count }, (_, i) => `Items.F${i} IN ("x")`).join(' AND ');
    expect(create(`INCLUDE ItemID WHERE ${fields(11)}`)).toBe('InvalidInputException');
    expect(create(`INCLUDE ItemID WHERE ${fields(10)}`)).toBe('none');
  });

  test('at most 20 distinct dataset fields across the group\'s filters; a deleted filter frees its fields', () => {
    const { emulator, create } = group();
    const fields = (from: number) => `INCLUDE ItemID WHERE ${Array.from({ length: 10 }, (_, i) => `Items.F${from + i} IN ("x")`).join(' AND ')}`;
    expect(create(fields(0))).toBe('none');
    expect(create(fields(10))).toBe('none');
    expect(create('INCLUDE ItemID WHERE Items.F0 IN ("y")')).toBe('none');
    expect(create('INCLUDE ItemID WHERE Items.GENRES IN ("x")')).toBe('InvalidInputException');
    emulator.settleAll();
    emulator.call('DeleteFilter', { filterArn: emulator.arns.filter('F0') });
    emulator.settleAll();
    expect(create('INCLUDE ItemID WHERE Items.GENRES IN ("x")')).toBe('none');
  });
});
