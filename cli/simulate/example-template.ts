import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CliError } from '../errors';

/** The example app's stack name (example/app.ts). */
export const EXAMPLE_STACK = 'PersonalizeMlOpsExample';

/**
 * Synthesizes the example app's stack as `example/app.ts` builds it (a pipeline with every option on,
 * `example/every-option.ts`, and a fleet over the demo bucket's `fleet/` prefix) and returns its template. The construct comes from this package and aws-cdk-lib from the user's project (a peer dependency): both
 * are loaded only here, so the other commands work without them.
 */
export function synthesizeExample(): unknown {
  let cdk: typeof import('aws-cdk-lib');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cdk = require('aws-cdk-lib');
  } catch {
    throw new CliError('simulate: synthesizing the example needs aws-cdk-lib (a peer dependency): `npm install aws-cdk-lib constructs`, or pass --template <file>');
  }
  // The bundle maps these to the package's compiled lib/ (projenrc/bundle-cli.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PersonalizeMlOpsPipeline } = require('../../src') as typeof import('../../src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DEMO_BUCKET, EVERY_OPTION } = require('../../example/every-option') as typeof import('../../example/every-option');
  const outdir = mkdtempSync(path.join(tmpdir(), 'personalize-mlops-simulate-'));
  try {
    const app = new cdk.App({ outdir });
    const stack = new cdk.Stack(app, EXAMPLE_STACK);
    const pipeline = new PersonalizeMlOpsPipeline(stack, 'PersonalizePipelineSolution', {
      ...EVERY_OPTION,
      fleet: { bucket: cdk.aws_s3.Bucket.fromBucketName(stack, 'DemoBucket', DEMO_BUCKET) },
    });
    new cdk.CfnOutput(stack, 'StateMachineArn', { value: pipeline.stateMachine.stateMachineArn });
    new cdk.CfnOutput(stack, 'FleetStateMachineArn', { value: pipeline.fleetStateMachine!.stateMachineArn });
    new cdk.CfnOutput(stack, 'EventBusName', { value: pipeline.eventBus.eventBusName });
    return app.synth().getStackByName(EXAMPLE_STACK).template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
