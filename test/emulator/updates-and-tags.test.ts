import { describe as describeOf, errorOf, groupWithDatasets, importInteractions, solution, trainedVersion } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

// UpdateSolution (latestSolutionUpdate), UpdateCampaign with campaignConfig, and the tags of any resource.

describe('UpdateSolution', () => {
  const setUp = (extra: Record<string, unknown> = {}) => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    return { emulator, solutionArn: solution(emulator, 'Sol', 'G', extra) };
  };

  test('shows in latestSolutionUpdate (CREATE PENDING > CREATE IN_PROGRESS > ACTIVE) and applies once ACTIVE', () => {
    const { emulator, solutionArn } = setUp();
    expect(describeOf(emulator, 'DescribeSolution', { solutionArn }).latestSolutionUpdate).toBeUndefined();
    emulator.call('UpdateSolution', { solutionArn, performAutoTraining: false, solutionUpdateConfig: { autoTrainingConfig: { schedulingExpression: 'rate(14 days)' } } });
    const shown = [1, 2, 3].map(() => describeOf(emulator, 'DescribeSolution', { solutionArn }));
    expect(shown.map((s) => s.latestSolutionUpdate.status)).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    expect(shown.map((s) => s.performAutoTraining)).toEqual([true, true, false]);
    expect(shown[2].latestSolutionUpdate).toMatchObject({ performAutoTraining: false, solutionUpdateConfig: { autoTrainingConfig: { schedulingExpression: 'rate(14 days)' } } });
    expect(shown[2].solutionConfig.autoTrainingConfig).toEqual({ schedulingExpression: 'rate(14 days)' });
  });

  test('one update at a time; a solution being updated cannot be deleted; a version may train meanwhile', () => {
    const { emulator, solutionArn } = setUp();
    importInteractions(emulator, 'first');
    emulator.call('UpdateSolution', { solutionArn, performAutoTraining: false });
    expect(errorOf(() => emulator.call('UpdateSolution', { solutionArn, performAutoTraining: true }))).toBe('ResourceInUseException');
    expect(errorOf(() => emulator.call('DeleteSolution', { solutionArn }))).toBe('ResourceInUseException');
    expect(errorOf(() => emulator.call('CreateSolutionVersion', { solutionArn }))).toBe('none');
    emulator.settleAll();
    expect(errorOf(() => emulator.call('UpdateSolution', { solutionArn, performAutoTraining: true }))).toBe('none');
  });

  test('an invalid schedule and incremental updates outside Semantic-Similarity are InvalidInputException; a failed update keeps the old config', () => {
    const { emulator, solutionArn } = setUp();
    expect(errorOf(() => emulator.call('UpdateSolution', { solutionArn, solutionUpdateConfig: { autoTrainingConfig: { schedulingExpression: 'rate(90 days)' } } }))).toBe('InvalidInputException');
    expect(errorOf(() => emulator.call('UpdateSolution', { solutionArn, performIncrementalUpdate: true }))).toBe('InvalidInputException');
    emulator.faults.failCreate({ operation: 'UpdateSolution', failureReason: 'Internal error' });
    emulator.call('UpdateSolution', { solutionArn, performAutoTraining: false });
    emulator.settleAll();
    const described = describeOf(emulator, 'DescribeSolution', { solutionArn });
    expect(described.latestSolutionUpdate).toMatchObject({ status: 'CREATE FAILED', failureReason: 'Internal error' });
    expect(described.performAutoTraining).toBe(true);
  });

  test('time mode: automatic training turned on by an update starts within the hour after the update completes', () => {
    let now = Date.UTC(2026, 0, 1);
    const emulator = new PersonalizeEmulator({ clock: () => now });
    groupWithDatasets(emulator);
    importInteractions(emulator, 'first');
    const { solutionArn } = emulator.call('CreateSolution', { name: 'Sol', datasetGroupArn: emulator.arns.datasetGroup('G'), recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization', performAutoTraining: false }) as any;
    now += 3600_000;
    describeOf(emulator, 'DescribeSolution', { solutionArn });
    emulator.call('UpdateSolution', { solutionArn, performAutoTraining: true });
    now += 10 * 60_000;
    expect(describeOf(emulator, 'DescribeSolution', { solutionArn }).performAutoTraining).toBe(true);
    now += 3600_000;
    const versions = (emulator.call('ListSolutionVersions', { solutionArn }) as any).solutionVersions;
    expect(versions.map((v: any) => v.trainingType)).toEqual(['AUTOMATIC']);
  });
});

describe('UpdateCampaign with campaignConfig', () => {
  test('a new campaignConfig replaces the old one once the update is ACTIVE, on the same version', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    importInteractions(emulator, 'first');
    const solutionVersionArn = trainedVersion(emulator, solution(emulator));
    const { campaignArn } = emulator.call('CreateCampaign', { name: 'C', solutionVersionArn, campaignConfig: { itemExplorationConfig: { explorationWeight: '0.3' } } }) as any;
    emulator.settleAll();
    emulator.call('UpdateCampaign', { campaignArn, campaignConfig: { itemExplorationConfig: { explorationWeight: '0.5' } } });
    expect(describeOf(emulator, 'DescribeCampaign', { campaignArn }).campaignConfig.itemExplorationConfig.explorationWeight).toBe('0.3');
    emulator.settleAll();
    const campaign = describeOf(emulator, 'DescribeCampaign', { campaignArn });
    expect(campaign).toMatchObject({ solutionVersionArn, campaignConfig: { itemExplorationConfig: { explorationWeight: '0.5' } }, latestCampaignUpdate: { status: 'ACTIVE' } });
  });
});

