/** One execution as the progress display shows it, main or child. */
export interface ExecutionView {
  readonly arn: string;
  /** The execution that started it; absent for the main one. */
  readonly parentArn?: string;
  /** What it works on, e.g. `campaign FilmNightRankingCampaign`, `pipeline local-0001`. */
  readonly label: string;
  /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED (Step Functions ExecutionStatus). */
  readonly status: string;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly error?: string;
  readonly cause?: string;
}

/** The flows by the construct ids the pipeline gives their state machines (`<Kind>FlowStateMachine`), longest first. */
const FLOW_KINDS: Array<[RegExp, string]> = [
  [/DatasetGroupFlowStateMachine/, 'dataset group'],
  [/DatasetImportFlowStateMachine/, 'import'],
  [/DatasetFlowStateMachine/, 'dataset'],
  [/PreprocessingFlowStateMachine/, 'preprocessing'],
  [/FilterFlowStateMachine/, 'filter'],
  [/EventTrackerFlowStateMachine/, 'event tracker'],
  [/CampaignFlowStateMachine/, 'campaign'],
  [/BatchInferenceJobFlowStateMachine/, 'batch inference job'],
  [/BatchSegmentJobFlowStateMachine/, 'batch segment job'],
  [/SolutionFlowStateMachine/, 'solution'],
  [/TrainingFlowStateMachine/, 'training'],
  [/RecommenderFlowStateMachine/, 'recommender'],
];

/**
 * The poll machine (src/polling/poll-machine.ts), by the construct id the pipeline gives it: its executions are the
 * poll loops of a flow, shown as part of that flow, not as executions of their own.
 */
const POLL_MACHINE = /PollMachineStateMachine/;

/** Whether a state machine (ARN or name) is a pipeline's poll machine. */
export function isPollMachine(stateMachineArnOrName: string): boolean {
  return POLL_MACHINE.test(stateMachineArnOrName.split(':').pop() ?? stateMachineArnOrName);
}

/**
 * What an execution works on, from its state machine's name and its input: a child flow gets `{ item, context }`
 * where `item` is the resource's section of the plan (`src/steps/run-flow.ts`); the main execution is the pipeline.
 */
export function labelOf(stateMachineArnOrName: string, executionArn: string, input: unknown, isMain: boolean): string {
  const machine = stateMachineArnOrName.split(':').pop() ?? stateMachineArnOrName;
  if (isMain) return `pipeline ${executionArn.split(':').pop()}`;
  const kind = FLOW_KINDS.find(([pattern]) => pattern.test(machine))?.[1] ?? machine;
  const item = (input as { item?: any } | undefined)?.item ?? {};
  const name = item.serviceConfig?.name ?? item.serviceConfig?.jobName ?? item.dataset?.serviceConfig?.name ?? item.jobName ?? item.name;
  return typeof name === 'string' && name !== '' ? `${kind} ${name}` : kind;
}

/** `1h 02m 03s`, `2m 03s`, `3s`, `0.4s`. */
export function formatElapsed(milliseconds: number): string {
  const ms = Math.max(0, milliseconds);
  if (ms < 1000) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s`;
  if (m) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The executions in display order: each parent followed by its children (in start order), with their depth. */
export function inTreeOrder(views: readonly ExecutionView[]): Array<{ view: ExecutionView; depth: number }> {
  const known = new Set(views.map((v) => v.arn));
  const children = new Map<string | undefined, ExecutionView[]>();
  for (const view of views) {
    const parent = view.parentArn && known.has(view.parentArn) ? view.parentArn : undefined;
    children.set(parent, [...(children.get(parent) ?? []), view]);
  }
  const ordered: Array<{ view: ExecutionView; depth: number }> = [];
  const visit = (parent: string | undefined, depth: number) => {
    // By start; executions started in the same millisecond by label, then ARN, so every poller shows one order.
    const list = [...(children.get(parent) ?? [])].sort((a, b) =>
      a.startDate.getTime() - b.startDate.getTime() || a.label.localeCompare(b.label) || a.arn.localeCompare(b.arn));
    for (const view of list) {
      ordered.push({ view, depth });
      visit(view.arn, depth + 1);
    }
  };
  visit(undefined, 0);
  return ordered;
}
