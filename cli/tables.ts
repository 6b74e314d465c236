import Table from 'cli-table3';

/** No separator lines between rows, no colours in borders or headers: readable in a terminal and in a log. */
const COMPACT = { 'mid': '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** A cli-table3 table in the command line's one style. */
export function newTable(head: string[], colWidths?: number[]): Table.Table {
  return new Table({ head, chars: COMPACT, style: { head: [], border: [] }, ...(colWidths ? { colWidths, wordWrap: true } : {}) });
}
