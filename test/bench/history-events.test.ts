// The runner polyfills what aws-local-stepfunctions 3 needs on Node 20 (Promise.withResolvers).
import '../../simulator/runner/local-pipeline-runner';
import { historyEventsOf, stateTransitionsOf } from '../../bench/history-events';
import type { EventLog } from '../../simulator/runner/local-pipeline-runner';
import { EVENTS_PER_POLL, EVENTS_PER_STATE } from '../../src/kinds/poll-schedule';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StateMachine } = require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions');

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';

async function run(definition: any, handlers: Record<string, (input: any) => any>): Promise<EventLog[]> {
  const execution = new StateMachine(definition, { validationOptions: { checkArn: false } })
    .run({ n: 0 }, { overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: { Wait: 0 }, retryIntervalOverrides: { Call: 0 } } });
  const logs: EventLog[] = [];
  const reading = (async () => { for await (const event of execution.eventLogs) logs.push(event); })();
  await execution.result;
  await reading;
  return logs;
}

describe('history events from the engine log', () => {
  test.each([
    ['a poll (status choice, counting pass, wait, kind choice, describe task)', false, EVENTS_PER_POLL, 5],
    ['a poll of an update\'s wait (the same, and the choice and pass that read the latest update)', true, EVENTS_PER_POLL + 2 * EVENTS_PER_STATE, 7],
  ] as const)('%s is the events the synth-time budget assumes', async (_what, update, events, states) => {
    const poll = (polls: number) => ({
      StartAt: 'Status?',
      States: {
        'Status?': { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThanEquals: polls, Next: 'Done' }], Default: 'Next poll' },
        'Next poll': { Type: 'Pass', Next: 'Wait' },
        'Wait': { Type: 'Wait', Seconds: 1, Next: 'Describe which kind?' },
        'Describe which kind?': { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThanEquals: 0, Next: 'Describe' }], Default: 'Done' },
        'Describe': { Type: 'Task', Resource: FN, Next: update ? 'Shown?' : 'Status?' },
        ...(update ? {
          'Shown?': { Type: 'Choice', Choices: [{ Variable: '$.n', IsPresent: true, Next: 'Latest' }], Default: 'Done' },
          'Latest': { Type: 'Pass', Next: 'Status?' },
        } : {}),
        'Done': { Type: 'Succeed' },
      },
    });
    const describe = (input: any) => ({ n: input.n + 1 });
    const one = await run(poll(1), { Describe: describe });
    const four = await run(poll(4), { Describe: describe });
    expect(historyEventsOf(four, poll(4)) - historyEventsOf(one, poll(1))).toBe(3 * events);
    // ExecutionStarted, one poll, the last Choice (2), Succeed (2), ExecutionSucceeded.
    expect(historyEventsOf(one, poll(1))).toBe(1 + events + 2 + 2 + 1);
    expect(stateTransitionsOf(four)).toBe(4 * states + 2);
  });

  test('a Map counts entered, started, succeeded, exited and two events per item besides its states', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, End: true },
      },
    };
    const execution = new StateMachine(definition as any).run({ items: [1, 2, 3] });
    const logs: EventLog[] = [];
    const reading = (async () => { for await (const event of execution.eventLogs) logs.push(event); })();
    await execution.result;
    await reading;
    expect(historyEventsOf(logs, definition)).toBe(1 + 4 + 3 * (2 + 2) + 1);
  });

  test('a failed attempt and its retry add TaskFailed, TaskScheduled and TaskStarted', async () => {
    const definition = {
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: FN, Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }], End: true } },
    };
    let calls = 0;
    const logs = await run(definition, { Call: () => { if (calls++ === 0) throw new Error('once'); return {}; } });
    expect(historyEventsOf(logs, definition)).toBe(1 + 5 + 3 + 1);
  });
});
