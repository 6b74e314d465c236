import { copyOf, DAY, MEDIA, planOf, PlannerFixture } from './planner-fixture';
import { seedPlan } from './seed-account';

const RANKING = 'FilmNightRanking';

/** MEDIA with the first solution's solutionVersion section replaced. */
function withVersionSection(section: Record<string, unknown>) {
  const config = copyOf(MEDIA);
  config.solutions[0].solutionVersion = { ...config.solutions[0].solutionVersion, ...section };
  return planOf(config);
}

describe('maxAge', () => {
  const fixture = new PlannerFixture();
  let versionArn: string;
  let created: number;
  beforeAll(async () => {
    await fixture.start();
    versionArn = seedPlan(fixture.emulator, planOf(MEDIA)).versionArns[RANKING];
    created = fixture.versionCreatedAt(versionArn);
  });
  afterAll(() => fixture.stop());

  test('a version younger than maxAge is reused instead of training', async () => {
    const result = await fixture.preflight(withVersionSection({ maxAge: '7 days' }), new Date(created + 2 * DAY));
    expect(result.plan.solutions[0].training).toEqual({ train: false, versionArn, reason: 'latest ACTIVE version is 2 days old, maxAge is 7 days' });
    expect(result.verdicts.find((v) => v.path === 'solutions[0].solutionVersion')).toMatchObject({ action: 'REUSE', arn: versionArn });
    expect(result.verdicts.find((v) => v.kind === 'CAMPAIGN')?.action).toBe('REUSE');
  });

  test('a version older than maxAge is replaced by a new one', async () => {
    const result = await fixture.preflight(withVersionSection({ maxAge: '7 days' }), new Date(created + 9 * DAY));
    expect(result.plan.solutions[0].training).toEqual({ train: true, versionArn: '', reason: 'latest ACTIVE version is 9 days old, maxAge is 7 days' });
    expect(result.verdicts.find((v) => v.path === 'solutions[0].solutionVersion')?.action).toBe('TRAIN');
  });

  test('maxAge is read in its exact unit', async () => {
    const result = await fixture.preflight(withVersionSection({ maxAge: '36 hours' }), new Date(created + DAY));
    expect(result.plan.solutions[0].training.reason).toBe('latest ACTIVE version is 1 day old, maxAge is 36 hours');
  });
});

describe('createNewSolutionVersion false', () => {
  let fixture: PlannerFixture;
  beforeEach(async () => { fixture = await new PlannerFixture().start(); });
  afterEach(() => fixture.stop());

  test('without an ACTIVE version, while a campaign or batch job needs one, is a problem', async () => {
    const result = await fixture.preflight(withVersionSection({ createNewSolutionVersion: false }));
    expect(result.problems).toEqual([{
      path: 'solutions[0].solutionVersion.createNewSolutionVersion',
      message: 'solution FilmNightRanking has no ACTIVE solution version; set createNewSolutionVersion to true to train one',
    }]);
    expect(result.plan.solutions[0].training).toMatchObject({ train: false, versionArn: '' });
  });

  test('without an ACTIVE version, when nothing needs one, is no problem', async () => {
    const config = copyOf(MEDIA);
    config.solutions[0].solutionVersion.createNewSolutionVersion = false;
    config.solutions[0].campaigns[0].createCampaign = false;
    config.solutions[0].batchInferenceJobs[0].createBatchInferenceJob = false;
    const result = await fixture.preflight(planOf(config));
    expect(result.ok).toBe(true);
    expect(result.verdicts.find((v) => v.path === 'solutions[0].solutionVersion')?.action).toBe('SKIP');
  });

  test('a FAILED latest version is never reused; an older ACTIVE one is', async () => {
    const { emulator } = fixture;
    const { versionArns } = seedPlan(emulator, planOf(MEDIA));
    emulator.faults.failCreate({ operation: 'CreateSolutionVersion', failureReason: 'Training failed', times: 1 });
    fixture.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution(RANKING) });
    emulator.settleAll();
    const result = await fixture.preflight(withVersionSection({ createNewSolutionVersion: false }));
    expect(result.ok).toBe(true);
    expect(result.plan.solutions[0].training.versionArn).toBe(versionArns[RANKING]);
  });

  test('a campaign moves to a newer ACTIVE version than the one it serves', async () => {
    const { emulator } = fixture;
    const { versionArns } = seedPlan(emulator, planOf(MEDIA));
    const { solutionVersionArn } = fixture.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution(RANKING) });
    emulator.settleAll();
    const result = await fixture.preflight(withVersionSection({ createNewSolutionVersion: false }));
    expect(result.verdicts.find((v) => v.kind === 'CAMPAIGN')).toMatchObject({
      action: 'UPDATE', reason: `moves from version ${versionArns[RANKING]} to ${solutionVersionArn}`,
    });
  });

  test('a solution whose only version FAILED has nothing to reuse', async () => {
    const { emulator } = fixture;
    const group = planOf({ datasetGroup: MEDIA.datasetGroup });
    seedPlan(emulator, { ...group, imports: [] });
    fixture.call('CreateSolution', { ...MEDIA.solutions[0].serviceConfig, datasetGroupArn: emulator.arns.datasetGroup('FilmNightDatasetGroup') });
    emulator.settleAll();
    // Without imported interactions, training fails.
    fixture.call('CreateSolutionVersion', { solutionArn: emulator.arns.solution(RANKING) });
    emulator.settleAll();
    const result = await fixture.preflight(withVersionSection({ createNewSolutionVersion: false }));
    expect(result.problems.map((p) => p.path)).toEqual(['solutions[0].solutionVersion.createNewSolutionVersion']);
  });
});

describe('versions on more than one page', () => {
  const fixture = new PlannerFixture();
  let last: string;
  beforeAll(async () => {
    await fixture.start();
    const { emulator } = fixture;
    seedPlan(emulator, planOf(MEDIA));
    // One version from the seed and 101 more: ListSolutionVersions answers 100 per page, so the two newest are on
    // page 2, the last of them FAILED: the latest ACTIVE version is the first of page 2.
    const solutionArn = emulator.arns.solution(RANKING);
    for (let i = 1; i <= 101; i++) {
      if (i === 101) emulator.faults.failCreate({ operation: 'CreateSolutionVersion', failureReason: 'Training failed', times: 1 });
      const { solutionVersionArn } = fixture.call('CreateSolutionVersion', { solutionArn });
      if (i === 100) last = solutionVersionArn;
      emulator.settleAll();
    }
  });
  afterAll(() => fixture.stop());

  test('reads every page to find the latest ACTIVE version', async () => {
    const before = fixture.emulator.calls.length;
    const result = await fixture.preflight(withVersionSection({ createNewSolutionVersion: false }));
    const pages = fixture.emulator.calls.slice(before).filter((c) => c.operation === 'ListSolutionVersions' && c.request.solutionArn === fixture.emulator.arns.solution(RANKING));
    expect(pages.map((c) => c.request.nextToken)).toEqual([undefined, '100']);
    expect(result.plan.solutions[0].training.versionArn).toBe(last);
  });
});
