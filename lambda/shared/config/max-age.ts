/**
 * `solutionVersion.maxAge`: how old the latest ACTIVE solution version may get before the pipeline trains a new
 * one. The text form (`"7 days"`) is what people write; the state machines compare seconds.
 */

/** `<integer> <unit>`, the unit singular or plural; the same pattern the JSON Schema holds. */
export const MAX_AGE_PATTERN = /^([1-9][0-9]*) (second|minute|hour|day|week)s?$/;

const SECONDS_PER_UNIT: Record<string, number> = { second: 1, minute: 60, hour: 3_600, day: 86_400, week: 604_800 };

/**
 * The seconds a max age stands for: `parseMaxAge('7 days')` is 604800.
 * @throws an Error naming the expected form when the text is not `<integer> <second|minute|hour|day|week>(s)`.
 */
export function parseMaxAge(text: string): number {
  const match = MAX_AGE_PATTERN.exec(typeof text === 'string' ? text : '');
  if (!match) {
    throw new Error(`maxAge must read "<integer> <second|minute|hour|day|week>(s)", such as "7 days", got: ${JSON.stringify(text)}`);
  }
  const seconds = Number(match[1]) * SECONDS_PER_UNIT[match[2]];
  if (!Number.isSafeInteger(seconds)) throw new Error(`maxAge is too large, got: ${JSON.stringify(text)}`);
  return seconds;
}
