import { Duration } from 'aws-cdk-lib';

/** A campaign the dashboard and the alarms watch. */
export interface MonitoredCampaign {
  /** Its name. */
  readonly name: string;
  /**
   * Its `minProvisionedTPS`, the line its requests are drawn against and the base of the utilization alarm.
   *
   * @default - unknown: no line, no utilization alarm
   */
  readonly minProvisionedTPS?: number;
}

/** A recommender the dashboard and the alarms watch. */
export interface MonitoredRecommender {
  /** Its name. */
  readonly name: string;
  /**
   * Its `minRecommendationRequestsPerSecond`, the line its requests are drawn against and the base of the
   * utilization alarm.
   *
   * @default - unknown: no line, no utilization alarm
   */
  readonly minRecommendationRequestsPerSecond?: number;
}

/** A solution whose model metrics the dashboard and the alarms watch. */
export interface MonitoredSolution {
  /** Its name. */
  readonly name: string;
  /**
   * How old its last ACTIVE version may be before the stale-model alarm goes off (whole days, 1 to 7).
   *
   * @default - `alarms.staleAfter`
   */
  readonly maxAge?: Duration;
}

/**
 * A dataset group and the resources of it the dashboard and the alarms watch: what a config names is only known when
 * a run reads it, so what is watched is listed here (or read from the schedules' inline configs).
 */
export interface MonitoredDatasetGroup {
  /** The dataset group's name. */
  readonly name: string;
  /**
   * Its solutions.
   *
   * @default - none
   */
  readonly solutions?: MonitoredSolution[];
  /**
   * Its campaigns.
   *
   * @default - none
   */
  readonly campaigns?: MonitoredCampaign[];
  /**
   * Its recommenders.
   *
   * @default - none
   */
  readonly recommenders?: MonitoredRecommender[];
}
