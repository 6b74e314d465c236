import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { FlowServices } from './flow-services';
import { CreateCall, invokeCreateFunction } from './invoke-create-function';
import { personalizeCall } from './personalize-call';
import { ResourceKind } from './resource-kind';

/** Props of the poll loop for a resource found by its name. @internal */
export interface NamedResourceProps {
  readonly kind: ResourceKind;
  readonly services: FlowServices;
  /** The key under `$` where the loop keeps its state and leaves its result. */
  readonly slot: string;
  /** How to create the resource when it does not exist; without it a missing resource fails the flow. */
  readonly create?: CreateCall;
  /** A prefix of every state name, unique in the state machine. @default - the kind's label */
  readonly label?: string;
  /** Extra detail fields of the ready event (JSONPaths or literals). @default - none */
  readonly readyEventFields?: Record<string, string>;
  /** Whether the loop publishes the ready event itself; false when the flow publishes a richer one. @default true */
  readonly reportReady?: boolean;
}

/** Props of the poll loop. @internal */
export interface EnsureResourceProps extends NamedResourceProps {
  /** A JSONPath or intrinsic that gives the resource's ARN. */
  readonly arn: string;
  /** A JSONPath that gives the resource's name (for events and messages). */
  readonly name: string;
}


/**
 * The one poll loop of the pipeline: describe → (not found → create) → wait → describe → ready, failed or
 * keep waiting, bounded by an attempt counter, publishing an event at each status it sees. When it ends,
 * `$.<slot>` holds `{ arn, name, created, status, description }`; a failure ends in a Fail state whose
 * error names the kind and whose cause names the resource and carries the service's failureReason.
 * @internal
 */
