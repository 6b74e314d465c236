import { PersonalizeEmulator } from '../emulator/personalize-emulator';
import { FaceRequest, FaceResponse, LoopbackServer } from '../loopback/loopback-server';
import { ExecutionRecord, LocalPipelineRunner } from '../runner/local-pipeline-runner';
import { PipelineTemplate } from '../runner/pipeline-template';

/** Options of the Step Functions face. */
export interface StepFunctionsHttpEndpointOptions {
  /** The synthesized stack whose state machines the face serves. */
  readonly template: PipelineTemplate;
  /** The Personalize the executions talk to. @default a new emulator */
  readonly emulator?: PersonalizeEmulator;
  /** Glue jobs that exist besides the stack's own (a config's `preprocessing.jobName`). @default none */
  readonly glueJobs?: readonly string[];
  /** Where the runner's progress lines go. @default none */
  readonly log?: (line: string) => void;
}

/** A Step Functions error as awsJson1_0 answers it (source: Step Functions API reference, each action's Errors). */
class SfnFaceError extends Error {
  constructor(readonly errorName: string, message: string) {
    super(message);
  }
}

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/;

/**
 * Step Functions on loopback, backed by the local runner, for the command line's `start` and `watch`: awsJson1_0
 * (`POST /`, `X-Amz-Target: AWSStepFunctions.<Action>`, errors as `{"__type", "message"}`, times in epoch seconds;
 * source: `@aws-sdk/client-sfn` uses `AwsJson1_0Protocol`). Serves StartExecution (main state machines only, one
 * execution at a time), DescribeExecution, ListExecutions (newest first, paginated) and DescribeStateMachine. An
 * execution's start and stop times are when the runner reported it started and ended. The runner names main
 * executions `local-NNNN`, so StartExecution's `name` is not used; what it answers is the ARN to follow.
 */
export class StepFunctionsHttpEndpoint {
  readonly runner: LocalPipelineRunner;
  /** The actions asked for, in order. */
  readonly calls: string[] = [];
  private readonly template: PipelineTemplate;
  private readonly server = new LoopbackServer((request) => this.answer(request));
  private readonly times = new Map<string, { start: number; stop?: number }>();
  private current?: Promise<unknown>;

  constructor(options: StepFunctionsHttpEndpointOptions) {
    this.template = options.template;
    const log = options.log;
    this.runner = new LocalPipelineRunner({
      template: options.template,
      emulator: options.emulator,
      // The runner reports each execution's start and end as it happens: the moment to take its times.
      log: (line) => { this.stamp(); log?.(line); },
    });
    for (const job of options.glueJobs ?? []) this.runner.glue.addJob(job);
  }

  start(): Promise<string> { return this.server.start(); }
  get url(): string { return this.server.url; }

  /** Stops listening, after the execution in progress (if any) has ended. */
  async stop(): Promise<void> {
    await this.current?.catch(() => undefined);
    await this.server.stop();
  }

  /** Resolves when the execution in progress (if any) has ended. */
  async idle(): Promise<void> {
    await this.current?.catch(() => undefined);
  }

  private async answer(request: FaceRequest): Promise<FaceResponse> {
    const target = String(request.headers['x-amz-target'] ?? '');
    const action = target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : target;
    this.calls.push(action);
    this.stamp();
    try {
      const input = request.body ? JSON.parse(request.body) : {};
      return json(200, await this.call(action, input));
    } catch (error) {
      if (error instanceof SfnFaceError) return json(400, { __type: error.errorName, message: error.message });
      return json(500, { __type: 'InternalFailure', message: (error as Error).message });
    }
  }

  private async call(action: string, input: any): Promise<unknown> {
    switch (action) {
      case 'StartExecution': return this.startExecution(input);
      case 'DescribeExecution': return this.describe(this.execution(input.executionArn));
      case 'ListExecutions': return this.listExecutions(input);
      case 'DescribeStateMachine': return this.describeStateMachine(input.stateMachineArn);
      default: throw new SfnFaceError('UnknownOperationException', `The local face does not serve ${action}`);
    }
  }

