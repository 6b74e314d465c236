import { ResourceKind, RESOURCE_KINDS } from '../core/resource-kind';
import { allSpellings } from '../core/status-spellings';

/** A kind the tear-down deletes, and in which statuses it may ask for the deletion. @internal */
export interface DeletableKind {
  readonly kind: ResourceKind;
  /** Statuses in which the delete call is made, in every spelling; in any other the deletion loop waits. */
  readonly deletableStatuses: string[];
}

// Deletable in their end states (API reference, each Delete* action: a resource being created, updated, stopped or
// started answers ResourceInUseException). A stopped (INACTIVE) recommender can be deleted: API reference,
// DeleteRecommender names no state it must be in. Every list holds every spelling (see status-spellings.ts).
const ENDED = allSpellings(['ACTIVE', 'CREATE FAILED']);

/**
 * The kinds the tear-down deletes, keyed by the `kind` of its items (the `kind` of the status events).
 * @internal
 */
export const DELETABLE_KINDS: Record<string, DeletableKind> = {
  CAMPAIGN: { kind: RESOURCE_KINDS.campaign, deletableStatuses: ENDED },
  RECOMMENDER: { kind: RESOURCE_KINDS.recommender, deletableStatuses: [...ENDED, 'INACTIVE'] },
  SOLUTION: { kind: RESOURCE_KINDS.solution, deletableStatuses: ENDED },
  EVENT_TRACKER: { kind: RESOURCE_KINDS.eventTracker, deletableStatuses: ENDED },
  FILTER: { kind: RESOURCE_KINDS.filter, deletableStatuses: ENDED },
  DATASET: { kind: RESOURCE_KINDS.dataset, deletableStatuses: ENDED },
  DATASET_GROUP: { kind: RESOURCE_KINDS.datasetGroup, deletableStatuses: ENDED },
};

/**
 * A training being stopped, waited out until it has ended. StopSolutionVersionCreation moves CREATE PENDING to
 * CREATE STOPPED and CREATE IN_PROGRESS to CREATE STOPPING, then CREATE STOPPED (API reference,
 * StopSolutionVersionCreation); a training that ended meanwhile is ACTIVE or CREATE FAILED. Any of those ends the
 * wait; none is a failure of the tear-down.
 * @internal
 */
export const TRAINING_TO_STOP: ResourceKind = {
  ...RESOURCE_KINDS.solutionVersion,
  label: 'Training to stop',
  readyStatuses: allSpellings(['ACTIVE', 'CREATE FAILED', 'CREATE STOPPED']),
  failedStatuses: [],
};

/** Statuses of a training the tear-down stops (API reference, SolutionVersion: status), in every spelling. @internal */
export const STOPPABLE_TRAINING = allSpellings(['CREATE PENDING', 'CREATE IN_PROGRESS']);

/** A training being stopped: waited out (API reference, SolutionVersion: status), in every spelling. @internal */
export const STOPPING_TRAINING = allSpellings(['CREATE STOPPING']);
