import type { TemplateStateMachine } from './pipeline-template';
import { S3Objects } from '../loopback/s3-endpoint';

// A Distributed Map state as Step Functions runs it, for the local runner: aws-local-stepfunctions runs every Map
// inline over an array of its input, and knows neither ItemReader, ToleratedFailurePercentage nor ResultWriter. Each
// Distributed Map is handed to the engine as a Task state of the same name (its InputPath, ResultSelector,
// ResultPath, OutputPath, Retry, Catch and transition kept) whose handler is `DistributedMapModel.run`.

/** The resource of the Task state a Distributed Map becomes for the engine. */
const LOCAL_DISTRIBUTED_MAP = 'arn:aws:states:::local:distributedMap';
/** Longer than any run, shorter than Node's timer limit (2^31 ms): a Map state has no timeout of its own. */
const NO_TIMEOUT_SECONDS = 2_000_000;
/** Map state fields the engine's Task state keeps. */
const KEPT_FIELDS = ['Type', 'Comment', 'InputPath', 'ResultSelector', 'ResultPath', 'OutputPath', 'Retry', 'Catch', 'Next', 'End'];

/** Whether a state is a Map in distributed mode (Step Functions developer guide, "Map state in Distributed mode": `ProcessorConfig.Mode`). */
export function isDistributedMap(state: any): boolean {
  return state?.Type === 'Map' && state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
}

const REWRITTEN = new WeakMap<object, Record<string, any>>();

/** The definition with each Distributed Map (at any depth) as a Task state the runner handles; the same object when it has none. */
export function withDistributedMapsAsTasks(definition: Record<string, any>): Record<string, any> {
  if (!hasDistributedMap(definition)) return definition;
  let copy = REWRITTEN.get(definition);
  if (!copy) {
    // Not structuredClone: under Jest its objects come from another realm, which the engine's plain-object test refuses.
    copy = JSON.parse(JSON.stringify(definition)) as Record<string, any>;
    rewrite(copy);
    REWRITTEN.set(definition, copy);
  }
  return copy;
}

function hasDistributedMap(machine: any): boolean {
  return Object.values<any>(machine.States ?? {}).some((state) => isDistributedMap(state)
    || (state.Branches ?? []).some(hasDistributedMap) || (state.ItemProcessor && hasDistributedMap(state.ItemProcessor)));
}

function rewrite(machine: any): void {
  for (const [name, state] of Object.entries<any>(machine.States ?? {})) {
    for (const branch of state.Branches ?? []) rewrite(branch);
    if (state.ItemProcessor && !isDistributedMap(state)) rewrite(state.ItemProcessor);
    if (!isDistributedMap(state)) continue;
    const task: Record<string, unknown> = { Resource: LOCAL_DISTRIBUTED_MAP, TimeoutSeconds: NO_TIMEOUT_SECONDS };
    for (const field of KEPT_FIELDS) if (state[field] !== undefined) task[field] = state[field];
    task.Type = 'Task';
    machine.States[name] = task;
  }
}

const PROCESSORS = new WeakMap<object, Record<string, any>>();

/** The ItemProcessor as a state machine definition of its own (without `ProcessorConfig`), one object per processor. */
function processorDefinition(processor: Record<string, any>): Record<string, any> {
  let definition = PROCESSORS.get(processor);
  if (!definition) {
    const { ProcessorConfig: _config, ...rest } = processor;
    definition = rest;
    PROCESSORS.set(processor, definition);
  }
  return definition;
}

/** One child workflow execution's outcome, as the runner reports it. */
export interface ChildOutcome {
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly executionArn: string;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
}

/** What `DistributedMapModel.run` needs of the runner. */
export interface DistributedMapRun {
  /** The execution the Map state runs in. */
  readonly executionArn: string;
  /** Its state machine. */
  readonly stateMachine: TemplateStateMachine;
  /** Runs a child workflow execution of the ItemProcessor on an item; never throws for a failed execution. */
  readonly runChild: (processor: TemplateStateMachine, item: unknown) => Promise<ChildOutcome>;
  /** Stops the child executions of the Map Run still running, and what they started (they end aborted). */
  readonly stopChildren: () => void;
}

/** An object the model wrote (ResultWriter) and the S3 GetObject task may read. */
interface StoredObject {
  readonly body: string;
}

/**
 * Distributed Map states of a local run, and the S3 objects their ResultWriter writes (readable by the
 * `aws-sdk:s3:getObject` task). Items come from the runner's S3 stand-in (`S3Objects`).
 */
