import { ListDatasetImportJobsCommand, ListDatasetsCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { ACTIONS } from './actions';
import { ImportLister, importProgress, isQuotaRefusal, QuotaTurn, withQuotaTurn } from './quota-turn';
import { personalizeClient } from '../shared/personalize-client';

/** One create or update call: the user's camelCase serviceConfig plus the ARNs the pipeline derived. */
export interface CreateResourceEvent {
  /** The Personalize action, e.g. `createDatasetGroup`. */
  readonly action: string;
  /** The user's fields, passed as they are. */
  readonly serviceConfig?: Record<string, unknown>;
  /** Fields the pipeline adds (ARNs, dataset type); they win over the user's. */
  readonly derived?: Record<string, unknown>;
  /** Who waits when the call is refused for a quota (quota-turn.ts); absent, the error is passed on as it is. */
  readonly quotaTurn?: QuotaTurn;
}

/** What the state machine reads back: the new resource's ARN and the rest of the response. */
export interface CreateResourceResult {
  readonly arn: string;
  readonly [field: string]: unknown;
}

/**
 * Calls one Personalize create or update action. Step Functions' SDK integrations need PascalCase fields at
 * every level; configs are camelCase with optional fields the pipeline does not know in advance, so this
 * call goes through the SDK, which takes them as they are. Service errors are rethrown with their names
 * (ResourceAlreadyExistsException, InvalidInputException, ...) for the state machine's Retry and Catch.
 */
export async function handler(event: CreateResourceEvent): Promise<CreateResourceResult> {
  const spec = ACTIONS[event?.action];
  if (!spec) {
    throw Object.assign(new Error(`Unknown action "${event?.action}"; expected one of ${Object.keys(ACTIONS).join(', ')}`), { name: 'UnknownActionError' });
  }
  const merged = { ...(event.serviceConfig ?? {}), ...(event.derived ?? {}) };
  const request = spec.shape ? spec.shape(merged) : merged;
  const client = personalizeClient();
  // A refusal for a quota names the wait to this run's turn (quota-turn.ts); for the import quota, the turn favours a
  // run whose dataset group already has imports in progress or done.
  const sent = spec.send(client, request).catch(async (error) => {
    const progress = isQuotaRefusal(error, event.quotaTurn) && event.action === 'createDatasetImportJob'
      ? await importProgress(lister(client), request.datasetArn) : undefined;
    throw withQuotaTurn(error, event.quotaTurn, Date.now(), progress);
  });
  const { $metadata, ...response } = (await sent) as Record<string, unknown> & { $metadata?: unknown };
  void $metadata;
  return { ...response, arn: String(response[spec.arnField]) };
}

/** The List calls of a run's import progress, through the SDK. */
function lister(client: PersonalizeClient): ImportLister {
  return {
    listDatasets: (datasetGroupArn, nextToken) => client.send(new ListDatasetsCommand({ datasetGroupArn, nextToken })),
    listDatasetImportJobs: (datasetArn, nextToken) => client.send(new ListDatasetImportJobsCommand({ datasetArn, nextToken })),
  };
}
