import * as path from 'node:path';
import { DistributedMapModel, isDistributedMap, withDistributedMapsAsTasks } from './distributed-map';
import { GlueFake } from './glue-fake';
import { PipelineTemplate, TemplateStateMachine } from './pipeline-template';
import { VirtualClock, withServiceTaskTimeouts } from './virtual-clock';
import { CloudWatchError, MetricStore } from '../cloudwatch/metric-store';
import { PersonalizeHttpEndpoint } from '../emulator/http-face';
import { PersonalizeEmulator } from '../emulator/personalize-emulator';
import { callRuntimeFromStateMachine, PersonalizeRuntimeEmulator } from '../emulator/runtime';
import { callFromStateMachine } from '../emulator/step-functions-face';
import { GlueHttpEndpoint } from '../loopback/glue-endpoint';
import { S3HttpEndpoint, S3Objects } from '../loopback/s3-endpoint';

// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 20 lacks.
if (typeof (Promise as any).withResolvers !== 'function') {
  (Promise as any).withResolvers = function withResolvers<T>() {
    let resolve!: (value: T) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
// Paths as Step Functions evaluates them, before the engine is loaded.
import './jsonpath-semantics';
// MathRandom drawn at random, not seeded by the (virtual) clock.
import './random-semantics';
// Loaded after the polyfill; the package's CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StateMachine } = require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions');
/** One entry of the engine's event log of an execution (the package does not export the type). */
export type EventLog = ReturnType<InstanceType<typeof StateMachine>['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** Validated state machines, by definition, shared by the runners of one process. */
const MACHINES = new WeakMap<object, InstanceType<typeof StateMachine>>();
const VIRTUAL_TIME_MACHINES = new WeakMap<object, InstanceType<typeof StateMachine>>();

/** An event the pipeline put on EventBridge. */
export interface RecordedEvent {
  readonly source: string;
  readonly detailType: string;
  readonly eventBusName: string;
  readonly detail: Record<string, any>;
}

/** One execution of a state machine, main or child. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachine: string;
  readonly parentArn?: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
}

/** A child execution that cannot be started, as an access-denied or missing state machine would answer. */
export interface StartFault {
  /** The child state machine, by logical ID prefix. */
  readonly stateMachine: string;
  /** The error Step Functions reports, e.g. `States.TaskFailed` or `StepFunctions.AccessDeniedException`. */
  readonly error: string;
  /** The cause, as plain text (not JSON). */
  readonly cause: string;
}

/** The outcome of a pipeline run. */
export interface PipelineRunResult {
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly executionArn: string;
}

/** A Lambda handler's module, as the runner calls it. */
export interface LambdaHandlerModule {
  readonly handler: (event: unknown, context: { functionName: string; invokedFunctionArn: string }) => Promise<unknown>;
}

/** Loads the module of a function's handler by its `personalize-mlops:handler` name (the `<name>` of `lambda/<name>/`). */
export type LambdaHandlerResolver = (handler: string) => LambdaHandlerModule;

/** The handlers' TypeScript sources in this repository (under ts-node or jest). */
function handlerSource(handler: string): LambdaHandlerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, '..', '..', 'lambda', handler, 'index'));
}

/** Options of the runner. */
export interface LocalPipelineRunnerOptions {
  /** The synthesized stack. */
  readonly template: PipelineTemplate;
  /** The Personalize the pipeline talks to. @default a new emulator */
  readonly emulator?: PersonalizeEmulator;
  /** The Glue the preprocessing step talks to. @default a new fake with no jobs */
  readonly glue?: GlueFake;
  /** Which main state machine to run, by logical ID prefix, when the stack has several pipelines. */
  readonly mainStateMachine?: string;
  /** Where progress lines go. @default none */
  readonly log?: (line: string) => void;
  /**
   * Runs in virtual time on this installed clock: Wait states, retry intervals and task timeouts take their real
   * length on it, and `run`/`runFlow` drive it (see virtual-clock.ts). Give the emulator `clock: () => Date.now()`.
   * @default - waits and retry intervals take no time
   */
  readonly virtualTime?: VirtualClock;
  /** Called when an execution starts, with the engine's event log of it (the bench counts history events). @default none */
  readonly onExecution?: (execution: ExecutionRecord, eventLogs: AsyncIterable<EventLog>) => void;
  /**
   * Where Lambda tasks find their handlers (the packaged command line runs the bundles it ships).
   * @default - the TypeScript sources, `lambda/<name>/index.ts`
   */
  readonly resolveHandler?: LambdaHandlerResolver;
}

