import { isDistributedMap } from '../../simulator/runner/distributed-map';
import { forEachState } from '../../simulator/runner/local-pipeline-runner';
import { PipelineTemplate, TemplateStateMachine } from '../../simulator/runner/pipeline-template';
import { CliError } from '../errors';

/** The state that gives a fleet started with `{}` its configured prefix (src/operations/fleet-runs.ts). */
const CONFIGURED_PREFIX_STATE = 'Fleet: configured prefix';

/** A pipeline's fleet state machine in a synthesized template, and where it lists its configs. */
export interface TemplateFleet {
  readonly stateMachine: TemplateStateMachine;
  /** The bucket its Distributed Map lists (its ItemReader's `Bucket`). */
  readonly bucket: string;
  /** The prefix it runs when started with `{}` (the `fleet.prefix` prop, `fleet/` by default). */
  readonly prefix: string;
}

/**
 * The fleet state machine that runs `main` (one with the `fleet` role whose Distributed Map starts `main`), with its
 * bucket and prefix. A CliError when the template has no fleet (a pipeline without the `fleet` prop), or none for
 * this main state machine.
 */
export function fleetOf(template: PipelineTemplate, main: TemplateStateMachine): TemplateFleet {
  const fleets = template.stateMachines.filter((sm) => sm.role === 'fleet');
  if (fleets.length === 0) {
    throw new CliError('simulate --fleet: the template has no fleet state machine; a pipeline deploys one with the `fleet` prop (the example app\'s does)');
  }
  for (const fleet of fleets) {
    const map = Object.values<any>(fleet.definition.States ?? {}).find(isDistributedMap);
    if (!map || !starts(map.ItemProcessor, main.arn)) continue;
    const bucket = map.ItemReader?.Parameters?.Bucket;
    const prefix = fleet.definition.States[CONFIGURED_PREFIX_STATE]?.Result?.prefix;
    if (typeof bucket !== 'string' || typeof prefix !== 'string') {
      throw new CliError(`simulate --fleet: ${fleet.logicalId} does not say which bucket and prefix it lists (a template of another version of the construct?)`);
    }
    return { stateMachine: fleet, bucket, prefix };
  }
  throw new CliError(`simulate --fleet: no fleet state machine of the template (${fleets.map((f) => f.logicalId).join(', ')}) runs the main state machine ${main.logicalId}; choose another with --main`);
}

/** Whether a definition has a Task that starts the state machine `arn`. */
function starts(definition: any, arn: string): boolean {
  let found = false;
  forEachState(definition ?? {}, (_name, state) => {
    if (state.Parameters?.StateMachineArn === arn) found = true;
  });
  return found;
}
