import { Duration } from 'aws-cdk-lib';
import { MonitoredDatasetGroup } from './monitored-resource-options';

/** The pipeline's CloudWatch dashboard. */
export interface PipelineDashboardOptions {
  /**
   * The dataset groups, solutions, campaigns and recommenders to draw; those the schedules' inline configs name are
   * added. Without any, the dashboard shows the executions only.
   *
   * @default - those of the schedules' inline configs
   */
  readonly datasetGroups?: MonitoredDatasetGroup[];
  /**
   * The dashboard's name.
   *
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;
  /**
   * The time range shown when the dashboard opens.
   *
   * @default Duration.days(14)
   */
  readonly range?: Duration;
}
