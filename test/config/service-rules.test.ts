import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_FEATURES } from '../../lambda/shared/config/deployed-features';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';

/*
 * One test per cross-field rule: each rule the service enforces rejects what the service rejects, and each rule
 * that was stricter than the service now lets through what the service takes. The sources are named beside the
 * rules in lambda/shared/config/cross-field-rules.ts.
 */

const VERSION_ARN = 'arn:aws:personalize:us-east-1:123456789012:solution/OtherSolution/a1b2c3d4';

/** A valid custom dataset group config in the seed's style (USERS, ITEMS, INTERACTIONS, ACTIONS, ACTION_INTERACTIONS). */
function customGroup(): any {
  return JSON.parse(readFileSync(path.join(__dirname, 'seed-style', 'custom-group.json'), 'utf8'));
}

/** A valid VIDEO_ON_DEMAND domain dataset group config (USERS, ITEMS, INTERACTIONS) with a recommender. */
function domainGroup(): any {
  return JSON.parse(readFileSync(path.join(__dirname, 'seed-style', 'domain-group.json'), 'utf8'));
}

function issuesOf(config: any) {
  return validatePipelineConfig(config).issues;
}

function withFilter(config: any, filterExpression: string): any {
  config.filters = [{ serviceConfig: { name: 'F', filterExpression } }];
  return config;
}

