import { copyOf, MEDIA, planOf, PlannerFixture } from './planner-fixture';
import { seedPlan } from './seed-account';

const RECIPE = (name: string) => `arn:aws:personalize:::recipe/${name}`;

describe('problems only the account can tell', () => {
  let fixture: PlannerFixture;
  beforeEach(async () => { fixture = await new PlannerFixture().start(); });
  afterEach(() => fixture.stop());

  test('a recipe that does not exist, of a solution and of a recommender', async () => {
    const config = copyOf(MEDIA);
    config.solutions[1].serviceConfig.recipeArn = RECIPE('aws-no-such-recipe');
    config.recommenders[1].serviceConfig.recipeArn = RECIPE('aws-vod-no-such-use-case');
    const result = await fixture.preflight(planOf(config));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { path: 'solutions[1].serviceConfig.recipeArn', message: expect.stringContaining(`recipe ${RECIPE('aws-no-such-recipe')} does not exist in this region`) },
      { path: 'recommenders[1].serviceConfig.recipeArn', message: expect.stringContaining(`recipe ${RECIPE('aws-vod-no-such-use-case')} does not exist`) },
    ]);
    expect(result.message).toBe([
      'The pipeline config cannot run in this account (2 problems):',
      ...result.problems.map((p) => `- ${p.path}: ${p.message}`),
    ].join('\n'));
  });

  test('a recipe DescribeRecipe answers InvalidInputException for is reported as not existing (the docs do not say which error)', async () => {
    fixture.emulator.faults.error({ operation: 'DescribeRecipe', errorName: 'InvalidInputException', message: 'Invalid recipe', times: 1 });
    const result = await fixture.preflight(planOf(copyOf(MEDIA)));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ path: expect.stringMatching(/\.serviceConfig\.recipeArn$/), message: expect.stringContaining('does not exist in this region') }]);
  });

  test('names taken in another dataset group: import jobs, filters, solutions, campaigns, batch jobs, recommenders', async () => {
    // Another team's group with the same names, but its own solution names (and one solution named like ours).
    const other = copyOf(MEDIA);
    other.datasetGroup.serviceConfig.name = 'OtherGroup';
    for (const solution of other.solutions) solution.serviceConfig.name = `Other${solution.serviceConfig.name}`;
    seedPlan(fixture.emulator, planOf(other));
    fixture.call('CreateSolution', { name: 'FilmNightRanking', recipeArn: RECIPE('aws-personalized-ranking'), datasetGroupArn: fixture.emulator.arns.datasetGroup('OtherGroup') });

    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.problems.map((p) => p.path)).toEqual([
      'datasetGroup.datasets[0].datasetImportJob.serviceConfig.jobName',
      'datasetGroup.datasets[1].datasetImportJob.serviceConfig.jobName',
      'datasetGroup.datasets[2].datasetImportJob.serviceConfig.jobName',
      'filters[0].serviceConfig.name',
      'filters[1].serviceConfig.name',
      'solutions[0].serviceConfig.name',
      'solutions[0].campaigns[0].serviceConfig.name',
      'solutions[0].batchInferenceJobs[0].serviceConfig.jobName',
      'solutions[1].batchInferenceJobs[0].serviceConfig.jobName',
      'solutions[2].batchSegmentJobs[0].serviceConfig.jobName',
      'recommenders[0].serviceConfig.name',
      'recommenders[1].serviceConfig.name',
    ]);
    const message = (path: string) => result.problems.find((p) => p.path.startsWith(path))?.message;
    expect(message('datasetGroup.datasets[1]')).toBe('dataset import job FilmNightItemsImport20240101 already exists for the ITEMS dataset of dataset group OtherGroup, '
      + 'but this config runs it for the ITEMS dataset of dataset group FilmNightDatasetGroup; job names are unique per account and region: choose another jobName');
    expect(message('filters[0]')).toBe('filter FilmNightUnwatched already exists in dataset group OtherGroup, not in FilmNightDatasetGroup; '
      + 'filter names are unique per account and region: choose another name');
    expect(message('solutions[0].serviceConfig')).toMatch(/^solution FilmNightRanking already exists in dataset group OtherGroup, not in FilmNightDatasetGroup/);
    expect(message('solutions[0].campaigns[0]')).toBe('campaign FilmNightRankingCampaign already serves solution OtherFilmNightRanking of dataset group OtherGroup, '
      + 'but this config deploys it for solution FilmNightRanking of dataset group FilmNightDatasetGroup; campaign names are unique per account and region: choose another name');
    expect(message('solutions[2]')).toMatch(/^batch segment job FilmNightAudiences20240101 already exists for solution OtherFilmNightAudiences of dataset group OtherGroup, but this config runs it for solution FilmNightAudiences of dataset group FilmNightDatasetGroup/);
    expect(message('recommenders[1]')).toMatch(/^recommender FilmNightBecauseYouWatched already exists in dataset group OtherGroup, not in FilmNightDatasetGroup/);
    expect(result.verdicts.filter((v) => v.action === 'CONFLICT')).toHaveLength(12);
  });

  test('a schema shared with another dataset group is reused: schemas belong to no group', async () => {
    const other = copyOf(MEDIA);
    other.datasetGroup.serviceConfig.name = 'OtherGroup';
    seedPlan(fixture.emulator, planOf({ datasetGroup: other.datasetGroup }));
    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.verdicts.filter((v) => v.kind === 'SCHEMA').map((v) => v.action)).toEqual(['REUSE', 'REUSE', 'REUSE']);
    expect(result.problems.filter((p) => p.path.includes('schema'))).toEqual([]);
  });

  test('a schema of the same name with another Avro definition: schemas cannot change', async () => {
    const items = MEDIA.datasetGroup.datasets[1].schema.serviceConfig;
    const changed = { ...items.schema, fields: [...items.schema.fields.slice(0, 3), { name: 'TITLE', type: ['null', 'string'] }] };
    fixture.call('CreateSchema', { name: items.name, schema: JSON.stringify(changed), domain: 'VIDEO_ON_DEMAND' });
    // The same definition with its keys in another order is the same schema.
    const users = MEDIA.datasetGroup.datasets[2].schema.serviceConfig;
    const reordered = Object.fromEntries(Object.entries(users.schema).reverse());
    fixture.call('CreateSchema', { name: users.name, schema: JSON.stringify(reordered), domain: 'VIDEO_ON_DEMAND' });
    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.problems).toEqual([{
      path: 'datasetGroup.datasets[1].schema.serviceConfig.name',
      message: 'schema FilmNightItemsSchema already exists with another definition (the config\'s definition removes TITLE, adds CREATION_TIMESTAMP); '
        + 'a schema cannot change: give the new schema a new name (and a new schemaVersion)',
    }]);
    expect(result.verdicts.filter((v) => v.kind === 'SCHEMA').map((v) => v.action)).toEqual(['CREATE', 'CONFLICT', 'REUSE']);
  });

  test('a dataset group that exists with another domain', async () => {
    fixture.call('CreateDatasetGroup', { name: 'FilmNightDatasetGroup' });
    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.problems).toEqual([{
      path: 'datasetGroup.serviceConfig.domain',
      message: 'dataset group FilmNightDatasetGroup exists with domain none (a custom dataset group), but the config asks for VIDEO_ON_DEMAND; '
        + "a dataset group's domain cannot change (no Update call takes it): give the dataset group a new name, "
        + 'or delete FilmNightDatasetGroup first with the tear-down state machine',
    }]);
  });

  test('an event tracker of another name in the dataset group; one of the same name is reused', async () => {
    fixture.call('CreateDatasetGroup', { name: 'FilmNightDatasetGroup', domain: 'VIDEO_ON_DEMAND' });
    fixture.emulator.settleAll();
    const groupArn = fixture.emulator.arns.datasetGroup('FilmNightDatasetGroup');
    const { eventTrackerArn } = fixture.call('CreateEventTracker', { name: 'LegacyTracker', datasetGroupArn: groupArn });
    const result = await fixture.preflight(planOf(MEDIA));
    expect(result.problems).toEqual([{
      path: 'eventTracker.serviceConfig.name',
      message: 'dataset group FilmNightDatasetGroup already has event tracker LegacyTracker, and a dataset group has at most one; '
        + 'name the tracker LegacyTracker in the config, or delete LegacyTracker before creating FilmNightEventTracker',
    }]);
    expect(result.plan.eventTracker.arn).toBe('');

    const config = copyOf(MEDIA);
    config.eventTracker.serviceConfig.name = 'LegacyTracker';
    const same = await fixture.preflight(planOf(config));
    expect(same.ok).toBe(true);
    expect(same.plan.eventTracker.arn).toBe(eventTrackerArn);
    // Reused, with the configured tags added in place (the legacy tracker has none).
    expect(same.verdicts.find((v) => v.kind === 'EVENT_TRACKER')).toMatchObject({
      action: 'UPDATE', arn: eventTrackerArn, reason: 'tags.project (none) → personalize-mlops-demo (TagResource)',
    });
  });

  test('a filter that exists with another expression: filters cannot change', async () => {
    seedPlan(fixture.emulator, planOf(MEDIA));
    const config = copyOf(MEDIA);
    config.filters[1].serviceConfig.filterExpression = 'INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)';
    const result = await fixture.preflight(planOf(config));
    expect(result.problems).toEqual([{
      path: 'filters[1].serviceConfig.filterExpression',
      message: 'filter FilmNightByGenre exists with expression [INCLUDE ItemID WHERE Items.GENRES IN ($GENRES)], '
        + 'but the config has [INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)]; a filter cannot change (no Update call takes it): '
        + 'give the new expression a new filter name, or delete FilmNightByGenre first with the tear-down state machine',
    }]);
  });

  test('a solution that exists with another recipe: the new recipe needs a new solution name', async () => {
    seedPlan(fixture.emulator, planOf(MEDIA));
    const config = copyOf(MEDIA);
    config.solutions[1].serviceConfig.recipeArn = RECIPE('aws-sims');
    const result = await fixture.preflight(planOf(config));
    expect(result.problems).toEqual([{
      path: 'solutions[1].serviceConfig.recipeArn',
      message: `solution FilmNightSimilarItems exists with recipeArn ${RECIPE('aws-similar-items')}, but the config has ${RECIPE('aws-sims')}; `
        + "a solution's recipeArn cannot change (no Update call takes it): give the solution a new name, "
        + 'or delete FilmNightSimilarItems first with the tear-down state machine',
    }]);
    expect(result.verdicts.find((v) => v.path === 'solutions[1]')?.action).toBe('CONFLICT');
  });
});

