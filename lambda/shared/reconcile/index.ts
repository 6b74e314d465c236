// What a re-run changes in place and what it refuses: the comparison the pre-flight planner and the create-resource
// function share. Re-exports only.
export * from './change-text';
export * from './field-comparison';
export * from './resource-diff';