describe('rules the service enforces are kept', () => {
  test.each<[string, () => any, string, RegExp]>([
    ['one dataset of each type (CreateDatasetGroup)', () => {
      const c = customGroup(); c.datasetGroup.datasets[1].type = 'USERS'; return c;
    }, 'datasetGroup.datasets[1].type', /one dataset of each type/],
    ['a name names one resource of its kind (ResourceAlreadyExistsException)', () => {
      const c = customGroup(); c.filters[1].serviceConfig.name = c.filters[0].serviceConfig.name; return c;
    }, 'filters[1].serviceConfig.name', /already used at filters\[0\]/],
    ['a schema of a domain dataset group has its domain (CreateSchema)', () => {
      const c = domainGroup(); c.datasetGroup.datasets[0].schema.serviceConfig.domain = 'ECOMMERCE'; return c;
    }, 'datasetGroup.datasets[0].schema.serviceConfig.domain', /must match the dataset group's domain VIDEO_ON_DEMAND/],
    ['a custom dataset group takes no domain schema (CreateSchema)', () => {
      const c = customGroup(); c.datasetGroup.datasets[0].schema.serviceConfig.domain = 'ECOMMERCE'; return c;
    }, 'datasetGroup.datasets[0].schema.serviceConfig.domain', /custom dataset group/],
    ['a recommender needs a domain dataset group (CreateRecommender)', () => {
      const c = domainGroup(); delete c.datasetGroup.serviceConfig.domain; return c;
    }, 'recommenders[0]', /domain dataset group/],
    ['a recommender\'s recipe is a use case of its domain (CreateRecommender)', () => {
      const c = domainGroup(); c.recommenders[0].serviceConfig.recipeArn = 'arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you'; return c;
    }, 'recommenders[0].serviceConfig.recipeArn', /VIDEO_ON_DEMAND use case/],
    ['a solution has a recipe unless performAutoML (CreateSolution)', () => {
      const c = customGroup(); delete c.solutions[0].serviceConfig.recipeArn; return c;
    }, 'solutions[0].serviceConfig.recipeArn', /unless performAutoML/],
    ['UPDATE training only with User-Personalization or HRNN-Coldstart (CreateSolutionVersion)', () => {
      const c = customGroup(); c.solutions[0].solutionVersion.serviceConfig.trainingMode = 'UPDATE'; return c;
    }, 'solutions[0].solutionVersion.serviceConfig.trainingMode', /aws-user-personalization or aws-hrnn-coldstart/],
    ['batch segment jobs only on a USER_SEGMENTATION recipe (creating-batch-seg-job)', () => {
      const c = customGroup(); c.solutions[2].serviceConfig.recipeArn = 'arn:aws:personalize:::recipe/aws-similar-items'; return c;
    }, 'solutions[2].batchSegmentJobs', /aws-item-affinity or aws-item-attribute-affinity/],
    ['batch segment jobs not on AutoML, which picks USER_PERSONALIZATION recipes (CreateSolution)', () => {
      const c = customGroup(); delete c.solutions[2].serviceConfig.recipeArn; c.solutions[2].serviceConfig.performAutoML = true; return c;
    }, 'solutions[2].batchSegmentJobs', /got recipe: "AutoML"/],
    ['a campaign\'s solutionversion is a solution version ARN (CreateCampaign)', () => {
      const c = customGroup(); c.solutions[0].campaigns[0].solutionversion = 'latest'; return c;
    }, 'solutions[0].campaigns[0].solutionversion', /solution version ARN/],
    ['a filter expression starts INCLUDE|EXCLUDE <element> WHERE (filter expression structure)', () =>
      withFilter(customGroup(), 'ItemID WHERE Items.GENRES IN ("x")'), 'filters[0].serviceConfig.filterExpression', /must read/],
    ['the element is ItemID, ActionID or UserID (filter expression elements)', () =>
      withFilter(customGroup(), 'EXCLUDE BookID WHERE Items.GENRES IN ("x")'), 'filters[0].serviceConfig.filterExpression', /must read/],
    ['a filter reads only datasets of the group, whatever their letter case (filter expressions)', () => {
      const c = domainGroup(); return withFilter(c, 'exclude itemid where ACTIONS.VALUE > 3');
    }, 'filters[0].serviceConfig.filterExpression', /references the ACTIONS dataset, but datasetGroup.datasets has no ACTIONS dataset/],
    ['Action_Interactions is the ACTION_INTERACTIONS dataset (action recommendation filter examples)', () =>
      withFilter(domainGroup(), 'EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN ("TAKEN")'), 'filters[0].serviceConfig.filterExpression', /no ACTION_INTERACTIONS dataset/],
    ['CurrentUser reads the USERS dataset (filter expressions: "If you have a Users dataset")', () => {
      const c = customGroup(); c.datasetGroup.datasets.splice(0, 1);
      return withFilter(c, 'INCLUDE ItemID WHERE Items.GENRES IN ($GENRES) IF CurrentUser.AGE > 18');
    }, 'filters[0].serviceConfig.filterExpression', /no USERS dataset/],
  ])('%s', (_label, build, path_, message) => {
    const issue = issuesOf(build()).find((i) => i.path === path_);
    expect(issue?.message).toMatch(message);
  });

  test('a misspelt serviceConfig field is still refused', () => {
    const config = customGroup();
    config.solutions[0].serviceConfig.performAutoTrainng = false;
    expect(issuesOf(config)).toEqual([{ path: 'solutions[0].serviceConfig.performAutoTrainng', message: expect.stringMatching(/not a known field/) }]);
  });

  test('a field the pipeline derives is refused: it would be overwritten', () => {
    const config = customGroup();
    config.solutions[0].serviceConfig.datasetGroupArn = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/G';
    expect(issuesOf(config).map((i) => i.path)).toEqual(['solutions[0].serviceConfig.datasetGroupArn']);
  });
});

describe('what the service takes is let through', () => {
  test.each<[string, (c: any) => void]>([
    ['keywords, elements and datasets in any letter case', (c) => withFilter(c, 'exclude ITEM_ID where interactions.EVENT_TYPE in ("x") | Include itemid Where ITEMS.genres IN ($GENRES)')],
    ['an ActionID filter on the Actions dataset', (c) => withFilter(c, 'INCLUDE ActionID WHERE actions.VALUE > $VALUE')],
    ['a UserID filter for user segments', (c) => withFilter(c, 'INCLUDE UserID WHERE Users.MEMBERSHIP IN ($MEMBERSHIP)')],
    ['a quoted value that looks like a dataset the group lacks', (c) => {
      c.datasetGroup.datasets.splice(3, 2);
      withFilter(c, 'EXCLUDE ItemID WHERE Items.GENRES IN ("Actions.Drama", \'Action_Interactions.x\')');
    }],
    ['a batch inference job and a batch segment job with one name (ARNs of different kinds)', (c) => {
      c.solutions[1].batchInferenceJobs[0].serviceConfig.jobName = c.solutions[2].batchSegmentJobs[0].serviceConfig.jobName;
    }],
    ['two datasets with one name (a dataset ARN is <group>/<TYPE>)', (c) => {
      c.datasetGroup.datasets[1].dataset.serviceConfig.name = c.datasetGroup.datasets[0].dataset.serviceConfig.name;
    }],
    ['a campaign deploying another solution\'s version', (c) => { c.solutions[0].campaigns[0].solutionversion = VERSION_ARN; }],
    ['UPDATE training with AutoML (it may pick User-Personalization)', (c) => {
      delete c.solutions[0].serviceConfig.recipeArn;
      c.solutions[0].serviceConfig.performAutoML = true;
      c.solutions[0].solutionVersion.serviceConfig.trainingMode = 'UPDATE';
    }],
    ['UPDATE training settings on a solution that trains nothing in this run', (c) => {
      c.solutions[0].solutionVersion.createNewSolutionVersion = false;
      c.solutions[0].solutionVersion.serviceConfig.trainingMode = 'UPDATE';
    }],
    ['a skipped batch segment job on a recipe without segments', (c) => {
      const job = structuredClone(c.solutions[2].batchSegmentJobs[0]);
      job.serviceConfig.jobName = 'SkippedSegments';
      c.solutions[1].batchSegmentJobs = [{ ...job, createBatchSegmentJob: false }];
    }],
    ['a skipped recommender in a custom dataset group', (c) => {
      c.recommenders = [{ serviceConfig: { name: 'Later', recipeArn: 'arn:aws:personalize:::recipe/aws-vod-top-picks' }, createRecommender: false }];
    }],
    ['an import job without roleArn (optional in CreateDatasetImportJobRequest)', (c) => {
      delete c.datasetGroup.datasets[0].datasetImportJob.serviceConfig.roleArn;
    }],
    ['every CreateSolution member: performAutoTraining, performIncrementalUpdate, solutionConfig.autoTrainingConfig', (c) => {
      Object.assign(c.solutions[0].serviceConfig, {
        performHPO: false,
        performAutoTraining: true,
        performIncrementalUpdate: false,
        eventType: 'Purchase',
        solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(3 days)' }, eventsConfig: { eventParametersList: [] } },
      });
    }],
    ['every other optional Create* member', (c) => {
      c.datasetGroup.datasets[0].datasetImportJob.serviceConfig.publishAttributionMetricsToS3 = false;
      Object.assign(c.solutions[0].campaigns[0].serviceConfig, { campaignConfig: { syncWithLatestSolutionVersion: true }, tags: [] });
      Object.assign(c.solutions[1].batchInferenceJobs[0].serviceConfig, {
        numResults: 25,
        batchInferenceJobMode: 'THEME_GENERATION',
        themeGenerationConfig: { fieldsForThemeGeneration: { itemName: 'TITLE' } },
        batchInferenceJobConfig: { itemExplorationConfig: { explorationWeight: '0.3' } },
        filterArn: 'arn:aws:personalize:us-east-1:123456789012:filter/F',
      });
      Object.assign(c.solutions[2].batchSegmentJobs[0].serviceConfig, { numResults: 100, tags: [] });
      Object.assign(c.solutions[0].solutionVersion.serviceConfig, { name: 'BookshelfRankingV2' });
    }],
  ])('%s', (_label, change) => {
    const config = customGroup();
    change(config);
    expect(issuesOf(config)).toEqual([]);
  });
});

describe('the deployment rules', () => {
  test('preprocessing without jobName needs a Glue job the pipeline deployed', () => {
    const config = { ...customGroup(), preprocessing: { run: true } };
    const { glueJobName, ...withoutJob } = { ...ALL_FEATURES, glueJobName: undefined };
    void glueJobName;
    expect(validatePipelineConfig(config, withoutJob).issues).toEqual([
      { path: 'preprocessing.jobName', message: expect.stringMatching(/is required: this pipeline deployed no Glue job/) },
    ]);
    expect(validatePipelineConfig({ ...config, preprocessing: { run: true, jobName: 'MyJob' } }, withoutJob).plan?.preprocessing.jobName).toBe('MyJob');
  });

  test('offline, with every flow but no Glue job, a config that runs preprocessing must name its job', () => {
    expect(ALL_FEATURES.glueJobName).toBeUndefined();
    const verdict = validatePipelineConfig({ ...customGroup(), preprocessing: { run: true } });
    expect(verdict.issues.map((i) => i.path)).toEqual(['preprocessing.jobName']);
  });
});
