import { createHash } from 'node:crypto';
import type * as P from '@aws-sdk/client-personalize';
import { EmulatorContext, Stored } from '../context';
import { CREATE_STATUSES, UPDATE_STATUSES } from '../lifecycle';
import { alreadyExists, inUse, invalidInput, limitExceeded } from '../personalize-error';
import { checkName, checkTags, ROLE_PATTERN, S3_PATTERN } from '../validation';
import { Handlers } from './handler';

/** Source: API_DataDeletionJob `status`: PENDING > IN_PROGRESS > COMPLETED or FAILED. */
export const DATA_DELETION_STATUSES = ['PENDING', 'IN_PROGRESS', 'COMPLETED'];
/** Source: API_CreateMetricAttribution `metrics`: "Maximum number of 10 items" (UpdateMetricAttribution addMetrics too). */
const MAX_METRICS = 10;
/** Source: API_CreateMetricAttribution `metrics`: "Available functions are SUM() or SAMPLECOUNT()", SUM of Interactions or Items. */
const EXPRESSION = /^\s*(SAMPLECOUNT\(\s*\)|SUM\(\s*(Interactions|Items)\.[A-Za-z_][A-Za-z0-9_]*\s*\))\s*$/i;
/** Source: API_CreateDatasetExportJob `ingestionMode`: BULK | PUT | ALL, default PUT. */
const INGESTION_MODES = ['BULK', 'PUT', 'ALL'];

type Metric = P.MetricAttribute;

