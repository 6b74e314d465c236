import { queryError, queryParameters, queryResult, xmlElements } from './query-protocol';
import { FaceRequest, FaceResponse, LoopbackServer } from '../loopback/loopback-server';
import { ResolveEnvironment } from '../runner/template-resolver';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * STS `GetCallerIdentity` over the query protocol on loopback: who the command line's credentials are, for the
 * account of `plan` (source: STS API reference, GetCallerIdentity: Account, Arn, UserId).
 */
export class StsHttpEndpoint {
  readonly calls: string[] = [];
  private readonly server = new LoopbackServer((request, id) => this.answer(request, id));

  constructor(private readonly env: ResolveEnvironment) {}

  start(): Promise<string> { return this.server.start(); }
  stop(): Promise<void> { return this.server.stop(); }
  get url(): string { return this.server.url; }

  private answer(request: FaceRequest, requestId: string): FaceResponse {
    const action = queryParameters(request).get('Action') ?? '';
    this.calls.push(action);
    if (action !== 'GetCallerIdentity') return queryError(NAMESPACE, 400, 'InvalidAction', `The local face does not serve ${action}`, requestId);
    const { partition, account } = this.env;
    return queryResult(NAMESPACE, 'GetCallerIdentity', xmlElements({
      UserId: 'AIDALOCALUSER', Account: account, Arn: `arn:${partition}:iam::${account}:user/local`,
    }), requestId);
  }
}
