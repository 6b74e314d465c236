import { valueText } from './field-comparison';
import { FieldChange } from './resource-diff';

/** One change as a plan line shows it: `performAutoTraining true → false (UpdateSolution)`. */
export function changeText(change: FieldChange): string {
  return `${change.field} ${valueText(change.from)} → ${valueText(change.to)}${change.action ? ` (${change.action})` : ''}`;
}

/** One change of a resource as a line: `solution X: performAutoTraining true → false (UpdateSolution)`. */
export function changeLine(kind: string, name: string, change: FieldChange): string {
  return `${kind.toLowerCase().replace(/_/g, ' ')} ${name}: ${changeText(change)}`;
}

/**
 * Why a change cannot be made, and the way out: the field, the resource, its current and configured value. Every
 * such field is fixed at creation (no Update call of the API reference takes it), so the resource of the new value
 * is another resource: a new name, or the old one deleted first (the tear-down state machine deletes a dataset
 * group's resources).
 */
export function refusalText(label: string, name: string, change: FieldChange): string {
  return `${label} ${name} exists with ${change.field} ${valueText(change.from)}, but the config has ${valueText(change.to)}; `
    + `a ${label}'s ${change.field} cannot change (no Update call takes it): give the ${label} a new name, `
    + `or delete ${name} first with the tear-down state machine`;
}
