/**
 * How a configured value is compared with what a Describe returns. The config may name only part of an object the
 * service returns in full (the service fills in keys the config left out, with defaults it does not always
 * document), so objects compare as "every configured key has the described value"; arrays compare element by element
 * in any order (the order of event parameters or dataset columns carries no meaning); a number and its
 * decimal string are the same value (`itemExplorationConfig` holds `"0.3"`, a config may write `0.3`).
 */
export function matches(configured: unknown, described: unknown): boolean {
  if (configured === undefined) return true;
  if (Array.isArray(configured)) {
    if (!Array.isArray(described) || described.length !== configured.length) return false;
    // Each configured element matches its own described element, in any order.
    const left = [...described];
    return configured.every((element) => {
      const i = left.findIndex((candidate) => matches(element, candidate));
      if (i < 0) return false;
      left.splice(i, 1);
      return true;
    });
  }
  if (isObject(configured)) {
    if (!isObject(described)) return false;
    return Object.entries(configured).every(([key, value]) => matches(value, described[key]));
  }
  if (configured === described) return true;
  const primitive = (v: unknown) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
  return primitive(configured) && primitive(described) && String(configured) === String(described);
}

/** The JSON of a value with its keys sorted at every level. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    return Object.fromEntries(Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A value as a plan line or an event shows it: strings as they are, `(none)` for an absent value, JSON otherwise. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'string') return value;
  return canonical(value);
}

/** The configured keys of an object laid over the described ones (one level: a configured key replaces the described one). */
export function overlay(described: unknown, configured: unknown): Record<string, unknown> | undefined {
  if (!isObject(configured)) return isObject(described) ? { ...described } : undefined;
  return { ...(isObject(described) ? described : {}), ...configured };
}

/** The value at a dotted path of an object, e.g. `solutionConfig.autoTrainingConfig`. */
export function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), value);
}
