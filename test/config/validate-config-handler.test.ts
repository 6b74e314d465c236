import { handler } from '../../lambda/validate-config/index';

const CONFIG = { preprocessing: { run: true }, datasetGroup: { serviceConfig: { name: 'G' }, datasets: [] } };
const FLOWS = Object.fromEntries(
  ['preprocessing', 'filters', 'eventTracker', 'solutions', 'campaigns', 'batchInferenceJobs', 'batchSegmentJobs', 'recommenders'].map((f) => [f, true]),
);

describe('validate-config handler', () => {
  const saved = process.env.DEPLOYED_FEATURES;
  afterEach(() => {
    if (saved === undefined) delete process.env.DEPLOYED_FEATURES;
    else process.env.DEPLOYED_FEATURES = saved;
  });

  test('a pipeline deployed with preprocessing but no Glue job of its own requires preprocessing.jobName', async () => {
    process.env.DEPLOYED_FEATURES = JSON.stringify(FLOWS);
    const verdict = await handler(CONFIG);
    expect(verdict.valid).toBe(false);
    expect(verdict.issues).toEqual([{ path: 'preprocessing.jobName', message: expect.stringMatching(/is required/) }]);
  });

  test('the deployed Glue job runs when the config names none', async () => {
    process.env.DEPLOYED_FEATURES = JSON.stringify({ ...FLOWS, glueJobName: 'Pipeline-GlueJob-1A2B' });
    expect((await handler(CONFIG)).plan?.preprocessing.jobName).toBe('Pipeline-GlueJob-1A2B');
  });

  test('exactly the deployed features: a flow not marked deployed is not assumed', async () => {
    process.env.DEPLOYED_FEATURES = JSON.stringify({ eventTracker: true });
    const verdict = await handler({ ...CONFIG, preprocessing: { run: true, jobName: 'J' } });
    expect(verdict.issues.map((i) => i.path)).toEqual(['preprocessing']);
  });

  test('a deployment without DEPLOYED_FEATURES is a deployment error, not a config problem', async () => {
    delete process.env.DEPLOYED_FEATURES;
    await expect(handler(CONFIG)).rejects.toMatchObject({ name: 'DeploymentError' });
    process.env.DEPLOYED_FEATURES = '[]';
    await expect(handler(CONFIG)).rejects.toThrow(/DEPLOYED_FEATURES must be the JSON object/);
  });
});
