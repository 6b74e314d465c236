import { AvroField } from './avro-schema';

/*
 * What CreateFilter checks in an expression beyond its structure. Source, unless said otherwise: developer guide,
 * filter expressions, "Guidelines and requirements",
 * https://docs.aws.amazon.com/personalize/latest/dg/filter-expression-guidelines-requirements.html
 * The service's messages are not documented: ours name the rule.
 */

/** Source: same page, "The maximum number of distinct dataset fields ... in a filter ... is 10". */
export const FIELDS_PER_FILTER = 10;
/** Source: same page, "... across all filters in a dataset group is 20". */
export const FIELDS_PER_DATASET_GROUP = 20;

/** `dataset.field` names to dataset types; CurrentUser reads Users, CurrentItem reads Items (filter expression examples). */
const DATASET: Record<string, string> = {
  action_interactions: 'ACTION_INTERACTIONS',
  interactions: 'INTERACTIONS',
  items: 'ITEMS',
  users: 'USERS',
  actions: 'ACTIONS',
  currentuser: 'USERS',
  currentitem: 'ITEMS',
};
const REFERENCE = /\b(action_interactions|interactions|items|users|actions|currentuser|currentitem)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/gi;

/**
 * Pairs one expression may not read together ("You can't use Item Interaction and Item datasets in one expression",
 * "... Item interaction and Action datasets ..."); Action interactions with Actions: "Combining multiple expressions"
 * ("the same rules apply when working with Actions and Action interactions"). Strict: CurrentUser/CurrentItem are not
 * counted as reading their dataset here.
 */
const APART: ReadonlyArray<readonly [string, string]> = [['INTERACTIONS', 'ITEMS'], ['INTERACTIONS', 'ACTIONS'], ['ACTION_INTERACTIONS', 'ACTIONS']];

interface Reference { readonly written: string; readonly type: string; readonly field: string; readonly current: boolean }

function references(code: string): Reference[] {
  return [...code.matchAll(REFERENCE)].map(([, dataset, field]) => ({
    written: `${dataset}.${field}`, type: DATASET[dataset.toLowerCase()], field: field.toUpperCase(), current: dataset.toLowerCase().startsWith('current'),
  }));
}

/** The distinct `TYPE.FIELD`s an expression reads (quoted values are data). */
export function fieldsOf(expression: string): Set<string> {
  return new Set(references(expression.replace(/"[^"]*"/g, '""')).map((r) => `${r.type}.${r.field}`));
}

/**
 * Why CreateFilter refuses the expression, or undefined. `schemaOf` gives the fields of a dataset of the group by
 * type (undefined when the group has no such dataset: the caller checks that first).
 */
export function expressionProblem(expression: string, schemaOf: (type: string) => AvroField[] | undefined): string | undefined {
  const code = expression.replace(/"[^"]*"/g, '""');
  for (const part of code.split('|')) {
    const types = new Set(references(part).filter((r) => !r.current).map((r) => r.type));
    const pair = APART.find(([a, b]) => types.has(a) && types.has(b));
    if (pair) return `A filter expression cannot use the ${pair[0]} and ${pair[1]} datasets in one expression; combine two expressions with "|".`;
  }
  for (const ref of references(code)) {
    // "If you are filtering based on item or action interactions data, you can only filter based on event type."
    if ((ref.type === 'INTERACTIONS' || ref.type === 'ACTION_INTERACTIONS') && ref.field !== 'EVENT_TYPE') {
      return `Interactions data can only be filtered by EVENT_TYPE, got: ${ref.written}.`;
    }
    const field = schemaOf(ref.type)?.find((f) => f.name.toUpperCase() === ref.field);
    // "You can't use filters to include or exclude items based on unstructured textual item metadata".
    if (field?.textual === true) return `Field ${ref.written} is textual: filters cannot use unstructured text fields.`;
    // "You can't create filter expressions that filter using values with a boolean type in your schema."
    const types = Array.isArray(field?.type) ? field!.type as unknown[] : [field?.type];
    if (field && types.includes('boolean')) return `Field ${ref.written} is of type boolean: filters cannot use boolean fields.`;
  }
  const fields = fieldsOf(expression);
  if (fields.size > FIELDS_PER_FILTER) return `A filter can use at most ${FIELDS_PER_FILTER} distinct dataset fields, got: ${fields.size}.`;
  return undefined;
}
