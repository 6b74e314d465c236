import { PersonalizeError, PersonalizeErrorName } from './personalize-error';

/** A resource (or an update: `UpdateDataset`, `UpdateSolution`, `UpdateCampaign`, `UpdateRecommender`) that ends failed instead of ACTIVE. */
export interface FailureRule {
  /** The create or update action, e.g. `CreateDatasetImportJob` or `UpdateDataset`. */
  readonly operation: string;
  /** Only the resource of this name (any when absent). */
  readonly name?: string;
  /** The failureReason the service reports. */
  readonly failureReason: string;
  /** How many resources fail this way (every one when absent). */
  times?: number;
}

/** A call that answers with an error before it does anything. */
export interface ErrorRule {
  /** The action, e.g. `CreateDataset` or `DescribeDatasetGroup`. */
  readonly operation: string;
  /** The error name, e.g. `LimitExceededException`. */
  readonly errorName: PersonalizeErrorName;
  /** The message. */
  readonly message?: string;
  /** How many calls fail (every one when absent). */
  times?: number;
  /** The name after `Personalize.` in Step Functions. @default the error name if modeled, else `PersonalizeException` */
  readonly stepFunctionsName?: string;
  /** The call gets no answer at all (connection failure). @default false */
  readonly clientSide?: boolean;
}

/** The ways a throttled call can be reported (see docs/emulator.md, throttling). */
export interface ThrottleOptions {
  /**
   * The error code on the wire. @default 'ThrottlingException' (source: Personalize CommonErrors page:
   * ThrottlingException, HTTP 400; not in the service model)
   */
  readonly errorName?: 'ThrottlingException' | 'ThrottledException' | 'TooManyRequestsException' | 'LimitExceededException';
  /**
   * The name after `Personalize.` in Step Functions. @default 'PersonalizeException' for an unmodeled code (Java SDK v2
   * base class), the code itself for LimitExceededException (modeled)
   */
  readonly stepFunctionsName?: 'PersonalizeException' | 'AmazonPersonalizeException' | 'ThrottlingException' | 'LimitExceededException';
}

/** Faults a test asks the emulator to inject: failed creations and transient or permanent errors. */
export class FaultInjector {
  private readonly failures: FailureRule[] = [];
  private readonly errors: ErrorRule[] = [];
  private readonly races: Array<{ operation: string; times: number }> = [];

  /** The next matching resource (or update) ends in its failed status with this reason. */
  failCreate(rule: FailureRule): this {
    this.failures.push({ ...rule });
    return this;
  }

  /**
   * The next `times` calls of an operation are throttled: by default `ThrottlingException` ("Rate exceeded") on the
   * wire, `Personalize.PersonalizeException` in Step Functions.
   */
  throttle(operation: string, times: number, options: ThrottleOptions = {}): this {
    const errorName = options.errorName ?? 'ThrottlingException';
    return this.error({ operation, errorName, message: 'Rate exceeded', times, stepFunctionsName: options.stepFunctionsName });
  }

  /**
   * The next `times` calls of an operation get no answer (connection reset): the HTTP face drops the connection,
   * Step Functions reports `Personalize.SdkClientException` (source: SFN guide, bp-lambda-serviceexception, names
   * the client-side failure of an SDK call `<Service>.SdkClientException`).
   */
  dropConnection(operation: string, times: number): this {
    return this.error({
      operation, errorName: 'SdkClientException', message: 'Unable to execute HTTP request: Connection reset', times, clientSide: true,
    });
  }

  /** The next matching calls answer with an error. */
  error(rule: ErrorRule): this {
    this.errors.push({ ...rule });
    return this;
  }

  /**
   * The next `times` calls of a create behave as if another execution created the same resource just
   * before: the resource is created, and the caller gets ResourceAlreadyExistsException.
   */
  race(operation: string, times = 1): this {
    this.races.push({ operation, times });
    return this;
  }

  /** Removes every fault. */
  clear(): void {
    this.failures.length = 0;
    this.errors.length = 0;
    this.races.length = 0;
  }

  /** Whether this call loses a race (see `race`). */
  losesRace(operation: string): boolean {
    const rule = this.races.find((r) => r.operation === operation && r.times > 0);
    if (!rule) return false;
    rule.times--;
    return true;
  }

  /** Throws the error a rule asks for, if any, for this call. */
  beforeCall(operation: string): void {
    const rule = this.errors.find((r) => r.operation === operation && (r.times === undefined || r.times > 0));
    if (!rule) return;
    if (rule.times !== undefined) rule.times--;
    throw new PersonalizeError(rule.errorName, rule.message ?? `Injected ${rule.errorName} on ${operation}`, {
      stepFunctionsName: rule.stepFunctionsName, clientSide: rule.clientSide,
    });
  }

  /** The failureReason of a resource being created (or updated), if a rule makes it fail. */
  failureFor(operation: string, name: string): string | undefined {
    const rule = this.failures.find((r) =>
      r.operation === operation && (r.name === undefined || r.name === name) && (r.times === undefined || r.times > 0));
    if (!rule) return undefined;
    if (rule.times !== undefined) rule.times--;
    return rule.failureReason;
  }
}
