import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ResourceKind } from '../kinds/resource-kind';
import { FlowServices } from '../steps/flow-services';

/**
 * What a throttled or briefly unavailable Personalize Runtime call answers an SDK integration with: Step Functions names
 * an SDK integration's error `<Service>.<Error>` with the service in PascalCase (developer guide,
 * "supported-services-awssdk"), an unmodeled one (ThrottlingException, CommonErrors page) by the SDK's base class, and
 * a dropped connection `SdkClientException`, as for Personalize (see core/personalize-call.ts). Retried; any other error
 * fails the smoke test.
 * @internal
 */
export const PERSONALIZE_RUNTIME_TRANSIENT_ERRORS = [
  'PersonalizeRuntime.ThrottlingException',
  'PersonalizeRuntime.TooManyRequestsException',
  'PersonalizeRuntime.PersonalizeRuntimeException',
  'PersonalizeRuntime.SdkClientException',
];

/** Props of the smoke test. @internal */
export interface RecommendationSmokeTestProps {
  readonly services: FlowServices;
  /** The campaign or recommender kind, for events and messages. */
  readonly kind: ResourceKind;
  /** JSONPath of the campaign's or recommender's ARN. */
  readonly arn: string;
  /** JSONPath of its name. */
  readonly name: string;
  /** JSONPath of the config's smoke test (`{ userId?, itemId?, numResults }`); absent: no test. */
  readonly test: string;
  /**
   * JSONPath of the plan's `actionRecommendations` flag (true on a Next-Best-Action campaign): when true, the test calls
   * GetActionRecommendations for the user instead.
   * @default - always GetRecommendations (recommenders)
   */
  readonly actionRecommendations?: string;
}

/**
 * A recommendation smoke test: when the config asks for one, a native `personalizeruntime:getRecommendations` call
 * (API reference, GetRecommendations) for the configured user and/or item on the campaign or recommender; items in
 * the answer → a `SMOKE_TEST_PASSED` event with their ids;
 * on a Next-Best-Action campaign `personalizeruntime:getActionRecommendations` (API reference, GetActionRecommendations)
 * for the user instead, its actions' ids in the event's `actionIds`; an empty answer or an error → a `SMOKE_TEST_FAILED` event
 * and a Fail state `SmokeTestFailed` whose cause names the resource, the request and the reason. The result is left
 * at `$.smokeTest` (`{ itemIds }`). JSONPath parameters cannot leave a field out, so the call has one variant per
 * combination of ids (none, for a use case that needs neither); every path it reads is checked for presence first.
 * @internal
 */
export class RecommendationSmokeTest extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, props: RecommendationSmokeTestProps) {
    super(scope, id);
    const { services, kind, arn, name, test, actionRecommendations } = props;
    const arnParameter = kind.arnParameter;
    const done = new sfn.Pass(this, 'Smoke test: done');
    const eventFields = { kind: kind.id, name, arn, smokeTest: test };

    const fail = (reason: string, cause: string) => new sfn.Pass(this, `Smoke test: explain ${reason}`, {
      parameters: { 'cause.$': cause },
      resultPath: '$.smokeTestFailure',
    });
    const report = services.events.resource(this, 'Smoke test: report failure', {
      ...eventFields, status: 'SMOKE_TEST_FAILED', cause: '$.smokeTestFailure.cause',
    });
    report.next(new sfn.Fail(this, 'Smoke test: failed', { error: 'SmokeTestFailed', causePath: '$.smokeTestFailure.cause' }));
    const request = `States.JsonToString(${test})`;
    const empty = fail('empty answer',
      `States.Format('${kind.label} {} ({}) answered {} {} with no item: it serves, but recommends nothing for this request', ${name}, ${arn}, $.smokeTest.operation, ${request})`);
    // A failed call names its operation (GetRecommendations, or GetActionRecommendations on a Next-Best-Action campaign).
    const errors = new Map<string, sfn.Pass>();
    const errorOf = (operation: string) => {
      if (!errors.has(operation)) {
        const explain = fail(operation === 'GetRecommendations' ? 'error' : `${operation} error`,
          `States.Format('${kind.label} {} ({}) failed ${operation} {}: {}: {}', ${name}, ${arn}, ${request}, $.smokeTestError.Error, $.smokeTestError.Cause)`);
        explain.next(report);
        errors.set(operation, explain);
      }
      return errors.get(operation)!;
    };
    empty.next(report);

