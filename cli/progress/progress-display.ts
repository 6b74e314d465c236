import { ExecutionView, formatElapsed, inTreeOrder } from './execution-view';
import { colorsFor } from '../colors';
import { CliStream, println } from '../io';

/** Shows a run's executions as they go. */
export interface ProgressDisplay {
  /** The executions now; called after every poll (and by a live display on its own clock). */
  update(views: readonly ExecutionView[]): void;
  /** The last state, shown for good. */
  finish(views: readonly ExecutionView[]): void;
}

type Colors = ReturnType<typeof colorsFor>;

const ICONS: Record<string, string> = { RUNNING: '…', SUCCEEDED: '✔', FAILED: '✘', TIMED_OUT: '✘', ABORTED: '■', PENDING_REDRIVE: '…' };

function paint(c: Colors, status: string, text: string): string {
  if (status === 'SUCCEEDED') return c.green(text);
  if (status === 'RUNNING') return c.cyan(text);
  if (status === 'ABORTED') return c.yellow(text);
  return c.red(text);
}

function elapsedOf(view: ExecutionView, now: number): string {
  return formatElapsed((view.stopDate?.getTime() ?? now) - view.startDate.getTime());
}

/** One line per execution, children under their parent: icon, label, status, elapsed time. */
export function progressLines(views: readonly ExecutionView[], now: number, c: Colors): string[] {
  const ordered = inTreeOrder(views);
  const width = Math.max(0, ...ordered.map(({ view, depth }) => depth * 2 + view.label.length));
  return ordered.map(({ view, depth }) => {
    const label = `${'  '.repeat(depth)}${view.label}`.padEnd(width);
    return `${paint(c, view.status, ICONS[view.status] ?? '?')} ${label}  ${paint(c, view.status, view.status.padEnd(9))} ${c.dim(elapsedOf(view, now))}`;
  });
}

/**
 * For logs and pipes: a line when an execution is first seen and one when its status changes, each prefixed
 * with the time since the run started.
 */
export class PlainProgress implements ProgressDisplay {
  private readonly shown = new Map<string, string>();

  constructor(private readonly stream: CliStream, private readonly clock: () => number = Date.now) {}

  update(views: readonly ExecutionView[]): void {
    const start = Math.min(...views.map((v) => v.startDate.getTime()));
    for (const { view, depth } of inTreeOrder(views)) {
      if (this.shown.get(view.arn) === view.status) continue;
      this.shown.set(view.arn, view.status);
      const at = formatElapsed((view.stopDate?.getTime() ?? this.clock()) - start);
      const took = view.status === 'RUNNING' ? '' : ` after ${elapsedOf(view, this.clock())}`;
      println(this.stream, `[+${at}] ${'  '.repeat(depth)}${view.label}: ${view.status}${took}`);
    }
  }

  finish(views: readonly ExecutionView[]): void {
    this.update(views);
  }
}

/** The part of log-update this display uses (log-update is ESM; the bundle turns its import into a require). */
type LogUpdate = ((...text: string[]) => void) & { done(): void };

/** On a terminal: the lines redrawn in place, elapsed times ticking every second. */
export class LiveProgress implements ProgressDisplay {
  private readonly render: LogUpdate;
  private readonly colors: Colors;
  private views: readonly ExecutionView[] = [];
  private readonly ticker: NodeJS.Timeout;

  constructor(stream: NodeJS.WriteStream, private readonly clock: () => number = Date.now) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createLogUpdate } = require('log-update') as { createLogUpdate: (s: NodeJS.WriteStream, o?: { showCursor?: boolean }) => LogUpdate };
    this.render = createLogUpdate(stream);
    this.colors = colorsFor(stream);
    this.ticker = setInterval(() => this.draw(), 1000);
    this.ticker.unref();
  }

  update(views: readonly ExecutionView[]): void {
    this.views = views;
    this.draw();
  }

  finish(views: readonly ExecutionView[]): void {
    clearInterval(this.ticker);
    this.update(views);
    this.render.done();
  }

  private draw(): void {
    if (this.views.length > 0) this.render(progressLines(this.views, this.clock(), this.colors).join('\n'));
  }
}

/** A live display on a terminal, plain lines otherwise. */
export function progressFor(stream: CliStream): ProgressDisplay {
  return stream.isTTY ? new LiveProgress(stream as NodeJS.WriteStream) : new PlainProgress(stream);
}
