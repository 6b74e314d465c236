import { Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * The oldest Node.js major the handlers run on: projenrc/bundle-lambdas.mjs bundles them with esbuild's
 * `target: 'node20'` (a test keeps the two equal).
 * @internal
 */
export const OLDEST_NODE_MAJOR = 20;

/** `nodejs22.x`, `nodejs4.3`: the major and minor of a Node.js runtime name (`x` counts as 0). */
function nodeVersion(name: string): [number, number] | undefined {
  const m = /^nodejs(\d+)(?:\.(\d+|x))?$/.exec(name);
  return m ? [Number(m[1]), m[2] === undefined || m[2] === 'x' ? 0 : Number(m[2])] : undefined;
}

/**
 * The newest Node.js runtime the aws-cdk-lib in use knows (a peer dependency: the app's own copy), as a concrete
 * name in every stack. `Runtime.NODEJS_LATEST` lags a release behind, and `determineLatestNodeRuntime` renders a
 * region lookup in environment-agnostic stacks; cdk-nag's AwsSolutions-L1 wants the newest name of the family in
 * `Runtime.ALL`, which is what this picks, so the functions follow the app's aws-cdk-lib on either side of an
 * upgrade.
 * @internal
 */
export function newestNodeRuntime(): lambda.Runtime {
  let newest: { runtime: lambda.Runtime; version: [number, number] } | undefined;
  for (const runtime of lambda.Runtime.ALL) {
    const version = runtime.family === lambda.RuntimeFamily.NODEJS && !runtime.isVariable ? nodeVersion(runtime.name) : undefined;
    if (version && (!newest || version[0] > newest.version[0] || (version[0] === newest.version[0] && version[1] > newest.version[1]))) {
      newest = { runtime, version };
    }
  }
  if (!newest) throw new Error('aws-cdk-lib knows no Node.js Lambda runtime (lambda.Runtime.ALL has none)');
  return newest.runtime;
}

/**
 * Refuses a runtime the handlers cannot run on: another family, or a Node.js older than the bundles' target. A
 * runtime whose name is a token (`determineLatestNodeRuntime` in an environment-agnostic stack) is checked by its
 * family only.
 * @internal
 */
export function validateLambdaRuntime(runtime: lambda.Runtime, prop: string): void {
  const version = Token.isUnresolved(runtime.name) ? undefined : nodeVersion(runtime.name);
  const isNode = runtime.family === lambda.RuntimeFamily.NODEJS && (version !== undefined || Token.isUnresolved(runtime.name));
  if (!isNode || (version !== undefined && version[0] < OLDEST_NODE_MAJOR)) {
    throw new Error(`${prop} must be a Node.js runtime, nodejs${OLDEST_NODE_MAJOR}.x or later (the handlers are bundled for Node.js ${OLDEST_NODE_MAJOR}), got: ${runtime.name}`);
  }
}
