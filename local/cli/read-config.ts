import { readFileSync } from 'node:fs';

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
 * (`config.json:3:15: not valid JSON: Expected ',' or '}' after property value`).
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
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column } = lineAndColumn(text, errorPosition(text, (error as Error).message));
    throw new JsonFileError(`${file}:${line}:${column}: not valid JSON: ${reason((error as Error).message)}`);
  }
}

/**
 * Where JSON.parse failed, as an offset. Node 20 says "at position N" for most errors, nothing for an unexpected
 * token (`Unexpected token '}', "{"a":}" is not valid JSON`): then the error is at the last character of the
 * shortest prefix that already fails before its end, found by bisection.
 */
function errorPosition(text: string, message: string): number {
  const stated = /at position (\d+)/.exec(message);
  if (stated) return Number(stated[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  const failsBeforeEnd = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const m = (error as Error).message;
      if (/Unexpected end of JSON input/.test(m)) return false;
      const at = /at position (\d+)/.exec(m);
      return at ? Number(at[1]) < length : true;
    }
  };
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsBeforeEnd(middle)) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

/** 1-based line and column of an offset, as editors count them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** The parser's message without the parts that are positions or quote the (multi-line) input. */
function reason(message: string): string {
  return message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ \(line \d+ column \d+\)$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
