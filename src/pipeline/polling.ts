import { Duration } from 'aws-cdk-lib';

/** How often, and for how long, the pipeline polls one kind of resource. */
export interface PollingSettings {
  /**
   * Time between two describe calls.
   *
   * @default - the kind's default (see `PipelinePolling`)
   */
  readonly interval?: Duration;
  /**
   * How long to wait for the resource before the execution fails.
   *
   * @default - the kind's default (see `PipelinePolling`)
   */
  readonly timeout?: Duration;
}

/** Poll settings per resource kind. */
export interface PipelinePolling {
  /** @default - every 15 seconds, for up to 30 minutes */
  readonly datasetGroup?: PollingSettings;
  /** @default - every 15 seconds, for up to 30 minutes */
  readonly dataset?: PollingSettings;
  /** @default - every minute, for up to 24 hours */
  readonly datasetImportJob?: PollingSettings;
  /** @default - every 15 seconds, for up to 30 minutes */
  readonly filter?: PollingSettings;
  /** @default - every 15 seconds, for up to 30 minutes */
  readonly eventTracker?: PollingSettings;
  /** @default - every 15 seconds, for up to 30 minutes */
  readonly solution?: PollingSettings;
  /** @default - every 5 minutes, for up to 48 hours */
  readonly solutionVersion?: PollingSettings;
  /** @default - every minute, for up to 3 hours */
  readonly campaign?: PollingSettings;
  /** @default - every 5 minutes, for up to 48 hours */
  readonly batchInferenceJob?: PollingSettings;
  /** @default - every 5 minutes, for up to 48 hours */
  readonly batchSegmentJob?: PollingSettings;
  /** @default - every minute, for up to 3 hours */
  readonly recommender?: PollingSettings;
}
