import { App, Stack } from 'aws-cdk-lib';
import { EVERY_OPTION } from './every-option';
import { PersonalizeMlOpsPipeline } from '../src';

/** The example stack: a pipeline with every option on. */
const app = new App();
const stack = new Stack(app, 'PersonalizeMlOpsExample', {
  description: 'personalize-mlops example: an Amazon Personalize MLOps pipeline with every option on',
});
new PersonalizeMlOpsPipeline(stack, 'PersonalizePipelineSolution', EVERY_OPTION);
app.synth();
