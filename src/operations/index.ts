// Running the pipeline in operation: schedules, S3-triggered runs, alarms and notifications. Re-exports only.
export * from './pipeline-alarms';
export * from './pipeline-schedules';
export * from './s3-triggered-runs';
