import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { STOPPABLE_TRAINING, STOPPING_TRAINING } from './teardown-kinds';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { PollEngine } from '../polling/poll-engine';
import { FlowServices } from '../steps/flow-services';
import { personalizeCall } from '../steps/personalize-call';

/** Props of the training stop. @internal */
export interface StopTrainingProps {
  readonly services: FlowServices;
  /** A JSONPath that gives the solution's ARN. */
  readonly solutionArn: string;
  /** A JSONPath that gives the solution's name (for events). */
  readonly solutionName: string;
  /** The exclusive branch its wait is on (see `PollEngineProps.exclusiveBranch`). @default - none */
  readonly exclusiveBranch?: string;
}

/**
 * Stops the solution's training in progress and waits until it has ended, since a solution cannot be deleted while
 * a version is CREATE PENDING or CREATE IN_PROGRESS (API reference, DeleteSolution). A solution trains one version
 * at a time (API reference, CreateSolutionVersion: ResourceInUseException), so the one to stop is the solution's
 * `latestSolutionVersion` (API reference, Solution). A training already stopping (CREATE STOPPING) is waited out;
 * a stop the service refuses because the training just ended is not an error. The wait is the one poll loop, with
 * the solution version's schedule; its events report the version's statuses (CREATE STOPPING, CREATE STOPPED).
 * A solution already gone ends the fragment: the deletion loop that follows finds nothing.
 * @internal
 */
export class StopTraining extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];
  /** The wait for the training to end. */
  readonly loop: PollEngine;

  constructor(scope: Construct, id: string, props: StopTrainingProps) {
    super(scope, id);
    const latest = '$.solution.Solution.LatestSolutionVersion';
    const describe = personalizeCall(this, 'Describe the solution', {
      action: RESOURCE_KINDS.solution.describeAction,
      parameters: { SolutionArn: sfn.JsonPath.stringAt(props.solutionArn) },
      arnType: RESOURCE_KINDS.solution.arnType,
      resultPath: '$.solution',
    });
    const stop = personalizeCall(this, 'Stop the training', {
      action: 'stopSolutionVersionCreation',
      parameters: { SolutionVersionArn: sfn.JsonPath.stringAt(`${latest}.SolutionVersionArn`) },
      arnType: 'solution',
      resultPath: sfn.JsonPath.DISCARD,
    });
    this.loop = PollEngine.untilReady(this, 'TrainingToStop', {
      kind: RESOURCE_KINDS.trainingToStop,
      services: props.services,
      slot: 'training',
      arn: `${latest}.SolutionVersionArn`,
      name: props.solutionName,
      label: 'Training to stop',
      exclusiveBranch: props.exclusiveBranch,
    });
    const done = new sfn.Pass(this, 'No training under way');
    this.loop.next(done);
    // Ended between the describe and the stop (ResourceInUseException): the wait sees how it ended.
    stop.addCatch(this.loop, { errors: ['Personalize.ResourceInUseException'], resultPath: '$.stopRefused' });
    stop.next(this.loop);
    describe.addCatch(done, { errors: ['Personalize.ResourceNotFoundException'], resultPath: sfn.JsonPath.DISCARD });

    const status = `${latest}.Status`;
    describe.next(new sfn.Choice(this, 'Training under way?')
      .when(sfn.Condition.not(sfn.Condition.isPresent(status)), done)
      .when(sfn.Condition.or(...STOPPABLE_TRAINING.map((s) => sfn.Condition.stringEquals(status, s))), stop)
      .when(sfn.Condition.or(...STOPPING_TRAINING.map((s) => sfn.Condition.stringEquals(status, s))), this.loop)
      .otherwise(done));
    this.startState = describe;
    this.endStates = [done];
  }
}
