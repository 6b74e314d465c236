import { LocalPipelineRunner } from '../../local/runner/local-pipeline-runner';
import { ExecutionView, labelOf } from '../progress/execution-view';

/**
 * The local runner's executions as the progress display shows them. The runner reports each execution's start
 * and end through its log, which is when `stamp()` takes their times.
 */
export class RunnerProgress {
  private readonly times = new Map<string, { start: Date; stop?: Date }>();
  private runner?: LocalPipelineRunner;
  private from = 0;

  /** The runner to follow, and where its executions of the next run begin. */
  attach(runner: LocalPipelineRunner): void {
    this.runner = runner;
    this.from = runner.executions.length;
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
    return (this.runner?.executions ?? []).slice(this.from).map((record) => {
      const times = this.times.get(record.executionArn)!;
      const aborted = record.status === 'FAILED' && record.error === 'States.Aborted';
      return {
        arn: record.executionArn,
        parentArn: record.parentArn,
        label: labelOf(record.stateMachine, record.executionArn, record.input, !record.parentArn),
        status: aborted ? 'ABORTED' : record.status,
        startDate: times.start,
        stopDate: times.stop,
        error: record.error,
        cause: record.cause,
      };
    });
  }
}
