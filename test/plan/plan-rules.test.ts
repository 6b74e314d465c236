import { SolutionVersionSummary } from '@aws-sdk/client-personalize';
import {
  CallLimiter, chooseSolutionVersion, formatAge, formatDuration, latestActiveVersion, locationFromArnPrefix, sameJson, schemaReplacementIssues,
} from '../../planner';

const version = (id: string, status: string, day: number): SolutionVersionSummary =>
  ({ solutionVersionArn: `arn:aws:personalize:us-east-1:1:solution/S/${id}`, status, creationDateTime: new Date(Date.UTC(2026, 0, day)) });

describe('choosing a solution version', () => {
  const versions = [version('b', 'ACTIVE', 5), version('d', 'CREATE FAILED', 9), version('a', 'ACTIVE', 1), version('c', 'ACTIVE', 7)];

  test('the latest ACTIVE version is found by creation time, whatever the list order', () => {
    expect(latestActiveVersion(versions)?.solutionVersionArn).toMatch(/\/c$/);
    expect(latestActiveVersion([...versions].reverse())?.solutionVersionArn).toMatch(/\/c$/);
    expect(latestActiveVersion([version('x', 'CREATE FAILED', 2)])).toBeUndefined();
  });

  test('a version exactly maxAge old is too old', () => {
    const now = new Date(Date.UTC(2026, 0, 14));
    expect(chooseSolutionVersion({ createNewSolutionVersion: true, maxAgeSeconds: 7 * 86_400, versions, now }).action).toBe('TRAIN');
    expect(chooseSolutionVersion({ createNewSolutionVersion: true, maxAgeSeconds: 7 * 86_400 + 1, versions, now }).action).toBe('REUSE');
  });

  test('a version in training is named in the reason', () => {
    const choice = chooseSolutionVersion({ createNewSolutionVersion: true, maxAgeSeconds: 0, versions: [version('t', 'CREATE IN_PROGRESS', 3)], now: new Date() });
    expect(choice.training.reason).toBe('createNewSolutionVersion is true (there is no ACTIVE version); '
      + 'version arn:aws:personalize:us-east-1:1:solution/S/t is training now and is waited for');
  });
});

describe('schema comparison', () => {
  test('JSON equality ignores key order, not array order', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson({ b: [2, 1] }, { b: [1, 2] })).toBe(false);
  });

  test('an absent categorical or textual flag is false', () => {
    const before = { fields: [{ name: 'A', type: 'string', categorical: false }] };
    expect(schemaReplacementIssues(before, { fields: [{ name: 'A', type: 'string' }] })).toEqual([]);
    expect(schemaReplacementIssues(before, { fields: [{ name: 'A', type: 'string', textual: true }] })).toEqual(['field A changes textual from false to true']);
  });
});

describe('texts and settings', () => {
  test('ages read in their largest whole unit, durations in their exact unit', () => {
    expect([formatAge(59), formatAge(61), formatAge(3 * 3600 + 5), formatAge(9.5 * 86_400)]).toEqual(['59 seconds', '1 minute', '3 hours', '9 days']);
    expect([formatDuration(604_800), formatDuration(129_600), formatDuration(90)]).toEqual(['7 days', '36 hours', '90 seconds']);
  });

  test('the location comes from PERSONALIZE_ARN_PREFIX', () => {
    expect(locationFromArnPrefix('arn:aws-cn:personalize:cn-north-1:123456789012')).toEqual({ partition: 'aws-cn', region: 'cn-north-1', account: '123456789012' });
    expect(() => locationFromArnPrefix('arn:aws:personalize:us-east-1')).toThrow(/PERSONALIZE_ARN_PREFIX must be arn:<partition>:personalize:<region>:<account>, got: "arn:aws:personalize:us-east-1"/);
  });

  test('the limiter runs no more than its limit at once', async () => {
    const limiter = new CallLimiter(2);
    let running = 0;
    let most = 0;
    const task = () => limiter.run(async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    });
    await Promise.all([task(), task(), task(), task(), task()]);
    expect(most).toBe(2);
  });
});
