import {
  CreateCampaignCommand, CreateDatasetGroupCommand, CreateSchemaCommand, DescribeCampaignCommand, DescribeRecommenderCommand, DescribeSolutionCommand,
  ListTagsForResourceCommand, PersonalizeClient, ResourceAlreadyExistsException, TagResourceCommand, UntagResourceCommand, UpdateCampaignCommand,
  UpdateRecommenderCommand, UpdateSolutionCommand,
} from '@aws-sdk/client-personalize';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../lambda/create-resource/index';

const personalize = mockClient(PersonalizeClient);

beforeEach(() => personalize.reset());

describe('create-resource handler', () => {
  test('passes the camelCase serviceConfig unchanged, with the derived fields added', async () => {
    personalize.on(CreateDatasetGroupCommand).resolves({ datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/G' });
    const result = await handler({ action: 'createDatasetGroup', serviceConfig: { name: 'G', domain: 'ECOMMERCE', tags: [{ tagKey: 'a', tagValue: 'b' }] }, derived: {} });
    expect(personalize.commandCalls(CreateDatasetGroupCommand)[0].args[0].input).toEqual({ name: 'G', domain: 'ECOMMERCE', tags: [{ tagKey: 'a', tagValue: 'b' }] });
    expect(result.arn).toBe('arn:aws:personalize:us-east-1:123456789012:dataset-group/G');
  });

  test('sends the Avro schema as a JSON string', async () => {
    personalize.on(CreateSchemaCommand).resolves({ schemaArn: 'arn:s' });
    await handler({ action: 'createSchema', serviceConfig: { name: 'S', schema: { type: 'record', name: 'R', fields: [] } } });
    expect(personalize.commandCalls(CreateSchemaCommand)[0].args[0].input.schema).toBe('{"type":"record","name":"R","fields":[]}');
  });

  test('a campaign update describes the campaign, sends what differs (ARN, version, TPS, config over the current one), then the tag difference', async () => {
    personalize.on(DescribeCampaignCommand).resolves({ campaign: { campaignArn: 'arn:c', solutionVersionArn: 'arn:v1', minProvisionedTPS: 1, campaignConfig: { enableMetadataWithRecommendations: true } } });
    personalize.on(UpdateCampaignCommand).resolves({ campaignArn: 'arn:c' });
    personalize.on(ListTagsForResourceCommand).resolves({ tags: [{ tagKey: 'a', tagValue: 'old' }, { tagKey: 'gone', tagValue: 'x' }] });
    const result = await handler({
      action: 'updateCampaign',
      serviceConfig: { name: 'C', minProvisionedTPS: 2, tags: [{ tagKey: 'a', tagValue: 'b' }] },
      derived: { campaignArn: 'arn:c', solutionVersionArn: 'arn:v2' },
    });
    expect(personalize.commandCalls(UpdateCampaignCommand)[0].args[0].input).toEqual({
      campaignArn: 'arn:c', solutionVersionArn: 'arn:v2', minProvisionedTPS: 2, campaignConfig: { enableMetadataWithRecommendations: true, syncWithLatestSolutionVersion: false },
    });
    expect(personalize.commandCalls(TagResourceCommand)[0].args[0].input).toEqual({ resourceArn: 'arn:c', tags: [{ tagKey: 'a', tagValue: 'b' }] });
    expect(personalize.commandCalls(UntagResourceCommand)[0].args[0].input).toEqual({ resourceArn: 'arn:c', tagKeys: ['gone'] });
    expect(result).toMatchObject({ arn: 'arn:c', updating: true, changed: true });
    expect((result.changes as any[]).map((c) => c.field)).toEqual(['solutionVersionArn', 'minProvisionedTPS', 'tags.a', 'tags.gone']);
  });

  test('a solution or recommender as configured: no Update call, no tag call, nothing to wait for', async () => {
    personalize.on(DescribeSolutionCommand).resolves({ solution: { solutionArn: 'arn:s', performAutoTraining: false, recipeArn: 'arn:r' } });
    personalize.on(DescribeRecommenderCommand).resolves({ recommender: { recommenderArn: 'arn:rec', recipeArn: 'arn:r', recommenderConfig: { minRecommendationRequestsPerSecond: 1 } } });
    personalize.on(ListTagsForResourceCommand).resolves({ tags: [{ tagKey: 'a', tagValue: 'b' }] });
    const tags = [{ tagKey: 'a', tagValue: 'b' }];
    expect(await handler({ action: 'updateSolution', serviceConfig: { name: 'S', performAutoTraining: false, tags }, derived: { solutionArn: 'arn:s' } }))
      .toEqual({ arn: 'arn:s', solutionArn: 'arn:s', updating: false, changed: false, changes: [] });
    expect(await handler({ action: 'updateRecommender', serviceConfig: { name: 'R', recipeArn: 'arn:r' }, derived: { recommenderArn: 'arn:rec' } }))
      .toMatchObject({ arn: 'arn:rec', updating: false, changed: false });
    expect(personalize.commandCalls(UpdateSolutionCommand)).toHaveLength(0);
    expect(personalize.commandCalls(UpdateRecommenderCommand)).toHaveLength(0);
    expect(personalize.commandCalls(TagResourceCommand)).toHaveLength(0);
  });

  test('a solution turned off automatic training: UpdateSolution with the new flag', async () => {
    personalize.on(DescribeSolutionCommand).resolves({ solution: { solutionArn: 'arn:s', performAutoTraining: true } });
    personalize.on(UpdateSolutionCommand).resolves({ solutionArn: 'arn:s' });
    const result = await handler({ action: 'updateSolution', serviceConfig: { name: 'S', performAutoTraining: false }, derived: { solutionArn: 'arn:s' } });
    expect(personalize.commandCalls(UpdateSolutionCommand)[0].args[0].input).toEqual({ solutionArn: 'arn:s', performAutoTraining: false });
    expect(result).toMatchObject({ updating: true, changes: [{ field: 'performAutoTraining', from: true, to: false, action: 'UpdateSolution' }] });
  });

  test('derived fields win over the user\'s', async () => {
    personalize.on(CreateCampaignCommand).resolves({ campaignArn: 'arn:c' });
    await handler({ action: 'createCampaign', serviceConfig: { name: 'C', solutionVersionArn: 'arn:user' }, derived: { solutionVersionArn: 'arn:pipeline' } });
    expect(personalize.commandCalls(CreateCampaignCommand)[0].args[0].input.solutionVersionArn).toBe('arn:pipeline');
  });

  test('service errors keep their names for the state machine\'s Retry and Catch', async () => {
    personalize.on(CreateDatasetGroupCommand).rejects(new ResourceAlreadyExistsException({ message: 'exists', $metadata: {} }));
    await expect(handler({ action: 'createDatasetGroup', serviceConfig: { name: 'G' } })).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
  });

  test('an unknown action is refused', async () => {
    await expect(handler({ action: 'deleteEverything' })).rejects.toThrow(/Unknown action "deleteEverything"/);
  });
});
