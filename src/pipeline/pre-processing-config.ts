/** The kinds of preprocessing job the pipeline can run. */
export enum PreProcessingJobType {
  /** An AWS Glue job, named in the execution input's `preprocessing.jobName`. */
  GLUE = 'GLUE',
}

import { MovieLensGlueJobProps } from '../preprocessing/movielens-glue-job';

/** Enables the preprocessing step. */
export interface PreProcessingConfig {
  /** The kind of job that preprocesses the raw data. */
  readonly jobType: PreProcessingJobType;
  /**
   * Names of the Glue jobs the pipeline may start (the deployed `glueJob` is always allowed). A config naming
   * another job is refused by the pre-flight check before anything is created (its `glue:GetJob` is scoped to
   * these jobs too), so list every job you will name.
   *
   * @default - the deployed `glueJob` when there is one, otherwise any Glue job of this account and region
   */
  readonly allowedJobNames?: string[];
  /**
   * Deploys the bundled MovieLens-to-Personalize Glue job; the preprocessing step runs it when the config's
   * `preprocessing` names no other job.
   *
   * @default - no job is deployed: the config names an existing job
   */
  readonly glueJob?: MovieLensGlueJobProps;
}
