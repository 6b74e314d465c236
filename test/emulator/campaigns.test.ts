import { describe as describeOf, errorOf, groupWithDatasets, importInteractions, solution, trainedVersion } from './fixtures';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';

function withVersion() {
  const emulator = new PersonalizeEmulator();
  groupWithDatasets(emulator);
  importInteractions(emulator, 'Run1');
  const solutionArn = solution(emulator);
  const v1 = trainedVersion(emulator, solutionArn);
  return { emulator, solutionArn, v1, latest: `${solutionArn}/$LATEST` };
}

describe('campaigns that follow the latest solution version', () => {
  test('syncWithLatestSolutionVersion needs <solutionArn>/$LATEST, on create and on update', () => {
    const { emulator, v1, latest } = withVersion();
    const sync = { syncWithLatestSolutionVersion: true };
    expect(errorOf(() => emulator.call('CreateCampaign', { name: 'C', solutionVersionArn: v1, campaignConfig: sync }))).toBe('InvalidInputException');
    emulator.call('CreateCampaign', { name: 'Plain', solutionVersionArn: v1 });
    emulator.settleAll();
    expect(errorOf(() => emulator.call('UpdateCampaign', { campaignArn: emulator.arns.campaign('Plain'), solutionVersionArn: v1, campaignConfig: sync }))).toBe('InvalidInputException');
    expect(errorOf(() => emulator.call('UpdateCampaign', { campaignArn: emulator.arns.campaign('Plain'), solutionVersionArn: latest, campaignConfig: sync }))).toBe('none');
  });

  test('$LATEST of a solution without an ACTIVE version is refused', () => {
    const emulator = new PersonalizeEmulator();
    groupWithDatasets(emulator);
    const solutionArn = solution(emulator);
    expect(errorOf(() => emulator.call('CreateCampaign', { name: 'C', solutionVersionArn: `${solutionArn}/$LATEST`, campaignConfig: { syncWithLatestSolutionVersion: true } })))
      .toBe('InvalidInputException');
  });

  test('describe shows $LATEST; a newer ACTIVE version deploys itself, in latestCampaignUpdate once UpdateCampaign was called', () => {
    const { emulator, solutionArn, v1, latest } = withVersion();
    const campaignArn = (emulator.call('CreateCampaign', { name: 'C', solutionVersionArn: latest, campaignConfig: { syncWithLatestSolutionVersion: true } }) as any).campaignArn;
    emulator.settleAll();
    const first = describeOf(emulator, 'DescribeCampaign', { campaignArn });
    expect(first.solutionVersionArn).toBe(latest);
    expect(first.latestCampaignUpdate).toBeUndefined();
    emulator.call('UpdateCampaign', { campaignArn, minProvisionedTPS: 2 });
    emulator.settleAll();
    expect(describeOf(emulator, 'DescribeCampaign', { campaignArn }).latestCampaignUpdate).toMatchObject({ status: 'ACTIVE', solutionVersionArn: v1 });
    importInteractions(emulator, 'Run2');
    const v2 = emulator.startAutomaticTraining(solutionArn)!;
    emulator.settleAll();
    const updates = [1, 2, 3].map(() => describeOf(emulator, 'DescribeCampaign', { campaignArn }).latestCampaignUpdate);
    expect(updates.map((u) => u.status)).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    expect(updates[2].solutionVersionArn).toBe(v2);
    expect(v2).not.toBe(v1);
    expect(describeOf(emulator, 'DescribeCampaign', { campaignArn }).solutionVersionArn).toBe(latest);
    expect(emulator.count('UpdateCampaign')).toBe(1);
  });

  test('latestCampaignUpdate is absent until UpdateCampaign is called, even while an automatic update runs (SDK, Campaign)', () => {
    const { emulator, solutionArn, latest } = withVersion();
    const campaignArn = (emulator.call('CreateCampaign', { name: 'C', solutionVersionArn: latest, campaignConfig: { syncWithLatestSolutionVersion: true } }) as any).campaignArn;
    emulator.settleAll();
    importInteractions(emulator, 'Run2');
    emulator.startAutomaticTraining(solutionArn);
    emulator.settleAll();
    const shown = [1, 2, 3].map(() => describeOf(emulator, 'DescribeCampaign', { campaignArn }));
    expect(shown.map((c) => c.latestCampaignUpdate)).toEqual([undefined, undefined, undefined]);
    expect(shown.map((c) => c.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });

  test('$LATEST without sync deploys the latest version once and shows it', () => {
    const { emulator, v1, latest } = withVersion();
    const campaignArn = (emulator.call('CreateCampaign', { name: 'C', solutionVersionArn: latest }) as any).campaignArn;
    expect(describeOf(emulator, 'DescribeCampaign', { campaignArn }).solutionVersionArn).toBe(v1);
  });
});

describe('campaign updates', () => {
  test('an update is shown in latestCampaignUpdate and applied when ACTIVE; a CREATE FAILED campaign can be updated', () => {
    const { emulator, solutionArn, v1 } = withVersion();
    emulator.faults.failCreate({ operation: 'CreateCampaign', failureReason: 'No capacity', times: 1 });
    const campaignArn = (emulator.call('CreateCampaign', { name: 'C', solutionVersionArn: v1 }) as any).campaignArn;
    emulator.settleAll();
    expect(describeOf(emulator, 'DescribeCampaign', { campaignArn })).toMatchObject({ status: 'CREATE FAILED', failureReason: 'No capacity' });
    const v2 = trainedVersion(emulator, solutionArn);
    emulator.call('UpdateCampaign', { campaignArn, solutionVersionArn: v2, minProvisionedTPS: 2 });
    expect(errorOf(() => emulator.call('UpdateCampaign', { campaignArn, minProvisionedTPS: 3 }))).toBe('ResourceInUseException');
    const shown = [1, 2, 3].map(() => describeOf(emulator, 'DescribeCampaign', { campaignArn }));
    expect(shown.map((c) => c.latestCampaignUpdate.status)).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    expect(shown.map((c) => c.solutionVersionArn)).toEqual([v1, v1, v2]);
    expect(shown[2].minProvisionedTPS).toBe(2);
  });

  test('the per-dataset-group campaign quota (5) answers LimitExceededException', () => {
    const { emulator, v1 } = withVersion();
    for (let i = 0; i < 5; i++) emulator.call('CreateCampaign', { name: `C${i}`, solutionVersionArn: v1 });
    expect(errorOf(() => emulator.call('CreateCampaign', { name: 'C5', solutionVersionArn: v1 }))).toBe('LimitExceededException');
  });
});
