// The config contract, for the Lambda handlers and the tests: types, validation, plan. Re-exports only.
export * from './deployed-features';
export * from './execution-plan';
export * from './max-age';
export * from './pipeline-config';
export * from './validate-pipeline-config';
export * from './validation-issue';
