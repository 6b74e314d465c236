import { CfnResource, IAspect, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** A kind of wildcard the pipeline needs, and why. */
interface WildcardReason {
  /** Matches the wildcard as cdk-nag renders it (`Resource::...` or `Action::...`). */
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
    finding: /^Resource::arn:<AWS::Partition>:personalize:[^:]+:[^:]+:(dataset-group|schema|dataset|dataset-import-job|filter|event-tracker|solution|campaign|batch-inference-job|batch-segment-job|recommender)\/\*$/,
    reason: 'Personalize resource names come from the execution input (the pipeline config); access is scoped to this account, region and resource type.',
  },
  {
    finding: /^Resource::arn:<AWS::Partition>:personalize:::recipe\/\*$/,
    reason: 'Recipes are AWS-owned and named by the config; they have no account or region.',
  },
  {
    finding: /^Resource::<[A-Za-z0-9]+\.Arn>:\*$/,
    actions: /^lambda:InvokeFunction$/,
    reason: 'Step Functions may invoke the versions and aliases of the pipeline\'s own function (CDK LambdaInvoke grant).',
  },
  {
    finding: /^Resource::arn:<AWS::Partition>:states:[^:]+:[^:]+:execution:.*\*$/,
    actions: /^states:(DescribeExecution|StopExecution)$/,
    reason: 'Child executions get generated names; the grant covers the executions of that child state machine only (CDK StepFunctionsStartExecution grant).',
  },
  {
    finding: /^Resource::arn:<AWS::Partition>:iam::[^:]+:role\/\*$/,
    actions: /^iam:PassRole$/,
    reason: 'Configs name the roles Personalize assumes; PassRole is limited to personalize.amazonaws.com by condition. Set personalizeRoleArns to list them.',
  },
  {
    finding: /^Resource::arn:<AWS::Partition>:glue:[^:]+:[^:]+:job\/\*$/,
    actions: /^glue:(StartJobRun|GetJobRun|GetJobRuns|BatchStopJobRun)$/,
    reason: 'The config names the Glue job to run; set preProcessingConfig.allowedJobNames (or glueJob) to list the jobs.',
  },
  {
    finding: /^Resource::arn:<AWS::Partition>:s3:::[^/]+\/.*\*$/,
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
    finding: /^Resource::arn:<AWS::Partition>:logs:[^:]+:[^:]+:log-group:\/aws-glue\/\*$/,
    reason: 'Glue writes its run logs to log groups it creates under /aws-glue/.',
  },
];

/** Renders a CloudFormation value as cdk-nag renders it in a finding. */
function flatten(value: unknown): string {
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

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Acknowledges, on each IAM policy of the pipeline, the cdk-nag AwsSolutions-IAM5 findings (wildcards) the
 * pipeline needs, each with its reason. A wildcard that matches no known reason is left as a finding.
 * @internal
 */
export class NagAcknowledgements implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof iam.CfnPolicy)) return;
    const document = Stack.of(node).resolve(node.policyDocument) as { Statement?: Array<Record<string, unknown>> };
    // cdk-nag reports a finding once per policy: it is acknowledged only when every statement that
    // produces it has a known reason.
    const reasons = new Map<string, string | undefined>();
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      const actions = list(statement.Action as string | string[]);
      const findings = [
        ...actions.filter((a) => a.includes('*')).map((a) => `Action::${a}`),
        ...list(statement.Resource).map(flatten).filter((r) => r.includes('*')).map((r) => `Resource::${r}`),
      ];
      for (const finding of findings) {
        const known = REASONS.find((r) => r.finding.test(finding) && (!r.actions || actions.every((a) => r.actions!.test(a))));
        const earlier = reasons.has(finding) ? reasons.get(finding) : known?.reason;
        reasons.set(finding, known && earlier !== undefined ? earlier : undefined);
      }
    }
    for (const [finding, reason] of reasons) if (reason === undefined) reasons.delete(finding);
    if (reasons.size > 0) acknowledge(node, Object.fromEntries([...reasons].map(([finding, reason]) => [`AwsSolutions-IAM5[${finding}]`, reason!])));
  }
}

/**
 * Records acknowledgements as `Validations.of(node).acknowledge()` records them, in the metadata entry
 * cdk-nag reads. Written directly because aws-cdk-lib 2.257's `acknowledge` refuses an id with more than one
 * `::`, and every finding on an ARN with `<AWS::Partition>` has two.
 */
function acknowledge(node: CfnResource, acknowledgements: Record<string, string>): void {
  const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
  const previous = node.node.metadata.filter((entry) => entry.type === key).pop()?.data ?? {};
  node.node.addMetadata(key, { ...previous, ...acknowledgements });
}