const LAMBDA_INVOKE = /^arn:aws[a-z-]*:states:::lambda:invoke$/;
const LAMBDA_FUNCTION = /^arn:aws[a-z-]*:lambda:/;
const SDK_PERSONALIZE = /^arn:aws[a-z-]*:states:::aws-sdk:personalize:(\w+)$/;
const SDK_PERSONALIZE_RUNTIME = /^arn:aws[a-z-]*:states:::aws-sdk:personalizeruntime:(\w+)$/;
const PUT_EVENTS = /^arn:aws[a-z-]*:states:::events:putEvents$/;
const START_EXECUTION = /^arn:aws[a-z-]*:states:::states:startExecution\.sync(:2)?$/;
const SDK_SFN = /^arn:aws[a-z-]*:states:::aws-sdk:sfn:(\w+)$/;
const GLUE_RUN = /^arn:aws[a-z-]*:states:::glue:startJobRun\.sync$/;
const SDK_S3_GET_OBJECT = /^arn:aws[a-z-]*:states:::aws-sdk:s3:getObject$/;
const SDK_CLOUDWATCH = /^arn:aws[a-z-]*:states:::aws-sdk:cloudwatch:(putMetricData|getMetricData)$/;

/**
 * Runs a synthesized pipeline locally with aws-local-stepfunctions: the main state machine and its child
 * executions run in one engine; Personalize SDK tasks go to the emulator, Lambda tasks run the handler
 * code from `lambda/` (which reaches the emulator over HTTP through the real SDK), putEvents calls are
 * recorded, Glue runs go to a fake; Wait states and retry intervals take no time (or their real length on a
 * virtual clock, with `virtualTime`).
 */
export class LocalPipelineRunner {
  readonly emulator: PersonalizeEmulator;
  /** Personalize Runtime (GetRecommendations) over the emulator's campaigns and recommenders. */
  readonly runtime: PersonalizeRuntimeEmulator;
  readonly glue: GlueFake;
  /**
   * The S3 objects the pre-flight may list (the bundled Glue job's input files, there from the start; delete them to
   * test their absence).
   */
  readonly s3 = new S3Objects();
  /** The Distributed Map states of the runs (a fleet's), items listed from `s3`, and what their ResultWriter wrote. */
  readonly distributedMaps = new DistributedMapModel(this.s3);
  /**
   * CloudWatch's PutMetricData and GetMetricData (simulator/cloudwatch): what the training flow publishes, and what the
   * cost autopilot reads; feed it the `AWS/Personalize` request counts a test needs.
   */
  readonly cloudWatch: MetricStore;
  readonly events: RecordedEvent[] = [];
  readonly executions: ExecutionRecord[] = [];
  /** Child executions that fail to start (see StartFault). */
  readonly startFaults: StartFault[] = [];
  /** The synthesized stack the runner runs. */
  readonly template: PipelineTemplate;
  private readonly log: (line: string) => void;
  private readonly endpoint: PersonalizeHttpEndpoint;
  /** Glue GetJob and S3 ListObjectsV2 for the pre-flight's SDK clients, over the fake and `s3`. */
  private readonly glueEndpoint: GlueHttpEndpoint;
  private readonly s3Endpoint: S3HttpEndpoint;
  private executionCounter = 0;
  private readonly mainPrefix?: string;
  /** Executions still running, to stop when the main one ends (as a failed Parallel stops its siblings). */
  private readonly running = new Map<string, () => void>();
  private readonly aborted = new Set<string>();
  private readonly virtualTime?: VirtualClock;
  private readonly onExecution?: (execution: ExecutionRecord, eventLogs: AsyncIterable<EventLog>) => void;
  private readonly resolveHandler: LambdaHandlerResolver;

