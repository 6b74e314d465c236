import { describe as describeOf, errorOf, groupWithDatasets, importInteractions, solution, trainedVersion } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('automatic training, describe-count mode (on demand)', () => {
  test('performAutoTraining defaults to true', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    const solutionArn = solution(emulator);
    expect(describeOf(emulator, 'DescribeSolution', { solutionArn }).performAutoTraining).toBe(true);
  });

  test('startAutomaticTraining trains an AUTOMATIC version on the imports ACTIVE at its start', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    const first = importInteractions(emulator, 'Run1');
    const solutionArn = solution(emulator);
    const versionArn = emulator.startAutomaticTraining(solutionArn)!;
    expect(describeOf(emulator, 'DescribeSolutionVersion', { solutionVersionArn: versionArn })).toMatchObject({ trainingType: 'AUTOMATIC', trainingMode: 'AUTOTRAIN', status: 'CREATE PENDING' });
    expect(emulator.trainedOnImports(versionArn)).toEqual([first]);
    // While it trains, neither a manual nor another automatic training can start.
    expect(errorOf(() => emulator.call('CreateSolutionVersion', { solutionArn }))).toBe('ResourceInUseException');
    expect(errorOf(() => emulator.startAutomaticTraining(solutionArn))).toBe('ResourceInUseException');
    emulator.settleAll();
    // No new data since the last training: the service skips the cycle.
    expect(emulator.startAutomaticTraining(solutionArn)).toBeUndefined();
    const second = importInteractions(emulator, 'Run2');
    expect(emulator.trainedOnImports(emulator.startAutomaticTraining(solutionArn)!)).toEqual([first, second]);
  });

  test('a solution with performAutoTraining false has no automatic training', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    importInteractions(emulator, 'Run1');
    const solutionArn = solution(emulator, 'Manual', 'G', { performAutoTraining: false });
    expect(errorOf(() => emulator.startAutomaticTraining(solutionArn))).toBe('InvalidInputException');
  });

  test('schedulingExpression must be rate(<1-30> days)', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    const create = (expr: string) => errorOf(() => emulator.call('CreateSolution', {
      name: `S${expr.length}`,
      datasetGroupArn: emulator.arns.datasetGroup('G'),
      recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization',
      solutionConfig: { autoTrainingConfig: { schedulingExpression: expr } },
    }));
    expect(create('rate(31 days)')).toBe('InvalidInputException');
    expect(create('cron(0 12 * * ? *)')).toBe('InvalidInputException');
    expect(create('rate(1 day)')).toBe('none');
  });
});

describe('solution versions', () => {
  test('ListSolutionVersions lists the oldest first (order undocumented: strict)', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    importInteractions(emulator, 'Run1');
    const solutionArn = solution(emulator);
    const v1 = trainedVersion(emulator, solutionArn);
    const v2 = trainedVersion(emulator, solutionArn);
    expect((emulator.call('ListSolutionVersions', { solutionArn }) as any).solutionVersions.map((v: any) => v.solutionVersionArn)).toEqual([v1, v2]);
    expect(describeOf(emulator, 'DescribeSolution', { solutionArn }).latestSolutionVersion.solutionVersionArn).toBe(v2);
  });

  test('StopSolutionVersionCreation: IN_PROGRESS > CREATE STOPPING > CREATE STOPPED; PENDING > CREATE STOPPED; else ResourceInUse', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    importInteractions(emulator, 'Run1');
    const solutionArn = solution(emulator);
    const { solutionVersionArn } = emulator.call('CreateSolutionVersion', { solutionArn }) as any;
    expect(describeOf(emulator, 'DescribeSolutionVersion', { solutionVersionArn }).status).toBe('CREATE PENDING');
    emulator.call('StopSolutionVersionCreation', { solutionVersionArn });
    expect([1, 2].map(() => describeOf(emulator, 'DescribeSolutionVersion', { solutionVersionArn }).status)).toEqual(['CREATE STOPPING', 'CREATE STOPPED']);
    expect(errorOf(() => emulator.call('StopSolutionVersionCreation', { solutionVersionArn }))).toBe('ResourceInUseException');
    const pending = (emulator.call('CreateSolutionVersion', { solutionArn }) as any).solutionVersionArn;
    emulator.call('StopSolutionVersionCreation', { solutionVersionArn: pending });
    expect(describeOf(emulator, 'DescribeSolutionVersion', { solutionVersionArn: pending }).status).toBe('CREATE STOPPED');
  });

  test('an unknown recipe is not found; a domain recipe is refused for a solution', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    const create = (recipe: string) => errorOf(() => emulator.call('CreateSolution', { name: 'S', datasetGroupArn: emulator.arns.datasetGroup('G'), recipeArn: `arn:aws:personalize:::recipe/${recipe}` }));
    expect(create('aws-similar-item')).toBe('ResourceNotFoundException');
    expect(create('aws-vod-top-picks')).toBe('InvalidInputException');
  });
});

describe('automatic training, time mode (on the schedule)', () => {
  function timed() {
    let now = Date.UTC(2026, 0, 1);
    const emulator = new PersonalizeEmulator({ clock: () => now });
    return { emulator, advance: (ms: number) => { now += ms; }, now: () => now };
  }
  const automatic = (emulator: PersonalizeEmulator, solutionArn: string) =>
    (emulator.call('ListSolutionVersions', { solutionArn }) as any).solutionVersions.filter((v: any) => v.trainingType === 'AUTOMATIC');

  test('the first automatic training starts one hour after the solution is ACTIVE, then every 7 days with new data', () => {
    const { emulator, advance } = timed();
    groupWithDatasets(emulator);
    importInteractions(emulator, 'Run1');
    const solutionArn = solution(emulator);
    const activeAt = describeOf(emulator, 'DescribeSolution', { solutionArn }).lastUpdatedDateTime;
    advance(HOUR - 1000);
    expect(automatic(emulator, solutionArn)).toEqual([]);
    advance(1000);
    const [first] = automatic(emulator, solutionArn);
    expect(first.creationDateTime.getTime()).toBeGreaterThanOrEqual(activeAt.getTime() + HOUR);
    // A week later with no new data: skipped. New data, next week: trained.
    advance(7 * DAY);
    expect(automatic(emulator, solutionArn)).toHaveLength(1);
    const run2 = importInteractions(emulator, 'Run2');
    advance(7 * DAY);
    const versions = automatic(emulator, solutionArn);
    expect(versions).toHaveLength(2);
    expect(emulator.trainedOnImports(versions[1].solutionVersionArn)).toContain(run2);
  });

  test('a manual version within the first hour skips the first automatic training', () => {
    const { emulator, advance } = timed();
    groupWithDatasets(emulator);
    importInteractions(emulator, 'Run1');
    const solutionArn = solution(emulator);
    emulator.call('CreateSolutionVersion', { solutionArn });
    advance(2 * HOUR);
    expect(automatic(emulator, solutionArn)).toEqual([]);
  });
});
