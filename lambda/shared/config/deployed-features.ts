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
}

/** Every flow deployed: what a config is checked against when no pipeline is in sight (editors, CLI). */
export const ALL_FEATURES: DeployedFeatures = {
  preprocessing: true,
  filters: true,
  eventTracker: true,
  solutions: true,
  campaigns: true,
  batchInferenceJobs: true,
  batchSegmentJobs: true,
  recommenders: true,
};
