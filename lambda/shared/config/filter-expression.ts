import { DatasetType } from './pipeline-config';

/**
 * What the validator reads in a filter expression: only as much as the service documents, in the letter case
 * the service accepts. The service's own API reference once gave the format as
 * `EXCLUDE itemId WHERE INTERACTIONS.event_type in ("EVENT_TYPE")` (API_CreateFilter, 2020), while the developer
 * guide writes `EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (...)` and `Items.genres` for a GENRES field: the
 * keywords, the element and the dataset names are matched without regard to case. The rest (fields, operators,
 * values, `$PARAMETER` placeholders) is left to the service, which knows the schemas.
 */

/**
 * `INCLUDE|EXCLUDE ItemID|ActionID|UserID WHERE <condition>`, any letter case, `_` allowed in the element.
 * Source: "Filter expression structure and elements",
 * https://docs.aws.amazon.com/personalize/latest/dg/creating-filter-expressions.html
 */
const EXPRESSION_START = /^\s*(INCLUDE|EXCLUDE)\s+(ITEM_?ID|ACTION_?ID|USER_?ID)\s+WHERE\s+\S/i;

/**
 * The dataset each `dataset.field` reference reads, by lower-case dataset name. `CurrentUser.field` reads the
 * Users dataset ("If you have a Users dataset, you can ... CurrentUser"). Source: "Filter expressions" and
 * "Action recommendation filter expression examples" (`Action_Interactions.EVENT_TYPE`),
 * https://docs.aws.amazon.com/personalize/latest/dg/filter-expressions.html
 */
const REFERENCED_DATASET: Readonly<Record<string, DatasetType>> = {
  action_interactions: 'ACTION_INTERACTIONS',
  interactions: 'INTERACTIONS',
  items: 'ITEMS',
  users: 'USERS',
  actions: 'ACTIONS',
  currentuser: 'USERS',
};
const REFERENCE = /\b(action_interactions|interactions|items|users|actions|currentuser)\s*\./gi;

/**
 * Whether the expression starts the way every filter expression must. Expressions chained with `|` are not
 * split: a quoted value may hold a `|`, and the service checks each part anyway.
 */
export function hasFilterExpressionStructure(expression: string): boolean {
  return EXPRESSION_START.test(expression);
}

/**
 * The datasets an expression reads, each once, in order of first use, with the name as written. Quoted values
 * and `$PARAMETER` placeholders are skipped: a value may contain any text.
 */
export function referencedDatasets(expression: string): Array<{ readonly name: string; readonly type: DatasetType }> {
  const code = expression.replace(/"[^"]*"|'[^']*'/g, '""').replace(/\$\w+/g, '$');
  const seen = new Set<DatasetType>();
  const references: Array<{ name: string; type: DatasetType }> = [];
  for (const [, name] of code.matchAll(REFERENCE)) {
    const type = REFERENCED_DATASET[name.toLowerCase()];
    if (!seen.has(type)) {
      seen.add(type);
      references.push({ name, type });
    }
  }
  return references;
}

/** One `dataset.field` an expression reads: the dataset it belongs to and the field as written. */
export interface FieldReference {
  /** The dataset as written (`Items`, `CurrentUser`, ...). */
  readonly dataset: string;
  readonly type: DatasetType;
  readonly field: string;
}

/**
 * The datasets of `CurrentItem.field` too: the fields of the item named in the request, read from the Items
 * dataset. Source: "Item recommendation filter expression examples" (`Items.PRICE < CurrentItem.PRICE`),
 * https://docs.aws.amazon.com/personalize/latest/dg/item-recommendation-filter-examples.html
 */
const FIELD_DATASET: Readonly<Record<string, DatasetType>> = { ...REFERENCED_DATASET, currentitem: 'ITEMS' };
const FIELD_REFERENCE = /\b(action_interactions|interactions|items|users|actions|currentuser|currentitem)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/gi;

/** Quoted values and `$PARAMETER` placeholders blanked: a value may contain any text, a `|` or a `.` too. */
const codeOf = (expression: string) => expression.replace(/"[^"]*"|'[^']*'/g, '""').replace(/\$\w+/g, '$');

/**
 * The expressions a filter chains with `|`, each as code (quoted values blanked). Source: "Combining multiple
 * expressions", https://docs.aws.amazon.com/personalize/latest/dg/multiple-expression-example.html
 */
export function chainedExpressions(expression: string): string[] {
  return codeOf(expression).split('|');
}

/** The `dataset.field` references of one expression (or of a chain), in order, with repeats. */
export function referencedFields(expression: string): FieldReference[] {
  return [...codeOf(expression).matchAll(FIELD_REFERENCE)]
    .map(([, dataset, field]) => ({ dataset, type: FIELD_DATASET[dataset.toLowerCase()], field }));
}

/**
 * The distinct dataset fields a filter reads, as `TYPE.FIELD` keys. Field names are compared without regard to
 * case, as the dataset names are (the seed's `INTERACTIONS.event_type` reads EVENT_TYPE).
 */
export function distinctFields(expression: string): Set<string> {
  return new Set(referencedFields(expression).map((ref) => `${ref.type}.${ref.field.toUpperCase()}`));
}
