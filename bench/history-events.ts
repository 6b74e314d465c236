import type { EventLog } from '../simulator/runner/local-pipeline-runner';
import { forEachState } from '../simulator/runner/local-pipeline-runner';

/**
 * How many Step Functions history events an execution's engine log stands for. The engine logs states entered and
 * exited; the service writes more per state (Step Functions API reference, HistoryEvent and HistoryEventType):
 *
 * - a Task: TaskStateEntered, TaskScheduled, TaskStarted, (TaskSubmitted for `.sync`), TaskSucceeded,
 *   TaskStateExited: 5, or 6 for a `.sync` integration; a failed attempt adds TaskFailed, a retry TaskScheduled and
 *   TaskStarted again; a caught error ends with TaskStateExited;
 * - Pass, Wait, Choice, Succeed: entered and exited, 2; Fail: entered, 1 (then ExecutionFailed);
 * - Map and Parallel: entered, started, succeeded (or failed), exited, 4, plus MapIterationStarted and
 *   MapIterationSucceeded (or Failed) per item, plus their states' own events; Parallel branches have no events;
 * - the execution: ExecutionStarted and ExecutionSucceeded (or Failed, Aborted).
 */
export function historyEventsOf(logs: readonly EventLog[], definition: Record<string, any>): number {
  const resources = new Map<string, string>();
  forEachState(definition, (name, state) => {
    if (state.Type === 'Task') resources.set(name, String(state.Resource ?? ''));
  });
  const isSync = (name: string) => /\.sync(:2)?$/.test(resources.get(name) ?? '');
  let events = 0;
  for (const log of logs) {
    switch (log.type) {
      case 'ExecutionStarted':
      case 'ExecutionSucceeded':
      case 'ExecutionFailed':
      case 'ExecutionAborted':
      case 'ExecutionTimeout':
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        events += 1;
        break;
      case 'StateEntered':
        events += log.state.type === 'Task' ? 3 : log.state.type === 'Map' || log.state.type === 'Parallel' ? 2 : 1;
        break;
      case 'StateExited':
        if (log.state.type === 'Task') events += isSync(log.state.name) ? 3 : 2;
        else if (log.state.type === 'Map' || log.state.type === 'Parallel') events += 2;
        else events += 1;
        break;
      case 'StateFailed':
        // The Task, Map or Parallel failed (TaskFailed, MapStateFailed, ...); a Fail state's end is ExecutionFailed.
        if (log.state.type === 'Task' || log.state.type === 'Map' || log.state.type === 'Parallel') events += 1;
        break;
      case 'StateRetried':
        events += 2;
        break;
      case 'StateCaught':
        events += 1;
        break;
      default:
        break;
    }
  }
  return events;
}

/** State transitions, as Step Functions bills them: one per state entered (Step Functions pricing page). */
export function stateTransitionsOf(logs: readonly EventLog[]): number {
  return logs.filter((l) => l.type === 'StateEntered').length;
}
