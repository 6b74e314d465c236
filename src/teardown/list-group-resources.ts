import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowServices } from '../core/flow-services';
import { personalizeCall } from '../core/personalize-call';
import { RESOURCE_KINDS } from '../core/resource-kind';

/**
 * One page per List call. Every List* action takes `maxResults` 1-100 and answers `nextToken` when there is more
 * (API reference, each List* action); 100 is above every default per-dataset-group quota (Personalize developer
 * guide, "Quotas"), so one page holds a group's solutions, campaigns, recommenders, filters, event trackers and
 * datasets. A list of those that still answers a nextToken stops the tear-down before it deletes anything.
 */
const PAGE_SIZE = 100;

/** Props of the inventory. @internal */
export interface ListGroupResourcesProps {
  /** Where a listing failure goes (reads `$.listError`: `{ Error, Cause }`). */
  readonly onError: sfn.IChainable;
}

/** How a listed resource becomes an item of the tear-down. */
interface Normalize {
  readonly kind: string;
  readonly nameField: string;
  readonly arnField: string;
  /** The key of `request.expected` that lists the config's names of this kind. */
  readonly expectedKey: string;
}

/**
 * Lists what a dataset group holds, before anything is deleted: its solutions (with each one's campaigns, and the
 * batch jobs of its versions), recommenders, filters, event trackers, datasets (with each one's schema and import
 * jobs), and the schemas to delete (its datasets' and, for a config, the ones the config names). Reads
 * `$.request` and `$.context.datasetGroupArn`; a group that does not exist has nothing but the config's schemas.
 * Leaves `$.inventory`: `{ found, resources: { campaigns, recommenders, solutions, eventTrackers, filters,
 * datasets }, datasetGroup, schemas, unexpected, undeletable }`; each item is `{ kind, name, arn }`; `unexpected`
 * lists (as `KIND name`) the resources a config does not name (empty for the first input form). Import and batch jobs
 * have no delete action (API reference: Actions lists none): they are listed under `undeletable`, one page per
 * dataset and per solution version (the versions of a solution: one page), `complete` false when a page was not
 * the last.
 * @internal
 */
export class ListGroupResources extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, props: ListGroupResourcesProps) {
    super(scope, id);
    const group = '$.context.datasetGroupArn';
    const describeGroup = personalizeCall(this, 'Describe the dataset group', {
      action: RESOURCE_KINDS.datasetGroup.describeAction,
      parameters: { DatasetGroupArn: sfn.JsonPath.stringAt(group) },
      arnType: RESOURCE_KINDS.datasetGroup.arnType,
      resultPath: sfn.JsonPath.DISCARD,
    });

    const listing = new sfn.Parallel(this, 'List the dataset group', {
      resultSelector: {
        'solutions.$': '$[0].solutions',
        'campaigns.$': '$[0].campaigns',
        'batchInferenceJobs.$': '$[0].batchInferenceJobs',
        'batchSegmentJobs.$': '$[0].batchSegmentJobs',
        'recommenders.$': '$[1].items',
        'filters.$': '$[2].items',
        'eventTrackers.$': '$[3].items',
        'datasets.$': '$[4].datasets',
        'schemaArns.$': '$[4].schemaArns',
        'datasetImportJobs.$': '$[4].datasetImportJobs',
        'unexpected': {
          'solutions.$': '$[0].unexpectedSolutions',
          'campaigns.$': '$[0].unexpectedCampaigns',
          'recommenders.$': '$[1].unexpected',
          'filters.$': '$[2].unexpected',
          'eventTrackers.$': '$[3].unexpected',
          'datasets.$': '$[4].unexpected',
        },
        // Tokens of the job lists (and version lists) that had more pages.
        'more.$': '$..more[*]',
      },
      resultPath: '$.listed',
    });
    listing.addCatch(props.onError, { errors: ['States.ALL'], resultPath: '$.listError' });
    listing.branch(this.solutions());
    listing.branch(this.simpleList('Recommenders', 'listRecommenders', 'Recommenders', 'recommender',
      { kind: 'RECOMMENDER', nameField: 'Name', arnField: 'RecommenderArn', expectedKey: 'recommenders' }));
    listing.branch(this.simpleList('Filters', 'listFilters', 'Filters', 'filter',
      { kind: 'FILTER', nameField: 'Name', arnField: 'FilterArn', expectedKey: 'filters' }));
    listing.branch(this.simpleList('Event trackers', 'listEventTrackers', 'EventTrackers', 'event-tracker',
      { kind: 'EVENT_TRACKER', nameField: 'Name', arnField: 'EventTrackerArn', expectedKey: 'eventTrackers' }));
    listing.branch(this.datasets());

