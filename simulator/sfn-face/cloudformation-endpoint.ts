import { queryError, queryParameters, queryResult, xmlElements } from './query-protocol';
import { LoopbackServer, FaceRequest, FaceResponse } from '../loopback/loopback-server';
import { ResolveEnvironment, TemplateResolver } from '../runner/template-resolver';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** A deployed stack as DescribeStacks shows it. */
export interface FaceStack {
  readonly name: string;
  /** Output key → value. */
  readonly outputs: Record<string, string>;
}

/**
 * CloudFormation's `DescribeStacks`, and nothing else, over the query protocol on loopback, for the command line's
 * `--stack`: the stacks are given, with their outputs (source: CloudFormation API reference, DescribeStacks; a stack
 * that does not exist is `ValidationError` "Stack with id <name> does not exist", HTTP 400).
 */
export class CloudFormationHttpEndpoint {
  /** The outputs a synthesized template would have once deployed, resolved as the local runner names resources. */
  static outputsOf(template: any, env: ResolveEnvironment): Record<string, string> {
    const resolver = new TemplateResolver(template, env);
    return Object.fromEntries(Object.entries<any>(template.Outputs ?? {}).map(([key, output]) => [key, String(resolver.resolve(output.Value))]));
  }

  /** The actions asked for, in order. */
  readonly calls: string[] = [];
  private readonly server = new LoopbackServer((request, id) => this.answer(request, id));

  constructor(private readonly stacks: readonly FaceStack[], private readonly env: ResolveEnvironment) {}

  start(): Promise<string> { return this.server.start(); }
  stop(): Promise<void> { return this.server.stop(); }
  get url(): string { return this.server.url; }

  private answer(request: FaceRequest, requestId: string): FaceResponse {
    const parameters = queryParameters(request);
    const action = parameters.get('Action') ?? '';
    this.calls.push(action);
    if (action !== 'DescribeStacks') return queryError(NAMESPACE, 400, 'InvalidAction', `The local face does not serve ${action}`, requestId);
    const wanted = parameters.get('StackName');
    const stacks = wanted ? this.stacks.filter((s) => s.name === wanted || this.stackId(s) === wanted) : this.stacks;
    if (wanted && stacks.length === 0) return queryError(NAMESPACE, 400, 'ValidationError', `Stack with id ${wanted} does not exist`, requestId);
    const members = stacks.map((stack) => {
      const outputs = Object.entries(stack.outputs)
        .map(([key, value]) => `<member>${xmlElements({ OutputKey: key, OutputValue: value })}</member>`).join('');
      return `<member>${xmlElements({
        StackId: this.stackId(stack), StackName: stack.name, CreationTime: '2026-01-01T00:00:00.000Z', StackStatus: 'CREATE_COMPLETE', Outputs: outputs,
      }, ['Outputs'])}</member>`;
    });
    return queryResult(NAMESPACE, 'DescribeStacks', `<Stacks>${members.join('')}</Stacks>`, requestId);
  }

  private stackId(stack: FaceStack): string {
    return `arn:${this.env.partition}:cloudformation:${this.env.region}:${this.env.account}:stack/${stack.name}/00000000-0000-0000-0000-000000000000`;
  }
}
