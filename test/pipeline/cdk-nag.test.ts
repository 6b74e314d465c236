import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';
import { StackKind, STACK_KIND_ACCOUNT, STACK_KINDS } from '../helpers/stack-kinds';

const ACCOUNT = STACK_KIND_ACCOUNT;

const PIPELINES: Record<string, PersonalizeMlOpsPipelineProps> = { 'the default pipeline': {}, 'the maximal pipeline': ALL_OPTIONS };

/** What the AwsSolutions plugin reported in the cloud assembly's policy-validation-report.json. */
interface PluginReport {
  readonly status: string;
  readonly error?: string;
  readonly rules: string[];
}

interface Synthesized {
  readonly stack: Stack;
  /** Unacknowledged findings, by `AwsSolutionsChecks.validateScope` after synthesis. */
  readonly rules: string[];
  /** The AwsSolutions entry of the validation report: absent when the plugin ran and found nothing. */
  readonly plugin: PluginReport[];
  /** Whether synth failed on the validation report, as `cdk synth` would. */
  readonly synthFailed: boolean;
}

/**
 * Synthesizes a pipeline as a user's app does with cdk-nag through its documented plugin path
 * (`Validations.of(app).addPlugins(new AwsSolutionsChecks(app))`, cdk-nag's README), then also runs the pack
 * with `validateScope`.
 */
function synthesize(kind: StackKind, props: PersonalizeMlOpsPipelineProps, extend?: (pipeline: PersonalizeMlOpsPipeline) => void): Synthesized {
  // The report is read from outdir: synth may throw before it returns the assembly.
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-nag-'));
  const app = new App({ context: kind.context, outdir });
  const stack = new Stack(app, 'Nag', { env: kind.env });
  const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', props);
  extend?.(pipeline);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // On a failed validation, aws-cdk-lib 2.257 and 2.258 print the report and set the process exit code (kept out
  // of Jest's own exit code here); later releases throw.
  const exitCodeBefore = process.exitCode;
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let synthFailed = false;
  let synthError: unknown;
  process.exitCode = undefined;
  try {
    app.synth();
    synthFailed = process.exitCode === 1;
  } catch (error) {
    synthFailed = true;
    synthError = error;
  } finally {
    process.exitCode = exitCodeBefore;
    quiet.mockRestore();
  }
  // aws-cdk-lib 2.257 writes policy-validation-report.json (plugin name, status and metadata under `summary`);
  // 2.258 and later write validation-report.json (`pluginName`, `conclusion`, `metadata`).
  const file = ['validation-report.json', 'policy-validation-report.json'].map((name) => path.join(outdir, name)).find(existsSync);
  if (!file) throw synthError ?? new Error(`no validation report in ${outdir}`);
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const plugin = (report.pluginReports as any[])
    .filter((r) => (r.pluginName ?? r.summary?.pluginName) === 'AwsSolutions')
    .map((r) => ({
      status: r.conclusion ?? r.summary?.status,
      error: (r.metadata ?? r.summary?.metadata)?.error,
      rules: (r.violations as any[]).map((v) => v.ruleName).sort(),
    }));
  const rules = new AwsSolutionsChecks(app).validateScope(stack).violations.map((v) => v.ruleName).sort();
  return { stack, rules, plugin, synthFailed };
}

const synthesized = new Map<string, Synthesized>();
function matrixCell(kind: string, pipeline: string): Synthesized {
  const key = `${kind}|${pipeline}`;
  if (!synthesized.has(key)) synthesized.set(key, synthesize(STACK_KINDS[kind], PIPELINES[pipeline]));
  return synthesized.get(key)!;
}

const MATRIX = Object.keys(STACK_KINDS).flatMap((kind) => Object.keys(PIPELINES).map((pipeline) => [pipeline, kind]));

function acknowledgements(stack: Stack): Array<[string, string]> {
  return stack.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>)));
}

