import { GetObjectCommand, NoSuchKey, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { MINIMAL_CONFIG } from './operations-fixture';
import { handler } from '../../lambda/validate-config/index';
import { MAX_CONFIG_BYTES } from '../../lambda/validate-config/stored-config';

// The validator on a config stored in S3, the input of S3-triggered runs and S3-based schedules:
// `{ "configLocation": { "bucket", "key", "versionId"? } }`. S3 is aws-sdk-client-mock.

const s3 = mockClient(S3Client);
const FEATURES = JSON.stringify(Object.fromEntries(
  ['preprocessing', 'filters', 'eventTracker', 'solutions', 'campaigns', 'batchInferenceJobs', 'batchSegmentJobs', 'recommenders'].map((f) => [f, false]),
));

/** A GetObject answer with this text as the body. */
function object(text: string, versionId?: string) {
  const body = { transformToString: async () => text } as any;
  return { Body: body, ContentLength: Buffer.byteLength(text), ...(versionId ? { VersionId: versionId } : {}) };
}

/** An error as the SDK throws it for S3's answer. */
function s3Error(name: string, message: string, status: number, fault: 'client' | 'server' = 'client'): S3ServiceException {
  return new S3ServiceException({ name, message, $fault: fault, $metadata: { httpStatusCode: status } });
}

const at = (key: string, versionId?: string) => ({ configLocation: { bucket: 'configs-bucket', key, ...(versionId !== undefined ? { versionId } : {}) } });

describe('validate-config handler on a stored config', () => {
  const saved = process.env.DEPLOYED_FEATURES;
  beforeEach(() => {
    s3.reset();
    process.env.DEPLOYED_FEATURES = FEATURES;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DEPLOYED_FEATURES;
    else process.env.DEPLOYED_FEATURES = saved;
  });

  test('a valid config is read from its bucket and key, and the verdict names its source with the version read', async () => {
    s3.on(GetObjectCommand).resolves(object(JSON.stringify(MINIMAL_CONFIG), 'v-42'));
    const verdict = await handler(at('configs/weekly.json'));
    expect(verdict).toMatchObject({ valid: true, issues: [], source: { type: 'S3', bucket: 'configs-bucket', key: 'configs/weekly.json', versionId: 'v-42' } });
    expect(verdict.plan?.datasetGroup.name).toBe('ops-group');
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({ Bucket: 'configs-bucket', Key: 'configs/weekly.json', VersionId: undefined });
  });

  test('the version in configLocation is the one read', async () => {
    s3.on(GetObjectCommand).resolves(object(JSON.stringify(MINIMAL_CONFIG), 'v-1'));
    const verdict = await handler(at('configs/weekly.json', 'v-1'));
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toMatchObject({ VersionId: 'v-1' });
    expect(verdict.source).toEqual({ type: 'S3', bucket: 'configs-bucket', key: 'configs/weekly.json', versionId: 'v-1' });
  });

  test('an empty or null versionId (an upload to a bucket without versioning) reads the latest version', async () => {
    s3.on(GetObjectCommand).resolves(object(JSON.stringify(MINIMAL_CONFIG)));
    for (const versionId of ['', null]) {
      s3.resetHistory();
      const verdict = await handler({ configLocation: { bucket: 'configs-bucket', key: 'configs/a.json', versionId } });
      expect(verdict.valid).toBe(true);
      expect(verdict.source).toEqual({ type: 'S3', bucket: 'configs-bucket', key: 'configs/a.json' });
      expect(s3.commandCalls(GetObjectCommand)[0].args[0].input.VersionId).toBeUndefined();
    }
  });

  test('a file that is not JSON is an INVALID_CONFIG verdict naming the file, line and column', async () => {
    s3.on(GetObjectCommand).resolves(object('{\n  "datasetGroup": {\n    "name": "x",\n  }\n}\n', 'v-7'));
    const verdict = await handler(at('configs/broken.json'));
    expect(verdict.valid).toBe(false);
    expect(verdict.issues).toEqual([{ path: '$', message: expect.stringMatching(/^s3:\/\/configs-bucket\/configs\/broken\.json:4:3: not valid JSON: .+/) }]);
    expect(verdict.message).toMatch(/^s3:\/\/configs-bucket\/configs\/broken\.json: The pipeline config is invalid \(1 problem\):\n- \$: s3:\/\/configs-bucket\/configs\/broken\.json:4:3: not valid JSON/);
    expect(verdict.source).toEqual({ type: 'S3', bucket: 'configs-bucket', key: 'configs/broken.json', versionId: 'v-7' });
  });

  test('a file with a byte order mark is read as its editor meant it', async () => {
    s3.on(GetObjectCommand).resolves(object(`\uFEFF${JSON.stringify(MINIMAL_CONFIG)}`));
    expect((await handler(at('configs/windows.json'))).valid).toBe(true);
  });

  test('a JSON file that is not a valid config is rejected with its issues by field path, and the message names the file', async () => {
    s3.on(GetObjectCommand).resolves(object(JSON.stringify({ datasetGroup: { serviceConfig: {} } })));
    const verdict = await handler(at('configs/incomplete.json'));
    expect(verdict.valid).toBe(false);
    expect(verdict.issues.map((i) => i.path)).toContain('datasetGroup.serviceConfig.name');
    expect(verdict.message).toMatch(/^s3:\/\/configs-bucket\/configs\/incomplete\.json: The pipeline config is invalid/);
  });

  test('a missing object is a verdict with the reason, not a crash', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    const verdict = await handler(at('configs/gone.json'));
    expect(verdict).toMatchObject({ valid: false, source: { type: 'S3', bucket: 'configs-bucket', key: 'configs/gone.json' } });
    expect(verdict.issues).toEqual([{ path: 'configLocation', message: 's3://configs-bucket/configs/gone.json cannot be read: NoSuchKey: The specified key does not exist.' }]);
  });

  test('a denied read is a verdict with the reason and what to check', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('AccessDenied', 'Access Denied', 403));
    const verdict = await handler(at('elsewhere/config.json', 'v-3'));
    expect(verdict.valid).toBe(false);
    expect(verdict.issues[0]).toEqual({
      path: 'configLocation',
      message: expect.stringMatching(/^s3:\/\/configs-bucket\/elsewhere\/config\.json \(version v-3\) cannot be read: AccessDenied: Access Denied \(the pipeline may read only the locations/),
    });
  });

  test('a missing version or bucket is a verdict too', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchVersion', 'The specified version does not exist.', 404));
    expect((await handler(at('configs/a.json', 'v-0'))).issues[0].message).toMatch(/NoSuchVersion: The specified version does not exist\./);
    s3.reset();
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchBucket', 'The specified bucket does not exist', 404));
    expect((await handler(at('configs/a.json'))).issues[0].message).toMatch(/NoSuchBucket/);
  });

  test('a key that arrives URL-encoded, as S3 event notifications encode keys, is found decoded', async () => {
    s3.on(GetObjectCommand, { Key: 'configs/weekly+full.json' }).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    s3.on(GetObjectCommand, { Key: 'configs/weekly full.json' }).resolves(object(JSON.stringify(MINIMAL_CONFIG)));
    const verdict = await handler(at('configs/weekly+full.json'));
    expect(verdict.valid).toBe(true);
    expect(verdict.source).toMatchObject({ key: 'configs/weekly full.json' });
  });

  test('an object larger than the Step Functions payload quota is refused unread', async () => {
    s3.on(GetObjectCommand).resolves({ Body: { transformToString: async () => { throw new Error('read'); } } as any, ContentLength: MAX_CONFIG_BYTES + 1 });
    const verdict = await handler(at('configs/huge.json'));
    expect(verdict.issues[0].message).toMatch(new RegExp(`the object is ${MAX_CONFIG_BYTES + 1} bytes; a config may have at most ${MAX_CONFIG_BYTES}`));
  });

  test('a fault of S3 itself is not a config problem: it throws, and the pipeline fails early with it', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('InternalError', 'We encountered an internal error.', 500, 'server'));
    await expect(handler(at('configs/a.json'))).rejects.toMatchObject({ name: 'ConfigReadError', message: expect.stringMatching(/s3:\/\/configs-bucket\/configs\/a\.json could not be read: InternalError/) });
  });

  test.each([
    ['not an object', { configLocation: 'configs/a.json' }, 'configLocation'],
    ['no bucket', { configLocation: { key: 'configs/a.json' } }, 'configLocation.bucket'],
    ['an empty key', { configLocation: { bucket: 'b', key: '' } }, 'configLocation.key'],
    ['a numeric version', { configLocation: { bucket: 'b', key: 'k', versionId: 3 } }, 'configLocation.versionId'],
    ['other fields beside it', { configLocation: { bucket: 'b', key: 'k' }, datasetGroup: {} }, '$'],
  ])('a configLocation with %s is an INVALID_CONFIG verdict at its path, and S3 is not called', async (_label, input, path) => {
    const verdict = await handler(input);
    expect(verdict.valid).toBe(false);
    expect(verdict.issues.map((i) => i.path)).toContain(path);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  test('a config given inline is validated as before, and its source says so', async () => {
    const verdict = await handler(MINIMAL_CONFIG);
    expect(verdict).toMatchObject({ valid: true, source: { type: 'INLINE' } });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });
});