    const found = new sfn.Pass(this, 'Dataset group found', {
      parameters: {
        found: true,
        items: [{ 'kind': 'DATASET_GROUP', 'name.$': '$.context.datasetGroupName', 'arn.$': group }],
      },
      resultPath: '$.group',
    });
    const notFound = new sfn.Pass(this, 'Dataset group not found', {
      result: sfn.Result.fromObject({
        solutions: [],
        campaigns: [],
        batchInferenceJobs: [],
        batchSegmentJobs: [],
        recommenders: [],
        filters: [],
        eventTrackers: [],
        datasets: [],
        schemaArns: [],
        datasetImportJobs: [],
        unexpected: {},
        more: [],
      }),
      resultPath: '$.listed',
    });
    const nothing = new sfn.Pass(this, 'Nothing listed', { result: sfn.Result.fromObject({ found: false, items: [] }), resultPath: '$.group' });
    notFound.next(nothing);
    describeGroup.addCatch(notFound, { errors: ['Personalize.ResourceNotFoundException'], resultPath: sfn.JsonPath.DISCARD });
    describeGroup.addCatch(props.onError, { errors: ['States.ALL'], resultPath: '$.listError' });
    describeGroup.next(listing).next(found);

    const schemas = this.schemas();
    found.next(schemas);
    nothing.next(schemas);
    this.startState = describeGroup;
    this.endStates = schemas.endStates;
  }

  /** The group's solutions, each with its campaigns and the batch jobs of its versions. */
  private solutions(): sfn.IChainable {
    const list = this.listPage('Solutions', 'listSolutions', { DatasetGroupArn: sfn.JsonPath.stringAt('$.context.datasetGroupArn') }, 'Solutions', 'solution', '$.solutions');
    const each = new sfn.Map(this, 'Each solution', {
      itemsPath: '$.solutions.items',
      itemSelector: { 'solution.$': '$$.Map.Item.Value', 'request.$': '$.request' },
      maxConcurrency: 5,
      resultPath: '$.each',
    });
    const campaigns = this.listPage('Campaigns', 'listCampaigns', { SolutionArn: sfn.JsonPath.stringAt('$.solution.SolutionArn') }, 'Campaigns', 'campaign', '$.campaigns');
    const normalizeCampaigns = this.normalize('Campaign items', '$.campaigns.items', '$.campaignItems',
      { kind: 'CAMPAIGN', nameField: 'Name', arnField: 'CampaignArn', expectedKey: 'campaigns' });
    const versions = personalizeCall(this, 'List solution versions', {
      action: 'listSolutionVersions',
      parameters: { SolutionArn: sfn.JsonPath.stringAt('$.solution.SolutionArn'), MaxResults: PAGE_SIZE },
      arnType: 'solution',
      iamResources: ['*'],
      resultSelector: { 'arns.$': '$.SolutionVersions[*].SolutionVersionArn', 'more.$': '$..NextToken' },
      resultPath: '$.versions',
    });
    const eachVersion = new sfn.Map(this, 'Each solution version', {
      itemsPath: '$.versions.arns',
      itemSelector: { 'arn.$': '$$.Map.Item.Value' },
      maxConcurrency: 5,
      resultPath: '$.jobs',
    });
    const jobs = (label: string, action: string, key: string, arnField: string, resultPath: string) => personalizeCall(this, label, {
      action,
      parameters: { SolutionVersionArn: sfn.JsonPath.stringAt('$.arn'), MaxResults: PAGE_SIZE },
      arnType: 'solution',
      iamResources: ['*'],
      resultSelector: { 'arns.$': `$.${key}[*].${arnField}`, 'more.$': '$..NextToken' },
      resultPath,
    });
    eachVersion.itemProcessor(jobs('List batch inference jobs', 'listBatchInferenceJobs', 'BatchInferenceJobs', 'BatchInferenceJobArn', '$.inference')
      .next(jobs('List batch segment jobs', 'listBatchSegmentJobs', 'BatchSegmentJobs', 'BatchSegmentJobArn', '$.segment'))
      .next(new sfn.Pass(this, 'Version jobs listed', {
        // Deep scan: the tokens of every list above that had more pages.
        parameters: { 'inference.$': '$.inference.arns', 'segment.$': '$.segment.arns', 'more.$': '$..more[*]' },
      })));
    const solution = '$.solution';
    each.itemProcessor(campaigns.next(normalizeCampaigns).next(versions).next(eachVersion).next(new sfn.Pass(this, 'Solution listed', {
      parameters: {
        ...this.itemFields({ kind: 'SOLUTION', nameField: 'Name', arnField: 'SolutionArn', expectedKey: 'solutions' }, solution),
        'campaigns.$': '$.campaignItems',
        'batchInferenceJobs.$': '$.jobs[*].inference[*]',
        'batchSegmentJobs.$': '$.jobs[*].segment[*]',
        'more.$': '$..more[*]',
      },
    })));
    return list.next(each).next(new sfn.Pass(this, 'Solutions listed', {
      parameters: {
        'solutions.$': '$.each[*].item',
        'campaigns.$': '$.each[*].campaigns.items[*]',
        'unexpectedSolutions.$': '$.each[?(@.expected == false)].label',
        'unexpectedCampaigns.$': '$.each[*].campaigns.unexpected[*]',
        'batchInferenceJobs.$': '$.each[*].batchInferenceJobs[*]',
        'batchSegmentJobs.$': '$.each[*].batchSegmentJobs[*]',
        'more.$': '$.each[*].more[*]',
      },
    }));
  }

  /** The group's datasets, each with its schema and its import jobs. */
  private datasets(): sfn.IChainable {
    const list = this.listPage('Datasets', 'listDatasets', { DatasetGroupArn: sfn.JsonPath.stringAt('$.context.datasetGroupArn') }, 'Datasets', 'dataset', '$.datasets');
    const each = new sfn.Map(this, 'Each dataset', {
      itemsPath: '$.datasets.items',
      itemSelector: { 'dataset.$': '$$.Map.Item.Value', 'request.$': '$.request' },
      maxConcurrency: 5,
      resultPath: '$.each',
    });
    const describe = personalizeCall(this, 'Describe the dataset', {
      action: RESOURCE_KINDS.dataset.describeAction,
      parameters: { DatasetArn: sfn.JsonPath.stringAt('$.dataset.DatasetArn') },
      arnType: RESOURCE_KINDS.dataset.arnType,
      resultSelector: { 'schemaArn.$': '$.Dataset.SchemaArn' },
      resultPath: '$.described',
    });
    const imports = personalizeCall(this, 'List dataset import jobs', {
      action: 'listDatasetImportJobs',
      parameters: { DatasetArn: sfn.JsonPath.stringAt('$.dataset.DatasetArn'), MaxResults: PAGE_SIZE },
      arnType: 'dataset-import-job',
      iamResources: ['*'],
      resultSelector: { 'arns.$': '$.DatasetImportJobs[*].DatasetImportJobArn', 'more.$': '$..NextToken' },
      resultPath: '$.imports',
    });
    each.itemProcessor(describe.next(imports).next(new sfn.Pass(this, 'Dataset listed', {
      parameters: {
        ...this.itemFields({ kind: 'DATASET', nameField: 'Name', arnField: 'DatasetArn', expectedKey: 'datasets' }, '$.dataset'),
        'schemaArn.$': '$.described.schemaArn',
        'datasetImportJobs.$': '$.imports.arns',
        'more.$': '$.imports.more',
      },
    })));
    return list.next(each).next(new sfn.Pass(this, 'Datasets listed', {
      parameters: {
        'datasets.$': '$.each[*].item',
        'unexpected.$': '$.each[?(@.expected == false)].label',
        'schemaArns.$': '$.each[*].schemaArn',
        'datasetImportJobs.$': '$.each[*].datasetImportJobs[*]',
        'more.$': '$.each[*].more[*]',
      },
    }));
  }

  /**
   * The schemas to delete: the group's datasets' and the config's, once each. Schemas are account-level and may be
   * shared (API reference, CreateSchema; DeleteSchema): whether another dataset uses one is known when it is deleted.
   */
  private schemas(): sfn.Chain {
    const configured = new sfn.Map(this, 'Configured schema ARNs', {
      itemsPath: '$.request.schemaNames',
      itemSelector: { 'arn.$': FlowServices.arnAt('schema', '$$.Map.Item.Value') },
      resultSelector: { 'arns.$': '$[*].arn' },
      resultPath: '$.configuredSchemas',
    });
    configured.itemProcessor(new sfn.Pass(this, 'Configured schema ARN'));
    const unique = new sfn.Pass(this, 'Schemas once each', {
      parameters: { 'arns.$': 'States.Array($.listed.schemaArns, $.configuredSchemas.arns)' },
      resultPath: '$.schemaLists',
    }).next(new sfn.Pass(this, 'Unique schema ARNs', {
      parameters: { 'arns.$': 'States.ArrayUnique($.schemaLists.arns[*][*])' },
      resultPath: '$.schemaLists',
    }));
    const items = new sfn.Map(this, 'Schema items', {
      itemsPath: '$.schemaLists.arns',
      itemSelector: {
        'kind': 'SCHEMA',
        // A schema's ARN is schema/<name> (API reference, CreateSchema: schemaArn).
        'name.$': "States.ArrayGetItem(States.StringSplit($$.Map.Item.Value, '/'), 1)",
        'arn.$': '$$.Map.Item.Value',
      },
      resultPath: '$.schemaItems',
    });
    items.itemProcessor(new sfn.Pass(this, 'Schema item'));
    const listed = '$.listed';
    const inventory = new sfn.Pass(this, 'Inventory', {
      parameters: {
        'found.$': '$.group.found',
        'resources': Object.fromEntries(['campaigns', 'recommenders', 'solutions', 'eventTrackers', 'filters', 'datasets'].map((k) => [`${k}.$`, `${listed}.${k}`])),
        'datasetGroup.$': '$.group.items',
        'schemas.$': '$.schemaItems',
        'undeletable': {
          'datasetImportJobs.$': `${listed}.datasetImportJobs`,
          'batchInferenceJobs.$': `${listed}.batchInferenceJobs`,
          'batchSegmentJobs.$': `${listed}.batchSegmentJobs`,
          'complete.$': '$.jobLists.complete',
          'note': 'Amazon Personalize has no delete action for dataset import jobs or batch jobs: they stay in the account.',
        },
      },
      resultPath: '$.inventory',
    });
    // Parameters rather than a Result: a Result of `false` is dropped by some ASL engines (the local one among them).
    const complete = (value: boolean) => new sfn.Pass(this, value ? 'Job lists complete' : 'Job lists partial', {
      parameters: { complete: value }, resultPath: '$.jobLists',
    });
    const unexpected = new sfn.Pass(this, 'Resources the config does not name', {
      parameters: { 'labels.$': '$.listed.unexpected.*[*]' }, resultPath: '$.unexpected',
    }).next(new sfn.Pass(this, 'Keep them', { inputPath: '$.unexpected.labels', resultPath: '$.inventory.unexpected' }));
    const none = new sfn.Pass(this, 'The whole group is expected', { result: sfn.Result.fromArray([]), resultPath: '$.inventory.unexpected' });
    const byForm = new sfn.Choice(this, 'Input is a config?')
      .when(sfn.Condition.booleanEquals('$.request.fromConfig', true), unexpected)
      .otherwise(none);
    const end = new sfn.Pass(this, 'Listed');
    unexpected.next(end);
    none.next(end);
    inventory.next(byForm);
    configured.next(unique).next(items).next(new sfn.Choice(this, 'Every job listed?')
      .when(sfn.Condition.isPresent(`${listed}.more[0]`), complete(false).next(inventory))
      .otherwise(complete(true).next(inventory)));
    return sfn.Chain.custom(configured, [end], end);
  }

  /** One page of a List call; a list with more pages stops the tear-down before it deletes anything. */
  private listPage(label: string, action: string, parameters: Record<string, unknown>, key: string, arnType: string, resultPath: string): sfn.Chain {
    const call = personalizeCall(this, `List ${label.toLowerCase()}`, {
      action,
      parameters: { ...parameters, MaxResults: PAGE_SIZE },
      arnType,
      iamResources: ['*'],
      resultSelector: { 'items.$': `$.${key}`, 'more.$': '$..NextToken' },
      resultPath,
    });
    const truncated = new sfn.Fail(this, `Too many ${label.toLowerCase()}`, {
      error: 'TeardownListTruncated',
      cause: `${action} answered with a nextToken: there are more than ${PAGE_SIZE} ${label.toLowerCase()} to delete. The tear-down reads one page of ${PAGE_SIZE} of each kind and stops before it deletes anything: delete some by hand, then run it again.`,
    });
    const next = new sfn.Pass(this, `${label} in one page`);
    call.next(new sfn.Choice(this, `All ${label.toLowerCase()} in one page?`)
      .when(sfn.Condition.isPresent(`${resultPath}.more[0]`), truncated)
      .otherwise(next));
    return sfn.Chain.custom(call, [next], next);
  }

  /** A list of one page, as tear-down items. */
  private simpleList(label: string, action: string, key: string, arnType: string, normalize: Normalize): sfn.IChainable {
    return this.listPage(label, action, { DatasetGroupArn: sfn.JsonPath.stringAt('$.context.datasetGroupArn') }, key, arnType, '$.listed')
      .next(this.normalize(`${label} items`, '$.listed.items', '$.normalized', normalize))
      .next(new sfn.Pass(this, `${label} listed`, { parameters: { 'items.$': '$.normalized.items', 'unexpected.$': '$.normalized.unexpected' } }));
  }

  /**
   * The listed summaries as `{ items, unexpected }`: items `{ kind, name, arn }`, and the labels of those the config
   * does not name. ItemSelector is a payload template as Parameters is (paths, the context object, intrinsic
   * functions: Step Functions developer guide, "ItemSelector (Map)"); the filter is Jayway JsonPath's, which Step
   * Functions evaluates paths with.
   */
  private normalize(id: string, itemsPath: string, resultPath: string, normalize: Normalize): sfn.Map {
    const map = new sfn.Map(this, id, {
      itemsPath,
      itemSelector: this.itemFields(normalize, '$$.Map.Item.Value'),
      resultSelector: { 'items.$': '$[*].item', 'unexpected.$': '$[?(@.expected == false)].label' },
      resultPath,
    });
    map.itemProcessor(new sfn.Pass(this, `${id}: item`));
    return map;
  }

  /**
   * An item read from a summary at `at`: `{ item: { kind, name, arn }, expected, label }`, `expected` telling
   * whether the config names it, `label` (`FILTER <name>`) naming it in a refusal.
   */
  private itemFields(normalize: Normalize, at: string): Record<string, unknown> {
    const name = `${at}.${normalize.nameField}`;
    return {
      'item': { 'kind': normalize.kind, 'name.$': name, 'arn.$': `${at}.${normalize.arnField}` },
      'expected.$': `States.ArrayContains($.request.expected.${normalize.expectedKey}, ${name})`,
      'label.$': `States.Format('${normalize.kind} {}', ${name})`,
    };
  }
}
