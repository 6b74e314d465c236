// What the construct (src/) and its Lambda functions (lambda/) agree on, and what the local runner (simulator/) reads
// from a synthesized template: the deployed features the validator is given, the handlers' ids, and the keys of the
// execution plan and of the pre-flight's result that the state machines read with JSONPath. Plain types and
// constants, no aws-cdk-lib import: lambda/ and simulator/ import them as the construct does.

/**
 * Which flows a pipeline was deployed with, as the construct writes them into the validator's `DEPLOYED_FEATURES`
 * (JSON). The validator rejects a config that asks for work whose state machine does not exist, instead of
 * skipping it silently.
 * @internal
 */
export interface DeployedFeatures {
  readonly preprocessing: boolean;
  readonly filters: boolean;
  readonly eventTracker: boolean;
  readonly solutions: boolean;
  readonly campaigns: boolean;
  readonly batchInferenceJobs: boolean;
  readonly batchSegmentJobs: boolean;
  readonly recommenders: boolean;
  /** The Glue job the pipeline deployed, run when the config's preprocessing names no job; absent when none was. */
  readonly glueJobName?: string;
  /**
   * Whether the pipeline was deployed with schedules (construct prop `schedules`), which start it again and again
   * with a stored config; absent: no schedule. The validator cannot tell whether a given run is a scheduled one.
   */
  readonly schedules?: boolean;
}

/** The flags of DeployedFeatures: every one a boolean, false when absent from the JSON. @internal */
export const FEATURE_FLAGS = [
  'preprocessing', 'filters', 'eventTracker', 'solutions', 'campaigns', 'batchInferenceJobs', 'batchSegmentJobs', 'recommenders',
] as const satisfies ReadonlyArray<keyof DeployedFeatures>;

/** The flags alone, every one set: what the construct decides from its props. @internal */
export type FeatureFlags = Record<(typeof FEATURE_FLAGS)[number], boolean>;

/** The environment variable that holds the deployed features, as JSON. @internal */
export const DEPLOYED_FEATURES_ENV = 'DEPLOYED_FEATURES';

/**
 * The pipeline's functions, by the folder of their handler under `lambda/` (and of its bundle under
 * `assets/lambda/`). The template names each function's handler in its metadata (HANDLER_METADATA_KEY), so tools
 * (the local runner) can tell the functions apart.
 * @internal
 */
export const HANDLER_IDS = {
  validateConfig: 'validate-config',
  preflight: 'preflight',
  createResource: 'create-resource',
} as const;

/** A handler's folder under `lambda/`. @internal */
export type HandlerId = (typeof HANDLER_IDS)[keyof typeof HANDLER_IDS];

/** The template metadata key that names a function's handler folder under `lambda/`. @internal */
export const HANDLER_METADATA_KEY = 'personalize-mlops:handler';

/**
 * The execution plan's keys (lambda/shared/config/execution-plan.ts, `ExecutionPlan`, holds itself to this list):
 * the main state machine reads `$.plan.<key>`.
 * @internal
 */
export const PLAN_KEYS = [
  'datasetGroup', 'preprocessing', 'datasets', 'imports', 'exports', 'dataDeletionJob', 'filters', 'eventTracker', 'solutions',
  'recommenders', 'has',
] as const;

/** A key of the execution plan. @internal */
export type PlanKey = (typeof PLAN_KEYS)[number];

/** The flags of the plan's `has`: which parts have work to do. @internal */
export type PlanFlag = 'preprocessing' | 'exports' | 'dataDeletionJob' | 'filters' | 'eventTracker' | 'solutions' | 'recommenders';

/** The JSONPath of a part of the plan, once the plan is at `$.plan`. @internal */
export function planPath(key: PlanKey, ...rest: string[]): string {
  return ['$.plan', key, ...rest].join('.');
}

/** The JSONPath of a flag of the plan's `has`. @internal */
export function planFlag(flag: PlanFlag): string {
  return planPath('has', flag);
}

/**
 * The keys of the pre-flight's result (planner/preflight-result.ts, `PreflightResult`, holds itself to
 * this list) that the main state machine reads.
 * @internal
 */
export const PREFLIGHT_RESULT_KEYS = ['ok', 'problems', 'message', 'verdicts', 'plan'] as const;

/** A key of the pre-flight's result. @internal */
export type PreflightResultKey = (typeof PREFLIGHT_RESULT_KEYS)[number];

/** Holds a type's keys to a list: `true` when `keyof T` and the list's members are the same set. @internal */
export type SameKeys<T, K extends PropertyKey> = [keyof T] extends [K] ? ([K] extends [keyof T] ? true : false) : false;
