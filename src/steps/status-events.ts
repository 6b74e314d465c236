import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** The detail-type of an event about one Personalize resource. */
export const RESOURCE_DETAIL_TYPE = 'Personalize Resource Status Change';
/** The detail-type of an event about a whole pipeline execution. */
export const PIPELINE_DETAIL_TYPE = 'Personalize Pipeline Status Change';

/** The fields of an event about one resource. @internal */
export type ResourceEventFields = { kind: string; name: string; arn: string; status: string; [key: string]: string | boolean };
/** The fields of an event about a pipeline execution. @internal */
export type PipelineEventFields = { status: string; [key: string]: string | boolean };

/** A value of an event's detail: a JSONPath (starts with `$`) or intrinsic (`States.Format(...)`), or a literal (`States.TaskFailed`). @internal */
export function renderFields(fields: Record<string, string | boolean>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => {
    if (typeof value === 'string' && (value.startsWith('$') || /^States\.\w+\(/.test(value))) return [`${key}.$`, value];
    return [key, value];
  }));
}

/**
 * Builds the EventBridge tasks that publish the pipeline's status events, all with one source, one bus and
 * the documented detail shape (see the events catalogue, docs/events.md).
 * @internal
 */
export class StatusEvents {
  constructor(
    private readonly bus: events.IEventBus,
    private readonly source: string,
    /** Where the flow execution an event names is read: the executing one, or one an input names. */
    private readonly flowExecution: string = '$$.Execution.Id',
  ) {}

  /** The same events, for a state machine that works for another (the poll machine): its flow execution at `path`. */
  onBehalfOfFlowAt(path: string): StatusEvents {
    return new StatusEvents(this.bus, this.source, path);
  }

  /**
   * An event about one resource. `fields` values that are JSONPaths or intrinsics are read from the state.
   * Every event carries the pipeline execution (the main state machine's) and this flow's execution.
   */
  resource(scope: Construct, id: string, fields: ResourceEventFields): tasks.EventBridgePutEvents {
    return this.put(scope, id, RESOURCE_DETAIL_TYPE, sfn.TaskInput.fromObject(this.resourceDetail(fields)));
  }

  /** An event about the pipeline execution itself. */
  pipeline(scope: Construct, id: string, fields: PipelineEventFields): tasks.EventBridgePutEvents {
    return this.put(scope, id, PIPELINE_DETAIL_TYPE, sfn.TaskInput.fromObject(this.pipelineDetail(fields)));
  }

  /** The detail of a resource event, as Pass parameters (for an event built before it is published). */
  resourceDetail(fields: ResourceEventFields): Record<string, unknown> {
    return renderFields({ ...fields, pipelineExecutionArn: '$.context.pipelineExecutionArn', flowExecutionArn: this.flowExecution });
  }

  /** The detail of a pipeline event, as Pass parameters. */
  pipelineDetail(fields: PipelineEventFields): Record<string, unknown> {
    return renderFields({ ...fields, pipelineExecutionArn: '$$.Execution.Id' });
  }

  /** Publishes the detail a state before built at `detailPath` (see `resourceDetail` and `pipelineDetail`). */
  built(scope: Construct, id: string, detailType: string, detailPath: string): tasks.EventBridgePutEvents {
    return this.put(scope, id, detailType, sfn.TaskInput.fromJsonPathAt(detailPath));
  }

  private put(scope: Construct, id: string, detailType: string, detail: sfn.TaskInput): tasks.EventBridgePutEvents {
    const task = new tasks.EventBridgePutEvents(scope, id, {
      entries: [{ eventBus: this.bus, source: this.source, detailType, detail }],
      resultPath: sfn.JsonPath.DISCARD,
    });
    // An event is worth a retry; it is not worth failing the pipeline over a passing fault. States.TaskFailed matches
    // every error of a Task but States.Timeout (Step Functions developer guide, "Error names"), EventBridge's included.
    task.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });
    return task;
  }
}
