import { CfnResource, IAspect, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** A kind of wildcard the pipeline needs, and why. */
interface WildcardReason {
  /**
   * Matches the wildcard as cdk-nag renders it (`Resource::...` or `Action::...`), after `canonical()`: an ARN of
   * this stack reads `arn:<partition>:<service>:<region>:<account>:...` whether the stack renders those parts as
   * tokens or as literals.
   */
  readonly finding: RegExp;
  /** When set, every action of the statement must match it too. */
  readonly actions?: RegExp;
  readonly reason: string;
}

const REASONS: WildcardReason[] = [
  {
    finding: /^Resource::\*$/,
    actions: /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/,
    reason: 'X-Ray tracing and Step Functions log delivery actions take no resource ARN.',
  },
  {
    // Service Authorization Reference, Amazon Personalize: the List actions have no resource type.
    finding: /^Resource::\*$/,
    actions: /^personalize:List[A-Za-z]*\*?$/,
    reason: 'Personalize List actions take no resource ARN (read-only; Service Authorization Reference for Amazon Personalize).',
  },
  {
    // Service Authorization Reference, Amazon CloudWatch: GetMetricData and PutMetricData have no resource type.
    finding: /^Resource::\*$/,
    actions: /^cloudwatch:(GetMetricData|PutMetricData)$/,
    reason: 'CloudWatch GetMetricData (read-only) and PutMetricData take no resource ARN; PutMetricData is limited to the pipeline\'s namespace by the cloudwatch:namespace condition.',
  },
  {
    // Any resource type, so that a flow or a read-only call added later is covered by the same reason.
    finding: /^Resource::arn:<partition>:personalize:<region>:<account>:[a-z][a-z-]*\/\*$/,
    reason: 'Personalize resource names come from the execution input (the pipeline config); access is scoped to this account, region and resource type.',
  },
  {
    finding: /^Resource::arn:<partition>:personalize:<region>:<account>:\*$/,
    actions: /^personalize:((Describe|List)[A-Za-z]*\*?|GetSolutionMetrics)$/,
    reason: 'Read-only Personalize calls (checking a config against the account before anything is created) may read any Personalize resource of this account and region.',
  },
  {
    finding: /^Resource::arn:<partition>:personalize:::(recipe|feature-transformation)\/\*$/,
    reason: 'Recipes and feature transformations are AWS-owned and named by the config; they have no account or region.',
  },
  {
    finding: /^Action::personalize:(Describe|List)\*$/,
    reason: 'Read-only Personalize calls (Describe*/List*): the pipeline polls the status of the resources it creates.',
  },
  {
    finding: /^Resource::(<[A-Za-z0-9]+\.Arn>|arn:<partition>:lambda:<region>:<account>:function:[A-Za-z0-9_-]+):\*$/,
    actions: /^lambda:InvokeFunction$/,
    reason: 'Step Functions may invoke the versions and aliases of the pipeline\'s own function (CDK LambdaInvoke grant).',
  },
  {
    finding: /^Resource::arn:<partition>:states:<region>:<account>:execution:.+\*$/,
    actions: /^states:(DescribeExecution|StopExecution)$/,
    reason: 'Child executions get generated names; the grant covers the executions of that child state machine only (CDK StepFunctionsStartExecution grant).',
  },
  {
    finding: /^Resource::arn:<partition>:iam::<account>:role\/\*$/,
    actions: /^iam:PassRole$/,
    reason: 'Configs name the roles Personalize assumes; PassRole is limited to personalize.amazonaws.com by condition. Set personalizeRoleArns to list them.',
  },
  {
    finding: /^Resource::arn:<partition>:glue:<region>:<account>:job\/\*$/,
    // GetJob: the pre-flight checks that the job a run names exists, on the same jobs as the start grant.
    actions: /^glue:(StartJobRun|GetJobRun|GetJobRuns|BatchStopJobRun|GetJob)$/,
    reason: 'The config names the Glue job to run; set preProcessingConfig.allowedJobNames (or glueJob) to list the jobs.',
  },
  {
    finding: /^Resource::arn:<partition>:s3:::[^/]+\/.*\*$/,
    actions: /^s3:(GetObject\*?|GetBucket\*|List\*|PutObject|DeleteObject)$/,
    reason: 'The Glue job reads every file under its input prefix and its code assets, and writes under its output prefix only.',
  },
  {
    finding: /^Action::s3:(GetObject|GetBucket|List)\*$/,
    reason: 'Read access to the Glue job\'s code assets (CDK asset grantRead).',
  },
  {
    finding: /^Action::kms:(ReEncrypt|GenerateDataKey)\*$/,
    reason: 'Encrypt and decrypt with the pipeline\'s own key (CDK grantEncryptDecrypt); the statement names that key only.',
  },
  {
    finding: /^Resource::arn:<partition>:logs:<region>:<account>:log-group:\/aws-glue\/\*$/,
    reason: 'Glue writes its run logs to log groups it creates under /aws-glue/.',
  },
];

/** Renders a CloudFormation value as cdk-nag renders it in a finding (its `flattenCfnReference`). @internal */
export function flatten(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  const node = value as Record<string, any>;
  if (node['Fn::Join']) return (node['Fn::Join'][1] as unknown[]).map(flatten).join(node['Fn::Join'][0]);
  if (node['Fn::Sub']) return flatten(node['Fn::Sub']);
  if (node['Fn::GetAtt']) return `<${flatten(node['Fn::GetAtt'][0])}.${flatten(node['Fn::GetAtt'][1])}>`;
  if (node['Fn::ImportValue']) return flatten(node['Fn::ImportValue']);
  if (node.Ref) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(value);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Matches the head of an ARN of this stack as it appears in a finding. Each of partition, region and account is
 * rendered as its pseudo parameter in an environment-agnostic stack, and as a literal when the stack has one
 * (an explicit env; the partition with `@aws-cdk/core:enablePartitionLiterals`), so both are accepted. Another
 * account's, region's or partition's literal is not: that ARN stays a finding.
 */
function arnHead(stack: Stack): RegExp {
  const either = (pseudo: string, value: string) =>
    [`<${pseudo}>`, ...(Token.isUnresolved(value) ? [] : [value])].map(escape).join('|');
  const partition = either('AWS::Partition', stack.partition);
  const region = either('AWS::Region', stack.region);
  const account = either('AWS::AccountId', stack.account);
  return new RegExp(`^Resource::arn:(?:${partition}):([a-z0-9-]+):(${region})?:(${account})?:`);
}

/** The finding with this stack's partition, region and account written `<partition>`, `<region>`, `<account>`. */
function canonical(finding: string, head: RegExp): string {
  return finding.replace(head, (_match, service: string, region?: string, account?: string) =>
    `Resource::arn:<partition>:${service}:${region ? '<region>' : ''}:${account ? '<account>' : ''}:`);
}

/**
 * The reasons for a finding of a statement: every action of the statement needs one. Statements that share their
 * resources may be merged into one (`@aws-cdk/aws-iam:minimizePolicies`), so the actions of one statement may
 * come from several grants, each with its own reason.
 */
function reasonsFor(finding: string, actions: string[]): string[] | undefined {
  const candidates = REASONS.filter((r) => r.finding.test(finding));
  const reasons = actions.map((action) => candidates.find((r) => !r.actions || r.actions.test(action))?.reason);
  return actions.length > 0 && reasons.every((r) => r !== undefined) ? [...new Set(reasons as string[])] : undefined;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

type PolicyDocument = { Statement?: Array<Record<string, unknown>> };

/** The policy documents cdk-nag's AwsSolutions-IAM5 reads on a resource (`IAMNoWildcardPermissions`). */
function documentsOf(node: CfnResource): PolicyDocument[] {
  const stack = Stack.of(node);
  if (node instanceof iam.CfnPolicy || node instanceof iam.CfnManagedPolicy) return [stack.resolve(node.policyDocument)];
  if (node instanceof iam.CfnRole || node instanceof iam.CfnUser || node instanceof iam.CfnGroup) {
    const policies = list(stack.resolve(node.policies) as unknown[]).map((policy) => stack.resolve(policy) as iam.CfnRole.PolicyProperty);
    return policies.map((policy) => stack.resolve(policy.policyDocument));
  }
  return [];
}

/**
 * Acknowledges, on each IAM policy of the pipeline, the cdk-nag AwsSolutions-IAM5 findings (wildcards) the
 * pipeline needs, each with its reason. A wildcard that matches no known reason is left as a finding.
 * @internal
 */
export class NagAcknowledgements implements IAspect {
  visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const documents = documentsOf(node);
    if (documents.length === 0) return;
    const head = arnHead(Stack.of(node));
    // cdk-nag reports a finding once per resource: it is acknowledged only when every statement that
    // produces it has a known reason.
    const reasons = new Map<string, Set<string> | undefined>();
    for (const statement of documents.flatMap((document) => document.Statement ?? [])) {
      if (statement.Effect !== 'Allow') continue;
      const actions = list(statement.Action as string | string[]);
      const findings = [
        ...actions.filter((a) => a.includes('*')).map((a) => `Action::${a}`),
        ...list(statement.Resource).map(flatten).filter((r) => r.includes('*')).map((r) => `Resource::${r}`),
      ];
      for (const finding of findings) {
        const known = reasonsFor(canonical(finding, head), actions);
        const earlier = reasons.has(finding) ? reasons.get(finding) : new Set<string>();
        reasons.set(finding, known && earlier ? new Set([...earlier, ...known]) : undefined);
      }
    }
    const acknowledgements: Record<string, string> = {};
    for (const [finding, why] of reasons) if (why) acknowledgements[`AwsSolutions-IAM5[${finding}]`] = [...why].join(' ');
    if (Object.keys(acknowledgements).length > 0) acknowledge(node, acknowledgements);
  }
}

/**
 * Records acknowledgements as `Validations.of(node).acknowledge()` records them, in the metadata entry
 * cdk-nag reads (on both of its paths: `validateScope` and the `Validations.of(app).addPlugins` plugin walk the
 * construct tree for it). Written directly because aws-cdk-lib 2.258's `acknowledge` refuses an id with more than
 * one `::`, and every finding on an ARN with `<AWS::Partition>` has two.
 * @internal
 */
export function acknowledge(node: CfnResource, acknowledgements: Record<string, string>): void {
  const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
  const previous = node.node.metadata.filter((entry) => entry.type === key).pop()?.data ?? {};
  node.node.addMetadata(key, { ...previous, ...acknowledgements });
}
