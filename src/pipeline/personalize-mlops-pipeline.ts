import { Aspects, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PipelinePolling } from './polling';
import { PreProcessingConfig } from './pre-processing-config';
import { InferenceOption, RecommendationConfig, RecommendationType } from './recommendation-config';
import { FeatureFlags } from '../contract/function-contract';
import { BatchJobFlow, BatchJobType } from '../flows/batch-job-flow';
import { CampaignFlow } from '../flows/campaign-flow';
import { DatasetFlow } from '../flows/dataset-flow';
import { DatasetGroupFlow } from '../flows/dataset-group-flow';
import { DatasetImportFlow } from '../flows/dataset-import-flow';
import { EventTrackerFlow } from '../flows/event-tracker-flow';
import { FilterFlow } from '../flows/filter-flow';
import { FlowProps } from '../flows/flow-props';
import { glueJobArns, PreprocessingFlow } from '../flows/preprocessing-flow';
import { RecommenderFlow } from '../flows/recommender-flow';
import { SolutionFlow } from '../flows/solution-flow';
import { TrainingFlow } from '../flows/training-flow';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { CostAutopilotOptions, FleetRunsOptions, PipelineAlarms, PipelineAlarmsOptions, PipelineSchedule, PipelineSchedules, S3TriggeredRuns, S3TriggeredRunsOptions } from '../operations';
import { CostAutopilot } from '../operations/cost-autopilot';
import { PipelineDashboard } from '../operations/dashboard';
import { PipelineDashboardOptions } from '../operations/dashboard-options';
import { FleetRuns } from '../operations/fleet-runs';
import { defaultMetricsNamespace, mergeMonitored, monitoredFromConfigs } from '../operations/monitored-resources';
import { MainFlow } from '../orchestration/main-flow';
import { createFlowStateMachine, StateMachineSettings } from '../polling/flow-state-machine';
import { PollMachine } from '../polling/poll-machine';
import { MovieLensGlueJob } from '../preprocessing/movielens-glue-job';
import { FlowServices, validatePolling } from '../steps/flow-services';
import { StatusEvents } from '../steps/status-events';
import { TeardownFlow } from '../teardown/teardown-flow';
import { allowLogsToUseKey } from '../wiring/allow-logs-to-use-key';
import { validateLambdaRuntime } from '../wiring/lambda-runtime';
import { NagAcknowledgements } from '../wiring/nag-acknowledgements';
import { PipelineFunctions } from '../wiring/pipeline-functions';

