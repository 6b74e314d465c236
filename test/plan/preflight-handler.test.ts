import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { MEDIA, planOf, PlannerFixture } from './planner-fixture';
import { handler } from '../../lambda/preflight/index';
import { MAX_CONCURRENT_CALLS, preflight } from '../../planner';
import { PersonalizeErrorName } from '../../simulator/emulator/personalize-error';
import { GlueHttpEndpoint } from '../../simulator/loopback/glue-endpoint';
import { GlueFake } from '../../simulator/runner/glue-fake';

describe('the preflight Lambda handler', () => {
  const fixture = new PlannerFixture();
  // The samples run the job planOf names; the handler asks Glue for it through AWS_ENDPOINT_URL_GLUE.
  const glue = new GlueFake().addJob('personalize-mlops-preprocessing');
  const glueEndpoint = new GlueHttpEndpoint(glue);
  const saved = { ...process.env };
  beforeAll(async () => {
    await fixture.start();
    Object.assign(process.env, {
      PERSONALIZE_ARN_PREFIX: 'arn:aws:personalize:us-east-1:123456789012',
      AWS_ENDPOINT_URL_PERSONALIZE: fixture.url,
      AWS_ENDPOINT_URL_GLUE: await glueEndpoint.start(),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
    });
  });
  afterAll(async () => {
    process.env = saved;
    await Promise.all([fixture.stop(), glueEndpoint.stop()]);
  });

  test('plans the execution input of the main state machine against the account of PERSONALIZE_ARN_PREFIX', async () => {
    const result = await handler({ plan: planOf(MEDIA) });
    expect(result).toMatchObject({ ok: true, message: '' });
    expect(result.verdicts[0]).toMatchObject({ kind: 'DATASET_GROUP', action: 'CREATE', name: 'FilmNightDatasetGroup' });
    expect(fixture.emulator.mutations()).toEqual([]);
  });

  test('asks Glue for the job the run starts, and refuses a missing one at preprocessing.jobName', async () => {
    expect((await handler({ plan: planOf(MEDIA) })).ok).toBe(true);
    expect(glueEndpoint.calls).toContain('GetJob');
    glue.removeJob('personalize-mlops-preprocessing');
    try {
      const result = await handler({ plan: planOf(MEDIA) });
      expect(result).toMatchObject({ ok: false, problems: [{ path: 'preprocessing.jobName', message: expect.stringContaining('personalize-mlops-preprocessing does not exist') }] });
    } finally {
      glue.addJob('personalize-mlops-preprocessing');
    }
  });

  test('refuses a malformed BUNDLED_GLUE_JOB', async () => {
    process.env.BUNDLED_GLUE_JOB = '{"name":"x"}';
    try {
      await expect(handler({ plan: planOf(MEDIA) })).rejects.toMatchObject({ name: 'PreflightConfigurationError', message: expect.stringContaining('BUNDLED_GLUE_JOB') });
    } finally {
      delete process.env.BUNDLED_GLUE_JOB;
    }
  });

  test('throws service errors with their names, for Retry and Catch', async () => {
    fixture.emulator.faults.error({ operation: 'DescribeFilter', errorName: 'AccessDeniedException' as PersonalizeErrorName, message: 'not authorized', times: 1 });
    await expect(handler({ plan: planOf(MEDIA) })).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  test('refuses to run without PERSONALIZE_ARN_PREFIX', async () => {
    delete process.env.PERSONALIZE_ARN_PREFIX;
    await expect(handler({ plan: planOf(MEDIA) })).rejects.toMatchObject({ name: 'PreflightConfigurationError', message: expect.stringContaining('PERSONALIZE_ARN_PREFIX') });
  });
});

describe('service errors', () => {
  const fixture = new PlannerFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  test('throttling left after the SDK\'s retries is thrown, not turned into a problem', async () => {
    fixture.emulator.faults.throttle('DescribeSolution', 1);
    await expect(fixture.preflight(planOf(MEDIA))).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  test('no more than five calls are in flight at once', async () => {
    let inFlight = 0;
    let most = 0;
    const client = new PersonalizeClient({ endpoint: fixture.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    client.middlewareStack.add((next) => async (args) => {
      most = Math.max(most, ++inFlight);
      try {
        return await next(args);
      } finally {
        inFlight--;
      }
    }, { step: 'initialize', name: 'countInFlight' });
    const result = await preflight(client, planOf(MEDIA), fixture.location);
    client.destroy();
    expect(result.verdicts.length).toBeGreaterThan(20);
    expect(most).toBe(MAX_CONCURRENT_CALLS);
  });
});
