const SECONDS_PER_UNIT = { day: 86_400, hour: 3_600, minute: 60 } as const;

/**
 * An age in its largest whole unit, for reasons: "9 days", "1 hour", "42 seconds". Days, not
 * weeks: "13 days old" reads better than "1 week old".
 */
export function formatAge(seconds: number): string {
  for (const unit of ['day', 'hour', 'minute'] as const) {
    const count = Math.floor(seconds / SECONDS_PER_UNIT[unit]);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  const whole = Math.max(0, Math.floor(seconds));
  return `${whole} second${whole === 1 ? '' : 's'}`;
}

/** A duration exactly, in the largest unit that divides it: 604800 → "7 days", 129600 → "36 hours". */
export function formatDuration(seconds: number): string {
  for (const unit of ['day', 'hour', 'minute'] as const) {
    const count = seconds / SECONDS_PER_UNIT[unit];
    if (Number.isInteger(count) && count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