describe('moving a dataset to a new schema', () => {
  let fixture: PlannerFixture;
  beforeAll(async () => {
    fixture = await new PlannerFixture().start();
    seedPlan(fixture.emulator, planOf(MEDIA));
  });
  afterAll(() => fixture.stop());

  /** MEDIA with the schema of dataset `index` renamed and its fields changed. */
  function withNewSchema(index: number, fields: (old: Array<Record<string, unknown>>) => Array<Record<string, unknown>>) {
    const config = copyOf(MEDIA);
    const schema = config.datasetGroup.datasets[index].schema;
    schema.serviceConfig.name = `${schema.serviceConfig.name}V2`;
    schema.schemaVersion = '2025-01';
    schema.serviceConfig.schema.fields = fields(schema.serviceConfig.schema.fields);
    return planOf(config);
  }

  test('an Items dataset moves when the new schema keeps every field and adds nullable ones', async () => {
    const result = await fixture.preflight(withNewSchema(1, (fields) => [...fields, { name: 'TITLE', type: ['null', 'string'], textual: true }]));
    expect(result.ok).toBe(true);
    expect(result.verdicts.find((v) => v.path === 'datasetGroup.datasets[1].dataset')).toMatchObject({
      action: 'UPDATE', reason: 'moves from schema FilmNightItemsSchema to FilmNightItemsSchemaV2 (adds TITLE)',
    });
  });

  test('an Items dataset cannot move when a field is removed, retyped or changes an attribute, or a new field is not nullable', async () => {
    const result = await fixture.preflight(withNewSchema(1, (fields) => [
      fields[0],
      { ...fields[1], categorical: false },
      { ...fields[2], type: 'int' },
      { name: 'RATING', type: 'float' },
    ]));
    expect(result.problems).toEqual([{
      path: 'datasetGroup.datasets[1].schema.serviceConfig.name',
      message: 'the ITEMS dataset of FilmNightDatasetGroup cannot move from schema FilmNightItemsSchema to FilmNightItemsSchemaV2: '
        + 'field GENRES changes categorical from true to false; field YEAR changes type from ["null","int"] to "int"; field CREATION_TIMESTAMP is removed; '
        + 'new field RATING must be nullable (a union with "null"), got type "float"',
    }]);
  });

  test('an Interactions dataset cannot move to another schema at all', async () => {
    const result = await fixture.preflight(withNewSchema(0, (fields) => [...fields, { name: 'RATING', type: ['null', 'float'] }]));
    expect(result.problems).toEqual([{
      path: 'datasetGroup.datasets[0].schema.serviceConfig.name',
      message: 'the INTERACTIONS dataset of FilmNightDatasetGroup uses schema FilmNightInteractionsSchema; only Items and Users datasets can move to '
        + 'another schema, so this one cannot move to FilmNightInteractionsSchemaV2: keep schema FilmNightInteractionsSchema',
    }]);
  });
});
