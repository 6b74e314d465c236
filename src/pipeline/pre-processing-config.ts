/** The kinds of preprocessing job the pipeline can run. */
export enum PreProcessingJobType {
  /** An AWS Glue job, named in the execution input's `preprocessing.jobName`. */
  GLUE = 'GLUE',
}

/** Enables the preprocessing step. */
export interface PreProcessingConfig {
  /** The kind of job that preprocesses the raw data. */
  readonly jobType: PreProcessingJobType;
  /**
   * Names of the Glue jobs the pipeline may start. A config naming another job fails validation of its
   * IAM permissions at run time, so list every job you will name.
   *
   * @default - any Glue job of this account and region
   */
  readonly allowedJobNames?: string[];
}
