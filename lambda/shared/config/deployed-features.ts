/**
 * Which flows a pipeline was deployed with. The validator rejects a config that asks for work whose state
 * machine does not exist, instead of skipping it silently.
 */
export interface DeployedFeatures {
  readonly preprocessing: boolean;
  readonly filters: boolean;
  readonly eventTracker: boolean;
  readonly solutions: boolean;
  readonly campaigns: boolean;
  readonly batchInferenceJobs: boolean;
  readonly batchSegmentJobs: boolean;
  readonly recommenders: boolean;
  /** The Glue job the pipeline deployed, run when the config's preprocessing names no job. */
  readonly glueJobName?: string;
}

/**
 * Every flow deployed, the bundled Glue job too: what a config is checked against when no pipeline is in
 * sight (editors, tests). The job name is a stand-in for the one a deployment generates.
 */
export const ALL_FEATURES: DeployedFeatures = {
  glueJobName: 'deployed-movielens-glue-job',
  preprocessing: true,
  filters: true,
  eventTracker: true,
  solutions: true,
  campaigns: true,
  batchInferenceJobs: true,
  batchSegmentJobs: true,
  recommenders: true,
};
