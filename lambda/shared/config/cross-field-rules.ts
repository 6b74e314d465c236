import { batchInferenceJobsFitTheirRecipe } from './batch-inference-rules';
import { DeployedFeatures } from './deployed-features';
import { createsNewSolutionVersion } from './execution-plan';
import { hasFilterExpressionStructure, referencedDatasets } from './filter-expression';
import { filterExpressionsFollowGuidelines } from './filter-expression-rules';
import { metricAttributionFitsTheService } from './lifecycle-rules';
import { gatedCampaignsDoNotSync } from './metrics-gate-sync-rule';
import { PipelineConfig } from './pipeline-config';
import { gateMetricsFitRecipe } from './recipe-metrics';
import { answersActionRecommendations, recommenderSmokeTestsFitUseCase } from './use-case-requests';
import { ValidationIssue } from './validation-issue';

/*
 * The rules a JSON Schema cannot say. Each one either models a check the service makes (and names the page that
 * documents it) or guards the pipeline's own deployment; none is stricter than the service. A rule about a
 * resource applies only when this run would send the request: entries whose create flag is false are skipped by
 * the flows, so the service never sees them.
 */

/** Recipes whose solutions accept `trainingMode: UPDATE` (CreateSolutionVersionRequest.trainingMode). */
const UPDATE_CAPABLE_RECIPES = ['aws-user-personalization', 'aws-hrnn-coldstart'];
/** The USER_SEGMENTATION recipes, the only ones batch segment jobs run on. */
const SEGMENT_RECIPES = ['aws-item-affinity', 'aws-item-attribute-affinity'];
/** The recipe prefix of each domain's use cases. */
const DOMAIN_RECIPE_PREFIX: Record<string, string> = { VIDEO_ON_DEMAND: 'aws-vod-', ECOMMERCE: 'aws-ecomm-' };
/** A solution version ARN: `arn:<partition>:personalize:<region>:<account>:solution/<name>/<version id>`. */
const SOLUTION_VERSION_ARN = /^arn:aws[a-z-]*:personalize:[a-z0-9-]+:\d{12}:solution\/[a-zA-Z0-9][a-zA-Z0-9\-_]*\/[a-zA-Z0-9]+$/;

type Rule = (config: PipelineConfig, features: DeployedFeatures) => ValidationIssue[];

const recipeName = (arn: string | undefined) => (arn ?? '').split('/').pop() ?? '';

function uniqueNames(items: Array<{ path: string; name: string }>, what: string): ValidationIssue[] {
  const first = new Map<string, string>();
  const issues: ValidationIssue[] = [];
  for (const { path, name } of items) {
    const earlier = first.get(name);
    if (earlier) issues.push({ path, message: `${what} "${name}" is already used at ${earlier}; names must be unique` });
    else first.set(name, path);
  }
  return issues;
}

// Source: CreateDatasetGroup ("one for each type of dataset"), https://docs.aws.amazon.com/personalize/latest/dg/API_CreateDatasetGroup.html
const datasetTypesAreUnique: Rule = (config) => {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  config.datasetGroup.datasets.forEach((dataset, i) => {
    const earlier = seen.get(dataset.type);
    if (earlier !== undefined) {
      issues.push({ path: `datasetGroup.datasets[${i}].type`, message: `a dataset group holds one dataset of each type; ${dataset.type} is already at datasetGroup.datasets[${earlier}]` });
    } else {
      seen.set(dataset.type, i);
    }
  });
  return issues;
};

