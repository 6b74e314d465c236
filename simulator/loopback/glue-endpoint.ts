import { FaceResponse, LoopbackServer } from './loopback-server';
import { GlueFake } from '../runner/glue-fake';

/**
 * Glue's `GetJob` over awsJson1_1 on loopback (`POST /`, `X-Amz-Target: AWSGlue.GetJob`, errors as `{"__type", "Message"}`:
 * Glue API reference, GetJob, https://docs.aws.amazon.com/glue/latest/webapi/API_GetJob.html), backed by the Glue fake,
 * so the pre-flight's real SDK client reaches it through `AWS_ENDPOINT_URL_GLUE`. Other operations are refused: the
 * pipeline starts runs through Step Functions' Glue integration, which the runner hands to the fake directly.
 */
export class GlueHttpEndpoint {
  /** The operations asked, in order. */
  readonly calls: string[] = [];

  private readonly server: LoopbackServer;

  constructor(glue: GlueFake) {
    this.server = new LoopbackServer((request) => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('AWSGlue.') ? target.slice('AWSGlue.'.length) : target;
      this.calls.push(operation);
      const send = (status: number, payload: unknown): FaceResponse => ({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(payload) });
      if (operation !== 'GetJob') return send(400, { __type: 'UnknownOperationException', Message: `The local Glue face does not serve ${operation}` });
      try {
        const { JobName } = JSON.parse(request.body || '{}') as { JobName?: string };
        return send(200, glue.getJob(String(JobName ?? '')));
      } catch (error) {
        return send(400, { __type: (error as Error).name, Message: (error as Error).message });
      }
    });
  }

  start(): Promise<string> { return this.server.start(); }
  stop(): Promise<void> { return this.server.stop(); }
  get url(): string { return this.server.url; }
}
