import {
  DescribeExecutionCommand, DescribeExecutionCommandOutput, DescribeStateMachineCommand, ExecutionListItem, ListExecutionsCommand, SFNClient,
} from '@aws-sdk/client-sfn';
import { ExecutionView, isPollMachine, labelOf } from './execution-view';

/** An execution with the state machine it runs. */
type TrackedView = ExecutionView & { readonly stateMachineArn: string };

/** The input key Step Functions adds for a child started with `associateWithParent` (CDK StepFunctionsStartExecution). */
const STARTED_BY = 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID';

/**
 * Follows an execution and the child executions it starts, with read-only Step Functions calls: DescribeExecution
 * for each execution still running, DescribeStateMachine once per state machine (the definition names the state
 * machines it starts), and ListExecutions of those child state machines, newest first, down to the main execution's
 * start. A listed execution belongs to this run when its input's `AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID` is an
 * execution of this run (Step Functions developer guide, "Start workflow executions from a task state":
 * associateWithParent). Each `poll()` returns every execution found so far.
 */
export class SfnExecutionTree {
  private readonly views = new Map<string, TrackedView>();
  /** The parent of each listed execution not (yet) known to be of this run, so each is described once. */
  private readonly parentOf = new Map<string, string | undefined>();
  private readonly childMachines = new Map<string, Promise<string[]>>();

  constructor(private readonly client: SFNClient, readonly mainArn: string) {}

  /** The main execution, once polled. */
  get main(): ExecutionView | undefined {
    return this.views.get(this.mainArn);
  }

  /** Refreshes what is running and finds the children started since the last poll. */
  async poll(): Promise<ExecutionView[]> {
    const wasRunning = [...this.views.values()].filter((v) => v.status === 'RUNNING');
    if (this.views.size === 0) {
      const main = await this.describe(this.mainArn);
      this.views.set(this.mainArn, this.toView(main, undefined, true));
      wasRunning.push(this.views.get(this.mainArn)!);
    } else {
      await Promise.all(wasRunning.map(async (view) => {
        this.views.set(view.arn, this.toView(await this.describe(view.arn), view.parentArn, view.arn === this.mainArn));
      }));
    }
    // A child that started and ended between two polls is found through its parent, which was running; its own
    // children through it, so the search goes on from each execution found.
    let frontier = wasRunning;
    while (frontier.length > 0) frontier = await this.discoverChildren(frontier);
    return [...this.views.values()];
  }

  private async discoverChildren(parents: ReadonlyArray<{ stateMachineArn: string }>): Promise<Array<TrackedView>> {
    const machines = new Set<string>();
    for (const parent of parents) for (const child of await this.childMachinesOf(parent.stateMachineArn)) machines.add(child);
    const since = this.views.get(this.mainArn)!.startDate.getTime() - 1000;
    const found: Array<TrackedView> = [];
    await Promise.all([...machines].map(async (machine) => {
      for (const item of await this.listSince(machine, since)) {
        const arn = item.executionArn!;
        if (this.views.has(arn)) continue;
        // Another run's child is described once; one whose parent is found later in this search is taken then.
        if (this.parentOf.has(arn) && !this.views.has(this.parentOf.get(arn) ?? '')) continue;
        const described = await this.describe(arn);
        const started = parseInput(described.input)?.[STARTED_BY];
        const parentArn = typeof started === 'string' ? started : undefined;
        if (!parentArn || !this.views.has(parentArn)) {
          this.parentOf.set(arn, parentArn);
          continue;
        }
        const view = this.toView(described, parentArn, false);
        this.views.set(arn, view);
        found.push(view);
      }
    }));
    return found;
  }

  private async listSince(stateMachineArn: string, since: number): Promise<ExecutionListItem[]> {
    const items: ExecutionListItem[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new ListExecutionsCommand({ stateMachineArn, nextToken, maxResults: 100 }));
      const recent = (page.executions ?? []).filter((e) => (e.startDate?.getTime() ?? 0) >= since);
      items.push(...recent);
      // Newest first: a page that reaches back before the run's start is the last one needed.
      nextToken = recent.length === (page.executions ?? []).length ? page.nextToken : undefined;
    } while (nextToken);
    return items;
  }

  /** The state machines a definition starts (`StateMachineArn` of its `states:startExecution` tasks). */
  private childMachinesOf(stateMachineArn: string): Promise<string[]> {
    let children = this.childMachines.get(stateMachineArn);
    if (!children) {
      children = this.client.send(new DescribeStateMachineCommand({ stateMachineArn })).then((machine) => {
        const started = new Set<string>();
        const visit = (node: unknown): void => {
          if (Array.isArray(node)) return node.forEach(visit);
          if (!node || typeof node !== 'object') return;
          const state = node as Record<string, any>;
          if (typeof state.Resource === 'string' && /:states:::states:startExecution/.test(state.Resource)) {
            const arn = state.Parameters?.StateMachineArn ?? state.Arguments?.StateMachineArn;
            if (typeof arn === 'string') started.add(arn);
          }
          Object.values(state).forEach(visit);
        };
        visit(JSON.parse(machine.definition ?? '{}'));
        // A poll loop is part of its flow: the poll machine's executions are not listed nor shown.
        return [...started].filter((arn) => !isPollMachine(arn));
      });
      this.childMachines.set(stateMachineArn, children);
    }
    return children;
  }

  private describe(executionArn: string): Promise<DescribeExecutionCommandOutput> {
    return this.client.send(new DescribeExecutionCommand({ executionArn }));
  }

  private toView(described: DescribeExecutionCommandOutput, parentArn: string | undefined, isMain: boolean): TrackedView {
    const previous = this.views.get(described.executionArn!);
    return {
      arn: described.executionArn!,
      parentArn,
      stateMachineArn: described.stateMachineArn!,
      label: previous?.label ?? labelOf(described.stateMachineArn!, described.executionArn!, parseInput(described.input), isMain),
      status: described.status ?? 'RUNNING',
      startDate: described.startDate ?? new Date(),
      stopDate: described.stopDate,
      error: described.error,
      cause: described.cause,
    };
  }
}

function parseInput(input: string | undefined): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(input ?? '');
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
