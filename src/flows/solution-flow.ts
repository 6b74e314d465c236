import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { ReconcileStep } from '../polling/reconcile-step';

/**
 * Creates or reuses one solution, as soon as its dataset group is ACTIVE (training, which needs the imported
 * data, is the training flow's); one that exists is updated in place where the config changed what UpdateSolution
 * takes, and gets the configured tags (ReconcileStep). A solution of that name in another dataset group is a conflict. Input item:
 * one of the plan's `solutions`; context: `datasetGroupArn`. Output: `{ solutionArn, created, item }` (the item, for its training).
 * @internal
 */
export class SolutionFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const solution = PollEngine.named(this, 'Solution', '$.item.serviceConfig.name', {
      kind: RESOURCE_KINDS.solution,
      services: props.services,
      slot: 'solution',
      create: { action: 'createSolution', serviceConfig: '$.item.serviceConfig', derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
    });
    // An existing solution is brought in line with the config: UpdateSolution (automatic training, its schedule, the
    // events config), waited for on latestSolutionUpdate, and its tags.
    const reconcile = new ReconcileStep(this, 'Reconcile', {
      services: props.services,
      kind: RESOURCE_KINDS.solution,
      slot: 'solution',
      action: 'updateSolution',
      serviceConfig: '$.item.serviceConfig',
      derived: { solutionArn: '$.solution.arn' },
      updateKind: RESOURCE_KINDS.solutionUpdate,
    });
    const output = new sfn.Pass(this, 'Output', { parameters: { 'solutionArn.$': '$.solution.arn', 'created.$': '$.solution.created', 'item.$': '$.item' } });
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', solution.next(reconcile).next(output), props.settings, 'personalize-mlops: solution');
  }
}
