/** Fields whose values are maps of user keys: their keys are data, never renamed. */
const MAP_FIELDS = new Set(['metrics', 'algorithmHyperParameters', 'featureTransformationParameters', 'itemExplorationConfig', 'hpoObjective', 'trainingDataConfig', 'excludedDatasetColumns']);

type Json = unknown;

function convert(value: Json, rename: (key: string) => string, dates: (d: Date) => Json, inMap = false): Json {
  if (value instanceof Date) return dates(value);
  if (Array.isArray(value)) return value.map((v) => convert(v, rename, dates));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => {
      const key = inMap ? k : rename(k);
      const camel = k.charAt(0).toLowerCase() + k.slice(1);
      return [key, convert(v, rename, dates, MAP_FIELDS.has(camel))];
    }));
  }
  return value;
}

/** Step Functions' SDK integrations name fields in PascalCase; the API's JSON uses camelCase. */
export const toPascalCase = (value: Json) => convert(value, (k) => k.charAt(0).toUpperCase() + k.slice(1), (d) => d.toISOString());
/** The request side of the same: PascalCase from a state machine to the API's camelCase. */
export const toCamelCase = (value: Json) => convert(value, (k) => k.charAt(0).toLowerCase() + k.slice(1), (d) => d.toISOString());
/** The awsJson1_1 wire format: timestamps as epoch seconds. */
export const toWire = (value: Json) => convert(value, (k) => k, (d) => d.getTime() / 1000);
