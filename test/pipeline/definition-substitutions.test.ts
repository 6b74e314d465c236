import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';
import { PersonalizeMlOpsPipeline } from '../../src';

describe('definition references as DefinitionSubstitutions', () => {
  const stack = new Stack(new App(), 'Subst');
  new PersonalizeMlOpsPipeline(stack, 'Pipeline', {});
  const json = Template.fromStack(stack).toJSON();
  const machines = Object.entries<any>(json.Resources).filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine');

  test('every definition is one string; each reference is written once, under a name, and used as ${name}', () => {
    expect(machines.length).toBeGreaterThan(0);
    for (const [, machine] of machines) {
      const { DefinitionString: definition, DefinitionSubstitutions: substitutions } = machine.Properties;
      expect(typeof definition).toBe('string');
      expect(substitutions.Partition).toEqual({ Ref: 'AWS::Partition' });
      expect(definition).toContain('arn:${Partition}:states:::');
      // Each name is used, and each value is there once.
      for (const name of Object.keys(substitutions)) expect(definition).toContain(`\${${name}}`);
      const values = Object.values(substitutions).map((value) => JSON.stringify(value));
      expect(new Set(values).size).toBe(values.length);
    }
  });

  test('the local runner applies them: no ${name} is left in a resolved definition', () => {
    const resolved = new PipelineTemplate(json);
    for (const machine of resolved.stateMachines) {
      const text = JSON.stringify(machine.definition);
      expect(text).not.toMatch(/\$\{[A-Za-z0-9_]+\}/);
      expect(text).toContain('arn:aws:states:::');
    }
  });
});
