import { Aspects, IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { acknowledge, flatten } from '../wiring/nag-acknowledgements';

/** Which stored configs the validator may read, and why a pattern ends with `*`. @internal */
export interface ConfigReadAccessProps {
  /** The pipeline's validator: it reads the configs `configLocation` names. */
  readonly validateFunction: lambda.IFunction;
  readonly bucket: s3.IBucket;
  /** An object key, or a key prefix followed by `*`. */
  readonly keyPattern: string;
  /** Why the pattern is a wildcard, when it is one (the cdk-nag acknowledgement's reason). */
  readonly wildcardReason?: string;
}

/**
 * Lets the validator read stored configs: `s3:GetObject` and `s3:GetObjectVersion` on the given key or prefix only,
 * and `kms:Decrypt` through S3 on the bucket's key when the bucket has one (`bucket.encryptionKey`). A policy of its
 * own, attached to the validator's role, so that the wildcard of a prefix is acknowledged on the very policy that
 * holds it and nowhere else.
 * @internal
 */
export class ConfigReadAccess extends Construct {
  readonly policy: iam.Policy;

  constructor(scope: Construct, id: string, props: ConfigReadAccessProps) {
    super(scope, id);
    const role = props.validateFunction.role;
    if (!role) throw new Error(`validateFunction must have an execution role to be granted the configs, got: ${props.validateFunction.node.path} without one`);
    const objects = props.bucket.arnForObjects(props.keyPattern);
    const statements = [new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [objects] })];
    const key = props.bucket.encryptionKey;
    if (key) {
      statements.push(new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }));
    }
    this.policy = new iam.Policy(this, 'Policy', { statements });
    this.policy.attachToRole(role);
    if (props.wildcardReason) Aspects.of(this.policy).add(new AcknowledgeObjectWildcards(props.wildcardReason));
  }
}

/**
 * Acknowledges the cdk-nag AwsSolutions-IAM5 findings of the S3 object patterns of one policy, with their reason.
 * At synthesis (an Aspect), when logical IDs are final, the finding is rendered as cdk-nag renders it
 * (`flattenCfnReference`); recorded in the `aws:cdk:acknowledged-rules` metadata directly, as
 * `src/wiring/nag-acknowledgements.ts` does, because `Validations.acknowledge()` refuses an id with more than one
 * `::` (every `<AWS::Partition>` ARN has two).
 */
class AcknowledgeObjectWildcards implements IAspect {
  constructor(private readonly reason: string) {}

  visit(node: IConstruct): void {
    if (!(node instanceof iam.CfnPolicy)) return;
    const document = Stack.of(node).resolve(node.policyDocument) as { Statement?: Array<{ Effect?: string; Action?: unknown; Resource?: unknown }> };
    // cdk-nag reports a finding once per resource: it is acknowledged only when every statement that produces it
    // reads configs and nothing else (a wildcard added to this policy for anything else stays a finding).
    const reads = new Map<string, boolean>();
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      const readsOnly = list(statement.Action).every((a) => /^s3:GetObject(Version)?$/.test(String(a)));
      for (const resource of list(statement.Resource).map(flatten).filter((r) => r.includes('*'))) {
        reads.set(resource, (reads.get(resource) ?? true) && readsOnly);
      }
    }
    const findings = [...reads].filter(([, readsOnly]) => readsOnly).map(([resource]) => resource);
    if (findings.length === 0) return;
    acknowledge(node, Object.fromEntries(findings.map((f) => [`AwsSolutions-IAM5[Resource::${f}]`, this.reason])));
  }
}

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
