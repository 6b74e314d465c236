/** One problem found in a pipeline config, located by its field path (e.g. `solutions[0].serviceConfig.name`). */
export interface ValidationIssue {
  /** The field path, `$` for the document itself. */
  readonly path: string;
  /** What was expected, and what was found. */
  readonly message: string;
}

/** Renders issues as the one text the execution fails with. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  const lines = issues.map((issue) => `- ${issue.path}: ${issue.message}`);
  return `The pipeline config is invalid (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}):\n${lines.join('\n')}`;
}

/** Converts a JSON pointer (`/solutions/0/serviceConfig`) to a field path (`solutions[0].serviceConfig`). */
export function pointerToPath(pointer: string, child?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  let path = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) path += `[${part}]`;
    else path += path === '' ? part : `.${part}`;
  }
  return path === '' ? '$' : path;
}
