import { invalidInput } from './personalize-error';

/** One field of an Avro record schema as Personalize reads it (type, plus attributes such as `categorical`). */
export interface AvroField {
  readonly name: string;
  readonly type: unknown;
  readonly [attribute: string]: unknown;
}

/** Parses a schema string: source: API_CreateSchema (`schema`: an Avro JSON record). */
export function parseAvroRecord(schema: string | undefined): AvroField[] {
  let avro: any;
  try {
    avro = JSON.parse(schema ?? '');
  } catch {
    throw invalidInput('The schema is not valid JSON.');
  }
  if (avro?.type !== 'record' || !Array.isArray(avro.fields) || avro.fields.length === 0) {
    throw invalidInput('The schema must be an Avro record with at least one field.');
  }
  return avro.fields as AvroField[];
}

const canonical = (value: unknown): string => JSON.stringify(value, (_k, v) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);

/** A field accepts null when its type is a union holding "null": source: schemas page, "Schema data types". */
export function isNullable(field: AvroField): boolean {
  return Array.isArray(field.type) && field.type.includes('null');
}

/**
 * Why a replacement schema cannot replace the current one, or undefined when it can. Source: updating-dataset-schema
 * page: "you must keep all fields in the previous schema and you can't change their data types or attributes";
 * "Any new fields must support null data". Attributes compared: every member but `name` and `doc`.
 */
export function replacementProblem(current: AvroField[], replacement: AvroField[]): string | undefined {
  const byName = new Map(replacement.map((f) => [f.name, f]));
  for (const old of current) {
    const next = byName.get(old.name);
    if (!next) return `The new schema must keep every field of the current schema; field ${old.name} is missing.`;
    const { name: _a, doc: _b, ...oldRest } = old;
    const { name: _c, doc: _d, ...nextRest } = next;
    if (canonical(oldRest.type) !== canonical(nextRest.type)) {
      return `Field ${old.name} must keep its data type ${canonical(old.type)}, got: ${canonical(next.type)}.`;
    }
    if (canonical(oldRest) !== canonical(nextRest)) {
      return `Field ${old.name} must keep its attributes ${canonical(oldRest)}, got: ${canonical(nextRest)}.`;
    }
  }
  const currentNames = new Set(current.map((f) => f.name));
  const strict = replacement.find((f) => !currentNames.has(f.name) && !isNullable(f));
  if (strict) return `New field ${strict.name} must support null data (a union with "null"), got type: ${canonical(strict.type)}.`;
  return undefined;
}
