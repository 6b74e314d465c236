/** Where a command writes: the process's streams, or a test's. */
export interface CliStream {
  /** True on a terminal: live progress and colours. */
  readonly isTTY?: boolean;
  /** The terminal's width. */
  readonly columns?: number;
  write(text: string): unknown;
}

/** A command's surroundings. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
}

/** Writes lines to a stream. */
export function println(stream: CliStream, ...lines: string[]): void {
  for (const line of lines) stream.write(`${line}\n`);
}
