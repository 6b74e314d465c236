// Parses the text of a config file, wherever it was read from (a local file, an S3 object), with the position of
// a syntax error as editors count it. Shared by the command line (cli/json-file.ts) and the validator Lambda.

/** The text parsed, or where and why it is not JSON. */
export type ParsedConfigText =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly reason: string };

/**
 * Parses JSON text. A leading byte order mark is ignored (editors on Windows write one; JSON.parse refuses it).
 * On bad JSON, returns the 1-based line and column of the error and the parser's reason without the positions
 * and quotes of the input it adds.
 */
export function parseConfigText(raw: string): ParsedConfigText {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const { line, column } = lineAndColumn(text, errorPosition(text, message));
    return { ok: false, line, column, reason: reason(message) };
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
