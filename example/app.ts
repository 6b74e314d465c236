import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { EVERY_OPTION } from './every-option';
import { PersonalizeMlOpsPipeline } from '../src';

/** The example stack: a pipeline with every option on. */
const app = new App();
const stack = new Stack(app, 'PersonalizeMlOpsExample', {
  description: 'personalize-mlops example: an Amazon Personalize MLOps pipeline with every option on',
});
const pipeline = new PersonalizeMlOpsPipeline(stack, 'PersonalizePipelineSolution', EVERY_OPTION);
// What a user needs after `cdk deploy`: the state machine to start with a config, the bus to subscribe to.
new CfnOutput(stack, 'StateMachineArn', { value: pipeline.stateMachine.stateMachineArn, description: 'Start it with a pipeline config' });
new CfnOutput(stack, 'EventBusName', { value: pipeline.eventBus.eventBusName, description: 'The pipeline publishes its status events here' });
app.synth();