export class EnsureResource extends sfn.StateMachineFragment {
  /** The loop for a resource whose ARN is `<arnType>/<name>`, the name read from `namePath`. */
  static named(scope: Construct, id: string, namePath: string, props: NamedResourceProps): EnsureResource {
    return new EnsureResource(scope, id, { ...props, arn: FlowServices.arnAt(props.kind.arnType, namePath), name: namePath });
  }

  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];
  private afterDescribe?: tasks.CallAwsService;

  constructor(scope: Construct, id: string, props: EnsureResourceProps) {
    super(scope, id);
    const { kind, services } = props;
    const bounds = services.bounds(kind);
    const label = props.label ?? kind.label;
    const slot = `$.${props.slot}`;
    const status = kind.statusField ? `${slot}.description.${kind.statusField}` : undefined;
    const eventFields = { kind: kind.id, name: `${slot}.name`, arn: `${slot}.arn`, created: `${slot}.created` };
    // DATASET_IMPORT_JOB → DatasetImportJob: the error is DatasetImportJobFailed or DatasetImportJobTimeout.
    const errorName = kind.id.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());

    const init = new sfn.Pass(this, `${label}: Start`, {
      parameters: { 'arn.$': props.arn, 'name.$': props.name, 'attempts': 0, 'lastStatus': 'NONE', 'created': false },
      resultPath: slot,
    });

    const describe = this.describe(`${label}: Describe`, kind, slot);

    const ready = new sfn.Pass(this, `${label}: Ready`, {
      parameters: {
        'arn.$': `${slot}.arn`,
        'name.$': `${slot}.name`,
        'created.$': `${slot}.created`,
        'status': 'ACTIVE',
        'description.$': `${slot}.description`,
      },
      resultPath: slot,
    });
    this.startState = init;
    this.endStates = [ready];

    if (props.create) {
      const create = invokeCreateFunction(this, `${label}: Create`, services, props.create, { resultPath: `${slot}.createResult` });
      const markCreated = new sfn.Pass(this, `${label}: Created`, { result: sfn.Result.fromBoolean(true), resultPath: `${slot}.created` });
      // Another execution created it between our describe and our create: continue with that one. This
      // describe does not create again, so a create that keeps answering "already exists" for another
      // resource (a dataset group's second event tracker) ends the flow instead of looping.
      const describeExisting = this.describe(`${label}: Describe existing`, kind, slot);
      const conflict = new sfn.Pass(this, `${label}: Explain conflict`, {
        parameters: { 'cause.$': `States.Format('${kind.label} {} cannot be created: {}', ${slot}.name, ${slot}.createRace.Cause)` },
        resultPath: `${slot}.failure`,
      });
      conflict
        .next(services.events.resource(this, `${label}: Report conflict`, { ...eventFields, status: 'CONFLICT', cause: `${slot}.failure.cause` }))
        .next(new sfn.Fail(this, `${label}: Conflict`, { error: `${errorName}Conflict`, causePath: `${slot}.failure.cause` }));
      describeExisting.addCatch(conflict, { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.lookup` });
      create.addCatch(describeExisting, { errors: ['ResourceAlreadyExistsException'], resultPath: `${slot}.createRace` });
      describe.addCatch(create, { errors: ['Personalize.ResourceNotFoundException'], resultPath: `${slot}.lookup` });
      create.next(markCreated).next(describe);
      this.afterDescribe = describeExisting;
    }

    const reportReady = props.reportReady === false
      ? new sfn.Pass(this, `${label}: Ready to report`)
      : services.events.resource(this, `${label}: Report ready`, { ...eventFields, ...props.readyEventFields, status: status ?? 'ACTIVE' });
    if (!status) {
      init.next(describe).next(reportReady).next(ready);
      this.afterDescribe?.next(reportReady);
      return;
    }

    let failed = this.failureBranch(label, errorName, slot, status, kind, services, eventFields);
    const timedOut = new sfn.Pass(this, `${label}: Poll limit reached`, {
      parameters: {
        'cause.$': `States.Format('${kind.label} {} ({}) is still {} after {} polls; raise the poll timeout of this kind or look at the resource', ${slot}.name, ${slot}.arn, ${status}, ${slot}.attempts)`,
      },
      resultPath: `${slot}.failure`,
    })
      .next(services.events.resource(this, `${label}: Report timeout`, { ...eventFields, status: 'TIMED_OUT', cause: `${slot}.failure.cause` }))
      .next(new sfn.Fail(this, `${label}: Timed out`, { error: `${errorName}Timeout`, causePath: `${slot}.failure.cause` }));

    const wait = new sfn.Wait(this, `${label}: Wait`, { time: sfn.WaitTime.duration(bounds.interval) });
    const nextAttempt = new sfn.Pass(this, `${label}: Next attempt`, {
      parameters: {
        'arn.$': `${slot}.arn`,
        'name.$': `${slot}.name`,
        'created.$': `${slot}.created`,
        'attempts.$': `States.MathAdd(${slot}.attempts, 1)`,
        'lastStatus.$': status,
      },
      resultPath: slot,
    });
    wait.next(nextAttempt).next(describe);

    if (kind.deleteAction && props.create) {
      // A resource an earlier run left failed keeps its name taken: delete it, wait until it is gone (the
      // describe answers not found), and create it again. One this run created is not retried.
      const remove = personalizeCall(this, `${label}: Delete failed leftover`, {
        action: kind.deleteAction,
        parameters: { [kind.arnParameter]: sfn.JsonPath.stringAt(`${slot}.arn`) },
        arnType: kind.arnType,
        resultPath: sfn.JsonPath.DISCARD,
      });
      remove.addRetry({ errors: ['Personalize.ResourceInUseException'], interval: Duration.seconds(10), maxAttempts: 6, backoffRate: 2 });
      const reportDeletion = services.events.resource(this, `${label}: Report leftover deletion`, {
        ...eventFields, status: 'DELETING_FAILED_LEFTOVER', previousStatus: status,
      });
      reportDeletion.next(remove).next(wait);
      failed = new sfn.Choice(this, `${label}: Left over from an earlier run?`)
        .when(sfn.Condition.booleanEquals(`${slot}.created`, false), reportDeletion)
        .otherwise(failed);
    }

    const isOneOf = (values: string[]) => sfn.Condition.or(...values.map((v) => sfn.Condition.stringEquals(status, v)));
    const changed = sfn.Condition.not(sfn.Condition.stringEqualsJsonPath(status, `${slot}.lastStatus`));
    const reportStatus = services.events.resource(this, `${label}: Report status`, { ...eventFields, status });
    reportStatus.next(wait);
    reportReady.next(ready);

    const decide = new sfn.Choice(this, `${label}: Status?`)
      .when(isOneOf(kind.failedStatuses), failed)
      .when(sfn.Condition.and(isOneOf(kind.readyStatuses), changed), reportReady)
      .when(isOneOf(kind.readyStatuses), ready)
      .when(sfn.Condition.numberGreaterThanEquals(`${slot}.attempts`, bounds.maxAttempts), timedOut)
      .when(changed, reportStatus)
      .otherwise(wait);
    init.next(describe).next(decide);
    this.afterDescribe?.next(decide);
  }

  /** The describe call of the resource, its response under `$.<slot>.description`. */
  private describe(id: string, kind: ResourceKind, slot: string): tasks.CallAwsService {
    return personalizeCall(this, id, {
      action: kind.describeAction,
      parameters: { [kind.arnParameter]: sfn.JsonPath.stringAt(`${slot}.arn`) },
      arnType: kind.arnType,
      resultPath: `${slot}.description`,
    });
  }

  private failureBranch(
    label: string, errorName: string, slot: string, status: string, kind: ResourceKind, services: FlowServices,
    eventFields: { kind: string; name: string; arn: string; created: string },
  ): sfn.IChainable {
    const reasonPath = `${slot}.description.${kind.failureReasonField}`;
    const withReason = new sfn.Pass(this, `${label}: Explain failure`, {
      parameters: {
        'reason.$': reasonPath,
        'cause.$': `States.Format('${kind.label} {} ({}) is {}: {}', ${slot}.name, ${slot}.arn, ${status}, ${reasonPath})`,
      },
      resultPath: `${slot}.failure`,
    });
    const withoutReason = new sfn.Pass(this, `${label}: Explain failure without reason`, {
      parameters: {
        'reason': 'The service gave no failureReason',
        'cause.$': `States.Format('${kind.label} {} ({}) is {}; the service gave no failureReason', ${slot}.name, ${slot}.arn, ${status})`,
      },
      resultPath: `${slot}.failure`,
    });
    const report = services.events.resource(this, `${label}: Report failure`, {
      ...eventFields, status, failureReason: `${slot}.failure.reason`, cause: `${slot}.failure.cause`,
    });
    withReason.next(report);
    withoutReason.next(report);
    report.next(new sfn.Fail(this, `${label}: Failed`, { error: `${errorName}Failed`, causePath: `${slot}.failure.cause` }));
    return new sfn.Choice(this, `${label}: Has failure reason?`)
      .when(sfn.Condition.isPresent(reasonPath), withReason)
      .otherwise(withoutReason);
  }
}
