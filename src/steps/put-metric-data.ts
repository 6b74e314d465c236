import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** PutMetricData whose policy statement is limited to one namespace (CallAwsService builds it unconditioned). */
class NamespacedPutMetricData extends tasks.CallAwsService {
  constructor(scope: Construct, id: string, namespace: string, props: tasks.CallAwsServiceProps) {
    super(scope, id, props);
    // The one statement CallAwsService builds from iamResources and the action, limited to the namespace.
    this.taskPolicies![0].addCondition('StringEquals', { 'cloudwatch:namespace': namespace });
  }
}

/**
 * A native `aws-sdk:cloudwatch:putMetricData` task into one namespace. PutMetricData has no resource type, so the
 * policy takes `*` with the `cloudwatch:namespace` condition (Service Authorization Reference, Amazon CloudWatch:
 * PutMetricData, condition key cloudwatch:namespace): the pipeline may publish into its own namespace only. A metric is
 * not worth failing a run over: throttling is retried, then any error is caught and the flow goes on (`next`).
 * @internal
 */
export function putMetricData(
  scope: Construct, id: string, namespace: string, metricData: Record<string, unknown> | unknown[] | string, next: sfn.IChainable,
): tasks.CallAwsService {
  const task = new NamespacedPutMetricData(scope, id, namespace, {
    service: 'cloudwatch',
    action: 'putMetricData',
    iamAction: 'cloudwatch:PutMetricData',
    parameters: { Namespace: namespace, ...(typeof metricData === 'string' ? { 'MetricData.$': metricData } : { MetricData: metricData }) },
    iamResources: ['*'],
    resultPath: sfn.JsonPath.DISCARD,
  });
  task.addRetry({ errors: ['CloudWatch.LimitExceededException', 'CloudWatch.CloudWatchException', 'CloudWatch.SdkClientException'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });
  task.addCatch(next, { errors: ['States.ALL'], resultPath: sfn.JsonPath.DISCARD });
  task.next(next);
  return task;
}
