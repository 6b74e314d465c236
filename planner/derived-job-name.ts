/** The longest Personalize resource name (`jobName` in the API reference: 1 to 63 characters). */
export const MAX_NAME_LENGTH = 63;

/**
 * The n-th name derived from a job name whose job failed: `<name>-<n>`, the base cut so the whole stays within
 * 63 characters. The base keeps its first character, so the result still matches `^[a-zA-Z0-9][a-zA-Z0-9\-_]*$`.
 */
export function derivedJobName(name: string, n: number): string {
  const suffix = `-${n}`;
  return `${name.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
}
