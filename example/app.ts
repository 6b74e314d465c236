import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DEMO_BUCKET, EVERY_OPTION } from './every-option';
import { PersonalizeMlOpsPipeline } from '../src';

/** The example stack: a pipeline with every option on. */
const app = new App();
const stack = new Stack(app, 'PersonalizeMlOpsExample', {
  description: 'personalize-mlops example: an Amazon Personalize MLOps pipeline with every option on',
});
const pipeline = new PersonalizeMlOpsPipeline(stack, 'PersonalizePipelineSolution', {
  ...EVERY_OPTION,
  // A fleet: every config under fleet/ of the demo bucket, a few at a time (`personalize-mlops start --fleet s3://.../fleet/`).
  fleet: { bucket: s3.Bucket.fromBucketName(stack, 'DemoBucket', DEMO_BUCKET) },
});
// What a user needs after `cdk deploy`: the state machine to start with a config, the bus to subscribe to.
new CfnOutput(stack, 'StateMachineArn', { value: pipeline.stateMachine.stateMachineArn, description: 'Start it with a pipeline config' });
new CfnOutput(stack, 'FleetStateMachineArn', { value: pipeline.fleetStateMachine!.stateMachineArn, description: 'Start it with {} or { "prefix": "fleet/<narrower>/" }' });
new CfnOutput(stack, 'EventBusName', { value: pipeline.eventBus.eventBusName, description: 'The pipeline publishes its status events here' });
app.synth();
