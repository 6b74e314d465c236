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
  /** The Glue job the pipeline deployed, run when the config's preprocessing names no job; absent when none was. */
  readonly glueJobName?: string;
  /**
   * Whether the pipeline was deployed with schedules (construct prop `schedules`), which start it again and again
   * with a stored config; absent: no schedule. The validator cannot tell whether a given run is a scheduled one.
   */
  readonly schedules?: boolean;
}

/**
 * Every flow deployed and no Glue job of the pipeline's own: what a config is checked against when no pipeline
 * is in sight (editors, tests). It names no job, as no deployment's job name can be known here, so a config that
 * runs preprocessing must name its job to pass. A deployed validator never uses it: it reads the features the
 * construct wrote (`DEPLOYED_FEATURES`), exactly.
 */
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

/**
 * The features a deployment describes in JSON (the `DEPLOYED_FEATURES` the construct writes), exactly: a flow
 * not marked `true` is not deployed, and there is a Glue job only when one is named.
 * @throws an Error when the text is missing or is not a JSON object; that is a deployment fault, not a config's.
 */
export function parseDeployedFeatures(json: string | undefined): DeployedFeatures {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : undefined;
  } catch {
    raw = undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw Object.assign(new Error(`DEPLOYED_FEATURES must be the JSON object the construct writes, got: ${JSON.stringify(json)}`), { name: 'DeploymentError' });
  }
  const r = raw as Record<string, unknown>;
  const glueJobName = typeof r.glueJobName === 'string' && r.glueJobName !== '' ? r.glueJobName : undefined;
  return {
    preprocessing: r.preprocessing === true,
    filters: r.filters === true,
    eventTracker: r.eventTracker === true,
    solutions: r.solutions === true,
    campaigns: r.campaigns === true,
    batchInferenceJobs: r.batchInferenceJobs === true,
    batchSegmentJobs: r.batchSegmentJobs === true,
    recommenders: r.recommenders === true,
    ...(glueJobName ? { glueJobName } : {}),
    ...(r.schedules === true ? { schedules: true } : {}),
  };
}
