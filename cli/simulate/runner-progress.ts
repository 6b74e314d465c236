import { ExecutionRecord, LocalPipelineRunner } from '../../simulator/runner/local-pipeline-runner';
import { ExecutionView, isPollMachine, labelOf } from '../progress/execution-view';

/**
 * The local runner's executions as the progress display shows them. The runner reports each execution's start
 * and end through its log, which is when `stamp()` takes their times. A fleet's executions are labelled by what
 * they run: `fleet <name>`, `config <key>` for each item of its Distributed Map, `pipeline <name>` for the main
 * state machine's execution of that config.
 */
export class RunnerProgress {
  private readonly times = new Map<string, { start: Date; stop?: Date }>();
  private runner?: LocalPipelineRunner;
  private from = 0;
  private mains = new Set<string>();
  private fleets = new Set<string>();

  /** The runner to follow, and where its executions of the next run begin. */
  attach(runner: LocalPipelineRunner): void {
    this.runner = runner;
    this.from = runner.executions.length;
    this.mains = new Set(runner.template.mainStateMachines.map((sm) => sm.logicalId));
    this.fleets = new Set(runner.template.stateMachines.filter((sm) => sm.role === 'fleet').map((sm) => sm.logicalId));
  }

  stamp(): void {
    for (const record of this.runner?.executions ?? []) {
      let times = this.times.get(record.executionArn);
      if (!times) this.times.set(record.executionArn, times = { start: new Date() });
      if (record.status !== 'RUNNING' && !times.stop) times.stop = new Date();
    }
  }

  /** The executions of the current run. */
  views(): ExecutionView[] {
    this.stamp();
    // A poll loop is part of its flow: the poll machine's executions are not shown.
    return (this.runner?.executions ?? []).slice(this.from).filter((record) => !isPollMachine(record.stateMachine)).map((record) => {
      const times = this.times.get(record.executionArn)!;
      const aborted = record.status === 'FAILED' && record.error === 'States.Aborted';
      return {
        arn: record.executionArn,
        parentArn: record.parentArn,
        label: this.labelOf(record),
        status: aborted ? 'ABORTED' : record.status,
        startDate: times.start,
        stopDate: times.stop,
        error: record.error,
        cause: record.cause,
      };
    });
  }

  private labelOf(record: ExecutionRecord): string {
    const name = record.executionArn.split(':').pop();
    if (this.fleets.has(record.stateMachine)) return `fleet ${name}`;
    const parent = record.parentArn ? this.runner?.executions.find((e) => e.executionArn === record.parentArn) : undefined;
    // A child execution of the fleet's Distributed Map: its item is `{ bucket, key, executionName }`.
    const key = (record.input as { key?: unknown } | undefined)?.key;
    if (parent && this.fleets.has(parent.stateMachine) && typeof key === 'string') return `config ${key}`;
    if (this.mains.has(record.stateMachine)) return `pipeline ${name}`;
    return labelOf(record.stateMachine, record.executionArn, record.input, !record.parentArn);
  }
}