    // Deep scans are indefinite paths: an empty list where the answer has none (Jayway, see simulator/runner/jsonpath-semantics.ts),
    // so one state reads a GetRecommendations answer (ItemList) and a GetActionRecommendations answer (ActionList).
    const itemIds = new sfn.Pass(this, 'Smoke test: read item ids', {
      parameters: { 'itemIds.$': '$.smokeTest.response..ItemId', 'actionIds.$': '$.smokeTest.response..ActionId' },
      resultPath: '$.smokeTest',
    });
    itemIds
      .next(services.events.resource(this, 'Smoke test: report passed', {
        ...eventFields, status: 'SMOKE_TEST_PASSED', itemIds: '$.smokeTest.itemIds', actionIds: '$.smokeTest.actionIds',
      }))
      .next(done);
    const anyItem = new sfn.Choice(this, 'Smoke test: any item?')
      .when(sfn.Condition.or(
        sfn.Condition.isPresent('$.smokeTest.response.ItemList[0].ItemId'),
        sfn.Condition.isPresent('$.smokeTest.response.ActionList[0].ActionId'),
      ), itemIds)
      .otherwise(empty);

    // The IAM action of GetRecommendations is personalize:GetRecommendations on the campaign or recommender (service
    // authorization reference, Amazon Personalize); the SDK integration's service name is `personalizeruntime`.
    // GetActionRecommendations: personalize:GetActionRecommendations on the campaign (service authorization reference);
    // request campaignArn, userId, numResults (API reference, GetActionRecommendations), answer actionList.
    const call = (variant: string, ids: Record<string, string>, operation = 'GetRecommendations') => {
      const action = operation.charAt(0).toLowerCase() + operation.slice(1);
      const stateName = operation === 'GetRecommendations' ? `Smoke test: get recommendations ${variant}` : `Smoke test: get action recommendations ${variant}`;
      const task = new tasks.CallAwsService(this, stateName, {
        service: 'personalizeruntime',
        action,
        iamAction: `personalize:${operation}`,
        iamResources: [FlowServices.iamArn(this, kind.arnType)],
        parameters: {
          [arnParameter]: sfn.JsonPath.stringAt(arn),
          ...Object.fromEntries(Object.entries(ids).map(([key, path]) => [key, sfn.JsonPath.stringAt(path)])),
          NumResults: sfn.JsonPath.numberAt(`${test}.numResults`),
        },
        resultSelector: { 'response.$': '$', operation },
        resultPath: '$.smokeTest',
      });
      task.addRetry({
        errors: PERSONALIZE_RUNTIME_TRANSIENT_ERRORS,
        interval: Duration.seconds(2),
        maxAttempts: 4,
        backoffRate: 2,
        jitterStrategy: sfn.JitterType.FULL,
      });
      task.addCatch(errorOf(operation), { errors: ['States.ALL'], resultPath: '$.smokeTestError' });
      return task.next(anyItem);
    };
    const userId = `${test}.userId`;
    const itemId = `${test}.itemId`;
    const has = (path: string) => sfn.Condition.isPresent(path);
    // The plan sends what the recipe or use case takes (the validator checks what it requires; a recommender's test
    // goes without the ids its use case does not use); Trending now takes neither id (VIDEO_ON_DEMAND-use-cases page).
    const withCount = new sfn.Choice(this, 'Smoke test: which ids?');
    // The validator requires userId and refuses itemId on a Next-Best-Action campaign's test (cross-field-rules.ts).
    if (actionRecommendations) {
      withCount.when(sfn.Condition.and(has(actionRecommendations), sfn.Condition.booleanEquals(actionRecommendations, true), has(userId)),
        call('for the user', { UserId: userId }, 'GetActionRecommendations'));
    }
    withCount
      .when(sfn.Condition.and(has(userId), has(itemId)), call('for the user and the item', { UserId: userId, ItemId: itemId }))
      .when(has(userId), call('for the user', { UserId: userId }))
      .when(has(itemId), call('for the item', { ItemId: itemId }))
      .otherwise(call('for no user or item', {}));
    // The execution plan fills in numResults wherever the config has a smoke test.
    this.startState = new sfn.Choice(this, 'Smoke test asked for?')
      .when(sfn.Condition.and(has(test), has(`${test}.numResults`)), withCount)
      .otherwise(done);
    this.endStates = [done];
  }
}
