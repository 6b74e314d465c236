// What EventBridge does with a rule the operations parts synthesize, for the local end-to-end tests: match an event
// against the rule's pattern, and build the target's input with its input transformer. Only the filters and
// template forms the constructs use are modelled; anything else throws, so a new form cannot pass untested.

/** An event as EventBridge delivers it to a rule (the envelope fields the constructs read). */
export interface BusEvent {
  readonly 'source': string;
  readonly 'detail-type': string;
  readonly 'time'?: string;
  readonly 'detail': Record<string, unknown>;
}

/**
 * Whether the event matches the pattern. EventBridge User Guide, "Creating event patterns" and "Content filtering in
 * Amazon EventBridge event patterns": every field of the pattern must match; a field's array matches when any of its
 * values does; a value is an exact match, or a filter object: `prefix`, `wildcard` (`*` is any run of characters,
 * `/` included), `exists` (true: the field is present; false: absent).
 */
export function matchesPattern(pattern: Record<string, unknown>, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    const actual = event[field];
    if (Array.isArray(expected)) return expected.some((value) => matchesValue(value, actual, field in event));
    if (expected && typeof expected === 'object') {
      return actual !== null && typeof actual === 'object' && !Array.isArray(actual) && matchesPattern(expected as Record<string, unknown>, actual as Record<string, unknown>);
    }
    throw new Error(`a pattern field must be an array or an object, got: ${JSON.stringify(expected)} at ${field}`);
  });
}

function matchesValue(expected: unknown, actual: unknown, present: boolean): boolean {
  if (expected !== null && typeof expected === 'object') {
    const [filter, argument] = Object.entries(expected as Record<string, unknown>)[0];
    if (filter === 'exists') return present === argument;
    if (!present || typeof actual !== 'string') return false;
    if (filter === 'prefix') return actual.startsWith(String(argument));
    if (filter === 'wildcard') {
      const regex = String(argument).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      return new RegExp(`^${regex}$`, 's').test(actual);
    }
    throw new Error(`the model knows no ${filter} filter`);
  }
  return present && (Array.isArray(actual) ? actual.includes(expected) : actual === expected);
}

/** A rule target's input transformer, as CloudFormation has it. */
export interface InputTransformer {
  readonly InputPathsMap: Record<string, string>;
  readonly InputTemplate: string;
}

/**
 * The target's input: each `<name>` of the template replaced by the value at its path in the event (EventBridge User
 * Guide, "Amazon EventBridge input transformation"): as JSON in a value position, as the text inside a JSON string.
 * A path the event does not have throws: the documentation does not say what EventBridge makes of it, so the
 * constructs must not name one (the stricter reading).
 */
export function transformInput(transformer: InputTransformer, event: Record<string, unknown>): unknown {
  const values = Object.fromEntries(Object.entries(transformer.InputPathsMap).map(([name, path]) => [name, valueAt(event, path)]));
  let output = '';
  let inString = false;
  const template = transformer.InputTemplate;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    const variable = c === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null;
    if (variable && variable[1] in values) {
      const value = values[variable[1]];
      output += inString ? (typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : JSON.stringify(value)) : JSON.stringify(value);
      i += variable[0].length - 1;
      continue;
    }
    if (c === '"' && template[i - 1] !== '\\') inString = !inString;
    output += c;
  }
  return JSON.parse(output);
}

function valueAt(event: Record<string, unknown>, path: string): unknown {
  if (!path.startsWith('$.')) throw new Error(`the model knows paths from $ only, got: ${path}`);
  let node: unknown = event;
  for (const part of path.slice(2).split('.')) {
    if (node === null || typeof node !== 'object' || !(part in (node as object))) throw new Error(`the event has no ${path}`);
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * An `Object Created` event of S3 on EventBridge (Amazon S3 User Guide, "EventBridge event message structure"):
 * `version-id` only for a versioned bucket.
 */
export function objectCreated(bucket: string, key: string, versionId?: string): Record<string, unknown> {
  return {
    'version': '0',
    'id': '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': 'Object Created',
    'source': 'aws.s3',
    'account': '123456789012',
    'time': '2026-01-01T00:00:00Z',
    'region': 'us-east-1',
    'resources': [`arn:aws:s3:::${bucket}`],
    'detail': {
      'version': '0',
      'bucket': { name: bucket },
      'object': { key, size: 120, etag: 'b1946ac92492d2347c6235b4d2611184', ...(versionId ? { 'version-id': versionId } : {}), sequencer: '617f08299329d189' },
      'request-id': 'N4N7GDK58NMKJ12R',
      'requester': '123456789012',
      'reason': 'PutObject',
    },
  };
}
