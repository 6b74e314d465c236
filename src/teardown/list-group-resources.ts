import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { collectionOf, GROUP_MEMBER_KINDS } from './teardown-kinds';
import { camelCaseAction, KIND_FACTS, KindFacts, pascalCaseMember, RESOURCE_KIND_FACTS } from '../contract/resource-kinds';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { FlowServices } from '../steps/flow-services';
import { personalizeCall } from '../steps/personalize-call';

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

const F = RESOURCE_KIND_FACTS;

/**
 * The kinds listed under the dataset group that have kinds of their own under them (a solution's campaigns and
 * versions, a dataset's import jobs): each has a branch of its own. Every other kind listed under the group is one
 * List call, in a branch the table makes.
 */
const HAS_CHILDREN = (facts: KindFacts) => KIND_FACTS.some((child) => child.list.parent === `${camelCaseAction(facts.apiName)}Arn`);

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

    // Each branch leaves its lists under their kinds' names (`recommenders`, ...) and its refusals under `unexpected`:
    // the branches are read by name, whatever their order.
    const undeletable = [F.datasetImportJob, F.datasetExportJob, F.dataDeletionJob, F.batchInferenceJob, F.batchSegmentJob];
    const listed = [...GROUP_MEMBER_KINDS, ...undeletable].map(collectionOf);
    const listing = new sfn.Parallel(this, 'List the dataset group', {
      resultSelector: {
        ...Object.fromEntries(listed.map((key) => [`${key}.$`, `$[*].${key}[*]`])),
        'schemaArns.$': '$[*].schemaArns[*]',
        'unexpected.$': '$[*].unexpected.*[*]',
        // Tokens of the job lists (and version lists) that had more pages.
        'more.$': '$..more[*]',
      },
      resultPath: '$.listed',
    });
    listing.addCatch(props.onError, { errors: ['States.ALL'], resultPath: '$.listError' });
    listing.branch(this.solutions());
    for (const facts of GROUP_MEMBER_KINDS.filter((k) => k.list.parent === 'datasetGroupArn' && !HAS_CHILDREN(k))) listing.branch(this.simpleList(facts));
    listing.branch(this.datasets());
    // The group's data deletion jobs: undeletable, listed as import jobs are.
    listing.branch(this.arnList('List data deletion jobs', F.dataDeletionJob, '$.context.datasetGroupArn', '$.deletions')
      .next(new sfn.Pass(this, 'Data deletion jobs listed', { parameters: { 'dataDeletionJobs.$': '$.deletions.arns', 'more.$': '$.deletions.more' } })));

    const found = new sfn.Pass(this, 'Dataset group found', {
      parameters: {
        found: true,
        items: [{ 'kind': 'DATASET_GROUP', 'name.$': '$.context.datasetGroupName', 'arn.$': group }],
      },
      resultPath: '$.group',
    });
    const notFound = new sfn.Pass(this, 'Dataset group not found', {
      result: sfn.Result.fromObject({ ...Object.fromEntries(listed.map((key) => [key, []])), schemaArns: [], unexpected: [], more: [] }),
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
    const list = this.listPage(F.solution, '$.context.datasetGroupArn', '$.solutions');
    const each = new sfn.Map(this, 'Each solution', {
      itemsPath: '$.solutions.items',
      itemSelector: { 'solution.$': '$$.Map.Item.Value', 'request.$': '$.request' },
      maxConcurrency: 5,
      resultPath: '$.each',
    });
    const solutionArn = `$.solution.${pascalCaseMember(F.solution.list.arnField)}`;
    const campaigns = this.listPage(F.campaign, solutionArn, '$.campaigns');
    const normalizeCampaigns = this.normalize('Campaign items', '$.campaigns.items', '$.campaignItems', F.campaign);
    const versions = this.arnList('List solution versions', F.solutionVersion, solutionArn, '$.versions');
    const eachVersion = new sfn.Map(this, 'Each solution version', {
      itemsPath: '$.versions.arns',
      itemSelector: { 'arn.$': '$$.Map.Item.Value' },
      maxConcurrency: 5,
      resultPath: '$.jobs',
    });
    eachVersion.itemProcessor(this.arnList('List batch inference jobs', F.batchInferenceJob, '$.arn', '$.inference')
      .next(this.arnList('List batch segment jobs', F.batchSegmentJob, '$.arn', '$.segment'))
      .next(new sfn.Pass(this, 'Version jobs listed', {
        // Deep scan: the tokens of every list above that had more pages.
        parameters: { 'inference.$': '$.inference.arns', 'segment.$': '$.segment.arns', 'more.$': '$..more[*]' },
      })));
    const solution = '$.solution';
    each.itemProcessor(campaigns.next(normalizeCampaigns).next(versions).next(eachVersion).next(new sfn.Pass(this, 'Solution listed', {
      parameters: {
        ...this.itemFields(F.solution, solution),
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
        'unexpected': { 'solutions.$': '$.each[?(@.expected == false)].label', 'campaigns.$': '$.each[*].campaigns.unexpected[*]' },
        'batchInferenceJobs.$': '$.each[*].batchInferenceJobs[*]',
        'batchSegmentJobs.$': '$.each[*].batchSegmentJobs[*]',
        'more.$': '$.each[*].more[*]',
      },
    }));
  }

  /** The group's datasets, each with its schema and its import jobs. */
  private datasets(): sfn.IChainable {
    const list = this.listPage(F.dataset, '$.context.datasetGroupArn', '$.datasets');
    const each = new sfn.Map(this, 'Each dataset', {
      itemsPath: '$.datasets.items',
      itemSelector: { 'dataset.$': '$$.Map.Item.Value', 'request.$': '$.request' },
      maxConcurrency: 5,
      resultPath: '$.each',
    });
    const datasetArn = `$.dataset.${pascalCaseMember(F.dataset.list.arnField)}`;
    const describe = personalizeCall(this, 'Describe the dataset', {
      action: RESOURCE_KINDS.dataset.describeAction,
      parameters: { [RESOURCE_KINDS.dataset.arnParameter]: sfn.JsonPath.stringAt(datasetArn) },
      arnType: RESOURCE_KINDS.dataset.arnType,
      resultSelector: { 'schemaArn.$': '$.Dataset.SchemaArn' },
      resultPath: '$.described',
    });
    const imports = this.arnList('List dataset import jobs', F.datasetImportJob, datasetArn, '$.imports');
    const exports = this.arnList('List dataset export jobs', F.datasetExportJob, datasetArn, '$.exports');
    each.itemProcessor(describe.next(imports).next(exports).next(new sfn.Pass(this, 'Dataset listed', {
      parameters: {
        ...this.itemFields(F.dataset, '$.dataset'),
        'schemaArn.$': '$.described.schemaArn',
        'datasetImportJobs.$': '$.imports.arns',
        'datasetExportJobs.$': '$.exports.arns',
        'more.$': '$..more[*]',
      },
    })));
    return list.next(each).next(new sfn.Pass(this, 'Datasets listed', {
      parameters: {
        'datasets.$': '$.each[*].item',
        'unexpected': { 'datasets.$': '$.each[?(@.expected == false)].label' },
        'schemaArns.$': '$.each[*].schemaArn',
        'datasetImportJobs.$': '$.each[*].datasetImportJobs[*]',
        'datasetExportJobs.$': '$.each[*].datasetExportJobs[*]',
        'more.$': '$.each[*].more[*]',
      },
    }));
  }

  /** One page of a kind's ARNs under a parent (import and batch jobs, solution versions), `{ arns, more }`. */
  private arnList(id: string, facts: KindFacts, parentArn: string, resultPath: string): tasks.CallAwsService {
    return personalizeCall(this, id, {
      action: camelCaseAction(facts.list.action),
      parameters: { [pascalCaseMember(facts.list.parent!)]: sfn.JsonPath.stringAt(parentArn), MaxResults: PAGE_SIZE },
      arnType: facts.arnType,
      iamResources: ['*'],
      resultSelector: { 'arns.$': `$.${pascalCaseMember(facts.list.key)}[*].${pascalCaseMember(facts.list.arnField)}`, 'more.$': '$..NextToken' },
      resultPath,
    });
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
        'resources': Object.fromEntries(GROUP_MEMBER_KINDS.map(collectionOf).map((k) => [`${k}.$`, `${listed}.${k}`])),
        'datasetGroup.$': '$.group.items',
        'schemas.$': '$.schemaItems',
        'undeletable': {
          'datasetImportJobs.$': `${listed}.datasetImportJobs`,
          'datasetExportJobs.$': `${listed}.datasetExportJobs`,
          'dataDeletionJobs.$': `${listed}.dataDeletionJobs`,
          'batchInferenceJobs.$': `${listed}.batchInferenceJobs`,
          'batchSegmentJobs.$': `${listed}.batchSegmentJobs`,
          'complete.$': '$.jobLists.complete',
          'note': 'Amazon Personalize has no delete action for dataset import, dataset export, data deletion or batch jobs: they stay in the account.',
        },
      },
      resultPath: '$.inventory',
    });
    // Parameters rather than a Result: a Result of `false` is dropped by some ASL engines (the local one among them).
    const complete = (value: boolean) => new sfn.Pass(this, value ? 'Job lists complete' : 'Job lists partial', {
      parameters: { complete: value }, resultPath: '$.jobLists',
    });
    const unexpected = new sfn.Pass(this, 'Resources the config does not name', { inputPath: '$.listed.unexpected', resultPath: '$.inventory.unexpected' });
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

  /** One page of a kind's List call under a parent; a list with more pages stops the tear-down before it deletes anything. */
  private listPage(facts: KindFacts, parentArn: string, resultPath: string): sfn.Chain {
    const label = `${facts.label}s`;
    const action = camelCaseAction(facts.list.action);
    const call = personalizeCall(this, `List ${label.toLowerCase()}`, {
      action,
      parameters: { [pascalCaseMember(facts.list.parent!)]: sfn.JsonPath.stringAt(parentArn), MaxResults: PAGE_SIZE },
      arnType: facts.arnType,
      iamResources: ['*'],
      resultSelector: { 'items.$': `$.${pascalCaseMember(facts.list.key)}`, 'more.$': '$..NextToken' },
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

  /** A kind the group holds, listed in one page, as tear-down items under its collection's name. */
  private simpleList(facts: KindFacts): sfn.IChainable {
    const label = `${facts.label}s`;
    const key = collectionOf(facts);
    return this.listPage(facts, '$.context.datasetGroupArn', '$.listed')
      .next(this.normalize(`${label} items`, '$.listed.items', '$.normalized', facts))
      .next(new sfn.Pass(this, `${label} listed`, { parameters: { [`${key}.$`]: '$.normalized.items', unexpected: { [`${key}.$`]: '$.normalized.unexpected' } } }));
  }

  /**
   * The listed summaries as `{ items, unexpected }`: items `{ kind, name, arn }`, and the labels of those the config
   * does not name. ItemSelector is a payload template as Parameters is (paths, the context object, intrinsic
   * functions: Step Functions developer guide, "ItemSelector (Map)"); the filter is Jayway JsonPath's, which Step
   * Functions evaluates paths with.
   */
  private normalize(id: string, itemsPath: string, resultPath: string, facts: KindFacts): sfn.Map {
    const map = new sfn.Map(this, id, {
      itemsPath,
      itemSelector: this.itemFields(facts, '$$.Map.Item.Value'),
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
  private itemFields(facts: KindFacts, at: string): Record<string, unknown> {
    const name = `${at}.${pascalCaseMember(facts.list.nameField!)}`;
    return {
      'item': { 'kind': facts.id, 'name.$': name, 'arn.$': `${at}.${pascalCaseMember(facts.list.arnField)}` },
      'expected.$': `States.ArrayContains($.request.expected.${collectionOf(facts)}, ${name})`,
      'label.$': `States.Format('${facts.id} {}', ${name})`,
    };
  }
}
