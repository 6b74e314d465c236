import { App, Aspects, Duration, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { synthTeardown } from './teardown-fixture';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { PersonalizeMlOpsPipeline } from '../../src';
import { RESOURCE_KINDS } from '../../src/kinds/resource-kind';
import { PollEngine } from '../../src/polling/poll-engine';
import { ROLE_METADATA_KEY } from '../../src/teardown/teardown-flow';
import { NagAcknowledgements } from '../../src/wiring/nag-acknowledgements';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';

/** A CloudFormation value as text, the partition written `<partition>`. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, any>;
  if (node?.['Fn::Join']) return (node['Fn::Join'][1] as unknown[]).map(render).join(node['Fn::Join'][0]);
  if (node?.Ref === 'AWS::Partition') return '<partition>';
  return JSON.stringify(value);
}

/** Every Allow statement of the policies of a state machine's role, as `[action, resources]` pairs. */
function permissions(template: ReturnType<typeof synthTeardown>['template'], policyPrefix: string): Array<[string, string[]]> {
  const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith(policyPrefix));
  expect(policies).toHaveLength(1);
  const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
  return policies.flatMap(([, policy]) => (policy.Properties.PolicyDocument.Statement as any[])
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => list(s.Action as string | string[]).map((action) => [action, list(s.Resource).map(render)] as [string, string[]])));
}

const ARN = (type: string) => `arn:<partition>:personalize:us-east-1:123456789012:${type}/*`;

describe('the tear-down template', () => {
  const { template } = synthTeardown();
  const child = permissions(template, 'TeardownDeleteResourceStateMachineRole');
  const main = permissions(template, 'TeardownStateMachineRole');
  // The deletion loops are the poll machine's (src/polling/poll-machine.ts): its role holds their Delete calls.
  const poll = permissions(template, 'PollMachineStateMachineRole');

  test.each([
    ['DeleteCampaign', 'campaign', poll], ['DeleteRecommender', 'recommender', poll], ['DeleteSolution', 'solution', poll],
    ['StopSolutionVersionCreation', 'solution', child], ['DeleteEventTracker', 'event-tracker', poll], ['DeleteFilter', 'filter', poll],
    ['DeleteDataset', 'dataset', poll], ['DeleteDatasetGroup', 'dataset-group', poll], ['DeleteSchema', 'schema', child],
  ])('personalize:%s is allowed on its own resource type only (%s/*), in this region and account', (action, type, role) => {
    expect(role.filter(([a]) => a === `personalize:${action}`)).toEqual([[`personalize:${action}`, [ARN(type)]]]);
  });

  test('only the child state machine and the poll machine delete; the tear-down lists, describes the group and its datasets, and starts the child', () => {
    expect(main.filter(([a]) => /^personalize:(Delete|Stop)/.test(a))).toEqual([]);
    expect(main.filter(([a]) => a.startsWith('personalize:Describe'))).toEqual([
      ['personalize:DescribeDatasetGroup', [ARN('dataset-group')]], ['personalize:DescribeDataset', [ARN('dataset')]],
    ]);
  });

  test('list actions take `*` (they have no resource type) and nothing else does', () => {
    const wildcards = [...main, ...child].filter(([a, r]) => a.startsWith('personalize:') && r.includes('*'));
    expect(wildcards.map(([a]) => a).sort()).toEqual([
      'ListBatchInferenceJobs', 'ListBatchSegmentJobs', 'ListCampaigns', 'ListDataDeletionJobs', 'ListDatasetExportJobs', 'ListDatasetImportJobs',
      'ListDatasets', 'ListEventTrackers', 'ListFilters', 'ListMetricAttributions', 'ListRecommenders', 'ListSolutionVersions', 'ListSolutions',
    ].map((a) => `personalize:${a}`));
  });

  test('no Lambda function: every call is a native SDK integration', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect([...main, ...child].filter(([a]) => a.startsWith('lambda:'))).toEqual([]);
  });

  test('the tear-down state machine is marked with its role', () => {
    const machines = template.findResources('AWS::StepFunctions::StateMachine');
    const roles = Object.entries(machines).map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), r.Metadata?.[ROLE_METADATA_KEY]]);
    expect(roles.sort()).toEqual([['PollMachineStateMachine', undefined], ['TeardownDeleteResourceStateMachine', undefined], ['TeardownStateMachine', 'teardown']]);
  });

  test.each([
    ['environment-agnostic', undefined],
    ['explicit env', { account: '123456789012', region: 'us-east-1' }],
  ])('cdk-nag AwsSolutions finds nothing unacknowledged (%s), with the pipeline\'s acknowledgements', (_kind, env) => {
    const app = new App();
    const nagged = new Stack(app, 'Nag', { env });
    // The pipeline adds this aspect to itself, and so to the tear-down it holds.
    Aspects.of(nagged).add(new NagAcknowledgements());
    synthTeardown({}, nagged);
    const violations = new AwsSolutionsChecks(app).validateScope(nagged).violations.map((v) => v.ruleName);
    expect(violations).toEqual([]);
  });
});

describe('beside a pipeline', () => {
  test('the local runner\'s main state machine is still the pipeline\'s', () => {
    const app = new App();
    const stack = new Stack(app, 'Both', { env: { account: '123456789012', region: 'us-east-1' } });
    new PersonalizeMlOpsPipeline(stack, 'Pipeline', ALL_OPTIONS);
    const { template } = synthTeardown({}, stack);
    const pipelineTemplate = new PipelineTemplate(template.toJSON());
    expect(pipelineTemplate.mainStateMachines.map((m) => m.logicalId)).toEqual([expect.stringMatching(/^PipelineStateMachine[0-9A-F]{8}$/)]);
    expect(pipelineTemplate.stateMachines.find((m) => m.logicalId.startsWith('TeardownStateMachine'))?.role).toBe('teardown');
  });
});

describe('synth-time checks', () => {
  test('poll settings whose worst case would not fit the history budget are rejected', () => {
    expect(() => synthTeardown({ campaign: { initialInterval: Duration.seconds(1), maxInterval: Duration.seconds(1), timeout: Duration.hours(12) } }))
      .toThrow(/^polling: the tear-down state machine could need \d+ history events in one execution \(CAMPAIGN: Campaign \(polling.campaign: 43200 polls/);
  });

  test('the deletion loop needs a kind with a delete action and a status', () => {
    const { stack } = synthTeardown();
    expect(() => PollEngine.untilDeleted(stack, 'Loop', {
      kind: RESOURCE_KINDS.schema, services: undefined as any, slot: 's', arn: '$.a', name: '$.n',
    })).toThrow(/^kind must have a deleteAction, a statusField and deletable statuses to be waited out, got: SCHEMA$/);
  });
});
