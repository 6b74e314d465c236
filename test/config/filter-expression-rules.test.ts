import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';

/*
 * The filter expression guidelines (developer guide, filter expressions, "Guidelines and requirements"): one test per
 * rule, each refused with the filter's field path before anything is created. Sources in
 * lambda/shared/config/filter-expression-rules.ts.
 */

/** The retail sample: Items has PRODUCT_DESCRIPTION (textual), CATEGORY_L1/L2, PRICE; Users has MEMBERSHIP. */
function retail(...expressions: string[]): any {
  const config = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'sample_configs', 'input_retail.json'), 'utf8'));
  config.filters = expressions.map((filterExpression, i) => ({ serviceConfig: { name: `F${i}`, filterExpression } }));
  return config;
}
const issuesOf = (config: any) => validatePipelineConfig(config).issues;
const PATH = 'filters[0].serviceConfig.filterExpression';

describe('filter expressions keep to the service\'s guidelines', () => {
  test('one expression does not read Interactions and Items together', () => {
    expect(issuesOf(retail('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("purchase") AND Items.CATEGORY_L1 IN ("shoes")')))
      .toEqual([{ path: PATH, message: expect.stringMatching(/Interactions and Items datasets together.*chain two expressions with "\|"/) }]);
  });

  test('...chained with "|", they may (Combining multiple expressions)', () => {
    expect(issuesOf(retail('INCLUDE ItemID WHERE Items.CATEGORY_L1 IN ($CATEGORY) | INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("favorite")'))).toEqual([]);
  });

  test('a "|" inside a quoted value does not split the expression', () => {
    expect(issuesOf(retail('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("a|b") AND Items.CATEGORY_L1 IN ("x")'))[0].message)
      .toMatch(/expression 1 reads the Interactions and Items/);
  });

  test('one expression does not read Interactions and Actions together', () => {
    const config = retail('EXCLUDE ActionID WHERE Interactions.EVENT_TYPE IN ("x") AND Actions.VALUE > 3');
    const custom = JSON.parse(readFileSync(path.join(__dirname, 'seed-style', 'custom-group.json'), 'utf8'));
    custom.filters = config.filters;
    expect(issuesOf(custom)).toEqual([{ path: PATH, message: expect.stringMatching(/Interactions and Actions datasets together/) }]);
  });

  test('interactions data is filtered by EVENT_TYPE only', () => {
    expect(issuesOf(retail('EXCLUDE ItemID WHERE Interactions.EVENT_VALUE > 3')))
      .toEqual([{ path: PATH, message: expect.stringMatching(/Interactions\.EVENT_VALUE.*EVENT_TYPE only/) }]);
  });

  test('EVENT_TYPE in any letter case passes, as the seed writes it', () => {
    expect(issuesOf(retail('EXCLUDE itemId WHERE INTERACTIONS.event_type in ("Purchase")'))).toEqual([]);
  });

  test('no unstructured textual field', () => {
    expect(issuesOf(retail('EXCLUDE ItemID WHERE Items.PRODUCT_DESCRIPTION IN ("x")')))
      .toEqual([{ path: PATH, message: expect.stringMatching(/PRODUCT_DESCRIPTION, an unstructured textual field/) }]);
  });

  test('no boolean field', () => {
    const config = retail('INCLUDE ItemID WHERE Items.ON_SALE IN ("true")');
    config.datasetGroup.datasets[1].schema.serviceConfig.schema.fields.push({ name: 'ON_SALE', type: ['null', 'boolean'] });
    expect(issuesOf(config)).toEqual([{ path: PATH, message: expect.stringMatching(/ON_SALE, a boolean field/) }]);
  });

  test('at most 10 distinct dataset fields in one filter', () => {
    const conditions = Array.from({ length: 11 }, (_, i) => `Items.F${i} IN ("x")`).join(' AND ');
    expect(issuesOf(retail(`INCLUDE ItemID WHERE ${conditions}`)))
      .toEqual([{ path: PATH, message: 'reads 11 distinct dataset fields; a filter may read at most 10' }]);
  });

  test('...a field read twice, in another letter case, counts once', () => {
    const conditions = Array.from({ length: 10 }, (_, i) => `Items.F${i} IN ("x")`).join(' AND ');
    expect(issuesOf(retail(`INCLUDE ItemID WHERE ${conditions} AND items.f0 IN ("y")`))).toEqual([]);
  });

  test('at most 20 distinct dataset fields across the filters of the dataset group', () => {
    const filter = (from: number) => `INCLUDE ItemID WHERE ${Array.from({ length: 7 }, (_, i) => `Items.F${from + i} IN ("x")`).join(' AND ')}`;
    expect(issuesOf(retail(filter(0), filter(7), filter(14))))
      .toEqual([{ path: 'filters', message: expect.stringMatching(/^the filters read 21 distinct dataset fields together; .* at most 20/) }]);
  });
});
