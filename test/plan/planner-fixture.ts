import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { ALL_FEATURES } from '../../lambda/shared/config/deployed-features';
import { ExecutionPlan } from '../../lambda/shared/config/execution-plan';
import { validatePipelineConfig } from '../../lambda/shared/config/validate-pipeline-config';
import { preflight, PreflightResult, ServiceLocation } from '../../planner';
import { PersonalizeHttpEndpoint } from '../../simulator/emulator/http-face';
import { PersonalizeEmulator } from '../../simulator/emulator/personalize-emulator';
import { PersonalizeError } from '../../simulator/emulator/personalize-error';
import { recipeNameOf, RECIPES } from '../../simulator/emulator/recipes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const MEDIA = require('../../sample_configs/input_media.json');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const RETAIL = require('../../sample_configs/input_retail.json');

export const DAY = 86_400_000;

/** The plan of a config, which must be valid. */
export function planOf(config: unknown): ExecutionPlan {
  // The samples run the Glue job the pipeline deploys; name one, as a deployed validator would.
  const verdict = validatePipelineConfig(JSON.parse(JSON.stringify(config)), { ...ALL_FEATURES, glueJobName: 'personalize-mlops-preprocessing' });
  if (!verdict.plan) throw new Error(verdict.message);
  return verdict.plan;
}

/**
 * DescribeRecipe as the service answers it, for as long as the emulator does not answer it itself (it is being
 * added there); the emulator's own answer is used as soon as it has one.
 */
function describeRecipe(request: Record<string, unknown>): unknown {
  const arn = String(request.recipeArn);
  const name = recipeNameOf(arn);
  if (!name || !RECIPES[name]) throw new PersonalizeError('ResourceNotFoundException', `Could not find recipe with ARN ${arn}.`);
  return { recipe: { recipeArn: arn, name, status: 'ACTIVE', recipeType: RECIPES[name].type } };
}

/** The emulator behind its HTTP face, and a real SDK client pointed at it. */
export class PlannerFixture {
  readonly emulator = new PersonalizeEmulator();
  readonly location: ServiceLocation = { partition: 'aws', region: 'us-east-1', account: '123456789012' };
  client!: PersonalizeClient;
  url!: string;
  private readonly endpoint: PersonalizeHttpEndpoint;

  constructor() {
    const emulator = this.emulator;
    const face = Object.create(emulator) as PersonalizeEmulator;
    face.call = (operation: string, request: Record<string, unknown> = {}) =>
      operation === 'DescribeRecipe' && !emulator.operations.includes('DescribeRecipe') ? describeRecipe(request) : emulator.call(operation, request);
    this.endpoint = new PersonalizeHttpEndpoint(face);
  }

  async start(): Promise<this> {
    this.url = await this.endpoint.start();
    this.client = new PersonalizeClient({ endpoint: this.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    return this;
  }

  async stop(): Promise<void> {
    this.client?.destroy();
    await this.endpoint.stop();
  }

  /** Runs the planner, and checks that it wrote nothing. */
  async preflight(plan: ExecutionPlan, now?: Date): Promise<PreflightResult> {
    const before = this.emulator.mutations().length;
    const result = await preflight(this.client, plan, this.location, now);
    expect(this.emulator.mutations().length).toBe(before);
    return result;
  }

  /** When a solution version was created, in epoch milliseconds. */
  versionCreatedAt(solutionVersionArn: string): number {
    const { solutionVersion } = this.emulator.call('DescribeSolutionVersion', { solutionVersionArn }) as { solutionVersion: { creationDateTime: Date } };
    return solutionVersion.creationDateTime.getTime();
  }

  /** Calls the emulator directly, as seeding does. */
  call<T = Record<string, string>>(operation: string, request: Record<string, unknown>): T {
    return this.emulator.call(operation, request) as T;
  }
}

/** A deep copy of a sample config to change. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function copyOf(config: unknown): any {
  return JSON.parse(JSON.stringify(config));
}