  constructor(options: LocalPipelineRunnerOptions) {
    this.template = options.template;
    this.emulator = options.emulator ?? new PersonalizeEmulator({ location: options.template.env });
    this.runtime = new PersonalizeRuntimeEmulator(this.emulator);
    this.glue = options.glue ?? new GlueFake();
    for (const job of options.template.glueJobs) this.glue.addJob(job);
    for (const fn of options.template.functions) {
      const bundled = fn.environment.BUNDLED_GLUE_JOB ? JSON.parse(fn.environment.BUNDLED_GLUE_JOB) as { inputPrefix: string } : undefined;
      if (bundled) this.s3.put(`${bundled.inputPrefix}ratings.csv`, `${bundled.inputPrefix}movies.csv`);
    }
    this.glueEndpoint = new GlueHttpEndpoint(this.glue);
    this.s3Endpoint = new S3HttpEndpoint(this.s3);
    this.log = options.log ?? (() => undefined);
    this.endpoint = new PersonalizeHttpEndpoint(this.emulator);
    this.mainPrefix = options.mainStateMachine;
    this.virtualTime = options.virtualTime;
    this.onExecution = options.onExecution;
    this.resolveHandler = options.resolveHandler ?? handlerSource;
    const clock = options.virtualTime;
    this.cloudWatch = new MetricStore(() => (clock ? clock.now() : Date.UTC(2026, 0, 1)));
  }

  /** Runs the main state machine on a config; never throws for a failed execution. */
  async run(config: unknown): Promise<PipelineRunResult> {
    return this.runTopLevel(this.template.mainStateMachine(this.mainPrefix), config);
  }

  /**
   * Runs the main state machine on several configs at once (tenants of one account, as a fleet starts them), on one
   * emulator, one virtual clock and one set of endpoints; never throws for a failed execution. Results in config order.
   * `startSeconds`: when each config starts, in seconds after the first (a timer: virtual time with `virtualTime`).
   */
  async runMany(configs: unknown[], startSeconds: number[] = []): Promise<PipelineRunResult[]> {
    const target = this.template.mainStateMachine(this.mainPrefix);
    const endpoint = await this.startEndpoints();
    const startAt = (i: number) => new Promise<void>((resolve) => (startSeconds[i] ? setTimeout(resolve, startSeconds[i] * 1000) : resolve()));
    try {
      return await this.drive(Promise.all(configs.map((config, i) => startAt(i).then(() => this.execute(target, config, undefined, endpoint)))));
    } finally {
      await this.endRun();
    }
  }

  /**
   * Runs a pipeline's fleet state machine (the one, or the one whose logical ID starts with `logicalIdPrefix`) on
   * `{}` or `{ prefix }`: its Distributed Map lists `s3` (put the configs' keys there; the validator reads their
   * content through the S3 SDK client) and runs each config as a child execution; never throws for a failed execution.
   */
  async runFleet(input: unknown = {}, logicalIdPrefix?: string): Promise<PipelineRunResult> {
    const fleets = this.template.stateMachines.filter((sm) => sm.role === 'fleet' && (!logicalIdPrefix || sm.logicalId.startsWith(logicalIdPrefix)));
    if (fleets.length !== 1) throw new Error(`Expected one fleet state machine${logicalIdPrefix ? ` starting with ${logicalIdPrefix}` : ''}, found ${fleets.length}`);
    return this.runTopLevel(fleets[0], input);
  }

