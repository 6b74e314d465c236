import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { FlowServices } from './flow-services';

/** One create or update call through the create function. @internal */
export interface CreateCall {
  /** The create-function action, e.g. `createDatasetGroup`. */
  readonly action: string;
  /** JSONPath of the user's camelCase serviceConfig. */
  readonly serviceConfig?: string;
  /** Fields the pipeline adds: JSONPaths, intrinsics or literals. */
  readonly derived?: Record<string, string>;
}

/** Where the call's result goes, and which transient errors it retries. @internal */
export interface InvokeCreateOptions {
  readonly resultPath?: string;
  readonly resultSelector?: Record<string, unknown>;
  /** @default throttling, limits and ResourceInUseException (a parent still becoming ACTIVE) */
  readonly retryErrors?: string[];
  /** Whether a LimitExceededException carries the wait to this run's turn (quota-wait.ts). @default false */
  readonly quotaTurn?: boolean;
}

const DEFAULT_RETRY_ERRORS = ['ThrottlingException', 'LimitExceededException', 'TooManyRequestsException', 'ResourceInUseException'];
/**
 * The same, for a create whose LimitExceededException waits for a quota slot instead (quota-wait.ts): a Retry would
 * spend its attempts in about ten minutes and fail the run. @internal
 */
export const RETRY_ERRORS_BESIDE_QUOTA_WAIT = DEFAULT_RETRY_ERRORS.filter((e) => e !== 'LimitExceededException');

/**
 * The create function's event for `call`, as Parameters: its action, the user's serviceConfig, the derived fields and,
 * with `quotaTurn`, who waits (the pipeline execution and this flow's start) for the turn of a create refused for a
 * quota (lambda/create-resource/quota-turn.ts).
 * @internal
 */
export function createFunctionPayload(call: CreateCall, quotaTurn: boolean): Record<string, unknown> {
  const derived = Object.fromEntries(Object.entries(call.derived ?? {}).map(([k, v]) =>
    v.startsWith('$') || v.startsWith('States.') ? [`${k}.$`, v] : [k, v]));
  return {
    action: call.action,
    ...(call.serviceConfig ? { 'serviceConfig.$': call.serviceConfig } : {}),
    derived,
    ...(quotaTurn ? { quotaTurn: { 'run.$': '$.context.pipelineExecutionArn', 'since.$': '$$.Execution.StartTime' } } : {}),
  };
}

/**
 * The task that makes one create or update call with a user's serviceConfig (see lambda/create-resource),
 * retrying transient errors with backoff. Service errors keep their names for Catch.
 * @internal
 */
export function invokeCreateFunction(
  scope: Construct, id: string, services: FlowServices, call: CreateCall, options: InvokeCreateOptions = {},
): tasks.LambdaInvoke {
  const task = new tasks.LambdaInvoke(scope, id, {
    lambdaFunction: services.createFunction,
    payload: sfn.TaskInput.fromObject(createFunctionPayload(call, options.quotaTurn ?? false)),
    payloadResponseOnly: true,
    retryOnServiceExceptions: true,
    resultSelector: options.resultSelector,
    resultPath: options.resultPath ?? sfn.JsonPath.DISCARD,
  });
  task.addRetry({ errors: options.retryErrors ?? DEFAULT_RETRY_ERRORS, interval: Duration.seconds(10), maxAttempts: 6, backoffRate: 2 });
  return task;
}
