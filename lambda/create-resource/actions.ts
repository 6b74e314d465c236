import {
  CreateBatchInferenceJobCommand, CreateBatchSegmentJobCommand, CreateCampaignCommand, CreateDatasetCommand,
  CreateDatasetGroupCommand, CreateDatasetImportJobCommand, CreateEventTrackerCommand, CreateFilterCommand,
  CreateRecommenderCommand, CreateSchemaCommand, CreateSolutionCommand, CreateSolutionVersionCommand,
  CreateDataDeletionJobCommand, CreateDatasetExportJobCommand, CreateMetricAttributionCommand,
  PersonalizeClient, UpdateDatasetCommand,
} from '@aws-sdk/client-personalize';
import { RECONCILERS } from './reconcile';

type Request = Record<string, unknown>;

/** How one create or update action is called and which response field holds the ARN. */
interface ActionSpec {
  readonly arnField: string;
  readonly send: (client: PersonalizeClient, request: Request) => Promise<object>;
  /** Adjusts the merged request where the API's shape differs from the config's. */
  readonly shape?: (request: Request) => Request;
}

const pick = (request: Request, keys: string[]) => Object.fromEntries(keys.filter((k) => k in request).map((k) => [k, request[k]]));

/** The Personalize calls the pipeline may make with a user's serviceConfig. */
export const ACTIONS: Record<string, ActionSpec> = {
  createDatasetGroup: { arnField: 'datasetGroupArn', send: (c, r) => c.send(new CreateDatasetGroupCommand(r as any)) },
  createMetricAttribution: { arnField: 'metricAttributionArn', send: (c, r) => c.send(new CreateMetricAttributionCommand(r as any)) },
  updateMetricAttribution: { arnField: 'metricAttributionArn', send: RECONCILERS.updateMetricAttribution },
  createDataDeletionJob: { arnField: 'dataDeletionJobArn', send: (c, r) => c.send(new CreateDataDeletionJobCommand(r as any)) },
  createDatasetExportJob: { arnField: 'datasetExportJobArn', send: (c, r) => c.send(new CreateDatasetExportJobCommand(r as any)) },
  createSchema: {
    arnField: 'schemaArn',
    // The config holds the Avro schema as an object; the API takes it as a JSON string.
    shape: (r) => ({ ...r, schema: typeof r.schema === 'string' ? r.schema : JSON.stringify(r.schema) }),
    send: (c, r) => c.send(new CreateSchemaCommand(r as any)),
  },
  createDataset: { arnField: 'datasetArn', send: (c, r) => c.send(new CreateDatasetCommand(r as any)) },
  updateDataset: {
    arnField: 'datasetArn',
    shape: (r) => pick(r, ['datasetArn', 'schemaArn']),
    send: (c, r) => c.send(new UpdateDatasetCommand(r as any)),
  },
  createDatasetImportJob: { arnField: 'datasetImportJobArn', send: (c, r) => c.send(new CreateDatasetImportJobCommand(r as any)) },
  createFilter: { arnField: 'filterArn', send: (c, r) => c.send(new CreateFilterCommand(r as any)) },
  createEventTracker: { arnField: 'eventTrackerArn', send: (c, r) => c.send(new CreateEventTrackerCommand(r as any)) },
  createSolution: { arnField: 'solutionArn', send: (c, r) => c.send(new CreateSolutionCommand(r as any)) },
  createSolutionVersion: { arnField: 'solutionVersionArn', send: (c, r) => c.send(new CreateSolutionVersionCommand(r as any)) },
  createCampaign: {
    arnField: 'campaignArn',
    shape: (r) => pick(r, ['name', 'solutionVersionArn', 'minProvisionedTPS', 'campaignConfig', 'tags']),
    send: (c, r) => c.send(new CreateCampaignCommand(r as any)),
  },
  // The Updates reconcile: describe, compare with the config, update what differs, wait-flag and changes back (reconcile.ts).
  updateSolution: { arnField: 'solutionArn', send: RECONCILERS.updateSolution },
  updateCampaign: { arnField: 'campaignArn', send: RECONCILERS.updateCampaign },
  updateRecommender: { arnField: 'recommenderArn', send: RECONCILERS.updateRecommender },
  tagResource: { arnField: 'resourceArn', send: RECONCILERS.tagResource },
  createBatchInferenceJob: { arnField: 'batchInferenceJobArn', send: (c, r) => c.send(new CreateBatchInferenceJobCommand(r as any)) },
  createBatchSegmentJob: { arnField: 'batchSegmentJobArn', send: (c, r) => c.send(new CreateBatchSegmentJobCommand(r as any)) },
  createRecommender: { arnField: 'recommenderArn', send: (c, r) => c.send(new CreateRecommenderCommand(r as any)) },
};
