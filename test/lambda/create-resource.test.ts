import {
  CreateCampaignCommand, CreateDatasetGroupCommand, CreateSchemaCommand, PersonalizeClient, ResourceAlreadyExistsException, UpdateCampaignCommand,
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

  test('a campaign update takes the ARN and the settings, not the name or tags', async () => {
    personalize.on(UpdateCampaignCommand).resolves({ campaignArn: 'arn:c' });
    await handler({
      action: 'updateCampaign',
      serviceConfig: { name: 'C', minProvisionedTPS: 2, tags: [{ tagKey: 'a', tagValue: 'b' }] },
      derived: { campaignArn: 'arn:c', solutionVersionArn: 'arn:v2' },
    });
    expect(personalize.commandCalls(UpdateCampaignCommand)[0].args[0].input).toEqual({ campaignArn: 'arn:c', solutionVersionArn: 'arn:v2', minProvisionedTPS: 2 });
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
