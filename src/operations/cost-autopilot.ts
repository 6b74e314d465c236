import * as path from 'node:path';
import { CfnResource, Duration, RemovalPolicy, Stack, TimeZone, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CostAutopilotMode, CostAutopilotOptions } from './cost-autopilot-options';
import { deadLetterQueue } from './dead-letter-queue';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { createFlowStateMachine, StateMachineSettings } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { FlowServices } from '../steps/flow-services';
import { personalizeCall } from '../steps/personalize-call';
import { newestNodeRuntime } from '../wiring/lambda-runtime';
import { HANDLER_METADATA_KEY } from '../wiring/pipeline-functions';

/** The template metadata key that tells what a state machine is for. @internal */
const ROLE_METADATA_KEY = 'personalize-mlops:role';
const ASSETS = path.join(__dirname, '..', '..', 'assets', 'lambda');
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$/;
const EXPRESSION = /^(cron\((\S+\s+){5}\S+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/;

/**
 * The `AWS/Personalize` request metrics of a campaign (dimension CampaignArn) and of a recommender: Amazon Personalize
 * developer guide, "CloudWatch metrics for Amazon Personalize" (GetRecommendations and GetPersonalizedRanking, Sum
 * only, dimension CampaignArn). The page names no recommender dimension; `RecommenderArn` is assumed (the strict
 * reading: a recommender with no datapoint under it is reported idle only after its lookback, never stopped early,
 * see TOO_NEW, and `personalize-mlops:autopilot=off` keeps it untouched).
 * @internal
 */
export const REQUEST_METRICS = { campaign: ['GetRecommendations', 'GetPersonalizedRanking'], recommender: ['GetRecommendations'] };

/** Props of `CostAutopilot`. @internal */
export interface CostAutopilotProps extends CostAutopilotOptions {
  readonly services: FlowServices;
  readonly settings: StateMachineSettings;
  /** The runtime of its function. @default - the newest Node.js runtime aws-cdk-lib knows */
  readonly runtime?: lambda.Runtime;
}

/**
 * The cost autopilot state machine (see `CostAutopilotOptions`). Input `{}` or `{ "mode": "recommend" | "apply" }`.
 * For each configured dataset group it lists the solutions and their campaigns (ListSolutions, ListCampaigns) and the
 * recommenders (ListRecommenders), so it only ever touches resources of those groups. Per resource: Describe*,
 * ListTagsForResource, GetMetricData (5-minute Sums of the request metrics over `lookbackDays`), then a pure function
 * computes the proposal (JSONPath has no decimal arithmetic). `recommend` publishes `COST_RECOMMENDATION`; `apply`
 * calls UpdateCampaign (`minProvisionedTPS` only) or StopRecommender, waits with the poll engine and publishes
 * `COST_ACTION`. The output lists every resource's verdict. It never edits a config: the next pipeline run puts the
 * config's `minProvisionedTPS` back and starts a stopped recommender again.
 * @internal
 */
export class CostAutopilot extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly function: lambda.Function;
  readonly schedule?: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: CostAutopilotProps) {
    super(scope, id);
    const lookbackDays = props.lookbackDays ?? 14;
    const headroom = props.headroom ?? 0.25;
    const defaultMode = props.mode ?? CostAutopilotMode.RECOMMEND;
    validateAutopilot(props, lookbackDays, headroom);
    const stack = Stack.of(this);

    const logGroup = new logs.LogGroup(this, 'FunctionLogs', { retention: props.settings.logRetention, encryptionKey: props.settings.encryptionKey, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'FunctionRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    // Pure arithmetic: no AWS permission besides its own log group.
    this.function = new lambda.Function(this, 'Compute', {
      runtime: props.runtime ?? newestNodeRuntime(),
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(ASSETS, 'cost-autopilot')),
      memorySize: 256,
      timeout: Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      description: 'personalize-mlops: the cost autopilot\'s arithmetic (query window, proposal); no AWS call',
    });
    (this.function.node.defaultChild as CfnResource).addMetadata(HANDLER_METADATA_KEY, 'cost-autopilot');
    const compute = (label: string, payload: Record<string, unknown>, resultPath: string) => {
      const task = new tasks.LambdaInvoke(this, label, {
        lambdaFunction: this.function, payload: sfn.TaskInput.fromObject(payload), payloadResponseOnly: true, resultPath,
      });
      task.addRetry({ errors: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Lambda.SdkClientException'], maxAttempts: 3, backoffRate: 2 });
      return task;
    };

    // The mode: the input's, else the configured one; anything else is refused.
    const refused = new sfn.Fail(this, 'Autopilot: input refused', {
      error: 'InvalidAutopilotInput', cause: 'The input must be {} or { "mode": "recommend" | "apply" }',
    });
    const settingsWith = (label: string, mode: Record<string, string>) => new sfn.Pass(this, label, {
      parameters: { ...mode, groups: props.datasetGroupNames, lookbackDays, headroom },
    });
    const window = compute('Autopilot: query window', { 'op': 'window', 'now.$': '$$.Execution.StartTime', lookbackDays }, '$.window');
    const given = settingsWith('Autopilot: given mode', { 'mode.$': '$.mode' }).next(window);
    const configured = settingsWith('Autopilot: configured mode', { mode: defaultMode }).next(window);
    const start = new sfn.Choice(this, 'Autopilot: which mode?')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.mode'), sfn.Condition.isString('$.mode'),
        sfn.Condition.or(...Object.values(CostAutopilotMode).map((m) => sfn.Condition.stringEquals('$.mode', m)))), given)
      .when(sfn.Condition.isPresent('$.mode'), refused)
      .otherwise(configured);

    // Discovery: the campaigns (through the solutions) and the recommenders of each configured group, as one list of
    // ARNs; only resources found this way are ever looked at.
    const groups = new sfn.Map(this, 'Autopilot: dataset groups', {
      itemsPath: '$.groups',
      itemSelector: { 'datasetGroupArn.$': FlowServices.arnAt('dataset-group', '$$.Map.Item.Value') },
      resultSelector: { 'arns.$': '$[*].arns[*]' },
      resultPath: '$.found',
    });
    const list = (label: string, action: string, parameters: Record<string, unknown>, selector: string, arnType: string) => {
      const call = personalizeCall(this, label, {
        action, parameters: { ...parameters, MaxResults: 100 }, arnType, iamResources: ['*'], resultSelector: { 'arns.$': selector },
      });
      // A group (or solution) that does not exist has nothing to look at.
      call.addCatch(new sfn.Pass(this, `${label}: none`, { result: sfn.Result.fromObject({ arns: [] }) }),
        { errors: ['Personalize.ResourceNotFoundException', 'Personalize.InvalidInputException'] });
      return call;
    };
    const solutions = new sfn.Map(this, 'Autopilot: solutions', {
      itemsPath: '$.arns', itemSelector: { 'solutionArn.$': '$$.Map.Item.Value' }, maxConcurrency: 5, resultSelector: { 'arns.$': '$[*].arns[*]' },
    });
    solutions.itemProcessor(list('Autopilot: list campaigns', 'listCampaigns', { 'SolutionArn.$': '$.solutionArn' }, '$.Campaigns[*].CampaignArn', 'campaign'));
    const listSolutions = list('Autopilot: list solutions', 'listSolutions', { 'DatasetGroupArn.$': '$.datasetGroupArn' }, '$.Solutions[*].SolutionArn', 'solution');
    listSolutions.next(solutions);
    const ofGroup = new sfn.Parallel(this, 'Autopilot: resources of the group', { resultSelector: { 'arns.$': '$[*].arns[*]' } });
    ofGroup.branch(listSolutions);
    ofGroup.branch(list('Autopilot: list recommenders', 'listRecommenders', { 'DatasetGroupArn.$': '$.datasetGroupArn' }, '$.Recommenders[*].RecommenderArn', 'recommender'));
    groups.itemProcessor(ofGroup);

    const resources = new sfn.Map(this, 'Autopilot: resources', {
      itemsPath: '$.found.arns',
      itemSelector: {
        'arn.$': '$$.Map.Item.Value',
        'mode.$': '$.mode',
        'window.$': '$.window',
        'headroom.$': '$.headroom',
        'lookbackDays.$': '$.lookbackDays',
        'context': { 'pipelineExecutionArn.$': '$$.Execution.Id' },
      },
      maxConcurrency: 5,
      resultPath: '$.verdicts',
    });
    resources.itemProcessor(this.resource(props, compute));

    const summary = new sfn.Pass(this, 'Autopilot: summary', {
      parameters: { 'mode.$': '$.mode', 'lookbackDays.$': '$.lookbackDays', 'window.$': '$.window', 'resources.$': '$.verdicts' },
    });
    window.next(groups).next(resources).next(summary);
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', start, props.settings,
      'personalize-mlops: cost autopilot; input {} or { "mode": "recommend" | "apply" }');
    (this.stateMachine.node.defaultChild as CfnResource).addMetadata(ROLE_METADATA_KEY, 'cost-autopilot');

    if (props.schedule) {
      const scheduleGroup = new scheduler.ScheduleGroup(this, 'ScheduleGroup', { removalPolicy: RemovalPolicy.DESTROY });
      const scheduleRole = new iam.Role(this, 'ScheduleRole', {
        description: 'personalize-mlops: starts the cost autopilot on its schedule',
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': scheduleGroup.scheduleGroupArn } },
        }),
      });
      const flexible = props.flexibleWindow ?? Duration.minutes(15);
      this.schedule = new scheduler.Schedule(this, 'Schedule', {
        description: `personalize-mlops: cost autopilot, ${props.schedule}`,
        scheduleGroup,
        schedule: scheduler.ScheduleExpression.expression(props.schedule, TimeZone.ETC_UTC),
        timeWindow: flexible.toMinutes() === 0 ? scheduler.TimeWindow.off() : scheduler.TimeWindow.flexible(flexible),
        target: new schedulerTargets.StepFunctionsStartExecution(this.stateMachine, {
          role: scheduleRole,
          input: scheduler.ScheduleTargetInput.fromObject({}),
          deadLetterQueue: deadLetterQueue(this, 'DeadLetterQueue', 'the cost autopilot\'s schedule'),
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
        }),
      });
    }
  }

  /**
   * One campaign or recommender (told apart by its ARN): describe, tags, request counts, the proposal, then the event
   * (recommend) or the call, the wait and the event (apply). Ends in the resource's verdict.
   */
  private resource(
    props: CostAutopilotProps, compute: (label: string, payload: Record<string, unknown>, resultPath: string) => tasks.LambdaInvoke,
  ): sfn.IChainable {
    const { services } = props;
    const describe = (kind: 'Campaign' | 'Recommender') => personalizeCall(this, `Autopilot: describe ${kind.toLowerCase()}`, {
      action: `describe${kind}`,
      parameters: { [`${kind}Arn`]: sfn.JsonPath.stringAt('$.arn') },
      arnType: kind.toLowerCase(),
      resultSelector: { ['description.$']: `$.${kind}` },
      resultPath: '$.described',
    });
    const tags = personalizeCall(this, 'Autopilot: tags', {
      action: 'listTagsForResource',
      parameters: { ResourceArn: sfn.JsonPath.stringAt('$.arn') },
      arnType: 'campaign',
      iamResources: [FlowServices.iamArn(this, 'campaign'), FlowServices.iamArn(this, 'recommender')],
      resultSelector: { 'tags.$': '$.Tags' },
      resultPath: '$.tags',
    });
    const kindOf = (kind: 'Campaign' | 'Recommender') => new sfn.Pass(this, `Autopilot: a ${kind.toLowerCase()}`, {
      result: sfn.Result.fromObject({ kind: kind.toUpperCase(), dimension: `${kind}Arn` }), resultPath: '$.is',
    }).next(describe(kind)).next(tags);
    const metric = (id: string, name: string) => ({
      Id: id,
      MetricStat: { Metric: { Namespace: 'AWS/Personalize', MetricName: name, Dimensions: [{ 'Name.$': '$.is.dimension', 'Value.$': '$.arn' }] }, Period: 300, Stat: 'Sum' },
      ReturnData: false,
    });
    // Both request metrics (a recommender has no GetPersonalizedRanking: FILL makes it 0), added per 5-minute period.
    const requests = new tasks.CallAwsService(this, 'Autopilot: requests', {
      service: 'cloudwatch',
      action: 'getMetricData',
      // GetMetricData has no resource type (Service Authorization Reference, Amazon CloudWatch): read-only, `*`.
      iamAction: 'cloudwatch:GetMetricData',
      parameters: {
        'MetricDataQueries': [metric('recommendations', 'GetRecommendations'), metric('ranking', 'GetPersonalizedRanking'),
          { Id: 'requests', Expression: 'FILL(recommendations, 0) + FILL(ranking, 0)', ReturnData: true }],
        'StartTime.$': '$.window.startTime',
        'EndTime.$': '$.window.endTime',
      },
      iamResources: ['*'],
      resultSelector: { 'series.$': '$.MetricDataResults[*].Values' },
      resultPath: '$.requests',
    });
    requests.addRetry({ errors: ['CloudWatch.LimitExceededException', 'CloudWatch.CloudWatchException', 'CloudWatch.SdkClientException'], interval: Duration.seconds(5), maxAttempts: 4, backoffRate: 2 });
    const decide = compute('Autopilot: proposal', {
      'op': 'propose',
      'kind.$': '$.is.kind',
      'description.$': '$.described.description',
      'tags.$': '$.tags.tags',
      'series.$': '$.requests.series',
      'windowStart.$': '$.window.startTime',
      'headroom.$': '$.headroom',
    }, '$.proposal');

    const verdict = (text: string, applied: boolean | string) => new sfn.Pass(this, `Autopilot: ${text}`, {
      parameters: { 'kind.$': '$.is.kind', 'arn.$': '$.arn', 'name.$': '$.proposal.name', [typeof applied === 'string' ? 'applied.$' : 'applied']: applied, 'proposal.$': '$.proposal' },
    });
    // One event task for the three outcomes (a template kept small): the outcome sets its status, and the error and
    // cause of a refused call (`none` otherwise).
    const report = services.events.resource(this, 'Autopilot: report', {
      kind: '$.is.kind',
      name: '$.proposal.name',
      arn: '$.arn',
      status: '$.outcome.status',
      action: '$.proposal.action',
      current: '$.proposal.current',
      proposed: '$.proposal.proposed',
      observedPeak: '$.proposal.observedPeak',
      requests: '$.proposal.requests',
      monthlyHoursSaved: '$.proposal.monthlyHoursSaved',
      reason: '$.proposal.reason',
      lookbackDays: '$.lookbackDays',
      error: '$.outcome.error',
      cause: '$.outcome.cause',
    });
    report.next(verdict('reported', '$.outcome.applied'));
    const outcome = (label: string, status: string, applied: boolean, refusal = false) => new sfn.Pass(this, `Autopilot: ${label}`, {
      parameters: refusal
        ? { status, applied, 'error.$': '$.refusal.Error', 'cause.$': '$.refusal.Cause' }
        : { status, applied, error: 'none', cause: 'none' },
      resultPath: '$.outcome',
    }).next(report);
    const recommend = outcome('recommended', 'COST_RECOMMENDATION', false);
    const applied = outcome('applied', 'COST_ACTION', true);
    const refused = outcome('refused', 'COST_ACTION_FAILED', false, true);

    const write = (label: string, action: string, parameters: Record<string, unknown>, arnType: string, wait: PollEngine) => {
      const call = personalizeCall(this, label, { action, parameters, arnType, resultPath: sfn.JsonPath.DISCARD });
      call.addCatch(refused, { errors: ['States.ALL'], resultPath: '$.refusal' });
      call.next(wait).next(applied);
      return call;
    };
    const lower = write('Autopilot: lower minProvisionedTPS', 'updateCampaign',
      { CampaignArn: sfn.JsonPath.stringAt('$.arn'), MinProvisionedTPS: sfn.JsonPath.numberAt('$.proposal.proposed') }, 'campaign',
      PollEngine.untilReadyQuietly(this, 'CampaignChange', {
        kind: RESOURCE_KINDS.campaignUpdate, services, slot: 'change', arn: '$.arn', name: '$.proposal.name', label: 'Autopilot campaign update',
      }));
    const stop = write('Autopilot: stop recommender', 'stopRecommender', { RecommenderArn: sfn.JsonPath.stringAt('$.arn') }, 'recommender',
      PollEngine.untilReadyQuietly(this, 'RecommenderChange', {
        kind: RESOURCE_KINDS.recommenderStop, services, slot: 'change', arn: '$.arn', name: '$.proposal.name', label: 'Autopilot recommender stop',
      }));

    const action = '$.proposal.action';
    const apply = sfn.Condition.stringEquals('$.mode', CostAutopilotMode.APPLY);
    decide.next(new sfn.Choice(this, 'Autopilot: what to do?')
      .when(sfn.Condition.and(sfn.Condition.stringEquals(action, 'LOWER_MIN_PROVISIONED_TPS'), apply), lower)
      .when(sfn.Condition.and(sfn.Condition.stringEquals(action, 'STOP_RECOMMENDER'), apply), stop)
      .when(sfn.Condition.or(...['LOWER_MIN_PROVISIONED_TPS', 'STOP_RECOMMENDER', 'REPORT_IDLE_CAMPAIGN'].map((a) => sfn.Condition.stringEquals(action, a))), recommend)
      .otherwise(verdict('nothing to do', false)));
    tags.next(requests).next(decide);
    return new sfn.Choice(this, 'Autopilot: campaign or recommender?')
      .when(sfn.Condition.stringMatches('$.arn', '*:campaign/*'), kindOf('Campaign'))
      .otherwise(kindOf('Recommender'));
  }
}

