import { SolutionVersionSummary } from '@aws-sdk/client-personalize';
import { formatAge, formatDuration } from './age-text';
import { SolutionTraining } from './preflight-result';
import { isStatusIn } from '../src/kinds/status-spellings';

/**
 * A solution version in training, as the training flow waits it out (the SolutionVersion `status` member: CREATE
 * PENDING > CREATE IN_PROGRESS > ACTIVE -or- CREATE FAILED; CREATE STOPPING > CREATE STOPPED), in any spelling.
 */
const TRAINING_STATUSES: readonly string[] = ['CREATE PENDING', 'CREATE IN_PROGRESS', 'CREATE STOPPING'];

/** What the choice rests on. */
export interface VersionChoiceInput {
  readonly createNewSolutionVersion: boolean;
  /** The config's `solutionVersion.maxAge` in seconds; 0 when not set. */
  readonly maxAgeSeconds: number;
  /** Every version of the solution, in any order. */
  readonly versions: readonly SolutionVersionSummary[];
  readonly now: Date;
}

/** The decision, and the action its verdict shows. */
export interface VersionChoice {
  readonly training: SolutionTraining;
  readonly action: 'TRAIN' | 'REUSE' | 'SKIP';
}

/**
 * The ACTIVE version created last. The list's order is not documented, so it is not relied on; a FAILED
 * version is never chosen, however recent (an older ACTIVE one may be).
 */
export function latestActiveVersion(versions: readonly SolutionVersionSummary[]): SolutionVersionSummary | undefined {
  let latest: SolutionVersionSummary | undefined;
  for (const version of versions) {
    if (version.status !== 'ACTIVE') continue;
    if (!latest || (version.creationDateTime?.getTime() ?? 0) > (latest.creationDateTime?.getTime() ?? 0)) latest = version;
  }
  return latest;
}

/**
 * Trains when `createNewSolutionVersion` is true, unless `maxAge` is set and the latest ACTIVE version is
 * younger than it; otherwise uses the latest ACTIVE version. With `createNewSolutionVersion` false and no
 * ACTIVE version there is nothing to use (`SKIP`, versionArn ''): the caller decides whether that is a problem.
 */
export function chooseSolutionVersion(input: VersionChoiceInput): VersionChoice {
  const latest = latestActiveVersion(input.versions);
  const ageSeconds = latest ? (input.now.getTime() - (latest.creationDateTime?.getTime() ?? 0)) / 1000 : undefined;
  const age = ageSeconds !== undefined ? `latest ACTIVE version is ${formatAge(ageSeconds)} old` : 'there is no ACTIVE version';
  const training = input.versions.find((v) => isStatusIn(v.status, TRAINING_STATUSES));
  const busy = training ? `; version ${training.solutionVersionArn} is training now and is waited for` : '';
  const reuse = (reason: string): VersionChoice => ({
    training: { train: false, versionArn: String(latest!.solutionVersionArn), reason },
    action: 'REUSE',
  });
  const train = (reason: string): VersionChoice => ({ training: { train: true, versionArn: '', reason: `${reason}${busy}` }, action: 'TRAIN' });

  if (input.createNewSolutionVersion) {
    if (!(input.maxAgeSeconds > 0)) return train(`createNewSolutionVersion is true (${age})`);
    const limit = `maxAge is ${formatDuration(input.maxAgeSeconds)}`;
    if (latest && ageSeconds! < input.maxAgeSeconds) return reuse(`${age}, ${limit}`);
    return train(`${age}, ${limit}`);
  }
  if (latest) return reuse(`createNewSolutionVersion is false; ${age}`);
  return {
    training: { train: false, versionArn: '', reason: `createNewSolutionVersion is false and ${age}${busy}` },
    action: 'SKIP',
  };
}
