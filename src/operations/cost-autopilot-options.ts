import { Duration } from 'aws-cdk-lib';

/** What the cost autopilot does with its proposals. */
export enum CostAutopilotMode {
  /** Publishes a `COST_RECOMMENDATION` event per proposal; makes no write call. */
  RECOMMEND = 'recommend',
  /** Makes the calls (UpdateCampaign, StopRecommender), waits for them and publishes `COST_ACTION`. */
  APPLY = 'apply',
}

/**
 * The cost autopilot: a scheduled state machine that reads the last days' request rate of each campaign and
 * recommender of some dataset groups from CloudWatch and proposes (or applies) a lower `minProvisionedTPS` and the
 * stop of idle recommenders.
 */
export interface CostAutopilotOptions {
  /** The dataset groups whose campaigns and recommenders are looked at, by name (1 to 20). */
  readonly datasetGroupNames: string[];
  /**
   * What a run does when its input names no mode (`{}`); an input `{ "mode": "recommend" | "apply" }` wins.
   *
   * @default CostAutopilotMode.RECOMMEND
   */
  readonly mode?: CostAutopilotMode;
  /**
   * How many days of requests are read, 1 to 15 (CloudWatch keeps 5-minute datapoints for 63 days; 15 keeps a run's
   * data within Step Functions' payload limit).
   *
   * @default 14
   */
  readonly lookbackDays?: number;
  /**
   * The share added to the observed peak before a lower `minProvisionedTPS` is proposed, 0 to 10 (0.25 = 25 %).
   *
   * @default 0.25
   */
  readonly headroom?: number;
  /**
   * When it runs: an EventBridge Scheduler expression (`cron(...)`, `rate(...)`), in UTC.
   *
   * @default - no schedule: started by hand only
   */
  readonly schedule?: string;
  /**
   * How late after the scheduled time Scheduler may start the run.
   *
   * @default Duration.minutes(15)
   */
  readonly flexibleWindow?: Duration;
}
