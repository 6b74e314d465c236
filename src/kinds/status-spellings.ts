/**
 * Every spelling of the given Personalize statuses, for comparisons. The sources disagree on the separator: the SDK
 * model's `status` members write `CREATE STOPPED`, `CREATE IN_PROGRESS` and, for batch jobs, `IN PROGRESS`; the API
 * reference of StopSolutionVersionCreation writes `CREATE_STOPPING` and `CREATE_STOPPED`; the developer guide's
 * stopping-starting-recommender page writes `STOP IN PROGRESS`. Which one the service sends is not documented, so a
 * status is matched as written, with every separator an underscore, and with every separator a space.
 *
 * Pure (no CDK import): the state machines' Choice conditions and the pre-flight Lambda both use it.
 * @internal
 */
export function allSpellings(statuses: readonly string[]): string[] {
  const spellings = statuses.flatMap((status) => [status, status.replace(/ /g, '_'), status.replace(/_/g, ' ')]);
  return [...new Set(spellings)];
}

/** Whether a status is one of the given ones, in any of their spellings (see `allSpellings`). @internal */
export function isStatusIn(status: string | undefined, statuses: readonly string[]): boolean {
  return status !== undefined && allSpellings(statuses).includes(status);
}

/**
 * The given statuses as Choice patterns, one per status whatever its spellings: each separator (a space or an
 * underscore) becomes StringMatches' `*`, so `CREATE*FAILED` matches `CREATE FAILED` and `CREATE_FAILED`; a status
 * without a separator stays itself (compared with StringEquals). No two statuses of the API reference differ only in
 * what such a pattern lets through.
 * @internal
 */
export function spellingPatterns(statuses: readonly string[]): string[] {
  return [...new Set(statuses.map((status) => status.replace(/[ _]/g, '*')))];
}