// Source: CreateFilter et al., Errors: ResourceAlreadyExistsException, https://docs.aws.amazon.com/personalize/latest/dg/API_CreateFilter.html
// (an ARN ends in the name: filter/<name>). Dataset names may repeat: a dataset's ARN is dataset/<group>/<TYPE>.
const namesAreUnique: Rule = (config) => {
  const solutions = config.solutions ?? [];
  const datasets = config.datasetGroup.datasets;
  return [
    ...uniqueNames(datasets.map((d, i) => ({ path: `datasetGroup.datasets[${i}].schema.serviceConfig.name`, name: d.schema.serviceConfig.name })), 'schema name'),
    ...uniqueNames(datasets.flatMap((d, i) => d.datasetImportJob ? [{ path: `datasetGroup.datasets[${i}].datasetImportJob.serviceConfig.jobName`, name: d.datasetImportJob.serviceConfig.jobName }] : []), 'import job name'),
    ...uniqueNames((config.filters ?? []).map((f, i) => ({ path: `filters[${i}].serviceConfig.name`, name: f.serviceConfig.name })), 'filter name'),
    ...uniqueNames(solutions.map((s, i) => ({ path: `solutions[${i}].serviceConfig.name`, name: s.serviceConfig.name })), 'solution name'),
    ...uniqueNames(solutions.flatMap((s, i) => (s.campaigns ?? []).map((c, j) => ({ path: `solutions[${i}].campaigns[${j}].serviceConfig.name`, name: c.serviceConfig.name }))), 'campaign name'),
    ...uniqueNames(solutions.flatMap((s, i) => (s.batchInferenceJobs ?? []).map((b, j) => ({ path: `solutions[${i}].batchInferenceJobs[${j}].serviceConfig.jobName`, name: b.serviceConfig.jobName }))), 'batch inference job name'),
    ...uniqueNames(solutions.flatMap((s, i) => (s.batchSegmentJobs ?? []).map((b, j) => ({ path: `solutions[${i}].batchSegmentJobs[${j}].serviceConfig.jobName`, name: b.serviceConfig.jobName }))), 'batch segment job name'),
    ...uniqueNames((config.recommenders ?? []).map((r, i) => ({ path: `recommenders[${i}].serviceConfig.name`, name: r.serviceConfig.name })), 'recommender name'),
  ];
};

// Source: CreateSchema, request parameter domain, https://docs.aws.amazon.com/personalize/latest/dg/API_CreateSchema.html
const schemaDomainMatchesGroup: Rule = (config) => {
  const domain = config.datasetGroup.serviceConfig.domain;
  return config.datasetGroup.datasets.flatMap((dataset, i) => {
    const schemaDomain = dataset.schema.serviceConfig.domain;
    if (schemaDomain === undefined || schemaDomain === domain) return [];
    return [{
      path: `datasetGroup.datasets[${i}].schema.serviceConfig.domain`,
      message: domain
        ? `must match the dataset group's domain ${domain}, got: "${schemaDomain}"`
        : `a custom dataset group (no domain) needs schemas without a domain, got: "${schemaDomain}"`,
    }];
  });
};

// Source: CreateRecommender, datasetGroupArn and recipeArn, https://docs.aws.amazon.com/personalize/latest/dg/API_CreateRecommender.html
// (recipe ARNs per domain: VIDEO_ON_DEMAND-use-cases.html, ECOMMERCE-use-cases.html).
const recommendersNeedDomainGroup: Rule = (config) => {
  const domain = config.datasetGroup.serviceConfig.domain;
  return (config.recommenders ?? []).flatMap((recommender, i) => {
    if (!recommender.createRecommender) return [];
    if (!domain) {
      return [{ path: `recommenders[${i}]`, message: 'recommenders need a domain dataset group: set datasetGroup.serviceConfig.domain, or use solutions and campaigns' }];
    }
    const prefix = DOMAIN_RECIPE_PREFIX[domain];
    const recipe = recipeName(recommender.serviceConfig.recipeArn);
    return recipe.startsWith(prefix) ? [] : [{
      path: `recommenders[${i}].serviceConfig.recipeArn`,
      message: `must be a ${domain} use case (a recipe named ${prefix}...), got: "${recommender.serviceConfig.recipeArn}"`,
    }];
  });
};

