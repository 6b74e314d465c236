/** A malformed config: how to break a sample, and the field path the rejection must name. */
export interface BadConfig {
  readonly label: string;
  readonly sample: 'input_media' | 'input_retail';
  readonly mutate: (config: any) => any;
  readonly path: string;
  /** A fragment of the message, when the path alone is not enough. */
  readonly message?: RegExp;
}

const ROLE = 'arn:aws:iam::123456789012:role/R';

/** Malformed configs, each with the one problem it must be rejected for. */
export const BAD_CONFIGS: BadConfig[] = [
  { label: 'JSON that is not an object', sample: 'input_media', mutate: () => 'datasetGroup', path: '$', message: /must be a JSON object/ },
  { label: 'an array', sample: 'input_media', mutate: () => [], path: '$', message: /must be a JSON object/ },
  { label: 'null', sample: 'input_media', mutate: () => null, path: '$', message: /must be a JSON object/ },
  { label: 'no dataset group', sample: 'input_media', mutate: (c) => { delete c.datasetGroup; }, path: 'datasetGroup', message: /is required/ },
  { label: 'a dataset group name with spaces', sample: 'input_media', mutate: (c) => { c.datasetGroup.serviceConfig.name = 'Film Night'; }, path: 'datasetGroup.serviceConfig.name' },
  { label: 'a name longer than 63 characters', sample: 'input_media', mutate: (c) => { c.filters[0].serviceConfig.name = 'F'.repeat(64); }, path: 'filters[0].serviceConfig.name' },
  { label: 'a name starting with a dash', sample: 'input_retail', mutate: (c) => { c.solutions[0].serviceConfig.name = '-ForYou'; }, path: 'solutions[0].serviceConfig.name' },
  { label: 'an unknown domain', sample: 'input_media', mutate: (c) => { c.datasetGroup.serviceConfig.domain = 'NEWS'; }, path: 'datasetGroup.serviceConfig.domain' },
  { label: 'datasets that is not an array', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets = {}; }, path: 'datasetGroup.datasets', message: /must be array/ },
  { label: 'an unknown dataset type', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[0].type = 'CLICKS'; }, path: 'datasetGroup.datasets[0].type' },
  { label: 'two datasets of one type', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[1].type = 'INTERACTIONS'; }, path: 'datasetGroup.datasets[1].type' },
  { label: 'a missing schemaVersion', sample: 'input_media', mutate: (c) => { delete c.datasetGroup.datasets[0].schema.schemaVersion; }, path: 'datasetGroup.datasets[0].schema.schemaVersion' },
  { label: 'a schema that is not an Avro record', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[0].schema.serviceConfig.schema.type = 'enum'; }, path: 'datasetGroup.datasets[0].schema.serviceConfig.schema.type' },
  { label: 'a schema without fields', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[0].schema.serviceConfig.schema.fields = []; }, path: 'datasetGroup.datasets[0].schema.serviceConfig.schema.fields' },
  { label: 'an Avro type Personalize does not take', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[0].schema.serviceConfig.schema.fields[0].type = 'bytes'; }, path: 'datasetGroup.datasets[0].schema.serviceConfig.schema.fields[0].type' },
  { label: 'a schema domain other than the group\'s', sample: 'input_retail', mutate: (c) => { c.datasetGroup.datasets[0].schema.serviceConfig.domain = 'VIDEO_ON_DEMAND'; }, path: 'datasetGroup.datasets[0].schema.serviceConfig.domain' },
  { label: 'two schemas with one name', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[1].schema.serviceConfig.name = c.datasetGroup.datasets[0].schema.serviceConfig.name; }, path: 'datasetGroup.datasets[1].schema.serviceConfig.name' },
  { label: 'an import path that is not S3', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[0].datasetImportJob.serviceConfig.dataSource.dataLocation = 'https://example.com/i.csv'; }, path: 'datasetGroup.datasets[0].datasetImportJob.serviceConfig.dataSource.dataLocation' },
  { label: 'an import role that is not a role ARN', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[0].datasetImportJob.serviceConfig.roleArn = 'IAM_ROLE_ARN'; }, path: 'datasetGroup.datasets[0].datasetImportJob.serviceConfig.roleArn' },
  { label: 'an unknown import mode', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[0].datasetImportJob.serviceConfig.importMode = 'APPEND'; }, path: 'datasetGroup.datasets[0].datasetImportJob.serviceConfig.importMode' },
  { label: 'createNewJob as a string', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[0].datasetImportJob.createNewJob = 'true'; }, path: 'datasetGroup.datasets[0].datasetImportJob.createNewJob' },
  { label: 'two import jobs with one name', sample: 'input_media', mutate: (c) => { c.datasetGroup.datasets[1].datasetImportJob.serviceConfig.jobName = c.datasetGroup.datasets[0].datasetImportJob.serviceConfig.jobName; }, path: 'datasetGroup.datasets[1].datasetImportJob.serviceConfig.jobName' },
  { label: 'a misspelt field', sample: 'input_media', mutate: (c) => { c.datasetGroup.serviceConfig.nmae = 'x'; }, path: 'datasetGroup.serviceConfig.nmae', message: /not a known field/ },
  { label: 'a filter with an empty expression', sample: 'input_media', mutate: (c) => { c.filters[0].serviceConfig.filterExpression = ''; }, path: 'filters[0].serviceConfig.filterExpression' },
  { label: 'a filter expression without INCLUDE or EXCLUDE', sample: 'input_media', mutate: (c) => { c.filters[0].serviceConfig.filterExpression = 'ItemID WHERE Items.GENRES IN ("x")'; }, path: 'filters[0].serviceConfig.filterExpression' },
  { label: 'a filter on a dataset the group lacks', sample: 'input_media', mutate: (c) => { c.filters[0].serviceConfig.filterExpression = 'EXCLUDE ItemID WHERE Actions.VALUE > 3'; }, path: 'filters[0].serviceConfig.filterExpression', message: /no ACTIONS dataset/ },
  { label: 'two filters with one name', sample: 'input_media', mutate: (c) => { c.filters[1].serviceConfig.name = c.filters[0].serviceConfig.name; }, path: 'filters[1].serviceConfig.name' },
  { label: 'an event tracker without a name', sample: 'input_media', mutate: (c) => { delete c.eventTracker.serviceConfig.name; }, path: 'eventTracker.serviceConfig.name' },
  { label: 'a recipe ARN of an unknown format', sample: 'input_media', mutate: (c) => { c.solutions[0].serviceConfig.recipeArn = 'aws-personalized-ranking'; }, path: 'solutions[0].serviceConfig.recipeArn' },
  { label: 'a solution without recipe or AutoML', sample: 'input_media', mutate: (c) => { delete c.solutions[0].serviceConfig.recipeArn; }, path: 'solutions[0].serviceConfig.recipeArn', message: /performAutoML/ },
  { label: 'trainingMode UPDATE on a recipe that cannot', sample: 'input_media', mutate: (c) => { c.solutions[0].solutionVersion.serviceConfig.trainingMode = 'UPDATE'; }, path: 'solutions[0].solutionVersion.serviceConfig.trainingMode' },
  { label: 'an unknown training mode', sample: 'input_media', mutate: (c) => { c.solutions[0].solutionVersion.serviceConfig.trainingMode = 'PARTIAL'; }, path: 'solutions[0].solutionVersion.serviceConfig.trainingMode' },
  { label: 'two solutions with one name', sample: 'input_media', mutate: (c) => { c.solutions[1].serviceConfig.name = c.solutions[0].serviceConfig.name; }, path: 'solutions[1].serviceConfig.name' },
  { label: 'a negative minProvisionedTPS', sample: 'input_media', mutate: (c) => { c.solutions[0].campaigns[0].serviceConfig.minProvisionedTPS = -1; }, path: 'solutions[0].campaigns[0].serviceConfig.minProvisionedTPS' },
  { label: 'a fractional minProvisionedTPS', sample: 'input_media', mutate: (c) => { c.solutions[0].campaigns[0].serviceConfig.minProvisionedTPS = 1.5; }, path: 'solutions[0].campaigns[0].serviceConfig.minProvisionedTPS' },
  // A version of another solution is no longer refused: CreateCampaign takes any solution version ARN.
  { label: 'a campaign version that is a solution ARN, not a version ARN', sample: 'input_media', mutate: (c) => { c.solutions[0].campaigns[0].solutionversion = 'arn:aws:personalize:us-east-1:123456789012:solution/Other'; }, path: 'solutions[0].campaigns[0].solutionversion' },
  { label: 'a batch output that is not S3', sample: 'input_media', mutate: (c) => { c.solutions[0].batchInferenceJobs[0].serviceConfig.jobOutput.s3DataDestination.path = '/tmp/out'; }, path: 'solutions[0].batchInferenceJobs[0].serviceConfig.jobOutput.s3DataDestination.path' },
  { label: 'a batch job without a role', sample: 'input_media', mutate: (c) => { delete c.solutions[1].batchInferenceJobs[0].serviceConfig.roleArn; }, path: 'solutions[1].batchInferenceJobs[0].serviceConfig.roleArn' },
  { label: 'batch segment jobs on a recipe that cannot', sample: 'input_media', mutate: (c) => { c.solutions[0].batchSegmentJobs = [structuredClone(c.solutions[2].batchSegmentJobs[0])]; }, path: 'solutions[0].batchSegmentJobs' },
  { label: 'numResults over 500', sample: 'input_media', mutate: (c) => { c.solutions[1].batchInferenceJobs[0].serviceConfig.numResults = 501; }, path: 'solutions[1].batchInferenceJobs[0].serviceConfig.numResults' },
  { label: 'recommenders on a custom dataset group', sample: 'input_media', mutate: (c) => { delete c.datasetGroup.serviceConfig.domain; }, path: 'recommenders[0]', message: /domain dataset group/ },
  { label: 'a recommender of another domain', sample: 'input_retail', mutate: (c) => { c.recommenders[0].serviceConfig.recipeArn = 'arn:aws:personalize:::recipe/aws-vod-top-picks'; }, path: 'recommenders[0].serviceConfig.recipeArn' },
  { label: 'a Because you watched X smoke test without the user', sample: 'input_media', mutate: (c) => { c.recommenders[1].smokeTest = { itemId: '1197' }; }, path: 'recommenders[1].smokeTest.userId' },
  { label: 'a gate on a metric its recipe does not report', sample: 'input_media', mutate: (c) => { c.solutions[2].metricsGate = { metric: 'precision_at_10' }; }, path: 'solutions[2].metricsGate.metric' },
  { label: 'createRecommender missing', sample: 'input_retail', mutate: (c) => { delete c.recommenders[0].createRecommender; }, path: 'recommenders[0].createRecommender' },
  { label: 'a tag without a key', sample: 'input_media', mutate: (c) => { c.datasetGroup.serviceConfig.tags = [{ tagKey: '', tagValue: 'x' }]; }, path: 'datasetGroup.serviceConfig.tags[0].tagKey' },
  { label: 'preprocessing.run that is not a boolean', sample: 'input_media', mutate: (c) => { c.preprocessing.run = 'yes'; }, path: 'preprocessing.run' },
  { label: 'a KMS key that is not a key ARN', sample: 'input_media', mutate: (c) => { c.datasetGroup.serviceConfig.kmsKeyArn = 'alias/personalize'; c.datasetGroup.serviceConfig.roleArn = ROLE; }, path: 'datasetGroup.serviceConfig.kmsKeyArn' },
];
