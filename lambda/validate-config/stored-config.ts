import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { parseConfigText } from '../shared/config/read-config-text';
import { ValidationIssue } from '../shared/config/validation-issue';

/** Where a stored config is: the `configLocation` of an execution input. */
export interface ConfigLocation {
  readonly bucket: string;
  readonly key: string;
  /** Absent for the latest version (and for a bucket without versioning). */
  readonly versionId?: string;
}

/**
 * Where the config of an execution came from, as the verdict reports it (and the STARTED event carries it):
 * `INLINE` for a config given as the execution input itself, `S3` for one read from `configLocation`.
 */
export type ConfigSource =
  | { readonly type: 'INLINE' }
  | { readonly type: 'S3'; readonly bucket: string; readonly key: string; readonly versionId?: string };

/**
 * The largest config read. A config travels on as the plan in the verdict, and Step Functions caps a state's
 * input and output at 256 KiB (Step Functions Developer Guide, "Service quotas": maximum input or output size for
 * a task, state, or execution); a larger file cannot run, so it is refused before it is read.
 */
export const MAX_CONFIG_BYTES = 256 * 1024;

/** A read that failed for reasons S3 gave about the object or the request: the config's problem, a verdict. */
export type StoredConfig =
  | { readonly ok: true; readonly document: unknown; readonly source: ConfigSource }
  | { readonly ok: false; readonly issues: ValidationIssue[]; readonly source: ConfigSource };

/** S3 itself failed (a 5xx, a dropped connection) after the SDK's retries: not the config's fault, so it throws. */
export class ConfigReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigReadError';
  }
}

/**
 * The `configLocation` of an execution input, when it has one. An input with `configLocation` is a reference to a
 * stored config (what S3-triggered runs and S3-based schedules start the pipeline with), never a config: the
 * config schema has no such field. Its shape problems are issues, like any config's.
 */
export function configLocationOf(input: unknown): { location?: ConfigLocation; issues: ValidationIssue[] } | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('configLocation' in input)) return undefined;
  const { configLocation, ...others } = input as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const extra = Object.keys(others);
  if (extra.length > 0) {
    issues.push({ path: '$', message: `an input with configLocation must hold nothing else, got also: ${extra.join(', ')}` });
  }
  if (typeof configLocation !== 'object' || configLocation === null || Array.isArray(configLocation)) {
    issues.push({ path: 'configLocation', message: `must be an object { bucket, key, versionId? }, got: ${JSON.stringify(configLocation)}` });
    return { issues };
  }
  const { bucket, key, versionId } = configLocation as Record<string, unknown>;
  if (typeof bucket !== 'string' || bucket === '') {
    issues.push({ path: 'configLocation.bucket', message: `must be a bucket name, got: ${JSON.stringify(bucket)}` });
  }
  if (typeof key !== 'string' || key === '') {
    issues.push({ path: 'configLocation.key', message: `must be an object key, got: ${JSON.stringify(key)}` });
  }
  // An S3 event of a bucket without versioning has no version-id: the rule's input then carries an empty one.
  if (versionId !== undefined && versionId !== null && typeof versionId !== 'string') {
    issues.push({ path: 'configLocation.versionId', message: `must be a version ID (or absent for the latest version), got: ${JSON.stringify(versionId)}` });
  }
  if (issues.length > 0) return { issues };
  return {
    location: { bucket: bucket as string, key: key as string, ...(typeof versionId === 'string' && versionId !== '' ? { versionId } : {}) },
    issues,
  };
}

const clients = new Map<string, S3Client>();

/**
 * One client per endpoint, reused by warm invocations; it follows a bucket's region when the bucket is in another one.
 * The endpoint comes from AWS_ENDPOINT_URL_S3 (the SDK reads it), empty in AWS; local runs point each run at their S3
 * stand-in, which has no bucket subdomains: path-style requests there, virtual-hosted ones in AWS.
 */