const solutionsAreTrainable: Rule = (config) => (config.solutions ?? []).flatMap((solution, i) => {
  const issues: ValidationIssue[] = [];
  const { recipeArn, performAutoML } = solution.serviceConfig;
  // Source: CreateSolution, recipeArn, https://docs.aws.amazon.com/personalize/latest/dg/API_CreateSolution.html
  if (!recipeArn && !performAutoML) {
    issues.push({ path: `solutions[${i}].serviceConfig.recipeArn`, message: 'is required unless performAutoML is true' });
  }
  // Source: CreateSolutionVersion, trainingMode, https://docs.aws.amazon.com/personalize/latest/dg/API_CreateSolutionVersion.html
  // AutoML may pick User-Personalization, so a solution without a recipe is left to the service.
  const trains = createsNewSolutionVersion(solution);
  const mode = solution.solutionVersion?.serviceConfig?.trainingMode;
  if (trains && mode === 'UPDATE' && recipeArn && !UPDATE_CAPABLE_RECIPES.includes(recipeName(recipeArn))) {
    issues.push({
      path: `solutions[${i}].solutionVersion.serviceConfig.trainingMode`,
      message: `UPDATE needs a recipe of ${UPDATE_CAPABLE_RECIPES.join(' or ')}, got recipe: "${recipeArn}"`,
    });
  }
  // Source: Getting user segments with a batch segment job, https://docs.aws.amazon.com/personalize/latest/dg/creating-batch-seg-job.html
  // AutoML only picks USER_PERSONALIZATION recipes (CreateSolution, performAutoML).
  if ((solution.batchSegmentJobs ?? []).some((job) => job.createBatchSegmentJob) && !SEGMENT_RECIPES.includes(recipeName(recipeArn))) {
    issues.push({
      path: `solutions[${i}].batchSegmentJobs`,
      message: `batch segment jobs need a recipe of ${SEGMENT_RECIPES.join(' or ')}, got recipe: "${recipeArn ?? 'AutoML'}"`,
    });
  }
  // Source: CreateCampaign, solutionVersionArn (any solution's), https://docs.aws.amazon.com/personalize/latest/dg/API_CreateCampaign.html
  (solution.campaigns ?? []).forEach((campaign, j) => {
    const version = campaign.solutionversion;
    if (campaign.createCampaign && version && !SOLUTION_VERSION_ARN.test(version)) {
      issues.push({
        path: `solutions[${i}].campaigns[${j}].solutionversion`,
        message: `must be empty or a solution version ARN (arn:aws:personalize:<region>:<account>:solution/<name>/<id>), got: "${version}"`,
      });
    }
  });
  return issues;
});

// Source: Filter expression structure and elements, https://docs.aws.amazon.com/personalize/latest/dg/creating-filter-expressions.html
// Matched without regard to letter case, as the service does (the sources are in filter-expression.ts).
const filtersReferenceConfiguredData: Rule = (config) => {
  const types = new Set<string>(config.datasetGroup.datasets.map((d) => d.type));
  return (config.filters ?? []).flatMap((filter, i) => {
    const expression = filter.serviceConfig.filterExpression;
    const path = `filters[${i}].serviceConfig.filterExpression`;
    if (!hasFilterExpressionStructure(expression)) {
      return [{ path, message: `must read "INCLUDE|EXCLUDE ItemID|ActionID|UserID WHERE <condition>", got: "${expression}"` }];
    }
    return referencedDatasets(expression)
      .filter(({ type }) => !types.has(type))
      .map(({ name, type }) => ({ path, message: `references the ${name} dataset, but datasetGroup.datasets has no ${type} dataset` }));
  });
};

/** Custom recipes by what GetRecommendations needs of them (recipe types: choosing-a-recipe page). */
const USER_RECIPES = ['aws-user-personalization', 'aws-user-personalization-v2', 'aws-hrnn', 'aws-hrnn-metadata', 'aws-hrnn-coldstart'];
const RELATED_ITEMS_RECIPES = ['aws-similar-items', 'aws-sims', 'aws-semantic-similarity'];
/** PERSONALIZED_RANKING campaigns answer GetPersonalizedRanking instead, which the smoke test does not call. */
const NOT_GET_RECOMMENDATIONS = ['aws-personalized-ranking', 'aws-personalized-ranking-v2'];

// Source: GetRecommendations, https://docs.aws.amazon.com/personalize/latest/dg/API_RS_GetRecommendations.html
// ("USER_PERSONALIZATION - userId required ... RELATED_ITEMS - itemId required ... PERSONALIZED_RANKING use the
// GetPersonalizedRanking API"); recommenders: the use case decides (use-case-requests.ts). A smoke
// test with neither id could not ask for anything (this pipeline's rule).
const smokeTestsCanAsk: Rule = (config) => {
  const issues: ValidationIssue[] = [];
  const check = (path: string, test: { userId?: string; itemId?: string; numResults?: number } | undefined, recipeArn: string | undefined) => {
    if (!test) return;
    if (test.userId === undefined && test.itemId === undefined) {
      issues.push({ path, message: 'needs userId, itemId or both: a smoke test asks for recommendations for a user or an item' });
      return;
    }
    const recipe = recipeName(recipeArn);
    if (NOT_GET_RECOMMENDATIONS.includes(recipe)) {
      issues.push({ path, message: `GetRecommendations does not serve campaigns of recipe "${recipeArn}" (they answer GetPersonalizedRanking); remove the smoke test` });
    } else if (answersActionRecommendations(recipeArn)) {
      // Source: GetActionRecommendations, https://docs.aws.amazon.com/personalize/latest/dg/API_RS_GetActionRecommendations.html
      // (request: campaignArn, userId, numResults, filterArn, filterValues; no itemId). userId is optional there; this
      // pipeline requires it: a smoke test asks for a user's next best actions.
      if (test.itemId !== undefined) issues.push({ path: `${path}.itemId`, message: `is not a parameter of GetActionRecommendations, which a campaign of recipe "${recipeArn}" answers; remove it` });
      if (test.userId === undefined) issues.push({ path: `${path}.userId`, message: `is required for a campaign of recipe "${recipeArn}" (PERSONALIZED_ACTIONS, GetActionRecommendations)` });
      // Same page, numResults: "The default is 5. The maximum is 100."
      if ((test.numResults ?? 0) > 100) issues.push({ path: `${path}.numResults`, message: `must be at most 100 for GetActionRecommendations, got: ${test.numResults}` });
    } else if (USER_RECIPES.includes(recipe) && test.userId === undefined) {
      issues.push({ path: `${path}.userId`, message: `is required for a campaign of recipe "${recipeArn}" (USER_PERSONALIZATION)` });
    } else if (RELATED_ITEMS_RECIPES.includes(recipe) && test.itemId === undefined) {
      issues.push({ path: `${path}.itemId`, message: `is required for a campaign of recipe "${recipeArn}" (RELATED_ITEMS)` });
    }
  };
  (config.solutions ?? []).forEach((solution, i) => (solution.campaigns ?? []).forEach((campaign, j) => {
    if (campaign.createCampaign) check(`solutions[${i}].campaigns[${j}].smokeTest`, campaign.smokeTest, solution.serviceConfig.recipeArn);
  }));
  return issues;
};

