import { Node, parseTree } from 'jsonc-parser';

/** A place in a file, 1-based as editors count. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps the validator's field paths (`solutions[0].serviceConfig.name`, `$` for the document) to line and column in
 * the file's text. A path that names a field the file lacks (a missing required one) maps to the deepest object
 * or array on the way that the file has, where the field belongs.
 */
export class FieldPositions {
  private readonly root?: Node;
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    this.root = parseTree(text, [], { disallowComments: true }) ?? undefined;
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  /** Where a field path points, or the document's start when it cannot be followed at all. */
  of(path: string): FilePosition {
    return this.position(this.nodeAt(path)?.offset ?? 0);
  }

  private nodeAt(path: string): Node | undefined {
    let node = this.root;
    let rest = path === '$' ? '' : path;
    while (node && rest !== '') {
      const index = /^\[(\d+)\]\.?/.exec(rest);
      if (index) {
        const child = node.type === 'array' ? node.children?.[Number(index[1])] : undefined;
        if (!child) return node;
        node = child;
        rest = rest.slice(index[0].length);
        continue;
      }
      // Keys may hold dots or brackets themselves (`--conf.x`): the longest key the path goes on from wins.
      const property = node.type === 'object'
        ? (node.children ?? [])
          .filter((p) => {
            const key = String(p.children?.[0]?.value);
            return rest.startsWith(key) && (rest.length === key.length || rest[key.length] === '.' || rest[key.length] === '[');
          })
          .sort((a, b) => String(b.children![0].value).length - String(a.children![0].value).length)[0]
        : undefined;
      if (!property?.children?.[1]) return node;
      node = property.children[1];
      const key = String(property.children[0].value);
      rest = rest.slice(key.length).replace(/^\./, '');
    }
    return node;
  }

  private position(offset: number): FilePosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }
}
