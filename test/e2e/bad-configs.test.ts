import { BAD_CONFIGS } from '../helpers/bad-configs';
import { localPipeline, sampleConfig } from '../helpers/pipeline-fixture';

describe('the deployed pipeline rejects each malformed config before any Personalize call', () => {
  test.each(BAD_CONFIGS.map((c) => [c.label, c]))('%s', async (_label, bad) => {
    const runner = localPipeline();
    const config = sampleConfig(bad.sample);
    const mutated = bad.mutate(config);
    const result = await runner.run(mutated === undefined ? config : mutated);
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidConfig' });
    expect(result.cause).toContain(`- ${bad.path}: `);
    expect(runner.emulator.calls).toEqual([]);
    expect(runner.glue.runs).toEqual([]);
    expect(runner.events.map((e) => e.detail.status)).toEqual(['INVALID_CONFIG']);
  });
});
