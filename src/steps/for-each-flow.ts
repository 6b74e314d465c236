import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RunFlow } from './run-flow';

/** Options of a Map that runs a flow per item. @internal */
export interface ForEachFlowOptions {
  /** How many items run at once. @default - no limit */
  readonly maxConcurrency?: number;
  /** Where `{ outputs, failures }` goes. */
  readonly resultPath: string;
  /** What each item is, for failure records. @default - the label */
  readonly flowLabel?: string;
}

/**
 * A Map state that starts `stateMachine` once per item of `itemsPath`, each with `{ item, context }`
 * (`context` is the Map input's `$.context`) and a name of its own. Items never fail the Map (see RunFlow): its
 * result is `{ outputs, failures, items }`: the outputs of the items that succeeded, every failure, and each
 * item's outcome in item order.
 * @internal
 */
export function forEachFlow(
  scope: Construct, label: string, itemsPath: string, stateMachine: sfn.StateMachine, options: ForEachFlowOptions,
): sfn.Map {
  const map = new sfn.Map(scope, label, {
    itemsPath,
    itemSelector: { 'item.$': '$$.Map.Item.Value', 'context.$': '$.context', 'executionName.$': 'States.UUID()' },
    maxConcurrency: options.maxConcurrency,
    // Indefinite paths: an array of every match, possibly empty (Step Functions evaluates paths with Jayway JsonPath).
    resultSelector: { 'outputs.$': '$[*].output', 'failures.$': '$[*].failures[*]', 'items.$': '$' },
    resultPath: options.resultPath,
  });
  map.itemProcessor(new RunFlow(scope, `Run ${label.toLowerCase()} flow`, {
    stateMachine, label: options.flowLabel ?? label, item: '$.item', resultPath: '$.result', executionName: '$.executionName',
  }));
  return map;
}