describe('tags', () => {
  const group = () => {
    const emulator = new PersonalizeEmulator();
    const { datasetGroupArn } = emulator.call('CreateDatasetGroup', { name: 'G', tags: [{ tagKey: 'team', tagValue: 'ml' }] }) as any;
    return { emulator, datasetGroupArn };
  };
  const tagsOf = (emulator: PersonalizeEmulator, resourceArn: string) => (emulator.call('ListTagsForResource', { resourceArn }) as any).tags;

  test('a create\'s tags are listed; TagResource adds or replaces, UntagResource removes; DescribeX shows none', () => {
    const { emulator, datasetGroupArn } = group();
    emulator.settleAll();
    expect(tagsOf(emulator, datasetGroupArn)).toEqual([{ tagKey: 'team', tagValue: 'ml' }]);
    emulator.call('TagResource', { resourceArn: datasetGroupArn, tags: [{ tagKey: 'team', tagValue: 'data' }, { tagKey: 'cost', tagValue: '42' }] });
    expect(tagsOf(emulator, datasetGroupArn)).toEqual([{ tagKey: 'team', tagValue: 'data' }, { tagKey: 'cost', tagValue: '42' }]);
    emulator.call('UntagResource', { resourceArn: datasetGroupArn, tagKeys: ['team', 'absent'] });
    expect(tagsOf(emulator, datasetGroupArn)).toEqual([{ tagKey: 'cost', tagValue: '42' }]);
    expect(describeOf(emulator, 'DescribeDatasetGroup', { datasetGroupArn }).tags).toBeUndefined();
    expect(emulator.mutations().map((c) => c.operation)).toEqual(['CreateDatasetGroup', 'TagResource', 'UntagResource']);
  });

  test('an unknown ARN is not found; a resource being created is in use; more than 50 tags is TooManyTagsException', () => {
    const { emulator, datasetGroupArn } = group();
    expect(errorOf(() => emulator.call('ListTagsForResource', { resourceArn: emulator.arns.datasetGroup('Nope') }))).toBe('ResourceNotFoundException');
    expect(errorOf(() => emulator.call('TagResource', { resourceArn: datasetGroupArn, tags: [{ tagKey: 'a', tagValue: 'b' }] }))).toBe('ResourceInUseException');
    emulator.settleAll();
    const many = Array.from({ length: 50 }, (_, i) => ({ tagKey: `k${i}`, tagValue: 'v' }));
    expect(errorOf(() => emulator.call('TagResource', { resourceArn: datasetGroupArn, tags: many }))).toBe('TooManyTagsException');
  });
});
