import * as s3 from 'aws-cdk-lib/aws-s3';

/** Runs every config stored under a prefix of a bucket, each as its own run of the pipeline. */
export interface FleetRunsOptions {
  /**
   * The bucket the configs are stored in. The fleet lists it under `prefix` only, and writes the Map Run's results
   * under `resultsPrefix` of the same bucket.
   */
  readonly bucket: s3.IBucket;
  /**
   * Every `.json` object under this prefix is a config of the fleet (other keys are skipped). A run may narrow it
   * (`{ "prefix": "fleet/2026-12/" }`), never widen it. The validator may read these keys only.
   *
   * @default 'fleet/'
   */
  readonly prefix?: string;
  /**
   * How many configs run at once (the Distributed Map's `MaxConcurrency`), 1 to 10000. Personalize's quotas on
   * concurrent trainings and imports are per account: keep it to what they allow.
   *
   * @default 5
   */
  readonly maxConcurrency?: number;
  /**
   * The share of configs, 0 to 100, that may fail before the fleet stops and fails
   * (`States.ExceedToleratedFailureThreshold`); the configs still running are then stopped. The default runs every
   * config to its end whatever the others do: each failed run is a failed execution of the main state machine
   * (its own FAILED event and alarms), and the fleet's summary and FLEET_COMPLETED event list it.
   *
   * @default 100
   */
  readonly toleratedFailurePercentage?: number;
  /**
   * Where in the same bucket the Map Run's results go (Step Functions' ResultWriter): `<resultsPrefix><map run id>/`.
   * Outside `prefix`, so that results are never read as configs.
   *
   * @default 'fleet-results/'
   */
  readonly resultsPrefix?: string;
}
