import Ajv, { ErrorObject } from 'ajv';
import { pointerToPath, ValidationIssue } from './validation-issue';
import * as schema from '../../../schema/pipeline-config.schema.json';

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

/** Checks a document against the pipeline config JSON Schema; one issue per problem, by field path. */
export function schemaIssues(document: unknown): ValidationIssue[] {
  if (validate(document)) return [];
  const issues = (validate.errors ?? [])
    // `anyOf` reports each branch and then itself: the branches say what is wrong.
    .filter((error) => error.keyword !== 'anyOf')
    .map((error) => toIssue(error, document));
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}|${issue.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function toIssue(error: ErrorObject, document: unknown): ValidationIssue {
  const path = pointerToPath(error.instancePath);
  const got = `, got: ${JSON.stringify(valueAt(document, error.instancePath))?.slice(0, 120)}`;
  switch (error.keyword) {
    case 'required':
      return { path: pointerToPath(error.instancePath, error.params.missingProperty), message: 'is required' };
    case 'additionalProperties':
      return {
        path: pointerToPath(error.instancePath, error.params.additionalProperty),
        message: 'is not a known field here (check its spelling)',
      };
    case 'enum':
      return {
        path,
        message: `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${got}`,
      };
    case 'pattern':
      return { path, message: `must match ${error.params.pattern}${got}` };
    default:
      return { path, message: `${error.message ?? 'is invalid'}${got}` };
  }
}

function valueAt(document: unknown, pointer: string): unknown {
  let node: any = document;
  for (const part of pointer.split('/').slice(1)) {
    if (node === undefined || node === null) return undefined;
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}
