import { readFileSync } from 'node:fs';
import { ALL_FEATURES, DeployedFeatures, parseDeployedFeatures } from '../../lambda/shared/config/deployed-features';
import { CliError } from '../errors';

/** The name the offline validator gives the Glue job a pipeline deploys of its own. */
export const OWN_GLUE_JOB = 'the pipeline\'s own Glue job';

/**
 * What a config is checked against when no deployment is in sight: every flow deployed and a Glue job of the
 * pipeline's own (as the example app deploys), so a problem reported here is a problem on every deployment. With
 * `--features`, a deployment's `DEPLOYED_FEATURES` JSON (the validator Lambda's environment), exactly.
 */
export function offlineFeatures(featuresFile?: string): DeployedFeatures {
  if (!featuresFile) return { ...ALL_FEATURES, glueJobName: OWN_GLUE_JOB };
  let text: string;
  try {
    text = readFileSync(featuresFile, 'utf8');
  } catch (error) {
    throw new CliError(`--features ${featuresFile}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseDeployedFeatures(text);
  } catch (error) {
    throw new CliError(`--features ${featuresFile}: ${(error as Error).message}`);
  }
}
