import { propose, ProposalRequest, queryWindow, WindowRequest } from './proposal';

/**
 * The cost autopilot's computation (see proposal.ts): `{ op: 'window' }` gives the metrics query's window,
 * `{ op: 'propose' }` the verdict on one campaign or recommender. Pure: no AWS call, no environment.
 */
export async function handler(event: WindowRequest | ProposalRequest): Promise<unknown> {
  if (event?.op === 'window') return queryWindow(event);
  if (event?.op === 'propose') return propose(event);
  throw new Error(`op must be window or propose, got: ${JSON.stringify((event as { op?: unknown })?.op)}`);
}
