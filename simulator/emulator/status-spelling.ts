/**
 * How the emulator spells the statuses it answers. The sources disagree: the SDK model's `status` members and the
 * Describe* API reference pages write `CREATE PENDING`, `CREATE IN_PROGRESS`, `CREATE STOPPED` (a space after the
 * verb); the API reference of StopSolutionVersionCreation writes `CREATE_PENDING > CREATE_STOPPED` and
 * `CREATE_IN_PROGRESS > CREATE_STOPPING > CREATE_STOPPED`. Which one the service sends is not documented (strict: the
 * pipeline matches both), so the emulator can answer either: `space` as the SDK model (the default), `underscore` as
 * the Stop page (every space of a status an underscore).
 */
export type StatusSpelling = 'space' | 'underscore';

/** The status fields of a response: a resource's `status` and its `latest...Update.status`, at any depth. */
const STATUS_KEY = 'status';

/** A response with every status spelled as asked (a new object; the emulator's own state keeps the space spelling). */
export function spellStatuses<T>(value: T, spelling: StatusSpelling): T {
  if (spelling === 'space') return value;
  return respell(value) as T;
}

function respell(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(respell);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) =>
    [key, key === STATUS_KEY && typeof field === 'string' ? field.replace(/ /g, '_') : respell(field)]));
}
