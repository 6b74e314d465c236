import { Arn, ArnFormat, Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { MonitoredDatasetGroup } from './monitored-resource-options';
import { defaultMetricsNamespace, MODEL_TRAINED_METRIC, modelMetric, requestsPerSecond, validateMonitored, wholeDays } from './monitored-resources';
import { GATE_METRICS } from '../model-checks/metrics-gate';
import { PIPELINE_DETAIL_TYPE, RESOURCE_DETAIL_TYPE } from '../steps/status-events';

/** Where the pipeline's alarms and failure events go, and how the alarms count. */
export interface PipelineAlarmsOptions {
  /**
   * An existing topic to notify. Its key policy (when it is encrypted) must let `cloudwatch.amazonaws.com` and
   * `events.amazonaws.com` use the key, and its access policy must let them publish: the construct cannot change
   * an imported topic's or key's policies.
   *
   * @default - a new topic, encrypted with `encryptionKey` or a key of its own
   */
  readonly existingTopic?: sns.ITopic;
  /**
   * Props of the topic the construct creates (not with `existingTopic`).
   *
   * @default - TLS only, encrypted with `encryptionKey` or a key of its own (with rotation)
   */
  readonly topicProps?: sns.TopicProps;
  /**
   * An e-mail address subscribed to the topic (the recipient confirms the subscription).
   *
   * @default - no subscription
   */
  readonly emailAddress?: string;
  /**
   * The period of the alarms: an alarm goes off when at least one execution failed, timed out or was aborted in
   * one period. Whole minutes.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
  /**
   * The `status` values of the status events (both detail-types) that are sent to the topic.
   *
   * @default ['FAILED', 'INVALID_CONFIG', 'PREFLIGHT_FAILED']
   */
  readonly notifyStatuses?: string[];
  /**
   * The dataset groups, solutions, campaigns and recommenders the alarms below watch; those the schedules' inline
   * configs name are added by the pipeline.
   *
   * @default - those of the schedules' inline configs
   */
  readonly datasetGroups?: MonitoredDatasetGroup[];
  /**
   * An idle alarm per watched campaign and recommender: no request for this long while it is billed. Whole hours,
   * 1 to 168.
   *
   * @default - no idle alarm
   */
  readonly idleAfter?: Duration;
  /**
   * A capacity alarm per watched campaign (recommender) whose `minProvisionedTPS` (minimum requests per second) is
   * known: its requests per second above this percentage of it for 15 minutes.
   *
   * @default - no utilization alarm
   */
  readonly utilizationPercent?: number;
  /**
   * A stale-model alarm per watched solution: no version trained for this long (the solution's `maxAge` wins). Whole
   * days, 1 to 7.
   *
   * @default - only the solutions with a `maxAge` get one
   */
  readonly staleAfter?: Duration;
  /**
   * A regression alarm per watched solution on this published metric (one its recipe reports, higher is better): a
   * version whose metric is lower than the previous version's by more than `regressionMargin`.
   *
   * @default - no regression alarm
   */
  readonly regressionMetric?: string;
  /**
   * How much lower than the previous version's metric a version's may be before the regression alarm goes off.
   *
   * @default 0
   */
  readonly regressionMargin?: number;
}

/** Props of `PipelineAlarms`. */
export interface PipelineAlarmsProps extends PipelineAlarmsOptions {
  /** The state machine whose executions are watched: the pipeline's main one. */
  readonly stateMachine: sfn.IStateMachine;
  /** The bus the pipeline publishes its status events on. */
  readonly eventBus: events.IEventBus;
  /** The `source` of the pipeline's status events. */
  readonly eventSource: string;
  /**
   * The pipeline's customer-managed key: the created topic is encrypted with it, and the construct adds the key
   * policy statement that lets CloudWatch and EventBridge publish (when the key is defined in this app).
   *
   * @default - the created topic gets a key of its own, with rotation
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The namespace of the model metrics the pipeline publishes (stale-model and regression alarms).
   *
   * @default - `PersonalizeMlOps/<path of this construct's parent>`, as the pipeline's default
   */
  readonly metricsNamespace?: string;
}

/**
 * Alarms on the failed, timed-out and aborted executions of the pipeline's main state machine, and an SNS topic that
 * receives them and, through a rule on the pipeline's bus, every status event of a failure (by default `FAILED`,
 * `INVALID_CONFIG` and `PREFLIGHT_FAILED`) of this pipeline's executions; optionally an e-mail subscription.
 */
export class PipelineAlarms extends Construct {
  /** The topic the alarms and the failure events are sent to. */
  public readonly topic: sns.ITopic;
  /** The key of the created topic: `encryptionKey`, or the one the construct created. */
  public readonly topicKey?: kms.IKey;
  /** Goes off when an execution failed. */
  public readonly failedAlarm: cloudwatch.Alarm;
  /** Goes off when an execution timed out. */
  public readonly timedOutAlarm: cloudwatch.Alarm;
  /** Goes off when an execution was aborted (stopped). */
  public readonly abortedAlarm: cloudwatch.Alarm;
  /** The rule that sends this pipeline's failure events to the topic. */
  public readonly failureEventsRule: events.Rule;
  /** The e-mail subscription, when `emailAddress` is set. */
  public readonly emailSubscription?: sns.Subscription;
  /** The idle alarms (one per watched campaign and recommender), when `idleAfter` is set. */
  public readonly idleAlarms: cloudwatch.Alarm[] = [];
  /** The capacity alarms, when `utilizationPercent` is set. */
  public readonly utilizationAlarms: cloudwatch.Alarm[] = [];
  /** The stale-model alarms. */
  public readonly staleModelAlarms: cloudwatch.Alarm[] = [];
  /** The metric regression alarms, when `regressionMetric` is set. */
  public readonly regressionAlarms: cloudwatch.Alarm[] = [];
  private readonly stateMachine: sfn.IStateMachine;
  private readonly period: Duration;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    validateOptions(props);
    this.stateMachine = props.stateMachine;
    this.period = props.period ?? Duration.minutes(5);

    if (props.existingTopic) {
      this.topic = props.existingTopic;
    } else {
      const key = props.topicProps?.masterKey ?? props.encryptionKey ?? new kms.Key(this, 'TopicKey', {
        description: 'personalize-mlops: encrypts the pipeline\'s alarm and failure notifications',
        enableKeyRotation: true,
      });
      this.topicKey = key;
      // SNS developer guide, "Enable compatibility between event sources from AWS services and encrypted topics":
      // CloudWatch publishes to an encrypted topic only when the key policy lets it use the key (the rule's SnsTopic
      // target adds the same statement for events.amazonaws.com).
      key.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }));
      const topic = new sns.Topic(this, 'Topic', { enforceSSL: true, ...props.topicProps, masterKey: key });
      const stack = Stack.of(this);
      // Alarms of this account only (the rule target adds its own statement for EventBridge).
      topic.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AllowThisAccountsAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }));
      this.topic = topic;
    }

    const action = new cwActions.SnsAction(this.topic);
    const alarm = (alarmId: string, metric: cloudwatch.Metric, what: string): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription: `personalize-mlops: an execution of the pipeline's main state machine ${what}`,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No execution in a period is no failure.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      return created;
    };
    this.failedAlarm = alarm('FailedExecutions', this.metricFailedExecutions(), 'failed');
    this.timedOutAlarm = alarm('TimedOutExecutions', this.metricTimedOutExecutions(), 'timed out');
    this.abortedAlarm = alarm('AbortedExecutions', this.metricAbortedExecutions(), 'was aborted');

    // This pipeline's events only, on a bus other pipelines may share: their executions are of this state machine.
    const machineName = props.stateMachine instanceof sfn.StateMachine
      ? props.stateMachine.stateMachineName
      : Arn.split(props.stateMachine.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName!;
    const executions = Stack.of(this).formatArn({ service: 'states', resource: 'execution', resourceName: `${machineName}:`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const field = (path: string) => events.EventField.fromPath(path);
    this.failureEventsRule = new events.Rule(this, 'FailureEvents', {
      description: 'personalize-mlops: sends the pipeline\'s failure events to its notification topic',
      eventBus: props.eventBus,
      eventPattern: {
        source: [props.eventSource],
        detailType: [PIPELINE_DETAIL_TYPE, RESOURCE_DETAIL_TYPE],
        detail: { status: props.notifyStatuses ?? ['FAILED', 'INVALID_CONFIG', 'PREFLIGHT_FAILED'], pipelineExecutionArn: events.Match.prefix(executions) },
      },
      // Fields every status event has (the events catalogue, docs/events.md), then the whole detail.
      targets: [new targets.SnsTopic(this.topic, {
        message: events.RuleTargetInput.fromObject({
          summary: `personalize-mlops: ${field('$.detail.status')} (${field('$.detail-type')}) in execution ${field('$.detail.pipelineExecutionArn')}`,
          time: field('$.time'),
          detail: field('$.detail'),
        }),
      })],
    });

    this.watch(props, action);

    if (props.emailAddress) {
      this.emailSubscription = new sns.Subscription(this, 'EmailSubscription', {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: props.emailAddress,
      });
    }
  }

  /**
   * The alarms beyond failures, on the watched resources: idle, capacity, stale model, metric regression. Each on the
   * topic, each named after its resource; see docs/operations.md (Alarms and notifications) for how each is computed.
   */
  private watch(props: PipelineAlarmsProps, action: cwActions.SnsAction): void {
    const groups = props.datasetGroups ?? [];
    const namespace = props.metricsNamespace ?? defaultMetricsNamespace(this.node.scope!);
    type AlarmProps = cloudwatch.CreateAlarmOptions & { metric: cloudwatch.IMetric };
    const add = (list: cloudwatch.Alarm[], id: string, description: string, alarmProps: AlarmProps) => {
      const alarm = new cloudwatch.Alarm(this, id, { alarmDescription: `personalize-mlops: ${description}`, ...alarmProps });
      alarm.addAlarmAction(action);
      list.push(alarm);
    };
    const idleHours = props.idleAfter?.toHours();
    for (const group of groups) {
      const served = [
        ...(group.campaigns ?? []).map((c) => ({ kind: 'campaign' as const, name: c.name, minimum: c.minProvisionedTPS })),
        ...(group.recommenders ?? []).map((r) => ({ kind: 'recommender' as const, name: r.name, minimum: r.minRecommendationRequestsPerSecond })),
      ];
      for (const { kind, name, minimum } of served) {
        const Kind = kind === 'campaign' ? 'Campaign' : 'Recommender';
        if (idleHours !== undefined) {
          // Less than half a request an hour is none; a missing hour is no request (FILL).
          add(this.idleAlarms, `Idle${Kind}-${name}`, `${kind} ${name} had no request for ${idleHours} hours while billed`, {
            metric: requestsPerSecond(this, kind, name, Duration.hours(1)),
            threshold: 0.5 / 3600,
            comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
            evaluationPeriods: idleHours,
            datapointsToAlarm: idleHours,
            treatMissingData: cloudwatch.TreatMissingData.BREACHING,
          });
        }
        if (props.utilizationPercent !== undefined && minimum !== undefined) {
          add(this.utilizationAlarms, `Utilization${Kind}-${name}`,
            `${kind} ${name} served more than ${props.utilizationPercent} % of its provisioned minimum (${minimum}/s) for 15 minutes`, {
              metric: new cloudwatch.MathExpression({
                expression: `100 * rps / ${minimum}`,
                usingMetrics: { rps: requestsPerSecond(this, kind, name, Duration.minutes(5)) },
                period: Duration.minutes(5),
                label: `${name} utilization (%)`,
              }),
              threshold: props.utilizationPercent,
              comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
              evaluationPeriods: 3,
              treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
            });
        }
      }
      for (const solution of group.solutions ?? []) {
        const maxAge = solution.maxAge ?? props.staleAfter;
        if (maxAge) {
          const days = wholeDays(maxAge, solution.maxAge ? 'maxAge' : 'alarms.staleAfter');
          // The training flow publishes ModelTrained (1: trained in this run, 0: reused) once a version is ACTIVE.
          add(this.staleModelAlarms, `StaleModel-${group.name}-${solution.name}`, `no version of solution ${solution.name} was trained for ${days} days`, {
            metric: modelMetric(namespace, group.name, solution.name, MODEL_TRAINED_METRIC, cloudwatch.Stats.SUM, Duration.days(1)),
            threshold: 1,
            comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
            evaluationPeriods: days,
            datapointsToAlarm: days,
            treatMissingData: cloudwatch.TreatMissingData.BREACHING,
          });
        }
        if (props.regressionMetric) {
          const margin = props.regressionMargin ?? 0;
          // DIFF: each version's value less the one before it (CloudWatch metric math); a week of daily maxima.
          add(this.regressionAlarms, `Regression-${group.name}-${solution.name}`,
            `a version of solution ${solution.name} has a ${props.regressionMetric} lower than the previous version's by more than ${margin}`, {
              metric: new cloudwatch.MathExpression({
                expression: 'DIFF(model)',
                usingMetrics: {
                  model: modelMetric(namespace, group.name, solution.name, props.regressionMetric, cloudwatch.Stats.MAXIMUM, Duration.days(1)),
                },
                period: Duration.days(1),
                label: `${solution.name} ${props.regressionMetric} change`,
              }),
              threshold: -margin,
              comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
              evaluationPeriods: 7,
              datapointsToAlarm: 1,
              treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
            });
        }
      }
    }
  }

  /** The number of failed executions of the main state machine (sum over `period`). */
  public metricFailedExecutions(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stateMachine.metricFailed({ period: this.period, statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** The number of timed-out executions of the main state machine (sum over `period`). */
  public metricTimedOutExecutions(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stateMachine.metricTimedOut({ period: this.period, statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** The number of aborted executions of the main state machine (sum over `period`). */
  public metricAbortedExecutions(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stateMachine.metricAborted({ period: this.period, statistic: cloudwatch.Stats.SUM, ...props });
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the options before anything is built: each problem names the prop and the value. */
function validateOptions(props: PipelineAlarmsProps): void {
  if (props.existingTopic && props.topicProps) {
    throw new Error('alarms.existingTopic and alarms.topicProps must not both be given, got: both (topicProps configures the topic the construct creates)');
  }
  if (props.emailAddress !== undefined && !Token.isUnresolved(props.emailAddress) && !EMAIL.test(props.emailAddress)) {
    throw new Error(`alarms.emailAddress must be an e-mail address, got: ${props.emailAddress}`);
  }
  const period = props.period;
  if (period !== undefined && !period.isUnresolved()) {
    const seconds = period.toSeconds({ integral: false });
    if (seconds < 60 || seconds % 60 !== 0) throw new Error(`alarms.period must be whole minutes, at least 1, got: ${period.toHumanString()}`);
  }
  if (props.notifyStatuses !== undefined && props.notifyStatuses.length === 0) {
    throw new Error('alarms.notifyStatuses must list at least one status (leave it out for the default), got: []');
  }
  validateMonitored(props.datasetGroups ?? [], 'alarms.datasetGroups');
  const idle = props.idleAfter;
  const idleHours = idle === undefined || idle.isUnresolved() ? undefined : idle.toHours({ integral: false });
  if (idle !== undefined && (idleHours === undefined || !Number.isInteger(idleHours) || idleHours < 1 || idleHours > 168)) {
    throw new Error(`alarms.idleAfter must be whole hours from 1 to 168 (a CloudWatch alarm evaluates at most 7 days), got: ${idle.toHumanString()}`);
  }
  const percent = props.utilizationPercent;
  if (percent !== undefined && (!Number.isFinite(percent) || percent <= 0 || percent > 1000)) {
    throw new Error(`alarms.utilizationPercent must be a number above 0 and at most 1000, got: ${percent}`);
  }
  if (props.staleAfter !== undefined) wholeDays(props.staleAfter, 'alarms.staleAfter');
  if (props.regressionMetric !== undefined && !GATE_METRICS.includes(props.regressionMetric)) {
    throw new Error(`alarms.regressionMetric must be one of ${GATE_METRICS.join(', ')}, got: ${props.regressionMetric}`);
  }
  const margin = props.regressionMargin;
  if (margin !== undefined && (!Number.isFinite(margin) || margin < 0 || margin > 1)) {
    throw new Error(`alarms.regressionMargin must be a number from 0 to 1, got: ${props.regressionMargin}`);
  }
}
