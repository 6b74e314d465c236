import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeExecutionCommand, DescribeStateMachineCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCOUNT, REGION } from './cli-harness';
import { synthesizeExample } from '../../cli/simulate/example-template';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { CloudFormationHttpEndpoint } from '../../simulator/sfn-face/cloudformation-endpoint';
import { StepFunctionsHttpEndpoint } from '../../simulator/sfn-face/step-functions-endpoint';
import { StsHttpEndpoint } from '../../simulator/sfn-face/sts-endpoint';

// The loopback faces the command line's tests stand on, through the unmodified SDK clients: what they answer is what
// the SDK parses, errors included.

const ENV = { partition: 'aws', region: REGION, account: ACCOUNT };
const credentials = { accessKeyId: 'AKIALOCAL', secretAccessKey: 'local' };
let template: any;
let pipeline: PipelineTemplate;
let sfn: StepFunctionsHttpEndpoint;
let client: SFNClient;

beforeAll(async () => {
  template = synthesizeExample();
  pipeline = new PipelineTemplate(template, ENV);
  sfn = new StepFunctionsHttpEndpoint({ template: pipeline });
  client = new SFNClient({ region: REGION, endpoint: await sfn.start(), credentials });
});
afterAll(async () => {
  client.destroy();
  await sfn.stop();
});

test('Step Functions: StartExecution, DescribeExecution until it ends, ListExecutions newest first and paginated', async () => {
  const mainArn = pipeline.mainStateMachine().arn;
  const config = JSON.stringify(require('../../sample_configs/input_retail.json')); // eslint-disable-line @typescript-eslint/no-require-imports
  const { executionArn, startDate } = await client.send(new StartExecutionCommand({ stateMachineArn: mainArn, input: config }));
  expect(startDate).toBeInstanceOf(Date);
  await expect(client.send(new StartExecutionCommand({ stateMachineArn: mainArn, input: config }))).rejects.toThrow(expect.objectContaining({ name: 'ExecutionLimitExceeded' }));
  await sfn.idle();
  const described = await client.send(new DescribeExecutionCommand({ executionArn }));
  expect(described).toEqual(expect.objectContaining({ executionArn, stateMachineArn: mainArn, status: 'SUCCEEDED', input: config }));
  expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime());

  const flow = pipeline.stateMachines.find((m) => /RecommenderFlow/.test(m.logicalId))!.arn;
  const first = await client.send(new ListExecutionsCommand({ stateMachineArn: flow, maxResults: 1 }));
  const second = await client.send(new ListExecutionsCommand({ stateMachineArn: flow, maxResults: 1, nextToken: first.nextToken }));
  expect(second.nextToken).toBeUndefined();
  const [newer, older] = [first.executions![0], second.executions![0]];
  expect(newer.startDate!.getTime()).toBeGreaterThanOrEqual(older.startDate!.getTime());
  const child = await client.send(new DescribeExecutionCommand({ executionArn: older.executionArn }));
  expect(JSON.parse(child.input!).AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID).toBe(executionArn);

  const machine = await client.send(new DescribeStateMachineCommand({ stateMachineArn: mainArn }));
  expect(machine.definition).toContain(flow);
});

test.each([
  ['StartExecution of a state machine that does not exist', () => new StartExecutionCommand({ stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Nope` }), 'StateMachineDoesNotExist'],
  ['DescribeExecution of an ARN that is not one', () => new DescribeExecutionCommand({ executionArn: 'nope' }), 'InvalidArn'],
  ['StartExecution with input that is not JSON', () => new StartExecutionCommand({ stateMachineArn: pipeline.mainStateMachine().arn, input: '{' }), 'InvalidExecutionInput'],
])('Step Functions: %s is %s', async (_label, command, name) => {
  await expect(client.send(command() as any)).rejects.toThrow(expect.objectContaining({ name }));
});

test('CloudFormation: DescribeStacks gives the stack\'s outputs resolved; an unknown stack is a ValidationError', async () => {
  const face = new CloudFormationHttpEndpoint([{ name: 'PersonalizeMlOpsExample', outputs: CloudFormationHttpEndpoint.outputsOf(template, ENV) }], ENV);
  const cloudFormation = new CloudFormationClient({ region: REGION, endpoint: await face.start(), credentials });
  try {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: 'PersonalizeMlOpsExample' }));
    expect(Stacks![0].StackStatus).toBe('CREATE_COMPLETE');
    expect(Object.fromEntries(Stacks![0].Outputs!.map((o) => [o.OutputKey, o.OutputValue]))).toEqual({
      StateMachineArn: expect.stringMatching(new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:PersonalizePipelineSolutionStateMachine`)),
      FleetStateMachineArn: expect.stringMatching(new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:PersonalizePipelineSolutionFleetStateMachine`)),
      EventBusName: expect.stringMatching(/^PersonalizePipelineSolutionEventBus/),
    });
    await expect(cloudFormation.send(new DescribeStacksCommand({ StackName: 'Nope' })))
      .rejects.toThrow(expect.objectContaining({ name: 'ValidationError', message: 'Stack with id Nope does not exist' }));
  } finally {
    cloudFormation.destroy();
    await face.stop();
  }
});

test('STS: GetCallerIdentity gives the account and the caller\'s ARN', async () => {
  const face = new StsHttpEndpoint(ENV);
  const sts = new STSClient({ region: REGION, endpoint: await face.start(), credentials });
  try {
    expect(await sts.send(new GetCallerIdentityCommand({}))).toEqual(expect.objectContaining({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/local` }));
  } finally {
    sts.destroy();
    await face.stop();
  }
});
