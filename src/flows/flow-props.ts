import { StateMachineSettings } from '../polling/flow-state-machine';
import { FlowServices } from '../steps/flow-services';

/**
 * What a flow is built from. A flow's state machine takes `{ item, context }`: `item` is one entry of the
 * execution plan, `context` holds the pipeline execution's ARN and the ARNs the flow depends on.
 * @internal
 */
export interface FlowProps {
  readonly services: FlowServices;
  readonly settings: StateMachineSettings;
}
