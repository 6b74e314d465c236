import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as sdk from '@aws-sdk/client-personalize';
import { ACTIONS } from '../../lambda/create-resource/actions';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { emulatorResources } from '../../simulator/runner/run-summary';
import {
  camelCaseAction, CREATE_FUNCTION_OPERATIONS, KIND_FACTS, PollingKey, pollingDefaultText, RESOURCE_KIND_FACTS,
} from '../../src/contract/resource-kinds';
import { RESOURCE_KINDS } from '../../src/kinds/resource-kind';
import { DELETABLE_KINDS, TEARDOWN_STEPS } from '../../src/teardown/teardown-kinds';

const ROOT = path.join(__dirname, '..', '..');

// The table of resource kinds (src/contract/resource-kinds.ts) and what is derived from it or held to it.
describe('the kind table', () => {
  test('names only operations the Personalize SDK has', () => {
    const commands = new Set(Object.keys(sdk).filter((name) => name.endsWith('Command')).map((name) => name.replace(/Command$/, '')));
    const operations = KIND_FACTS.flatMap((k) => [
      k.createAction, k.describeAction, k.list.action, ...(k.update ? [k.update.action] : []), ...(k.teardown ? [k.teardown.deleteAction] : []),
    ]);
    expect(operations.filter((operation) => !commands.has(operation))).toEqual([]);
  });

  test('the create function accepts exactly the table\'s Creates and the Updates it uses (and tagResource), each answering the kind\'s ARN', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual([...CREATE_FUNCTION_OPERATIONS.map(camelCaseAction), 'tagResource'].sort());
    for (const kind of KIND_FACTS) {
      expect([kind.createAction, ACTIONS[camelCaseAction(kind.createAction)].arnField]).toEqual([kind.createAction, kind.list.arnField]);
    }
  });

  test('the polling docs (src/pipeline/polling.ts) give each key the table\'s defaults', () => {
    const source = readFileSync(path.join(ROOT, 'src', 'pipeline', 'polling.ts'), 'utf8');
    const documented = Object.fromEntries([...source.matchAll(/\/\*\* @default - (.*) \*\/\n\s+readonly (\w+)\?: PollingSettings;/g)].map((m) => [m[2], m[1]]));
    const keys = [...new Set(KIND_FACTS.map((k) => k.pollingKey))] as PollingKey[];
    expect(Object.keys(documented).sort()).toEqual([...keys].sort());
    for (const key of keys) expect([key, documented[key]]).toEqual([key, pollingDefaultText(key)]);
  });

  test('the poll loop\'s kinds are built from it, each with its describe call, status field and defaults', () => {
    const campaign = RESOURCE_KINDS.campaign;
    expect([campaign.describeAction, campaign.statusField, campaign.deleteAction, campaign.timeout.toSeconds()])
      .toEqual(['describeCampaign', 'Campaign.Status', 'deleteCampaign', RESOURCE_KIND_FACTS.campaign.polling.timeoutSeconds]);
    expect(RESOURCE_KINDS.campaignUpdate.statusField).toBe('Campaign.LatestCampaignUpdate.Status');
    expect(RESOURCE_KINDS.schema.statusField).toBeUndefined();
  });

  test('gives the tear-down its deletable kinds and its order', () => {
    expect(TEARDOWN_STEPS).toEqual([['CAMPAIGN', 'RECOMMENDER'], ['SOLUTION'], ['METRIC_ATTRIBUTION', 'FILTER', 'EVENT_TRACKER'], ['DATASET'], ['DATASET_GROUP'], ['SCHEMA']]);
    expect(Object.keys(DELETABLE_KINDS)).toEqual(['CAMPAIGN', 'RECOMMENDER', 'SOLUTION', 'METRIC_ATTRIBUTION', 'FILTER', 'EVENT_TRACKER', 'DATASET', 'DATASET_GROUP']);
    expect(DELETABLE_KINDS.RECOMMENDER.deletableStatuses).toContain('INACTIVE');
  });

  test('carries for the next issues each kind\'s Update and quota where the sources give one', () => {
    expect(Object.fromEntries(KIND_FACTS.filter((k) => k.update).map((k) => [k.id, k.update!.action])))
      .toEqual({ DATASET: 'UpdateDataset', SOLUTION: 'UpdateSolution', CAMPAIGN: 'UpdateCampaign', RECOMMENDER: 'UpdateRecommender', METRIC_ATTRIBUTION: 'UpdateMetricAttribution' });
    const inProgress = KIND_FACTS.flatMap((k) => k.quotas.filter((q) => q.counts === 'IN_PROGRESS').map((q) => [k.id, q.limit]));
    expect(Object.fromEntries(inProgress)).toEqual({ DATASET_IMPORT_JOB: 5, SOLUTION_VERSION: 20, BATCH_INFERENCE_JOB: 5, BATCH_SEGMENT_JOB: 5 });
  });

  test('the shared contract modules import nothing of aws-cdk-lib (lambda/ and simulator/ bundle them)', () => {
    for (const file of ['resource-kinds.ts', 'function-contract.ts']) {
      expect(readFileSync(path.join(ROOT, 'src', 'contract', file), 'utf8')).not.toMatch(/from '(aws-cdk-lib|constructs)/);
    }
  });

  test('drives the summary of the emulator\'s resources, every kind by its List call', () => {
    const emulator = new PersonalizeEmulator();
    emulator.call('CreateDatasetGroup', { name: 'SummaryGroup' });
    emulator.call('CreateSchema', { name: 'SummarySchema', schema: JSON.stringify({ type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }], version: '1.0' }) });
    expect(emulatorResources(emulator).map((row) => [row.kind, row.name])).toEqual([['dataset group', 'SummaryGroup'], ['schema', 'SummarySchema']]);
    // A solution version's summary has no name: its row names it by its solution and id.
    expect(RESOURCE_KIND_FACTS.solutionVersion.list.nameField).toBeUndefined();
  });
});
