import { KIND_FACTS, KindFacts, KindId } from '../contract/resource-kinds';
import { creationKindOf, ResourceKind } from '../kinds/resource-kind';
import { allSpellings } from '../kinds/status-spellings';

/** A kind the tear-down deletes, and in which statuses it may ask for the deletion. @internal */
export interface DeletableKind {
  readonly kind: ResourceKind;
  /** Statuses in which the delete call is made, in every spelling; in any other the deletion loop waits. */
  readonly deletableStatuses: string[];
  /** Its tear-down step: deleted after every kind of a lower step. */
  readonly step: number;
}

// From the kind table (src/contract/resource-kinds.ts: each kind's `teardown`), in tear-down order.
const TORN_DOWN = KIND_FACTS.filter((facts) => facts.teardown).sort((a, b) => a.teardown!.step - b.teardown!.step);

/**
 * The kinds the tear-down deletes with a poll loop, keyed by the `kind` of its items (the `kind` of the status
 * events), in tear-down order. Schemas have no status: they are deleted at once (see DeleteResourceFlow).
 * @internal
 */
export const DELETABLE_KINDS: Record<string, DeletableKind> = Object.fromEntries(TORN_DOWN
  .filter((facts) => facts.hasStatus && facts.teardown!.deletableStatuses)
  .map((facts) => [facts.id, {
    kind: creationKindOf(facts), deletableStatuses: allSpellings(facts.teardown!.deletableStatuses!), step: facts.teardown!.step,
  }]));

/** A kind's key in the tear-down's inventory and in `request.expected`: its List response member, `recommenders`. @internal */
export function collectionOf(facts: KindFacts): string {
  return `${facts.list.key.charAt(0).toLowerCase()}${facts.list.key.slice(1)}`;
}

/**
 * The deletable kinds a dataset group holds (listed under a parent; the group itself and schemas are not), in
 * tear-down order: the inventory's `resources` and the config names the tear-down expects.
 * @internal
 */
export const GROUP_MEMBER_KINDS: readonly KindFacts[] = TORN_DOWN.filter((facts) => facts.list.parent);

/** The tear-down's steps: the kinds of each, a step after every lower one (for the fleet's and the tear-down's order). @internal */
export const TEARDOWN_STEPS: ReadonlyArray<readonly KindId[]> = [...new Set(TORN_DOWN.map((f) => f.teardown!.step))]
  .map((step) => TORN_DOWN.filter((f) => f.teardown!.step === step).map((f) => f.id));

/** Statuses of a training the tear-down stops (API reference, SolutionVersion: status), in every spelling. @internal */
export const STOPPABLE_TRAINING = allSpellings(['CREATE PENDING', 'CREATE IN_PROGRESS']);

/** A training being stopped: waited out (API reference, SolutionVersion: status), in every spelling. @internal */
export const STOPPING_TRAINING = allSpellings(['CREATE STOPPING']);
