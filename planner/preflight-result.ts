import { ExecutionPlan } from '../lambda/shared/config/execution-plan';
import { FieldChange } from '../lambda/shared/reconcile/resource-diff';
import type { PreflightResultKey, SameKeys } from '../src/contract/function-contract';
import type { KindId } from '../src/contract/resource-kinds';

/** What an execution will do with one resource. CONFLICT marks a resource that has a problem. */
export type PlanAction = 'CREATE' | 'REUSE' | 'UPDATE' | 'TRAIN' | 'RENAME' | 'SKIP' | 'CONFLICT';

/** The kinds of resource a verdict is about: the kind table's ids (src/contract/resource-kinds.ts). */
export type ResourceKindName = KindId;

/** The planner's verdict on one configured resource. */
export interface ResourceVerdict {
  /** The config path of the resource's section, e.g. `solutions[0].campaigns[1]`. */
  readonly path: string;
  /** One of {@link ResourceKindName}. */
  readonly kind: string;
  /** The resource's name in the account (for a renamed job, the effective name). */
  readonly name: string;
  readonly action: PlanAction;
  /** Why, in a sentence. */
  readonly reason: string;
  /** The ARN of the existing resource the execution will use, when there is one. */
  readonly arn?: string;
  /** UPDATE: each field the run changes in place, its current and configured value, and the call that changes it. */
  readonly changes?: readonly FieldChange[];
}

/** Something in the config that only the account can refuse, located by its field path. */
export interface PreflightProblem {
  readonly path: string;
  readonly message: string;
}

/** Whether a solution trains a version in this execution, or which version it uses. */
export interface SolutionTraining {
  readonly train: boolean;
  /** The ACTIVE version to use; '' when `train` (or when there is none to use). */
  readonly versionArn: string;
  readonly reason: string;
}

/**
 * The bar the metrics gate holds a campaign's new version to, set by the pre-flight check: the metric of the version
 * the campaign serves, less the gate's margin. Computed here because Step Functions cannot subtract decimals
 * (`States.MathAdd` rounds its arguments to integers: Step Functions developer guide, intrinsic functions).
 */
export interface MetricsGateThreshold {
  /** The version the campaign served at the check; the gate uses `value` only while the campaign still serves it. */
  readonly solutionVersionArn: string;
  /** `current` less the margin. */
  readonly value: number;
  /** The gate's metric of `solutionVersionArn`. */
  readonly current: number;
}

type ImportItem = ExecutionPlan['imports'][number];
type SolutionItem = ExecutionPlan['solutions'][number];
type BatchInferenceItem = SolutionItem['batchInferenceJobs'][number];
type BatchSegmentItem = SolutionItem['batchSegmentJobs'][number];
type CampaignItem = SolutionItem['campaigns'][number];

/** A campaign with the metrics gate's threshold; absent when the solution has no gate or the check found no bar to set. */
export type ResolvedCampaign = CampaignItem & { readonly metricsGateThreshold?: MetricsGateThreshold };

/**
 * A job item with its effective name in `serviceConfig.jobName` (what the create call sends) and the config's
 * name in `configuredJobName`. The configured name sits beside `serviceConfig`, not in it, because the create
 * function passes `serviceConfig` to the API as it is.
 */
export type ResolvedJob<T extends { readonly serviceConfig: { readonly jobName: string } }> = T & { readonly configuredJobName: string };

/** A solution with its training decision. */
export type ResolvedSolution = Omit<SolutionItem, 'campaigns' | 'batchInferenceJobs' | 'batchSegmentJobs'> & {
  readonly campaigns: readonly ResolvedCampaign[];
  readonly batchInferenceJobs: ReadonlyArray<ResolvedJob<BatchInferenceItem>>;
  readonly batchSegmentJobs: ReadonlyArray<ResolvedJob<BatchSegmentItem>>;
  readonly training: SolutionTraining;
};

/**
 * The execution plan with what the account decided: effective job names, training, the event tracker's ARN, the
 * metrics gate's thresholds.
 */
export type ResolvedPlan = Omit<ExecutionPlan, 'imports' | 'exports' | 'dataDeletionJob' | 'solutions' | 'eventTracker'> & {
  readonly imports: ReadonlyArray<ResolvedJob<ImportItem>>;
  readonly exports: ReadonlyArray<ResolvedJob<ExecutionPlan['exports'][number]>>;
  /** `retrain` is resolved: true only when the job runs in this execution (and the config asks for it). */
  readonly dataDeletionJob: ExecutionPlan['dataDeletionJob'] & { readonly configuredJobName: string };
  /** `arn` is the existing tracker of the configured name, '' when there is none. */
  readonly eventTracker: ExecutionPlan['eventTracker'] & { readonly arn: string };
  readonly solutions: readonly ResolvedSolution[];
};

/** The pre-flight verdict on a plan. */
export interface PreflightResult {
  /** True when there is no problem. */
  readonly ok: boolean;
  readonly problems: readonly PreflightProblem[];
  /** All problems as one text; '' when ok. */
  readonly message: string;
  /** One verdict per configured resource, in config order. */
  readonly verdicts: readonly ResourceVerdict[];
  readonly plan: ResolvedPlan;
}

/** The result's keys are the contract's (src/contract/function-contract.ts): the main state machine reads them. */
export const PREFLIGHT_RESULT_KEYS_CHECKED: SameKeys<PreflightResult, PreflightResultKey> = true;

/** Renders problems as the one text the execution fails with (the shape of `formatIssues` in config/validation-issue.ts). */
export function formatProblems(problems: readonly PreflightProblem[]): string {
  if (problems.length === 0) return '';
  const lines = problems.map((problem) => `- ${problem.path}: ${problem.message}`);
  return `The pipeline config cannot run in this account (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n${lines.join('\n')}`;
}

/** What one check found: its verdicts and problems, in config order. */
export interface Findings {
  readonly verdicts: ResourceVerdict[];
  readonly problems: PreflightProblem[];
}

/** What a campaign's check found, with the metrics gate's threshold when it set one. */
export interface CampaignFindings extends Findings {
  readonly threshold?: MetricsGateThreshold;
}

/** An empty set of findings to fill. */
export function noFindings(): Findings {
  return { verdicts: [], problems: [] };
}
