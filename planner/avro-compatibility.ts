/** A JSON value in a canonical text: object keys sorted at every level, so key order never makes a difference. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether two JSON values are equal regardless of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

interface AvroFieldLike {
  readonly name?: string;
  readonly type?: unknown;
  readonly [attribute: string]: unknown;
}

/** Keys of a field that are not attributes: its identity, its type, documentation and the default value. */
const NOT_ATTRIBUTES = new Set(['name', 'type', 'doc', 'default']);
/** Flags whose absence means false. */
const FLAGS = new Set(['categorical', 'textual']);

function fieldsOf(schema: unknown): AvroFieldLike[] {
  const fields = (schema as { fields?: unknown })?.fields;
  return Array.isArray(fields) ? fields.filter((f): f is AvroFieldLike => !!f && typeof f === 'object') : [];
}

function attributesOf(field: AvroFieldLike): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(field)) if (!NOT_ATTRIBUTES.has(key) && value !== undefined) attributes[key] = value;
  for (const flag of FLAGS) attributes[flag] = attributes[flag] === true;
  return attributes;
}

const typeText = (type: unknown) => JSON.stringify(type);

/**
 * Why a dataset cannot move from `before` to `after` with UpdateDataset, one text per reason; empty when it can.
 * The rules of "Replacing a dataset's schema" (https://docs.aws.amazon.com/personalize/latest/dg/updating-dataset-schema.html):
 * every field of the old schema is kept with its data type and attributes, and every new field supports null.
 * Types are compared as written (a union in another order counts as another type): the stricter reading.
 */
export function schemaReplacementIssues(before: unknown, after: unknown): string[] {
  const issues: string[] = [];
  const next = new Map(fieldsOf(after).map((field) => [field.name, field]));
  const previous = new Set<string | undefined>();
  for (const old of fieldsOf(before)) {
    previous.add(old.name);
    const kept = next.get(old.name);
    if (!kept) {
      issues.push(`field ${old.name} is removed`);
      continue;
    }
    if (!sameJson(old.type, kept.type)) issues.push(`field ${old.name} changes type from ${typeText(old.type)} to ${typeText(kept.type)}`);
    const oldAttributes = attributesOf(old);
    const newAttributes = attributesOf(kept);
    for (const key of new Set([...Object.keys(oldAttributes), ...Object.keys(newAttributes)])) {
      if (!sameJson(oldAttributes[key], newAttributes[key])) {
        issues.push(`field ${old.name} changes ${key} from ${JSON.stringify(oldAttributes[key])} to ${JSON.stringify(newAttributes[key])}`);
      }
    }
  }
  for (const field of fieldsOf(after)) {
    if (previous.has(field.name)) continue;
    const nullable = Array.isArray(field.type) && field.type.includes('null');
    if (!nullable) issues.push(`new field ${field.name} must be nullable (a union with "null"), got type ${typeText(field.type)}`);
  }
  return issues;
}

/** The names of the fields `after` adds to `before`. */
export function addedFields(before: unknown, after: unknown): string[] {
  const old = new Set(fieldsOf(before).map((f) => f.name));
  return fieldsOf(after).map((f) => String(f.name)).filter((name) => !old.has(name));
}

/** How `after` differs from `before`, field by field, for a message; empty when only the record's own keys or the order differ. */
export function schemaDifferences(before: unknown, after: unknown): string[] {
  const old = new Map(fieldsOf(before).map((f) => [f.name, f]));
  const next = new Map(fieldsOf(after).map((f) => [f.name, f]));
  const removed = [...old.keys()].filter((name) => !next.has(name));
  const added = [...next.keys()].filter((name) => !old.has(name));
  const changed = [...old.keys()].filter((name) => next.has(name) && !sameJson(old.get(name), next.get(name)));
  return [
    ...(removed.length ? [`removes ${removed.join(', ')}`] : []),
    ...(added.length ? [`adds ${added.join(', ')}`] : []),
    ...(changed.length ? [`changes ${changed.join(', ')}`] : []),
  ];
}
