import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { EVENTS_PER_POLL } from '../../src/kinds/poll-schedule';
import { pollLoopsOf } from '../../src/polling/flow-state-machine';
import { PollEngine } from '../../src/polling/poll-engine';
import { QUOTA_REPORT_EVENTS } from '../../src/polling/quota-wait';
import { synthPipeline } from '../helpers/pipeline-fixture';

/*
 * Issue 20: a create refused for a quota waits in a loop of the poll engine. Its tries are attempts of that loop, so
 * the loop's bound, and the history budget synth checks, hold whatever the number of tries.
 */
const { pipeline, template } = synthPipeline();
const resolved = new PipelineTemplate(template.toJSON());
const statesOf = (logicalIdPrefix: string): Record<string, any> =>
  resolved.stateMachines.find((sm) => sm.logicalId.startsWith(logicalIdPrefix))!.definition.States;

describe('the quota wait of a create', () => {
  // Every loop's create is the poll machine's (src/polling/poll-machine.ts); the flow names the kind and its bound.
  const states = statesOf('PipelinePollMachine');
  const flow = statesOf('PipelineDatasetImportFlow');
  const engine = pipeline.node.findAll().find((c): c is PollEngine => c instanceof PollEngine && c.label === 'Dataset import job')!;
  // What the poll machine works with: the kind's row of its table under the flow's input (its `Kind facts` state).
  const pollInput = (flowStates: Record<string, any>, label: string) => {
    const input = flowStates[`${label}: Poll`].Parameters.Input;
    return { ...states.Kinds.Parameters.all[input.i], ...input };
  };

  test('catches LimitExceededException (no Retry spends it) and waits for a slot before creating again', () => {
    const create = states.Create;
    expect(create.Retry.flatMap((r: any) => r.ErrorEquals)).not.toContain('LimitExceededException');
    expect(create.Catch).toContainEqual(expect.objectContaining({ ErrorEquals: ['LimitExceededException'], Next: 'Create: Over quota' }));
    expect(states['Create: Wait for quota']).toMatchObject({ Type: 'Wait', SecondsPath: '$.c.wait', Next: 'Create' });
    // The run's turn, which the create function names in the refusal (quota-turn.ts); a jitter capped the same for
    // every run when it names none.
    expect(states['Create: Next quota wait'].Parameters['wait.$']).toBe(
      "States.StringToJson(States.ArrayGetItem(States.StringSplit(States.Format('{}¦{}¦', $.c.quotaError.Cause, States.MathRandom(60, 181)), '¦'), 1))");
    expect(pollInput(flow, 'Dataset import job').create.quotaTurn).toEqual({ 'run.$': '$.context.pipelineExecutionArn', 'since.$': '$$.Execution.StartTime' });
  });

  test('each try is an attempt of the poll loop, bounded by its schedule: the history budget counts it', () => {
    expect(states['Create: Next quota wait'].Parameters['n.$']).toBe('States.MathAdd($.c.n, 1)');
    expect(states['Create: First quota wait'].Parameters['n.$']).toBe('States.MathAdd($.c.n, 1)');
    expect(states['Create: Over quota'].Choices).toContainEqual(expect.objectContaining({
      Variable: '$.c.n', NumericGreaterThanEqualsPath: '$.polls', Next: 'Quota wait limit',
    }));
    expect(pollInput(flow, 'Dataset import job').polls).toBe(engine.schedule.polls);
    // A try costs what a poll does; the one WAITING_FOR_QUOTA event is on top.
    expect(engine.worstCaseEvents).toBe(engine.schedule.polls * EVENTS_PER_POLL + QUOTA_REPORT_EVENTS);
    expect(pollLoopsOf(engine.node.scope!.node.scope!).loops).toContain(engine);
  });

  test('an in-progress quota is always waited for; a quota that counts what exists fails at once unless its message says otherwise', () => {
    expect(pollInput(flow, 'Dataset import job').neverFreed).toBe(false);
    expect(pollInput(statesOf('PipelineDatasetGroupFlow'), 'Dataset group').neverFreed).toBe(true);
    const overQuota = states['Create: Over quota'].Choices[0];
    expect(overQuota.Next).toBe('Quota exceeded');
    expect(JSON.stringify(overQuota)).toContain('"Variable":"$.neverFreed","BooleanEquals":true');
    expect(JSON.stringify(overQuota)).toContain('*in progress*');
  });

  test('the training flow\'s create waits too: its tries are attempts of the version loop, which starts counting after them', () => {
    const training = statesOf('PipelineTrainingFlow');
    expect(training['Train a solution version'].Catch).toContainEqual(expect.objectContaining({ ErrorEquals: ['LimitExceededException'], Next: 'Train: Over quota' }));
    const version = pipeline.node.findAll().find((c): c is PollEngine => c instanceof PollEngine && c.node.id === 'SolutionVersion')!;
    expect(training['Train: Over quota'].Choices).toContainEqual(expect.objectContaining({ Variable: '$.solution.attempts', NumericGreaterThanEquals: version.schedule.polls }));
    expect(pollInput(training, 'Solution version').c).toEqual({ 'n.$': '$.solution.attempts' });
    expect(version.worstCaseEvents).toBe(version.schedule.polls * EVENTS_PER_POLL);
  });
});