function s3(): S3Client {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? '';
  let client = clients.get(endpoint);
  if (!client) {
    client = new S3Client({ followRegionRedirects: true, forcePathStyle: endpoint !== '' });
    clients.set(endpoint, client);
  }
  return client;
}

/** `s3://bucket/key` and its version, as messages name the object. */
export function describeLocation(location: ConfigLocation): string {
  return `s3://${location.bucket}/${location.key}${location.versionId ? ` (version ${location.versionId})` : ''}`;
}

/**
 * Reads and parses a stored config. What S3 answers about the object or the request (no such key, bucket or
 * version, access denied, an archived object) and text that is not JSON are issues of a verdict, located by
 * `configLocation` or by the file's line and column; only a fault of S3 itself throws.
 */
export async function readStoredConfig(location: ConfigLocation): Promise<StoredConfig> {
  const first = await getObject(location);
  // S3 event notifications URL-encode keys ("red flower.json" arrives as "red+flower.json"); the documentation of
  // S3 events on EventBridge is silent on it. A key that is not found is tried once more decoded, so either works.
  const decoded = decodedKey(location.key);
  const read = !first.ok && first.notFound && decoded !== undefined ? await getObject({ ...location, key: decoded }) : first;
  const used = read === first ? location : { ...location, key: decoded! };
  // The version read (S3 names it when the bucket is versioned), else the one asked for.
  const versionId = (read.ok ? read.versionId : undefined) ?? used.versionId;
  const source: ConfigSource = { type: 'S3', bucket: used.bucket, key: used.key, ...(versionId ? { versionId } : {}) };
  if (!read.ok) return { ok: false, source, issues: [{ path: 'configLocation', message: `${describeLocation(location)} cannot be read: ${read.reason}` }] };
  const parsed = parseConfigText(read.text);
  if (!parsed.ok) {
    return { ok: false, source, issues: [{ path: '$', message: `s3://${used.bucket}/${used.key}:${parsed.line}:${parsed.column}: not valid JSON: ${parsed.reason}` }] };
  }
  return { ok: true, document: parsed.value, source };
}

type ObjectRead =
  | { ok: true; text: string; versionId?: string }
  | { ok: false; reason: string; notFound: boolean };

async function getObject(location: ConfigLocation): Promise<ObjectRead> {
  try {
    const response = await s3().send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: location.versionId }));
    if ((response.ContentLength ?? 0) > MAX_CONFIG_BYTES) {
      // Not read: the body is dropped unconsumed.
      (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return { ok: false, notFound: false, reason: `the object is ${response.ContentLength} bytes; a config may have at most ${MAX_CONFIG_BYTES} (the Step Functions payload quota)` };
    }
    const text = (await response.Body?.transformToString('utf-8')) ?? '';
    return { ok: true, text, versionId: response.VersionId };
  } catch (error) {
    if (error instanceof S3ServiceException && error.$fault === 'client') {
      const notFound = error.name === 'NoSuchKey' || error.$metadata?.httpStatusCode === 404;
      return { ok: false, notFound, reason: `${error.name}: ${error.message}${hint(error.name)}` };
    }
    throw new ConfigReadError(`${describeLocation(location)} could not be read: ${(error as Error).name}: ${(error as Error).message}`);
  }
}

/** What to do about the errors a user meets, in words. */
function hint(name: string): string {
  if (name === 'AccessDenied') return ' (the pipeline may read only the locations its schedules and S3-triggered runs name; a KMS-encrypted object also needs its key on the bucket)';
  if (name === 'InvalidObjectState') return ' (the object is archived: restore it first)';
  return '';
}

/** The key URL-decoded as S3 event notifications encode it, when that differs from the key. */
function decodedKey(key: string): string | undefined {
  if (!/[+%]/.test(key)) return undefined;
  try {
    const decoded = decodeURIComponent(key.replace(/\+/g, ' '));
    return decoded === key ? undefined : decoded;
  } catch {
    return undefined;
  }
}