  /**
   * Aborts every running execution `executionArn` started, and what those started in turn (a stopped parent's `.sync`
   * children are stopped too); each ends `States.Aborted`.
   */
  private abortDescendantsOf(executionArn: string): void {
    const descends = (record: ExecutionRecord): boolean => {
      const parent = record.parentArn ? this.executions.find((e) => e.executionArn === record.parentArn) : undefined;
      return record.parentArn === executionArn || (parent !== undefined && descends(parent));
    };
    for (const record of this.executions.filter((e) => e.status === 'RUNNING' && descends(e))) {
      const abort = this.running.get(record.executionArn);
      if (!abort) continue;
      this.aborted.add(record.executionArn);
      abort();
    }
  }

  /** Ends what a run left going (executions still running are aborted) and stops its endpoints. */
  private async endRun(): Promise<void> {
    for (const [arn, abort] of this.running) {
      this.aborted.add(arn);
      abort();
    }
    this.running.clear();
    await this.stopEndpoints();
  }

  private async runTopLevel(target: TemplateStateMachine, input: unknown): Promise<PipelineRunResult> {
    const endpoint = await this.startEndpoints();
    try {
      return await this.drive(this.execute(target, input, undefined, endpoint));
    } finally {
      await this.endRun();
    }
  }

  /**
   * Runs one state machine of the template directly (a child flow, by logical ID prefix) on `{ item, context }`,
   * for tests of what a flow does on its own; never throws for a failed execution.
   */
  async runFlow(logicalIdPrefix: string, input: unknown): Promise<PipelineRunResult> {
    const matches = this.template.stateMachines.filter((sm) => sm.logicalId.startsWith(logicalIdPrefix));
    if (matches.length !== 1) throw new Error(`Expected one state machine starting with ${logicalIdPrefix}, found ${matches.length}`);
    const endpoint = await this.startEndpoints();
    try {
      return await this.drive(this.execute(matches[0], input, undefined, endpoint));
    } finally {
      await this.stopEndpoints();
    }
  }

  /** Starts the loopback endpoints the handlers' SDK clients reach; returns Personalize's. */
  private async startEndpoints(): Promise<string> {
    const [endpoint] = await Promise.all([this.endpoint.start(), this.glueEndpoint.start(), this.s3Endpoint.start()]);
    return endpoint;
  }

  private async stopEndpoints(): Promise<void> {
    await Promise.all([this.endpoint.stop(), this.glueEndpoint.stop(), this.s3Endpoint.stop()]);
  }

  /** Events with the given detail-type (all when absent). */
  eventsOf(detailType?: string): RecordedEvent[] {
    return this.events.filter((e) => !detailType || e.detailType === detailType);
  }

