import { isPollMachine } from '../../cli/progress/execution-view';
import { RunnerProgress } from '../../cli/simulate/runner-progress';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { readsLatestUpdate, RESOURCE_KINDS, ResourceKind } from '../../src/kinds/resource-kind';
import { PollEngine } from '../../src/polling/poll-engine';
import { pollKindNameOf } from '../../src/polling/poll-machine';
import { ALL_OPTIONS, localPipeline, sampleConfig, synthPipeline } from '../helpers/pipeline-fixture';
import { MEDIA_GROUP, mediaAccount, teardownRunner } from '../teardown/teardown-fixture';

/*
 * Issue 23: one poll engine. Every poll loop of every flow is an execution of one poll machine per pipeline, which holds
 * each kind's describe, status Choice and schedule once.
 */
describe('the poll machine', () => {
  const { pipeline, template } = synthPipeline(ALL_OPTIONS);
  const resolved = new PipelineTemplate(template.toJSON());
  const poll = resolved.stateMachines.find((sm) => sm.logicalId.startsWith('PipelinePollMachine'))!;
  const flows = resolved.stateMachines.filter((sm) => sm !== poll);
  const tasksOf = (states: Record<string, any>): any[] => Object.values(states).flatMap((s: any) => [
    s, ...(s.Iterator ? tasksOf(s.Iterator.States) : []), ...(s.ItemProcessor ? tasksOf(s.ItemProcessor.States) : []),
    ...(s.Branches ?? []).flatMap((b: any) => tasksOf(b.States)),
  ]);

  const kindNames = Object.keys(RESOURCE_KINDS);
  const table: any[] = poll.definition.States.Kinds.Parameters.all;

  test('holds each kind\'s calls once, and what else differs between kinds as one row of its kind table', () => {
    // One describe per describe action for the kinds that read the resource (a recommender, its start and its stop),
    // one per update's wait (which reads the latest update).
    const describes = Object.values(poll.definition.States).filter((state: any) => /:describe[A-Z]\w+$/.test(String(state.Resource ?? '')));
    const expected = new Set(Object.entries(RESOURCE_KINDS).map(([name, kind]) => `${kind.describeAction}${readsLatestUpdate(kind) ? ` ${name}` : ''}`));
    expect(describes.map((state: any) => state.Resource.replace(/^.*:/, '')).sort()).toEqual([...expected].map((e) => e.split(' ')[0]).sort());
    for (const name of kindNames) expect(JSON.stringify(poll.definition.States['Describe which kind?'])).toContain(`"StringEquals":"${name}"`);
    expect(table.map((row) => row.kind)).toEqual(Object.values(RESOURCE_KINDS).map((kind) => kind.id));
    for (const [index, kind] of Object.values(RESOURCE_KINDS).entries()) {
      const row = table[index];
      expect(row.sched).toMatch(/^[0-9,]+$/);
      expect(row.polls).toBe(String(row.sched).split(',').length);
      // Every spelling of every status, padded to the width the shared Choice compares.
      const [ok, bad] = [row.ok, row.bad].map((list: string[]) => list.filter((s) => s !== '-'));
      // A wait that ends ready whatever the end (a training waited out) lists the ends its kind calls failed as `bad`.
      expect(row.endsReady ? [...ok, ...bad].sort() : ok).toEqual(row.endsReady ? [...kind.readyStatuses].sort() : kind.readyStatuses);
      expect(row.endsReady ? [] : bad).toEqual(kind.failedStatuses);
    }
    // No status Choice, schedule or wait per kind: one of each, shared.
    const perKind = Object.keys(poll.definition.States).filter((state) => kindNames.some((name) => state.startsWith(`${name}: `)));
    expect(perKind.every((state) => / (Delete|Owner|Describe|Shown\?|Latest|Next poll|Wait)$/.test(state))).toBe(true);
    expect(perKind.filter((state) => state.endsWith(': Describe')).every((state) => readsLatestUpdate(RESOURCE_KINDS[state.split(':')[0] as keyof typeof RESOURCE_KINDS]))).toBe(true);
    expect(poll.definition.States['Next poll'].Parameters['wait.$']).toBe("States.StringToJson(States.ArrayGetItem(States.StringSplit($.sched, ','), $.c.n))");
  });

  test('the kinds of long waits (a default timeout of 12 hours or more) poll on a loop of their own, without the Choice on the kind', () => {
    const states = poll.definition.States;
    const ownLoop = (name: string): string | undefined => {
      const rule = states['Status?'].Choices.find((c: any) => JSON.stringify(c).includes(`"Variable":"$.v","StringEquals":"${name}"`));
      const wait = rule && states[states[rule.Next].Next];
      return wait?.Type === 'Wait' ? states[wait.Next].Resource : undefined;
    };
    // A kind shares the loop of the kinds it shares a describe with (an update's wait has its own describe).
    const describeOf = ([name, kind]: [string, ResourceKind]) => `${kind.describeAction}${readsLatestUpdate(kind) ? ` ${name}` : ''}`;
    const entries = Object.entries(RESOURCE_KINDS) as Array<[string, ResourceKind]>;
    for (const [name, kind] of entries) {
      const long = kind.statusField !== undefined
        && entries.some((other) => describeOf(other) === describeOf([name, kind]) && other[1].timeout.toSeconds() >= 12 * 3600);
      expect([name, ownLoop(name)]).toEqual([name, long ? expect.stringMatching(new RegExp(`:${kind.describeAction}$`)) : undefined]);
    }
    expect(Object.keys(RESOURCE_KINDS).filter((name) => ownLoop(name))).toEqual(expect.arrayContaining(['datasetImportJob', 'solutionVersion', 'recommender']));
  });

  test('every poll loop of the flows starts it, with a kind it knows, by name and by its row', () => {
    const loops = pipeline.node.findAll().filter((c): c is PollEngine => c instanceof PollEngine);
    const starts = flows.flatMap((sm) => tasksOf(sm.definition.States))
      .filter((s) => s.Type === 'Task' && s.Parameters?.StateMachineArn === poll.arn);
    expect(starts).toHaveLength(loops.length);
    for (const start of starts) {
      expect(kindNames).toContain(start.Parameters.Input.v);
      expect(start.Parameters.Input.i).toBe(kindNames.indexOf(start.Parameters.Input.v));
    }
    // Each loop's bound is its kind's row: the schedule the loop was built with.
    for (const loop of loops) expect(table[kindNames.indexOf(pollKindNameOf(loop.kind))].polls).toBe(loop.schedule.polls);
    // No flow describes a kind the poll machine polls: the loops are not inlined any more.
    const describes = flows.flatMap((sm) => tasksOf(sm.definition.States)).map((s) => String(s.Resource ?? ''))
      .filter((r) => /aws-sdk:personalize:describe(DatasetImportJob|SolutionVersion|Campaign|Recommender|BatchInferenceJob|Filter)$/.test(r));
    expect(describes).toEqual([]);
  });

  test.each([
    ['DescribeEventTracker', 'a run'],
    ['DeleteCampaign', 'a tear-down'],
  ] as const)('its calls share one retry of transient errors: %s throttled six times in a row in %s is retried, seven times fails', async (operation, what) => {
    for (const [times, status] of [[6, 'SUCCEEDED'], [7, 'FAILED']] as const) {
      const emulator = what === 'a tear-down' ? await mediaAccount() : undefined;
      const runner = what === 'a tear-down' ? teardownRunner(emulator!) : localPipeline(ALL_OPTIONS);
      runner.emulator.faults.throttle(operation, times);
      const result = what === 'a tear-down'
        ? await runner.runFlow('TeardownStateMachine', { datasetGroupName: MEDIA_GROUP })
        : await runner.run(sampleConfig('input_media'));
      expect(result.status).toBe(status);
      expect(runner.emulator.calls.filter((c) => c.operation === operation && c.error)).toHaveLength(times);
      if (status === 'FAILED') expect(`${result.error} ${result.cause}`).toMatch(/Rate exceeded/);
    }
  });

  test.each([[3, 'SUCCEEDED'], [7, 'FAILED']] as const)(
    'a failed leftover\'s delete answered ResourceInUseException %i times in a row: the shared retry waits it out, up to six times',
    async (times, status) => {
      const runner = localPipeline(ALL_OPTIONS);
      runner.emulator.faults.failCreate({ operation: 'CreateFilter', failureReason: 'Injected: filter failed', times: 1 });
      expect((await runner.run(sampleConfig('input_media'))).status).toBe('FAILED');
      runner.emulator.faults.error({ operation: 'DeleteFilter', errorName: 'ResourceInUseException', times });
      const again = await runner.run(sampleConfig('input_media'));
      expect(again.status).toBe(status);
      const deletes = runner.emulator.calls.filter((c) => c.operation === 'DeleteFilter');
      expect(deletes.filter((c) => c.error === 'ResourceInUseException')).toHaveLength(Math.min(times, 7));
      if (status === 'SUCCEEDED') expect(deletes.filter((c) => !c.error)).toHaveLength(1);
      else expect(again.error).toBe('Personalize.ResourceInUseException');
    },
  );

  test('its events name the flow that started the loop, not the poll execution', async () => {
    const runner = localPipeline(ALL_OPTIONS);
    expect((await runner.run(sampleConfig('input_media'))).status).toBe('SUCCEEDED');
    const pollExecutions = runner.executions.filter((e) => e.stateMachine.startsWith('PipelinePollMachine'));
    expect(pollExecutions.length).toBeGreaterThan(5);
    const group = runner.eventsOf().find((e) => e.detail.kind === 'DATASET_GROUP' && e.detail.status === 'ACTIVE')!;
    const flow = runner.executions.find((e) => e.executionArn === group.detail.flowExecutionArn)!;
    expect(flow.stateMachine).toMatch(/^PipelineDatasetGroupFlow/);
    // Each poll execution's parent is a flow's execution.
    const parentMachine = (arn?: string) => runner.executions.find((p) => p.executionArn === arn)?.stateMachine;
    expect(pollExecutions.every((e) => flows.some((sm) => parentMachine(e.parentArn) === sm.logicalId))).toBe(true);
  });
});

describe('the progress display', () => {
  test('shows a poll loop as part of its flow: the poll machine\'s executions are not listed', async () => {
    expect(isPollMachine('arn:aws:states:us-east-1:123456789012:stateMachine:PipelinePollMachineStateMachineC6B7A4E9-AbCdEf')).toBe(true);
    expect(isPollMachine('PipelineCampaignFlowStateMachine0F384901')).toBe(false);
    const runner = localPipeline(ALL_OPTIONS);
    const progress = new RunnerProgress();
    progress.attach(runner);
    expect((await runner.run(sampleConfig('input_media'))).status).toBe('SUCCEEDED');
    const shown = progress.views();
    expect(runner.executions.some((e) => isPollMachine(e.stateMachine))).toBe(true);
    expect(shown.length).toBe(runner.executions.filter((e) => !isPollMachine(e.stateMachine)).length);
    expect(shown.map((v) => v.label)).toContain('dataset group FilmNightDatasetGroup');
  });
});
