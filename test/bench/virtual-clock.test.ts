// The runner polyfills what aws-local-stepfunctions 3 needs on Node 20 (Promise.withResolvers).
import '../../simulator/runner/local-pipeline-runner';
import { VirtualClock, withServiceTaskTimeouts } from '../../simulator/runner/virtual-clock';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StateMachine } = require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions');

const realSetTimeout = setTimeout;
const realDelay = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));

describe('the virtual clock', () => {
  let clock: VirtualClock;
  beforeEach(() => { clock = new VirtualClock({ start: Date.UTC(2026, 0, 1) }).install(); });
  afterEach(() => clock.uninstall());

  test('sleeps a Wait state and a retry interval in virtual time, to the millisecond', async () => {
    let attempts = 0;
    const machine = new StateMachine({
      StartAt: 'Wait an hour',
      States: {
        'Wait an hour': { Type: 'Wait', Seconds: 3600, Next: 'Flaky' },
        'Flaky': { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 2 }], End: true },
      },
    } as any, { validationOptions: { checkArn: false } });
    const handler = async () => {
      attempts++;
      if (attempts < 3) throw new Error('not yet');
      return { at: Date.now() };
    };
    const realStart = performance.now();
    const output: any = await clock.drive(machine.run({}, { overrides: { taskResourceLocalHandlers: { Flaky: handler } } }).result);
    expect(output.at - Date.UTC(2026, 0, 1)).toBe((3600 + 30 + 60) * 1000);
    expect(clock.elapsedSeconds()).toBe(3690);
    expect(performance.now() - realStart).toBeLessThan(5000);
  });

  test('stands still while tracked real work is in flight (the task timeout does not fire)', async () => {
    const machine = new StateMachine({
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', TimeoutSeconds: 1, End: true } },
    } as any, { validationOptions: { checkArn: false } });
    const handler = () => clock.track(realDelay(50).then(() => ({ done: true })));
    const execution = machine.run({}, { overrides: { taskResourceLocalHandlers: { Call: handler } } });
    await expect(clock.drive(execution.result)).resolves.toEqual({ done: true });
    expect(clock.elapsedSeconds()).toBe(0);
  });

  test('gives a task without TimeoutSeconds the service\'s unbounded wait instead of the engine\'s 60 s', async () => {
    const definition = withServiceTaskTimeouts({
      StartAt: 'Long',
      States: {
        Long: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Next: 'P' },
        P: { Type: 'Parallel', Branches: [{ StartAt: 'In', States: { In: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:g', TimeoutSeconds: 5, End: true } } }], End: true },
      },
    });
    expect(definition.States.Long.TimeoutSeconds).toBeGreaterThan(24 * 3600);
    expect(definition.States.P.Branches[0].States.In.TimeoutSeconds).toBe(5);
    const machine = new StateMachine(definition as any, { validationOptions: { checkArn: false } });
    // A two-hour task, as a child execution waiting on a training is.
    const long = () => new Promise<Record<string, never>>((resolve) => setTimeout(() => resolve({}), 2 * 3600 * 1000));
    await clock.drive(machine.run({}, { overrides: { taskResourceLocalHandlers: { Long: long, In: () => ({}) } } }).result);
    expect(clock.elapsedSeconds()).toBe(7200);
  });
});
