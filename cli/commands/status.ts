import {
  DescribeCampaignCommand, DescribeDatasetGroupCommand, DescribeRecommenderCommand, GetSolutionMetricsCommand, ListCampaignsCommand,
  ListDatasetImportJobsCommand, ListDatasetsCommand, ListEventTrackersCommand, ListFiltersCommand, ListRecommendersCommand, ListSolutionsCommand,
  ListSolutionVersionsCommand, PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { regionOfArn, STATE_MACHINE_ARN } from '../aws/arns';
import { resolveLocation } from '../aws/service-location';
import { colorsFor } from '../colors';
import { CliError, ExitCode, fromAwsError } from '../errors';
import { CliIo, println } from '../io';
import { newTable } from '../tables';

/** Options of `status`. */
export interface StatusOptions {
  readonly datasetGroup: string;
  readonly region?: string;
  readonly account?: string;
  /** The main state machine, for the last run. */
  readonly stateMachine?: string;
  readonly json?: boolean;
}

/** Hours in an average month (365 × 24 / 12): the unit of the billed capacity. */
const HOURS_A_MONTH = 730;
/** How many of the state machine's newest executions are read to find the group's last run. */
const EXECUTIONS_READ = 20;

/** One resource of the dataset group, as the screen shows it. */
export interface StatusRow {
  readonly kind: string;
  readonly name: string;
  readonly status: string;
  /** What else matters about it: the version served, the age of the training, the last import. */
  readonly detail: string;
  readonly arn?: string;
  readonly metrics?: Record<string, number>;
  /** Provisioned capacity billed while it is ACTIVE: TPS-hours (campaign) or requests/s-hours (recommender) a month. */
  readonly billedCapacityHoursPerMonth?: number;
}

/** The whole report (`--json`). */
export interface StatusReport {
  readonly datasetGroup: string;
  readonly location: { partition: string; region: string; account: string };
  readonly resources: StatusRow[];
  readonly lastRun?: { executionArn: string; status: string; startDate?: string; stopDate?: string; error?: string; cause?: string } | null;
  readonly billedCapacityHoursPerMonth: number;
  readonly generatedAt: string;
}

const ago = (date: Date | undefined, now: number): string => {
  if (!date) return 'unknown';
  const hours = (now - date.getTime()) / 3_600_000;
  return hours < 48 ? `${Math.max(0, Math.round(hours))} h ago` : `${Math.round(hours / 24)} days ago`;
};

const notFound = (error: unknown) => (error as Error)?.name === 'ResourceNotFoundException';

/**
 * `status --dataset-group NAME`: one screen about one dataset group, read-only (Describe*, List*, GetSolutionMetrics;
 * with `--state-machine`, ListExecutions and DescribeExecution): each resource and its status, the version each
 * campaign serves and its metrics, the age of each solution's last ACTIVE version, the last import of each dataset,
 * the last pipeline run for this group and its outcome, and the provisioned capacity billed a month. Exit code 0, or 1
 * when the dataset group does not exist.
 */
export async function statusCommand(options: StatusOptions, io: CliIo): Promise<ExitCode> {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$/.test(options.datasetGroup)) throw new CliError(`--dataset-group must be a dataset group name, got: ${options.datasetGroup}`);
  if (options.stateMachine && !STATE_MACHINE_ARN.test(options.stateMachine)) throw new CliError(`--state-machine must be a Step Functions state machine ARN, got: ${options.stateMachine}`);
  const location = await resolveLocation(options.region ?? (options.stateMachine ? regionOfArn(options.stateMachine) : undefined), options.account);
  const client = new PersonalizeClient({ region: location.region });
  const now = Date.now();
  const groupArn = `arn:${location.partition}:personalize:${location.region}:${location.account}:dataset-group/${options.datasetGroup}`;
  const rows: StatusRow[] = [];
  try {
    try {
      const group = (await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn: groupArn }))).datasetGroup!;
      rows.push({ kind: 'DATASET_GROUP', name: options.datasetGroup, status: group.status ?? '', detail: group.domain ? `domain ${group.domain}` : 'custom', arn: groupArn });
    } catch (error) {
      if (!notFound(error)) throw error;
      println(io.stderr, `status: dataset group ${options.datasetGroup} does not exist in ${location.account}, ${location.region}`);
      return ExitCode.FAILED;
    }
    for (const dataset of (await client.send(new ListDatasetsCommand({ datasetGroupArn: groupArn, maxResults: 100 }))).datasets ?? []) {
      const jobs = (await client.send(new ListDatasetImportJobsCommand({ datasetArn: dataset.datasetArn, maxResults: 100 }))).datasetImportJobs ?? [];
      const last = [...jobs].sort((a, b) => (b.creationDateTime?.getTime() ?? 0) - (a.creationDateTime?.getTime() ?? 0))[0];
      rows.push({
        kind: 'DATASET',
        name: dataset.name!,
        status: dataset.status ?? '',
        arn: dataset.datasetArn,
        detail: last ? `last import ${last.jobName} ${last.status}, ${ago(last.lastUpdatedDateTime ?? last.creationDateTime, now)}` : 'no import',
      });
    }
    const metricsOf = async (versionArn: string) => {
      try {
        return (await client.send(new GetSolutionMetricsCommand({ solutionVersionArn: versionArn }))).metrics;
      } catch (error) {
        if (notFound(error) || (error as Error).name === 'ResourceInUseException') return undefined;
        throw error;
      }
    };
    for (const solution of (await client.send(new ListSolutionsCommand({ datasetGroupArn: groupArn, maxResults: 100 }))).solutions ?? []) {
      const versions = (await client.send(new ListSolutionVersionsCommand({ solutionArn: solution.solutionArn, maxResults: 100 })))
        .solutionVersions ?? [];
      const active = versions.filter((v) => v.status === 'ACTIVE').sort((a, b) => (b.creationDateTime?.getTime() ?? 0) - (a.creationDateTime?.getTime() ?? 0))[0];
      const training = versions.find((v) => /PENDING|IN_PROGRESS/.test(v.status ?? ''));
      rows.push({
        kind: 'SOLUTION',
        name: solution.name!,
        status: solution.status ?? '',
        arn: solution.solutionArn,
        detail: `${active ? `last ACTIVE version trained ${ago(active.lastUpdatedDateTime ?? active.creationDateTime, now)}` : 'no ACTIVE version'}${training ? `; training ${training.status}` : ''}`,
        metrics: active ? await metricsOf(active.solutionVersionArn!) : undefined,
      });
      for (const summary of (await client.send(new ListCampaignsCommand({ solutionArn: solution.solutionArn, maxResults: 100 }))).campaigns ?? []) {
        const campaign = (await client.send(new DescribeCampaignCommand({ campaignArn: summary.campaignArn }))).campaign!;
        const served = campaign.latestCampaignUpdate?.status === 'ACTIVE' ? campaign.latestCampaignUpdate.solutionVersionArn ?? campaign.solutionVersionArn : campaign.solutionVersionArn;
        const tps = campaign.minProvisionedTPS ?? 1;
        const update = campaign.latestCampaignUpdate && campaign.latestCampaignUpdate.status !== 'ACTIVE' ? `; update ${campaign.latestCampaignUpdate.status}` : '';
        rows.push({
          kind: 'CAMPAIGN',
          name: campaign.name!,
          status: campaign.status ?? '',
          arn: campaign.campaignArn,
          detail: `serves ${served?.split('/').slice(-1)[0] ?? 'unknown'}, minProvisionedTPS ${tps}${update}`,
          metrics: served && !served.endsWith('$LATEST') ? await metricsOf(served) : undefined,
          billedCapacityHoursPerMonth: campaign.status === 'ACTIVE' ? tps * HOURS_A_MONTH : 0,
        });
      }
    }
    for (const summary of (await client.send(new ListRecommendersCommand({ datasetGroupArn: groupArn, maxResults: 100 }))).recommenders ?? []) {
      const recommender = (await client.send(new DescribeRecommenderCommand({ recommenderArn: summary.recommenderArn }))).recommender!;
      const minimum = recommender.recommenderConfig?.minRecommendationRequestsPerSecond ?? 1;
      rows.push({
        kind: 'RECOMMENDER',
        name: recommender.name!,
        status: recommender.status ?? '',
        arn: recommender.recommenderArn,
        detail: `${recommender.recipeArn?.split('/').pop()}, minimum ${minimum} requests/s`,
        billedCapacityHoursPerMonth: recommender.status === 'ACTIVE' ? minimum * HOURS_A_MONTH : 0,
      });
    }
    for (const filter of (await client.send(new ListFiltersCommand({ datasetGroupArn: groupArn, maxResults: 100 }))).Filters ?? []) {
      rows.push({ kind: 'FILTER', name: filter.name!, status: filter.status ?? '', arn: filter.filterArn, detail: '' });
    }
    for (const tracker of (await client.send(new ListEventTrackersCommand({ datasetGroupArn: groupArn, maxResults: 100 }))).eventTrackers ?? []) {
      rows.push({ kind: 'EVENT_TRACKER', name: tracker.name!, status: tracker.status ?? '', arn: tracker.eventTrackerArn, detail: '' });
    }
  } catch (error) {
    throw fromAwsError(error, `status: reading ${options.datasetGroup} in ${location.account}, ${location.region}`);
  } finally {
    client.destroy();
  }

  const lastRun = options.stateMachine ? await lastRunOf(options.stateMachine, options.datasetGroup, location.region) : undefined;
  const billed = rows.reduce((sum, r) => sum + (r.billedCapacityHoursPerMonth ?? 0), 0);
  const report: StatusReport = {
    datasetGroup: options.datasetGroup,
    location,
    resources: rows,
    ...(lastRun !== undefined ? { lastRun } : {}),
    billedCapacityHoursPerMonth: billed,
    generatedAt: new Date(now).toISOString(),
  };
  if (options.json) {
    println(io.stdout, JSON.stringify(report, undefined, 2));
    return ExitCode.OK;
  }
  const c = colorsFor(io.stdout);
  const paint = (status: string) => (status === 'ACTIVE' ? c.green(status) : /FAILED/.test(status) ? c.red(status) : c.yellow(status));
  println(io.stdout, `Dataset group ${options.datasetGroup} in account ${location.account}, ${location.region} (read-only)`);
  const width = Math.max(io.stdout.columns || 160, 100);
  const table = newTable(['kind', 'name', 'status', 'detail', 'metrics'], [15, 32, 20, Math.max(width - 15 - 32 - 20 - 40 - 6, 30), 40]);
  for (const row of rows) {
    const metrics = row.metrics ? Object.entries(row.metrics).slice(0, 4).map(([k, v]) => `${k.replace('normalized_discounted_cumulative_gain', 'ndcg')} ${Number(v).toFixed(4)}`).join('\n') : '';
    table.push([row.kind.toLowerCase().replace(/_/g, ' '), row.name, paint(row.status), row.detail, metrics]);
  }
  println(io.stdout, table.toString());
  if (lastRun) {
    println(io.stdout, `Last run: ${lastRun.status === 'SUCCEEDED' ? c.green(lastRun.status) : c.red(lastRun.status)} ${lastRun.executionArn}`
      + `${lastRun.startDate ? `, started ${lastRun.startDate}` : ''}${lastRun.error ? ` (${lastRun.error}: ${lastRun.cause ?? ''})` : ''}`);
  } else if (lastRun === null) {
    println(io.stdout, `Last run: none of the last ${EXECUTIONS_READ} executions of ${options.stateMachine} is for this dataset group`);
  } else {
    println(io.stdout, 'Last run: give --state-machine <arn> of the pipeline to see it');
  }
  println(io.stdout, `Provisioned capacity billed: ${billed} capacity-hours a month (campaigns' minProvisionedTPS and recommenders' minimum requests/s × ${HOURS_A_MONTH} h, ACTIVE ones)`);
  return ExitCode.OK;
}

/**
 * The newest of the state machine's last executions whose input is a config of this dataset group (an execution
 * started with a stored config names no group in its input and is not matched). Null when none is.
 */
async function lastRunOf(stateMachineArn: string, datasetGroup: string, region: string): Promise<StatusReport['lastRun']> {
  const sfn = new SFNClient({ region });
  try {
    const executions = (await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: EXECUTIONS_READ }))).executions ?? [];
    for (const item of executions) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: item.executionArn }));
      let input: any;
      try {
        input = JSON.parse(execution.input ?? '{}');
      } catch {
        continue;
      }
      if (input?.datasetGroup?.serviceConfig?.name !== datasetGroup) continue;
      return {
        executionArn: execution.executionArn!,
        status: execution.status!,
        startDate: execution.startDate?.toISOString(),
        stopDate: execution.stopDate?.toISOString(),
        ...(execution.error ? { error: execution.error } : {}),
        ...(execution.cause ? { cause: execution.cause.slice(0, 300) } : {}),
      };
    }
    return null;
  } catch (error) {
    throw fromAwsError(error, `status: reading the executions of ${stateMachineArn}`);
  } finally {
    sfn.destroy();
  }
}
