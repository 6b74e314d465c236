/**
 * Makes aws-local-stepfunctions read paths as Step Functions does. Step Functions evaluates paths with Jayway
 * JsonPath: a definite path (names and single indexes only) gives one value and fails when nothing is there; an
 * indefinite path (wildcard, deep scan, filter, slice, union) gives an array of every match, possibly empty
 * (Step Functions developer guide, "Using JSONPath paths": Paths in Parameters, ResultSelector and InputPath
 * may use the full syntax). The engine calls jsonpath-plus with `wrap: false`, which turns zero matches into
 * "no value" (a States.Runtime error) and one match into a bare value; this restores the array shape.
 * Loaded before the engine, once per process.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsonpath = require('jsonpath-plus') as { JSONPath: (options: { path: string; wrap?: boolean; [key: string]: unknown }) => unknown; __personalizeMlOps?: boolean };

/** Whether a path can match more than one node (Jayway's "indefinite" path). */
export function isIndefinitePath(path: string): boolean {
  return /\*|\.\.|\[\?\(|\[[^\]]*[:,][^\]]*\]/.test(path);
}

if (!jsonpath.__personalizeMlOps) {
  const original = jsonpath.JSONPath;
  jsonpath.JSONPath = (options) => original(typeof options?.path === 'string' && isIndefinitePath(options.path) ? { ...options, wrap: true } : options);
  jsonpath.__personalizeMlOps = true;
}
