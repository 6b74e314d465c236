import { tenantConfig } from '../../bench/tenants';
import {
  AGE_TIERS, datasetGroupOfDataset, HASH_RANKS, importProgress, NO_PROGRESS_EVERY, PROGRESS_LEVELS, secondsToTurn, turnOffset,
  TURN_PERIOD_SECONDS, withQuotaTurn,
} from '../../lambda/create-resource/quota-turn';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PersonalizeError } from '../../simulator/emulator/personalize-error';
import { GlueFake } from '../../simulator/runner/glue-fake';
import { LocalPipelineRunner } from '../../simulator/runner/local-pipeline-runner';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { VirtualClock } from '../../simulator/runner/virtual-clock';
import { sampleConfig, synthPipeline } from '../helpers/pipeline-fixture';

/*
 * Issue 20, fair sharing: a create refused for a quota tries again at its run's turn (lambda/create-resource/quota-turn.ts),
 * so a slot that frees goes to the next waiting run in turn (the older flow first), not to whoever asks first.
 */

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

describe('the turn of a refused create', () => {
  test('every run tries at the shared moments of the clock, each at its turn: the older flow first, runs of one tier in a stable order', () => {
    const since = new Date(T0).toISOString();
    const older = turnOffset({ run: 'arn:run:a', since });
    expect(older).toBeLessThan(turnOffset({ run: 'arn:run:a', since: new Date(T0 + 40 * MINUTE).toISOString() }));
    expect(older).toBeLessThan(TURN_PERIOD_SECONDS);
    // One tier: the pipeline execution's hash orders them, the same at every moment.
    const ranks = ['arn:run:a', 'arn:run:b', 'arn:run:c'].map((run) => turnOffset({ run, since: new Date(T0 + 7 * MINUTE).toISOString() }));
    expect(ranks.every((rank) => rank < HASH_RANKS)).toBe(true);
    // The wait lands on a moment plus the turn, at least a second ahead.
    const now = T0 + 95 * MINUTE + 7_000;
    for (const at of [now, now + 13_500, now + 59_999]) {
      const wait = secondsToTurn({ run: 'arn:run:a', since }, at);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(TURN_PERIOD_SECONDS + 1);
      expect((Math.floor(at / 1000) + wait) % TURN_PERIOD_SECONDS).toBe(older);
    }
  });

  test('only a LimitExceededException carries the turn, in the message the state machine reads it from', () => {
    const turn = { run: 'arn:run:a', since: new Date(T0).toISOString() };
    const refused = withQuotaTurn(Object.assign(new Error('5 pending or in progress dataset import jobs'), { name: 'LimitExceededException' }), turn, T0) as Error;
    expect(refused.message).toMatch(/^5 pending or in progress dataset import jobs \(next try in ¦\d+¦ s\)$/);
    const other = Object.assign(new Error('bad'), { name: 'InvalidInputException' });
    expect((withQuotaTurn(other, turn, T0) as Error).message).toBe('bad');
    expect((withQuotaTurn(Object.assign(new Error('x'), { name: 'LimitExceededException' }), undefined, T0) as Error).message).toBe('x');
  });
});

