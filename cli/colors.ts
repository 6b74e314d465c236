import { createColors } from 'picocolors';
import { CliStream } from './io';

/** Colours for a stream: on a terminal, unless NO_COLOR is set (https://no-color.org). */
export function colorsFor(stream: CliStream): ReturnType<typeof createColors> {
  return createColors(Boolean(stream.isTTY) && !process.env.NO_COLOR);
}
