import { readFileSync } from 'node:fs';
import { parseConfigText } from '../lambda/shared/config/read-config-text';

/** A JSON file the command line cannot use; its message is one line, ready to print as it is. */
export class JsonFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonFileError';
  }
}

/**
 * Reads and parses a JSON file (a pipeline config, a template). A missing or unreadable file, or text that is not
 * JSON, throws a `JsonFileError` whose message names the file and, for bad JSON, the line and column
 * (`config.json:3:15: not valid JSON: Expected ',' or '}' after property value`). The validator Lambda reports a
 * config stored in S3 the same way (`lambda/shared/config/read-config-text.ts`).
 */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new JsonFileError(`${file}: no such file`);
    if (code === 'EISDIR') throw new JsonFileError(`${file}: is a directory, not a JSON file`);
    throw new JsonFileError(`${file}: cannot read it (${code ?? (error as Error).message})`);
  }
  const parsed = parseConfigText(text);
  if (!parsed.ok) throw new JsonFileError(`${file}:${parsed.line}:${parsed.column}: not valid JSON: ${parsed.reason}`);
  return parsed.value;
}
