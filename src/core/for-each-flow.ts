import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RunFlow } from './run-flow';

/** Options of a Map that runs a flow per item. @internal */
export interface ForEachFlowOptions {
  /** How many items run at once. @default - no limit */
  readonly maxConcurrency?: number;
  /** A ResultSelector over the array of the flows' outputs. @default - the array */
  readonly resultSelector?: Record<string, string>;
  /** Where the result goes. @default - discarded */
  readonly resultPath?: string;
}

/**
 * A Map state that starts `stateMachine` once per item of `itemsPath`, each with `{ item, context }`
 * (`context` is the Map input's `$.context`), and collects the flows' outputs.
 * @internal
 */
export function forEachFlow(
  scope: Construct, label: string, itemsPath: string, stateMachine: sfn.IStateMachine, options: ForEachFlowOptions = {},
): sfn.Map {
  const map = new sfn.Map(scope, label, {
    itemsPath,
    itemSelector: { 'item.$': '$$.Map.Item.Value', 'context.$': '$.context' },
    maxConcurrency: options.maxConcurrency,
    resultSelector: options.resultSelector,
    resultPath: options.resultPath ?? sfn.JsonPath.DISCARD,
  });
  map.itemProcessor(new RunFlow(scope, `Run ${label.toLowerCase()} flow`, { stateMachine, item: '$.item', resultPath: '$.result' })
    .next(new sfn.Pass(scope, `${label}: item output`, { outputPath: '$.result.output' })));
  return map;
}
