import { FaceResponse, LoopbackServer } from './loopback-server';

/** Objects by `s3://bucket/key`: what the pre-flight may find by listing. Holds no content. */
export class S3Objects {
  private readonly keys = new Set<string>();

  /** Adds objects, as `s3://bucket/key` URIs. */
  put(...uris: string[]): this {
    for (const uri of uris) this.keys.add(uri);
    return this;
  }

  /** Deletes objects, as `s3://bucket/key` URIs. */
  delete(...uris: string[]): this {
    for (const uri of uris) this.keys.delete(uri);
    return this;
  }

  /** Whether the bucket holds any object (a bucket without objects is unknown to the fake). */
  hasBucket(bucket: string): boolean {
    return [...this.keys].some((uri) => uri.startsWith(`s3://${bucket}/`));
  }

  /** The keys of a bucket under a prefix, in UTF-8 binary order (S3 API reference, ListObjectsV2: "returned in ... ascending order"). */
  list(bucket: string, prefix: string): string[] {
    const head = `s3://${bucket}/`;
    return [...this.keys].filter((uri) => uri.startsWith(head)).map((uri) => uri.slice(head.length)).filter((key) => key.startsWith(prefix)).sort();
  }
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * S3's `ListObjectsV2` (path-style `GET /<bucket>?list-type=2&prefix=...&max-keys=...`, a `ListBucketResult` XML answer,
 * `NoSuchBucket` as a 404 XML error: S3 API reference, ListObjectsV2,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html) on loopback, over `S3Objects`, for the
 * pre-flight's real SDK client through `AWS_ENDPOINT_URL_S3`. Nothing else is served.
 */
export class S3HttpEndpoint {
  /** The requests, as `<method> <bucket> <prefix>`. */
  readonly calls: string[] = [];

  private readonly server: LoopbackServer;

  constructor(objects: S3Objects) {
    this.server = new LoopbackServer((request, requestId) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
      const prefix = url.searchParams.get('prefix') ?? '';
      this.calls.push(`${request.method} ${bucket} ${prefix}`);
      const xml = (status: number, body: string): FaceResponse => ({ status, contentType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` });
      const error = (status: number, code: string, message: string) =>
        xml(status, `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`);
      if (request.method !== 'GET' || url.searchParams.get('list-type') !== '2' || !bucket) {
        return error(501, 'NotImplemented', 'The local S3 face serves ListObjectsV2 only');
      }
      if (!objects.hasBucket(bucket)) return error(404, 'NoSuchBucket', 'The specified bucket does not exist');
      const maxKeys = Number(url.searchParams.get('max-keys') ?? 1000);
      const all = objects.list(bucket, prefix);
      const keys = all.slice(0, maxKeys);
      const contents = keys.map((key) => `<Contents><Key>${escapeXml(key)}</Key><Size>0</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('');
      return xml(200, '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        + `<Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>`
        + `<IsTruncated>${all.length > keys.length}</IsTruncated>${contents}</ListBucketResult>`);
    });
  }

  start(): Promise<string> { return this.server.start(); }
  stop(): Promise<void> { return this.server.stop(); }
  get url(): string { return this.server.url; }
}
