import { handler } from '../../lambda/cost-autopilot';
import { propose, queryWindow } from '../../lambda/cost-autopilot/proposal';

const OLD = '2025-01-01T00:00:00.000Z';
const base = { op: 'propose' as const, windowStart: '2026-01-01T00:00:00.000Z', headroom: 0.25 };
const campaign = (tps: number, extra: Record<string, unknown> = {}) => ({ Name: 'c', Status: 'ACTIVE', MinProvisionedTPS: tps, CreationDateTime: OLD, LastUpdatedDateTime: OLD, ...extra });
/** A series whose peak 5-minute window averages `peak` requests per second. */
const peakOf = (peak: number) => [[0, peak * 300, 30]];

describe('the cost autopilot\'s arithmetic', () => {
  test('the window: whole 5-minute periods ending at the start time, lookbackDays long', () => {
    expect(queryWindow({ op: 'window', now: '2026-03-10T12:07:31Z', lookbackDays: 14 })).toEqual({
      startTime: '2026-02-24T12:05:00.000Z', endTime: '2026-03-10T12:05:00.000Z', periodSeconds: 300,
    });
  });

  test('a campaign: the peak plus headroom, rounded up; never above the current value, never below 1', () => {
    expect(propose({ ...base, kind: 'CAMPAIGN', description: campaign(10), series: peakOf(3.2) })).toMatchObject({ action: 'LOWER_MIN_PROVISIONED_TPS', proposed: 4, observedPeak: 3.2, monthlyHoursSaved: 6 * 730 });
    expect(propose({ ...base, kind: 'CAMPAIGN', description: campaign(3), series: peakOf(8) })).toMatchObject({ action: 'NONE', proposed: 3 });
    expect(propose({ ...base, kind: 'CAMPAIGN', description: campaign(5), series: [[0, 0]] })).toMatchObject({ action: 'LOWER_MIN_PROVISIONED_TPS', proposed: 1, requests: 0 });
    expect(propose({ ...base, kind: 'CAMPAIGN', description: campaign(1), series: [] })).toMatchObject({ action: 'REPORT_IDLE_CAMPAIGN', proposed: 1 });
    // 4 × 1.25 = 5 exactly: no rounding up past it.
    expect(propose({ ...base, kind: 'CAMPAIGN', description: campaign(10), series: peakOf(4) })).toMatchObject({ proposed: 5 });
  });

  test('a resource tagged off, not ACTIVE, under update or too new is left alone', () => {
    const tags = [{ TagKey: 'personalize-mlops:autopilot', TagValue: 'off' }];
    expect(propose({ ...base, kind: 'CAMPAIGN', description: campaign(10), tags, series: [] }).action).toBe('OPTED_OUT');
    expect(propose({ ...base, kind: 'CAMPAIGN', description: campaign(10, { Status: 'CREATE PENDING' }) }).action).toBe('NOT_ACTIVE');
    expect(propose({ ...base, kind: 'CAMPAIGN', description: campaign(10, { LatestCampaignUpdate: { Status: 'CREATE IN_PROGRESS' } }) }).action).toBe('NOT_ACTIVE');
    expect(propose({ ...base, kind: 'CAMPAIGN', description: campaign(10, { LastUpdatedDateTime: '2026-01-05T00:00:00Z' }) }).action).toBe('TOO_NEW');
  });

  test('a recommender: stopped when idle, kept when called', async () => {
    const recommender = { Name: 'r', Status: 'ACTIVE', RecommenderConfig: { MinRecommendationRequestsPerSecond: 2 }, CreationDateTime: OLD };
    expect(propose({ ...base, kind: 'RECOMMENDER', description: recommender, series: [[0, 0]] })).toMatchObject({ action: 'STOP_RECOMMENDER', current: 2, proposed: 0, monthlyHoursSaved: 1460 });
    expect(propose({ ...base, kind: 'RECOMMENDER', description: recommender, series: [[1]] }).action).toBe('NONE');
    await expect(handler({ op: 'nope' } as any)).rejects.toThrow(/op must be window or propose/);
  });
});