describe('progress first: a run part-way through its imports goes first', () => {
  const since = new Date(T0).toISOString();
  const younger = new Date(T0 + 100 * MINUTE).toISOString();

  test('a run with more imports in progress or done in its group ranks first; a run with none tries only at every few moments', () => {
    const period = TURN_PERIOD_SECONDS * 1000;
    for (const run of ['arn:run:a', 'arn:run:b', 'arn:run:c']) {
      const turn = { run, since: younger };
      // Levels: two or more (or unknown) before one, one before none; every rank within one period.
      const [two, one, none] = [2, 1, 0].map((progress) => turnOffset(turn, progress));
      expect(two).toBeLessThan(one);
      expect(one).toBeLessThan(none);
      expect(turnOffset(turn, 5)).toBe(two);
      expect(turnOffset(turn)).toBe(two);
      expect(none).toBeLessThan(TURN_PERIOD_SECONDS);
      expect(PROGRESS_LEVELS * AGE_TIERS * HASH_RANKS).toBeLessThanOrEqual(TURN_PERIOD_SECONDS);
      for (const at of [T0 + 7_000, T0 + 61 * MINUTE + 30_000, T0 + 122 * MINUTE + 59_000]) {
        const ahead = at + secondsToTurn(turn, at, 2) * 1000;
        const behind = at + secondsToTurn(turn, at, 0) * 1000;
        // Each at its own rank after a moment; the run with none only at every NO_PROGRESS_EVERY-th moment.
        expect(Math.floor(ahead / 1000) % TURN_PERIOD_SECONDS).toBe(two);
        expect(Math.floor(behind / 1000) % TURN_PERIOD_SECONDS).toBe(none);
        expect(ahead - at).toBeLessThanOrEqual((TURN_PERIOD_SECONDS + 1) * 1000);
        expect(Math.floor(behind / period) % NO_PROGRESS_EVERY).toBe(0);
        expect(behind - at).toBeLessThanOrEqual((NO_PROGRESS_EVERY * TURN_PERIOD_SECONDS + 1) * 1000);
        // Unknown progress (another quota, or the List calls failed): every moment, first.
        expect(secondsToTurn(turn, at)).toBe(secondsToTurn(turn, at, 2));
      }
    }
    const refused = withQuotaTurn(Object.assign(new Error('quota'), { name: 'LimitExceededException' }), { run: 'arn:run:d', since }, T0 + 7_000, 0) as Error;
    expect(Number(/¦(\d+)¦/.exec(refused.message)![1])).toBe(secondsToTurn({ run: 'arn:run:d', since }, T0 + 7_000, 0));
  });

  test('the progress counts the import jobs of every dataset of the group in progress or ACTIVE, and is unknown on any error', async () => {
    const dataset = 'arn:aws:personalize:us-east-1:111122223333:dataset/media-T01/ITEMS';
    expect(datasetGroupOfDataset(dataset)).toBe('arn:aws:personalize:us-east-1:111122223333:dataset-group/media-T01');
    expect(datasetGroupOfDataset('not an arn')).toBeUndefined();
    const jobs: Record<string, string[]> = {
      [dataset]: [],
      'arn:aws:personalize:us-east-1:111122223333:dataset/media-T01/INTERACTIONS': ['ACTIVE', 'CREATE FAILED'],
      'arn:aws:personalize:us-east-1:111122223333:dataset/media-T01/USERS': ['CREATE IN_PROGRESS'],
    };
    const lister = {
      listDatasets: async (group: string) => {
        expect(group).toBe('arn:aws:personalize:us-east-1:111122223333:dataset-group/media-T01');
        return { datasets: Object.keys(jobs).map((datasetArn) => ({ datasetArn })) };
      },
      listDatasetImportJobs: async (datasetArn: string, nextToken?: string) => nextToken
        ? { datasetImportJobs: [] }
        : { datasetImportJobs: jobs[datasetArn].map((status) => ({ status })), nextToken: datasetArn.endsWith('USERS') ? 'more' : undefined },
    };
    await expect(importProgress(lister, dataset)).resolves.toBe(2);
    await expect(importProgress({ ...lister, listDatasets: async () => { throw new Error('AccessDenied'); } }, dataset)).resolves.toBeUndefined();
    await expect(importProgress(lister, undefined)).resolves.toBeUndefined();
  });
});

describe('runs sharing an account take free slots in turn', () => {
  test('one import in progress at a time, three runs started half an hour apart: each freed slot goes to the oldest waiting run', async () => {
    const template = new PipelineTemplate(synthPipeline().template.toJSON());
    const clock = new VirtualClock({ start: T0 }).install();
    try {
      const emulator = new PersonalizeEmulator({ clock: () => Date.now(), quotas: { inProgressDatasetImportJobs: 1 } });
      const log: Array<{ job: string; ok: boolean }> = [];
      const answer = emulator.call.bind(emulator);
      emulator.call = (operation: string, request?: Record<string, unknown>) => {
        if (operation !== 'CreateDatasetImportJob') return answer(operation, request);
        try {
          const response = answer(operation, request);
          log.push({ job: String(request?.jobName), ok: true });
          return response;
        } catch (error) {
          if (error instanceof PersonalizeError && error.errorName === 'LimitExceededException') log.push({ job: String(request?.jobName), ok: false });
          throw error;
        }
      };
      const runner = new LocalPipelineRunner({ template, emulator, glue: new GlueFake({ runSeconds: 600 }), virtualTime: clock });
      const configs = [0, 1, 2].map((i) => tenantConfig(sampleConfig('input_media'), i));
      const results = await runner.runMany(configs, [0, 30 * 60, 60 * 60]);
      expect(results.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
      // The younger runs met the quota and waited...
      expect(log.filter((c) => !c.ok && c.job.endsWith('T02')).length).toBeGreaterThan(0);
      expect(log.filter((c) => !c.ok && c.job.endsWith('T03')).length).toBeGreaterThan(0);
      // ...and every slot went to the oldest run still waiting: all of T01's imports, then T02's, then T03's.
      const created = log.filter((c) => c.ok).map((c) => c.job.slice(-3));
      expect(created).toEqual(['T01', 'T01', 'T01', 'T02', 'T02', 'T02', 'T03', 'T03', 'T03']);
    } finally {
      clock.uninstall();
    }
  });
});
