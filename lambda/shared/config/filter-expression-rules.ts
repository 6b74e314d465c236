import { DeployedFeatures } from './deployed-features';
import { chainedExpressions, distinctFields, hasFilterExpressionStructure, referencedFields } from './filter-expression';
import { AvroField, DatasetType, PipelineConfig } from './pipeline-config';
import { ValidationIssue } from './validation-issue';

/*
 * What CreateFilter refuses in an expression, known from the config alone: the datasets and fields it reads, read
 * against the schemas the config gives. Source for every rule here unless said otherwise: "Guidelines and
 * requirements" (filter expressions), https://docs.aws.amazon.com/personalize/latest/dg/filter-expression-guidelines-requirements.html
 * An expression without the documented structure is left to filtersReferenceConfiguredData, which says so.
 */

/** "The maximum number of distinct dataset fields ... in a filter ... is 10." */
export const MAX_FIELDS_PER_FILTER = 10;
/** "The maximum number of distinct dataset fields across all filters in a dataset group is 20." */
export const MAX_FIELDS_PER_DATASET_GROUP = 20;

/** The interactions datasets, which filters read by event type only. */
const INTERACTION_TYPES: readonly DatasetType[] = ['INTERACTIONS', 'ACTION_INTERACTIONS'];

/**
 * Datasets one expression may not read together: "You can't use Item Interaction and Item datasets in one
 * expression", "You can't use Item interaction and Action datasets in one expression"; Action interactions with
 * Actions: "Combining multiple expressions" ("the same rules apply when working with Actions and Action interactions"),
 * https://docs.aws.amazon.com/personalize/latest/dg/multiple-expression-example.html
 */
const NOT_TOGETHER: ReadonlyArray<readonly [DatasetType, DatasetType]> = [
  ['INTERACTIONS', 'ITEMS'],
  ['INTERACTIONS', 'ACTIONS'],
  ['ACTION_INTERACTIONS', 'ACTIONS'],
];

const DATASET_NAME: Record<DatasetType, string> = {
  INTERACTIONS: 'Interactions', ITEMS: 'Items', USERS: 'Users', ACTIONS: 'Actions', ACTION_INTERACTIONS: 'Action_Interactions',
};

const typesOf = (field: AvroField) => (Array.isArray(field.type) ? field.type : [field.type]);

/** Every filter expression keeps to the service's guidelines; each problem names the filter's expression. */
export function filterExpressionsFollowGuidelines(config: PipelineConfig, _features?: DeployedFeatures): ValidationIssue[] {
  const schemaOf = new Map<DatasetType, AvroField[]>(config.datasetGroup.datasets.map((d) => [d.type, d.schema.serviceConfig.schema.fields]));
  const issues: ValidationIssue[] = [];
  const groupFields = new Map<string, string>();
  (config.filters ?? []).forEach((filter, i) => {
    const expression = filter.serviceConfig.filterExpression;
    const path = `filters[${i}].serviceConfig.filterExpression`;
    if (!hasFilterExpressionStructure(expression)) return;
    const problem = (message: string) => issues.push({ path, message });

    chainedExpressions(expression).forEach((part, p) => {
      const types = new Set(referencedFields(part).filter((ref) => ref.dataset.toLowerCase().startsWith('current') === false).map((ref) => ref.type));
      for (const [a, b] of NOT_TOGETHER) {
        if (types.has(a) && types.has(b)) {
          problem(`expression ${p + 1} reads the ${DATASET_NAME[a]} and ${DATASET_NAME[b]} datasets together; `
            + 'one expression may read only one of them: chain two expressions with "|"');
        }
      }
    });
    const seen = new Set<string>();
    for (const ref of referencedFields(expression)) {
      const key = `${ref.type}.${ref.field.toUpperCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (INTERACTION_TYPES.includes(ref.type)) {
        if (ref.field.toUpperCase() !== 'EVENT_TYPE') {
          problem(`filters on ${ref.dataset}.${ref.field}, but interactions data is filtered by EVENT_TYPE only`);
        }
        continue;
      }
      const field = schemaOf.get(ref.type)?.find((f) => f.name.toUpperCase() === ref.field.toUpperCase());
      if (field?.textual === true) {
        problem(`filters on ${ref.dataset}.${ref.field}, an unstructured textual field ("textual": true in the schema); filters cannot read free text`);
      }
      if (field && typesOf(field).includes('boolean')) {
        problem(`filters on ${ref.dataset}.${ref.field}, a boolean field; filters cannot read boolean values: use a string field ("True"/"False") or an int (0/1)`);
      }
    }
    const fields = distinctFields(expression);
    if (fields.size > MAX_FIELDS_PER_FILTER) {
      problem(`reads ${fields.size} distinct dataset fields; a filter may read at most ${MAX_FIELDS_PER_FILTER}`);
    }
    for (const key of fields) if (!groupFields.has(key)) groupFields.set(key, path);
  });
  if (groupFields.size > MAX_FIELDS_PER_DATASET_GROUP) {
    issues.push({
      path: 'filters',
      message: `the filters read ${groupFields.size} distinct dataset fields together; the filters of a dataset group may read at most `
        + `${MAX_FIELDS_PER_DATASET_GROUP} (${[...groupFields.keys()].join(', ')})`,
    });
  }
  return issues;
}
