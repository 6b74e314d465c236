// Running the pipeline in operation: schedules, S3-triggered runs, fleets, alarms and notifications, the dashboard, the
// cost autopilot. Re-exports only.
// The fleet's, the dashboard's and the autopilot's constructs are internal (the pipeline exposes what they make): only
// their options are public.
export * from './cost-autopilot-options';
export * from './dashboard-options';
export * from './fleet-runs-options';
export * from './monitored-resource-options';
export * from './pipeline-alarms';
export * from './pipeline-schedules';
export * from './s3-triggered-runs';
