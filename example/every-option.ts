import { InferenceOption, PersonalizeMlOpsPipelineProps, PreProcessingJobType, RecommendationType } from '../src';

/** The example app's demo bucket: the bundled Glue job's input and output, and the fleet's configs (under `fleet/`). */
export const DEMO_BUCKET = 'personalize-mlops-demo-data';

/** A pipeline with every option on, as the example app deploys it (the tests and the benchmark use it too). */
export const EVERY_OPTION: PersonalizeMlOpsPipelineProps = {
  preProcessingConfig: {
    jobType: PreProcessingJobType.GLUE,
    // Deploys the bundled MovieLens job; configs that name no preprocessing job run it.
    glueJob: { inputPrefix: 's3://personalize-mlops-demo-data/raw/ml-latest-small/', outputPrefix: 's3://personalize-mlops-demo-data/media/' },
  },
  enableFilters: true,
  enableEventTracker: true,
  recommendationConfig: [
    {
      type: RecommendationType.SOLUTIONS,
      inferenceOptions: [InferenceOption.CAMPAIGNS, InferenceOption.BATCH_INFERENCE_JOBS, InferenceOption.BATCH_SEGMENT_JOBS],
    },
    { type: RecommendationType.RECOMMENDERS },
  ],
};
