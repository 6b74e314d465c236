import { Duration } from 'aws-cdk-lib';
import { PipelinePolling } from '../pipeline/polling';

/**
 * What the poll loop needs to know about one kind of Personalize resource: how to describe it, where its
 * status and failure reason are, which statuses end the wait, and its ARN's resource type.
 * @internal
 */
export interface ResourceKind {
  /** The kind as reported in events, e.g. `DATASET_GROUP`. */
  readonly id: string;
  /** The kind in words, for state names and messages, e.g. `Dataset group`. */
  readonly label: string;
  /** The ARN's resource type, e.g. `dataset-group`. */
  readonly arnType: string;
  /** The describe action of the SDK integration, e.g. `describeDatasetGroup`. */
  readonly describeAction: string;
  /** The describe request's ARN field, e.g. `DatasetGroupArn`. */
  readonly arnParameter: string;
  /** Where the status is in the describe response, e.g. `DatasetGroup.Status`; none for kinds without status. */
  readonly statusField?: string;
  /** Where the failure reason is in the describe response. */
  readonly failureReasonField?: string;
  /** Statuses that end the wait successfully. */
  readonly readyStatuses: string[];
  /** Statuses that end the wait with a failure. */
  readonly failedStatuses: string[];
  /**
   * The delete action, for kinds the pipeline may delete: a resource of such a kind that an earlier run left
   * failed is deleted and created again. Jobs cannot be deleted; a failed job needs a new name.
   */
  readonly deleteAction?: string;
  /** The default poll interval. */
  readonly interval: Duration;
  /** The default poll timeout. */
  readonly timeout: Duration;
  /** Which `PipelinePolling` setting overrides the defaults. */
  readonly pollingKey: keyof PipelinePolling;
}

// DELETE PENDING and DELETE IN_PROGRESS are neither: the loop waits them out, then creates the resource again.
const CREATE_FAILED = ['CREATE FAILED', 'CREATE STOPPED'];

const kind = (
  id: string, label: string, arnType: string, describeAction: string, responseKey: string, interval: Duration, timeout: Duration,
  pollingKey: keyof PipelinePolling, hasStatus = true,
): ResourceKind => ({
  pollingKey,
  id,
  label,
  arnType,
  describeAction,
  arnParameter: `${responseKey}Arn`,
  statusField: hasStatus ? `${responseKey}.Status` : undefined,
  failureReasonField: hasStatus ? `${responseKey}.FailureReason` : undefined,
  readyStatuses: ['ACTIVE'],
  failedStatuses: CREATE_FAILED,
  interval,
  timeout,
});

const seconds = Duration.seconds;
const minutes = Duration.minutes;
const hours = Duration.hours;

/** The resource kinds of the pipeline. @internal */
export const RESOURCE_KINDS = {
  datasetGroup: { ...kind('DATASET_GROUP', 'Dataset group', 'dataset-group', 'describeDatasetGroup', 'DatasetGroup', seconds(15), minutes(30), 'datasetGroup'), deleteAction: 'deleteDatasetGroup' },
  schema: kind('SCHEMA', 'Schema', 'schema', 'describeSchema', 'Schema', seconds(15), minutes(5), 'dataset', false),
  dataset: { ...kind('DATASET', 'Dataset', 'dataset', 'describeDataset', 'Dataset', seconds(15), minutes(30), 'dataset'), deleteAction: 'deleteDataset' },
  datasetUpdate: { ...kind('DATASET', 'Dataset update', 'dataset', 'describeDataset', 'Dataset', seconds(15), minutes(30), 'dataset'), failedStatuses: ['UPDATE FAILED'] },
  datasetImportJob: kind('DATASET_IMPORT_JOB', 'Dataset import job', 'dataset-import-job', 'describeDatasetImportJob', 'DatasetImportJob', minutes(1), hours(24), 'datasetImportJob'),
  filter: { ...kind('FILTER', 'Filter', 'filter', 'describeFilter', 'Filter', seconds(15), minutes(30), 'filter'), deleteAction: 'deleteFilter' },
  eventTracker: { ...kind('EVENT_TRACKER', 'Event tracker', 'event-tracker', 'describeEventTracker', 'EventTracker', seconds(15), minutes(30), 'eventTracker'), deleteAction: 'deleteEventTracker' },
  solution: { ...kind('SOLUTION', 'Solution', 'solution', 'describeSolution', 'Solution', seconds(15), minutes(30), 'solution'), deleteAction: 'deleteSolution' },
  solutionVersion: kind('SOLUTION_VERSION', 'Solution version', 'solution', 'describeSolutionVersion', 'SolutionVersion', minutes(5), hours(48), 'solutionVersion'),
  campaign: { ...kind('CAMPAIGN', 'Campaign', 'campaign', 'describeCampaign', 'Campaign', minutes(1), hours(3), 'campaign'), deleteAction: 'deleteCampaign' },
  campaignUpdate: {
    ...kind('CAMPAIGN', 'Campaign update', 'campaign', 'describeCampaign', 'Campaign', minutes(1), hours(3), 'campaign'),
    statusField: 'Campaign.LatestCampaignUpdate.Status',
    failureReasonField: 'Campaign.LatestCampaignUpdate.FailureReason',
    failedStatuses: ['CREATE FAILED', 'UPDATE FAILED'],
  },
  batchInferenceJob: { ...kind('BATCH_INFERENCE_JOB', 'Batch inference job', 'batch-inference-job', 'describeBatchInferenceJob', 'BatchInferenceJob', minutes(5), hours(48), 'batchInferenceJob'), failedStatuses: ['CREATE FAILED'] },
  batchSegmentJob: { ...kind('BATCH_SEGMENT_JOB', 'Batch segment job', 'batch-segment-job', 'describeBatchSegmentJob', 'BatchSegmentJob', minutes(5), hours(48), 'batchSegmentJob'), failedStatuses: ['CREATE FAILED'] },
  recommender: { ...kind('RECOMMENDER', 'Recommender', 'recommender', 'describeRecommender', 'Recommender', minutes(1), hours(3), 'recommender'), deleteAction: 'deleteRecommender' },
};
