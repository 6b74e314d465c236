import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { toWire } from './case-conversion';
import { PersonalizeEmulator } from './personalize-emulator';
import { PersonalizeError } from './personalize-error';

/**
 * Serves the emulator over HTTP as the real endpoint does (awsJson1_1: `POST /`, `X-Amz-Target:
 * AmazonPersonalize.<Operation>`, errors as `{"__type", "message"}`), so unmodified SDK code reaches it
 * through `AWS_ENDPOINT_URL_PERSONALIZE`. Listens on loopback only.
 */
export class PersonalizeHttpEndpoint {
  private server?: Server;

  constructor(private readonly emulator: PersonalizeEmulator) {}

  /** Starts listening on a free loopback port; returns the endpoint URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    // The SDK keeps connections alive between calls; Node's 5 s default would close one the client is about to
    // reuse (ECONNRESET) when a run pauses between calls. The runner closes every connection when it stops.
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
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('AmazonPersonalize.') ? target.slice('AmazonPersonalize.'.length) : '';
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `local-${this.emulator.calls.length}` });
        res.end(JSON.stringify(body));
      };
      try {
        const request = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        send(200, toWire(this.emulator.call(operation, request)));
      } catch (error) {
        if (error instanceof PersonalizeError && error.options.clientSide) {
          // No answer at all, as a reset connection: the SDK reports a client-side (networking) error.
          req.socket.destroy();
        } else if (error instanceof PersonalizeError) {
          send(error.httpStatus, { __type: error.errorName, message: error.message });
        } else {
          send(500, { __type: 'InternalFailure', message: (error as Error).message });
        }
      }
    });
  }
}
