import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

export const INTERACTIONS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Interactions',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }],
});

export const ITEMS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'GENRES', type: ['null', 'string'], categorical: true }],
});

export const USER_PERSONALIZATION = 'arn:aws:personalize:::recipe/aws-user-personalization';

/** `<field>` on a describe response: `describe(e, 'DescribeCampaign', { campaignArn })`. */
export function describe(emulator: PersonalizeEmulator, operation: string, request: Record<string, unknown>): any {
  return Object.values(emulator.call(operation, request) as Record<string, unknown>)[0];
}

/** Calls an operation and returns its error's name (or 'none'). */
export function errorOf(call: () => unknown): string {
  try {
    call();
    return 'none';
  } catch (error) {
    return (error as Error).name;
  }
}

/** A dataset group `group` (custom, or of `domain`) with interactions (and optionally items) datasets, ACTIVE. Schemas are shared. */
export function groupWithDatasets(emulator: PersonalizeEmulator, group = 'G', options: { items?: boolean; domain?: string } = {}): void {
  emulator.call('CreateDatasetGroup', { name: group, domain: options.domain });
  emulator.settleAll();
  const suffix = options.domain ? `-${options.domain}` : '';
  const ensureSchema = (name: string, schema: string) => {
    if (errorOf(() => emulator.call('CreateSchema', { name, schema, domain: options.domain })) === 'InvalidInputException') throw new Error(`bad schema ${name}`);
  };
  ensureSchema(`Interactions${suffix}`, INTERACTIONS_SCHEMA);
  ensureSchema(`Items${suffix}`, ITEMS_SCHEMA);
  const datasetGroupArn = emulator.arns.datasetGroup(group);
  emulator.call('CreateDataset', { name: `${group}-interactions`, datasetGroupArn, schemaArn: emulator.arns.schema(`Interactions${suffix}`), datasetType: 'INTERACTIONS' });
  if (options.items) emulator.call('CreateDataset', { name: `${group}-items`, datasetGroupArn, schemaArn: emulator.arns.schema(`Items${suffix}`), datasetType: 'ITEMS' });
  emulator.settleAll();
}

/** Imports interactions into group `group` (job `name`) and settles. */
export function importInteractions(emulator: PersonalizeEmulator, name: string, group = 'G', settle = true): string {
  const { datasetImportJobArn } = emulator.call('CreateDatasetImportJob', {
    jobName: name, datasetArn: emulator.arns.dataset(group, 'INTERACTIONS'), dataSource: { dataLocation: `s3://bucket/${name}.csv` },
  }) as { datasetImportJobArn: string };
  if (settle) emulator.settleAll();
  return datasetImportJobArn;
}

/** A User-Personalization solution `name` in group `group`, ACTIVE. */
export function solution(emulator: PersonalizeEmulator, name = 'Sol', group = 'G', extra: Record<string, unknown> = {}): string {
  const { solutionArn } = emulator.call('CreateSolution', {
    name, datasetGroupArn: emulator.arns.datasetGroup(group), recipeArn: USER_PERSONALIZATION, ...extra,
  }) as { solutionArn: string };
  emulator.settleAll();
  return solutionArn;
}

/** Trains a version of a solution to ACTIVE. */
export function trainedVersion(emulator: PersonalizeEmulator, solutionArn: string): string {
  const { solutionVersionArn } = emulator.call('CreateSolutionVersion', { solutionArn }) as { solutionVersionArn: string };
  emulator.settleAll();
  return solutionVersionArn;
}
