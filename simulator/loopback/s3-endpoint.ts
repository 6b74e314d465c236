import { createHash } from 'node:crypto';
import { FaceResponse, LoopbackServer } from './loopback-server';

/**
 * Objects by `s3://bucket/key`: what the pre-flight may find by listing, and what a fleet lists and its validator
 * reads (GetObject). An object put without content is empty.
 */
export class S3Objects {
  private readonly objects = new Map<string, string>();

  /** Adds empty objects, as `s3://bucket/key` URIs (what only listings need, such as a Glue job's input files). */
  put(...uris: string[]): this {
    for (const uri of uris) this.objects.set(uri, '');
    return this;
  }

  /** Adds an object with its content, as a `s3://bucket/key` URI and UTF-8 text. */
  putObject(uri: string, body: string): this {
    this.objects.set(uri, body);
    return this;
  }

  /** Deletes objects, as `s3://bucket/key` URIs. */
  delete(...uris: string[]): this {
    for (const uri of uris) this.objects.delete(uri);
    return this;
  }

  /** Whether the bucket holds any object (a bucket without objects is unknown to the fake). */
  hasBucket(bucket: string): boolean {
    return [...this.objects.keys()].some((uri) => uri.startsWith(`s3://${bucket}/`));
  }

  /** The keys of a bucket under a prefix, in UTF-8 binary order (S3 API reference, ListObjectsV2: "returned in ... ascending order"). */
  list(bucket: string, prefix: string): string[] {
    const head = `s3://${bucket}/`;
    return [...this.objects.keys()].filter((uri) => uri.startsWith(head)).map((uri) => uri.slice(head.length))
      .filter((key) => key.startsWith(prefix)).sort();
  }

  /** An object's content, or undefined when there is no such object. */
  body(bucket: string, key: string): string | undefined {
    return this.objects.get(`s3://${bucket}/${key}`);
  }
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * S3's `ListObjectsV2` (path-style `GET /<bucket>?list-type=2&prefix=...&max-keys=...`, a `ListBucketResult` XML answer:
 * S3 API reference, ListObjectsV2, https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html) and
 * `GetObject` (path-style `GET /<bucket>/<key>`, the content as the body with its Content-Length and ETag: S3 API
 * reference, GetObject, https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html) on loopback, over
 * `S3Objects`, for the handlers' real SDK clients through `AWS_ENDPOINT_URL_S3` (the pre-flight lists, the validator
 * reads a fleet's configs). Errors as S3 gives them, 404 XML: `NoSuchBucket`, `NoSuchKey`, and `NoSuchVersion` for any
 * version ID (the fake keeps no versions). Nothing else is served.
 */
export class S3HttpEndpoint {
  /** The requests, as `<method> <bucket> <prefix>` for a listing and `<method> <bucket>/<key>` for a read. */
  readonly calls: string[] = [];

  private readonly server: LoopbackServer;

  constructor(objects: S3Objects) {
    this.server = new LoopbackServer((request, requestId) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const [rawBucket = '', ...rawKey] = url.pathname.slice(1).split('/');
      const bucket = decodeURIComponent(rawBucket);
      const key = decodeURIComponent(rawKey.join('/'));
      const xml = (status: number, body: string): FaceResponse => ({ status, contentType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` });
      const error = (status: number, code: string, message: string) =>
        xml(status, `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`);
      const listing = request.method === 'GET' && url.searchParams.get('list-type') === '2' && bucket !== '' && key === '';
      const read = request.method === 'GET' && bucket !== '' && key !== '';
      if (!listing && !read) return error(501, 'NotImplemented', 'The local S3 face serves ListObjectsV2 and GetObject only');
      if (read) {
        this.calls.push(`${request.method} ${bucket}/${key}`);
        if (!objects.hasBucket(bucket)) return error(404, 'NoSuchBucket', 'The specified bucket does not exist');
        const versionId = url.searchParams.get('versionId');
        if (versionId !== null && versionId !== 'null') return error(404, 'NoSuchVersion', 'The specified version does not exist.');
        const body = objects.body(bucket, key);
        if (body === undefined) return error(404, 'NoSuchKey', 'The specified key does not exist.');
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        return { status: 200, contentType: 'binary/octet-stream', body, headers: { 'content-length': String(Buffer.byteLength(body)), 'etag': etag } };
      }
      const prefix = url.searchParams.get('prefix') ?? '';
      this.calls.push(`${request.method} ${bucket} ${prefix}`);
      if (!objects.hasBucket(bucket)) return error(404, 'NoSuchBucket', 'The specified bucket does not exist');
      const maxKeys = Number(url.searchParams.get('max-keys') ?? 1000);
      const all = objects.list(bucket, prefix);
      const keys = all.slice(0, maxKeys);
      const size = (k: string) => Buffer.byteLength(objects.body(bucket, k) ?? '');
      const contents = keys.map((k) => `<Contents><Key>${escapeXml(k)}</Key><Size>${size(k)}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('');
      return xml(200, '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        + `<Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>`
        + `<IsTruncated>${all.length > keys.length}</IsTruncated>${contents}</ListBucketResult>`);
    });
  }

  start(): Promise<string> { return this.server.start(); }
  stop(): Promise<void> { return this.server.stop(); }
  get url(): string { return this.server.url; }
}
