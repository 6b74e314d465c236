import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What a face answers: a status, a content type and a body. */
export interface FaceResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Headers besides the content type and request id (S3's `Content-Length` and `ETag` of an object). @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /** No answer at all: the connection is reset, as a network failure would (the SDK reports a client-side error). */
  readonly resetConnection?: boolean;
}

/** One request as a face reads it. */
export interface FaceRequest {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The request line's method and target (path and query), for faces of REST protocols (S3). */
  readonly method?: string;
  readonly url?: string;
}

/**
 * An HTTP server on a free loopback port that hands each whole request to one function: the emulated services'
 * faces (Personalize, Step Functions, CloudFormation, STS) are such functions. Never listens beyond 127.0.0.1.
 */
export class LoopbackServer {
  private server?: Server;
  private requestCount = 0;

  constructor(private readonly answer: (request: FaceRequest, requestId: string) => FaceResponse | Promise<FaceResponse>) {}

  /** Starts listening; returns the endpoint URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    // The SDK keeps connections alive between calls; Node's 5 s default would close one the client is about to
    // reuse (ECONNRESET) when a run pauses between calls. `stop` closes every connection.
    this.server.keepAliveTimeout = 10 * 60 * 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('The endpoint is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // The SDK keeps connections alive; without this, close waits for them to time out.
    server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const requestId = `local-${++this.requestCount}`;
      void Promise.resolve()
        .then(() => this.answer({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), method: req.method, url: req.url }, requestId))
        .catch((error: Error): FaceResponse => ({ status: 500, contentType: 'text/plain', body: error.message }))
        .then((response) => {
          if (response.resetConnection) {
            req.socket.destroy();
            return;
          }
          res.writeHead(response.status, { ...response.headers, 'content-type': response.contentType, 'x-amzn-requestid': requestId });
          res.end(response.body);
        });
    });
  }
}
