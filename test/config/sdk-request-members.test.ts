import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as schema from '../../schema/pipeline-config.schema.json';

/*
 * Each serviceConfig holds every member of its SDK request that a user may set, and nothing else; the members
 * that name a parent resource are derived by the pipeline. The SDK model is the reference:
 * @aws-sdk/client-personalize, dist-types/models/models_0.d.ts.
 */

const SERVICE_CONFIGS: Array<[request: string, definition: string, derived: string[]]> = [
  ['CreateDatasetGroupRequest', 'DatasetGroupServiceConfig', []],
  ['CreateSchemaRequest', 'SchemaServiceConfig', []],
  ['CreateDatasetRequest', 'DatasetServiceConfig', ['schemaArn', 'datasetGroupArn', 'datasetType']],
  ['CreateDatasetImportJobRequest', 'DatasetImportJobServiceConfig', ['datasetArn']],
  ['CreateFilterRequest', 'FilterServiceConfig', ['datasetGroupArn']],
  ['CreateEventTrackerRequest', 'EventTrackerServiceConfig', ['datasetGroupArn']],
  ['CreateSolutionRequest', 'SolutionServiceConfig', ['datasetGroupArn']],
  ['CreateSolutionVersionRequest', 'SolutionVersionServiceConfig', ['solutionArn']],
  ['CreateCampaignRequest', 'CampaignServiceConfig', ['solutionVersionArn']],
  ['CreateBatchInferenceJobRequest', 'BatchInferenceJobServiceConfig', ['solutionVersionArn']],
  ['CreateBatchSegmentJobRequest', 'BatchSegmentJobServiceConfig', ['solutionVersionArn']],
  ['CreateRecommenderRequest', 'RecommenderServiceConfig', ['datasetGroupArn']],
];

const model = readFileSync(path.join(require.resolve('@aws-sdk/client-personalize'), '..', '..', 'dist-types', 'models', 'models_0.d.ts'), 'utf8');

/** The members of one request interface of the SDK model, each with whether it is required. */
function requestMembers(name: string): Array<{ member: string; required: boolean }> {
  const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(model)?.[1];
  if (!body) throw new Error(`${name} is not in the SDK model`);
  return [...body.matchAll(/^ {4}(\w+)(\??):/gm)].map(([, member, optional]) => ({ member, required: optional !== '?' }));
}

describe('serviceConfig and the SDK request model', () => {
  test.each(SERVICE_CONFIGS)('%s: %s holds every member a user may set', (request, definition, derived) => {
    const members = requestMembers(request);
    const target = (schema as any).definitions[definition];
    const own = Object.keys(target.properties).sort();
    expect(own).toEqual(members.map((m) => m.member).filter((m) => !derived.includes(m)).sort());
    expect(derived.every((d) => members.some((m) => m.member === d))).toBe(true);
    // Never required where the service does not require it.
    const requiredBySdk = members.filter((m) => m.required).map((m) => m.member);
    expect((target.required ?? []).filter((r: string) => !requiredBySdk.includes(r))).toEqual([]);
    expect(target.additionalProperties).toBe(false);
  });

  test('the object members (solutionConfig, campaignConfig, ...) pass through whatever they hold', () => {
    const defs = (schema as any).definitions;
    for (const [definition, member] of [
      ['SolutionServiceConfig', 'solutionConfig'], ['CampaignServiceConfig', 'campaignConfig'], ['RecommenderServiceConfig', 'recommenderConfig'],
      ['BatchInferenceJobServiceConfig', 'batchInferenceJobConfig'], ['BatchInferenceJobServiceConfig', 'themeGenerationConfig'],
    ]) {
      expect([definition, member, defs[definition].properties[member]]).toEqual([definition, member, expect.objectContaining({ type: 'object', additionalProperties: {} })]);
    }
  });
});