/** Props of `PersonalizeMlOpsPipeline`. */
export interface PersonalizeMlOpsPipelineProps {
  /**
   * Deploys the preprocessing step, which runs the Glue job the config's `preprocessing` section names.
   *
   * @default - no preprocessing step
   */
  readonly preProcessingConfig?: PreProcessingConfig;
  /**
   * Deploys the flow that creates the config's `filters`.
   *
   * @default false
   */
  readonly enableFilters?: boolean;
  /**
   * Deploys the flow that creates the config's `eventTracker`.
   *
   * @default false
   */
  readonly enableEventTracker?: boolean;
  /**
   * Which recommendation flows to deploy: solutions (with their inference options) and recommenders.
   *
   * @default - no solution or recommender flow: datasets and imports only
   */
  readonly recommendationConfig?: RecommendationConfig[];
  /**
   * An existing event bus to publish status events on.
   *
   * @default - a new event bus
   */
  readonly eventBus?: events.IEventBus;
  /**
   * The `source` of every status event.
   *
   * @default 'personalize-mlops'
   */
  readonly eventSource?: string;
  /**
   * How long the state machines' and functions' logs are kept.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Whether execution logs include state input and output (configs hold ARNs and S3 paths, no secrets).
   *
   * @default true
   */
  readonly includeExecutionDataInLogs?: boolean;
  /**
   * Whether the state machines and functions are traced with AWS X-Ray.
   *
   * @default true
   */
  readonly tracingEnabled?: boolean;
  /**
   * Poll interval and timeout per resource kind.
   *
   * @default - defaults suited to each kind (see `PipelinePolling`)
   */
  readonly polling?: PipelinePolling;
  /**
   * How many solutions are created and trained at the same time. Personalize limits concurrent
   * solution version trainings per account (20 by default), so keep this below that quota.
   *
   * @default 5
   */
  readonly solutionConcurrency?: number;
  /**
   * ARNs of the IAM roles configs may hand to Personalize (`roleArn` of import and batch jobs, dataset
   * groups). `iam:PassRole` is allowed for these only, and only towards personalize.amazonaws.com.
   *
   * @default - any role of this account, towards personalize.amazonaws.com only
   */
  readonly personalizeRoleArns?: string[];
  /**
   * A customer-managed KMS key for the pipeline's log groups, its event bus and the bundled Glue job. The
   * construct adds the key policy statements CloudWatch Logs needs when the key is defined in this app; for
   * an imported key, allow `logs.<region>.amazonaws.com` yourself.
   *
   * @default - log groups and the bus use AWS-owned keys; the Glue job gets a key of its own
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Deploys the tear-down state machine (`teardownStateMachine`): it deletes a dataset group and everything in it,
   * in dependency order (input `{ "datasetGroupName": "...", "dryRun": true }` or a whole pipeline config).
   *
   * @default false
   */
  readonly teardown?: boolean;
  /**
   * EventBridge Scheduler schedules that start the pipeline with a stored config (an S3 object or an inline
   * config), e.g. a weekly full retraining and a daily incremental import.
   *
   * @default - no schedule
   */
  readonly schedules?: PipelineSchedule[];
  /**
   * Starts a run when a config file is uploaded under a bucket prefix (EventBridge S3 notifications).
   *
   * @default - off
   */
  readonly s3TriggeredRuns?: S3TriggeredRunsOptions;
  /**
   * Fleet runs: a state machine (`fleetStateMachine`) that runs every `.json` config under a bucket prefix, each as
   * its own execution of the main state machine, a few at a time (a Step Functions Distributed Map), and outputs a
   * summary per config.
   *
   * @default - no fleet state machine
   */
  readonly fleet?: FleetRunsOptions;
  /**
   * CloudWatch alarms on failed, timed-out and aborted executions, and an SNS topic that receives them and
   * every FAILED status event.
   *
   * @default - no alarm
   */
  readonly alarms?: PipelineAlarmsOptions;
  /**
   * The cost autopilot (`costAutopilotStateMachine`): reads the last days' requests of each campaign and recommender of
   * some dataset groups from CloudWatch and proposes (mode `recommend`) or makes (mode `apply`) a lower
   * `minProvisionedTPS` and the stop of idle recommenders, on a schedule or started by hand.
   *
   * @default - no cost autopilot
   */
  readonly costAutopilot?: CostAutopilotOptions;
  /**
   * A CloudWatch dashboard (`dashboard`): executions of the main state machine and each flow; model metrics,
   * requests against the provisioned minimum, and imports of the dataset groups it lists (and those of the schedules'
   * inline configs).
   *
   * @default - no dashboard
   */
  readonly dashboard?: PipelineDashboardOptions;
  /**
   * Whether the training flow publishes each ACTIVE version's offline metrics (GetSolutionMetrics) and `ModelTrained`
   * to CloudWatch (`metricsNamespace`, dimensions DatasetGroup and Solution), and the metrics gate its verdict
   * (`MetricsGateRejected`).
   *
   * @default - true when `dashboard` is set or `alarms` has `staleAfter`, `regressionMetric` or a solution with `maxAge`
   */
  readonly publishModelMetrics?: boolean;
  /**
   * The CloudWatch namespace of the metrics the pipeline publishes (not starting with `AWS/`).
   *
   * @default - `PersonalizeMlOps/<this construct's path>`, one per pipeline
   */
  readonly metricsNamespace?: string;
  /**
   * The runtime of the pipeline's Lambda functions.
   *
   * The config validator, the pre-flight check and the create function run on it: a Node.js runtime, `nodejs20.x`
   * or later (the handlers are bundled for Node.js 20). Pin one to keep the template still across aws-cdk-lib
   * upgrades; cdk-nag's AwsSolutions-L1 reports it once aws-cdk-lib knows a newer one.
   *
   * @default - the newest Node.js runtime the app's aws-cdk-lib knows (the newest of `lambda.Runtime.ALL`'s Node.js
   * family), rendered as its name in every stack
   */
  readonly lambdaRuntime?: lambda.Runtime;
}

