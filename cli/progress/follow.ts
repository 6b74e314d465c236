import { ExecutionView } from './execution-view';
import { ProgressDisplay } from './progress-display';

/** Something that tells where a run is: every execution found so far, the main one included. */
export interface ProgressSource {
  readonly mainArn: string;
  poll(): Promise<ExecutionView[]>;
}

/**
 * Polls until the main execution has ended, showing each poll; one more poll after the end settles the children's
 * last statuses. Returns the last views.
 */
export async function follow(source: ProgressSource, display: ProgressDisplay, intervalMs: number): Promise<ExecutionView[]> {
  let views = await source.poll();
  while (views.find((v) => v.arn === source.mainArn)?.status === 'RUNNING') {
    display.update(views);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    views = await source.poll();
  }
  views = await source.poll();
  display.finish(views);
  return views;
}
