import { FailureRule } from '../../simulator/emulator/fault-injector';
import { CliError } from '../errors';

/** `--fault` kinds and the create or update they make fail (the emulator's `failCreate` operations). */
export const FAULT_KINDS: Record<string, string> = {
  DATASET_GROUP: 'CreateDatasetGroup',
  DATASET: 'CreateDataset',
  DATASET_IMPORT_JOB: 'CreateDatasetImportJob',
  DATASET_UPDATE: 'UpdateDataset',
  FILTER: 'CreateFilter',
  EVENT_TRACKER: 'CreateEventTracker',
  SOLUTION: 'CreateSolution',
  SOLUTION_UPDATE: 'UpdateSolution',
  SOLUTION_VERSION: 'CreateSolutionVersion',
  CAMPAIGN: 'CreateCampaign',
  CAMPAIGN_UPDATE: 'UpdateCampaign',
  BATCH_INFERENCE_JOB: 'CreateBatchInferenceJob',
  BATCH_SEGMENT_JOB: 'CreateBatchSegmentJob',
  RECOMMENDER: 'CreateRecommender',
  RECOMMENDER_UPDATE: 'UpdateRecommender',
};

/**
 * Reads `KIND=REASON` or `KIND:NAME=REASON`: the first resource of that kind (of that name) the run creates or
 * updates ends failed with REASON as its failureReason, once; later runs find the fault gone.
 */
export function parseFault(text: string): FailureRule {
  const match = /^([A-Z_]+)(?::([^=]+))?=(.+)$/s.exec(text);
  if (!match) throw new CliError(`--fault must be KIND=REASON or KIND:NAME=REASON, got: ${text}`);
  const operation = FAULT_KINDS[match[1]];
  if (!operation) throw new CliError(`--fault kind must be one of ${Object.keys(FAULT_KINDS).join(', ')}, got: ${match[1]}`);
  return { operation, ...(match[2] ? { name: match[2] } : {}), failureReason: match[3], times: 1 };
}
