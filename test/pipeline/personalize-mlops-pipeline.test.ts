import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { InferenceOption, PersonalizeMlOpsPipeline, RecommendationType } from '../../src';
import { ALL_OPTIONS, synthPipeline } from '../helpers/pipeline-fixture';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator');

const comments = (template: Template) => Object.values(template.findResources('AWS::StepFunctions::StateMachine')).map((r: any) => {
  // References are DefinitionSubstitutions (`${name}`): the definition is one string.
  return JSON.parse(r.Properties.DefinitionString).Comment ?? r.Properties.Comment;
});

describe('which state machines exist', () => {
  test('the default pipeline has the main, dataset group, dataset and import state machines and the poll machine only', () => {
    const { template } = synthPipeline({});
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 5);
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.resourceCountIs('AWS::Glue::Job', 0);
  });

  test.each([
    // Each with the default's five (the poll machine among them).
    ['preProcessingConfig', { preProcessingConfig: ALL_OPTIONS.preProcessingConfig }, 6],
    ['enableFilters', { enableFilters: true }, 6],
    ['enableEventTracker', { enableEventTracker: true }, 6],
    // Solutions: the solution flow and the training flow.
    ['SOLUTIONS without inference', { recommendationConfig: [{ type: RecommendationType.SOLUTIONS }] }, 7],
    ['SOLUTIONS with CAMPAIGNS', { recommendationConfig: [{ type: RecommendationType.SOLUTIONS, inferenceOptions: [InferenceOption.CAMPAIGNS] }] }, 8],
    ['RECOMMENDERS', { recommendationConfig: [{ type: RecommendationType.RECOMMENDERS }] }, 6],
    ['every option', ALL_OPTIONS, 14],
  ])('%s adds its flows', (_label, props, count) => {
    synthPipeline(props).template.resourceCountIs('AWS::StepFunctions::StateMachine', count);
  });

  test('the pipeline exposes every state machine it created, and none it did not', () => {
    const { pipeline } = synthPipeline({ enableFilters: true });
    expect(pipeline.filterStateMachine).toBeDefined();
    expect(pipeline.eventTrackerStateMachine).toBeUndefined();
    expect(pipeline.solutionStateMachine).toBeUndefined();
    expect(pipeline.stateMachine).toBeDefined();
  });

  test('the validator knows which flows are deployed', () => {
    const { template } = synthPipeline({ enableEventTracker: true });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: { DEPLOYED_FEATURES: Match.serializedJson(Match.objectLike({ eventTracker: true, filters: false, solutions: false })) },
      },
    });
  });
});

describe('state machine definitions', () => {
  const { template } = synthPipeline(ALL_OPTIONS);
  const resolved = new PipelineTemplate(template.toJSON());

  test.each(resolved.stateMachines.map((sm) => [sm.logicalId, sm.definition]))('%s passes asl-validator', (_id, definition) => {
    const { isValid, errorsText } = aslValidator(structuredClone(definition));
    expect(errorsText()).toBe('');
    expect(isValid).toBe(true);
  });

  test('use JSONPath, not JSONata', () => {
    for (const sm of resolved.stateMachines) expect(JSON.stringify(sm.definition)).not.toContain('JSONata');
  });

  test('every state machine is logged at level ALL and traced', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(14);
    for (const machine of machines) {
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
    }
  });

  test('every poll loop is bounded and ends in a Fail state', () => {
    // A bound is a Choice that compares a count with a literal or with the poll machine's kind's bound (its row of the
    // kind table); every cycle through a Wait must pass one.
    const bounding = (state: any) => state.Type === 'Choice'
      && /"Numeric(GreaterThanEquals|LessThan)(":\d+|Path":"\$\.polls")/.test(JSON.stringify(state.Choices));
    const nextOf = (state: any): string[] => [
      state.Next, state.Default, ...(state.Choices ?? []).map((c: any) => c.Next), ...(state.Catch ?? []).map((c: any) => c.Next),
    ].filter((n): n is string => typeof n === 'string');
    const unbounded = (states: Record<string, any>): string[] => {
      const nested = Object.values(states).flatMap((s: any) => [
        ...(s.Branches ?? []).map((b: any) => b.States),
        ...(s.ItemProcessor ? [s.ItemProcessor.States] : []),
        ...(s.Iterator ? [s.Iterator.States] : []),
      ]).flatMap(unbounded);
      const reaches = (from: string, to: string, seen = new Set<string>()): boolean => nextOf(states[from]).some((n) =>
        n === to || (!seen.has(n) && !bounding(states[n]) && (seen.add(n), reaches(n, to, seen))));
      return [...nested, ...Object.keys(states).filter((name) => states[name].Type === 'Wait' && reaches(name, name))];
    };
    let waits = 0;
    for (const sm of resolved.stateMachines) {
      waits += (JSON.stringify(sm.definition).match(/"Type":"Wait"/g) ?? []).length;
      expect(unbounded(sm.definition.States)).toEqual([]);
    }
    expect(waits).toBeGreaterThan(5);
  });

  test('no state machine has a hard-coded name', () => {
    template.allResourcesProperties('AWS::StepFunctions::StateMachine', { StateMachineName: Match.absent() });
    template.allResourcesProperties('AWS::Events::EventBus', { Name: Match.anyValue() });
    expect(comments(template).filter((c) => c?.startsWith('personalize-mlops'))).toHaveLength(14);
  });
});