  private async startExecution(input: { stateMachineArn?: string; input?: string; name?: string }): Promise<unknown> {
    const machine = this.stateMachine(input.stateMachineArn);
    // A fleet state machine too: the runner lists its configs in `runner.s3`.
    const fleet = machine.role === 'fleet';
    if (!fleet && !this.template.mainStateMachines.some((m) => m.arn === machine.arn)) {
      throw new SfnFaceError('ValidationException', `The local face starts main and fleet state machines only, not ${machine.arn}`);
    }
    if (this.current) throw new SfnFaceError('ExecutionLimitExceeded', 'The local face runs one execution at a time');
    let config: unknown;
    try {
      config = JSON.parse(input.input ?? '{}');
    } catch (error) {
      throw new SfnFaceError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`);
    }
    const before = this.runner.executions.length;
    let failed: Error | undefined;
    const run = (fleet ? this.runner.runFleet(config, machine.logicalId) : this.runner.run(config)).catch((error: Error) => { failed = error; });
    this.current = run.finally(() => { this.current = undefined; this.stamp(); });
    // The runner records the execution once its Personalize endpoint listens, a few ticks from now.
    while (this.runner.executions.length === before && !failed) await new Promise((resolve) => setImmediate(resolve));
    if (failed) throw failed;
    const record = this.runner.executions[before];
    return { executionArn: record.executionArn, startDate: this.times.get(record.executionArn)!.start / 1000 };
  }

  private listExecutions(input: { stateMachineArn?: string; statusFilter?: string; maxResults?: number; nextToken?: string }): unknown {
    const machine = this.stateMachine(input.stateMachineArn);
    const all = this.runner.executions
      .filter((e) => e.stateMachine === machine.logicalId)
      .map((e) => this.describe(e))
      .filter((e) => !input.statusFilter || e.status === input.statusFilter)
      .reverse();
    const offset = input.nextToken ? Number(input.nextToken) : 0;
    const size = input.maxResults || 100;
    const page = all.slice(offset, offset + size).map(({ executionArn, stateMachineArn, name, status, startDate, stopDate }) =>
      ({ executionArn, stateMachineArn, name, status, startDate, ...(stopDate !== undefined ? { stopDate } : {}) }));
    return { executions: page, ...(offset + size < all.length ? { nextToken: String(offset + size) } : {}) };
  }

  private describeStateMachine(arn: string | undefined): unknown {
    const machine = this.stateMachine(arn);
    return {
      stateMachineArn: machine.arn,
      name: machine.logicalId,
      status: 'ACTIVE',
      definition: JSON.stringify(machine.definition),
      roleArn: `arn:${this.template.env.partition}:iam::${this.template.env.account}:role/local`,
      type: 'STANDARD',
      creationDate: Date.UTC(2026, 0, 1) / 1000,
    };
  }

  private describe(record: ExecutionRecord) {
    const times = this.times.get(record.executionArn) ?? { start: Date.now() };
    // A child stopped because its parent ended is ABORTED, as Step Functions stops children started with associateWithParent.
    const status = record.status === 'FAILED' && record.error === 'States.Aborted' ? 'ABORTED' : record.status;
    return {
      executionArn: record.executionArn,
      stateMachineArn: this.template.stateMachines.find((m) => m.logicalId === record.stateMachine)!.arn,
      name: record.executionArn.split(':').pop()!,
      status,
      startDate: times.start / 1000,
      ...(times.stop !== undefined ? { stopDate: times.stop / 1000 } : {}),
      input: JSON.stringify(record.input ?? {}),
      inputDetails: { included: true },
      ...(record.output !== undefined ? { output: JSON.stringify(record.output), outputDetails: { included: true } } : {}),
      ...(record.error !== undefined ? { error: record.error } : {}),
      ...(record.cause !== undefined ? { cause: record.cause } : {}),
    };
  }

  private execution(arn: string | undefined): ExecutionRecord {
    if (!arn || !EXECUTION_ARN.test(arn)) throw new SfnFaceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const record = this.runner.executions.find((e) => e.executionArn === arn);
    if (!record) throw new SfnFaceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  private stateMachine(arn: string | undefined) {
    if (!arn || !STATE_MACHINE_ARN.test(arn)) throw new SfnFaceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const machine = this.template.stateMachines.find((m) => m.arn === arn);
    if (!machine) throw new SfnFaceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private stamp(): void {
    const now = Date.now();
    for (const record of this.runner.executions) {
      let times = this.times.get(record.executionArn);
      if (!times) this.times.set(record.executionArn, times = { start: now });
      if (record.status !== 'RUNNING' && times.stop === undefined) times.stop = now;
    }
  }
}

function json(status: number, body: unknown): FaceResponse {
  return { status, contentType: 'application/x-amz-json-1.0', body: JSON.stringify(body) };
}
