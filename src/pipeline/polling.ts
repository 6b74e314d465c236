import { Duration } from 'aws-cdk-lib';

/**
 * How the pipeline polls one kind of resource. The first check comes right after the create call; the time
 * between two checks starts at `initialInterval` and grows with the resource's age (1 % of it) up to
 * `maxInterval`, so a resource is noticed soon after it is ready while a long wait costs few state
 * transitions. The pipeline rejects, at synth time, settings whose worst case would not fit Step Functions'
 * history of 25,000 events per execution.
 */
export interface PollingSettings {
  /**
   * Time between the first checks.
   *
   * @default - the kind's default (see `PipelinePolling`)
   */
  readonly initialInterval?: Duration;
  /**
   * The longest time between two checks.
   *
   * @default - the kind's default (see `PipelinePolling`)
   */
  readonly maxInterval?: Duration;
  /**
   * How long to wait for the resource before the execution fails.
   *
   * @default - the kind's default (see `PipelinePolling`)
   */
  readonly timeout?: Duration;
}

/**
 * Poll settings per resource kind. Each key's default comes from the pipeline's table of resource kinds (a test
 * holds these docs to it).
 */
export interface PipelinePolling {
  /** @default - from 5 seconds growing to 30 seconds, for up to 30 minutes */
  readonly datasetGroup?: PollingSettings;
  /** @default - from 5 seconds growing to 30 seconds, for up to 30 minutes (a schema change: the same) */
  readonly dataset?: PollingSettings;
  /** @default - from 10 seconds growing to 5 minutes, for up to 24 hours */
  readonly datasetImportJob?: PollingSettings;
  /** @default - from 5 seconds growing to 30 seconds, for up to 30 minutes */
  readonly filter?: PollingSettings;
  /** @default - from 5 seconds growing to 30 seconds, for up to 30 minutes */
  readonly eventTracker?: PollingSettings;
  /** @default - from 5 seconds growing to 30 seconds, for up to 30 minutes (a solution update: the same) */
  readonly solution?: PollingSettings;
  /** @default - from 30 seconds growing to 10 minutes, for up to 48 hours */
  readonly solutionVersion?: PollingSettings;
  /** @default - from 10 seconds growing to 2 minutes, for up to 3 hours (a campaign update: the same) */
  readonly campaign?: PollingSettings;
  /** @default - from 30 seconds growing to 10 minutes, for up to 48 hours */
  readonly batchInferenceJob?: PollingSettings;
  /** @default - from 30 seconds growing to 10 minutes, for up to 48 hours */
  readonly batchSegmentJob?: PollingSettings;
  /** @default - from 10 seconds growing to 5 minutes, for up to 12 hours (a recommender update: from 10 seconds to 10 minutes, 12 hours; a restart: from 10 seconds to 2 minutes, 3 hours) */
  readonly recommender?: PollingSettings;
}