  private async execute(
    target: TemplateStateMachine, input: unknown, parentArn: string | undefined, endpoint: string, givenName?: string,
  ): Promise<PipelineRunResult> {
    const counter = String(++this.executionCounter).padStart(4, '0');
    const name = givenName ?? `local-${counter}`;
    const executionArn = target.arn.replace(':stateMachine:', ':execution:') + `:${name}`;
    const record: ExecutionRecord = { executionArn, stateMachine: target.logicalId, parentArn, status: 'RUNNING', input };
    this.executions.push(record);
    const depth = this.depthOf(parentArn);
    this.log(`${'  '.repeat(depth)}▶ ${this.shortName(target.logicalId)} started`);

    const handlers: Record<string, (input: any) => Promise<any>> = {};
    const waits: Record<string, number> = {};
    const retries: Record<string, number> = {};
    forEachState(target.definition, (stateName, state) => {
      // In virtual time, waits and retry intervals take their real length on the virtual clock.
      if (state.Type === 'Wait' && !this.virtualTime) waits[stateName] = 0;
      if (state.Retry && !this.virtualTime) retries[stateName] = 0;
      if (state.Type === 'Task') handlers[stateName] = (taskInput) => this.task(state, taskInput, executionArn, endpoint);
      if (isDistributedMap(state)) {
        handlers[stateName] = (mapInput) => this.distributedMaps.run(state, mapInput, {
          executionArn,
          stateMachine: target,
          runChild: (processor, item) => this.execute(processor, item, executionArn, endpoint),
          stopChildren: () => this.abortDescendantsOf(executionArn),
        });
      }
    });

    let machine: InstanceType<typeof StateMachine>;
    try {
      machine = this.machineFor(target);
    } catch (error) {
      // An invalid definition: the execution fails as Step Functions would refuse it.
      record.status = 'FAILED';
      record.error = 'States.Runtime';
      record.cause = (error as Error).message;
      return { status: 'FAILED', error: record.error, cause: record.cause, executionArn };
    }
    const startTime = new Date(this.virtualTime ? this.virtualTime.now() : Date.UTC(2026, 0, 1)).toISOString();
    const execution = machine.run(input as any, {
      noThrowOnAbort: true,
      overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: waits, retryIntervalOverrides: retries },
      context: {
        Execution: { Id: executionArn, Name: name, Input: input as any, StartTime: startTime, RoleArn: 'arn:aws:iam::000000000000:role/local' },
        StateMachine: { Id: target.arn, Name: target.logicalId },
      } as any,
    });
    this.running.set(executionArn, () => execution.abort());
    this.onExecution?.(record, execution.eventLogs);
    try {
      const output = await execution.result;
      if (this.aborted.has(executionArn)) {
        record.status = 'FAILED';
        record.error = 'States.Aborted';
        return { status: 'FAILED', error: 'States.Aborted', cause: 'Stopped: the execution that started it ended or stopped it', executionArn };
      }
      record.status = 'SUCCEEDED';
      record.output = output;
      this.log(`${'  '.repeat(depth)}✔ ${this.shortName(target.logicalId)} succeeded`);
      return { status: 'SUCCEEDED', output, executionArn };
    } catch (error) {
      // The engine wraps the state's error: its name is the ASL Error, its message the Cause.
      const outer = error as Error & { cause?: unknown };
      const err = outer.name === 'ExecutionError' && outer.cause instanceof Error ? outer.cause : outer;
      record.status = 'FAILED';
      record.error = err.name;
      record.cause = err.message;
      this.log(`${'  '.repeat(depth)}✘ ${this.shortName(target.logicalId)} failed: ${record.error}: ${record.cause}`);
      return { status: 'FAILED', error: record.error, cause: record.cause, executionArn };
    } finally {
      this.running.delete(executionArn);
    }
  }

  private async task(state: any, input: any, executionArn: string, endpoint: string): Promise<unknown> {
    const resource: string = state.Resource;
    const sdk = SDK_PERSONALIZE.exec(resource);
    if (sdk) {
      const response = callFromStateMachine(this.emulator, sdk[1], input);
      if (/^(create|update)/.test(sdk[1])) this.log(`    · personalize ${sdk[1]}`);
      return response;
    }
    const runtimeCall = SDK_PERSONALIZE_RUNTIME.exec(resource);
    if (runtimeCall) return callRuntimeFromStateMachine(this.runtime, runtimeCall[1], input);
    if (PUT_EVENTS.test(resource)) return this.putEvents(input);
    const sfnCall = SDK_SFN.exec(resource);
    if (sfnCall) return this.stepFunctionsCall(sfnCall[1], input);
    if (SDK_S3_GET_OBJECT.test(resource)) return this.distributedMaps.getObject(input);
    const cloudWatchCall = SDK_CLOUDWATCH.exec(resource);
    if (cloudWatchCall) return this.cloudWatchCall(cloudWatchCall[1], input);
    if (START_EXECUTION.test(resource)) return this.startExecutionSync(input, resource.endsWith(':2'), executionArn, endpoint);
    if (GLUE_RUN.test(resource)) {
      this.log(`    · glue startJobRun ${input?.JobName}`);
      return this.glue.runJob(input);
    }
    if (LAMBDA_INVOKE.test(resource)) {
      const payload = await this.realWork(this.invoke(String(input.FunctionName), input.Payload, endpoint));
      return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: payload };
    }
    if (LAMBDA_FUNCTION.test(resource)) return this.realWork(this.invoke(resource, input, endpoint));
    throw Object.assign(new Error(`The local runner does not know the task resource ${resource}`), { name: 'States.Runtime' });
  }

  private putEvents(input: { Entries?: any[] }): unknown {
    const entries = input.Entries ?? [];
    for (const entry of entries) {
      const detail = typeof entry.Detail === 'string' ? JSON.parse(entry.Detail) : entry.Detail;
      this.events.push({ source: entry.Source, detailType: entry.DetailType, eventBusName: entry.EventBusName, detail });
      const subject = detail.kind ? `${detail.kind} ${detail.name}` : 'pipeline';
      this.log(`    ◆ event ${subject}: ${detail.status}${detail.failureReason ? ` (${detail.failureReason})` : ''}`);
    }
    return { Entries: entries.map((_, i) => ({ EventId: `event-${this.events.length - entries.length + i}` })), FailedEntryCount: 0 };
  }

  /** `aws-sdk:cloudwatch:putMetricData` and `getMetricData`, on the stand-in; its errors as Step Functions names them. */
  private cloudWatchCall(action: string, input: unknown): unknown {
    try {
      return action === 'putMetricData' ? this.cloudWatch.putMetricData(input) : this.cloudWatch.getMetricData(input);
    } catch (error) {
      if (error instanceof CloudWatchError) throw error;
      throw Object.assign(new Error((error as Error).message), { name: 'CloudWatch.CloudWatchException' });
    }
  }

  /** `aws-sdk:sfn:describeExecution`, the one Step Functions SDK call the pipeline makes. */
  private stepFunctionsCall(action: string, input: { ExecutionArn?: string }): unknown {
    if (action !== 'describeExecution') {
      throw Object.assign(new Error(`The local runner does not know sfn:${action}`), { name: 'States.Runtime' });
    }
    const record = this.executions.find((e) => e.executionArn === input.ExecutionArn);
    if (!record) {
      // DescribeExecution's error for an unknown ARN (Step Functions API reference, DescribeExecution: Errors).
      throw Object.assign(new Error(`Execution Does Not Exist: '${input.ExecutionArn}'`), { name: 'Sfn.ExecutionDoesNotExistException' });
    }
    return {
      ExecutionArn: record.executionArn,
      StateMachineArn: this.template.stateMachines.find((sm) => sm.logicalId === record.stateMachine)?.arn,
      Status: record.status,
      Input: JSON.stringify(record.input ?? {}),
      ...(record.output !== undefined ? { Output: JSON.stringify(record.output) } : {}),
      ...(record.error !== undefined ? { Error: record.error } : {}),
      ...(record.cause !== undefined ? { Cause: record.cause } : {}),
    };
  }

  private async startExecutionSync(
    input: { StateMachineArn: string; Input?: unknown; Name?: string }, jsonOutput: boolean, parentArn: string, endpoint: string,
  ): Promise<unknown> {
    const child = this.template.stateMachineByArn(input.StateMachineArn);
    const fault = this.startFaults.find((f) => child.logicalId.startsWith(f.stateMachine));
    if (fault) throw Object.assign(new Error(fault.cause), { name: fault.error });
    const childInput = typeof input.Input === 'string' ? JSON.parse(input.Input) : input.Input ?? {};
    const result = await this.execute(child, childInput, parentArn, endpoint, input.Name);
    const description = {
      ExecutionArn: result.executionArn,
      StateMachineArn: child.arn,
      Input: jsonOutput ? childInput : JSON.stringify(childInput),
      Status: result.status,
      StartDate: Date.UTC(2026, 0, 1),
      StopDate: Date.UTC(2026, 0, 1),
    };
    if (result.status === 'SUCCEEDED') {
      return { ...description, Output: jsonOutput ? result.output : JSON.stringify(result.output) };
    }
    // As Step Functions reports a failed child: States.TaskFailed, the child's description as the cause.
    throw Object.assign(new Error(JSON.stringify({ ...description, Error: result.error, Cause: result.cause })), { name: 'States.TaskFailed' });
  }

  private async invoke(functionRef: string, payload: unknown, endpoint: string): Promise<unknown> {
    const fn = this.template.functionByArnOrName(functionRef);
    if (!fn.handler) throw new Error(`Function ${fn.logicalId} has no personalize-mlops:handler metadata`);
    const module = this.resolveHandler(fn.handler);
    const saved = { ...process.env };
    Object.assign(process.env, fn.environment, {
      AWS_ENDPOINT_URL_PERSONALIZE: endpoint,
      AWS_ENDPOINT_URL_GLUE: this.glueEndpoint.url,
      AWS_ENDPOINT_URL_S3: this.s3Endpoint.url,
      AWS_REGION: this.template.env.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // No SDK retries: the state machines' Retry policies are what a local run exercises (and no backoff sleeps).
      AWS_MAX_ATTEMPTS: '1',
    });
    try {
      const event = payload === undefined ? {} : JSON.parse(JSON.stringify(payload));
      return await module.handler(event, { functionName: fn.logicalId, invokedFunctionArn: fn.arn });
    } catch (error) {
      const err = error as Error;
      // As Lambda reports an error to Step Functions: the error type as the error, a JSON cause.
      throw Object.assign(new Error(JSON.stringify({ errorType: err.name, errorMessage: err.message })), { name: err.name });
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }

  /** Definitions are validated once, when first run. */
  private machineFor(target: TemplateStateMachine): InstanceType<typeof StateMachine> {
    // Validating a definition compiles JSON schemas (most of a run's CPU): once per definition and process, for
    // every runner over the same template.
    const cache = this.virtualTime ? VIRTUAL_TIME_MACHINES : MACHINES;
    let machine = cache.get(target.definition);
    if (!machine) {
      const local = withDistributedMapsAsTasks(target.definition);
      const definition = this.virtualTime ? withServiceTaskTimeouts(local) : local;
      machine = new StateMachine(definition as any, { validationOptions: { checkArn: false, checkPaths: true } });
      cache.set(target.definition, machine);
    }
    return machine;
  }

  /** In virtual time, runs `work` until it ends, moving the clock whenever everything waits on it. */
  private drive<T>(work: Promise<T>): Promise<T> {
    return this.virtualTime ? this.virtualTime.drive(work) : work;
  }

  /** Work the virtual clock cannot see (a handler's HTTP calls to the emulator): the clock stands still meanwhile. */
  private realWork<T>(work: Promise<T>): Promise<T> {
    return this.virtualTime ? this.virtualTime.track(work) : work;
  }

  private depthOf(parentArn: string | undefined): number {
    let depth = 0;
    let current = parentArn;
    while (current) {
      depth++;
      current = this.executions.find((e) => e.executionArn === current)?.parentArn;
    }
    return depth;
  }

  private shortName(logicalId: string): string {
    return logicalId.replace(/[0-9A-F]{8}$/, '');
  }
}

/** Visits every state of a definition, nested Parallel branches and Map processors included. */
export function forEachState(definition: any, visit: (name: string, state: any) => void): void {
  for (const [name, state] of Object.entries<any>(definition.States ?? {})) {
    visit(name, state);
    for (const branch of state.Branches ?? []) forEachState(branch, visit);
    if (state.ItemProcessor) forEachState(state.ItemProcessor, visit);
    if (state.Iterator) forEachState(state.Iterator, visit);
  }
}