export class DistributedMapModel {
  /** What each ResultWriter wrote, by `s3://bucket/key`. */
  readonly written = new Map<string, StoredObject>();
  private mapRuns = 0;

  constructor(private readonly s3: S3Objects) {}

  /** Runs a Distributed Map state on its effective input (after InputPath); resolves to its result, or throws its error. */
  async run(state: any, input: unknown, run: DistributedMapRun): Promise<unknown> {
    const context = { Execution: { Id: run.executionArn }, StateMachine: { Id: run.stateMachine.arn } };
    const items = await this.readItems(state, input, context);
    const label = state.Label ?? 'Map';
    const mapRunId = `local-map-run-${String(++this.mapRuns).padStart(4, '0')}`;
    // Step Functions developer guide, "Viewing a Distributed Map Run": child executions are of `<stateMachine>/<label>`.
    const processor: TemplateStateMachine = {
      logicalId: `${run.stateMachine.logicalId}/${label}`,
      arn: `${run.stateMachine.arn}/${label}`,
      definition: processorDefinition(state.ItemProcessor),
    };
    const mapRunArn = run.stateMachine.arn.replace(':stateMachine:', ':mapRun:') + `/${label}:${mapRunId}`;

    const selected = await Promise.all(items.map((item, index) =>
      this.select(state, input, { ...context, Map: { Item: { Index: index, Value: item } } }, item)));
    const results: Array<{ item: unknown; outcome: ChildOutcome }> = [];
    let failed = 0;
    let exceeded = false;
    // "Distributed Map state" > MaxConcurrency: 0 or absent means up to 10,000 child executions at once.
    const limit = (state.MaxConcurrency as number | undefined) || 10_000;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < selected.length && !exceeded) {
        const item = selected[next++];
        const outcome = await run.runChild(processor, item);
        results.push({ item, outcome });
        if (outcome.status === 'FAILED') failed++;
        // "Setting failure thresholds for Distributed Map states": the Map Run fails once the failed items exceed the
        // tolerated count or percentage of all items (both 0 by default); it then starts no further child execution.
        if (!exceeded && exceedsTolerance(state, failed, selected.length)) {
          exceeded = true;
          // The Map Run fails at once: Step Functions stops the child executions still running.
          run.stopChildren();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, selected.length) }, worker));

    const writerDetails = state.ResultWriter ? await this.writeResults(state, input, context, mapRunArn, mapRunId, results, processor) : undefined;
    if (exceeded) {
      throw Object.assign(new Error(`The specified tolerated failure threshold was exceeded: ${failed} of ${selected.length} items failed (Map Run ${mapRunArn})`),
        { name: 'States.ExceedToleratedFailureThreshold' });
    }
    // "ResultWriter (Map)": with results exported, the state's result is the Map Run's ARN and where the manifest is.
    if (writerDetails) return { MapRunArn: mapRunArn, ResultWriterDetails: writerDetails };
    return results.map((r) => r.outcome.output);
  }

  /** `aws-sdk:s3:getObject` on what a ResultWriter wrote: the Body as text, as the SDK integration returns it. */
  getObject(input: { Bucket?: string; Key?: string }): unknown {
    const stored = this.written.get(`s3://${input.Bucket}/${input.Key}`);
    // The SDK integration's error for a missing key (Step Functions developer guide, "AWS SDK service integrations": <Service>.<Exception>).
    if (!stored) throw Object.assign(new Error('The specified key does not exist.'), { name: 'S3.NoSuchKeyException' });
    return { Body: stored.body, ContentLength: Buffer.byteLength(stored.body), ContentType: 'application/json' };
  }

  /**
   * "ItemReader (Map)", listing S3 objects (`arn:aws:states:::s3:listObjectsV2` with Bucket and Prefix): each object
   * under the prefix is an item `{ Etag, Key, LastModified, Size, StorageClass }`; ReaderConfig.MaxItems caps them.
   */
  private async readItems(state: any, input: unknown, context: object): Promise<unknown[]> {
    const reader = state.ItemReader;
    if (!reader) throw Object.assign(new Error('The local model of a Distributed Map reads items with an ItemReader only'), { name: 'States.Runtime' });
    if (!/:s3:listObjectsV2$/.test(reader.Resource)) {
      throw Object.assign(new Error(`The local model does not know the ItemReader ${reader.Resource}`), { name: 'States.Runtime' });
    }
    const parameters = await evaluate(reader.Parameters ?? {}, input, context) as { Bucket: string; Prefix?: string };
    if (!this.s3.hasBucket(parameters.Bucket)) {
      // "ItemReader (Map)": a reader that cannot read fails the state with States.ItemReaderFailed.
      throw Object.assign(new Error(`The specified bucket does not exist: ${parameters.Bucket}`), { name: 'States.ItemReaderFailed' });
    }
    const keys = this.s3.list(parameters.Bucket, parameters.Prefix ?? '');
    const max = reader.ReaderConfig?.MaxItems as number | undefined;
    return keys.slice(0, max || keys.length).map((key) => ({ Etag: '"local"', Key: key, LastModified: 1767225600, Size: 0, StorageClass: 'STANDARD' }));
  }

  /** "ItemSelector (Map)": the item's input, built with `$$.Map.Item.Index` and `$$.Map.Item.Value`; the item itself without one. */
  private async select(state: any, input: unknown, context: object, item: unknown): Promise<unknown> {
    const selector = state.ItemSelector ?? state.Parameters;
    return selector ? evaluate(selector, input, context) : item;
  }

  /**
   * "ResultWriter (Map)" > "Exporting to Amazon S3": `<Prefix>/<map run id>/manifest.json` and one file per status
   * (`SUCCEEDED_0.json`, `FAILED_0.json`), each a JSON array of child executions with their input and output (or error
   * and cause) as JSON text (the default transformation, NONE).
   */
  private async writeResults(
    state: any, input: unknown, context: object, mapRunArn: string, mapRunId: string,
    results: Array<{ item: unknown; outcome: ChildOutcome }>, processor: TemplateStateMachine,
  ): Promise<{ Bucket: string; Key: string }> {
    const writer = await evaluate(state.ResultWriter.Parameters ?? {}, input, context) as { Bucket: string; Prefix?: string };
    const { Bucket: bucket, Prefix: prefix } = writer;
    const folder = `${prefix ? `${prefix}/` : ''}${mapRunId}/`;
    const entry = ({ item, outcome }: { item: unknown; outcome: ChildOutcome }) => ({
      ExecutionArn: outcome.executionArn,
      Input: JSON.stringify(item),
      InputDetails: { Included: true },
      Name: outcome.executionArn.split(':').pop(),
      StateMachineArn: processor.arn,
      Status: outcome.status,
      ...(outcome.status === 'SUCCEEDED'
        ? { Output: JSON.stringify(outcome.output), OutputDetails: { Included: true } }
        : { Error: outcome.error, Cause: outcome.cause }),
    });
    const files: Record<string, Array<{ Key: string; Size: number }>> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
    for (const status of ['SUCCEEDED', 'FAILED'] as const) {
      const of = results.filter((r) => r.outcome.status === status);
      if (of.length === 0) continue;
      const key = `${folder}${status}_0.json`;
      const body = JSON.stringify(of.map(entry));
      this.put(bucket, key, body);
      files[status].push({ Key: key, Size: Buffer.byteLength(body) });
    }
    const manifestKey = `${folder}manifest.json`;
    this.put(bucket, manifestKey, JSON.stringify({ DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: files }));
    return { Bucket: bucket, Key: manifestKey };
  }

  private put(bucket: string, key: string, body: string): void {
    this.written.set(`s3://${bucket}/${key}`, { body });
    this.s3.putObject(`s3://${bucket}/${key}`, body);
  }
}

/**
 * Whether the failed items exceed the tolerance: ToleratedFailureCount or ToleratedFailurePercentage, whichever is set
 * (either one, when both are); no failure at all is tolerated when neither is.
 */
function exceedsTolerance(state: any, failed: number, total: number): boolean {
  const count = state.ToleratedFailureCount as number | undefined;
  const percentage = state.ToleratedFailurePercentage as number | undefined;
  if (count === undefined && percentage === undefined) return failed > 0;
  return (count !== undefined && failed > count) || (percentage !== undefined && (failed / total) * 100 > percentage);
}

/**
 * A payload template (`Parameters`, `ItemSelector`) evaluated by the engine itself: a one-state machine whose Pass
 * state has it as Parameters, run with the given context (paths, `$$` and intrinsic functions as the engine reads them).
 */
async function evaluate(template: Record<string, unknown>, input: unknown, context: object): Promise<any> {
  // Loaded here, after the runner's polyfill; the package's CommonJS build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { StateMachine } = require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions');
  const machine = new StateMachine({ StartAt: 'Evaluate', States: { Evaluate: { Type: 'Pass', Parameters: template, End: true } } } as any,
    { validationOptions: { noValidate: true } } as any);
  return machine.run(input as any, { context } as any).result;
}
