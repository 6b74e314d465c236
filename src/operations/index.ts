// Running the pipeline in operation: schedules, S3-triggered runs, fleets, alarms and notifications. Re-exports only.
// The fleet's construct is internal (the pipeline exposes its state machine): only its options are public.
export * from './fleet-runs-options';
export * from './pipeline-alarms';
export * from './pipeline-schedules';
export * from './s3-triggered-runs';
