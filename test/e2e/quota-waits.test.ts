import { tenantConfig } from '../../bench/tenants';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { RESOURCE_DETAIL_TYPE } from '../../src/steps/status-events';
import { localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

/*
 * Issue 20, quotas: two runs in one account (one emulator) meet the account's in-progress quotas together. A create
 * refused for a quota waits for a slot and tries again, with one WAITING_FOR_QUOTA event per waiting resource; a
 * quota no wait frees fails the run at once. The quotas are lowered on the emulator (an emulator option), never on
 * the construct.
 */

const waitingEvents = (runner: ReturnType<typeof localPipeline>) =>
  runner.eventsOf(RESOURCE_DETAIL_TYPE).filter((e) => e.detail.status === 'WAITING_FOR_QUOTA');

describe('two runs in one account', () => {
  test('both succeed when they meet the in-progress import quota; each waiting import publishes one WAITING_FOR_QUOTA', async () => {
    const emulator = new PersonalizeEmulator({ quotas: { inProgressDatasetImportJobs: 1 } });
    let refusals = 0;
    const answer = emulator.call.bind(emulator);
    emulator.call = (operation: string, request?: Record<string, unknown>) => {
      try {
        return answer(operation, request);
      } catch (error) {
        if ((error as Error).name === 'LimitExceededException') refusals++;
        throw error;
      }
    };
    const runner = localPipeline(undefined, emulator);
    const results = await runner.runMany([0, 1].map((i) => tenantConfig(sampleConfig('input_media'), i)));
    expect(results.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(refusals).toBeGreaterThan(0);
    const events = waitingEvents(runner);
    expect(events.length).toBeGreaterThan(0);
    const keys = events.map((e) => `${e.detail.kind}:${e.detail.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const event of events) {
      expect(event.detail).toMatchObject({ kind: 'DATASET_IMPORT_JOB', created: false });
      expect(event.detail.message).toContain('pending or in progress dataset import jobs');
    }
    // Each import was created once: a refused create is no resource.
    const creates = emulator.mutations().filter((c) => c.operation === 'CreateDatasetImportJob').map((c) => c.request.jobName);
    expect(new Set(creates).size).toBe(creates.length);
    expect(creates).toHaveLength(6);
  });

  test('a quota no wait frees (more dataset groups than the account allows) fails at once, with its cause', async () => {
    const emulator = new PersonalizeEmulator({ quotas: { activeDatasetGroups: 1 } });
    const runner = localPipeline(undefined, emulator);
    const [first, second] = await runner.runMany([0, 1].map((i) => tenantConfig(sampleConfig('input_retail'), i)));
    const results = [first, second];
    expect(results.filter((r) => r.status === 'SUCCEEDED')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'FAILED')!;
    expect(failed.error).toBe('DatasetGroupQuotaExceeded');
    expect(failed.cause).toContain('active dataset groups');
    expect(failed.cause).toContain('a quota no wait frees');
    // At once: one refused call, no retry, no wait.
    expect(emulator.calls.filter((c) => c.operation === 'CreateDatasetGroup')).toHaveLength(2);
    expect(waitingEvents(runner)).toEqual([]);
    expect(runner.eventsOf(RESOURCE_DETAIL_TYPE).find((e) => e.detail.status === 'QUOTA_EXCEEDED')?.detail).toMatchObject({ kind: 'DATASET_GROUP' });
  });
});
