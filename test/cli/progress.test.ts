import { DescribeExecutionCommand, DescribeStateMachineCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { Captured } from './cli-harness';
import { ExecutionView, formatElapsed, labelOf } from '../../cli/progress/execution-view';
import { reportOutcome } from '../../cli/progress/final-report';
import { PlainProgress, progressLines } from '../../cli/progress/progress-display';
import { SfnExecutionTree } from '../../cli/progress/sfn-execution-tree';

// The progress display shared by watch, start and simulate: labels, lines, the outcome, and how child executions
// are found with Step Functions' read-only calls.

const T0 = Date.UTC(2026, 0, 1, 12);
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const machine = (name: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
const execution = (name: string, run: string) => `arn:aws:states:us-east-1:123456789012:execution:${name}:${run}`;

describe('labelOf', () => {
  test.each([
    ['PipelineDatasetGroupFlowStateMachine4EE6E114-AbC', { item: { name: 'G', serviceConfig: { name: 'G' } } }, 'dataset group G'],
    ['PipelineDatasetFlowStateMachine8CEF97F7', { item: { type: 'ITEMS', dataset: { serviceConfig: { name: 'Items' } } } }, 'dataset Items'],
    ['PipelineDatasetImportFlowStateMachine8FE4A61C', { item: { serviceConfig: { jobName: 'Import1' } } }, 'import Import1'],
    ['PipelineBatchSegmentJobFlowStateMachineCE01DC7C', { item: { serviceConfig: { jobName: 'Seg1' } } }, 'batch segment job Seg1'],
    ['PipelineTrainingFlowStateMachineD47299C6', { item: { serviceConfig: { name: 'Ranking' } } }, 'training Ranking'],
    ['SomethingElse', {}, 'SomethingElse'],
  ])('%s is labelled %#', (name, input, label) => {
    expect(labelOf(machine(name), execution(name, 'x'), input, false)).toBe(label);
  });

  test('the main execution is the pipeline, by its execution name', () => {
    expect(labelOf(machine('PipelineStateMachine'), execution('PipelineStateMachine', 'run-7'), {}, true)).toBe('pipeline run-7');
  });
});

test.each([[400, '0.4s'], [59_000, '59s'], [61_000, '1m 01s'], [3_723_000, '1h 02m 03s']])('formatElapsed(%i) is %s', (ms, text) => {
  expect(formatElapsed(ms)).toBe(text);
});

const MAIN: ExecutionView = { arn: 'main', label: 'pipeline run-1', status: 'RUNNING', startDate: at(0) };
const CHILD: ExecutionView = { arn: 'child', parentArn: 'main', label: 'solution S', status: 'RUNNING', startDate: at(2) };
const GRANDCHILD: ExecutionView = { arn: 'grandchild', parentArn: 'child', label: 'campaign C', status: 'SUCCEEDED', startDate: at(3), stopDate: at(65) };

describe('PlainProgress', () => {
  test('a line when an execution is first seen and when its status changes, children indented under their parent', () => {
    const out = new Captured();
    let now = T0 + 70_000;
    const display = new PlainProgress(out, () => now);
    display.update([MAIN, CHILD, GRANDCHILD]);
    display.update([MAIN, CHILD, GRANDCHILD]);
    now = T0 + 90_000;
    display.finish([{ ...MAIN, status: 'FAILED', stopDate: at(90) }, { ...CHILD, status: 'FAILED', stopDate: at(89) }, GRANDCHILD]);
    expect(out.text).toBe([
      '[+1m 10s] pipeline run-1: RUNNING',
      '[+1m 10s]   solution S: RUNNING',
      '[+1m 05s]     campaign C: SUCCEEDED after 1m 02s',
      '[+1m 30s] pipeline run-1: FAILED after 1m 30s',
      '[+1m 29s]   solution S: FAILED after 1m 27s',
      '',
    ].join('\n'));
  });
});

test('progressLines: one aligned line per execution with icon, status and elapsed time', () => {
  const plain = { green: String, cyan: String, yellow: String, red: String, dim: String } as any;
  expect(progressLines([MAIN, CHILD, GRANDCHILD], T0 + 70_000, plain)).toEqual([
    '… pipeline run-1  RUNNING   1m 10s',
    '…   solution S    RUNNING   1m 08s',
    '✔     campaign C  SUCCEEDED 1m 02s',
  ]);
});

describe('reportOutcome', () => {
  test('a failure: the error, the cause in full (JSON pretty-printed), each failed flow\'s; exit code 1', () => {
    const out = new Captured();
    const cause = JSON.stringify({ errors: Array.from({ length: 40 }, (_, i) => `problem number ${i} with a long enough description`) });
    const main = { ...MAIN, status: 'FAILED', stopDate: at(90), error: 'PipelineFailed', cause };
    const failedChild = { ...CHILD, status: 'FAILED', stopDate: at(80), error: 'SolutionFailed', cause: 'Solution S is CREATE FAILED: bad recipe' };
    const aborted = { ...GRANDCHILD, status: 'ABORTED' };
    expect(reportOutcome(out, main, [main, failedChild, aborted])).toBe(1);
    expect(out.text).toContain('\nExecution main: FAILED in 1m 30s\n  error: PipelineFailed\n  cause:\n    {\n      "errors": [\n');
    expect(out.text).toContain('"problem number 39 with a long enough description"');
    expect(out.text).toContain('Failed flows (1):\n  solution S: FAILED SolutionFailed\n    execution: child\n    Solution S is CREATE FAILED: bad recipe\n');
  });

  test.each([['SUCCEEDED', 0], ['TIMED_OUT', 1], ['ABORTED', 1]])('%s: exit code %i', (status, code) => {
    expect(reportOutcome(new Captured(), { ...MAIN, status, stopDate: at(5) }, [])).toBe(code);
  });
});

describe('SfnExecutionTree', () => {
  const sfn = mockClient(SFNClient);
  afterEach(() => sfn.reset());
  const MAIN_MACHINE = machine('Main');
  const SOLUTION = machine('PipelineSolutionFlowStateMachine1');
  const CAMPAIGN = machine('PipelineCampaignFlowStateMachine2');
  const startsChild = (arn: string) => JSON.stringify({ States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: arn } } } });

  test('finds a child that started and ended before a poll, and its own child; another run\'s execution is described once', async () => {
    const mainArn = execution('Main', 'run-1');
    const child = execution('PipelineSolutionFlowStateMachine1', 'c1');
    const grandchild = execution('PipelineCampaignFlowStateMachine2', 'g1');
    const foreign = execution('PipelineSolutionFlowStateMachine1', 'other');
    const descriptions: Record<string, any> = {
      [mainArn]: { executionArn: mainArn, stateMachineArn: MAIN_MACHINE, status: 'RUNNING', startDate: at(0), input: '{}' },
      [child]: {
        executionArn: child,
        stateMachineArn: SOLUTION,
        status: 'SUCCEEDED',
        startDate: at(1),
        stopDate: at(2),
        input: JSON.stringify({ item: { serviceConfig: { name: 'S' } }, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: mainArn }),
      },
      [grandchild]: {
        executionArn: grandchild,
        stateMachineArn: CAMPAIGN,
        status: 'SUCCEEDED',
        startDate: at(1.5),
        stopDate: at(2),
        input: JSON.stringify({ item: { serviceConfig: { name: 'C' } }, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: child }),
      },
      [foreign]: {
        executionArn: foreign,
        stateMachineArn: SOLUTION,
        status: 'RUNNING',
        startDate: at(1),
        input: JSON.stringify({ item: {}, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: execution('Main', 'run-0') }),
      },
    };
    sfn.on(DescribeExecutionCommand).callsFake(async (input) => descriptions[input.executionArn]);
    sfn.on(DescribeStateMachineCommand).callsFake(async (input) => ({
      definition: input.stateMachineArn === MAIN_MACHINE ? startsChild(SOLUTION) : input.stateMachineArn === SOLUTION ? startsChild(CAMPAIGN) : '{"States":{}}',
    }));
    const listed = (executionArn: string, startDate: Date) => ({ executionArn, startDate, stateMachineArn: '', name: '', status: 'RUNNING' as const });
    const old = listed(execution('PipelineSolutionFlowStateMachine1', 'old'), at(-3600));
    sfn.on(ListExecutionsCommand, { stateMachineArn: SOLUTION }).resolves({ executions: [listed(foreign, at(1)), listed(child, at(1)), old] });
    sfn.on(ListExecutionsCommand, { stateMachineArn: CAMPAIGN }).resolves({ executions: [listed(grandchild, at(1.5))] });

    const tree = new SfnExecutionTree(new SFNClient({ region: 'us-east-1' }), mainArn);
    await tree.poll();
    const views = await tree.poll();
    expect(views.map((v) => [v.label, v.status, v.parentArn])).toEqual([
      ['pipeline run-1', 'RUNNING', undefined],
      ['solution S', 'SUCCEEDED', mainArn],
      ['campaign C', 'SUCCEEDED', child],
    ]);
    const described = sfn.commandCalls(DescribeExecutionCommand).map((c) => c.args[0].input.executionArn);
    expect(described.filter((arn) => arn === foreign)).toHaveLength(1);
    expect(described).not.toContain(old.executionArn);
    // Once per state machine: main, solution flow, campaign flow.
    const definitionsRead = sfn.commandCalls(DescribeStateMachineCommand).map((c) => c.args[0].input.stateMachineArn);
    expect(definitionsRead.sort()).toEqual([CAMPAIGN, MAIN_MACHINE, SOLUTION].sort());
  });
});