/**
 * An Amazon Personalize MLOps pipeline: a main state machine that takes one JSON config and creates or
 * reuses every Personalize resource it names, through one child state machine per resource kind,
 * publishing a status event at every step.
 */
export class PersonalizeMlOpsPipeline extends Construct {
  /** The main state machine; its input is the pipeline config. */
  public readonly stateMachine: sfn.StateMachine;
  /** The bus that receives every status event. */
  public readonly eventBus: events.IEventBus;
  /** The `source` of the status events. */
  public readonly eventSource: string;
  /** The dataset group flow. */
  public readonly datasetGroupStateMachine: sfn.StateMachine;
  /** The schema and dataset flow. */
  public readonly datasetStateMachine: sfn.StateMachine;
  /** The dataset import flow. */
  public readonly datasetImportStateMachine: sfn.StateMachine;
  /** The preprocessing flow, when `preProcessingConfig` is set. */
  public readonly preprocessingStateMachine?: sfn.StateMachine;
  /** The filter flow, when `enableFilters` is true. */
  public readonly filterStateMachine?: sfn.StateMachine;
  /** The event tracker flow, when `enableEventTracker` is true. */
  public readonly eventTrackerStateMachine?: sfn.StateMachine;
  /** The solution flow (creates or reuses solutions), when `recommendationConfig` has SOLUTIONS. */
  public readonly solutionStateMachine?: sfn.StateMachine;
  /** The training flow (solution version, metrics, campaigns and batch jobs), when `recommendationConfig` has SOLUTIONS. */
  public readonly trainingStateMachine?: sfn.StateMachine;
  /** The campaign flow, when SOLUTIONS has the CAMPAIGNS inference option. */
  public readonly campaignStateMachine?: sfn.StateMachine;
  /** The batch inference job flow, when SOLUTIONS has BATCH_INFERENCE_JOBS. */
  public readonly batchInferenceJobStateMachine?: sfn.StateMachine;
  /** The batch segment job flow, when SOLUTIONS has BATCH_SEGMENT_JOBS. */
  public readonly batchSegmentJobStateMachine?: sfn.StateMachine;
  /** The recommender flow, when `recommendationConfig` has RECOMMENDERS. */
  public readonly recommenderStateMachine?: sfn.StateMachine;
  /** The bundled Glue job, when `preProcessingConfig.glueJob` is set. */
  public readonly glueJob?: MovieLensGlueJob;
  /** The tear-down state machine, when `teardown` is true. */
  public readonly teardownStateMachine?: sfn.StateMachine;
  /** The schedules, when `schedules` is set. */
  public readonly schedules?: PipelineSchedules;
  /** The S3-triggered runs, when `s3TriggeredRuns` is set. */
  public readonly s3TriggeredRuns?: S3TriggeredRuns;
  /** The fleet state machine, when `fleet` is set: input `{}` or `{ "prefix": "<a prefix under fleet.prefix>" }`. */
  public readonly fleetStateMachine?: sfn.StateMachine;
  /** The alarms and notifications, when `alarms` is set. */
  public readonly alarms?: PipelineAlarms;
  /** The dashboard, when `dashboard` is set. */
  public readonly dashboard?: cloudwatch.Dashboard;
  /** The namespace of the metrics the pipeline publishes (when `publishModelMetrics`), and the alarms read. */
  public readonly metricsNamespace: string;
  /** The cost autopilot, when `costAutopilot` is set: input `{}` or `{ "mode": "recommend" | "apply" }`. */
  public readonly costAutopilotStateMachine?: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: PersonalizeMlOpsPipelineProps = {}) {
    super(scope, id);
    const solutionConcurrency = props.solutionConcurrency ?? 5;
    validateProps(props, solutionConcurrency);
    const recommendations = props.recommendationConfig ?? [];
    const solutionsConfig = recommendations.find((c) => c.type === RecommendationType.SOLUTIONS);
    const inference = new Set(solutionsConfig?.inferenceOptions ?? []);

    if (props.encryptionKey) allowLogsToUseKey(this, props.encryptionKey);
    this.eventBus = props.eventBus ?? new events.EventBus(this, 'EventBus', { kmsKey: props.encryptionKey });
    this.eventSource = props.eventSource ?? 'personalize-mlops';
    // The validator's DEPLOYED_FEATURES (src/contract/function-contract.ts): every flag, then the job and schedules.
    const features: FeatureFlags = {
      preprocessing: props.preProcessingConfig !== undefined,
      filters: props.enableFilters ?? false,
      eventTracker: props.enableEventTracker ?? false,
      solutions: solutionsConfig !== undefined,
      campaigns: inference.has(InferenceOption.CAMPAIGNS),
      batchInferenceJobs: inference.has(InferenceOption.BATCH_INFERENCE_JOBS),
      batchSegmentJobs: inference.has(InferenceOption.BATCH_SEGMENT_JOBS),
      recommenders: recommendations.some((c) => c.type === RecommendationType.RECOMMENDERS),
    };

    const stack = Stack.of(this);
    this.metricsNamespace = props.metricsNamespace ?? defaultMetricsNamespace(this);
    // The configs known at synth time: the schedules' inline ones name what the dashboard and the alarms can watch.
    const inlineMonitored = monitoredFromConfigs((props.schedules ?? []).flatMap((s) => (s.inlineConfig ? [s.inlineConfig] : [])));
    const alarmsReadModelMetrics = props.alarms !== undefined && (props.alarms.staleAfter !== undefined || props.alarms.regressionMetric !== undefined
      || mergeMonitored(props.alarms.datasetGroups, inlineMonitored).some((g) => (g.solutions ?? []).some((sol) => sol.maxAge !== undefined)));
    const publishModelMetrics = props.publishModelMetrics ?? (props.dashboard !== undefined || alarmsReadModelMetrics);
    if (props.preProcessingConfig?.glueJob) {
      const glueJob = props.preProcessingConfig.glueJob;
      this.glueJob = new MovieLensGlueJob(this, 'GlueJob', { ...glueJob, encryptionKey: glueJob.encryptionKey ?? props.encryptionKey });
    }
    const settings: StateMachineSettings = {
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      includeExecutionDataInLogs: props.includeExecutionDataInLogs ?? true,
      tracing: props.tracingEnabled ?? true,
      encryptionKey: props.encryptionKey,
    };
    const allowedJobNames = [...(props.preProcessingConfig?.allowedJobNames ?? []), ...(this.glueJob ? [this.glueJob.jobName] : [])];
    const functions = new PipelineFunctions(this, 'Functions', {
      logRetention: settings.logRetention,
      deployedFeatures: {
        ...features, ...(this.glueJob ? { glueJobName: this.glueJob.jobName } : {}), ...(props.schedules ? { schedules: true } : {}),
      },
      passableRoleArns: props.personalizeRoleArns ?? [stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: '*' })],
      encryptionKey: props.encryptionKey,
      runtime: props.lambdaRuntime,
      ...(props.preProcessingConfig ? { glueJobArns: glueJobArns(this, allowedJobNames) } : {}),
      ...(this.glueJob ? { bundledGlueJob: bundledGlueJobOf(this.glueJob) } : {}),
    });
    const services = new FlowServices(
      functions.createResource, new StatusEvents(this.eventBus, this.eventSource), props.polling,
      publishModelMetrics ? this.metricsNamespace : undefined,
    );
    // The one poll engine, before any flow: every poll loop starts it.
    services.pollMachine = new PollMachine(this, 'PollMachine', { services, settings }).stateMachine;
    const flowProps: FlowProps = { services, settings };

    this.datasetGroupStateMachine = new DatasetGroupFlow(this, 'DatasetGroupFlow', flowProps).stateMachine;
    this.datasetStateMachine = new DatasetFlow(this, 'DatasetFlow', flowProps).stateMachine;
    this.datasetImportStateMachine = new DatasetImportFlow(this, 'DatasetImportFlow', flowProps).stateMachine;
    if (props.preProcessingConfig) {
      this.preprocessingStateMachine = new PreprocessingFlow(this, 'PreprocessingFlow', {
        ...flowProps,
        allowedJobNames,
      }).stateMachine;
    }
    if (features.filters) this.filterStateMachine = new FilterFlow(this, 'FilterFlow', flowProps).stateMachine;
    if (features.eventTracker) this.eventTrackerStateMachine = new EventTrackerFlow(this, 'EventTrackerFlow', flowProps).stateMachine;
    if (features.campaigns) this.campaignStateMachine = new CampaignFlow(this, 'CampaignFlow', flowProps).stateMachine;
    if (features.batchInferenceJobs) {
      this.batchInferenceJobStateMachine = new BatchJobFlow(this, 'BatchInferenceJobFlow', { ...flowProps, type: BatchJobType.INFERENCE }).stateMachine;
    }
    if (features.batchSegmentJobs) {
      this.batchSegmentJobStateMachine = new BatchJobFlow(this, 'BatchSegmentJobFlow', { ...flowProps, type: BatchJobType.SEGMENT }).stateMachine;
    }
    if (features.solutions) {
      this.solutionStateMachine = new SolutionFlow(this, 'SolutionFlow', flowProps).stateMachine;
      this.trainingStateMachine = new TrainingFlow(this, 'TrainingFlow', {
        ...flowProps,
        campaign: this.campaignStateMachine,
        batchInferenceJob: this.batchInferenceJobStateMachine,
        batchSegmentJob: this.batchSegmentJobStateMachine,
      }).stateMachine;
    }
    if (features.recommenders) this.recommenderStateMachine = new RecommenderFlow(this, 'RecommenderFlow', flowProps).stateMachine;
    if (props.teardown) this.teardownStateMachine = new TeardownFlow(this, 'Teardown', flowProps).stateMachine;

    const main = new MainFlow(this, 'MainFlow', {
      events: services.events,
      validateFunction: functions.validateConfig,
      preflightFunction: functions.preflight,
      datasetGroup: this.datasetGroupStateMachine,
      dataset: this.datasetStateMachine,
      datasetImport: this.datasetImportStateMachine,
      preprocessing: this.preprocessingStateMachine,
      filter: this.filterStateMachine,
      eventTracker: this.eventTrackerStateMachine,
      solution: this.solutionStateMachine,
      training: this.trainingStateMachine,
      recommender: this.recommenderStateMachine,
      solutionConcurrency,
    });
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', main.definition, settings, 'personalize-mlops: main pipeline; input is the pipeline config', main);
    const operations = { stateMachine: this.stateMachine, validateFunction: functions.validateConfig };
    if (props.schedules) this.schedules = new PipelineSchedules(this, 'Schedules', { schedules: props.schedules, ...operations, encryptionKey: props.encryptionKey });
    if (props.s3TriggeredRuns) this.s3TriggeredRuns = new S3TriggeredRuns(this, 'S3TriggeredRuns', { ...props.s3TriggeredRuns, ...operations });
    if (props.fleet) this.fleetStateMachine = new FleetRuns(this, 'Fleet', { ...props.fleet, ...operations, events: services.events, settings }).stateMachine;
    if (props.alarms) {
      this.alarms = new PipelineAlarms(this, 'Alarms', {
        ...props.alarms,
        datasetGroups: mergeMonitored(props.alarms.datasetGroups, inlineMonitored),
        metricsNamespace: this.metricsNamespace,
        stateMachine: this.stateMachine,
        eventBus: this.eventBus,
        eventSource: this.eventSource,
        encryptionKey: props.encryptionKey,
      });
    }
    if (props.dashboard) {
      const flows = Object.entries(this).filter(([key, value]) => value instanceof sfn.StateMachine && key !== 'stateMachine')
        .map(([key, stateMachine]) => ({ label: key.replace(/StateMachine$/, ''), stateMachine: stateMachine as sfn.StateMachine }));
      this.dashboard = new PipelineDashboard(this, 'Dashboard', {
        ...props.dashboard,
        stateMachines: [{ label: 'main', stateMachine: this.stateMachine }, ...flows],
        metricsNamespace: this.metricsNamespace,
        monitored: mergeMonitored(props.dashboard.datasetGroups, inlineMonitored),
      }).dashboard;
    }
    if (props.costAutopilot) {
      this.costAutopilotStateMachine = new CostAutopilot(this, 'CostAutopilot', {
        ...props.costAutopilot, services, settings, runtime: props.lambdaRuntime,
      }).stateMachine;
    }
    if (props.encryptionKey) {
      // Publishing to a bus encrypted with a customer-managed key needs the key.
      for (const machine of this.node.findAll().filter((c): c is sfn.StateMachine => c instanceof sfn.StateMachine)) {
        props.encryptionKey.grant(machine, 'kms:GenerateDataKey', 'kms:Decrypt');
      }
    }
    Aspects.of(this).add(new NagAcknowledgements());
  }

  /** Failed executions of the main state machine (sum per period), for dashboards and alarms of your own. */
  public metricFailedExecutions(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stateMachine.metricFailed({ statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** Timed-out executions of the main state machine (sum per period). */
  public metricTimedOutExecutions(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stateMachine.metricTimedOut({ statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** Aborted executions of the main state machine (sum per period). */
  public metricAbortedExecutions(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stateMachine.metricAborted({ statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** Succeeded executions of the main state machine (sum per period). */
  public metricSucceededExecutions(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stateMachine.metricSucceeded({ statistic: cloudwatch.Stats.SUM, ...props });
  }
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|\*):role\/[\w+=,.@\-/*]+$/;

/** Checks the props before anything is built: each problem names the prop and the value. */
/** The bundled job's name and the normalized prefixes its role is scoped to (its default arguments). */
function bundledGlueJobOf(glueJob: MovieLensGlueJob): { name: string; inputPrefix: string; outputPrefix: string } {
  const args = glueJob.job.defaultArguments as Record<string, string>;
  return { name: glueJob.jobName, inputPrefix: args['--input_prefix'], outputPrefix: args['--output_prefix'] };
}

function validateProps(props: PersonalizeMlOpsPipelineProps, solutionConcurrency: number): void {
  if (!Token.isUnresolved(solutionConcurrency) && (!Number.isInteger(solutionConcurrency) || solutionConcurrency < 1 || solutionConcurrency > 40)) {
    throw new Error(`solutionConcurrency must be an integer from 1 to 40, got: ${solutionConcurrency}`);
  }
  const recommendations = props.recommendationConfig ?? [];
  const seen = new Map<RecommendationType, number>();
  recommendations.forEach((config, i) => {
    if (!Object.values(RecommendationType).includes(config.type)) {
      throw new Error(`recommendationConfig[${i}].type must be one of ${Object.values(RecommendationType).join(', ')}, got: ${config.type}`);
    }
    const earlier = seen.get(config.type);
    if (earlier !== undefined) {
      throw new Error(`recommendationConfig[${i}].type ${config.type} is already at recommendationConfig[${earlier}]; give each type once (list every inference option in one entry)`);
    }
    seen.set(config.type, i);
    if (config.type === RecommendationType.RECOMMENDERS && (config.inferenceOptions ?? []).length > 0) {
      throw new Error(`recommendationConfig[${i}].inferenceOptions applies to SOLUTIONS only, got: ${config.inferenceOptions!.join(', ')} on RECOMMENDERS`);
    }
    (config.inferenceOptions ?? []).forEach((option, j) => {
      if (!Object.values(InferenceOption).includes(option)) {
        throw new Error(`recommendationConfig[${i}].inferenceOptions[${j}] must be one of ${Object.values(InferenceOption).join(', ')}, got: ${option}`);
      }
    });
  });
  (props.personalizeRoleArns ?? []).forEach((arn, i) => {
    if (!Token.isUnresolved(arn) && !ROLE_ARN.test(arn)) {
      throw new Error(`personalizeRoleArns[${i}] must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), got: ${arn}`);
    }
  });
  if (props.personalizeRoleArns !== undefined && props.personalizeRoleArns.length === 0) {
    throw new Error('personalizeRoleArns must list at least one role ARN (leave it out to allow any role of the account), got: []');
  }
  validatePolling(props.polling ?? {}, RESOURCE_KINDS);
  if (props.lambdaRuntime) validateLambdaRuntime(props.lambdaRuntime, 'lambdaRuntime');
  const namespace = props.metricsNamespace;
  if (namespace !== undefined && !Token.isUnresolved(namespace) && (!/^[\x21-\x7e][\x20-\x7e]{0,254}$/.test(namespace) || namespace.startsWith('AWS/') || namespace.includes(':'))) {
    throw new Error(`metricsNamespace must be 1 to 255 printable ASCII characters, no ':' and not starting with AWS/, got: ${namespace}`);
  }
}