/** Metric attributions, data deletion jobs and dataset export jobs: the lifecycle work on a dataset group. */
export function lifecycleJobHandlers(ctx: EmulatorContext): Handlers {
  const checkMetrics = (metrics: Metric[] | undefined, field: string) => {
    if (!Array.isArray(metrics)) throw invalidInput(`${field} is required.`);
    if (metrics.length > MAX_METRICS) throw invalidInput(`${field} has ${metrics.length} items; the maximum is ${MAX_METRICS}.`);
    for (const m of metrics) {
      if (!m?.eventType || !m.metricName || !m.expression) throw invalidInput(`Each of ${field} needs eventType, metricName and expression.`);
      if (!EXPRESSION.test(m.expression)) throw invalidInput(`Invalid expression ${m.expression}: use SUM(Interactions.<COLUMN>), SUM(Items.<COLUMN>) or SAMPLECOUNT().`);
    }
  };
  const checkOutput = (output: P.MetricAttributionOutput | undefined) => {
    if (!ROLE_PATTERN.test(output?.roleArn ?? '')) throw invalidInput(`Invalid metricsOutputConfig.roleArn ${output?.roleArn}.`);
    if (output?.s3DataDestination && !S3_PATTERN.test(output.s3DataDestination.path ?? '')) throw invalidInput(`Invalid metricsOutputConfig.s3DataDestination.path ${output.s3DataDestination.path}.`);
  };
  /** The metrics of each attribution (ListMetricAttributionMetrics; DescribeMetricAttribution shows none). */
  const metricsOf = new Map<string, Metric[]>();
  const importsUnderWay = (datasetGroupArn: string) => ctx.live(ctx.importJobs).filter((j) => ctx.inProgress(j)
    && ctx.datasets.get(String(j.data.datasetArn))?.data.datasetGroupArn === datasetGroupArn);

  return {
    // Source: API_CreateMetricAttribution (name, datasetGroupArn, metrics, metricsOutputConfig; no tags member).
    CreateMetricAttribution: (r: P.CreateMetricAttributionRequest): P.CreateMetricAttributionResponse => {
      checkName(r.name, 'name');
      const group = ctx.activeParent(ctx.datasetGroups, r.datasetGroupArn, 'dataset group');
      checkMetrics(r.metrics, 'metrics');
      checkOutput(r.metricsOutputConfig);
      // Names are unique per account and region (strict: the ARN is `metric-attribution/<name>`, as for other kinds).
      const arn = ctx.arns.of(`metric-attribution/${r.name}`);
      if (ctx.exists(ctx.metricAttributions, arn)) throw alreadyExists('Metric attribution', arn);
      // Strict reading (docs silent on the error): one metric attribution per dataset group.
      const other = ctx.live(ctx.metricAttributions).find((m) => m.data.datasetGroupArn === group.arn);
      if (other) throw limitExceeded(`Dataset group ${group.arn} already has metric attribution ${other.arn}: one per dataset group.`);
      ctx.metricAttributions.set(arn, ctx.store('metricAttribution', arn, r.name!, 'CreateMetricAttribution', CREATE_STATUSES, {
        metricAttributionArn: arn, name: r.name, datasetGroupArn: group.arn, metricsOutputConfig: r.metricsOutputConfig,
      }));
      metricsOf.set(arn, r.metrics!.map((m) => ({ ...m })));
      return { metricAttributionArn: arn };
    },
    DescribeMetricAttribution: (r: P.DescribeMetricAttributionRequest): P.DescribeMetricAttributionResponse =>
      ({ metricAttribution: ctx.view(ctx.get(ctx.metricAttributions, r.metricAttributionArn, 'metric attribution')) }),
    ListMetricAttributions: (r: P.ListMetricAttributionsRequest) => ctx.list(ctx.metricAttributions, r, 'metricAttributions',
      (s) => ctx.summary(s, ['metricAttributionArn', 'name', 'status', 'failureReason']), (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),
    // Source: API_ListMetricAttributionMetrics: the attribution's metrics, `metrics`.
    ListMetricAttributionMetrics: (r: P.ListMetricAttributionMetricsRequest) => {
      const item = ctx.get(ctx.metricAttributions, r.metricAttributionArn, 'metric attribution');
      return { metrics: (metricsOf.get(item.arn) ?? []).map((m) => ({ ...m })) };
    },
    // Source: API_UpdateMetricAttribution (addMetrics, removeMetrics by name, metricsOutputConfig). Strict (docs silent):
    // refused while the attribution is being created or updated; removals apply before additions (a metric replaced
    // under its name); an added name that stays is refused; the attribution shows UPDATE PENDING > UPDATE IN_PROGRESS > ACTIVE.
    UpdateMetricAttribution: (r: P.UpdateMetricAttributionRequest): P.UpdateMetricAttributionResponse => {
      const item = ctx.get(ctx.metricAttributions, r.metricAttributionArn, 'metric attribution');
      if (ctx.statusOf(item) !== 'ACTIVE') throw inUse(`Metric attribution ${item.arn} is ${ctx.statusOf(item)}.`);
      if (r.addMetrics) checkMetrics(r.addMetrics, 'addMetrics');
      if (r.metricsOutputConfig) checkOutput(r.metricsOutputConfig);
      const current = metricsOf.get(item.arn) ?? [];
      for (const name of r.removeMetrics ?? []) {
        if (!current.some((m) => m.metricName === name)) throw invalidInput(`Metric ${name} is not in metric attribution ${item.arn}.`);
      }
      const kept = current.filter((m) => !(r.removeMetrics ?? []).includes(String(m.metricName)));
      for (const m of r.addMetrics ?? []) {
        if (kept.some((k) => k.metricName === m.metricName)) throw invalidInput(`Metric ${m.metricName} already exists in metric attribution ${item.arn}.`);
      }
      const next = [...kept, ...(r.addMetrics ?? []).map((m) => ({ ...m }))];
      if (next.length > MAX_METRICS) throw invalidInput(`A metric attribution has at most ${MAX_METRICS} metrics.`);
      metricsOf.set(item.arn, next);
      if (r.metricsOutputConfig) item.data = { ...item.data, metricsOutputConfig: r.metricsOutputConfig };
      const reason = ctx.faults.failureFor('UpdateMetricAttribution', item.name);
      item.lifecycle = ctx.begin('metricAttributionUpdate', item.name, item.arn, UPDATE_STATUSES, reason ? { status: 'UPDATE FAILED', reason } : undefined);
      item.updated = new Date(ctx.now());
      return { metricAttributionArn: item.arn };
    },
    // Source: API_DeleteMetricAttribution.
    DeleteMetricAttribution: (r: P.DeleteMetricAttributionRequest) => {
      const result = ctx.deleteResource(ctx.metricAttributions, r.metricAttributionArn, 'metric attribution');
      return result;
    },

    // Source: API_CreateDataDeletionJob (jobName, datasetGroupArn, dataSource.dataLocation, roleArn, tags).
    CreateDataDeletionJob: (r: P.CreateDataDeletionJobRequest): P.CreateDataDeletionJobResponse => {
      checkName(r.jobName, 'jobName');
      const group = ctx.activeParent(ctx.datasetGroups, r.datasetGroupArn, 'dataset group');
      if (!S3_PATTERN.test(r.dataSource?.dataLocation ?? '')) throw invalidInput(`Invalid dataSource.dataLocation ${r.dataSource?.dataLocation}; expected an S3 URI.`);
      if (!ROLE_PATTERN.test(r.roleArn ?? '')) throw invalidInput(`Invalid roleArn ${r.roleArn}.`);
      checkTags(r.tags);
      const arn = ctx.arns.of(`data-deletion-job/${r.jobName}`);
      if (ctx.exists(ctx.dataDeletionJobs, arn)) throw alreadyExists('Data deletion job', arn);
      // Strict (docs silent): refused while an import into the group, or another deletion job of it, is under way.
      const deleting = ctx.live(ctx.dataDeletionJobs).filter((j) => j.data.datasetGroupArn === group.arn && ctx.inProgress(j));
      const busy = [...importsUnderWay(group.arn), ...deleting];
      if (busy.length) throw inUse(`Dataset group ${group.arn} has ${busy.map((b) => b.arn).join(', ')} in progress.`);
      const failure = ctx.faults.failureFor('CreateDataDeletionJob', r.jobName!);
      const lifecycle = ctx.begin('dataDeletionJob', r.jobName!, arn, DATA_DELETION_STATUSES, failure ? { status: 'FAILED', reason: failure } : undefined);
      const now = new Date(ctx.now());
      // numDeleted: the emulator reads no S3; a count derived from the file's location, shown once COMPLETED.
      const count = 1 + (Number.parseInt(createHash('sha256').update(String(r.dataSource?.dataLocation)).digest('hex').slice(0, 4), 16) % 500);
      const stored: Stored<P.DataDeletionJob> & { count: number } = {
        arn,
        name: r.jobName!,
        kind: 'dataDeletionJob',
        created: now,
        updated: now,
        lifecycle,
        count,
        data: { dataDeletionJobArn: arn, jobName: r.jobName, datasetGroupArn: group.arn, dataSource: r.dataSource, roleArn: r.roleArn },
      };
      ctx.dataDeletionJobs.set(arn, stored);
      return { dataDeletionJobArn: arn };
    },
    DescribeDataDeletionJob: (r: P.DescribeDataDeletionJobRequest): P.DescribeDataDeletionJobResponse => {
      const job = ctx.get(ctx.dataDeletionJobs, r.dataDeletionJobArn, 'data deletion job') as Stored<P.DataDeletionJob> & { count?: number };
      const shown = ctx.view(job);
      // Source: API_DataDeletionJob numDeleted: "The number of records deleted by a COMPLETED job".
      return { dataDeletionJob: shown.status === 'COMPLETED' ? { ...shown, numDeleted: job.count } : shown };
    },
    ListDataDeletionJobs: (r: P.ListDataDeletionJobsRequest) => ctx.list(ctx.dataDeletionJobs, r, 'dataDeletionJobs',
      (s) => ctx.summary(s, ['dataDeletionJobArn', 'datasetGroupArn', 'jobName', 'status', 'failureReason']),
      (s) => !r.datasetGroupArn || s.data.datasetGroupArn === r.datasetGroupArn),

    // Source: API_CreateDatasetExportJob (jobName, datasetArn, ingestionMode, roleArn, jobOutput, tags).
    CreateDatasetExportJob: (r: P.CreateDatasetExportJobRequest): P.CreateDatasetExportJobResponse => {
      checkName(r.jobName, 'jobName');
      const dataset = ctx.activeParent(ctx.datasets, r.datasetArn, 'dataset');
      const mode = r.ingestionMode ?? 'PUT';
      if (!INGESTION_MODES.includes(mode)) throw invalidInput(`Invalid ingestionMode ${mode}. Valid values: ${INGESTION_MODES.join(', ')}.`);
      if (!ROLE_PATTERN.test(r.roleArn ?? '')) throw invalidInput(`Invalid roleArn ${r.roleArn}.`);
      if (!S3_PATTERN.test(r.jobOutput?.s3DataDestination?.path ?? '')) throw invalidInput(`Invalid jobOutput.s3DataDestination.path ${r.jobOutput?.s3DataDestination?.path}.`);
      checkTags(r.tags);
      const arn = ctx.arns.of(`dataset-export-job/${r.jobName}`);
      if (ctx.exists(ctx.datasetExportJobs, arn)) throw alreadyExists('Dataset export job', arn);
      // Strict (docs silent): refused while an import into the dataset is under way.
      if (ctx.live(ctx.importJobs).some((j) => j.data.datasetArn === dataset.arn && ctx.inProgress(j))) {
        throw inUse(`An import job is in progress for dataset ${dataset.arn}.`);
      }
      ctx.datasetExportJobs.set(arn, ctx.store('datasetExportJob', arn, r.jobName!, 'CreateDatasetExportJob', CREATE_STATUSES, {
        datasetExportJobArn: arn,
        jobName: r.jobName,
        datasetArn: dataset.arn,
        ingestionMode: mode as P.IngestionMode,
        roleArn: r.roleArn,
        jobOutput: r.jobOutput,
      }));
      return { datasetExportJobArn: arn };
    },
    DescribeDatasetExportJob: (r: P.DescribeDatasetExportJobRequest): P.DescribeDatasetExportJobResponse =>
      ({ datasetExportJob: ctx.view(ctx.get(ctx.datasetExportJobs, r.datasetExportJobArn, 'dataset export job')) }),
    ListDatasetExportJobs: (r: P.ListDatasetExportJobsRequest) => ctx.list(ctx.datasetExportJobs, r, 'datasetExportJobs',
      (s) => ctx.summary(s, ['datasetExportJobArn', 'jobName', 'status', 'failureReason']), (s) => !r.datasetArn || s.data.datasetArn === r.datasetArn),
  };
}
