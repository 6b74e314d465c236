import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';

/** Synthesizes a pipeline (Aspects apply at synthesis) and runs a cdk-nag pack over its stack. */
function findings(pack: 'AwsSolutions' | 'NIST', props: PersonalizeMlOpsPipelineProps, extend?: (pipeline: PersonalizeMlOpsPipeline) => void) {
  const app = new App();
  const stack = new Stack(app, 'Nag', { env: { account: '123456789012', region: 'us-east-1' } });
  const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', props);
  extend?.(pipeline);
  app.synth();
  const checks = pack === 'AwsSolutions' ? new AwsSolutionsChecks(app) : new NIST80053R5Checks(app);
  const report = checks.validateScope(stack);
  return { stack, rules: report.violations.map((v) => v.ruleName).sort() };
}

function acknowledgements(stack: Stack): Array<[string, string]> {
  return stack.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>)));
}

describe('cdk-nag AwsSolutions', () => {
  test.each([['the default pipeline', {}], ['the maximal pipeline', ALL_OPTIONS]])('%s has no unacknowledged finding', (_label, props) => {
    expect(findings('AwsSolutions', props).rules).toEqual([]);
  });

  test('every acknowledgement names its finding and says why', () => {
    const { stack } = findings('AwsSolutions', ALL_OPTIONS);
    const acks = acknowledgements(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const [id, reason] of acks) {
      expect(id).toMatch(/^AwsSolutions-IAM5\[(Resource|Action)::.+\]$/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });

  test('a wildcard of no known reason is still reported', () => {
    const { rules } = findings('AwsSolutions', {}, (pipeline) => {
      pipeline.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    });
    expect(rules).toEqual(['AwsSolutions-IAM5[Resource::*]']);
  });
});

describe('cdk-nag NIST 800-53 R5 (reported, see the README)', () => {
  test('without a customer-managed key: inline policies, unencrypted log groups, and Lambda settings that do not fit here', () => {
    expect(findings('NIST', ALL_OPTIONS).rules).toEqual([
      'NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-IAMNoInlinePolicy', 'NIST.800.53.R5-LambdaConcurrency',
      'NIST.800.53.R5-LambdaDLQ', 'NIST.800.53.R5-LambdaInsideVPC',
    ]);
  });

  test('with encryptionKey, every log group is encrypted', () => {
    const app = new App();
    const stack = new Stack(app, 'NagKey', { env: { account: '123456789012', region: 'us-east-1' } });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new PersonalizeMlOpsPipeline(stack, 'Pipeline', { ...ALL_OPTIONS, encryptionKey: key });
    app.synth();
    const rules = new NIST80053R5Checks(app).validateScope(stack).violations.map((v) => v.ruleName).sort();
    expect(rules).toEqual(['NIST.800.53.R5-IAMNoInlinePolicy', 'NIST.800.53.R5-LambdaConcurrency', 'NIST.800.53.R5-LambdaDLQ', 'NIST.800.53.R5-LambdaInsideVPC']);
  });
});
