import { ExecutionPlan } from '../../lambda/shared/config/execution-plan';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

/** What a run of the pipeline left in the account: the ARNs a test asserts on. */
export interface SeededAccount {
  readonly versionArns: Record<string, string>;
  readonly eventTrackerArn?: string;
}

/**
 * Creates every resource of a plan in the emulator, in the order the pipeline does, each settled to ACTIVE:
 * what a first successful run leaves behind.
 */
export function seedPlan(emulator: PersonalizeEmulator, plan: ExecutionPlan): SeededAccount {
  const arns = emulator.arns;
  const group = plan.datasetGroup.name;
  const groupArn = arns.datasetGroup(group);
  const call = (operation: string, request: Record<string, unknown>) => emulator.call(operation, request) as Record<string, string>;
  call('CreateDatasetGroup', { ...plan.datasetGroup.serviceConfig });
  emulator.settleAll();
  for (const dataset of plan.datasets) {
    const schema = dataset.schema.serviceConfig;
    if (!hasResource(emulator, 'DescribeSchema', { schemaArn: arns.schema(schema.name) })) {
      call('CreateSchema', { name: schema.name, schema: JSON.stringify(schema.schema), domain: schema.domain });
    }
    call('CreateDataset', { ...dataset.dataset.serviceConfig, datasetGroupArn: groupArn, schemaArn: arns.schema(schema.name), datasetType: dataset.type });
  }
  emulator.settleAll();
  for (const job of plan.imports) {
    call('CreateDatasetImportJob', { ...job.serviceConfig, importMode: 'FULL', datasetArn: arns.dataset(group, job.datasetType) });
  }
  emulator.settleAll();
  for (const filter of plan.filters) call('CreateFilter', { ...filter.serviceConfig, datasetGroupArn: groupArn });
  let eventTrackerArn: string | undefined;
  if (plan.eventTracker.enabled) eventTrackerArn = call('CreateEventTracker', { ...plan.eventTracker.serviceConfig, datasetGroupArn: groupArn }).eventTrackerArn;
  for (const solution of plan.solutions) call('CreateSolution', { ...solution.serviceConfig, datasetGroupArn: groupArn });
  emulator.settleAll();
  const versionArns: Record<string, string> = {};
  for (const solution of plan.solutions) {
    versionArns[solution.serviceConfig.name] = call('CreateSolutionVersion', { solutionArn: arns.solution(solution.serviceConfig.name) }).solutionVersionArn;
  }
  emulator.settleAll();
  for (const solution of plan.solutions) {
    const solutionVersionArn = versionArns[solution.serviceConfig.name];
    for (const campaign of solution.campaigns) call('CreateCampaign', { ...campaign.serviceConfig, solutionVersionArn });
    for (const job of solution.batchInferenceJobs) call('CreateBatchInferenceJob', { ...job.serviceConfig, solutionVersionArn });
    for (const job of solution.batchSegmentJobs) call('CreateBatchSegmentJob', { ...job.serviceConfig, solutionVersionArn });
  }
  for (const recommender of plan.recommenders) call('CreateRecommender', { ...recommender.serviceConfig, datasetGroupArn: groupArn });
  emulator.settleAll();
  return { versionArns, eventTrackerArn };
}

function hasResource(emulator: PersonalizeEmulator, operation: string, request: Record<string, unknown>): boolean {
  try {
    emulator.call(operation, request);
    return true;
  } catch {
    return false;
  }
}