/** Checks the options before anything is built: each problem names the prop and the value. */
function validateAutopilot(props: CostAutopilotOptions, lookbackDays: number, headroom: number): void {
  const names = props.datasetGroupNames;
  if (names.length === 0 || names.length > 20) throw new Error(`costAutopilot.datasetGroupNames must list 1 to 20 dataset groups, got: ${names.length}`);
  names.forEach((name, i) => {
    if (!Token.isUnresolved(name) && !NAME.test(name)) throw new Error(`costAutopilot.datasetGroupNames[${i}] must be a dataset group name (1 to 63 letters, digits, - and _), got: ${name}`);
  });
  if (props.mode !== undefined && !Object.values(CostAutopilotMode).includes(props.mode)) {
    throw new Error(`costAutopilot.mode must be one of ${Object.values(CostAutopilotMode).join(', ')}, got: ${props.mode}`);
  }
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > 15) throw new Error(`costAutopilot.lookbackDays must be an integer from 1 to 15, got: ${lookbackDays}`);
  if (!Number.isFinite(headroom) || headroom < 0 || headroom > 10) throw new Error(`costAutopilot.headroom must be a number from 0 to 10 (0.25 = 25 %), got: ${headroom}`);
  if (props.schedule !== undefined && !Token.isUnresolved(props.schedule) && !EXPRESSION.test(props.schedule)) {
    throw new Error(`costAutopilot.schedule must be cron(<6 fields>) or rate(<n> minute[s]|hour[s]|day[s]), got: ${props.schedule}`);
  }
  const window = props.flexibleWindow;
  if (window !== undefined && !window.isUnresolved()) {
    const minutes = window.toMinutes({ integral: false });
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) throw new Error(`costAutopilot.flexibleWindow must be whole minutes from 0 to 1440, got: ${window.toHumanString()}`);
  }
}