// Source: this pipeline, not the service: it runs only the flows it was deployed with (PersonalizeMlOpsPipelineProps).
const sectionsHaveDeployedFlows: Rule = (config, features) => {
  const issues: ValidationIssue[] = [];
  const notDeployed = (path: string, prop: string) => issues.push({
    path,
    message: `this pipeline was deployed without the flow for it (construct prop ${prop}); remove the section or redeploy with the prop set`,
  });
  if (config.preprocessing?.run && !features.preprocessing) notDeployed('preprocessing', 'preProcessingConfig');
  if (config.preprocessing?.run && features.preprocessing && !config.preprocessing.jobName && !features.glueJobName) {
    issues.push({ path: 'preprocessing.jobName', message: 'is required: this pipeline deployed no Glue job of its own (preProcessingConfig.glueJob)' });
  }
  if ((config.filters ?? []).length > 0 && !features.filters) notDeployed('filters', 'enableFilters: true');
  if (config.eventTracker && !features.eventTracker) notDeployed('eventTracker', 'enableEventTracker: true');
  (config.solutions ?? []).forEach((solution, i) => {
    if (!features.solutions) {
      notDeployed(`solutions[${i}]`, 'recommendationConfig with type SOLUTIONS');
      return;
    }
    if ((solution.campaigns ?? []).some((c) => c.createCampaign) && !features.campaigns) {
      notDeployed(`solutions[${i}].campaigns`, 'recommendationConfig SOLUTIONS with inference option CAMPAIGNS');
    }
    if ((solution.batchInferenceJobs ?? []).some((j) => j.createBatchInferenceJob) && !features.batchInferenceJobs) {
      notDeployed(`solutions[${i}].batchInferenceJobs`, 'recommendationConfig SOLUTIONS with inference option BATCH_INFERENCE_JOBS');
    }
    if ((solution.batchSegmentJobs ?? []).some((j) => j.createBatchSegmentJob) && !features.batchSegmentJobs) {
      notDeployed(`solutions[${i}].batchSegmentJobs`, 'recommendationConfig SOLUTIONS with inference option BATCH_SEGMENT_JOBS');
    }
  });
  if ((config.recommenders ?? []).some((r) => r.createRecommender) && !features.recommenders) {
    notDeployed('recommenders', 'recommendationConfig with type RECOMMENDERS');
  }
  return issues;
};

/** The rules a JSON Schema cannot say; each returns the issues it finds. */
export const CROSS_FIELD_RULES: readonly Rule[] = [
  datasetTypesAreUnique,
  namesAreUnique,
  schemaDomainMatchesGroup,
  recommendersNeedDomainGroup,
  solutionsAreTrainable,
  filtersReferenceConfiguredData,
  filterExpressionsFollowGuidelines,
  batchInferenceJobsFitTheirRecipe,
  gatedCampaignsDoNotSync,
  gateMetricsFitRecipe,
  smokeTestsCanAsk,
  recommenderSmokeTestsFitUseCase,
  sectionsHaveDeployedFlows,
  metricAttributionFitsTheService,
];
