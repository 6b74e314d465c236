import { readFileSync } from 'node:fs';
import { ResolveEnvironment, TemplateResolver } from './template-resolver';
import { HANDLER_METADATA_KEY, HandlerId } from '../../src/contract/function-contract';

/** A state machine of a synthesized template, resolved. */
export interface TemplateStateMachine {
  readonly logicalId: string;
  readonly arn: string;
  readonly definition: Record<string, any>;
  /** What it is for, from its `personalize-mlops:role` metadata (the tear-down's is `teardown`); absent for the pipeline's. */
  readonly role?: string;
}

/** A Lambda function of a synthesized template, resolved. */
export interface TemplateFunction {
  readonly logicalId: string;
  readonly arn: string;
  /** The handler folder under `lambda/`, from the function's `personalize-mlops:handler` metadata. */
  readonly handler?: HandlerId;
  readonly environment: Record<string, string>;
}

const ROLE_METADATA_KEY = 'personalize-mlops:role';

/** The state machines and functions of a synthesized stack, with every token resolved. */
export class PipelineTemplate {
  /** Reads a template file (`cdk.out/<Stack>.template.json`). */
  static fromFile(path: string, env?: ResolveEnvironment): PipelineTemplate {
    return new PipelineTemplate(JSON.parse(readFileSync(path, 'utf8')), env);
  }

  readonly stateMachines: TemplateStateMachine[];
  readonly functions: TemplateFunction[];
  /** The names of the Glue jobs the stack deploys (their logical IDs, as the resolver names resources). */
  readonly glueJobs: string[];
  readonly env: ResolveEnvironment;

  constructor(template: any, env: ResolveEnvironment = { partition: 'aws', region: 'us-east-1', account: '123456789012' }) {
    this.env = env;
    const resolver = new TemplateResolver(template, env);
    const resources = Object.entries(template.Resources ?? {}) as Array<[string, any]>;
    this.stateMachines = resources
      .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')
      .map(([logicalId, r]) => ({
        logicalId,
        arn: resolver.arnOf(logicalId),
        definition: JSON.parse(resolver.resolveDefinition(r.Properties.DefinitionString, r.Properties.DefinitionSubstitutions)),
        role: r.Metadata?.[ROLE_METADATA_KEY],
      }));
    this.functions = resources
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([logicalId, r]) => ({
        logicalId,
        arn: resolver.arnOf(logicalId),
        handler: r.Metadata?.[HANDLER_METADATA_KEY],
        environment: resolver.resolve(r.Properties?.Environment?.Variables ?? {}),
      }));
    this.glueJobs = resources.filter(([, r]) => r.Type === 'AWS::Glue::Job').map(([logicalId]) => logicalId);
  }

  /**
   * The state machines no other state machine starts and that have no other role (a tear-down is one of its own):
   * each pipeline's main state machine.
   */
  get mainStateMachines(): TemplateStateMachine[] {
    const started = new Set<string>();
    const visit = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'StateMachineArn' && typeof value === 'string') started.add(value);
        visit(value);
      }
    };
    // A fleet starts the main state machine, and is not what makes it a child.
    this.stateMachines.filter((sm) => sm.role !== 'fleet').forEach((sm) => visit(sm.definition));
    return this.stateMachines.filter((sm) => !started.has(sm.arn) && (sm.role === undefined || sm.role === 'main'));
  }

  /** The one main state machine, or the one whose logical ID starts with `prefix` when there are several. */
  mainStateMachine(prefix?: string): TemplateStateMachine {
    const mains = this.mainStateMachines.filter((sm) => !prefix || sm.logicalId.startsWith(prefix));
    if (mains.length !== 1) {
      throw new Error(`Expected one main state machine${prefix ? ` starting with ${prefix}` : ''}, found ${mains.length}: ${mains.map((m) => m.logicalId).join(', ')}`);
    }
    return mains[0];
  }

  stateMachineByArn(arn: string): TemplateStateMachine {
    const sm = this.stateMachines.find((s) => s.arn === arn);
    if (!sm) throw new Error(`No state machine with ARN ${arn} in the template`);
    return sm;
  }

  functionByArnOrName(ref: string): TemplateFunction {
    const fn = this.functions.find((f) => f.arn === ref || f.logicalId === ref || ref.startsWith(`${f.arn}:`));
    if (!fn) throw new Error(`No function ${ref} in the template`);
    return fn;
  }
}