describe('cdk-nag AwsSolutions', () => {
  test.each(MATRIX)('%s in a stack (%s) has no unacknowledged finding (validateScope)', (pipeline, kind) => {
    expect(matrixCell(kind, pipeline).rules).toEqual([]);
  });

  test.each(MATRIX)('%s in a stack (%s) has no unacknowledged finding (plugin path, at synth)', (pipeline, kind) => {
    const { plugin, synthFailed } = matrixCell(kind, pipeline);
    expect(plugin).toEqual([]);
    expect(synthFailed).toBe(false);
  });

  test.each(Object.keys(STACK_KINDS))('every acknowledgement names its finding and says why (%s)', (kind) => {
    const acks = acknowledgements(matrixCell(kind, 'the maximal pipeline').stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const [id, reason] of acks) {
      expect(id).toMatch(/^AwsSolutions-IAM5\[(Resource|Action)::.+\]$/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });

  test.each(Object.keys(PIPELINES))('%s needs as many acknowledgements in every kind of stack', (pipeline) => {
    const counts = Object.keys(STACK_KINDS).map((kind) => acknowledgements(matrixCell(kind, pipeline).stack).length);
    expect(new Set(counts).size).toBe(1);
  });

  describe.each(['environment-agnostic', 'cdk init app, explicit env us-east-1'])('in a stack (%s)', (kind) => {
    test('a wildcard of no known reason is still reported, on both paths', () => {
      const { rules, plugin, synthFailed } = synthesize(STACK_KINDS[kind], {}, (pipeline) => {
        pipeline.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
      });
      expect(rules).toEqual(['AwsSolutions-IAM5[Resource::*]']);
      expect(plugin).toEqual([expect.objectContaining({ rules: ['AwsSolutions-IAM5[Resource::*]'] })]);
      expect(synthFailed).toBe(true);
    });

    test('Personalize List actions on every resource are acknowledged', () => {
      const { rules } = synthesize(STACK_KINDS[kind], {}, (pipeline) => {
        pipeline.datasetGroupStateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['personalize:ListDatasetGroups', 'personalize:List*'], resources: ['*'] }));
      });
      expect(rules).toEqual([]);
    });

    test('a Describe action on every resource is not, even beside a List statement that is', () => {
      const { rules } = synthesize(STACK_KINDS[kind], {}, (pipeline) => {
        pipeline.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['personalize:ListDatasetGroups'], resources: ['*'] }));
        pipeline.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['personalize:DescribeDatasetGroup'], resources: ['*'] }));
      });
      expect(rules).toEqual(['AwsSolutions-IAM5[Resource::*]']);
    });

    test('a read-only call on a Personalize resource type added later is covered by the resource-type reason', () => {
      const { rules } = synthesize(STACK_KINDS[kind], {}, (pipeline) => {
        const stack = Stack.of(pipeline);
        pipeline.stateMachine.addToRolePolicy(new iam.PolicyStatement({
          actions: ['personalize:Describe*'],
          resources: [stack.formatArn({ service: 'personalize', resource: 'solution-version', resourceName: '*' })],
        }));
      });
      expect(rules).toEqual([]);
    });

    test('read-only calls may read any Personalize resource of the account and region, a write call may not', () => {
      const { rules } = synthesize(STACK_KINDS[kind], {}, (pipeline) => {
        const stack = Stack.of(pipeline);
        const anyResource = `arn:${stack.partition}:personalize:${stack.region}:${stack.account}:*`;
        pipeline.datasetGroupStateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['personalize:Describe*'], resources: [anyResource] }));
        pipeline.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['personalize:DeleteCampaign'], resources: [anyResource] }));
      });
      expect(rules).toEqual([expect.stringMatching(/^AwsSolutions-IAM5\[Resource::arn:.+:personalize:.+:\*\]$/)]);
    });

    test('inline policies of a role in the pipeline are acknowledged too', () => {
      const { rules } = synthesize(STACK_KINDS[kind], {}, (pipeline) => {
        new iam.Role(pipeline, 'ReadOnly', {
          assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
          inlinePolicies: { Tracing: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] })] }) },
        });
      });
      expect(rules).toEqual([]);
    });
  });

  test('an ARN of another account or region is still reported', () => {
    const { rules } = synthesize(STACK_KINDS['cdk init app, explicit env us-east-1'], {}, (pipeline) => {
      const stack = Stack.of(pipeline);
      pipeline.stateMachine.addToRolePolicy(new iam.PolicyStatement({
        actions: ['personalize:DescribeDatasetGroup'],
        resources: [
          stack.formatArn({ service: 'personalize', account: '999999999999', resource: 'dataset-group', resourceName: '*' }),
          stack.formatArn({ service: 'personalize', region: 'eu-west-1', resource: 'dataset-group', resourceName: '*' }),
        ],
      }));
    });
    expect(rules).toEqual([
      'AwsSolutions-IAM5[Resource::arn:aws:personalize:eu-west-1:123456789012:dataset-group/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:personalize:us-east-1:999999999999:dataset-group/*]',
    ]);
  });
});

/** Runs the NIST 800-53 R5 pack over a pipeline in an explicit-env stack. */
function nistFindings(props: PersonalizeMlOpsPipelineProps, encrypted = false): string[] {
  const app = new App();
  const stack = new Stack(app, 'Nag', { env: { account: ACCOUNT, region: 'us-east-1' } });
  const encryptionKey = encrypted ? new kms.Key(stack, 'Key', { enableKeyRotation: true }) : undefined;
  new PersonalizeMlOpsPipeline(stack, 'Pipeline', { ...props, encryptionKey });
  app.synth();
  return new NIST80053R5Checks(app).validateScope(stack).violations.map((v) => v.ruleName).sort();
}

describe('cdk-nag NIST 800-53 R5 (reported, see docs/security.md)', () => {
  test('without a customer-managed key: inline policies, unencrypted log groups, and Lambda settings that do not fit here', () => {
    expect(nistFindings(ALL_OPTIONS)).toEqual([
      'NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-IAMNoInlinePolicy', 'NIST.800.53.R5-LambdaConcurrency',
      'NIST.800.53.R5-LambdaDLQ', 'NIST.800.53.R5-LambdaInsideVPC',
    ]);
  });

  test('with encryptionKey, every log group is encrypted', () => {
    expect(nistFindings(ALL_OPTIONS, true)).toEqual([
      'NIST.800.53.R5-IAMNoInlinePolicy', 'NIST.800.53.R5-LambdaConcurrency', 'NIST.800.53.R5-LambdaDLQ', 'NIST.800.53.R5-LambdaInsideVPC',
    ]);
  });
});
