import { App, Stack } from 'aws-cdk-lib';
import {
  InferenceOption, PersonalizeMlOpsPipeline, PreProcessingJobType, RecommendationType,
} from '../src';

/** The example stack: a pipeline with every option on. */
const app = new App();
const stack = new Stack(app, 'PersonalizeMlOpsExample', {
  description: 'personalize-mlops example: an Amazon Personalize MLOps pipeline with every option on',
});
new PersonalizeMlOpsPipeline(stack, 'PersonalizePipelineSolution', {
  preProcessingConfig: { jobType: PreProcessingJobType.GLUE },
  enableFilters: true,
  enableEventTracker: true,
  recommendationConfig: [
    {
      type: RecommendationType.SOLUTIONS,
      inferenceOptions: [InferenceOption.CAMPAIGNS, InferenceOption.BATCH_INFERENCE_JOBS, InferenceOption.BATCH_SEGMENT_JOBS],
    },
    { type: RecommendationType.RECOMMENDERS },
  ],
});
app.synth();