describe('IAM', () => {
  const { template } = synthPipeline(ALL_OPTIONS);
  const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  const resourcesOf = (statement: any) => [statement.Resource].flat();

  test('every Personalize action is scoped to this partition, region and account (List actions, which take no resource, aside)', () => {
    const personalize = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('personalize:')));
    expect(personalize.length).toBeGreaterThan(10);
    for (const statement of personalize) {
      const listOnly = [statement.Action].flat().every((a: string) => /^personalize:List/.test(a) || !a.startsWith('personalize:'));
      for (const resource of resourcesOf(statement)) {
        const text = JSON.stringify(resource);
        if (listOnly && text === '"*"') continue;
        expect(text).not.toBe('"*"');
        const isRecipe = text.includes(':personalize:::recipe/');
        if (!isRecipe) {
          expect(text).toContain('{"Ref":"AWS::Partition"}');
          expect(text).toMatch(/:personalize:us-east-1:123456789012:/);
        }
      }
    }
  });

  test('iam:PassRole only towards Personalize', () => {
    const passRole = statements.filter((s) => [s.Action].flat().includes('iam:PassRole'));
    expect(passRole).toHaveLength(1);
    expect(passRole[0].Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } });
  });

  test('iam:PassRole is limited to the configured roles when given', () => {
    const roleArn = 'arn:aws:iam::123456789012:role/PersonalizeImports';
    const { template: scoped } = synthPipeline({ personalizeRoleArns: [roleArn] });
    scoped.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'iam:PassRole', Resource: roleArn })]) },
    });
  });

  test('events go to the pipeline bus only', () => {
    const putEvents = statements.filter((s) => [s.Action].flat().includes('events:PutEvents'));
    expect(putEvents.length).toBeGreaterThan(0);
    for (const statement of putEvents) expect(JSON.stringify(statement.Resource)).toContain('EventBus');
  });

  test('the Glue step may run only the allowed jobs', () => {
    const { template: glue } = synthPipeline({ preProcessingConfig: { jobType: ALL_OPTIONS.preProcessingConfig!.jobType, allowedJobNames: ['movielens-preprocessing'] } });
    const glueStatements = Object.values(glue.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('glue:')));
    expect(glueStatements.length).toBeGreaterThan(0);
    for (const statement of glueStatements) {
      for (const resource of resourcesOf(statement)) expect(JSON.stringify(resource)).toContain(':glue:us-east-1:123456789012:job/movielens-preprocessing');
    }
  });
});

describe('composition', () => {
  test('two pipelines in one stack synthesize without clashes', () => {
    const app = new App();
    const stack = new Stack(app, 'Two');
    new PersonalizeMlOpsPipeline(stack, 'Media', ALL_OPTIONS);
    new PersonalizeMlOpsPipeline(stack, 'Retail', ALL_OPTIONS);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 28);
    template.resourceCountIs('AWS::Events::EventBus', 2);
    const resolved = new PipelineTemplate(template.toJSON());
    expect(resolved.mainStateMachines.map((m) => m.logicalId.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['MediaStateMachine', 'RetailStateMachine']);
  });

  test('an existing event bus is used instead of a new one', () => {
    const app = new App();
    const stack = new Stack(app, 'Bus');
    const bus = new events.EventBus(stack, 'Shared');
    const pipeline = new PersonalizeMlOpsPipeline(stack, 'Pipeline', { eventBus: bus, eventSource: 'acme.recommendations' });
    expect(pipeline.eventBus).toBe(bus);
    Template.fromStack(stack).resourceCountIs('AWS::Events::EventBus', 1);
  });

  test('synth is deterministic', () => {
    const first = JSON.stringify(synthPipeline(ALL_OPTIONS).template.toJSON());
    const second = JSON.stringify(synthPipeline(ALL_OPTIONS).template.toJSON());
    expect(second).toBe(first);
  });
});

describe('validation of props', () => {
  test('solutionConcurrency must be a positive integer', () => {
    expect(() => synthPipeline({ solutionConcurrency: 0 })).toThrow(/solutionConcurrency must be an integer from 1 to 40, got: 0/);
  });

  test('inference options belong to SOLUTIONS', () => {
    expect(() => synthPipeline({ recommendationConfig: [{ type: RecommendationType.RECOMMENDERS, inferenceOptions: [InferenceOption.CAMPAIGNS] }] }))
      .toThrow(/recommendationConfig\[0\].inferenceOptions applies to SOLUTIONS only, got: CAMPAIGNS on RECOMMENDERS/);
  });
});
