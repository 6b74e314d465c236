import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../../src';
import { OLDEST_NODE_MAJOR } from '../../src/wiring/lambda-runtime';
import { ALL_OPTIONS } from '../helpers/pipeline-fixture';

/** Every `AWS::Lambda::Function` the pipeline creates, with its Runtime as the template renders it. */
function runtimes(props: PersonalizeMlOpsPipelineProps, stackProps: { env?: { account: string; region: string } } = {}): unknown[] {
  const stack = new Stack(new App(), 'Runtime', stackProps);
  new PersonalizeMlOpsPipeline(stack, 'Pipeline', props);
  return Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).map((fn: any) => fn.Properties.Runtime);
}

/** The newest `nodejs<major>.<minor|x>` name of `lambda.Runtime.ALL`, worked out here on its own. */
function newestNodeName(): string {
  const versions = lambda.Runtime.ALL
    .map((r) => /^nodejs(\d+)\.(\d+|x)$/.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[0], major: Number(m[1]), minor: m[2] === 'x' ? 0 : Number(m[2]) }))
    .sort((a, b) => a.major - b.major || a.minor - b.minor);
  return versions[versions.length - 1].name;
}

const build = (props: PersonalizeMlOpsPipelineProps) => () => new PersonalizeMlOpsPipeline(new Stack(new App(), 'Props'), 'Pipeline', props);

describe('the functions\' runtime follows the installed aws-cdk-lib', () => {
  test('by default, every function runs the newest Node.js runtime this aws-cdk-lib knows, as a literal in an environment-agnostic stack', () => {
    const rendered = runtimes(ALL_OPTIONS);
    expect(rendered.length).toBeGreaterThanOrEqual(3);
    expect(new Set(rendered)).toEqual(new Set([newestNodeName()]));
    expect(new Set(runtimes({}, { env: { account: '123456789012', region: 'cn-north-1' } }))).toEqual(new Set([newestNodeName()]));
  });

  test('lambdaRuntime pins it', () => {
    expect(new Set(runtimes({ ...ALL_OPTIONS, lambdaRuntime: lambda.Runtime.NODEJS_22_X }))).toEqual(new Set(['nodejs22.x']));
  });

  test('a runtime aws-cdk-lib adds in a later release becomes the default, and cdk-nag\'s AwsSolutions-L1 agrees', () => {
    // What a newer aws-cdk-lib does: one more static `new Runtime(...)`, which registers itself in Runtime.ALL.
    const future = new lambda.Runtime(`nodejs${Number(/\d+/.exec(newestNodeName())![0]) + 2}.x`, lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true });
    try {
      const app = new App();
      const stack = new Stack(app, 'Future');
      new PersonalizeMlOpsPipeline(stack, 'Pipeline', {});
      const rendered = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).map((fn: any) => fn.Properties.Runtime);
      expect(new Set(rendered)).toEqual(new Set([future.name]));
      const l1 = new AwsSolutionsChecks(app).validateScope(stack).violations.filter((v) => v.ruleName === 'AwsSolutions-L1');
      expect(l1).toEqual([]);
    } finally {
      lambda.Runtime.ALL.splice(lambda.Runtime.ALL.indexOf(future), 1);
    }
  });

  test('the oldest runtime lambdaRuntime accepts is the one the handlers are bundled for', () => {
    const bundler = readFileSync(path.join(__dirname, '..', '..', 'projenrc', 'bundle-lambdas.mjs'), 'utf8');
    expect(/target: 'node(\d+)'/.exec(bundler)?.[1]).toBe(String(OLDEST_NODE_MAJOR));
    expect(build({ lambdaRuntime: lambda.Runtime.NODEJS_20_X })).not.toThrow();
  });

  test('a runtime whose name is a region lookup (determineLatestNodeRuntime in an environment-agnostic stack) is accepted', () => {
    const stack = new Stack(new App(), 'Lookup');
    expect(() => new PersonalizeMlOpsPipeline(stack, 'Pipeline', { lambdaRuntime: lambda.determineLatestNodeRuntime(stack) })).not.toThrow();
  });
});

describe('lambdaRuntime is validated at synth', () => {
  test('another family', () => {
    expect(build({ lambdaRuntime: lambda.Runtime.PYTHON_3_13 }))
      .toThrow('lambdaRuntime must be a Node.js runtime, nodejs20.x or later (the handlers are bundled for Node.js 20), got: python3.13');
  });

  test('a Node.js older than the bundles\' target', () => {
    expect(build({ lambdaRuntime: lambda.Runtime.NODEJS_18_X }))
      .toThrow('lambdaRuntime must be a Node.js runtime, nodejs20.x or later (the handlers are bundled for Node.js 20), got: nodejs18.x');
  });
});
