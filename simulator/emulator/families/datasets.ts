import type * as P from '@aws-sdk/client-personalize';
import { parseAvroRecord, replacementProblem } from '../avro-schema';
import { EmulatorContext, StoredDataset } from '../context';
import { CREATE_FAILED, CREATE_STATUSES } from '../lifecycle';
import { alreadyExists, inUse, invalidInput } from '../personalize-error';
import { checkName, checkTags, DATASET_TYPES, DOMAINS, ROLE_PATTERN, S3_PATTERN } from '../validation';
import { Handlers } from './handler';

/** Source: updating-dataset-schema page: "You can't replace the schema of an Item interactions dataset, Action interactions dataset or Actions dataset". */
const REPLACEABLE_TYPES = ['ITEMS', 'USERS'];

/** Schemas, datasets (with schema replacement), dataset import jobs. */
export function datasetHandlers(ctx: EmulatorContext): Handlers {
  const updateInProgress = (d: StoredDataset) => d.update !== undefined && !d.update.lifecycle.settled;

  /** A finished schema replacement takes effect on the dataset (until then the old schema stays: strict). */
  const applyUpdate = (dataset: StoredDataset): void => {
    const update = dataset.update;
    if (!update || update.applied || update.lifecycle.status !== 'ACTIVE') return;
    update.applied = true;
    dataset.data = { ...dataset.data, schemaArn: update.data.schemaArn };
    dataset.updated = new Date(update.lifecycle.endedAt ?? ctx.now());
  };

  const describeDataset = (arn: string | undefined): P.Dataset => {
    const dataset = ctx.get(ctx.datasets, arn, 'dataset');
    applyUpdate(dataset);
    const shown = ctx.view(dataset);
    if (!dataset.update) return shown;
    const latestDatasetUpdate = ctx.updateView(dataset.update);
    dataset.update.lifecycle.observe();
    return { ...shown, latestDatasetUpdate };
  };

  return {
    CreateSchema: (r: P.CreateSchemaRequest): P.CreateSchemaResponse => {
      checkName(r.name, 'name');
      if (r.domain !== undefined && !DOMAINS.includes(r.domain)) throw invalidInput(`Invalid domain ${r.domain}.`);
      parseAvroRecord(r.schema);
      // Schemas are account-level (no dataset group in the ARN), so groups can share them: source: API_CreateSchema.
      const arn = ctx.arns.schema(r.name!);
      if (ctx.exists(ctx.schemas, arn)) throw alreadyExists('Schema', arn);
      ctx.checkQuota(ctx.schemas.size, ctx.options.quotas.activeSchemas, 'active schemas');
      ctx.schemas.set(arn, ctx.store('schema', arn, r.name!, 'CreateSchema', undefined, { schemaArn: arn, name: r.name, schema: r.schema, domain: r.domain }));
      return { schemaArn: arn };
    },
    DescribeSchema: (r: P.DescribeSchemaRequest): P.DescribeSchemaResponse => ({ schema: ctx.view(ctx.get(ctx.schemas, r.schemaArn, 'schema')) }),
    ListSchemas: (r: P.ListSchemasRequest) => ctx.list(ctx.schemas, r, 'schemas', (s) => ctx.summary(s, ['schemaArn', 'name', 'domain'])),
    // Source: API_DeleteSchema: "Before deleting a schema, you must delete all datasets referencing the schema."
    DeleteSchema: (r: P.DeleteSchemaRequest) => {
      const schema = ctx.get(ctx.schemas, r.schemaArn, 'schema');
      const movingTo = (d: StoredDataset) => d.update && !d.update.applied && d.update.data.schemaArn === schema.arn;
      const users = ctx.live(ctx.datasets).filter((d) => d.data.schemaArn === schema.arn || movingTo(d));
      if (users.length) throw inUse(`Schema ${schema.arn} is used by dataset ${users.map((d) => d.arn).join(', ')}.`);
      ctx.schemas.delete(schema.arn);
      return {};
    },

    CreateDataset: (r: P.CreateDatasetRequest): P.CreateDatasetResponse => {
      checkName(r.name, 'name');
      const type = String(r.datasetType).toUpperCase();
      if (!DATASET_TYPES.includes(type)) throw invalidInput(`Invalid datasetType ${r.datasetType}. Valid values: ${DATASET_TYPES.join(', ')}.`);
      const group = ctx.activeParent(ctx.datasetGroups, r.datasetGroupArn, 'dataset group');
      const schema = ctx.get(ctx.schemas, r.schemaArn, 'schema');
      // Source: API_CreateDataset / domain dataset groups: a domain group's datasets need a schema of that domain.
      if ((schema.data.domain ?? undefined) !== (group.data.domain ?? undefined)) {
        throw invalidInput(`The schema's domain (${schema.data.domain ?? 'none'}) must match the dataset group's domain (${group.data.domain ?? 'none'}).`);
      }
      // Strict: the Actions and Action interactions schema pages are for custom groups only ("(custom)"), and
      // "no domain use case uses Actions data" (datasets-schemas-overview): a domain group refuses them here.
      if (group.data.domain && ['ACTIONS', 'ACTION_INTERACTIONS'].includes(type)) {
        throw invalidInput(`A ${group.data.domain} domain dataset group cannot have an ${type} dataset: Actions data is for custom dataset groups (Next-Best-Action).`);
      }
      checkTags(r.tags);
      // One dataset per type per group: source: API_CreateDatasetGroup ("at most ... one for each type of dataset").
      const arn = ctx.arns.dataset(group.name, type);
      if (ctx.exists(ctx.datasets, arn)) throw alreadyExists('Dataset', arn);
      ctx.datasets.set(arn, ctx.store('dataset', arn, r.name!, 'CreateDataset', CREATE_STATUSES, {
        datasetArn: arn, name: r.name, datasetType: type, datasetGroupArn: group.arn, schemaArn: schema.arn,
      }));
      return { datasetArn: arn };
    },
    DescribeDataset: (r: P.DescribeDatasetRequest): P.DescribeDatasetResponse => ({ dataset: describeDataset(r.datasetArn) }),
    ListDatasets: (r: P.ListDatasetsRequest) => ctx.list(ctx.datasets, r, 'datasets', (s) => {
      applyUpdate(s);
      return ctx.summary(s, ['datasetArn', 'name', 'datasetType', 'status']);
    }, (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
    // Source: API_UpdateDataset + updating-dataset-schema page; progress in latestDatasetUpdate (API_DatasetUpdateSummary).
    UpdateDataset: (r: P.UpdateDatasetRequest): P.UpdateDatasetResponse => {
      const dataset = ctx.activeParent(ctx.datasets, r.datasetArn, 'dataset');
      applyUpdate(dataset);
      if (!REPLACEABLE_TYPES.includes(String(dataset.data.datasetType))) {
        throw invalidInput(`You can only replace the schema of an ITEMS or USERS dataset; ${dataset.arn} is ${dataset.data.datasetType}.`);
      }
      const schema = ctx.get(ctx.schemas, r.schemaArn, 'schema');
      // Strict (docs silent): one replacement at a time, none while an import runs.
      if (updateInProgress(dataset)) throw inUse(`Dataset ${dataset.arn} is already being updated.`);
      if (ctx.live(ctx.importJobs).some((j) => j.data.datasetArn === dataset.arn && ctx.inProgress(j))) {
        throw inUse(`Dataset ${dataset.arn} has an import job in progress.`);
      }
      const group = ctx.datasetGroups.get(String(dataset.data.datasetGroupArn));
      if ((schema.data.domain ?? undefined) !== (group?.data.domain ?? undefined)) {
        throw invalidInput(`The schema's domain (${schema.data.domain ?? 'none'}) must match the dataset group's domain (${group?.data.domain ?? 'none'}).`);
      }
      const current = ctx.get(ctx.schemas, dataset.data.schemaArn, 'schema');
      const problem = replacementProblem(parseAvroRecord(current.data.schema), parseAvroRecord(schema.data.schema));
      if (problem) throw invalidInput(`Schema ${schema.arn} cannot replace ${current.arn} of dataset ${dataset.arn}: ${problem}`);
      const reason = ctx.faults.failureFor('UpdateDataset', dataset.name);
      const lifecycle = ctx.begin('datasetUpdate', dataset.name, dataset.arn, CREATE_STATUSES, reason ? { status: CREATE_FAILED, reason } : undefined);
      dataset.update = { lifecycle, data: { schemaArn: schema.arn }, created: ctx.now() };
      dataset.updated = new Date(ctx.now());
      return { datasetArn: dataset.arn };
    },
    // Source: API_DeleteDataset: not while an import job or a solution version of it is CREATE PENDING or IN PROGRESS.
    DeleteDataset: (r: P.DeleteDatasetRequest) => ctx.deleteResource(ctx.datasets, r.datasetArn, 'dataset', (arn) => {
      const dataset = ctx.datasets.get(arn)!;
      const busy = [
        ...ctx.live(ctx.importJobs).filter((j) => j.data.datasetArn === arn && ctx.inProgress(j)),
        ...ctx.live(ctx.solutionVersions).filter((v) => v.data.datasetGroupArn === dataset.data.datasetGroupArn && ctx.inProgress(v)),
      ];
      return busy.length ? `${busy.map((b) => b.arn).join(', ')} in progress` : undefined;
    }),

    CreateDatasetImportJob: (r: P.CreateDatasetImportJobRequest): P.CreateDatasetImportJobResponse => {
      checkName(r.jobName, 'jobName');
      const dataset = ctx.activeParent(ctx.datasets, r.datasetArn, 'dataset');
      if (!S3_PATTERN.test(r.dataSource?.dataLocation ?? '')) throw invalidInput(`Invalid dataLocation ${r.dataSource?.dataLocation}; expected an S3 URI.`);
      if (r.roleArn !== undefined && !ROLE_PATTERN.test(r.roleArn)) throw invalidInput(`Invalid roleArn ${r.roleArn}.`);
      // Source: API_CreateDatasetImportJob `importMode` (FULL | INCREMENTAL, default FULL).
      const mode = r.importMode ?? 'FULL';
      if (!['FULL', 'INCREMENTAL'].includes(mode)) throw invalidInput(`Invalid importMode ${mode}.`);
      const jobs = ctx.live(ctx.importJobs).filter((j) => j.data.datasetArn === dataset.arn);
      // Strict (docs silent): one import at a time per dataset, none during a schema replacement.
      if (jobs.some((j) => ctx.inProgress(j))) throw inUse(`An import job is already in progress for dataset ${dataset.arn}.`);
      if (updateInProgress(dataset)) throw inUse(`Dataset ${dataset.arn} is being updated (schema replacement in progress).`);
      // Source: API_CreateDatasetImportJob importMode: "If you haven't imported bulk records into the dataset previously, you can only specify FULL."
      if (mode === 'INCREMENTAL' && !jobs.some((j) => ctx.statusOf(j) === 'ACTIVE')) {
        throw invalidInput(`You can only use FULL import mode for dataset ${dataset.arn}: it has no bulk data yet.`);
      }
      checkTags(r.tags);
      const arn = ctx.arns.datasetImportJob(r.jobName!);
      if (ctx.exists(ctx.importJobs, arn)) throw alreadyExists('Dataset import job', arn);
      ctx.checkQuota(ctx.live(ctx.importJobs).filter((j) => ctx.inProgress(j)).length, ctx.options.quotas.inProgressDatasetImportJobs,
        'pending or in progress dataset import jobs');
      ctx.importJobs.set(arn, ctx.store('datasetImportJob', arn, r.jobName!, 'CreateDatasetImportJob', CREATE_STATUSES, {
        datasetImportJobArn: arn,
        jobName: r.jobName,
        datasetArn: dataset.arn,
        dataSource: r.dataSource,
        roleArn: r.roleArn,
        importMode: mode,
        publishAttributionMetricsToS3: r.publishAttributionMetricsToS3,
      }));
      return { datasetImportJobArn: arn };
    },
    DescribeDatasetImportJob: (r: P.DescribeDatasetImportJobRequest): P.DescribeDatasetImportJobResponse =>
      ({ datasetImportJob: ctx.view(ctx.get(ctx.importJobs, r.datasetImportJobArn, 'dataset import job')) }),
    ListDatasetImportJobs: (r: P.ListDatasetImportJobsRequest) => ctx.list(ctx.importJobs, r, 'datasetImportJobs',
      (s) => ctx.summary(s, ['datasetImportJobArn', 'jobName', 'status', 'importMode', 'failureReason']), (s) => !r.datasetArn || s.data.datasetArn === r.datasetArn),
  };
}
